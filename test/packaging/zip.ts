import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** One entry of a zip file (a .vsix is one). */
export interface ZipEntry { name: string; size: number; compressedSize: number; read(): Buffer }

/**
 * The entries of a zip file, read from its central directory: enough for the
 * tests to see what a package holds without a zip library.
 */
export function readZip(file: string): ZipEntry[] {
    const data = readFileSync(file);
    let end = data.length - 22;
    while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) end--;
    if (end < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
    const count = data.readUInt16LE(end + 10);
    let offset = data.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
        if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
        const method = data.readUInt16LE(offset + 10);
        const compressedSize = data.readUInt32LE(offset + 20);
        const size = data.readUInt32LE(offset + 24);
        const nameLength = data.readUInt16LE(offset + 28);
        const extraLength = data.readUInt16LE(offset + 30);
        const commentLength = data.readUInt16LE(offset + 32);
        const local = data.readUInt32LE(offset + 42);
        const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
        entries.push({
            name, size, compressedSize,
            read: () => {
                const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
                const raw = data.subarray(start, start + compressedSize);
                return method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
            }
        });
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

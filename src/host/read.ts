/**
 * How mplan reads the files it is given, for the CLI and the language server
 * alike: only regular files, within a size limit, and only UTF-8 text.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * The largest plan file mplan reads, in bytes: 5 MB, about 200,000 lines.
 * The examples are 5 KB and the benchmark's largest plan 2.5 MB (100,000
 * lines). A clean 5 MB plan is checked in about 2 s; past that, time and
 * memory grow faster than a user will wait (50 MB took 46 s and 3 GB, and 50
 * MB of text that is not a plan ran out of memory), so a bigger file is
 * refused at once, in one line, rather than after a long wait or a crash.
 */
export const MAX_PLAN_BYTES = 5 * 1024 * 1024;

/** The largest settings or ignore file mplan reads: a real one is a few hundred bytes. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

/** The largest baseline mplan reads: a baseline of 100,000 findings is about 30 MB. */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** A file that cannot be used, with the reason in words (shown after the file's name). */
export class UnreadableFile extends Error {}

/** A size in words: "50.0 MB", "800 KB". */
export function sizeInWords(bytes: number): string {
    return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The bytes of a regular file of at most `limit` bytes. It is opened without
 * waiting (a named pipe would block a plain read forever) and checked on the
 * open descriptor, so what is checked is what is read. Node's errors (ENOENT,
 * EACCES, EISDIR) pass through with their codes; a named pipe, socket or
 * device and a file over the limit are UnreadableFile.
 */
export function readRegularFile(file: string, limit: number, what: string): Buffer {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
        const stat = fstatSync(fd);
        if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        if (!stat.isFile()) throw new UnreadableFile('not a regular file but a named pipe, socket or device');
        if (stat.size > limit) throw new UnreadableFile(`too big for ${what}: ${sizeInWords(stat.size)}, over the limit of ${sizeInWords(limit)}`);
        return readFileSync(fd);
    } finally {
        closeSync(fd);
    }
}

/** 1-based line and column of a byte offset, the column counted in characters. */
function positionOf(bytes: Buffer, offset: number): string {
    const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(10, offset - 1) + 1;
    let line = 1;
    for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
    const before = bytes.subarray(lineStart, offset).toString('utf8');
    return `line ${line}, column ${[...before].length + 1}`;
}

/** The offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
    for (let i = 0; i < bytes.length;) {
        const b = bytes[i];
        const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
        if (length === 0 || i + length > bytes.length) return i;
        for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
        // Overlong forms, surrogates and code points above U+10FFFF.
        const second = bytes[i + 1];
        if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
        i += length;
    }
    return -1;
}

/**
 * A file's bytes as text, refusing what is not text: UTF-16 (its byte-order
 * mark), a NUL byte (a binary file: an image, UTF-16 without a mark) or bytes
 * that are not UTF-8 (named by line and column: the text before them is). Decoding them
 * anyway would put replacement characters into the plan, which --fix would
 * then write back: the original bytes silently lost. A byte-order mark is
 * kept, as Langium's own reading keeps it.
 */
export function textOf(bytes: Buffer): string {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new UnreadableFile('UTF-16 text, not UTF-8; save the file as UTF-8');
    const nul = bytes.indexOf(0);
    if (nul !== -1) throw new UnreadableFile(`a binary file, not plan text: a NUL byte at byte ${nul + 1}`);
    const invalid = firstInvalidUtf8(bytes);
    if (invalid !== -1) throw new UnreadableFile(`not UTF-8 text: the first invalid byte is at ${positionOf(bytes, invalid)}; save the file as UTF-8`);
    return bytes.toString('utf8');
}

/** A plan file's text: a regular file of at most MAX_PLAN_BYTES, UTF-8 text. */
export function readPlanFile(file: string): string {
    return textOf(readRegularFile(file, MAX_PLAN_BYTES, 'a plan file'));
}

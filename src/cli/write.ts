import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file's content so that, whatever happens, the file holds either
 * the old text or the new text, never a part: the new text is written and
 * flushed to a temporary file beside it, which then replaces the file in one
 * rename. The file's permissions are kept; a new file gets the usual ones
 * (0o666 less the umask).
 */
export function writeFileAtomic(file: string, text: string): void {
    const mode = existingMode(file) ?? 0o666;
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    let fd: number | undefined;
    try {
        fd = openSync(temporary, 'wx', mode);
        writeSync(fd, text);
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        renameSync(temporary, file);
    } catch (error) {
        if (fd !== undefined) closeSync(fd);
        try { unlinkSync(temporary); } catch { /* already gone */ }
        throw error;
    }
}

function existingMode(file: string): number | undefined {
    try {
        return statSync(file).mode & 0o7777;
    } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return undefined;
        throw error;
    }
}

import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

/** Why a file could not be written, in words (the folder is what is missing when ENOENT). */
export function describeWriteError(error: unknown): string {
    switch ((error as { code?: string }).code) {
        case 'ENOENT': return 'no such directory';
        case 'ENOTDIR': return 'a part of the path is not a directory';
        case 'EACCES': case 'EPERM': case 'EROFS': return 'permission denied';
        case 'EISDIR': return 'is a directory';
        default: return error instanceof Error ? error.message : String(error);
    }
}

/**
 * The file was changed (or removed) by someone else after mplan read it:
 * replacing it would lose that change, so it was not written.
 */
export class ChangedMeanwhile extends Error {
    constructor(readonly file: string) {
        super(`${file} changed while mplan was working on it`);
    }
}

/** The line that tells a file was not written because it changed under mplan (`name`: the file as shown). */
export function changedMeanwhileLine(name: string): string {
    return `mplan: ${name} changed while mplan was working on it; not written: run again\n`;
}

/** What a write may replace: with `unchangedFrom`, only a file that still holds that text (what mplan read and worked on). */
export interface WriteOptions {
    unchangedFrom?: string;
}

/**
 * Replaces a file's content so that, whatever happens, the file holds either
 * the old text or the new text, never a part: the new text is written and
 * flushed to a temporary file beside it, which then replaces the file in one
 * rename, and the folder is flushed so that the rename survives a crash too.
 * The file's permissions are kept; a new file gets the usual ones (0o666 less
 * the umask). A link is followed: the file it points to is replaced and the
 * link stays a link.
 *
 * The temporary file is hidden and named after the file and this process
 * (`.plan.mplan.<pid>.<random>.tmp`). A failed write removes it; a process
 * killed while writing cannot, so each successful write also removes the ones
 * that processes no longer running left beside the same file.
 *
 * With `unchangedFrom` (the text mplan read from the file and worked on),
 * the file is read again just before the rename and replaced only when it
 * still holds exactly that text: an edit saved meanwhile (an editor, another
 * mplan) is kept, the write is given up and `ChangedMeanwhile` is thrown. The
 * comparison is of every byte, not of size and modification time, which a
 * save within the same second and of the same length would not change. What
 * remains is the instant between that read and the rename.
 */
export function writeFileAtomic(file: string, text: string, options: WriteOptions = {}): void {
    const target = followLink(file);
    const mode = existingMode(target) ?? 0o666;
    const directory = path.dirname(target);
    const prefix = temporaryPrefix(target);
    const temporary = path.join(directory, `${prefix}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    let fd: number | undefined;
    try {
        fd = openSync(temporary, 'wx', mode);
        writeAll(fd, Buffer.from(text, 'utf8'));
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        if (options.unchangedFrom !== undefined && !holds(target, options.unchangedFrom)) throw new ChangedMeanwhile(file);
        renameSync(temporary, target);
    } catch (error) {
        if (fd !== undefined) closeSync(fd);
        try { unlinkSync(temporary); } catch { /* already gone */ }
        throw error;
    }
    flushFolder(directory);
    removeStaleTemporaries(directory, prefix);
}

/** Whether a file holds exactly this text (UTF-8); a file gone or unreadable does not. */
function holds(file: string, text: string): boolean {
    let bytes: Buffer;
    try {
        bytes = readFileSync(file);
    } catch {
        return false;
    }
    return bytes.equals(Buffer.from(text, 'utf8'));
}

/** A file a run reads, and what it is to the run, in words ("a plan this run checks"). */
export interface RunInput {
    file: string;
    role: string;
}

/**
 * The line refusing an output option (`--output FILE`) whose file is one the
 * run reads, or undefined when it is none of `inputs`. `show` names a file as
 * the run shows paths.
 */
export function outputClash(option: string, name: string, target: string, inputs: Iterable<RunInput>, show: (file: string) => string): string | undefined {
    const input = replacedInput(target, inputs);
    return input && `mplan: ${option} ${name} would replace ${show(input.file)}, ${input.role}; choose another file\n`;
}

/**
 * Whether writing `target` would replace a file the run reads: the first such
 * input, or undefined: the same file, links followed (hard links too: the
 * same device and inode). An output must never cost the user a plan or their
 * settings (`--output plan.mplan`, a link to mplan.json).
 */
export function replacedInput(target: string, inputs: Iterable<RunInput>): RunInput | undefined {
    const output = statOf(target);
    if (!output) return undefined;
    for (const input of inputs) {
        const stat = statOf(input.file);
        if (stat && stat.dev === output.dev && stat.ino === output.ino) return input;
    }
    return undefined;
}

/** A file's status, links followed; undefined when it cannot be had (no such file: nothing to replace). */
function statOf(file: string): { dev: number; ino: number } | undefined {
    try {
        return statSync(file);
    } catch {
        return undefined;
    }
}

/**
 * Writes every byte. One write may write fewer bytes than asked without an
 * error (the file size limit, a full disk): the next write then fails with
 * the reason. Renaming after a short write would replace the file with its
 * beginning.
 */
function writeAll(fd: number, bytes: Buffer): void {
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** The start of the names of a file's temporary files: `.plan.mplan.` for plan.mplan. */
function temporaryPrefix(file: string): string {
    return `.${path.basename(file)}.`;
}

/** Where a write to `file` goes: the file a link points to (a new file or a dangling link: the path itself). */
function followLink(file: string): string {
    try {
        return realpathSync(file);
    } catch {
        return file;
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

/** Flushes a folder's entries (the rename) to disk; where folders cannot be opened (Windows), the rename stands as it is. */
function flushFolder(directory: string): void {
    let fd: number | undefined;
    try {
        fd = openSync(directory, 'r');
        fsyncSync(fd);
    } catch {
        // Not supported here: nothing more can be done.
    } finally {
        if (fd !== undefined) closeSync(fd);
    }
}

/** True while a process of this id runs (or exists under another user). */
function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as { code?: string }).code === 'EPERM';
    }
}

/**
 * Removes the temporary files of one file (names starting with `prefix`) left
 * by processes that no longer run: killed while they wrote. A file of a
 * process still running is its write in progress, and is left alone; so is
 * anything else in the folder. This process's own temporary files never
 * outlive its writes, so one with its id is another's left over: removed too.
 */
function removeStaleTemporaries(directory: string, prefix: string): void {
    let names: string[];
    try {
        names = readdirSync(directory);
    } catch {
        return;
    }
    for (const name of names) {
        if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
        const match = /^(\d+)\.[0-9a-f]+$/.exec(name.slice(prefix.length, -'.tmp'.length));
        if (!match) continue;
        const pid = Number(match[1]);
        if (pid !== process.pid && isRunning(pid)) continue;
        try { unlinkSync(path.join(directory, name)); } catch { /* removed meanwhile */ }
    }
}

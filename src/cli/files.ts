import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { MAX_SETTINGS_BYTES, readRegularFile, UnreadableFile } from '../host/read.js';

export const PLAN_EXTENSION = '.mplan';

/** The ignore file read from the working directory when no --ignore-path is given. */
export const DEFAULT_IGNORE_FILE = '.mplanignore';

/** Folders never searched for plans, unless a glob names them (see `walksInto`). */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export class UsageError extends Error {}

/**
 * An ignore file in gitignore syntax. Its patterns are relative to the folder
 * that holds it, as in git; a file outside that folder is never ignored.
 */
export interface IgnoreFilter {
    /** The ignore file as the user names it, for the notes that mention it. */
    readonly name: string;
    /** True when the file (or, with `directory`, the folder) at this absolute path is ignored. */
    ignores(file: string, directory?: boolean): boolean;
}

/**
 * The ignore file of a check: --ignore-path FILE, else .mplanignore in the
 * working directory when there is one; none with --no-ignore. A FILE given
 * explicitly that cannot be read is a usage error, as is an unreadable
 * .mplanignore; an absent .mplanignore just means nothing is ignored.
 */
export function loadIgnoreFilter(options: { ignorePath?: string; noIgnore: boolean; cwd: string }): IgnoreFilter | undefined {
    if (options.noIgnore) return undefined;
    const name = options.ignorePath ?? DEFAULT_IGNORE_FILE;
    const file = path.resolve(options.cwd, name);
    let text: string;
    try {
        // Not a plain read: a named pipe would be waited on forever.
        text = readRegularFile(file, MAX_SETTINGS_BYTES, 'an ignore file').toString('utf8');
    } catch (error) {
        const code = (error as { code?: string }).code;
        if (options.ignorePath === undefined && code === 'ENOENT') return undefined;
        const reason = error instanceof UnreadableFile ? error.message
            : code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : code ?? String(error);
        throw new UsageError(`${name}: cannot read the ignore file (${reason})`);
    }
    return ignoreFilter(name, path.dirname(file), ignore().add(text));
}

function ignoreFilter(name: string, base: string, rules: Ignore): IgnoreFilter {
    return {
        name,
        ignores(file, directory = false) {
            const relative = path.relative(base, file);
            if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
            const posix = relative.split(path.sep).join('/');
            return rules.ignores(directory ? `${posix}/` : posix);
        }
    };
}

/** A path of the command line (or a file or folder found under one) that gives no plan to check, and why. */
export interface PathProblem {
    /** As the user reads it: the argument as written, or a path under it. */
    path: string;
    /** Why, in a few words: `no such file or directory`, `cannot read directory (permission denied)`. */
    reason: string;
}

/** The plan files of a command line, and what it named that the ignore file skips. */
export interface FoundPlans {
    /** Absolute paths, each once: in the order of the arguments, each folder's and glob's sorted. */
    files: string[];
    /** Arguments (files or folders, as written) named explicitly but ignored by the ignore file. */
    skipped: string[];
    /** Paths that give nothing to check (missing, unreadable, no plan file): each is told, the rest still checked. */
    problems: PathProblem[];
}

/**
 * The plan files named by the command line: files as given, folders searched
 * recursively for `.mplan` files, and globs (`'plans/**\/*.mplan'`, quoted so
 * that the shell leaves them alone) matched against the files under the
 * glob's static base folder. Hidden folders and node_modules are not searched
 * unless a glob names them. A path that does not exist, a file that is not a
 * plan file, a folder without plans or that cannot be read and a glob
 * matching no plan file are problems, each told in one line; the other
 * paths are still searched, so that one bad path (a dangling link among the
 * files a shell glob named) does not keep the others from being checked.
 *
 * With an ignore filter, files it ignores that were found by searching a
 * folder or matching a glob are left out silently; a file or folder named
 * explicitly but ignored is left out and listed in `skipped`, so the caller
 * can say so. A folder or glob whose plans are all ignored is not an error.
 */
export async function findPlans(args: string[], cwd: string, filter?: IgnoreFilter): Promise<FoundPlans> {
    const files: string[] = [];
    const skipped: string[] = [];
    const problems: PathProblem[] = [];
    for (const arg of args) {
        const absolute = path.resolve(cwd, arg);
        const stat = await statOrProblem(absolute, arg, problems);
        if (stat === 'problem') continue;
        if (!stat && picomatch.scan(arg).isGlob) {
            files.push(...await matchGlob(arg, cwd, problems, filter));
            continue;
        }
        if (!stat) {
            problems.push({ path: arg, reason: 'no such file or directory' });
        } else if (stat.isDirectory()) {
            if (filter?.ignores(absolute, true)) {
                skipped.push(arg);
                continue;
            }
            const unreadable = problems.length;
            const found = await walk(absolute, arg, () => false, problems);
            if (found.length === 0 && problems.length === unreadable) problems.push({ path: arg, reason: `no ${PLAN_EXTENSION} files in this directory` });
            files.push(...found.filter(file => !filter?.ignores(file)));
        } else if (!absolute.endsWith(PLAN_EXTENSION)) {
            problems.push({ path: arg, reason: `not a plan file (plan files end in ${PLAN_EXTENSION})` });
        } else if (filter?.ignores(absolute)) {
            skipped.push(arg);
        } else {
            files.push(absolute);
        }
    }
    return { files: [...new Set(files)], skipped, problems };
}

/** `findPlans` without an ignore file: the plan files of a command line; the first problem is a UsageError. */
export async function expandPaths(args: string[], cwd: string): Promise<string[]> {
    const found = await findPlans(args, cwd);
    if (found.problems.length > 0) throw new UsageError(problemLine(found.problems[0]));
    return found.files;
}

/** A problem as its line says it (without `mplan: `). */
export function problemLine(problem: PathProblem): string {
    return `${problem.path}: ${problem.reason}`;
}

/** The path's stat; undefined when nothing is there; 'problem' (told in `problems`) when it cannot be looked at. */
async function statOrProblem(absolute: string, arg: string, problems: PathProblem[]) {
    try {
        return await fs.stat(absolute);
    } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        problems.push({ path: arg, reason: `cannot read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? String(error)})` });
        return 'problem' as const;
    }
}

/**
 * The plan files a glob matches. The glob's static base folder (`plans` in
 * `plans/**\/*.mplan`) is searched and each plan file's path below it is
 * matched against the rest of the glob. Dot files match `*` like any file
 * (as in a folder search); hidden folders and node_modules are entered only
 * when the glob spells their name.
 */
async function matchGlob(glob: string, cwd: string, problems: PathProblem[], filter?: IgnoreFilter): Promise<string[]> {
    const scan = picomatch.scan(glob);
    const base = path.resolve(cwd, scan.base || '.');
    const matches = picomatch(scan.glob, { dot: true });
    const named = new Set(scan.glob.split('/'));
    const baseStat = await statOrProblem(base, scan.base, problems);
    if (baseStat === 'problem') return [];
    const unreadable = problems.length;
    const found = baseStat?.isDirectory()
        ? await walk(base, scan.base || '.', name => named.has(name), problems)
        : [];
    const plans = found.filter(file => matches(path.relative(base, file).split(path.sep).join('/')));
    if (plans.length === 0 && problems.length === unreadable) problems.push({ path: glob, reason: `no ${PLAN_EXTENSION} files match this pattern` });
    return plans.filter(file => !filter?.ignores(file));
}

/**
 * Every plan file under a folder, sorted by name at each level. A hidden
 * folder or node_modules is entered only when `enterSkipped(name)` says so.
 * A folder that cannot be read is told in `problems`, and the others searched.
 */
async function walk(directory: string, shown: string, enterSkipped: (name: string) => boolean, problems: PathProblem[]): Promise<string[]> {
    let entries;
    try {
        entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error) {
        const code = (error as { code?: string }).code;
        problems.push({ path: shown, reason: `cannot read directory (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? String(error)})` });
        return [];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const result: string[] = [];
    for (const entry of entries) {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
            const hidden = entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name);
            if (hidden && !enterSkipped(entry.name)) continue;
            result.push(...await walk(full, path.join(shown, entry.name), enterSkipped, problems));
        } else if (entry.isFile() && entry.name.endsWith(PLAN_EXTENSION)) {
            result.push(full);
        }
    }
    return result;
}

/**
 * A check that a file mplan is about to read as an import is inside one of the
 * project's folders once links are followed: the import rule of imports.ts
 * judges paths as written, and a link inside the project (`shared.mplan ->
 * ~/.ssh/id_rsa`) would otherwise lead out of it. Files named on the command
 * line are the user's choice and are not checked. Throws UnreadableFile.
 */
export function linkConfinement(roots: readonly string[], named: readonly string[]): (file: string) => void {
    const allowed = new Set(named.map(file => path.resolve(file)));
    let realRoots: string[] | undefined;
    return file => {
        if (allowed.has(path.resolve(file))) return;
        realRoots ??= roots.flatMap(root => {
            try {
                return [realpathSync(root)];
            } catch {
                return [];
            }
        });
        const real = realpathSync(file);
        const inside = realRoots.some(root => {
            const relative = path.relative(root, real);
            return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
        });
        if (!inside) throw new UnreadableFile('a link to a file outside the project folder, not read');
    };
}

/** A path as the user reads it: relative to the working directory when inside it. */
export function shown(file: string, cwd: string): string {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

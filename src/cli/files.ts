import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const PLAN_EXTENSION = '.mplan';

/** Folders never searched for plans. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export class UsageError extends Error {}

/**
 * The plan files named by the command line: files as given, folders searched
 * recursively for `.mplan` files (sorted, hidden folders and node_modules
 * skipped). A path that does not exist, a file that is not a plan file and a
 * folder without plans are errors, each in one line.
 */
export async function expandPaths(args: string[], cwd: string): Promise<string[]> {
    const files: string[] = [];
    for (const arg of args) {
        const absolute = path.resolve(cwd, arg);
        let stat;
        try {
            stat = await fs.stat(absolute);
        } catch (error) {
            const code = (error as { code?: string }).code;
            throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `${arg}: no such file or directory` : `${arg}: cannot read (${code ?? String(error)})`);
        }
        if (stat.isDirectory()) {
            const found = await findPlans(absolute, arg);
            if (found.length === 0) throw new UsageError(`${arg}: no ${PLAN_EXTENSION} files in this directory`);
            files.push(...found);
        } else if (!absolute.endsWith(PLAN_EXTENSION)) {
            throw new UsageError(`${arg}: not a plan file (plan files end in ${PLAN_EXTENSION})`);
        } else {
            files.push(absolute);
        }
    }
    return [...new Set(files)];
}

async function findPlans(directory: string, shown: string): Promise<string[]> {
    let entries;
    try {
        entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error) {
        const code = (error as { code?: string }).code;
        throw new UsageError(`${shown}: cannot read directory (${code === 'EACCES' ? 'permission denied' : code ?? String(error)})`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const result: string[] = [];
    for (const entry of entries) {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
            if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
            result.push(...await findPlans(full, path.join(shown, entry.name)));
        } else if (entry.isFile() && entry.name.endsWith(PLAN_EXTENSION)) {
            result.push(full);
        }
    }
    return result;
}

import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommandResult } from './results.js';
import { shown } from './files.js';
import { writeFileAtomic } from './write.js';
import { CONFIG_FILE_NAME } from '../language/config/config-file.js';
import { today } from '../language/config/settings.js';
import { starterPlan } from './starter/plan.js';
import { starterConfig } from './starter/config.js';
import { commandFor, routeFor, runningPackageRoot, schemaReference, shellWord } from './starter/route.js';
import { listed } from '../language/wording.js';

export interface InitOptions {
    directory: string[];
    force: boolean;
    cwd: string;
    /** The folder of the running mplan package (default: the one this bundle belongs to). */
    packageRoot?: string;
    /** The PATH the user's shell searches (default: this process's). */
    pathVariable?: string;
}

/** The name of the starter plan file. */
export const STARTER_PLAN_NAME = 'plan.mplan';

interface Starter {
    file: string;
    text: string;
    what: string;
}

function failure(message: string): CommandResult {
    return { stdout: '', stderr: `mplan: ${message}\n`, exitCode: 2 };
}

/** What a file-system error code means, in words. */
function describe(error: unknown): string {
    const code = (error as { code?: string }).code;
    switch (code) {
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'ENOTDIR': return 'a part of the path is not a directory';
        case 'EEXIST': return 'already exists';
        case 'ENOSPC': return 'no space left on the device';
        case 'EROFS': return 'read-only file system';
        default: return code ?? String(error);
    }
}

/** What is at `file`: nothing, a file, or something else (a directory). */
function kindOf(file: string): 'none' | 'file' | 'other' {
    try {
        return statSync(file).isFile() ? 'file' : 'other';
    } catch {
        return 'none';
    }
}

/**
 * `mplan init [DIR] [--force]`: writes a commented starter plan and a minimal
 * `mplan.json` into DIR (the working directory by default; created when
 * missing), both clean under `mplan check`. Existing files are overwritten only
 * with --force; without it nothing at all is written, so a project is never
 * left half initialised.
 */
export async function init(options: InitOptions): Promise<CommandResult> {
    if (options.directory.length > 1) {
        return failure(`init takes one folder, not ${options.directory.length} (${options.directory.join(', ')})`);
    }
    const given = options.directory[0] ?? '.';
    const directory = path.resolve(options.cwd, given);
    const kind = kindOf(directory);
    if (kind === 'file') return failure(`${given}: not a directory`);
    const packageRoot = options.packageRoot ?? runningPackageRoot();

    const starters: Starter[] = [
        { file: path.join(directory, STARTER_PLAN_NAME), text: starterPlan(today()), what: 'a starter plan: make it yours, block by block' },
        { file: path.join(directory, CONFIG_FILE_NAME), text: starterConfig(schemaReference(directory, packageRoot)), what: 'the settings: rule levels and thresholds (mplan schema lists them)' }
    ];
    const present = starters.filter(starter => kindOf(starter.file) !== 'none');
    const notFiles = present.filter(starter => kindOf(starter.file) === 'other');
    if (notFiles.length > 0) {
        return failure(`${listed(notFiles.map(s => shown(s.file, options.cwd)))}: not a file, cannot write there; nothing written`);
    }
    if (present.length > 0 && !options.force) {
        const names = present.map(s => shown(s.file, options.cwd));
        return failure(`${listed(names)}: already ${names.length === 1 ? 'exists' : 'exist'}; nothing written (--force overwrites ${names.length === 1 ? 'it' : 'them'})`);
    }

    try {
        mkdirSync(directory, { recursive: true });
    } catch (error) {
        return failure(`${given}: cannot create the folder (${describe(error)})`);
    }
    const written: string[] = [];
    for (const starter of starters) {
        const existed = present.includes(starter);
        try {
            if (existed) writeFileAtomic(starter.file, starter.text);
            else writeFileSync(starter.file, starter.text, { flag: 'wx' });
        } catch (error) {
            // Take back the files this run created, so that a second try starts from the same place.
            for (const file of written) {
                if (!present.some(s => s.file === file)) {
                    try { unlinkSync(file); } catch { /* already gone */ }
                }
            }
            const overwritten = written.filter(file => present.some(s => s.file === file)).map(file => shown(file, options.cwd));
            const left = overwritten.length > 0 ? `${listed(overwritten)} already overwritten` : 'nothing written';
            return failure(`${shown(starter.file, options.cwd)}: cannot write (${describe(error)}); ${left}`);
        }
        written.push(starter.file);
    }

    const width = Math.max(...starters.map(s => shown(s.file, options.cwd).length));
    const lines = starters.map(s => `${present.includes(s) ? 'overwrote' : 'created  '} ${shown(s.file, options.cwd).padEnd(width)}  ${s.what}`);
    const here = path.relative(options.cwd, directory) === '';
    // The command as the user's shell runs this mplan: mplan, npx mplan, or its bin by path.
    const mplan = commandFor(routeFor(directory, { packageRoot, pathVariable: options.pathVariable ?? process.env.PATH ?? '' }));
    const next = here ? `${mplan} check` : `cd ${shellWord(shown(directory, options.cwd))} && ${mplan} check`;
    lines.push('', `Next: ${next}`);
    return { stdout: lines.join('\n') + '\n', stderr: '', exitCode: 0 };
}

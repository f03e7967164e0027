import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createMplanServices } from '../language/mplan-module.js';
import { describeReadError, loadPlans, type LoadResult } from '../language/workspace/plan-loader.js';
import type { MplanServices } from '../language/mplan-module.js';
import type { MplanIndexManager } from '../language/workspace/index-manager.js';
import { pathToFileURL } from 'node:url';
import { rulesDocsDir } from './docs.js';
import { fixesFor } from './fix.js';
import { writeFileAtomic } from './write.js';
import type { Settings } from '../language/config/settings.js';
import { dateProblem } from '../language/model/values.js';
import { loadSettings } from './config.js';
import { expandPaths, UsageError } from './files.js';
import { toFinding, type CliFileResult, type OutputFormat } from './formats/index.js';
import { present } from './output.js';

export interface CheckOptions {
    /** Files, folders and globs; none means the working directory. */
    paths: string[];
    cwd: string;
    format: OutputFormat;
    /** --output FILE: the formatted findings go to FILE (written atomically) instead of stdout. */
    output?: string;
    /** --max-warnings N: more than N warnings fail the run (exit 1). */
    maxWarnings?: number;
    /** --severity-threshold: the lowest severity that fails the run (default error). */
    severityThreshold: 'error' | 'warning' | 'info';
    /** --quiet: report errors only. */
    quiet: boolean;
    /** --baseline FILE: findings recorded in FILE are not reported. */
    baseline?: string;
    /** --write-baseline FILE: record the current findings in FILE. */
    writeBaseline?: string;
    /** --ignore-path FILE: the ignore file (default .mplanignore in cwd); --no-ignore: none. */
    ignorePath?: string;
    noIgnore: boolean;
    /** --color / --no-color; undefined: colours when stdout is a TTY and NO_COLOR is not set. */
    color?: boolean;
    /** --jobs N: at most N plans checked in parallel (default: decided by the run's size). */
    jobs?: number;
    /** --config FILE; else mplan.json in cwd when present. */
    config?: string;
    /** --as-of YYYY-MM-DD: the day date-dependent rules judge by. */
    asOf?: string;
    /** --fix: apply the unambiguous fixes to the files named, then report what is left. */
    fix?: boolean;
}

/** How many rounds --fix makes at most: a fix can make room for another. */
const FIX_ROUNDS = 5;

/** What a command produced; `main` writes it and exits, nothing else does. */
export interface CommandResult {
    stdout: string;
    stderr: string;
    exitCode: 0 | 1 | 2;
}

/**
 * `mplan check`: every plan file named (folders searched), with the files they
 * import, is parsed, linked and judged by every rule. Exit 0 when no finding is
 * an error, 1 when one is, 2 when a path cannot be read.
 */
export async function check(options: CheckOptions): Promise<CommandResult> {
    const started = performance.now();
    let files: string[];
    let settings: Settings;
    try {
        settings = runSettings(options.config, options.asOf, options.cwd);
        files = await expandPaths(options.paths.length ? options.paths : ['.'], options.cwd);
    } catch (error) {
        if (error instanceof UsageError) return { stdout: '', stderr: `mplan: ${error.message}\n`, exitCode: 2 };
        throw error;
    }
    const fixed = new Map<string, Set<string>>();
    let notes = '';
    let loaded = await checkFiles(files, settings);
    for (let round = 0; options.fix && round < FIX_ROUNDS; round++) {
        if (loaded.problems.length > 0) break;
        let changed = false;
        const named = new Set(files.map(file => URI.file(file).toString()));
        for (const document of loaded.entries) {
            if (!named.has(document.uri.toString())) continue;
            const fix = fixesFor(loaded.services, document);
            if (!fix) continue;
            try {
                writeFileAtomic(document.uri.fsPath, fix.text);
            } catch (error) {
                notes += `mplan: ${shown(document.uri.fsPath, options.cwd)}: could not write the fixes (${describeReadError(error)}); the file is unchanged\n`;
                continue;
            }
            changed = true;
            const set = fixed.get(document.uri.fsPath) ?? new Set<string>();
            fix.rules.forEach(rule => set.add(rule));
            fixed.set(document.uri.fsPath, set);
        }
        if (!changed) break;
        loaded = await checkFiles(files, settings);
    }
    if (loaded.problems.length > 0) {
        const lines = loaded.problems.map(p => `mplan: ${shown(p.uri.fsPath, options.cwd)}: cannot read (${p.message})`);
        return { stdout: '', stderr: lines.join('\n') + '\n', exitCode: 2 };
    }
    for (const [file, rules] of fixed) {
        notes += `fixed ${shown(file, options.cwd)}: ${[...rules].sort().join(', ')}\n`;
    }
    const results: CliFileResult[] = loaded.documents.map(document => ({
        path: shown(document.uri.fsPath, options.cwd),
        findings: (document.diagnostics ?? []).map(toFinding).sort((a, b) => a.line - b.line || a.column - b.column)
    }));
    const baselineMatched: number | undefined = undefined;
    return present(results, options, { notes, started, baselineMatched });
}

/** Loads and builds the files (and their imports) with fresh services and the given settings. */
export async function checkFiles(files: string[], settings: Settings): Promise<LoadResult & { services: MplanServices }> {
    const { shared, Mplan } = createMplanServices({ ...NodeFileSystem });
    Mplan.config.SettingsProvider.set(settings);
    Mplan.config.RuleDocs.setBase(pathToFileURL(rulesDocsDir()).href);
    // A one-shot check needs no index of references (find-references, rename).
    (shared.workspace.IndexManager as MplanIndexManager).indexReferences = false;
    return { ...await loadPlans(Mplan, files.map(file => URI.file(file))), services: Mplan };
}

/**
 * The settings of a run: --config (or mplan.json in cwd) read by loadSettings,
 * then --as-of, checked to be a real day. `check` and `report` share it, so
 * both judge a plan alike. Problems are UsageErrors (one line, exit 2).
 */
export function runSettings(config: string | undefined, asOf: string | undefined, cwd: string): Settings {
    const settings = loadSettings(config, cwd);
    if (asOf === undefined) return settings;
    const problem = dateProblem(asOf);
    if (problem) throw new UsageError(`--as-of takes a date (YYYY-MM-DD): ${problem}`);
    return { ...settings, asOf };
}

/** A path as the user reads it: relative to the working directory when inside it. */
export function shown(file: string, cwd: string): string {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

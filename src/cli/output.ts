/**
 * What `mplan check` prints and how it exits, once the plans are judged:
 * --quiet, the format, --output, the summary line, colours, and the exit code
 * from --severity-threshold and --max-warnings. The rules of the game (also in
 * docs/output-formats.md):
 *
 * - --quiet drops warnings and infos before anything else: they are not shown,
 *   not counted, and fail nothing (not even --max-warnings), as in ESLint.
 * - Findings at or above --severity-threshold (default error) fail the run
 *   (exit 1); findings below it are shown all the same.
 * - More than --max-warnings N warnings fail the run, with a line saying so.
 * - The summary line ends stylish output and heads markdown. Formats read by
 *   programs (json, sarif, junit, github) keep standard output to themselves:
 *   their summary line goes to standard error. With --output FILE, the format's
 *   text goes to FILE and standard output gets the summary line alone.
 * - A path or file that could not be read is one line on standard error
 *   (`mplan: FILE: why`), counted in the summary line and carried by the
 *   format as it allows; the run then exits 2, whatever the findings. So it
 *   does when --fix could not write a file (it changed meanwhile, or the
 *   write failed): told in a line of its own.
 * - Colours (stylish on standard output only): --color / --no-color if given;
 *   else none when NO_COLOR is set (non-empty); else on when FORCE_COLOR is
 *   set (other than 0 or false); else on when standard output is a terminal.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { CheckOptions } from './check-options.js';
import type { CommandResult } from './results.js';
import { MACHINE_FORMATS, render, summarise, summaryLine, type CliFileResult, type FormatContext, type SeverityName, type UnreadableFile } from './formats/index.js';
import { paintSummary } from './formats/stylish.js';
import { describeWriteError, writeFileAtomic } from './write.js';

/** What check() hands over besides the results. */
export interface RunFacts {
    /** Lines for stderr gathered on the way (files fixed, files that could not be written). */
    notes: string;
    /** performance.now() when the run began. */
    started: number;
    /** How many findings the baseline absorbed, when one was given. */
    baselineMatched: number | undefined;
    /** The paths and files that could not be read: told one line each, carried by the format, exit 2. */
    unreadable?: UnreadableFile[];
    /** A file --fix should have written was not (it changed meanwhile, or the write failed): told in `notes`, exit 2. */
    notWritten?: boolean;
}

const RANK: Record<SeverityName, number> = { info: 0, warning: 1, error: 2 };

/** The results with only their errors (--quiet). */
export function onlyErrors(results: CliFileResult[]): CliFileResult[] {
    return results.map(result => ({ ...result, findings: result.findings.filter(f => f.severity === 'error') }));
}

/** Whether stylish output gets colours; see the file's comment for the order of the switches. */
export function colorWanted(option: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
    if (option !== undefined) return option;
    if (env.NO_COLOR) return false;
    const force = env.FORCE_COLOR;
    if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
    return isTTY;
}

/**
 * Writes the report to FILE atomically (a reader never sees half of it),
 * creating FILE when it does not exist. Returns why it could not, or undefined.
 */
export function writeReport(file: string, text: string): string | undefined {
    try {
        if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) return describeWriteError({ code: 'EISDIR' });
        writeFileAtomic(file, text);
        return undefined;
    } catch (error) {
        return describeWriteError(error);
    }
}

/** The exit code of a run, and the line that says why when --max-warnings is what failed it. */
export function verdict(results: CliFileResult[], options: Pick<CheckOptions, 'severityThreshold' | 'maxWarnings'>): { exitCode: 0 | 1; note: string } {
    const threshold = RANK[options.severityThreshold];
    const failing = results.some(result => result.findings.some(f => RANK[f.severity] >= threshold));
    const warnings = summarise(results).warnings;
    const tooMany = options.maxWarnings !== undefined && warnings > options.maxWarnings;
    const note = tooMany ? `mplan: too many warnings: ${warnings}, more than --max-warnings ${options.maxWarnings} allows\n` : '';
    return { exitCode: failing || tooMany ? 1 : 0, note };
}

/** Turns a run's results into what the command prints and its exit code. */
export function present(results: CliFileResult[], options: CheckOptions, facts: RunFacts): CommandResult {
    const seconds = (performance.now() - facts.started) / 1000;
    const shown = options.quiet ? onlyErrors(results) : results;
    const summary = summarise(shown);
    const unreadable = facts.unreadable ?? [];
    const line = summaryLine(summary, { seconds, quiet: options.quiet, baselineMatched: facts.baselineMatched, unreadable: unreadable.length });
    const color = options.format === 'stylish' && colorWanted(options.color, process.env, process.stdout.isTTY === true);
    const context: FormatContext = { summary, summaryLine: line, seconds, color, baselineMatched: facts.baselineMatched, unreadable };
    const verdictOf = verdict(shown, options);
    const exitCode = unreadable.length > 0 || facts.notWritten ? 2 : verdictOf.exitCode;
    const notes = facts.notes + unreadable.map(file => `mplan: ${file.path}: ${file.reason}\n`).join('');
    if (options.output !== undefined) {
        const problem = writeReport(path.resolve(options.cwd, options.output), render(options.format, shown, { ...context, color: false }));
        if (problem) return { stdout: '', stderr: `${notes}mplan: ${options.output}: cannot write (${problem})\n`, exitCode: 2 };
        return { stdout: paintSummary(line, summary, color) + '\n', stderr: notes + verdictOf.note, exitCode };
    }
    const stdout = render(options.format, shown, context);
    const summaryOnStderr = MACHINE_FORMATS.has(options.format) ? line + '\n' : '';
    return { stdout, stderr: notes + summaryOnStderr + verdictOf.note, exitCode };
}

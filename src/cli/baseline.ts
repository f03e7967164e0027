import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { CheckedFile } from './results.js';
import type { CliFinding } from './formats/index.js';
import { UsageError } from './files.js';
import { describeWriteError, writeFileAtomic } from './write.js';
import { MAX_BASELINE_BYTES, readRegularFile } from '../host/read.js';
import { describeReadError } from '../language/workspace/plan-loader.js';

/**
 * Baselines, for adopting mplan on plans that already have findings:
 * `--write-baseline FILE` records the current findings, `--baseline FILE`
 * then reports only the findings it does not record. A finding matches a
 * recorded one by file, rule, message and a fingerprint of the text it flags,
 * never by line, so that lines added above it do not make it new.
 */

/** The version of the baseline file format this mplan writes and reads. */
export const BASELINE_VERSION = 1;

/** One recorded finding. `line` is for the reader; matching does not use it. */
export interface BaselineEntry {
    /** The file, relative to the baseline file's folder, with `/` separators. */
    file: string;
    line: number;
    ruleId: string;
    message: string;
    /** A hash of the flagged text (see `fingerprint`). */
    fingerprint: string;
}

export interface BaselineFile {
    version: typeof BASELINE_VERSION;
    findings: BaselineEntry[];
}

/** A baseline as read: its entries and the folder their paths are relative to. */
export interface Baseline {
    folder: string;
    findings: BaselineEntry[];
}

/**
 * The fingerprint of a finding: a short hash of the text it flags, on its
 * first line, trimmed, with runs of whitespace made one space (the whole line
 * when the range holds nothing but whitespace). It survives the finding's
 * line moving and re-indentation, and changes when the flagged text does.
 */
export function fingerprint(lines: string[], finding: CliFinding): string {
    const line = lines[finding.line - 1] ?? '';
    const end = finding.endLine === finding.line ? finding.endColumn - 1 : line.length;
    const flagged = normalise(line.slice(finding.column - 1, end)) || normalise(line);
    return createHash('sha256').update(flagged).digest('hex').slice(0, 16);
}

function normalise(text: string): string {
    return text.trim().replace(/\s+/g, ' ');
}

/**
 * What a finding is matched on. A message that names a line ("first at line
 * 12") is matched with the number left out, since line numbers are exactly
 * what a baseline must not depend on.
 */
function matchKey(entry: Pick<BaselineEntry, 'file' | 'ruleId' | 'message' | 'fingerprint'>): string {
    return [entry.file, entry.ruleId, entry.message.replace(/\bline \d+/g, 'line #'), entry.fingerprint].join('\n');
}

/** A path relative to the baseline's folder, with `/` separators on every system. */
function relativeTo(folder: string, file: string): string {
    return path.relative(folder, file).split(path.sep).join('/');
}

/** The checked files' findings as baseline entries, in a stable order. */
export function baselineEntries(checked: CheckedFile[], folder: string): BaselineEntry[] {
    const entries: Array<BaselineEntry & { column: number }> = [];
    for (const file of checked) {
        if (file.findings.length === 0) continue;
        const lines = file.text.split(/\r?\n/);
        const shown = relativeTo(folder, file.file);
        for (const finding of file.findings) {
            entries.push({ file: shown, line: finding.line, column: finding.column, ruleId: finding.ruleId, message: finding.message, fingerprint: fingerprint(lines, finding) });
        }
    }
    entries.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column
        || compare(a.ruleId, b.ruleId) || compare(a.message, b.message) || compare(a.fingerprint, b.fingerprint));
    return entries.map(({ file, line, ruleId, message, fingerprint }) => ({ file, line, ruleId, message, fingerprint }));
}

/** Code-point order, the same on every machine and locale. */
function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `--write-baseline FILE`: records the findings in FILE (pretty JSON, written
 * atomically) and returns how many. A FILE that cannot be written is a usage
 * error.
 */
export function writeBaseline(name: string, cwd: string, checked: CheckedFile[]): number {
    const file = path.resolve(cwd, name);
    const findings = baselineEntries(checked, path.dirname(file));
    const content: BaselineFile = { version: BASELINE_VERSION, findings };
    const text = JSON.stringify(content, null, 2) + '\n';
    try {
        writeFileAtomic(file, text);
    } catch (error) {
        throw new UsageError(`${name}: cannot write the baseline (${describeWriteError(error)})`);
    }
    return findings.length;
}


/**
 * `--baseline FILE`, read and checked before anything is judged, so that a
 * wrong path fails at once. A missing, unreadable or malformed file is a
 * usage error naming what is wrong.
 */
export function readBaseline(name: string, cwd: string): Baseline {
    const file = path.resolve(cwd, name);
    let text: string;
    try {
        // Not a plain read: a named pipe would be waited on forever.
        text = readRegularFile(file, MAX_BASELINE_BYTES, 'a baseline').toString('utf8');
    } catch (error) {
        throw new UsageError(`${name}: cannot read the baseline (${describeReadError(error)})`);
    }
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (error) {
        throw new UsageError(`${name}: not a baseline: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const problem = baselineProblem(data);
    if (problem) throw new UsageError(`${name}: not a baseline: ${problem}`);
    return { folder: path.dirname(file), findings: (data as BaselineFile).findings };
}

/** What keeps parsed JSON from being a baseline of this version, or undefined. */
function baselineProblem(data: unknown): string | undefined {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'expected an object with "version" and "findings"';
    const { version, findings } = data as Record<string, unknown>;
    if (version !== BASELINE_VERSION) {
        return typeof version === 'number'
            ? `version ${version} is not supported (this mplan reads version ${BASELINE_VERSION})`
            : `"version" must be ${BASELINE_VERSION}`;
    }
    if (!Array.isArray(findings)) return '"findings" must be a list';
    for (const [index, entry] of findings.entries()) {
        if (typeof entry !== 'object' || entry === null) return `findings[${index}] is not an object`;
        for (const key of ['file', 'ruleId', 'message', 'fingerprint'] as const) {
            if (typeof (entry as Record<string, unknown>)[key] !== 'string') return `findings[${index}].${key} must be a string`;
        }
    }
    return undefined;
}

/**
 * The checked files without the findings the baseline records, and how many
 * it absorbed. Each recorded finding absorbs at most one current finding, so
 * two recorded identical findings absorb two, and a third is new. Recorded
 * findings that no longer occur are simply not used.
 */
export function applyBaseline(baseline: Baseline, checked: CheckedFile[]): { checked: CheckedFile[]; matched: number } {
    const remaining = new Map<string, number>();
    for (const entry of baseline.findings) {
        const key = matchKey(entry);
        remaining.set(key, (remaining.get(key) ?? 0) + 1);
    }
    let matched = 0;
    const kept = checked.map(file => {
        if (file.findings.length === 0) return file;
        const lines = file.text.split(/\r?\n/);
        const shown = relativeTo(baseline.folder, file.file);
        const findings = file.findings.filter(finding => {
            const key = matchKey({ file: shown, ruleId: finding.ruleId, message: finding.message, fingerprint: fingerprint(lines, finding) });
            const left = remaining.get(key) ?? 0;
            if (left === 0) return true;
            remaining.set(key, left - 1);
            matched++;
            return false;
        });
        return { ...file, findings };
    });
    return { checked: kept, matched };
}

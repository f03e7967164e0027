/**
 * What every output format is given: the findings of a run as the CLI shows
 * them, and the facts of the run. The formats import these from here, not
 * from index.ts, which imports them.
 */

export type SeverityName = 'error' | 'warning' | 'info';

/** One finding as the CLI prints it: 1-based lines and columns; the end column is exclusive. */
export interface CliFinding {
    ruleId: string;
    severity: SeverityName;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export interface CliFileResult {
    /** The path as shown: relative to the working directory. */
    path: string;
    findings: CliFinding[];
}

/** A path or file of the run that could not be read, and why (`cannot read (permission denied)`). */
export interface UnreadableFile {
    /** As shown: relative to the working directory, or the argument as written. */
    path: string;
    reason: string;
}

export interface Summary {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
}

/** What every format may need besides the results. */
export interface FormatContext {
    /** The counts of the findings shown. */
    summary: Summary;
    /** The human summary line (no newline): files, counts, time. */
    summaryLine: string;
    /** Seconds the run took. */
    seconds: number;
    /** ANSI colours (stylish only). */
    color: boolean;
    /** How many findings a --baseline absorbed, when one was given. */
    baselineMatched: number | undefined;
    /** The paths and files that could not be read (the run exits 2); each format carries them as it can. */
    unreadable: UnreadableFile[];
}

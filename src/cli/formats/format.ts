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
}

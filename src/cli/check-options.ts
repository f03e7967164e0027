import type { OutputFormat } from './formats/index.js';

/** The options of `mplan check`, as main.ts reads them from the command line. */
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
    /** --fix: apply the unambiguous safe fixes to the files named, then report what is left. */
    fix?: boolean;
    /** --fix-dry-run: list what --fix would apply and the suggestions it leaves; write nothing. */
    fixDryRun?: boolean;
}

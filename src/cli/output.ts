import type { CheckOptions, CommandResult } from './check.js';
import { formatJson, formatStylish, summarise, type CliFileResult } from './formats/index.js';

/** What check() hands over besides the results. */
export interface RunFacts {
    /** Lines for stderr gathered on the way (files fixed, files that could not be written). */
    notes: string;
    /** performance.now() when the run began. */
    started: number;
    /** How many findings the baseline absorbed, when one was given. */
    baselineMatched: number | undefined;
}

/** Turns a run's results into what the command prints and its exit code. */
export function present(results: CliFileResult[], options: CheckOptions, facts: RunFacts): CommandResult {
    const stdout = options.format === 'json' ? formatJson(results) : formatStylish(results);
    return { stdout, stderr: facts.notes, exitCode: summarise(results).errors > 0 ? 1 : 0 };
}

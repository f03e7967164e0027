import type { Summary } from './format.js';

export interface SummaryOptions {
    /** Seconds the run took. */
    seconds: number;
    /** --quiet: only errors were kept, so only errors are counted. */
    quiet: boolean;
    /** How many findings a --baseline absorbed, when one was given. */
    baselineMatched: number | undefined;
    /** How many paths or files could not be read. */
    unreadable?: number;
}

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The one line that tells the outcome of a run, for people and CI logs:
 * `3 files checked in 0.12 s: 2 problems (1 error, 1 warning, 0 info).`
 * With --quiet only errors are counted (`: 2 errors.`); with a baseline the
 * findings shown are the new ones and the line says how many it absorbed;
 * paths or files that could not be read are counted last (`; 1 file not read`).
 */
export function summaryLine(summary: Summary, options: SummaryOptions): string {
    const head = `${plural(summary.files, 'file')} checked in ${options.seconds.toFixed(2)} s`;
    const fresh = options.baselineMatched === undefined ? '' : 'new ';
    const total = summary.errors + summary.warnings + summary.infos;
    let body: string;
    if (options.quiet) {
        body = summary.errors === 0 ? `no ${fresh}errors` : `${summary.errors} ${fresh}error${summary.errors === 1 ? '' : 's'}`;
    } else {
        body = total === 0
            ? `no ${fresh}problems`
            : `${total} ${fresh}problem${total === 1 ? '' : 's'} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.infos} info)`;
    }
    const baseline = options.baselineMatched === undefined ? '' : `; ${options.baselineMatched} in the baseline`;
    const unread = options.unreadable ? `; ${plural(options.unreadable, 'file')} not read` : '';
    return `${head}: ${body}${baseline}${unread}.`;
}

/**
 * What only the report words (HTML and Markdown alike): money in the report's
 * currency, the notes of a budget row, file names. Numbers, shares and lists
 * are worded as everywhere else, by the one wording module (../wording.ts).
 * Pure, like the renderers.
 */
import { formatMoney } from '../model/values.js';
import { formatNumber } from '../wording.js';
import type { Amount, PlanReport, Total } from './report-data.js';

/** The file name at the end of a URI, decoded. */
export function fileName(uri: string): string {
    const last = uri.split('/').pop() ?? uri;
    try {
        return decodeURIComponent(last);
    } catch {
        return last;
    }
}

/** An amount in the report's currency (a bare number when the plan states no money). */
export function money(report: PlanReport, amount: number): string {
    return report.currency ? formatMoney({ amount, currency: report.currency }) : formatNumber(amount, 2);
}

/** Amounts in other currencies, listed beside a total and never added to it. */
export function otherText(other: Amount[]): string {
    return other.length > 0 ? ` (and ${other.map(formatMoney).join(', ')}, not added)` : '';
}

export function totalText(report: PlanReport, total: Total): string {
    return money(report, total.amount) + otherText(total.other);
}

/** What a budget row says of amounts in other currencies and tactics without a budget. */
export function rowNotes(row: { other: Amount[]; unbudgeted: string[] }): string {
    const notes: string[] = [];
    if (row.other.length > 0) notes.push(`also ${row.other.map(formatMoney).join(', ')}, not added`);
    if (row.unbudgeted.length > 0) notes.push(`no budget: ${row.unbudgeted.join(', ')}`);
    return notes.join('; ');
}

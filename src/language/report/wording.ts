/**
 * The words and numbers both report renderers write (HTML and Markdown), so
 * that the two say the same thing the same way. Pure, like the renderers.
 */
import { formatMoney } from '../model/values.js';
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

export function number(value: number, digits = 1): string {
    return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** An amount in the report's currency (a bare number when the plan states no money). */
export function money(report: PlanReport, amount: number): string {
    return report.currency ? formatMoney({ amount, currency: report.currency }) : number(amount, 2);
}

/** Amounts in other currencies, listed beside a total and never added to it. */
export function otherText(other: Amount[]): string {
    return other.length > 0 ? ` (and ${other.map(formatMoney).join(', ')}, not added)` : '';
}

export function totalText(report: PlanReport, total: Total): string {
    return money(report, total.amount) + otherText(total.other);
}

export function percentText(ratio: number): string {
    return `${number(ratio * 100, ratio < 0.01 && ratio > 0 ? 1 : 0)}%`;
}

/** What a budget row says of amounts in other currencies and tactics without a budget. */
export function rowNotes(row: { other: Amount[]; unbudgeted: string[] }): string {
    const notes: string[] = [];
    if (row.other.length > 0) notes.push(`also ${row.other.map(formatMoney).join(', ')}, not added`);
    if (row.unbudgeted.length > 0) notes.push(`no budget: ${row.unbudgeted.join(', ')}`);
    return notes.join('; ');
}

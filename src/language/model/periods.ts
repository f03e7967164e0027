/**
 * Periods of a plan as days: a block's `from … to …` as a day range, day
 * numbers back to ISO dates, and whole months after a day. Pure functions on
 * the day numbers of values.ts.
 */
import type { Period } from '../generated/ast.js';
import { dayNumber, type DayRange } from './values.js';

const DAY_MS = 86_400_000;

/** A block's period as days, when both dates are real days and the end is not before the start. */
export function periodOf(block: { period?: Period }): DayRange | undefined {
    const period = block.period;
    if (!period?.start || !period.end) return undefined;
    const start = dayNumber(period.start), end = dayNumber(period.end);
    if (start === undefined || end === undefined || end < start) return undefined;
    return { start, end };
}

/** A day number (see values.dayNumber) as YYYY-MM-DD. */
export function isoDay(day: number): string {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day before the same day `months` calendar months later (a period of whole months, both ends included). */
export function monthsLater(day: number, months: number): number {
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear(), month = date.getUTCMonth() + months;
    const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const target = Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth)) / DAY_MS;
    return Math.round(target) - 1;
}

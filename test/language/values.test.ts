/**
 * Day numbers of ISO dates (src/language/model/values.ts), counted with
 * integers: held to JavaScript's own calendar for every day of whole
 * centuries at both ends of the four-digit years and around today, and to
 * `undefined` for days that do not exist or text that is not a date.
 */
import { describe, expect, it } from 'vitest';
import { dateProblem, dayNumber } from '../../src/language/model/values.js';
import { daysOfMonth, firstDayOf, monthOf } from '../../src/language/model/budgets.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The day number by the Date object (setUTCFullYear: years 0 to 99 are not moved to 1900). */
function byDate(year: number, month: number, day: number): number | undefined {
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    return Math.round(date.getTime() / 86_400_000);
}

describe('dayNumber', () => {
    it('agrees with the Date object on every day, and every impossible day, of years 0-400, 1890-2110 and 9600-9999', () => {
        let checked = 0;
        for (const [from, to] of [[0, 400], [1890, 2110], [9600, 9999]]) {
            for (let year = from; year <= to; year++) {
                for (let month = 1; month <= 12; month++) {
                    for (let day = 1; day <= 31; day++) {
                        const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
                        const expected = byDate(year, month, day);
                        if (dayNumber(iso) !== expected) throw new Error(`${iso}: ${dayNumber(iso)}, expected ${expected}`);
                        expect(dateProblem(iso) === undefined).toBe(expected !== undefined);
                        checked++;
                    }
                }
            }
        }
        expect(checked).toBeGreaterThan(380_000);
        expect(dayNumber('1970-01-01')).toBe(0);
        expect(dayNumber('2027-01-15')).toBe(20_833);
    });

    it('is undefined for text that is not a date, month 00 or 13, day 00, and 29 February of a common year', () => {
        for (const text of ['', '2027-1-15', '2027-01-5', '27-01-15', '2027/01/15', '2027-01-15 ', ' 2027-01-15', '２０２７-01-15', '2027-0a-15', '2027-00-10', '2027-13-01', '2027-01-00', '2027-02-29', '1900-02-29', '+202-01-01', '-027-01-01']) {
            expect(dayNumber(text), text).toBeUndefined();
            expect(dateProblem(text), text).toBeDefined();
        }
        expect(dayNumber('2000-02-29')).toBe(11_016);
        expect(dateProblem('2027-02-29')).toBe('February 2027 has no day 29 (it has 28 days)');
        expect(dateProblem('2027-13-01')).toBe('month 13 does not exist (months run from 01 to 12)');
    });
});

describe('calendar months of day numbers', () => {
    it('agree with the Date object: the month of every day, and the first day and length of every month, of years 0-400, 1890-2110 and 9600-9999', () => {
        let checked = 0;
        for (const [from, to] of [[0, 400], [1890, 2110], [9600, 9999]]) {
            for (let year = from; year <= to; year++) {
                for (let month = 1; month <= 12; month++) {
                    const calendarMonth = year * 12 + month - 1;
                    const first = byDate(year, month, 1)!;
                    const length = [31, 30, 29, 28].find(days => byDate(year, month, days) !== undefined)!;
                    if (firstDayOf(calendarMonth) !== first) throw new Error(`${year}-${month}: first day ${firstDayOf(calendarMonth)}, expected ${first}`);
                    if (daysOfMonth(calendarMonth) !== length) throw new Error(`${year}-${month}: ${daysOfMonth(calendarMonth)} days, expected ${length}`);
                    for (let day = 0; day < length; day++) {
                        if (monthOf(first + day) !== calendarMonth) throw new Error(`${year}-${month}-${day + 1}: month ${monthOf(first + day)}, expected ${calendarMonth}`);
                        checked++;
                    }
                }
            }
        }
        expect(checked).toBeGreaterThan(300_000);
        // The years 0 to 99 are not read as 1900 to 1999.
        expect(firstDayOf(50 * 12)).toBe(dayNumber('0050-01-01'));
        expect(monthOf(dayNumber('2027-02-28')!)).toBe(2027 * 12 + 1);
    });
});

/**
 * Plain values of a plan: money, dates and ranges, with no AST in sight.
 * Pure functions; the plan model and the rules build on them.
 */

export interface Amount {
    amount: number;
    currency: string;
}

/** ISO 4217 codes look like this; whether one is in use is not checked. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Sums of money kept apart by currency: adding USD to EUR is never silent. */
export class MoneySum {
    readonly byCurrency = new Map<string, number>();

    add(amount: Amount | undefined): this {
        if (amount && Number.isFinite(amount.amount)) {
            this.byCurrency.set(amount.currency, (this.byCurrency.get(amount.currency) ?? 0) + amount.amount);
        }
        return this;
    }

    get currencies(): string[] {
        return [...this.byCurrency.keys()];
    }

    /** The total in `currency` (0 when nothing was added in it). */
    in(currency: string): number {
        return this.byCurrency.get(currency) ?? 0;
    }

    get isEmpty(): boolean {
        return this.byCurrency.size === 0;
    }

    toString(): string {
        if (this.isEmpty) return '0';
        return [...this.byCurrency].map(([currency, amount]) => formatMoney({ amount, currency })).join(' + ');
    }
}

/** One declared exchange rate: 1 `from` is `value` `to`, as of a day. */
export interface RateFact {
    amount: number;
    from: string;
    value: number;
    to: string;
    asOf: string;
}

/**
 * The exchange rates a plan declares, used both ways and through one another
 * (EUR to USD to CAD); where a pair is declared twice, the rate of the later
 * day holds. Nothing is converted without a declared rate.
 */
export class Rates {
    private readonly direct = new Map<string, Map<string, { factor: number; day: string }>>();
    private readonly found = new Map<string, number | undefined>();

    constructor(facts: ReadonlyArray<Partial<RateFact>> = []) {
        for (const fact of facts) {
            const { amount, from, value, to, asOf } = fact;
            if (!from || !to || from === to || typeof amount !== 'number' || typeof value !== 'number' || !(amount > 0) || !(value > 0)) continue;
            const day = asOf ?? '';
            this.set(from, to, value / amount, day);
            this.set(to, from, amount / value, day);
        }
    }

    private set(from: string, to: string, factor: number, day: string): void {
        let row = this.direct.get(from);
        if (!row) this.direct.set(from, row = new Map());
        const known = row.get(to);
        if (!known || known.day <= day) row.set(to, { factor, day });
    }

    get isEmpty(): boolean {
        return this.direct.size === 0;
    }

    /** How many `to` one `from` is worth, through declared rates; undefined when none converts. */
    factor(from: string, to: string): number | undefined {
        if (from === to) return 1;
        const key = `${from}>${to}`;
        if (this.found.has(key)) return this.found.get(key);
        // Breadth first over the declared pairs: the fewest conversions win.
        const seen = new Map<string, number>([[from, 1]]);
        let frontier = [from];
        let result: number | undefined;
        while (frontier.length > 0 && result === undefined) {
            const next: string[] = [];
            for (const code of frontier) {
                for (const [other, { factor }] of this.direct.get(code) ?? []) {
                    if (seen.has(other)) continue;
                    seen.set(other, seen.get(code)! * factor);
                    if (other === to) result = seen.get(other);
                    next.push(other);
                }
            }
            frontier = next;
        }
        this.found.set(key, result);
        return result;
    }

    /** Whether an amount in `from` can be summed with amounts in `to`. */
    converts(from: string, to: string): boolean {
        return this.factor(from, to) !== undefined;
    }

    /** An amount in another currency, or undefined when no declared rate converts it. */
    convert(amount: Amount, to: string): Amount | undefined {
        const factor = this.factor(amount.currency, to);
        return factor === undefined ? undefined : { amount: amount.amount * factor, currency: to };
    }
}

/**
 * A sum in one currency: each currency of `sum` converted by `rates`; undefined
 * when some currency cannot be (then the sum cannot be told in `currency`).
 */
export function sumIn(sum: MoneySum, currency: string, rates: Rates | undefined): number | undefined {
    let total = 0;
    for (const [code, amount] of sum.byCurrency) {
        const factor = code === currency ? 1 : rates?.factor(code, currency);
        if (factor === undefined) return undefined;
        total += amount * factor;
    }
    return total;
}

/** "12,500 USD", "49.90 EUR". */
export function formatMoney(money: Amount): string {
    const whole = Number.isInteger(money.amount);
    const text = money.amount.toLocaleString('en-US', whole ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return `${text} ${money.currency}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days of a month (1 to 12) of a year. */
export function daysInMonth(year: number, month: number): number {
    return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/**
 * The day number (days since 1970-01-01) of an ISO date `YYYY-MM-DD`, or
 * undefined when no such day exists (2027-02-30, 2027-13-01). Read digit by
 * digit and counted with integers: rules ask for the days of every period
 * of a plan, and a regular expression plus a `Date` per date was a tenth of
 * the rules' time on a large plan.
 */
export function dayNumber(iso: string): number | undefined {
    if (iso.length !== 10 || iso.charCodeAt(4) !== DASH || iso.charCodeAt(7) !== DASH) return undefined;
    const year = digits(iso, 0, 4);
    const month = digits(iso, 5, 7);
    const day = digits(iso, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
    const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
    if (day > days) return undefined;
    return daysFromCivil(year, month, day);
}

const DASH = 45;

/** The number written by the ASCII digits of `text` from `start` to `end`, or -1 if one is not a digit. */
function digits(text: string, start: number, end: number): number {
    let value = 0;
    for (let i = start; i < end; i++) {
        const digit = text.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) return -1;
        value = value * 10 + digit;
    }
    return value;
}

/**
 * Days since 1970-01-01 of a day of the proleptic Gregorian calendar (Howard
 * Hinnant's days_from_civil), years 0 to 9999 included; not `Date.UTC`,
 * which reads the years 0 to 99 as 1900 to 1999.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yearOfEra = y - era * 400;
    const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
    const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The year and month (1 to 12) of a day number (Howard Hinnant's
 * civil_from_days): counted with integers, not a `Date` per call, as the
 * money over time of a large plan asks for the month of every day range.
 */
export function civilMonth(dayNumber: number): { year: number; month: number } {
    const z = dayNumber + 719_468;
    const era = Math.floor(z / 146_097);
    const dayOfEra = z - era * 146_097;
    const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
    const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const shifted = Math.floor((5 * dayOfYear + 2) / 153);
    const month = shifted < 10 ? shifted + 3 : shifted - 9;
    return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month };
}

/** Why an ISO-looking date is not a real day, in words; undefined for a real day. */
export function dateProblem(iso: string): string | undefined {
    if (dayNumber(iso) !== undefined) return undefined;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!match) return `'${iso}' is not a date in the form YYYY-MM-DD`;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12) return `month ${match[2]} does not exist (months run from 01 to 12)`;
    const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
    if (day < 1 || day > days) return `${MONTH_NAMES[month - 1]} ${year} has no day ${match[3]} (it has ${days} days)`;
    return undefined;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A span of days, both ends included. */
export interface DayRange {
    start: number;
    end: number;
}

const DAYS_PER_UNIT: Record<string, number> = {
    day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30, quarter: 91, quarters: 91, year: 365, years: 365
};

/** A duration in days ("30 days" is 30, "2 weeks" 14, "1 month" 30), or undefined for an unknown unit. */
export function durationDays(duration: { amount: number; unit: string } | undefined): number | undefined {
    if (!duration) return undefined;
    const perUnit = DAYS_PER_UNIT[duration.unit];
    return perUnit === undefined ? undefined : duration.amount * perUnit;
}

/**
 * How many times per week a cadence happens: "weekly" is 1, "daily" 7,
 * "every 2 weeks" 0.5, "3 times per week" 3; undefined when it cannot be told.
 */
export function cadencePerWeek(cadence: { named?: string; count?: number; unit?: string; times?: number } | undefined): number | undefined {
    if (!cadence) return undefined;
    const named: Record<string, number> = { daily: 7, weekly: 1, biweekly: 0.5, monthly: 7 / 30, quarterly: 7 / 91, yearly: 7 / 365 };
    if (cadence.named) return named[cadence.named];
    const days = cadence.unit ? DAYS_PER_UNIT[cadence.unit] : undefined;
    if (days === undefined) return undefined;
    if (cadence.times !== undefined) return (cadence.times * 7) / days;
    return 7 / ((cadence.count ?? 1) * days);
}

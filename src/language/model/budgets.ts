/**
 * Money over time: calendar months as numbers, a budget as a total (`budget
 * 1_500 USD per month` over three months is 4,500 USD) and spread over the
 * months of its period. Pure functions on the day numbers of values.ts.
 */
import type { AstNode } from 'langium';
import type { Money, Price, Tactic } from '../generated/ast.js';
import { stageOf } from './funnel-stages.js';
import { periodOf } from './periods.js';
import { civilMonth, daysFromCivil, daysInMonth, type Amount, type DayRange } from './values.js';

/** Average days in a month (a Gregorian year over twelve): counts "per month" turn into days with it. */
export const DAYS_PER_MONTH = 365.2425 / 12;

/** A calendar month as one number: year × 12 + month − 1 (2027-02 is 24_325). */
export function monthOf(day: number): number {
    const { year, month } = civilMonth(day);
    return year * 12 + month - 1;
}

/** The first day (a day number) of a calendar month. */
export function firstDayOf(month: number): number {
    const year = Math.floor(month / 12);
    return daysFromCivil(year, month - year * 12 + 1, 1);
}

/** The number of days of a calendar month. */
export function daysOfMonth(month: number): number {
    const year = Math.floor(month / 12);
    return daysInMonth(year, month - year * 12 + 1);
}

/** A calendar month as YYYY-MM. */
export function monthLabel(month: number): string {
    const year = Math.floor(month / 12), m = (month % 12) + 1;
    return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** For each calendar month a range of days touches: how many of its days the range covers. */
export function daysByMonth(range: DayRange): Map<number, number> {
    const days = new Map<number, number>();
    for (let month = monthOf(range.start), last = monthOf(range.end); month <= last; month++) {
        const from = Math.max(range.start, firstDayOf(month));
        const to = Math.min(range.end, firstDayOf(month + 1) - 1);
        if (to >= from) days.set(month, to - from + 1);
    }
    return days;
}

/** How many calendar months a range of days spans: whole months count 1, a part of a month its share of that month's days. */
export function monthsIn(range: DayRange): number {
    let months = 0;
    for (let month = monthOf(range.start), last = monthOf(range.end); month <= last; month++) {
        const first = firstDayOf(month), length = daysOfMonth(month);
        const days = Math.min(range.end, first + length - 1) - Math.max(range.start, first) + 1;
        if (days > 0) months += days / length;
    }
    return months;
}

const MONTHS_PER_UNIT: Record<string, number> = {
    day: 1 / DAYS_PER_MONTH, days: 1 / DAYS_PER_MONTH, week: 7 / DAYS_PER_MONTH, weeks: 7 / DAYS_PER_MONTH,
    month: 1, months: 1, quarter: 3, quarters: 3, year: 12, years: 12
};

/** How many months a time unit lasts ("year" is 12, "week" about 0.23); undefined for an unknown unit. */
export function monthsPerUnit(unit: string | undefined): number | undefined {
    return unit === undefined ? undefined : MONTHS_PER_UNIT[unit];
}

/** A unit as it reads after "per": "month" for `month` and `months`. */
export function unitName(unit: string): string {
    return unit.endsWith('s') ? unit.slice(0, -1) : unit;
}

/** Days and weeks are counted in days; months, quarters and years in calendar months. */
const DAYS_PER_UNIT: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7 };

/** How many `unit`s a range of days lasts: 89 days are 12.7 weeks, 2027-02-01 to 2027-04-30 is 3 months. */
export function unitsIn(range: DayRange, unit: string): number | undefined {
    const days = DAYS_PER_UNIT[unit];
    if (days !== undefined) return (range.end - range.start + 1) / days;
    const perUnit = monthsPerUnit(unit);
    return perUnit === undefined ? undefined : monthsIn(range) / perUnit;
}

/** A block with a budget that may be given per time unit. */
export interface Budgeted {
    budget?: Pick<Money, 'amount' | 'currency'>;
    budgetPer?: string;
    period?: Tactic['period'];
}

/**
 * A block's budget in all: the amount as written, or, for `budget 1_500 USD per
 * month`, the amount times the months (weeks, quarters, …) of the block's
 * period. Undefined when there is no budget, or when a budget per unit has no
 * period to multiply by.
 */
export function budgetTotal(block: Budgeted): Amount | undefined {
    const money = block.budget;
    if (!money || typeof money.amount !== 'number' || !money.currency) return undefined;
    if (!block.budgetPer) return { amount: money.amount, currency: money.currency };
    const range = periodOf(block);
    const units = range ? unitsIn(range, block.budgetPer) : undefined;
    if (units === undefined) return undefined;
    return { amount: money.amount * units, currency: money.currency };
}

/**
 * What a block spends in each calendar month of its period: a total budget
 * spread evenly over the period's days, a budget per unit paid for the part
 * of each month the period covers. Undefined without a budget or a period.
 */
export function budgetByMonth(block: Budgeted): { currency: string; months: Map<number, number> } | undefined {
    const money = block.budget;
    const range = periodOf(block);
    if (!money || typeof money.amount !== 'number' || !money.currency || !range) return undefined;
    const covered = daysByMonth(range);
    const months = new Map<number, number>();
    if (block.budgetPer) {
        const perUnit = monthsPerUnit(block.budgetPer);
        const unitDays = DAYS_PER_UNIT[block.budgetPer];
        if (perUnit === undefined) return undefined;
        for (const [month, days] of covered) {
            months.set(month, unitDays !== undefined ? money.amount * (days / unitDays) : (money.amount / perUnit) * (days / daysOfMonth(month)));
        }
    } else {
        const total = range.end - range.start + 1;
        for (const [month, days] of covered) months.set(month, (money.amount * days) / total);
    }
    return { currency: money.currency, months };
}

// ------------------------------------------------------------ what a tactic pays

/**
 * One thing a tactic pays for, as a budget of its own: the `budget` (media,
 * production), an influencer's `fee`, or an affiliate's `commission` on the
 * sales the tactic expects (`expect 40 sales per month`). Fees and
 * commissions are paid on top of the budget. `node` is where the plan says it.
 */
export interface SpendPart extends Budgeted {
    kind: 'budget' | 'fee' | 'commission';
    node: AstNode;
    /** For a commission: what one sale pays, and the sales it is paid on (per `budgetPer`). */
    perSale?: number;
    sales?: number;
}

/** The words an `expect` line of a tactic counts sales with: any word mplan reads as customers (`sales`, `orders`, …). */
function salesCount(tactic: Tactic) {
    return tactic.counts.find(count => stageOf(count.stage) === 'customers' && typeof count.value === 'number' && count.per);
}

/** The price a commission in percent is taken of: the first priced product the tactic's strategies promote. */
export function commissionPrice(tactic: Tactic): Price | undefined {
    for (const serves of tactic.serves) {
        for (const promoted of serves.ref?.promotes ?? []) {
            const price = promoted.ref?.price;
            if (price && typeof price.amount === 'number' && price.currency) return price;
        }
    }
    return undefined;
}

/**
 * Why a tactic's commission cannot be counted as spend, in a few words, or
 * undefined when it can (or there is none): it needs the sales the tactic
 * expects, and for a percentage the price it is taken of.
 */
export function commissionGap(tactic: Tactic): string | undefined {
    const commission = tactic.commission;
    if (!commission || typeof commission.value !== 'number') return undefined;
    if (!salesCount(tactic)) return 'it says no sales to pay it on (add \'expect 40 sales per month\')';
    if (commission.percent && !commissionPrice(tactic)) return 'no strategy it serves promotes a product with a price to take the percentage of';
    if (!commission.percent && !commission.currency) return 'it has no currency';
    return undefined;
}

/**
 * What a tactic pays, part by part: its budget, its fee and its commission
 * (the sales it expects, the high end of a range, times the commission per
 * sale; a percentage is taken of one payment of the promoted product's
 * price). A commission that cannot be counted (`commissionGap`) is left out.
 */
export function spendParts(tactic: Tactic): SpendPart[] {
    const parts: SpendPart[] = [];
    const period = tactic.period;
    if (tactic.budget) parts.push({ kind: 'budget', node: tactic.budget, budget: tactic.budget, budgetPer: tactic.budgetPer, period });
    if (tactic.fee) parts.push({ kind: 'fee', node: tactic.fee, budget: tactic.fee, budgetPer: tactic.feePer, period });
    const commission = tactic.commission;
    const sales = salesCount(tactic);
    if (commission && sales && !commissionGap(tactic)) {
        const price = commission.percent ? commissionPrice(tactic) : undefined;
        const perSale = price ? (price.amount * commission.value) / 100 : commission.value;
        const currency = price ? price.currency : commission.currency!;
        const count = typeof sales.high === 'number' ? Math.max(sales.high, sales.value) : sales.value;
        parts.push({ kind: 'commission', node: commission, budget: { amount: perSale * count, currency }, budgetPer: sales.per, period, perSale, sales: count });
    }
    return parts;
}

/** Whether a tactic pays anything: a budget, a fee or a commission of more than nothing. */
export function paysSomething(tactic: Tactic): boolean {
    return [tactic.budget?.amount, tactic.fee?.amount, tactic.commission?.value].some(amount => typeof amount === 'number' && amount > 0);
}

/** Whether a tactic states what it pays, even nothing (`budget 0 USD`): a budget, a fee or a commission with an amount. */
export function statesCost(tactic: Tactic): boolean {
    return [tactic.budget?.amount, tactic.fee?.amount, tactic.commission?.value].some(amount => typeof amount === 'number');
}

/**
 * What a tactic costs in all, per currency (`budgetTotal` of each part), and
 * the parts that cannot be totalled (a budget per month with no period, a
 * commission with nothing to count it on).
 */
export function tacticCosts(tactic: Tactic): TacticCosts {
    // What a tactic pays follows from its own facts, which a tactic's node keeps for as long as it
    // lives (an edit of the block parses a new node), so it is worked out once per node; a
    // commission in percent reads the price of a product elsewhere and is worked out every time.
    if (tactic.commission?.percent) return costsOf(tactic);
    let costs = COSTS.get(tactic);
    if (!costs) COSTS.set(tactic, costs = costsOf(tactic));
    return costs;
}

/** What a tactic pays in all, per currency, and the parts that cannot be totalled. */
export interface TacticCosts {
    readonly totals: readonly Amount[];
    readonly uncounted: ReadonlyArray<SpendPart['kind']>;
}

const COSTS = new WeakMap<Tactic, TacticCosts>();

function costsOf(tactic: Tactic): TacticCosts {
    const totals: Amount[] = [];
    const uncounted: Array<SpendPart['kind']> = [];
    for (const part of spendParts(tactic)) {
        if (typeof part.budget?.amount !== 'number') continue;
        const total = budgetTotal(part);
        if (total) totals.push(total); else uncounted.push(part.kind);
    }
    if (commissionGap(tactic)) uncounted.push('commission');
    return { totals, uncounted };
}

/**
 * What a tactic costs in all, in one currency: undefined when it pays nothing,
 * when a part cannot be totalled, or when its parts are in several currencies.
 */
export function costInAll(tactic: Tactic): Amount | undefined {
    const { totals, uncounted } = tacticCosts(tactic);
    if (totals.length === 0 || uncounted.length > 0) return undefined;
    const currency = totals[0].currency;
    if (totals.some(t => t.currency !== currency)) return undefined;
    return { amount: totals.reduce((sum, t) => sum + t.amount, 0), currency };
}

/** What a tactic pays in each calendar month of its period, all parts together; undefined as for `budgetByMonth`, or when its parts are in several currencies. */
export function tacticCostByMonth(tactic: Tactic): { currency: string; months: Map<number, number> } | undefined {
    let currency: string | undefined;
    const months = new Map<number, number>();
    for (const part of spendParts(tactic)) {
        if (typeof part.budget?.amount !== 'number') continue;
        const spread = budgetByMonth(part);
        if (!spread || (currency && spread.currency !== currency)) return undefined;
        currency = spread.currency;
        for (const [month, amount] of spread.months) months.set(month, (months.get(month) ?? 0) + amount);
    }
    return currency ? { currency, months } : undefined;
}

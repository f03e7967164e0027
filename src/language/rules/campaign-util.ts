/**
 * Helpers shared by the campaign rules (budget, staff, schedule): periods as
 * day ranges, dates back to text, money as mplan writes it, and finding the
 * campaign a finding was reported in.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Campaign, Period } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import { dayNumber, type DayRange } from '../model/values.js';

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

/** "1 day", "12 days". */
export function days(count: number): string {
    return count === 1 ? '1 day' : `${count} days`;
}

/** An amount as mplan source writes it: "4_500", "1_234.50". */
export function sourceAmount(amount: number): string {
    const rounded = Math.round(amount * 100) / 100;
    const [whole, fraction] = (Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(2)).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
    return fraction ? `${grouped}.${fraction}` : grouped;
}

/**
 * The currency the plan sums money in, judged in the plan's context: for a
 * plan file its currency; for a library, the currency declared by the plans
 * that import it when they agree, else the library's own first amount's.
 */
export function planCurrency(model: PlanModel): string | undefined {
    return declaredPlanCurrency(model) ?? model.currency?.code;
}

/** The currency of the plans importing a library, when they declare one and agree; for a plan file, its currency. */
export function declaredPlanCurrency(model: PlanModel): string | undefined {
    if (model.isPlan) return model.currency?.code;
    const declared = new Set(model.reach.plans.map(plan => plan.currency).filter((code): code is string => !!code));
    return declared.size === 1 ? [...declared][0] : undefined;
}

/** The campaign of this file whose text contains the start of `range`. */
export function campaignAt(model: PlanModel, range: Range): Campaign | undefined {
    const { line, character } = range.start;
    return model.own.campaigns.find(campaign => {
        const cst = campaign.$cstNode?.range;
        if (!cst) return false;
        const afterStart = line > cst.start.line || (line === cst.start.line && character >= cst.start.character);
        const beforeEnd = line < cst.end.line || (line === cst.end.line && character <= cst.end.character);
        return afterStart && beforeEnd;
    });
}

/** A share of time as written: "50%", "33.5%". */
export function percent(value: number): string {
    return `${Math.round(value * 10) / 10}%`;
}

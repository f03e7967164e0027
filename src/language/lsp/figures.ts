/**
 * The money and counts of a plan as the hovers and inlay hints word them:
 * budgets per month and in all, spend month by month, prices, rates and
 * targets as the plan wrote them, and the projection's estimates (customers,
 * revenue, CAC, LTV, payback) with both ends of a range, "low to high".
 * Plain text; words from the plan go through the caller's escape (the
 * hover's Markdown escaping, nothing for an inlay hint).
 */
import { projectionGap } from '../model/projection-gaps.js';
import type { Cadence, Duration, Funnel, Objective, Percent, Price, Product, Rate, Tactic } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import { budgetByMonth, budgetTotal, commissionGap, commissionPrice, monthLabel, spendParts, statesCost, tacticCostByMonth, unitName, type Budgeted } from '../model/budgets.js';
import { judgingPlan, projectFunnel, soldProduct, type CustomerValue, type Projection } from '../model/economics.js';
import { readFunnel, type Span } from '../model/funnel-reading.js';
import { isTrialStage } from '../model/funnel-stages.js';
import { formatMoney } from '../model/values.js';
import { formatNumber, percentAsWritten } from '../wording.js';

/**
 * How words from the plan (currency codes, stage words, metrics) are
 * written into the text: as they are for an inlay hint, escaped for the
 * hover's Markdown. Numbers, dates and mplan's own words need no escaping.
 */
export type Escape = (text: string) => string;
const asIs: Escape = text => text;

/** An exact amount of money, to the cent: "4,500 USD", "1,033.33 USD". */
export function exactMoney(amount: number, currency: string, esc: Escape = asIs): string {
    return formatMoney({ amount: Math.round(amount * 100) / 100, currency: esc(currency) });
}

/** An estimate: whole units from 100 up, cents below. */
function estimate(amount: number, whole: boolean): number {
    return whole ? Math.round(amount) : Math.round(amount * 100) / 100;
}

/** An estimated amount or range of money: "91.92 USD", "1,200 to 1,800 USD". */
export function moneySpan(span: Span, currency: string, esc: Escape = asIs): string {
    const whole = Math.abs(span.low) >= 100;
    const low = estimate(span.low, whole), high = estimate(span.high, whole);
    const text = formatMoney({ amount: high, currency: esc(currency) });
    if (low === high) return text;
    return `${formatMoney({ amount: low, currency: '' }).trimEnd()} to ${text}`;
}

/** An estimated count of people, or a range of them: "24", "9.6 to 21.6", "1,200 to 1,800". */
export function countSpan(span: Span): string {
    const digits = Math.abs(span.low) < 10 ? 1 : 0;
    const low = formatNumber(span.low, digits), high = formatNumber(span.high, digits);
    return low === high ? high : `${low} to ${high}`;
}

/** A percentage as the plan wrote it: "60%", "2% to 4%". */
export function percentSpan(percent: Pick<Percent, 'value' | 'high'> | undefined): string {
    if (!percent || typeof percent.value !== 'number') return '';
    const low = percentAsWritten(percent.value);
    return percent.high === undefined ? low : `${low} to ${percentAsWritten(percent.high)}`;
}

/** A rate as the plan wrote it, with its unit or the one it defaults to: "97% per month". */
export function rateText(rate: Rate, fallback: string): string {
    return `${percentSpan(rate)} per ${unitName(rate.per ?? fallback)}`;
}

/** A price as written: "19 USD per month", "39 to 49 USD". */
export function priceText(price: Pick<Price, 'amount' | 'high' | 'currency' | 'per'>, esc: Escape = asIs): string {
    const high = typeof price.high === 'number' ? ` to ${formatMoney({ amount: price.high, currency: esc(price.currency) })}` : '';
    const low = high ? formatMoney({ amount: price.amount, currency: '' }).trimEnd() : formatMoney({ amount: price.amount, currency: esc(price.currency) });
    return `${low}${high}${price.per ? ` per ${unitName(price.per)}` : ''}`;
}

/** "14 days", "1 month". */
export function durationText(duration: Duration): string {
    return `${formatNumber(duration.amount)} ${duration.amount === 1 ? unitName(duration.unit) : duration.unit}`;
}

/** "monthly", "every 2 weeks", "3 times per week". */
export function cadenceText(cadence: Cadence | undefined): string | undefined {
    if (!cadence) return undefined;
    if (cadence.named) return cadence.named;
    if (cadence.times !== undefined && cadence.unit) return `${formatNumber(cadence.times)} times per ${unitName(cadence.unit)}`;
    if (cadence.unit) return cadence.count !== undefined && cadence.count !== 1 ? `every ${formatNumber(cadence.count)} ${cadence.unit}` : `every ${unitName(cadence.unit)}`;
    return undefined;
}

/**
 * An objective's target as written, with its direction, unit and metric:
 * "at least 1,200 customers", "at most 2% churn per month", "at least 4x roas".
 */
export function targetText(objective: Objective, esc: Escape = asIs): string | undefined {
    if (typeof objective.target !== 'number') return objective.metric && esc(objective.metric);
    const direction = objective.atLeast ? 'at least ' : objective.atMost ? 'at most ' : '';
    const value = (n: number) => objective.percent ? percentAsWritten(n) : objective.ratio ? `${formatNumber(n)}x` : formatNumber(n);
    let text = direction + value(objective.target);
    if (typeof objective.targetHigh === 'number') text += ` to ${value(objective.targetHigh)}`;
    if (objective.currency) text += ` ${esc(objective.currency)}`;
    if (objective.metric) text += ` ${esc(objective.metric)}`;
    if (objective.targetPer) text += ` per ${unitName(objective.targetPer)}`;
    return text;
}

/**
 * What an objective or a KPI aims at, and who owns it: "at least 1,200
 * customers by 2027-12-31, owner Ana, reviewed monthly".
 */
export function objectiveText(objective: Objective, esc: Escape = asIs): string {
    const aim = [targetText(objective, esc), objective.deadline ? `by ${objective.deadline}` : undefined].filter(Boolean).join(' ');
    const owner = objective.owner?.trim();
    const review = cadenceText(objective.review);
    return [aim, owner ? `owner ${esc(owner)}` : undefined, review ? `reviewed ${review}` : undefined].filter(Boolean).join(', ');
}

/** A price as written, or undefined while its amount or currency is missing (a half-typed line). */
export function priceWritten(price: Pick<Price, 'amount' | 'high' | 'currency' | 'per'> | undefined, esc: Escape = asIs): string | undefined {
    return price && typeof price.amount === 'number' && price.currency ? priceText(price, esc) : undefined;
}

/** A budget as written, and for a budget per month its total: "1,500 USD per month, 4,500 USD in all from 2027-02-01 to 2027-04-30". */
export function budgetText(block: Budgeted, esc: Escape = asIs): string | undefined {
    const money = block.budget;
    if (!money || typeof money.amount !== 'number' || !money.currency) return undefined;
    const stated = formatMoney({ amount: money.amount, currency: esc(money.currency) });
    if (!block.budgetPer) return stated;
    const per = `${stated} per ${unitName(block.budgetPer)}`;
    const total = budgetTotal(block);
    if (!total) return `${per}; no period yet to count it over`;
    return `${per}, ${exactMoney(total.amount, total.currency, esc)} in all from ${block.period!.start} to ${block.period!.end}`;
}

/**
 * What a block spends month by month, months of the same amount together:
 * "2027-03 to 2027-05: 2,000 USD a month; 2027-06: 1,000 USD". A budget in
 * all is spread over its days, so the amounts are rounded as estimates are.
 */
export function spendByMonthText(spend: { currency: string; months: Map<number, number> }, esc: Escape = asIs): string {
    const rows = [...spend.months].sort(([a], [b]) => a - b);
    const runs: Array<{ first: number; last: number; amount: number }> = [];
    for (const [month, raw] of rows) {
        const amount = estimate(raw, Math.abs(raw) >= 100);
        const previous = runs[runs.length - 1];
        if (previous && previous.last === month - 1 && previous.amount === amount) previous.last = month;
        else runs.push({ first: month, last: month, amount });
    }
    return runs.map(run => {
        const money = formatMoney({ amount: run.amount, currency: esc(spend.currency) });
        return run.first === run.last ? `${monthLabel(run.first)}: ${money}` : `${monthLabel(run.first)} to ${monthLabel(run.last)}: ${money} a month`;
    }).join('; ');
}

/**
 * What a campaign spends each month: its own budget over its period, else
 * what the tactics it runs pay over theirs (budget, fee and commission: when
 * they are all in one currency and all have a period).
 */
export function campaignSpendByMonth(campaign: Budgeted, tactics: readonly Tactic[]): { currency: string; months: Map<number, number> } | undefined {
    if (campaign.budget) return budgetByMonth(campaign);
    let currency: string | undefined;
    const months = new Map<number, number>();
    for (const tactic of tactics) {
        if (!statesCost(tactic)) continue;
        const spread = tacticCostByMonth(tactic);
        if (!spread || (currency && spread.currency !== currency)) return undefined;
        currency = spread.currency;
        for (const [month, amount] of spread.months) months.set(month, (months.get(month) ?? 0) + amount);
    }
    return currency ? { currency, months } : undefined;
}

/** A fee as written, with its total over the tactic's period: "600 USD per month, 3,600 USD in all from … to …". */
export function feeText(tactic: Tactic, esc: Escape = asIs): string | undefined {
    return tactic.fee ? budgetText({ budget: tactic.fee, budgetPer: tactic.feePer, period: tactic.period }, esc) : undefined;
}

/**
 * A commission as written and what it comes to: "10% per sale of 38 USD on
 * 40 sales per month: 152 USD per month", or why it cannot be counted.
 */
export function commissionText(tactic: Tactic, esc: Escape = asIs): string | undefined {
    const commission = tactic.commission;
    if (!commission || typeof commission.value !== 'number') return undefined;
    const rate = commission.percent ? `${formatNumber(commission.value)}%` : formatMoney({ amount: commission.value, currency: esc(commission.currency ?? '') });
    const gap = commissionGap(tactic);
    if (gap) return `${rate} per sale; not counted as spend: ${gap}`;
    const part = spendParts(tactic).find(p => p.kind === 'commission')!;
    const price = commission.percent ? commissionPrice(tactic) : undefined;
    const of = price ? ` of ${formatMoney({ amount: price.amount, currency: esc(price.currency) })}` : '';
    const total = budgetText(part, esc);
    const sales = part.sales !== undefined ? ` on ${formatNumber(part.sales)} sales per ${unitName(part.budgetPer ?? 'month')}` : '';
    return `${rate} per sale${of}${sales}: ${total ?? ''}`;
}

/** Months until a customer pays back what winning them cost: "3 months", "2 to 5 months", "7 months to more than ten years". */
export function paybackText(payback: Projection['payback']): string | undefined {
    if (!payback) return undefined;
    const months = (n: number) => n === 1 ? '1 month' : `${n} months`;
    const { low, high } = payback;
    if (low === undefined) return 'more than ten years';
    if (high === undefined) return `${months(low)} to more than ten years`;
    return low === high ? months(low) : `${low} to ${months(high)}`;
}

/** The months a projection covers: "12 months from 2027-03". */
export function horizonText(projection: Projection): string {
    const first = projection.months[0];
    return `${projection.months.length} months${first ? ` from ${first.label}` : ''}`;
}

/** The projections of a plan's funnels, as the model sees them (none for a library several plans share). */
export function projections(model: PlanModel): Projection[] {
    const out: Projection[] = [];
    for (const funnel of model.reach.funnels) {
        const projection = projectFunnel(model, funnel);
        if (projection) out.push(projection);
    }
    return out;
}

/** The product a funnel's customers buy first, as the projection takes it (the plan's focus, its only product, …). */
export function productSold(model: PlanModel, funnel: Funnel): Product | undefined {
    const plan = judgingPlan(model);
    return plan === null ? undefined : soldProduct(plan, funnel, model.reach);
}

/** The funnels that sell a product: those whose customers buy it first. */
export function funnelsSelling(model: PlanModel, product: Product): Funnel[] {
    return model.reach.funnels.filter(funnel => productSold(model, funnel) === product);
}

/** Lifetime value as the projection takes it: margin when the product gives one, else revenue. */
export function lifetimeValue(value: CustomerValue): { span: Span; basis: 'margin' | 'revenue' } {
    return value.margin ? { span: value.margin, basis: 'margin' } : { span: value.revenue, basis: 'revenue' };
}

/**
 * Why a funnel has no projection, in plain words (the same checks as
 * economics.project, in its order); undefined when it has one or the reason
 * cannot be told.
 */
export function noProjection(model: PlanModel, funnel: Funnel, esc: Escape = asIs): string | undefined {
    const gap = projectionGap(model, funnel);
    return gap === undefined ? undefined : esc(gap);
}

/**
 * The paying customers a funnel wins each month as it is written (its entry
 * count through its rates), and those its list gives once; a funnel that
 * ends at trial starts counts the trials, and the paying customers when the
 * product says how many trials convert.
 */
export interface CustomersPerMonth {
    /** The purchase stage, as the funnel words it. */
    stage: string;
    perMonth?: Span;
    fromList?: Span;
    /** For a trial stage: the share of trials that become paying, when the product sold gives it. */
    converts?: Span;
}

export function customersPerMonth(funnel: Funnel, product: Product | undefined): CustomersPerMonth | undefined {
    const reading = readFunnel(funnel);
    if (!reading.purchase || (!reading.perMonth && !reading.fromList)) return undefined;
    const out: CustomersPerMonth = { stage: reading.purchase.stage, perMonth: reading.perMonth, fromList: reading.fromList };
    const trial = product?.trialConverts;
    if (isTrialStage(reading.purchase.stage) && trial && typeof trial.value === 'number') {
        out.converts = { low: trial.value / 100, high: (trial.high ?? trial.value) / 100 };
    }
    return out;
}

/** "24 buyers per month", "500 trials per month, 100 paying", "… and 100 once from the list". */
export function customersText(customers: CustomersPerMonth, esc: Escape = asIs): string {
    const stage = esc(customers.stage);
    const scale = (span: Span, by: Span | undefined): Span => by ? { low: span.low * by.low, high: span.high * by.high } : span;
    const parts: string[] = [];
    if (customers.perMonth) {
        let text = `${countSpan(customers.perMonth)} ${stage} per month`;
        if (customers.converts) text += `, ${countSpan(scale(customers.perMonth, customers.converts))} paying`;
        parts.push(text);
    }
    if (customers.fromList) {
        const paying = customers.converts ? ` (${countSpan(scale(customers.fromList, customers.converts))} paying)` : '';
        parts.push(customers.perMonth
            ? `${countSpan(customers.fromList)} once from the list${paying}`
            : `${countSpan(customers.fromList)} ${stage} once from the list${paying}`);
    }
    return parts.join(' and ');
}

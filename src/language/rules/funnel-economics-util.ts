// How the funnel economics rules (funnel-unprofitable, ltv-below-cac, cac-payback-too-long) word a
// projection: figures that may be ranges, the arithmetic of the customers a funnel wins, what one
// customer is worth. The figures themselves come from model/economics.ts.
import type { Count, Funnel, Product } from '../generated/ast.js';
import { projectFunnel, type Projection, type Span } from '../model/economics.js';
import type { PlanModel } from '../model/plan-model.js';
import { shareOf, type Step } from '../model/funnel-reading.js';
import { isTrialStage } from '../model/funnel-stages.js';
import { monthsPerUnit, unitName } from '../model/budgets.js';
import { formatMoney } from '../model/values.js';
import { formatNumber, listed } from '../wording.js';
import type { Finding } from './rule.js';

/** Where a finding on a funnel as a whole goes: its name, else its title, else its keyword. */
export function funnelHead(funnel: Funnel): Pick<Finding, 'node' | 'property' | 'keyword'> {
    if (funnel.name) return { node: funnel, property: 'name' };
    if (funnel.title) return { node: funnel, property: 'title' };
    return { node: funnel, keyword: 'funnel' };
}

/** The projection of each funnel the file declares, leaving out those the plan gives too few facts to project. */
export function* ownProjections(model: PlanModel): Generator<Projection> {
    for (const funnel of model.own.funnels) {
        const p = projectFunnel(model, funnel);
        if (p) yield p;
    }
}

/**
 * What a funnel economics finding points to besides its place: the product whose price a customer
 * brings in, and the campaigns or tactics whose spend is counted (the first ten).
 */
export function economicsRelated(p: Projection): NonNullable<Finding['related']> {
    return [
        { node: p.product, message: `the price a customer brings in: ${priceText(p.product)}` },
        ...p.spendNodes.slice(0, 10).map(node => ({ node, message: `counted in the ${p.spendWhat}` }))
    ];
}

/** Money to the cent, as messages show it. */
export function cents(value: number): number {
    return Math.round(value * 100) / 100;
}

export function money(amount: number, currency: string): string {
    return formatMoney({ amount: cents(amount), currency });
}

/** Whether the two ends of a span read the same once rounded to `digits` decimals. */
function sameEnds(span: Span, digits: number): boolean {
    const factor = 10 ** digits;
    return Math.round(span.low * factor) === Math.round(span.high * factor);
}

/** "4,900 USD", or "9,800 to 14,200 USD" when the ends differ. */
export function moneySpan(span: Span, currency: string): string {
    if (sameEnds(span, 2)) return money(span.low, currency);
    const low = money(span.low, currency);
    return `${low.slice(0, -(currency.length + 1))} to ${money(span.high, currency)}`;
}

/** "20", or "10.24 to 23.04". */
export function countSpan(span: Span, digits = 2): string {
    if (sameEnds(span, digits)) return formatNumber(span.low, digits);
    return `${formatNumber(span.low, digits)} to ${formatNumber(span.high, digits)}`;
}

/** A share of the plan (a fraction) as a percentage: "20%", "4% to 6%". */
export function percentSpan(span: Span): string {
    const low = formatNumber(span.low * 100);
    const high = formatNumber(span.high * 100);
    return low === high ? `${low}%` : `${low}% to ${high}%`;
}

/** A count or a number as written, with its upper end: "8,000 to 12,000". */
function asWritten(value: number, high: number | undefined): string {
    return high === undefined || high === value ? formatNumber(value) : `${formatNumber(value)} to ${formatNumber(high)}`;
}

/** " × 5% × 10%": the rates of a path of steps. */
function ratesOf(path: readonly Step[]): string {
    return path.map(step => ` × ${percentSpan(step.rate)}`).join('');
}

/** The word for the customers a projection counts: the purchase stage, or "paying customers" after a trial. */
export function customerWord(p: Projection): string {
    const stage = p.reading.purchase?.stage;
    return !stage || isTrialStage(stage) ? 'paying customers' : stage;
}

/**
 * How the funnel wins its customers, as arithmetic: "4,000 visitors a month × 5% × 10% = 20 customers a
 * month", with a trial's conversion and the list the plan starts with when there are.
 */
export function customersArithmetic(p: Projection): string {
    const reading = p.reading;
    const funnel = reading.funnel;
    const stage = reading.purchase?.stage ?? 'customers';
    const trial = isTrialStage(stage) ? shareOf(p.product.trialConverts) : undefined;
    const afterTrial = (span: Span, when: string) => trial
        ? ` × ${percentSpan(trial)} who pay after the trial (${p.product.name}) = ${countSpan({ low: span.low * trial.low, high: span.high * trial.high })} paying customers${when}`
        : '';
    const parts: string[] = [];
    if (reading.entry && reading.perMonth && reading.path) {
        const entry = reading.entry;
        const written = entry.property === 'visitors'
            ? { value: funnel.visitors!, high: funnel.visitorsHigh, per: funnel.visitorsPer! }
            : { value: (entry.node as Count).value, high: (entry.node as Count).high, per: (entry.node as Count).per };
        let text = `${asWritten(written.value, written.high)} ${entry.stage} a ${unitName(written.per)}`;
        if (monthsPerUnit(written.per) !== 1) text += ` (${countSpan(entry.perMonth, 0)} a month)`;
        if (reading.path.length > 0) text += `${ratesOf(reading.path)} = ${countSpan(reading.perMonth)} ${stage} a month`;
        parts.push(text + afterTrial(reading.perMonth, ' a month'));
    }
    if (reading.fromList && funnel.listSize !== undefined && funnel.listStage) {
        const path = reading.toPurchase.get(funnel.listStage.toLowerCase()) ?? [];
        let text = `${parts.length > 0 ? 'plus ' : ''}${formatNumber(funnel.listSize)} ${funnel.listStage} on the list`;
        if (path.length > 0) text += `${ratesOf(path)} = ${countSpan(reading.fromList)} ${stage}`;
        parts.push(text + (trial ? afterTrial(reading.fromList, '') : '') + ' at the start');
    }
    return parts.join(', ');
}

/** A price as a message shows it: "49 USD", "19 USD per month", "39 to 49 USD". */
export function priceText(product: Product): string {
    const price = product.price;
    const one = (p: { amount: number; high?: number; currency: string; per?: string }) =>
        `${asWritten(p.amount, p.high)} ${p.currency}${p.per ? ` per ${unitName(p.per)}` : ''}`;
    if (price && typeof price.amount === 'number') return one(price);
    const tiers = product.tiers.filter(tier => tier.price && typeof tier.price.amount === 'number');
    return listed(tiers.map(tier => `${one(tier.price)} (${tier.name})`));
}

/**
 * What one customer's value is made of, after the product's name: "MonthlyBeans, paying each month
 * while they stay", "Course, with the upsell to Coaching at 10%".
 */
export function valueMadeOf(p: Projection): string {
    const product = p.product;
    const parts: string[] = [];
    const per = recurring(product) ? product.price?.per ?? product.tiers.find(tier => tier.price?.per)?.price.per : undefined;
    if (per) parts.push(product.retention || product.churn ? `paying each ${unitName(per)} while they stay` : 'their first payment only');
    else if (product.repeat) parts.push('with repeat purchases');
    else if (p.reading.repeat) parts.push(`with one repeat purchase from ${percentSpan(p.reading.repeat.rate)} of them`);
    for (const upsell of p.funnel.upsells) {
        const rate = shareOf(upsell.rate);
        if (upsell.from?.ref === product && upsell.to?.ref && rate) parts.push(`with the upsell to ${upsell.to.ref.name} at ${percentSpan(rate)}`);
    }
    return [product.name, ...parts].join(', ');
}

/** The unit of value: "margin", or "revenue" when a product gives no margin. */
export function basisWord(p: Projection): string {
    return p.ltvBasis === 'margin' ? 'margin' : 'revenue';
}

/** The projection's notes as one sentence, or nothing. */
export function notesSentence(p: Projection): string {
    return p.notes.length > 0 ? ` Note: ${p.notes.join('; ')}.` : '';
}

/** Whether a product is paid per month, year, …. */
function recurring(product: Product): boolean {
    return Boolean(product.price?.per || product.tiers.some(tier => tier.price?.per));
}

/**
 * What a marketer can do, as a sentence: raise what `raise` names, the price (and the margin, when the
 * value is counted in margin), keep subscribers longer or sell more to each customer, or `otherwise`.
 */
export function advice(p: Projection, raise: readonly string[], otherwise: string): string {
    const levers = [...raise, 'the price', ...(p.ltvBasis === 'margin' ? ['the margin'] : [])];
    const more = recurring(p.product) ? 'keep subscribers longer' : 'sell more to each customer (an upsell, a repeat purchase)';
    return `Raise ${listed(levers, 'or')}, ${more}, or ${otherwise}.`;
}

/** "(60,000 USD of campaign spend / 720 subscribers)": where the cost to win a customer comes from. */
export function cacArithmetic(p: Projection): string {
    return `${money(p.spend, p.currency)} of ${p.spendWhat} / ${countSpan(p.customers)} ${customerWord(p)}`;
}

/**
 * A ratio with one decimal ("2.8", "1.0"), or as many more as it takes not to round it up to the limit
 * it falls short of ("2.99").
 */
export function ratioText(value: number, limit: number): string {
    let digits = 1;
    while (digits < 4 && value < limit && Math.round(value * 10 ** digits) / 10 ** digits >= limit) digits++;
    return value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: digits });
}

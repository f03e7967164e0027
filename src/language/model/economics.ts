/**
 * Unit economics and the projection of a plan, month by month: what one
 * customer brings in over time (recurring payments kept by retention, repeat
 * purchases, upsells, a free trial that converts), how many customers the
 * funnel wins in the months the plan spends money, and from both the
 * revenue, margin, cost to acquire a customer (CAC), lifetime value (LTV)
 * and payback months, per plan and per campaign.
 *
 * Every figure is a Span: `low` from the pessimistic ends of the plan's
 * ranges (lower rates, prices and margins, higher churn), `high` from the
 * optimistic ones. Nothing is invented: a fact the plan does not state is
 * left out and said so in `notes` (a subscription with no retention counts
 * its first payment only).
 */
import type { AstNode } from 'langium';
import type { Campaign, Funnel, Plan, Product, Tactic, Tier, Upsell } from '../generated/ast.js';
import type { Blocks, PlanModel } from './plan-model.js';
import { tacticsRun } from './plan-model.js';
import { budgetByMonth, commissionGap, paysSomething, spendParts, DAYS_PER_MONTH, daysByMonth, daysOfMonth, monthLabel, monthOf, monthsPerUnit, type Budgeted } from './budgets.js';
import { periodOf } from './periods.js';
import { durationDays, type DayRange, type Rates } from './values.js';
import { readFunnel, shareOf, spanOf, type FunnelReading, type Span } from './funnel-reading.js';
import { isTrialStage } from './funnel-stages.js';
import { listed } from '../wording.js';

export type { Span } from './funnel-reading.js';

/** How far payback is looked for: ten years. */
const PAYBACK_LIMIT = 120;

type End = 'low' | 'high';

/** What one paying customer brings in, month by month from the month they are won. */
export interface Stream {
    revenue: number[];
    /** Undefined when a product in the stream states neither a margin nor a unit cost. */
    margin: number[] | undefined;
}

/** What one customer of a product is worth over the horizon. */
export interface CustomerValue {
    currency: string;
    revenue: Span;
    margin?: Span;
    /** Recurring: the price is per month, year, …; one-off otherwise. */
    recurring: boolean;
    notes: string[];
}

export interface MonthRow {
    /** The calendar month (see budgets.monthOf) and its label YYYY-MM. */
    month: number;
    label: string;
    spend: number;
    /** The part of the month (0 to 1) in which the plan spends money, and so wins customers. */
    spending: number;
    /** Paying customers won this month. */
    customers: Span;
    /** Subscribers still paying at the end of the month (recurring products only). */
    active?: Span;
    revenue: Span;
    margin?: Span;
}

export interface CampaignShare {
    campaign: Campaign;
    spend: number;
    customers: Span;
    revenue: Span;
    margin?: Span;
    cac?: Span;
}

export interface Projection {
    funnel: Funnel;
    product: Product;
    currency: string;
    reading: FunnelReading;
    /** One row per month of the horizon, from the first month of spend. */
    months: MonthRow[];
    /** Spend within the horizon. */
    spend: number;
    /** What the spend is: "campaign budgets" or "tactic budgets", and the blocks counted. */
    spendWhat: string;
    spendNodes: AstNode[];
    customers: Span;
    revenue: Span;
    margin?: Span;
    /** Cost to acquire one paying customer. */
    cac?: Span;
    /** A paying customer's value over the horizon: margin when every product gives one, else revenue. */
    ltv: Span;
    ltvBasis: 'margin' | 'revenue';
    /** Months until a customer's margin (or revenue) pays back the CAC; undefined for an end that does not within ten years. */
    payback?: { low?: number; high?: number };
    campaigns: CampaignShare[];
    notes: string[];
}

function pick(span: Span | undefined, end: End): number | undefined {
    return span === undefined ? undefined : span[end];
}

const flip = (end: End): End => end === 'low' ? 'high' : 'low';

/** A price option of a product: one price, a tier, or (for tiers with shares) each tier with its share. */
interface PriceOption {
    amount: number;
    per?: string;
    share: number;
}

function monthlyEquivalent(option: { amount: number; per?: string }): number {
    const months = monthsPerUnit(option.per);
    return months ? option.amount / months : option.amount;
}

/** Which tiers give no share of buyers: "the tiers of Ledgerly give no shares", or only some of them, "the tier Office of CoffeeClub gives no share". */
function unshared(product: Product, tiers: readonly Tier[]): string {
    const without = tiers.filter(tier => !(typeof tier.share === 'number' && tier.share > 0)).map(tier => tier.name);
    if (without.length === tiers.length) return `the tiers of ${product.name} give no shares`;
    return without.length === 1
        ? `the tier ${without[0]} of ${product.name} gives no share`
        : `the tiers ${listed(without)} of ${product.name} give no share`;
}

function priceOptions(product: Product, currency: string, end: End, notes: string[]): PriceOption[] {
    const tiers = product.tiers.filter(tier => tier.price && typeof tier.price.amount === 'number' && tier.price.currency === currency);
    if (tiers.length > 0) {
        if (product.price && end === 'low') notes.push(`${product.name} states a price and tiers: its tiers are counted, its price is not`);
        const options = tiers.map(tier => ({ amount: end === 'low' ? tier.price.amount : tier.price.high ?? tier.price.amount, per: tier.price.per, share: tier.share }));
        if (options.every(option => typeof option.share === 'number' && option.share > 0)) {
            const total = options.reduce((sum, option) => sum + option.share!, 0);
            return options.map(option => ({ ...option, share: option.share! / total }));
        }
        const sorted = [...options].sort((a, b) => monthlyEquivalent(a) - monthlyEquivalent(b));
        if (end === 'low' && options.length > 1) notes.push(`${unshared(product, tiers)}: the cheapest and dearest tiers bound the price`);
        const chosen = end === 'low' ? sorted[0] : sorted[sorted.length - 1];
        return [{ ...chosen, share: 1 }];
    }
    const price = product.price;
    if (!price || typeof price.amount !== 'number' || price.currency !== currency) return [];
    return [{ amount: end === 'low' ? price.amount : price.high ?? price.amount, per: price.per, share: 1 }];
}

/** The share of a payment that is margin: the stated margin, else (price − unit cost) / price; undefined when neither is given. */
function marginShare(product: Product, amount: number, currency: string, end: End): number | undefined {
    const margin = pick(shareOf(product.margin), end);
    if (margin !== undefined) return margin;
    const cost = product.unitCost;
    if (cost && typeof cost.amount === 'number' && cost.currency === currency && amount > 0) return (amount - cost.amount) / amount;
    return undefined;
}

/** The share of subscribers still paying after one month, or undefined when the product states neither retention nor churn. */
function monthlyRetention(product: Product, pricePer: string | undefined, end: End): number | undefined {
    const rate = product.retention ?? product.churn;
    if (!rate) return undefined;
    const share = product.retention ? pick(shareOf(rate), end) : pick(shareOf(rate), flip(end));
    if (share === undefined) return undefined;
    const kept = product.retention ? share : 1 - share;
    const months = monthsPerUnit(rate.per ?? pricePer ?? 'month') ?? 1;
    return Math.max(0, Math.min(1, kept)) ** (1 / months);
}

/** Whether a product's price is per month, year, …. */
export function isRecurring(product: Product): boolean {
    return Boolean(product.price?.per || product.tiers.some(tier => tier.price?.per));
}

/** The months after the sale before a trial customer first pays. */
function trialOffset(product: Product): number {
    const days = durationDays(product.trial);
    return days ? Math.round(days / DAYS_PER_MONTH) : 0;
}

interface StreamOptions {
    currency: string;
    months: number;
    end: End;
    /** The funnel's own repeat rate (`conversion customers to repeat 60%`), used when the product states none. */
    funnelRepeat?: Span;
    /** The upsells of the funnel the customer comes through. */
    upsells: readonly Upsell[];
    notes: string[];
    /** Products already in the stream: an upsell is followed once. */
    seen?: Set<Product>;
}

/** What one paying customer of `product` brings in, month by month. */
export function customerStream(product: Product, options: StreamOptions): Stream {
    const { currency, months, end, notes } = options;
    const revenue = new Array<number>(months).fill(0);
    let margin: number[] | undefined = new Array<number>(months).fill(0);
    const offset = trialOffset(product);
    const add = (month: number, amount: number, share: number | undefined) => {
        if (month < 0 || month >= months) return;
        revenue[month] += amount;
        if (margin && share !== undefined) margin[month] += amount * share;
        else margin = undefined;
    };
    const options_ = priceOptions(product, currency, end, notes);
    for (const option of options_) {
        const share = marginShare(product, option.amount, currency, end);
        const period = monthsPerUnit(option.per);
        if (period !== undefined) {
            // Billed every `period` months (a price per week or day is billed monthly, its month's worth).
            const every = period < 1 ? 1 : Math.round(period);
            const amount = period < 1 ? option.amount / period : option.amount;
            const kept = monthlyRetention(product, option.per, end);
            if (kept === undefined && end === 'low') notes.push(`${product.name} states no retention or churn: only its first payment is counted`);
            for (let month = offset; month < months; month += every) {
                const survival = kept === undefined ? (month === offset ? 1 : 0) : kept ** (month - offset);
                if (survival > 0) add(month, option.share * amount * survival, share);
            }
        } else {
            add(offset, option.share * option.amount, share);
            const repeat = product.repeat ? pick(shareOf(product.repeat), end) : undefined;
            if (repeat !== undefined) {
                const per = monthsPerUnit(product.repeat!.per ?? 'year') ?? 12;
                for (let month = offset + 1; month < months; month++) add(month, option.share * option.amount * (repeat / per), share);
            } else if (options.funnelRepeat) {
                add(offset + 1, option.share * option.amount * options.funnelRepeat[end], share);
            }
        }
        if (share === undefined && end === 'low' && option === options_[0]) notes.push(`${product.name} states no margin or unit cost: its value is counted as revenue`);
    }
    const seen = options.seen ?? new Set([product]);
    for (const upsell of options.upsells) {
        const to = upsell.to?.ref;
        if (upsell.from?.ref !== product || !to || seen.has(to)) continue;
        const rate = pick(shareOf(upsell.rate), end);
        if (rate === undefined) {
            if (end === 'low') notes.push(`the upsell from ${product.name} to ${to.name} gives no share of buyers who take it: it is not counted`);
            continue;
        }
        const next = customerStream(to, { ...options, funnelRepeat: undefined, seen: new Set([...seen, to]) });
        for (let month = 0; month < months; month++) {
            revenue[month] += rate * next.revenue[month];
            if (margin && next.margin) margin[month] += rate * next.margin[month];
        }
        if (!next.margin) margin = undefined;
    }
    return { revenue, margin };
}

/**
 * The product whose price a customer brings in: the plan's (first) focus
 * product, else the plan's only product, else the product the funnel's (or
 * the plan's) first upsell starts from.
 */
export function soldProduct(plan: Plan | undefined, funnel: Funnel, reach: Blocks): Product | undefined {
    const focus = plan?.focus[0]?.ref;
    if (focus) return focus;
    if (reach.products.length === 1) return reach.products[0];
    const upsell = funnel.upsells[0] ?? reach.funnels.find(f => f.upsells.length > 0)?.upsells[0];
    return upsell?.from?.ref;
}

/** The currency a product is priced in (its price, else its first tier's). */
export function priceCurrency(product: Product): string | undefined {
    return product.price?.currency ?? product.tiers.find(tier => tier.price?.currency)?.price.currency;
}

function sum(values: readonly number[], count = values.length): number {
    let total = 0;
    for (let i = 0; i < Math.min(count, values.length); i++) total += values[i];
    return total;
}

/** What one customer of a product is worth over `months`, through a funnel's upsells and repeat rate (when given). */
export function customerValue(product: Product, months: number, funnel?: Funnel): CustomerValue | undefined {
    const currency = priceCurrency(product);
    if (!currency) return undefined;
    const notes: string[] = [];
    const upsells = funnel?.upsells ?? [];
    const funnelRepeat = funnel ? readFunnel(funnel).repeat?.rate : undefined;
    const low = customerStream(product, { currency, months, end: 'low', upsells, funnelRepeat, notes });
    const high = customerStream(product, { currency, months, end: 'high', upsells, funnelRepeat, notes: [] });
    const revenue = spanOf(sum(low.revenue), sum(high.revenue));
    const margin = low.margin && high.margin ? spanOf(sum(low.margin), sum(high.margin)) : undefined;
    return { currency, revenue, margin, recurring: isRecurring(product), notes };
}

interface SpendPlan {
    what: string;
    nodes: AstNode[];
    /** Spend per calendar month. */
    byMonth: Map<number, number>;
    /** Per campaign, its spend per month (empty when the plan has no campaign). */
    byCampaign: Map<Campaign, Map<number, number>>;
    /** The days the plan spends money: first start to last end. */
    start: number;
    end: number;
    /** The periods in which something is spent, merged where they overlap: customers are won only in them. */
    ranges: DayRange[];
}

function addMonths(into: Map<number, number>, from: Map<number, number>): void {
    for (const [month, amount] of from) into.set(month, (into.get(month) ?? 0) + amount);
}

/**
 * What the plan spends each month, in `currency`: each campaign's budget (or,
 * for a campaign without one, what the tactics it runs pay: budget, fee and
 * commission) over its
 * period; with no campaign, the tactics' budgets over theirs. Undefined when
 * an amount is in another currency, when something that costs money has no
 * period, or when nothing costs anything.
 */
export function spendPlan(reach: Blocks, currency: string, rates?: Rates): SpendPlan | undefined {
    const byMonth = new Map<number, number>();
    const byCampaign = new Map<Campaign, Map<number, number>>();
    const nodes: AstNode[] = [];
    let start = Infinity, end = -Infinity;
    const periods: DayRange[] = [];
    const take = (block: Budgeted, into?: Map<number, number>): boolean => {
        if (!block.budget || !block.budget.amount) return true;
        // Another currency counts at the plan's declared rate, and only with one.
        const factor = block.budget.currency === currency ? 1 : rates?.factor(block.budget.currency, currency);
        if (factor === undefined) return false;
        const spread = budgetByMonth(block);
        const range = periodOf(block);
        if (!spread || !range) return false;
        const months = factor === 1 ? spread.months : new Map([...spread.months].map(([month, amount]) => [month, amount * factor]));
        addMonths(byMonth, months);
        if (into) addMonths(into, months);
        start = Math.min(start, range.start);
        end = Math.max(end, range.end);
        periods.push(range);
        return true;
    };
    // A tactic pays its budget, its fee and its commission (`spendParts`); a commission that cannot be counted leaves the spend unknown.
    const takeTactic = (tactic: Tactic, into?: Map<number, number>): boolean =>
        !commissionGap(tactic) && spendParts(tactic).every(part => take(part, into));
    if (reach.campaigns.length > 0) {
        for (const campaign of reach.campaigns) {
            const own = new Map<number, number>();
            byCampaign.set(campaign, own);
            if (campaign.budget) {
                if (!take(campaign, own)) return undefined;
                if (campaign.budget.amount) nodes.push(campaign);
            } else {
                for (const tactic of tacticsRun(campaign)) {
                    if (!takeTactic(tactic, own)) return undefined;
                    if (paysSomething(tactic)) nodes.push(campaign);
                }
            }
        }
    } else {
        for (const tactic of reach.tactics) {
            if (!takeTactic(tactic)) return undefined;
            if (paysSomething(tactic)) nodes.push(tactic);
        }
    }
    if (nodes.length === 0 || start > end) return undefined;
    return { what: reach.campaigns.length > 0 ? 'campaign spend' : 'tactic budgets', nodes: [...new Set(nodes)], byMonth, byCampaign, start, end, ranges: merged(periods) };
}

/** Day ranges merged where they overlap or touch, in order. */
function merged(ranges: readonly DayRange[]): DayRange[] {
    const out: DayRange[] = [];
    for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
        const last = out.at(-1);
        if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
        else out.push({ ...range });
    }
    return out;
}

const projections = new WeakMap<PlanModel, Map<Funnel, Map<number, Projection | undefined>>>();

/**
 * The projection of one funnel of a plan over `months` (default: the
 * horizon of the settings), cached per model: rules, hovers and the report
 * ask for the same projection many times per build.
 */
export function projectFunnel(model: PlanModel, funnel: Funnel, months = model.settings.thresholds.horizonMonths): Projection | undefined {
    let perModel = projections.get(model);
    if (!perModel) projections.set(model, perModel = new Map());
    let perFunnel = perModel.get(funnel);
    if (!perFunnel) perModel.set(funnel, perFunnel = new Map());
    if (!perFunnel.has(months)) perFunnel.set(months, project(model, funnel, months));
    return perFunnel.get(months);
}

/** The plan a model is judged in: its own plan block, or the one plan that imports the file. Undefined for a library shared by several plans. */
export function judgingPlan(model: PlanModel): Plan | undefined | null {
    const plans = model.plan ? [model.plan] : model.reach.plans;
    return plans.length > 1 ? null : plans[0];
}

const spends = new WeakMap<PlanModel, Map<string, SpendPlan | undefined>>();

/** The plan's spend in a currency, computed once per model. */
function spendOf(model: PlanModel, currency: string): SpendPlan | undefined {
    let perModel = spends.get(model);
    if (!perModel) spends.set(model, perModel = new Map());
    if (!perModel.has(currency)) perModel.set(currency, spendPlan(model.reach, currency, model.rates));
    return perModel.get(currency);
}

/** Projects one funnel over `horizon` months (or more, to reach a deadline). */
export function project(model: PlanModel, funnel: Funnel, horizon: number): Projection | undefined {
    const plan = judgingPlan(model);
    if (plan === null) return undefined;
    const reach = model.reach;
    const product = soldProduct(plan, funnel, reach);
    if (!product) return undefined;
    const currency = priceCurrency(product);
    if (!currency || (plan?.currency && plan.currency !== currency && !model.rates.converts(currency, plan.currency))) return undefined;
    const reading = readFunnel(funnel);
    if (!reading.perMonth && !reading.fromList) return undefined;
    const spend = spendOf(model, currency);
    if (!spend) return undefined;

    const notes: string[] = [];
    // A funnel that counts trial starts wins paying customers at the product's trial rate.
    let converts: Span = { low: 1, high: 1 };
    if (reading.purchase && isTrialStage(reading.purchase.stage)) {
        const rate = shareOf(product.trialConverts);
        if (!rate) return undefined;
        converts = rate;
    }
    const first = monthOf(spend.start);
    // At most fifty years: a mistyped horizon must not allocate without end.
    const months = Math.min(600, Math.max(1, Math.floor(horizon)));
    // Customers are won in the days the plan spends money: a pause between campaigns wins none.
    const window = new Map<number, number>();
    for (const range of spend.ranges) {
        for (const [month, days] of daysByMonth(range)) window.set(month, (window.get(month) ?? 0) + days);
    }
    const spending = (i: number) => (window.get(first + i) ?? 0) / daysOfMonth(first + i);
    const won = (end: End): number[] => {
        const customers = new Array<number>(months).fill(0);
        for (let i = 0; i < months; i++) customers[i] = (reading.perMonth?.[end] ?? 0) * spending(i) * converts[end];
        customers[0] += (reading.fromList?.[end] ?? 0) * converts[end];
        return customers;
    };
    const longest = Math.max(months, PAYBACK_LIMIT);
    const streamOf = (end: End, list: string[]) => customerStream(product, { currency, months: longest, end, upsells: funnel.upsells, funnelRepeat: reading.repeat?.rate, notes: list });
    const streams = { low: streamOf('low', notes), high: streamOf('high', []) };
    const customers = { low: won('low'), high: won('high') };
    const ltvBasis: 'margin' | 'revenue' = streams.low.margin && streams.high.margin ? 'margin' : 'revenue';

    const convolve = (end: End, values: number[]): number[] => {
        const out = new Array<number>(months).fill(0);
        for (let m = 0; m < months; m++) {
            const n = customers[end][m];
            if (n === 0) continue;
            for (let t = m; t < months; t++) out[t] += n * values[t - m];
        }
        return out;
    };
    const revenue = { low: convolve('low', streams.low.revenue), high: convolve('high', streams.high.revenue) };
    const margin = ltvBasis === 'margin' ? { low: convolve('low', streams.low.margin!), high: convolve('high', streams.high.margin!) } : undefined;
    const survival = { low: survivalCurve(product, longest, 'low'), high: survivalCurve(product, longest, 'high') };
    const active = survival.low && survival.high ? { low: convolve('low', survival.low), high: convolve('high', survival.high) } : undefined;

    const rows: MonthRow[] = [];
    for (let i = 0; i < months; i++) {
        rows.push({
            month: first + i,
            label: monthLabel(first + i),
            spend: spend.byMonth.get(first + i) ?? 0,
            spending: spending(i),
            customers: spanOf(customers.low[i], customers.high[i]),
            active: active ? spanOf(active.low[i], active.high[i]) : undefined,
            revenue: spanOf(revenue.low[i], revenue.high[i]),
            margin: margin ? spanOf(margin.low[i], margin.high[i]) : undefined
        });
    }
    const spent = sum(rows.map(row => row.spend));
    const total = (values: { low: number[]; high: number[] }) => spanOf(sum(values.low), sum(values.high));
    const won_ = total(customers);
    const cac = won_.low > 0 ? spanOf(spent / won_.high, spent / won_.low) : undefined;
    const value = ltvBasis === 'margin' ? { low: streams.low.margin!, high: streams.high.margin! } : { low: streams.low.revenue, high: streams.high.revenue };
    const ltv = spanOf(sum(value.low, months), sum(value.high, months));
    const payback = cac ? { low: paybackMonths(value.high, cac.low), high: paybackMonths(value.low, cac.high) } : undefined;

    // Per campaign, its share of each month's spend wins that share of the month's customers. The
    // total a convolution adds up over the months is, per month of winning, the customers won times
    // what one customer brings in the months left: prefix sums, not a convolution per campaign.
    const cumulative = (values: readonly number[]): number[] => {
        const out = new Array<number>(months);
        let running = 0;
        for (let i = 0; i < months; i++) out[i] = running += values[i] ?? 0;
        return out;
    };
    const cumulativeRevenue = { low: cumulative(streams.low.revenue), high: cumulative(streams.high.revenue) };
    const cumulativeMargin = margin ? { low: cumulative(streams.low.margin!), high: cumulative(streams.high.margin!) } : undefined;
    const campaigns: CampaignShare[] = [];
    for (const [campaign, own] of spend.byCampaign) {
        const share = new Array<number>(months);
        let campaignSpent = 0;
        for (let i = 0; i < months; i++) {
            const mine = own.get(first + i) ?? 0;
            const all = spend.byMonth.get(first + i) ?? 0;
            share[i] = all > 0 ? mine / all : 0;
            campaignSpent += mine;
        }
        const won = (end: End) => { let n = 0; for (let i = 0; i < months; i++) n += customers[end][i] * share[i]; return n; };
        const brought = (end: End, values: number[]) => {
            let total = 0;
            for (let m = 0; m < months; m++) total += customers[end][m] * share[m] * values[months - 1 - m];
            return total;
        };
        const c = spanOf(won('low'), won('high'));
        campaigns.push({
            campaign,
            spend: campaignSpent,
            customers: c,
            revenue: spanOf(brought('low', cumulativeRevenue.low), brought('high', cumulativeRevenue.high)),
            margin: cumulativeMargin ? spanOf(brought('low', cumulativeMargin.low), brought('high', cumulativeMargin.high)) : undefined,
            cac: c.low > 0 ? spanOf(campaignSpent / c.high, campaignSpent / c.low) : undefined
        });
    }
    return {
        funnel, product, currency, reading, months: rows, spend: spent, spendWhat: spend.what, spendNodes: spend.nodes,
        customers: won_, revenue: total(revenue), margin: margin ? total(margin) : undefined,
        cac, ltv, ltvBasis, payback, campaigns, notes: [...new Set(notes)]
    };
}

/**
 * For a recurring product, the share of one month's new subscribers still
 * subscribed each month after (counted from the first payment, after a
 * trial); undefined for a one-off product or one that states no retention.
 */
function survivalCurve(product: Product, months: number, end: End): number[] | undefined {
    if (!isRecurring(product)) return undefined;
    const per = product.price?.per ?? product.tiers.find(tier => tier.price?.per)?.price.per;
    const kept = monthlyRetention(product, per, end);
    if (kept === undefined) return undefined;
    const offset = trialOffset(product);
    return Array.from({ length: months }, (_, k) => k < offset ? 0 : kept ** (k - offset));
}

/** The months (1 = the month the customer is won) until cumulative value reaches `cost`; undefined when it does not within the stream. */
function paybackMonths(values: readonly number[], cost: number): number | undefined {
    let total = 0;
    for (let i = 0; i < values.length; i++) {
        total += values[i];
        if (total >= cost * (1 - 1e-9)) return i + 1;
    }
    return undefined;
}

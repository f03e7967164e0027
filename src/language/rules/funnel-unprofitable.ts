import type { AstNode } from 'langium';
import type { Conversion, Funnel, Period, Plan, Product, Upsell } from '../generated/ast.js';
import { campaignSpend, amountOf, type Blocks } from '../model/plan-model.js';
import { dayNumber, durationDays, formatMoney, type Amount } from '../model/values.js';
import type { Rule } from './rule.js';
import { formatNumber } from '../wording.js';
import { stageOf } from '../model/funnel-stages.js';

/** The conversion lines that lead from visitors to customers, in order; undefined when none do. */
function pathToCustomers(funnel: Funnel): Conversion[] | undefined {
    const leaving = new Map<string, Conversion[]>();
    for (const conversion of funnel.conversions) {
        // A half-typed line (`conversion leads to`) is no step of a path.
        if (conversion.from === undefined || conversion.to === undefined || conversion.rate === undefined) continue;
        const from = conversion.from.toLowerCase();
        const list = leaving.get(from);
        if (list) list.push(conversion); else leaving.set(from, [conversion]);
    }
    const seen = new Set<string>();
    const walk = (word: string): Conversion[] | undefined => {
        if (seen.has(word)) return undefined;
        seen.add(word);
        for (const conversion of leaving.get(word) ?? []) {
            if (stageOf(conversion.to) === 'customers') return [conversion];
            const rest = walk(conversion.to.toLowerCase());
            if (rest) return [conversion, ...rest];
        }
        return undefined;
    };
    for (const start of leaving.keys()) {
        if (stageOf(start) !== 'visitors') continue;
        const path = walk(start);
        if (path) return path;
    }
    return undefined;
}

/**
 * The product whose price a customer brings in: the plan's (first) focus
 * product, else the plan's only product, else the first product an upsell
 * starts from (this funnel's first, else the plan's). Undefined when none of
 * these is known.
 */
function soldProduct(plan: Plan | undefined, funnel: Funnel, reach: Blocks, firstUpsell: () => Upsell | undefined): Product | undefined {
    const focus = plan?.focus[0]?.ref;
    if (focus) return focus;
    if (reach.products.length === 1) return reach.products[0];
    return (funnel.upsells[0] ?? firstUpsell())?.from?.ref;
}

interface Spend {
    total: number;
    start: number;
    end: number;
    /** "campaign spend" or "tactic budgets". */
    what: string;
    nodes: AstNode[];
}

function span(period: Period | undefined): { start: number; end: number } | undefined {
    const start = period?.start ? dayNumber(period.start) : undefined;
    const end = period?.end ? dayNumber(period.end) : undefined;
    return start === undefined || end === undefined || end < start ? undefined : { start, end };
}

/**
 * What the plan spends, in `currency`, and over which days: each campaign's
 * budget (or, for a campaign without one, the budgets of the tactics it runs)
 * over the campaigns' periods; with no campaign at all, the tactics' budgets
 * over the tactics' periods. Undefined when a sum is in another currency, when
 * something that costs money has no period, or when nothing costs anything.
 */
function spendOf(reach: Blocks, currency: string): Spend | undefined {
    const items: Array<{ node: AstNode; amount: Amount[]; period: Period | undefined }> = [];
    if (reach.campaigns.length > 0) {
        for (const campaign of reach.campaigns) {
            const budget = amountOf(campaign.budget);
            const amount = budget ? [budget] : [...campaignSpend(campaign).byCurrency].map(([c, a]) => ({ currency: c, amount: a }));
            items.push({ node: campaign, amount, period: campaign.period });
        }
    } else {
        for (const tactic of reach.tactics) {
            const budget = amountOf(tactic.budget);
            items.push({ node: tactic, amount: budget ? [budget] : [], period: tactic.period });
        }
    }
    let total = 0;
    let start = Infinity;
    let end = -Infinity;
    const nodes: AstNode[] = [];
    for (const item of items) {
        if (item.amount.length === 0 || item.amount.every(a => a.amount === 0)) continue;
        if (item.amount.some(a => a.currency !== currency)) return undefined;
        const days = span(item.period);
        if (!days) return undefined;
        total += item.amount.reduce((sum, a) => sum + a.amount, 0);
        start = Math.min(start, days.start);
        end = Math.max(end, days.end);
        nodes.push(item.node);
    }
    if (total <= 0) return undefined;
    return { total, start, end, what: reach.campaigns.length > 0 ? 'campaign spend' : 'tactic budgets', nodes };
}

function cents(value: number): number {
    return Math.round(value * 100) / 100;
}

export const funnelUnprofitable: Rule = {
    id: 'funnel-unprofitable',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    basis: 'beyond',
    description: 'Visitors, conversion rates, price and spend are all given, and the customers the funnel implies bring in less than the campaigns cost.',
    check(model, report) {
        const reach = model.reach;
        // Judged in the context of one plan: a library shared by several plans has no one spend.
        const plans = model.plan ? [model.plan] : reach.plans;
        if (plans.length > 1) return;
        const plan = plans[0];
        // Read once per file, whatever the number of funnels: the plan's first upsell and its spend per currency.
        let upsell: { first: Upsell | undefined } | undefined;
        const firstUpsell = () => (upsell ??= { first: reach.funnels.find(f => f.upsells.length > 0)?.upsells[0] }).first;
        const spends = new Map<string, Spend | undefined>();
        const spendIn = (currency: string) => {
            if (!spends.has(currency)) spends.set(currency, spendOf(reach, currency));
            return spends.get(currency);
        };
        for (const funnel of model.own.funnels) {
            const unitDays = durationDays(funnel.visitorsPer ? { amount: 1, unit: funnel.visitorsPer } : undefined);
            if (funnel.visitors === undefined || !unitDays) continue;
            const path = pathToCustomers(funnel);
            if (!path) continue;
            const product = soldProduct(plan, funnel, reach, firstUpsell);
            const price = amountOf(product?.price);
            if (!product || !price) continue;
            if (plan?.currency && plan.currency !== price.currency) continue;
            const spend = spendIn(price.currency);
            if (!spend) continue;

            const customers = path.reduce((n, c) => n * (c.rate / 100), funnel.visitors);
            const revenue = customers * price.amount;
            const days = spend.end - spend.start + 1;
            const cost = (spend.total * unitDays) / days;
            if (revenue >= cost * (1 - 1e-9)) continue;

            const unit = funnel.visitorsPer!.replace(/s$/, '');
            const units = formatNumber(days / unitDays, 1);
            const money = (amount: number) => formatMoney({ amount: cents(amount), currency: price.currency });
            const arithmetic = `${formatNumber(funnel.visitors)} visitors a ${unit} × ${path.map(c => `${formatNumber(c.rate)}%`).join(' × ')} = ${formatNumber(customers)} customers × ${money(price.amount)} (${product.name}) = ${money(revenue)} a ${unit}`;
            const against = `${money(spend.total)} of ${spend.what} over ${units} ${unit}${units === '1' ? '' : 's'} (${money(cost)} a ${unit})`;
            report({
                node: funnel,
                property: 'visitors',
                message: `${arithmetic}, against ${against}: the customers this funnel brings in do not pay for the marketing. Raise a conversion rate or the price, sell more to each customer, or spend less.`,
                related: [
                    { node: product, message: `the price a customer brings in: ${money(price.amount)}` },
                    ...spend.nodes.slice(0, 10).map(node => ({ node, message: `counted in the ${spend.what}` }))
                ],
                data: { revenuePerUnit: cents(revenue), costPerUnit: cents(cost), unit }
            });
        }
    }
};

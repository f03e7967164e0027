import type { Product, Rate } from '../generated/ast.js';
import type { Rule } from './rule.js';
import { judgesPessimistic } from '../config/settings.js';
import { judgeObjective, metricUnit, stagePerMonth, type MetricKind, type ObjectiveJudgement } from '../model/objectives.js';
import type { Projection, Span } from '../model/economics.js';
import { isRecurring } from '../model/economics.js';
import { isTrialStage } from '../model/funnel-stages.js';
import { unitName } from '../model/budgets.js';
import { formatMoney } from '../model/values.js';
import { formatNumber, listed, percentAsWritten } from '../wording.js';
import { metricWords, objectiveName, targetRange } from './strategy-util.js';

/** Metrics counted in people: "779 active subscribers" rather than "revenue of 8,000 USD". */
const COUNTED = new Set<MetricKind>(['customers', 'active', 'stage']);

/** Both ends of a figure, the unit written once where it reads well: "480 to 1,440", "2,000 to 3,000 USD a month", "3% to 8% a month". */
function spanText(span: Span, show: (value: number) => string): string {
    const low = show(span.low), high = show(span.high);
    if (low === high) return low;
    const parts = (text: string) => /^(-?[\d.,]+)(\S*)(.*)$/.exec(text);
    const a = parts(low), b = parts(high);
    if (!a || !b || a[2] !== b[2] || a[3] !== b[3]) return `${low} to ${high}`;
    return a[2] === '' ? `${a[1]} to ${b[1]}${a[3]}` : `${a[1]}${a[2]} to ${b[1]}${b[2]}${a[3]}`;
}

function count(span: Span): string {
    return spanText(span, value => formatNumber(Math.round(value), 0));
}

/** An amount of money, in whole units from 100 up ("59,028 EUR", "2.78 USD"). */
function moneyText(value: number, currency: string): string {
    return formatMoney({ amount: Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100, currency });
}

function money(span: Span, currency: string): string {
    return spanText(span, value => moneyText(value, currency));
}

/** A percentage the plan wrote, with its range: "5%", "3% to 8%". */
function percentWritten(percent: { value: number; high?: number }): string {
    return percent.high !== undefined && percent.high !== percent.value
        ? `${percentAsWritten(percent.value)} to ${percentAsWritten(percent.high)}`
        : percentAsWritten(percent.value);
}

/** The word for the people who pay: the funnel's purchase stage, or "paying customers" after a trial. */
function payingWord(projection: Projection): string {
    const stage = projection.reading.purchase?.stage;
    return !stage || isTrialStage(stage) ? 'paying customers' : stage.replace(/_/g, ' ');
}

/** "from 2027-01 to 2027-06": the months of the projection in which the plan spends money. */
function spendWindow(projection: Projection): string {
    const months = projection.months.filter(row => row.spending > 0);
    if (months.length === 0) return '';
    const first = months[0].label, last = months[months.length - 1].label;
    return first === last ? ` in ${first}` : ` from ${first} to ${last}`;
}

/** What the funnel wins: "the funnel wins 200 subscribers a month from 2027-01 to 2027-06". */
function flowClauses(projection: Projection): string[] {
    const reading = projection.reading;
    const stage = reading.purchase?.stage ?? 'customers';
    const word = stage.replace(/_/g, ' ');
    const clauses: string[] = [];
    if (reading.perMonth) {
        let clause = `the funnel wins ${count(reading.perMonth)} ${word} a month${spendWindow(projection)}`;
        const converts = projection.product.trialConverts;
        if (isTrialStage(stage) && converts) clause += `, ${percentWritten(converts)} of whom go on to pay`;
        clauses.push(clause);
    }
    if (reading.fromList) clauses.push(`${count(reading.fromList)} ${word} come from the list it starts with`);
    return clauses;
}

/** What one customer pays: "each pays 20 USD a month", "each pays 39 to 49 USD", "each pays one of Ledgerly's tier prices". */
function priceClause(product: Product): string | undefined {
    const price = product.price;
    if (price && typeof price.amount === 'number') {
        const amount = money({ low: price.amount, high: price.high ?? price.amount }, price.currency);
        return `each pays ${amount}${price.per ? ` a ${unitName(price.per)}` : ''}`;
    }
    if (product.tiers.length > 0) return `each pays one of ${product.name}'s tier prices`;
    return undefined;
}

function marginClause(product: Product): string | undefined {
    if (product.margin) return `${percentWritten(product.margin)} of it is margin`;
    if (product.unitCost && typeof product.unitCost.amount === 'number') return `each sale costs ${formatMoney(product.unitCost)} to deliver`;
    return undefined;
}

/** How a rate reads with its unit: `churn 5% per month` is "each month"; without a unit, each billing period (a month for a one-off). */
function eachPeriod(rate: Rate, product: Product): string {
    const per = rate.per ?? product.price?.per ?? product.tiers.find(tier => tier.price?.per)?.price.per ?? 'month';
    return `each ${unitName(per)}`;
}

/** How long subscribers stay: "5% of them leave each month"; for a subscription that states neither, that each pays once. */
function retentionClause(product: Product): string | undefined {
    if (!isRecurring(product)) return undefined;
    if (product.churn) return `${percentWritten(product.churn)} of them leave ${eachPeriod(product.churn, product)}`;
    if (product.retention) return `${percentWritten(product.retention)} of them stay ${eachPeriod(product.retention, product)}`;
    return `each pays once, as ${product.name} states no retention or churn`;
}

function spendClause(projection: Projection): string {
    return `${moneyText(projection.spend, projection.currency)} of ${projection.spendWhat} wins ${count(projection.customers)} ${payingWord(projection)}`;
}

/** What the projection of a metric rests on, as clauses of one sentence. */
function basisOf(judgement: ObjectiveJudgement): string[] {
    const projection = judgement.projection;
    const product = projection.product;
    const defined = (clauses: Array<string | undefined>) => clauses.filter((clause): clause is string => Boolean(clause));
    switch (judgement.metric) {
        case 'customers':
            return flowClauses(projection);
        case 'stage': {
            const stage = judgement.objective.metric!.toLowerCase();
            const perMonth = stagePerMonth(projection, stage);
            return perMonth ? [`the funnel reaches ${count(perMonth)} ${stage.replace(/_/g, ' ')} a month${spendWindow(projection)}`] : [];
        }
        case 'active':
            return defined([...flowClauses(projection), retentionClause(product)]);
        case 'revenue':
        case 'mrr':
        case 'arr':
            return defined([...flowClauses(projection), priceClause(product), retentionClause(product)]);
        case 'margin':
            return defined([...flowClauses(projection), priceClause(product), marginClause(product), retentionClause(product)]);
        case 'cac':
            return [spendClause(projection)];
        case 'roas':
            return [`${moneyText(projection.spend, projection.currency)} of ${projection.spendWhat} brings in ${money(projection.revenue, projection.currency)} of revenue`];
        case 'ltv':
            return defined([priceClause(product), projection.ltvBasis === 'margin' ? marginClause(product) : undefined, retentionClause(product)]);
        case 'ltv-to-cac':
        case 'payback':
            return defined([priceClause(product), projection.ltvBasis === 'margin' ? marginClause(product) : undefined, retentionClause(product), spendClause(projection)]);
        case 'churn':
        case 'retention': {
            const rate = product.churn ?? product.retention;
            if (!rate) return [];
            return [`${product.name} states ${product.churn ? 'churn' : 'retention'} of ${percentWritten(rate)} ${eachPeriod(rate, product).replace('each ', 'a ')}`];
        }
    }
}

/** What to do, by what the metric depends on. */
function adviceFor(metric: MetricKind): string {
    switch (metric) {
        case 'cac':
            return 'Raise a conversion rate, spend less for the same customers, or set a target the plan supports.';
        case 'roas':
            return 'Raise a conversion rate or the price, spend less for the same customers, or set a target the plan supports.';
        case 'ltv':
            return 'Raise the price or the margin, keep customers longer, or set a target the plan supports.';
        case 'ltv-to-cac':
        case 'payback':
            return 'Raise the price or the margin, keep customers longer, win them for less, or set a target the plan supports.';
        case 'churn':
        case 'retention':
            return 'Plan what keeps subscribers longer and state the churn you then expect, or set a target the plan supports.';
        default:
            return 'Raise a conversion rate or the traffic, spend for longer, or set a target the plan supports.';
    }
}

/** "by 2027-12-31", or for a KPI without a deadline "over its 12-month horizon (2027-01 to 2027-12)". */
function whenText(judgement: ObjectiveJudgement): string {
    if (judgement.deadline) return `by ${judgement.deadline}`;
    const months = judgement.projection.months;
    return `over its ${months.length}-month horizon (${months[0].label} to ${months[months.length - 1].label})`;
}

function capitalized(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

export const objectiveUnreachable: Rule = {
    id: 'objective-unreachable',
    severity: 'warning',
    area: 'strategy',
    scope: 'file',
    basis: '001 "follow your results"; beyond (SMART objectives, SOSTAC control)',
    description: "An objective or KPI whose target the plan's own funnel does not reach by its deadline.",
    check(model, report) {
        // A library's objectives are judged in the plan that imports it; a library no plan imports has no plan to judge by.
        if (!model.plan && model.reach.plans.length === 0) return;
        for (const strategy of model.own.strategies) {
            for (const objective of strategy.objectives) {
                const judgement = judgeObjective(model, objective);
                // 'uncertain' (only the optimistic end meets the target) is a finding unless the settings judge by the optimistic end.
                if (!judgement || judgement.verdict === 'reached' || (judgement.verdict === 'uncertain' && !judgesPessimistic(model.settings))) continue;
                // Large amounts of money read in whole units: "15,579 USD a month", not "15,578.54 USD a month".
                const rounded = (value: number) => judgement.currency && Math.abs(value) >= 100 ? judgement.show(Math.round(value)) : judgement.show(value);
                // A projection just short of its target must not read as the target itself ("779 against at least 779").
                const close = rounded(judgement.pessimistic) === rounded(judgement.target);
                const show = (value: number) => !close ? rounded(value)
                    : COUNTED.has(judgement.metric) ? formatNumber(value, 1) : judgement.show(value);
                const words = metricWords(objective.metric!);
                const counted = COUNTED.has(judgement.metric);
                const projected = spanText(judgement.projected, show);
                const projects = counted ? `${projected} ${words}` : `${words} of ${projected}`;
                const target = `${judgement.direction} ${show(judgement.target)}`;
                const uncertain = judgement.verdict === 'uncertain';
                const basis = basisOf(judgement);
                const message = `${objectiveName(objective, strategy)} ${uncertain ? 'may miss' : 'misses'} its target: the plan projects ${projects} ${whenText(judgement)}, against a target of ${target}`
                    + `${uncertain ? '; only the optimistic end meets it' : ''}.`
                    + (basis.length > 0 ? ` ${capitalized(listed(basis))}.` : '')
                    + ` ${adviceFor(judgement.metric)}`;
                const range = targetRange(objective);
                report({
                    node: objective,
                    ...(range ? { range } : { property: 'target' }),
                    message,
                    data: {
                        verdict: judgement.verdict,
                        metric: judgement.metric,
                        unit: metricUnit(judgement.metric),
                        projected: judgement.projected,
                        target: judgement.target,
                        ...(judgement.deadline ? { deadline: judgement.deadline } : {})
                    },
                    related: [{ node: judgement.projection.funnel, message: 'the funnel the projection follows' }]
                });
            }
        }
    }
};

/**
 * An objective or KPI against the projection: what its metric word measures,
 * which way the target points, and what the plan's own funnel projects by
 * the deadline (or over the horizon, for a KPI without one). The rule
 * `objective-unreachable` and the report's goal line read objectives here.
 */
import type { Funnel, Objective } from '../generated/ast.js';
import type { PlanModel } from './plan-model.js';
import { dayNumber, formatMoney } from './values.js';
import { daysOfMonth, firstDayOf, monthOf, monthsPerUnit, unitName } from './budgets.js';
import { judgingPlan, projectFunnel, type Projection, type Span } from './economics.js';
import { spanOf, type Step } from './funnel-reading.js';
import { formatNumber, percentText } from '../wording.js';

/** What a metric word measures. */
export type MetricKind =
    | 'customers' | 'active' | 'revenue' | 'mrr' | 'arr' | 'margin'
    | 'cac' | 'roas' | 'ltv' | 'ltv-to-cac' | 'churn' | 'retention' | 'payback' | 'stage';

/** The unit a target is written in. */
export type TargetUnit = 'count' | 'money' | 'percent' | 'ratio' | 'months';

/** The metric words mplan knows, by what they measure (the language reference lists them). */
export const METRIC_WORDS: Readonly<Record<string, MetricKind>> = {
    customers: 'customers', customer: 'customers', new_customers: 'customers', buyers: 'customers', sales: 'customers',
    orders: 'customers', purchases: 'customers', accounts: 'customers', clients: 'customers', paying_customers: 'customers',
    deals: 'customers', students: 'customers', enrolments: 'customers', enrollments: 'customers', signups_paid: 'customers',
    active_customers: 'active', active_subscribers: 'active', paying_subscribers: 'active', members: 'active', active_members: 'active',
    revenue: 'revenue', sales_revenue: 'revenue', turnover: 'revenue', income: 'revenue', bookings: 'revenue',
    mrr: 'mrr', monthly_revenue: 'mrr', monthly_recurring_revenue: 'mrr', arr: 'arr', annual_recurring_revenue: 'arr',
    margin: 'margin', gross_margin: 'margin', profit: 'margin', gross_profit: 'margin',
    cac: 'cac', cpa: 'cac', acquisition_cost: 'cac', cost_per_customer: 'cac', cost_per_acquisition: 'cac',
    roas: 'roas', return_on_ad_spend: 'roas',
    ltv: 'ltv', clv: 'ltv', lifetime_value: 'ltv', customer_lifetime_value: 'ltv',
    ltv_cac: 'ltv-to-cac', ltv_to_cac: 'ltv-to-cac',
    churn: 'churn', churn_rate: 'churn', retention: 'retention', retention_rate: 'retention',
    payback: 'payback', payback_months: 'payback', cac_payback: 'payback'
};

/** The unit each kind of metric is measured in. */
const UNIT_OF: Record<MetricKind, TargetUnit> = {
    customers: 'count', active: 'count', stage: 'count', revenue: 'money', mrr: 'money', arr: 'money', margin: 'money',
    cac: 'money', ltv: 'money', roas: 'ratio', 'ltv-to-cac': 'ratio', churn: 'percent', retention: 'percent', payback: 'months'
};

/** The unit a kind of metric is measured in. */
export function metricUnit(kind: MetricKind): TargetUnit {
    return UNIT_OF[kind];
}

/** Metrics where less is better: their targets are ceilings unless the objective says `at least`. */
const LOWER_IS_BETTER = new Set<MetricKind>(['cac', 'churn', 'payback']);

/** The kind of a metric word, if mplan knows it; a funnel's own stage word counts the people who reach that stage. */
export function metricKind(word: string | undefined, stages: readonly string[] = []): MetricKind | undefined {
    if (!word) return undefined;
    const lower = word.toLowerCase();
    return METRIC_WORDS[lower] ?? (stages.includes(lower) ? 'stage' : undefined);
}

/** The unit a target is written in: a currency, `%`, `x`, or none. */
export function targetUnit(objective: Objective): TargetUnit {
    if (objective.currency) return 'money';
    if (objective.percent) return 'percent';
    if (objective.ratio) return 'ratio';
    return 'count';
}

export interface ObjectiveJudgement {
    objective: Objective;
    metric: MetricKind;
    direction: 'at least' | 'at most';
    /** The figure to meet, in the metric's unit (a fraction for a percentage). */
    target: number;
    unit: TargetUnit;
    currency?: string;
    /** The day the target is due (YYYY-MM-DD); undefined for a KPI judged over the horizon. */
    deadline?: string;
    /** What the plan projects, both ends. */
    projected: Span;
    /** The end a reviewer judges by: the low end for `at least`, the high end for `at most`. */
    pessimistic: number;
    /** reached: even the pessimistic end meets it; not reached: even the optimistic end misses; uncertain: in between. */
    verdict: 'reached' | 'not reached' | 'uncertain';
    /** A figure of this metric as it reads ("1,240 customers", "18,400 USD a month", "3.2x", "4%"). */
    show(value: number): string;
    /** What the projection rests on, for messages: "the funnel's 24 buyers a month from 2027-04". */
    projection: Projection;
}

/** The people reaching `stage` each month, from the funnel's entry count forward through its rates. */
export function stagePerMonth(projection: Projection, stage: string): Span | undefined {
    const reading = projection.reading;
    const entry = reading.entry;
    if (!entry) return undefined;
    const seen = new Set<string>([entry.stage]);
    const queue: Array<{ stage: string; rate: Span }> = [{ stage: entry.stage, rate: { low: 1, high: 1 } }];
    while (queue.length > 0) {
        const at = queue.shift()!;
        if (at.stage === stage) return { low: entry.perMonth.low * at.rate.low, high: entry.perMonth.high * at.rate.high };
        for (const step of reading.steps as Step[]) {
            if (step.from !== at.stage || seen.has(step.to)) continue;
            seen.add(step.to);
            queue.push({ stage: step.to, rate: { low: at.rate.low * step.rate.low, high: at.rate.high * step.rate.high } });
        }
    }
    return undefined;
}

/** The share of the deadline's month up to and including the deadline, and the number of months of the projection to the deadline. */
function monthsTo(projection: Projection, deadline: number): { count: number; lastShare: number } {
    const first = projection.months[0].month;
    const month = monthOf(deadline);
    return { count: month - first + 1, lastShare: (deadline - firstDayOf(month) + 1) / daysOfMonth(month) };
}

/** The sum of `value` over the first `count` rows, the last of them counted for its share of the month. */
function sumRows(rows: number, value: (i: number) => number, count: number, lastShare: number): number {
    let total = 0;
    for (let i = 0; i < Math.min(count, rows); i++) total += i === count - 1 ? value(i) * lastShare : value(i);
    return total;
}

const stageWords = new WeakMap<PlanModel, string[]>();

/** The stage words of the funnels a model reaches, in lower case, computed once per model (a plan may have hundreds of KPIs). */
function stagesOf(model: PlanModel): string[] {
    let stages = stageWords.get(model);
    if (!stages) {
        stages = model.reach.funnels.flatMap(f => f.conversions.flatMap(c => [c.from, c.to]).concat(f.counts.map(c => c.stage)))
            .filter((w): w is string => Boolean(w)).map(w => w.toLowerCase());
        stageWords.set(model, stages);
    }
    return stages;
}

/**
 * Judges an objective or KPI against the plan's projection. Undefined when
 * it cannot be judged: an unknown metric, a target in a unit the metric is
 * not measured in, or no projection (no funnel counts, no spend with dates).
 */
export function judgeObjective(model: PlanModel, objective: Objective): ObjectiveJudgement | undefined {
    if (typeof objective.target !== 'number' || judgingPlan(model) === null) return undefined;
    const funnels = model.reach.funnels;
    const metric = metricKind(objective.metric, stagesOf(model));
    if (!metric) return undefined;
    const unit = targetUnit(objective);
    const expected = UNIT_OF[metric];
    // A count, a ratio and months may be written without a unit; money needs its currency, a share its %.
    const fits = unit === expected || (unit === 'count' && (expected === 'ratio' || expected === 'months'));
    if (!fits) return undefined;

    const horizon = model.settings.thresholds.horizonMonths;
    const deadlineDay = objective.deadline ? dayNumber(objective.deadline) : undefined;
    if (objective.deadline && deadlineDay === undefined) return undefined;
    const base = firstProjection(model, funnels, horizon);
    if (!base) return undefined;
    if (unit === 'money' && objective.currency !== base.currency) return undefined;
    let projection = base;
    let count = base.months.length, lastShare = 1;
    if (deadlineDay !== undefined) {
        const to = monthsTo(base, deadlineDay);
        if (to.count < 1) {
            count = 0;
        } else {
            // Project as far as the deadline (at most fifty years, as the projection does).
            if (to.count !== base.months.length) projection = projectFunnel(model, base.funnel, to.count) ?? base;
            count = Math.min(to.count, projection.months.length);
            lastShare = to.lastShare;
        }
    }
    const rows = projection.months;
    const upTo = (pick: (i: number) => number) => sumRows(rows.length, pick, count, lastShare);
    const per = monthsPerUnit(objective.targetPer);
    const lastRow = count > 0 ? rows[count - 1] : undefined;
    let projected: Span | undefined;
    switch (metric) {
        case 'customers':
            projected = spanOf(upTo(i => rows[i].customers.low), upTo(i => rows[i].customers.high));
            break;
        case 'stage': {
            const perMonth = stagePerMonth(projection, objective.metric!.toLowerCase());
            if (!perMonth) return undefined;
            // People reach a stage in the part of each month the plan spends money.
            projected = spanOf(upTo(i => perMonth.low * rows[i].spending), upTo(i => perMonth.high * rows[i].spending));
            break;
        }
        case 'active':
            if (lastRow && !lastRow.active) return undefined;
            projected = lastRow?.active ?? spanOf(0);
            break;
        case 'revenue':
        case 'margin': {
            const of = (end: 'low' | 'high') => (i: number) => metric === 'revenue' ? rows[i].revenue[end] : rows[i].margin?.[end] ?? NaN;
            if (metric === 'margin' && !rows[0].margin) return undefined;
            projected = per !== undefined && lastRow
                ? spanOf(of('low')(count - 1) * per, of('high')(count - 1) * per)
                : spanOf(upTo(of('low')), upTo(of('high')));
            break;
        }
        case 'mrr':
        case 'arr': {
            if (!lastRow) projected = spanOf(0);
            else {
                const times = metric === 'arr' ? 12 : 1;
                projected = spanOf(lastRow.revenue.low * times, lastRow.revenue.high * times);
            }
            break;
        }
        case 'cac':
            if (!projection.cac) return undefined;
            projected = projection.cac;
            break;
        case 'roas': {
            if (projection.spend <= 0) return undefined;
            projected = spanOf(projection.revenue.low / projection.spend, projection.revenue.high / projection.spend);
            break;
        }
        case 'ltv':
            projected = projection.ltv;
            break;
        case 'ltv-to-cac':
            if (!projection.cac) return undefined;
            projected = spanOf(projection.ltv.low / projection.cac.high, projection.ltv.high / projection.cac.low);
            break;
        case 'payback': {
            const p = projection.payback;
            if (!p || p.low === undefined || p.high === undefined) return undefined;
            projected = spanOf(p.low, p.high);
            break;
        }
        case 'churn':
        case 'retention': {
            const product = projection.product;
            const rate = metric === 'churn' ? product.churn ?? product.retention : product.retention ?? product.churn;
            if (!rate) return undefined;
            const same = metric === 'churn' ? Boolean(product.churn) : Boolean(product.retention);
            const a = rate.value / 100, b = (rate.high ?? rate.value) / 100;
            // Over the objective's unit, from the product's.
            const from = monthsPerUnit(rate.per ?? product.price?.per ?? 'month') ?? 1;
            const to = per ?? from;
            const kept = (share: number) => Math.max(0, Math.min(1, same === (metric === 'retention') ? share : 1 - share)) ** (to / from);
            const value = (share: number) => metric === 'retention' ? kept(share) : 1 - kept(share);
            projected = spanOf(value(a), value(b));
            break;
        }
    }
    if (!projected) return undefined;
    const direction: 'at least' | 'at most' = objective.atLeast ? 'at least' : objective.atMost ? 'at most' : LOWER_IS_BETTER.has(metric) ? 'at most' : 'at least';
    const scale = unit === 'percent' ? 0.01 : 1;
    const target = (direction === 'at most' ? objective.targetHigh ?? objective.target : objective.target) * scale;
    const pessimistic = direction === 'at least' ? projected.low : projected.high;
    const optimistic = direction === 'at least' ? projected.high : projected.low;
    const meets = (value: number) => direction === 'at least' ? value >= target * (1 - 1e-9) : value <= target * (1 + 1e-9);
    const verdict = meets(pessimistic) ? 'reached' : meets(optimistic) ? 'uncertain' : 'not reached';
    const currency = unit === 'money' ? objective.currency : undefined;
    const perText = objective.targetPer ? ` a ${unitName(objective.targetPer)}` : '';
    const show = (value: number): string => {
        switch (UNIT_OF[metric]) {
            case 'money': return `${formatMoney({ amount: Math.round(value * 100) / 100, currency: currency ?? base.currency })}${metric === 'revenue' || metric === 'margin' ? perText : ''}`;
            case 'percent': return `${percentText(value)}${perText}`;
            case 'ratio': return `${formatNumber(value, 1)}x`;
            case 'months': return `${formatNumber(value, 0)} month${value === 1 ? '' : 's'}`;
            default: return formatNumber(Math.round(value), 0);
        }
    };
    return { objective, metric, direction, target, unit, currency, deadline: objective.deadline, projected, pessimistic, verdict, show, projection };
}

/** The projection of the plan's first funnel that has one. */
function firstProjection(model: PlanModel, funnels: readonly Funnel[], horizon: number): Projection | undefined {
    for (const funnel of funnels) {
        const projection = projectFunnel(model, funnel, horizon);
        if (projection) return projection;
    }
    return undefined;
}

import type { Objective } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import type { Rule } from './rule.js';
import { metricKind, targetUnit, type MetricKind, type TargetUnit } from '../model/objectives.js';
import { formatNumber, listed } from '../wording.js';
import { unitName } from '../model/budgets.js';
import { metricWords, objectiveName, targetRange } from './strategy-util.js';

type Part = 'metric' | 'target' | 'deadline';

const WORDS: Record<Part, string> = { metric: 'metric', target: 'target value', deadline: 'deadline' };
const EXAMPLES: Record<Part, string> = { metric: 'metric orders', target: 'target 40', deadline: 'by 2027-06-30' };

/**
 * Targets whose unit cannot measure their metric, by metric: what the metric
 * is, how its targets are written, and the units that are plainly wrong.
 * Only combinations with one reading are here: `revenue target 40%` may be
 * growth, `margin target 40%` a margin rate, `sales target 50_000 USD` sales
 * in money, `roas target 400%` a ratio as a percentage, `ltv target 3x` three
 * times the CAC; none of those is reported.
 */
const WRONG_UNITS: Partial<Record<MetricKind, { is: string; write: string; wrong: readonly TargetUnit[] }>> = {
    churn: { is: 'a share of subscribers who leave', write: "as a percentage, e.g. 'target at most 3% a month'", wrong: ['money', 'ratio'] },
    retention: { is: 'a share of subscribers who stay', write: "as a percentage, e.g. 'target at least 95% a month'", wrong: ['money', 'ratio'] },
    cac: { is: 'an amount of money (what winning one customer costs)', write: 'as an amount in the currency', wrong: ['percent', 'ratio'] },
    ltv: { is: 'an amount of money (what one customer brings in)', write: 'as an amount in the currency', wrong: ['percent'] },
    roas: { is: 'a ratio of revenue to ad spend', write: "as a ratio, e.g. 'target at least 4x'", wrong: ['money'] },
    'ltv-to-cac': { is: 'a ratio of lifetime value to acquisition cost', write: "as a ratio, e.g. 'target at least 3x'", wrong: ['money'] },
    payback: { is: 'a number of months', write: "as a number of months, e.g. 'target at most 12'", wrong: ['money', 'percent', 'ratio'] }
};

/** A target as the plan wrote it: "35 USD", "40%", "3x", "2 to 4 USD". */
function writtenTarget(objective: Objective): string {
    const figure = (value: number) => formatNumber(value, 2);
    const unit = (value: number) => objective.percent ? `${figure(value)}%` : objective.ratio ? `${figure(value)}x` : figure(value);
    const high = objective.targetHigh !== undefined && objective.targetHigh !== objective.target ? objective.targetHigh : undefined;
    const text = objective.currency
        ? `${figure(objective.target!)}${high !== undefined ? ` to ${figure(high)}` : ''} ${objective.currency}`
        : `${unit(objective.target!)}${high !== undefined ? ` to ${unit(high)}` : ''}`;
    return `${text}${objective.targetPer ? ` a ${unitName(objective.targetPer)}` : ''}`;
}

function wrongUnit(model: PlanModel, objective: Objective, which: string, report: Parameters<Rule['check']>[1]): void {
    const kind = metricKind(objective.metric);
    const wrong = kind && WRONG_UNITS[kind];
    if (!kind || !wrong) return;
    const unit = targetUnit(objective);
    if (!wrong.wrong.includes(unit)) return;
    const currency = model.currency?.code;
    const write = wrong.write === 'as an amount in the currency'
        ? currency ? `as an amount in ${currency}` : 'as an amount with its currency'
        : wrong.write;
    const range = targetRange(objective);
    report({
        node: objective,
        ...(range ? { range } : { property: 'target' }),
        message: `${which} has a target of ${writtenTarget(objective)}, but ${metricWords(objective.metric!)} is ${wrong.is}, so the target cannot measure it. Write the target ${write}, with your own figure.`,
        data: { metric: kind, unit }
    });
}

export const objectiveNotMeasurable: Rule = {
    id: 'objective-not-measurable',
    severity: 'warning',
    area: 'strategy',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001 tracking; beyond (SMART objectives)',
    description: 'An objective that lacks a metric, a target value or a deadline (a KPI needs no deadline), or whose target is in a unit that cannot measure its metric, so it cannot be checked.',
    check(model, report) {
        for (const strategy of model.own.strategies) {
            for (const objective of strategy.objectives) {
                const which = objectiveName(objective, strategy);
                const kpi = objective.kind === 'kpi';
                const missing: Part[] = [];
                if (!objective.metric) missing.push('metric');
                if (objective.target === undefined) missing.push('target');
                // A KPI is watched continuously: it needs no deadline.
                if (!objective.deadline && !kpi) missing.push('deadline');
                if (missing.length === 0) {
                    wrongUnit(model, objective, which, report);
                    continue;
                }
                const example = missing.map(part => EXAMPLES[part]).join(' ');
                report({
                    node: objective,
                    property: 'text',
                    message: `${which} has no ${listed(missing.map(part => WORDS[part]), 'or')}, so nobody can tell whether it ${kpi ? 'is' : 'was'} met. Add ${missing.length === 1 ? 'it' : 'them'} with your own figures, e.g. '${example}'.`,
                    data: { missing }
                });
            }
        }
    }
};

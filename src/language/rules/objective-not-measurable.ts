import type { Rule } from './rule.js';
import { listed } from '../wording.js';

type Part = 'metric' | 'target' | 'deadline';

const WORDS: Record<Part, string> = { metric: 'metric', target: 'target value', deadline: 'deadline' };
const EXAMPLES: Record<Part, string> = { metric: 'metric orders', target: 'target 40', deadline: 'by 2027-06-30' };

function quoted(text: string): string {
    return `"${text.length > 60 ? text.slice(0, 57).trimEnd() + '…' : text}"`;
}

export const objectiveNotMeasurable: Rule = {
    id: 'objective-not-measurable',
    severity: 'warning',
    area: 'strategy',
    scope: 'file',
    basis: '001 tracking; beyond (SMART objectives)',
    description: 'An objective that lacks a metric, a target value or a deadline, so it cannot be checked.',
    check(model, report) {
        for (const strategy of model.own.strategies) {
            for (const objective of strategy.objectives) {
                const missing: Part[] = [];
                if (!objective.metric) missing.push('metric');
                if (objective.target === undefined) missing.push('target');
                if (!objective.deadline) missing.push('deadline');
                if (missing.length === 0) continue;
                const example = missing.map(part => EXAMPLES[part]).join(' ');
                const which = objective.text?.trim()
                    ? `Objective ${quoted(objective.text.trim())} of strategy '${strategy.name}'`
                    : `An objective of strategy '${strategy.name}'`;
                report({
                    node: objective,
                    property: 'text',
                    message: `${which} has no ${listed(missing.map(part => WORDS[part]), 'or')}, so nobody can tell whether it was met. Add ${missing.length === 1 ? 'it' : 'them'} with your own figures, e.g. '${example}'.`,
                    data: { missing }
                });
            }
        }
    }
};

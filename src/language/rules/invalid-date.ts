import type { AstNode } from 'langium';
import type { PlanModel } from '../model/plan-model.js';
import { dateProblem } from '../model/values.js';
import type { Rule } from './rule.js';

/** Every date written in a file: the node, its property and the text. */
export function* datesOf(model: PlanModel): Generator<{ node: AstNode; property: string; text: string }> {
    for (const block of [...model.own.tactics, ...model.own.campaigns]) {
        if (block.period?.start) yield { node: block.period, property: 'start', text: block.period.start };
        if (block.period?.end) yield { node: block.period, property: 'end', text: block.period.end };
    }
    for (const campaign of model.own.campaigns) {
        if (campaign.review) yield { node: campaign, property: 'review', text: campaign.review };
    }
    for (const strategy of model.own.strategies) {
        for (const objective of strategy.objectives) {
            if (objective.deadline) yield { node: objective, property: 'deadline', text: objective.deadline };
        }
    }
}

export const invalidDate: Rule = {
    id: 'invalid-date',
    severity: 'error',
    area: 'language',
    scope: 'file',
    description: 'A date that does not exist, such as 2027-02-30.',
    check(model, report) {
        for (const { node, property, text } of datesOf(model)) {
            const problem = dateProblem(text);
            if (problem) report({ node, property, message: `${text} is not a real date: ${problem}.` });
        }
    }
};

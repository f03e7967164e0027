import { GrammarUtils } from 'langium';
import { insertFact } from './edits.js';
import type { Rule } from './rule.js';

/** A placeholder that reads as what to write, not as a goal. */
const PLACEHOLDER = 'Describe the business goal this plan serves';

export const planWithoutGoal: Rule = {
    id: 'plan-without-goal',
    severity: 'warning',
    area: 'strategy',
    scope: 'plan',
    reportsMissingFacts: true,
    basis: '003',
    description: 'The plan states no overall business goal.',
    check(model, report) {
        const plan = model.plan!;
        if (plan.goal === undefined) {
            report({
                node: plan,
                property: 'name',
                message: `The plan states no business goal, so its strategies and tactics have nothing to harmonize with. Add 'goal "…"' with where you want the business headed (e.g. "Become the default caterer for downtown offices").`,
                data: { goal: 'missing' }
            });
        } else if (plan.goal.trim() === '') {
            report({
                node: plan,
                property: 'goal',
                message: `The plan's goal is empty, so its strategies and tactics have nothing to harmonize with. Say where you want the business headed.`,
                data: { goal: 'empty' }
            });
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const plan = model.plan;
        if (!plan) return [];
        if (finding.data?.goal === 'empty') {
            const goal = GrammarUtils.findNodeForProperty(plan.$cstNode, 'goal');
            return goal ? [{ title: 'Fill the empty goal with a placeholder to rewrite', kind: 'suggestion', edits: [{ range: goal.range, newText: `"${PLACEHOLDER}"` }] }] : [];
        }
        const edit = insertFact(model, plan, `goal "${PLACEHOLDER}"`);
        return edit ? [{ title: 'Add a placeholder goal to the plan, to rewrite', kind: 'suggestion', edits: [edit] }] : [];
    }
};

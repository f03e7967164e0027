import { insertFact } from './edits.js';
import type { Rule } from './rule.js';

const REVISIT = 'revisit every quarter';

export const noContingency: Rule = {
    id: 'no-contingency',
    severity: 'info',
    area: 'campaign',
    scope: 'plan',
    reportsMissingFacts: true,
    basis: '000 (a plan flexible enough to change)',
    description: 'The plan sets no cadence for re-examining the plan itself.',
    check(model, report) {
        const plan = model.plan!;
        if (plan.revisit) return;
        report({
            node: plan,
            property: 'name',
            message: `Plan '${plan.name}' never says when it will be looked at again: a plan must stay flexible enough to change when the market or your circumstances do. Add '${REVISIT}' (or the cadence that suits you) to the plan block.`
        });
    },
    fixKinds: ['suggestion'],
    fix(model) {
        const plan = model.plan;
        if (!plan || plan.revisit) return [];
        const edit = insertFact(model, plan, REVISIT);
        return edit ? [{ title: `Add '${REVISIT}' to the plan (or the cadence that suits you)`, kind: 'suggestion', edits: [edit] }] : [];
    }
};

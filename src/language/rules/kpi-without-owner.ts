import type { Rule } from './rule.js';
import { objectiveName } from './strategy-util.js';

type Missing = 'owner' | 'review';

export const kpiWithoutOwner: Rule = {
    id: 'kpi-without-owner',
    severity: 'info',
    area: 'strategy',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001 (follow your results; a joint effort); beyond (SOSTAC control)',
    description: 'An objective or KPI that nobody owns, or that is reviewed on no cadence.',
    check(model, report) {
        // The plan's `revisit` cadence reviews every objective of the plan. A library's objectives are
        // covered when every plan importing it has one; with no plan importing it, only their own
        // `review` can say, so a missing cadence is left to the plan that imports the library.
        const plans = model.plan ? [model.plan] : model.reach.plans;
        const planReviews = plans.length === 0 || plans.every(plan => plan.revisit !== undefined);
        for (const strategy of model.own.strategies) {
            for (const objective of strategy.objectives) {
                const missing: Missing[] = [];
                if (!objective.owner?.trim()) missing.push('owner');
                if (!objective.review && !planReviews) missing.push('review');
                if (missing.length === 0) continue;
                const which = objectiveName(objective, strategy);
                const message = missing.length === 2
                    ? `${which} has no owner and is reviewed on no cadence, so nobody is bound to follow its results. Name who answers for it with 'owner', and say how often it is looked at with 'review' (e.g. 'review monthly') or with 'revisit' in the plan block.`
                    : missing[0] === 'owner'
                        ? `${which} has no owner, so nobody is bound to follow its results. Name the person or team who answers for it with 'owner'.`
                        : `${which} is reviewed on no cadence: neither it nor the plan says how often its results are looked at. Add 'review' with a cadence (e.g. 'review monthly'), or 'revisit' to the plan block for every objective of the plan.`;
                report({ node: objective, property: 'text', message, data: { missing } });
            }
        }
    }
};

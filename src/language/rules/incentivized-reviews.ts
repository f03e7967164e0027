import type { Tactic } from '../generated/ast.js';
import { offersIncentive, praiseAskedIn } from '../model/claims.js';
import { applying, complianceData, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const RULE = 'incentivized-reviews';

/** Where a tactic makes its reward depend on praise, and how it reads; undefined when it does not. */
export function praiseConditionOf(tactic: Tactic): { property: 'rewardFor' | 'reward' | 'message'; text: string } | undefined {
    if (tactic.rewardFor === 'positive') return { property: 'rewardFor', text: `its reward ("${tactic.reward}") is for positive reviews only` };
    const inReward = tactic.reward !== undefined ? praiseAskedIn(tactic.reward) : undefined;
    if (inReward) return { property: 'reward', text: `its reward ("${tactic.reward}") asks for "${inReward.text}"` };
    const inMessage = tactic.message !== undefined ? praiseAskedIn(tactic.message) : undefined;
    if (inMessage && (tactic.reward !== undefined || offersIncentive(tactic.message!))) {
        return { property: 'message', text: `its message ("${tactic.message}") offers something in return for "${inMessage.text}"` };
    }
    return undefined;
}

export const incentivizedReviews: Rule = {
    id: RULE,
    severity: 'error',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'A reward for reviews that is given only for praise (positive or 5-star reviews).',
    check(model, report) {
        for (const tactic of model.own.tactics) {
            const condition = praiseConditionOf(tactic);
            if (!condition) continue;
            const applies = applying(model, RULE, tactic);
            if (applies.length === 0) continue;
            report({
                node: tactic,
                property: condition.property,
                message: `Tactic '${tactic.name}' pays for praise: ${condition.text}. A reward that depends on what a review says is banned: ${underLaw(applies)}. Reward every review whatever its rating ('reward "…" for honest reviews') and ask for an honest review, not a good one.`,
                data: complianceData(applies)
            });
        }
    }
};

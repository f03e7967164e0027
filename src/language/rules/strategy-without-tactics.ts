import type { Rule } from './rule.js';

export const strategyWithoutTactics: Rule = {
    id: 'strategy-without-tactics',
    severity: 'warning',
    area: 'strategy',
    scope: 'file',
    basis: '003',
    description: 'A strategy that no tactic of the plan serves.',
    check(model, report) {
        for (const strategy of model.own.strategies) {
            if (!strategy.name) continue;
            if ((model.tacticsServing.get(strategy)?.length ?? 0) > 0) continue;
            report({
                node: strategy,
                property: 'name',
                message: `Strategy '${strategy.name}' has no tactic serving it, so nothing in the plan carries it out. Add the steps that do (an ad, a post, a mailing) as tactics with 'serves ${strategy.name}'.`
            });
        }
    }
};

import type { Rule } from './rule.js';

export const strategyWithoutStatement: Rule = {
    id: 'strategy-without-statement',
    severity: 'warning',
    area: 'strategy',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '003',
    description: 'A strategy with no statement of what it aims at.',
    check(model, report) {
        for (const strategy of model.own.strategies) {
            if (!strategy.name) continue;
            if (strategy.statement === undefined) {
                report({
                    node: strategy,
                    property: 'name',
                    message: `Strategy '${strategy.name}' has no statement of what it aims at, so there is nothing to choose its tactics by. Add 'statement "…"' saying which customers it goes after for which business (e.g. "Win local offices as catering customers").`
                });
            } else if (strategy.statement.trim() === '') {
                report({
                    node: strategy,
                    property: 'statement',
                    message: `Strategy '${strategy.name}' has an empty statement, so there is nothing to choose its tactics by. Say which customers it goes after for which business.`
                });
            }
        }
    }
};

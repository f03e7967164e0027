import type { Rule } from './rule.js';

export const noDifferentiation: Rule = {
    id: 'no-differentiation',
    severity: 'warning',
    area: 'competition',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '000 #2',
    description: "A competitor with no stated way in which the plan's offer is better ('we differ by').",
    check(model, report) {
        for (const competitor of model.own.competitors) {
            if (competitor.differences.some(text => text.trim() !== '')) continue;
            const weakness = competitor.weaknesses.find(text => text.trim() !== '');
            const hint = weakness ? ` (its weakness "${weakness}" is a place to start)` : '';
            report({
                node: competitor,
                property: 'name',
                message: `Nothing says how the plan's offer is better than competitor '${competitor.name}', so buyers who can choose have no reason to pick you. Add 'we differ by "…"'${hint}.`
            });
        }
    }
};

import type { Rule } from './rule.js';

const stated = (texts: string[]): boolean => texts.some(text => text.trim() !== '');

export const competitorUnassessed: Rule = {
    id: 'competitor-unassessed',
    severity: 'warning',
    area: 'competition',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '000 #2',
    description: 'A competitor without at least one strength and one weakness.',
    check(model, report) {
        for (const competitor of model.own.competitors) {
            const missing: Array<'strength' | 'weakness'> = [];
            if (!stated(competitor.strengths)) missing.push('strength');
            if (!stated(competitor.weaknesses)) missing.push('weakness');
            if (missing.length === 0) continue;
            const what = missing.length === 2
                ? `no strength and no weakness stated: you cannot plan how to beat a rival you have not sized up. Add at least one 'strength' (what it does well) and one 'weakness' (what it does badly or leaves out).`
                : missing[0] === 'strength'
                    ? `no strength stated: a rival's weaknesses alone underrate it. Add at least one 'strength' (what it does well that buyers value).`
                    : `no weakness stated: its weaknesses are where the plan can set you apart. Add at least one 'weakness' (what it does badly or leaves out).`;
            report({
                node: competitor,
                property: 'name',
                message: `Competitor '${competitor.name}' has ${what}`,
                data: { missing }
            });
        }
    }
};

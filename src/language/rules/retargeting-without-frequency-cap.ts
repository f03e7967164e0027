import type { Rule } from './rule.js';

export const retargetingWithoutFrequencyCap: Rule = {
    id: 'retargeting-without-frequency-cap',
    severity: 'info',
    area: 'strategy',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #3; beyond',
    description: 'A retargeting tactic with no cap on how often one person sees it (\'frequency cap …\').',
    check(model, report) {
        for (const tactic of model.own.tactics) {
            if (tactic.channel !== 'retargeting' || tactic.cap) continue;
            report({
                node: tactic,
                property: 'name',
                message: `Retargeting tactic '${tactic.name}' sets no frequency cap: without one, the people who were closest to buying see the same ad again and again, and an ad that follows them everywhere annoys more than it persuades. Say how often one person may see it, such as 'frequency cap 3 per week'.`
            });
        }
    }
};

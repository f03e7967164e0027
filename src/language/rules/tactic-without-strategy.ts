import { blockNamedAt, insertFact } from './edits.js';
import type { Rule } from './rule.js';

export const tacticWithoutStrategy: Rule = {
    id: 'tactic-without-strategy',
    severity: 'warning',
    area: 'strategy',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '003',
    description: 'A tactic that serves no strategy.',
    check(model, report) {
        const strategies = model.all.strategies.map(s => s.name).filter(Boolean);
        for (const tactic of model.own.tactics) {
            if (tactic.serves.length > 0) continue;
            const hint = strategies.length === 0
                ? 'The plan declares no strategy yet: write one, then add \'serves\' to this tactic.'
                : `Add 'serves' with the strategy it works for (${strategies.slice(0, 3).join(', ')}${strategies.length > 3 ? ', …' : ''}).`;
            report({
                node: tactic,
                property: 'name',
                message: `Tactic '${tactic.name}' serves no strategy, so it is hit or miss. ${hint}`,
                data: { strategies }
            });
        }
    },
    fixKinds: ['safe'],
    fix(model, finding) {
        const tactic = blockNamedAt(model.own.tactics, finding.range);
        const strategies = (finding.data?.strategies as string[] | undefined) ?? [];
        if (!tactic) return [];
        return strategies.flatMap(strategy => {
            const edit = insertFact(model, tactic, `serves ${strategy}`);
            return edit ? [{ title: `Serve strategy '${strategy}'`, kind: 'safe' as const, edits: [edit], preferred: strategies.length === 1 }] : [];
        });
    }
};

import { blockNamedAt, insertFact } from './edits.js';
import type { Rule } from './rule.js';

export const strategyWithoutTarget: Rule = {
    id: 'strategy-without-target',
    severity: 'warning',
    area: 'strategy',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '003',
    description: 'A strategy that targets no customer segment.',
    check(model, report) {
        // The segments this file can name: a fix must resolve where it is written.
        const segments = [...new Set(model.all.segments.map(s => s.name).filter(Boolean))];
        for (const strategy of model.own.strategies) {
            if (!strategy.name || strategy.targets.length > 0) continue;
            const hint = segments.length === 0
                ? 'The plan describes no customer segment yet: write one, then add \'targets\' to this strategy.'
                : `Add 'targets' with the segment it is for (${segments.slice(0, 3).join(', ')}${segments.length > 3 ? ', …' : ''}).`;
            report({
                node: strategy,
                property: 'name',
                message: `Strategy '${strategy.name}' targets no segment, so its tactics cannot tell whom they speak to or how to slant their message. ${hint}`,
                data: { segments }
            });
        }
    },
    fixKinds: ['safe'],
    fix(model, finding) {
        const strategy = blockNamedAt(model.own.strategies, finding.range);
        const segments = (finding.data?.segments as string[] | undefined) ?? [];
        if (!strategy) return [];
        return segments.flatMap(segment => {
            const edit = insertFact(model, strategy, `targets ${segment}`);
            return edit ? [{ title: `Target segment '${segment}'`, kind: 'safe' as const, edits: [edit], preferred: segments.length === 1 }] : [];
        });
    }
};

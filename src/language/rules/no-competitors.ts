import type { Rule } from './rule.js';

export const noCompetitors: Rule = {
    id: 'no-competitors',
    severity: 'warning',
    area: 'competition',
    scope: 'plan',
    basis: '000 #2, 001',
    description: 'The plan names no competitor.',
    check(model, report) {
        if (model.all.competitors.length > 0) return;
        // Sellers the research studied by a quoted name are competitors the plan has not declared.
        const studied = model.all.research.flatMap(research => research.studied.filter(source => source.text?.trim()));
        const first = studied[0];
        report({
            node: model.plan!,
            property: 'name',
            message: first
                ? `The plan names no competitor, though its research studied "${first.text}" (${model.where(first)}): declare each seller you compete with as a 'competitor' block, with its strengths, weaknesses and how you differ.`
                : `The plan names no competitor: you cannot set yourself apart from sellers you have not identified. Add a 'competitor' block for each one, with its strengths, weaknesses and how you differ.`,
            related: studied.length > 0 ? studied.map(source => ({ node: source, message: 'a seller studied but not declared as a competitor' })) : undefined
        });
    }
};

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
`;

/** The rule stays silent on a file that parses. */
function expectQuiet(result: Awaited<ReturnType<typeof check>>, file?: string): void {
    expect(result.rules(file)).not.toContain('competitor-unassessed');
    expect(result.rules(file)).not.toContain('syntax-error');
}

describe('competitor-unassessed', () => {
    it('does not fire on a competitor with a strength and a weakness', async () => {
        const text = PLAN + 'competitor SweetCo {\n    strength "Lower prices"\n    weakness "Two-day delivery"\n}\n';
        expectQuiet(await check(text));
    });

    it('fires on the competitor name when both are missing, and says so', async () => {
        const result = await check(PLAN + 'competitor SweetCo {\n    we differ by "Same-day delivery"\n}\n');
        expect(result.findings()).toContainEqual({
            rule: 'competitor-unassessed', severity: 'warning', line: 5, column: 12, endLine: 5, endColumn: 19,
            message: "Competitor 'SweetCo' has no strength and no weakness stated: you cannot plan how to beat a rival you have not sized up. Add at least one 'strength' (what it does well) and one 'weakness' (what it does badly or leaves out)."
        });
    });

    it('says when only the weakness is missing', async () => {
        const result = await check(PLAN + 'competitor SweetCo { strength "Lower prices" strength "Large menu" }\n');
        expect(result.findings().filter(f => f.rule === 'competitor-unassessed')).toEqual([expect.objectContaining({
            line: 5,
            message: "Competitor 'SweetCo' has no weakness stated: its weaknesses are where the plan can set you apart. Add at least one 'weakness' (what it does badly or leaves out)."
        })]);
    });

    it('says when only the strength is missing', async () => {
        const result = await check(PLAN + 'competitor SweetCo { weakness "Two-day delivery" }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'competitor-unassessed',
            message: "Competitor 'SweetCo' has no strength stated: a rival's weaknesses alone underrate it. Add at least one 'strength' (what it does well that buyers value)."
        }));
    });

    it('does not count an empty text as a strength', async () => {
        const result = await check(PLAN + 'competitor SweetCo { strength "  " weakness "Two-day delivery" }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'competitor-unassessed', message: expect.stringContaining('has no strength stated') }));
    });

    it('reports each competitor on its own', async () => {
        const text = PLAN + 'competitor SweetCo { strength "Lower prices" weakness "Slow" }\ncompetitor OfficeEats { }\ncompetitor Crumbs { strength "Known" }\n';
        const found = (await check(text)).findings().filter(f => f.rule === 'competitor-unassessed');
        expect(found.map(f => [f.line, f.column])).toEqual([[6, 12], [7, 12]]);
    });

    it('fires in the library that declares the competitor, not in the plan that imports it', async () => {
        const result = await check({
            'plan.mplan': 'import "market.mplan"\n' + PLAN,
            'market.mplan': 'competitor SweetCo {\n    strength "Lower prices"\n}\n'
        });
        expectQuiet(result);
        expect(result.findings('market.mplan')).toContainEqual(expect.objectContaining({ rule: 'competitor-unassessed', line: 1, column: 12 }));
    });

    it('fires in a library no plan imports', async () => {
        const result = await check({ 'market.mplan': 'competitor SweetCo { }\n' });
        expect(result.rules('market.mplan')).toContain('competitor-unassessed');
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
`;

/** The rule stays silent on a file that parses. */
function expectQuiet(result: Awaited<ReturnType<typeof check>>, file?: string): void {
    expect(result.rules(file)).not.toContain('no-differentiation');
    expect(result.rules(file)).not.toContain('syntax-error');
}

describe('no-differentiation', () => {
    it('does not fire when the plan says how it differs from the competitor', async () => {
        const text = PLAN + 'competitor SweetCo {\n    weakness "Two-day delivery"\n    we differ by "Same-day delivery"\n}\n';
        expectQuiet(await check(text));
    });

    it('fires on the competitor name, suggesting its weakness as a start', async () => {
        const result = await check(PLAN + 'competitor SweetCo {\n    strength "Lower prices"\n    weakness "Two-day delivery"\n}\n');
        expect(result.findings()).toContainEqual({
            rule: 'no-differentiation', severity: 'warning', line: 5, column: 12, endLine: 5, endColumn: 19,
            message: `Nothing says how the plan's offer is better than competitor 'SweetCo', so buyers who can choose have no reason to pick you. Add 'we differ by "…"' (its weakness "Two-day delivery" is a place to start).`
        });
    });

    it('fires without a hint when no weakness is known', async () => {
        const result = await check(PLAN + 'competitor SweetCo { strength "Lower prices" }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'no-differentiation',
            message: `Nothing says how the plan's offer is better than competitor 'SweetCo', so buyers who can choose have no reason to pick you. Add 'we differ by "…"'.`
        }));
    });

    it('does not count an empty difference', async () => {
        const result = await check(PLAN + 'competitor SweetCo { we differ by "" }\n');
        expect(result.rules()).toContain('no-differentiation');
    });

    it('judges every competitor: one difference does not cover the others', async () => {
        const text = PLAN + 'competitor SweetCo { we differ by "Same-day delivery" }\ncompetitor OfficeEats { weakness "Lukewarm food" }\n';
        const found = (await check(text)).findings().filter(f => f.rule === 'no-differentiation');
        expect(found.map(f => f.line)).toEqual([6]);
        expect(found[0].message).toContain("competitor 'OfficeEats'");
    });

    it('fires in the library that declares the competitor, not in the importing plan', async () => {
        const result = await check({ 'plan.mplan': 'import "market.mplan"\n' + PLAN, 'market.mplan': 'competitor SweetCo { strength "Cheap" }\n' });
        expectQuiet(result);
        expect(result.findings('market.mplan')).toContainEqual(expect.objectContaining({ rule: 'no-differentiation', line: 1, column: 12 }));
    });
});

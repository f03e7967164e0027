import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
product Box {
    price 49 USD
    benefit "Baked the same morning"
}
`;

const COMPETITOR = `competitor SweetCo {
    strength "Lower prices"
    weakness "Two-day delivery"
    we differ by "Same-day delivery"
}
`;

/** The rule stays silent on a file that parses. */
function expectQuiet(result: Awaited<ReturnType<typeof check>>, file?: string): void {
    expect(result.rules(file)).not.toContain('no-competitors');
    expect(result.rules(file)).not.toContain('syntax-error');
}

describe('no-competitors', () => {
    it('fires on the plan name when the plan names no competitor', async () => {
        const result = await check(PLAN);
        expect(result.findings()).toContainEqual({
            rule: 'no-competitors', severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 12,
            message: "The plan names no competitor: you cannot set yourself apart from sellers you have not identified. Add a 'competitor' block for each one, with its strengths, weaknesses and how you differ."
        });
    });

    it('does not fire when the plan declares a competitor', async () => {
        expectQuiet(await check(PLAN + COMPETITOR));
    });

    it('does not fire when the competitor is declared in an imported library', async () => {
        const result = await check({ 'plan.mplan': 'import "market.mplan"\n' + PLAN, 'market.mplan': COMPETITOR });
        expectQuiet(result);
        expectQuiet(result, 'market.mplan');
    });

    it('counts a competitor imported through another library', async () => {
        const result = await check({
            'plan.mplan': 'import "shared.mplan"\n' + PLAN,
            'shared.mplan': 'import "market.mplan"\n',
            'market.mplan': COMPETITOR
        });
        expectQuiet(result);
    });

    it('does not count a competitor of a file the plan does not import', async () => {
        const result = await check({ 'plan.mplan': PLAN, 'market.mplan': COMPETITOR });
        expect(result.rules()).toContain('no-competitors');
    });

    it('points at sellers the research studied by a quoted name without declaring them', async () => {
        const text = PLAN + 'research {\n    studied "Bakery Express"\n    finding "They do not deliver before 10:00"\n}\n';
        const result = await check(text);
        const found = result.findings().find(f => f.rule === 'no-competitors');
        expect(found).toMatchObject({ line: 1, column: 6 });
        expect(found!.message).toBe(`The plan names no competitor, though its research studied "Bakery Express" (line 10): declare each seller you compete with as a 'competitor' block, with its strengths, weaknesses and how you differ.`);
    });

    it('does not run on a library, which is judged as part of a plan', async () => {
        const result = await check({ 'market.mplan': 'segment Managers { who "Office managers" }\n' });
        expectQuiet(result, 'market.mplan');
    });
});

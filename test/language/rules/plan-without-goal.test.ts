import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';

const BODY = `segment Managers {
    who "Office managers"
}
strategy Office {
    statement "Own office catering"
    targets Managers
}
`;

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
` + BODY;

const NO_GOAL = PLAN.replace('    goal "Be the caterer of downtown offices"\n', '');

const PLACEHOLDER = 'goal "Describe the business goal this plan serves"';

describe('plan-without-goal', () => {
    it('does not fire on a plan with a goal', async () => {
        expect((await check(PLAN)).rules()).not.toContain('plan-without-goal');
    });

    it('fires on the plan name when the plan has no goal', async () => {
        const result = await check(NO_GOAL);
        expect(result.findings()).toContainEqual({
            rule: 'plan-without-goal', severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 12,
            message: "The plan states no business goal, so its strategies and tactics have nothing to harmonize with. Add 'goal \"…\"' with where you want the business headed (e.g. \"Become the default caterer for downtown offices\")."
        });
    });

    it('fires on an empty goal, placed on the goal', async () => {
        const result = await check(PLAN.replace('"Be the caterer of downtown offices"', '""'));
        expect(result.findings()).toContainEqual({
            rule: 'plan-without-goal', severity: 'warning', line: 2, column: 10, endLine: 2, endColumn: 12,
            message: "The plan's goal is empty, so its strategies and tactics have nothing to harmonize with. Say where you want the business headed."
        });
    });

    it('does not take a strategy statement for the plan goal', async () => {
        expect((await check(NO_GOAL)).rules()).toContain('plan-without-goal');
    });

    it('does not fire on a library, which has no plan block', async () => {
        const result = await check(BODY);
        expect(result.rules()).not.toContain('plan-without-goal');
    });

    it('judges the plan file only, not the libraries it imports', async () => {
        const files = { 'plan.mplan': 'import "market.mplan"\nplan Bakery { currency USD }\n', 'market.mplan': BODY };
        const result = await check(files);
        expect(result.findings('plan.mplan')).toContainEqual(expect.objectContaining({ rule: 'plan-without-goal', line: 2, column: 6 }));
        expect(result.rules('market.mplan')).not.toContain('plan-without-goal');
    });

    it('fix: adds a placeholder goal as the first fact of the plan', async () => {
        const [fix, ...more] = await fixesFor(await check(NO_GOAL), 'plan-without-goal');
        expect(more).toEqual([]);
        expect(fix).toMatchObject({ title: 'Add a placeholder goal to the plan, to rewrite', preferred: false });
        expect(fix.result).toBe(NO_GOAL.replace('plan Bakery {\n', `plan Bakery {\n    ${PLACEHOLDER}\n`));
        const after = await check(fix.result);
        expect(after.rules()).not.toContain('plan-without-goal');
        expect(after.rules()).not.toContain('syntax-error');
    });

    it('fix: inline in a one-line plan block', async () => {
        const text = 'plan Bakery { currency USD }\n' + BODY;
        const [fix] = await fixesFor(await check(text), 'plan-without-goal');
        expect(fix.result).toBe(`plan Bakery { ${PLACEHOLDER} currency USD }\n` + BODY);
        const after = await check(fix.result);
        expect(after.rules()).not.toContain('plan-without-goal');
        expect(after.rules()).not.toContain('syntax-error');
    });

    it('fix: an empty goal gets the placeholder in place', async () => {
        const text = PLAN.replace('"Be the caterer of downtown offices"', '""');
        const [fix, ...more] = await fixesFor(await check(text), 'plan-without-goal');
        expect(more).toEqual([]);
        expect(fix.title).toBe('Fill the empty goal with a placeholder to rewrite');
        expect(fix.result).toBe(PLAN.replace('goal "Be the caterer of downtown offices"', PLACEHOLDER));
        const after = await check(fix.result);
        expect(after.rules()).not.toContain('plan-without-goal');
        expect(after.rules()).not.toContain('syntax-error');
    });
});

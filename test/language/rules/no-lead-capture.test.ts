import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Shop {
    goal "Sell e-books to home bakers"
    currency USD
}
`;

describe('no-lead-capture', () => {
    it('fires on the plan name when the plan has no funnel', async () => {
        const result = await check(PLAN);
        expect(result.findings()).toContainEqual({
            rule: 'no-lead-capture', severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 10,
            message: `The plan collects no leads, so there is no list to follow up and sell to. Add a funnel with 'collect leads by optin form offering ebook "..."' (or by survey, or by checkbox at checkout).`
        });
    });

    it('fires when the funnel collects no leads', async () => {
        const result = await check(PLAN + 'funnel {\n    loyalty "Tenth book free"\n    follow up weekly with tips\n}\n');
        expect(result.rules()).toContain('no-lead-capture');
    });

    it.each([
        ['an opt-in form', 'collect leads by optin form offering ebook "Starter guide"'],
        ['a survey', 'collect leads by survey'],
        ['a checkbox at checkout', 'collect leads by checkbox at checkout unticked'],
        ['a bought list (reported by lead-without-consent instead)', 'collect leads by bought list']
    ])('does not fire with %s', async (_, capture) => {
        const result = await check(PLAN + `funnel {\n    ${capture}\n}\n`);
        expect(result.rules()).not.toContain('no-lead-capture');
    });

    it('counts a capture in an imported file', async () => {
        const result = await check({
            'plan.mplan': 'import "funnel.mplan"\n' + PLAN,
            'funnel.mplan': 'funnel { collect leads by survey }\n'
        });
        expect(result.rules()).not.toContain('no-lead-capture');
        expect(result.rules('funnel.mplan')).not.toContain('no-lead-capture');
    });

    it('does not count a capture in a file the plan does not import', async () => {
        const result = await check({ 'plan.mplan': PLAN, 'other.mplan': 'funnel { collect leads by survey }\n' });
        expect(result.rules()).toContain('no-lead-capture');
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        const result = await check({ 'funnel.mplan': 'funnel { loyalty "Stamp card" }\n' });
        expect(result.rules('funnel.mplan')).not.toContain('no-lead-capture');
    });
});

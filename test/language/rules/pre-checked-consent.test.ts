import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';

const PLAN = `plan Shop {
    goal "Sell phones to busy professionals"
    currency EUR
}
`;

describe('pre-checked-consent', () => {
    it('fires on a checkbox ticked in advance, placed on the word ticked', async () => {
        const result = await check(PLAN + 'funnel {\n    collect leads by checkbox at checkout ticked offering newsletter\n}\n');
        expect(result.findings()).toContainEqual({
            rule: 'pre-checked-consent', severity: 'error', line: 6, column: 43, endLine: 6, endColumn: 49,
            message: 'The newsletter checkbox is ticked in advance: a box the buyer did not tick is not consent (GDPR), and buyers who miss it feel tricked onto the list. Make it start unticked.'
        });
    });

    it('fires on a ticked checkbox that is not at checkout', async () => {
        const result = await check(PLAN + 'funnel { collect leads by checkbox ticked }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'pre-checked-consent', line: 5, column: 36 }));
    });

    it.each([
        ['an unticked checkbox', 'collect leads by checkbox at checkout unticked'],
        ['a checkbox with no state written', 'collect leads by checkbox at checkout'],
        ['an opt-in form', 'collect leads by optin form offering ebook "Guide"']
    ])('does not fire on %s', async (_, capture) => {
        expect((await check(PLAN + `funnel {\n    ${capture}\n}\n`)).rules()).not.toContain('pre-checked-consent');
    });

    it('fires in a library on its own, and not in the plan importing it', async () => {
        const result = await check({
            'plan.mplan': 'import "checkout.mplan"\n' + PLAN,
            'checkout.mplan': 'funnel { collect leads by checkbox at checkout ticked }\n'
        });
        expect(result.rules()).not.toContain('pre-checked-consent');
        expect(result.findings('checkout.mplan')).toContainEqual(expect.objectContaining({ rule: 'pre-checked-consent', line: 1, column: 48 }));
    });

    it('fix: makes the box start unticked', async () => {
        const text = PLAN + 'funnel {\n    collect leads by checkbox at checkout ticked offering newsletter\n}\n';
        const [fix, ...more] = await fixesFor(await check(text), 'pre-checked-consent');
        expect(more).toEqual([]);
        expect(fix).toMatchObject({ title: 'Make the checkbox start unticked', preferred: true });
        expect(fix.result).toBe(text.replace(' ticked ', ' unticked '));
        const after = await check(fix.result);
        expect(after.rules()).not.toContain('pre-checked-consent');
        expect(after.rules()).not.toContain('syntax-error');
    });

    it('fix: changes the reported checkbox only', async () => {
        const text = PLAN + 'funnel {\n    collect leads by checkbox unticked\n    collect leads by checkbox at checkout ticked\n}\n';
        const [fix] = await fixesFor(await check(text), 'pre-checked-consent');
        expect(fix.result).toBe(PLAN + 'funnel {\n    collect leads by checkbox unticked\n    collect leads by checkbox at checkout unticked\n}\n');
        const after = await check(fix.result);
        expect(after.rules()).not.toContain('pre-checked-consent');
        expect(after.rules()).not.toContain('syntax-error');
    });
});

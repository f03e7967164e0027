import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Shop {
    goal "Sell e-books to home bakers"
    currency USD
}
`;

describe('no-lead-magnet', () => {
    it('fires on an opt-in form that offers nothing, placed on the capture method', async () => {
        const result = await check(PLAN + 'funnel {\n    collect leads by optin form\n    confirm by autoresponder\n}\n');
        expect(result.findings()).toContainEqual({
            rule: 'no-lead-magnet', severity: 'info', line: 6, column: 22, endLine: 6, endColumn: 32,
            message: `Nothing of value is offered for signing up by the opt-in form: people give their address in exchange for something free. Add 'offering ebook "..."' (or a newsletter, a report) to the capture.`
        });
    });

    it('fires on a survey that offers nothing', async () => {
        const result = await check(PLAN + 'funnel { collect leads by survey double optin }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'no-lead-magnet', line: 5, column: 27, message: expect.stringContaining('signing up by the survey:')
        }));
    });

    it.each([
        ['an e-book with a title', 'collect leads by optin form offering ebook "Starter in 5 days"'],
        ['a newsletter', 'collect leads by optin form offering newsletter'],
        ['a report for a survey', 'collect leads by survey offering report "What bakers want" double optin']
    ])('does not fire when the capture offers %s', async (_, capture) => {
        expect((await check(PLAN + `funnel {\n    ${capture}\n}\n`)).rules()).not.toContain('no-lead-magnet');
    });

    it('does not fire on captures without consent (lead-without-consent reports those)', async () => {
        expect((await check(PLAN + 'funnel { collect leads by bought list }\n')).rules()).not.toContain('no-lead-magnet');
    });

    describe('a checkbox at checkout subscribes buyers to what the funnel sends', () => {
        it('fires when no follow-up of the plan sends any content', async () => {
            const result = await check(PLAN + 'funnel {\n    collect leads by checkbox at checkout unticked\n    follow up weekly on monday\n}\n');
            expect(result.findings()).toContainEqual({
                rule: 'no-lead-magnet', severity: 'info', line: 6, column: 22, endLine: 6, endColumn: 51,
                message: "The checkbox offers nothing of value, and no follow-up of the plan sends any content to subscribe to. Say what ticking it brings ('offering newsletter') and send it ('follow up weekly with tips')."
            });
        });

        it('does not fire when a follow-up carries content', async () => {
            const result = await check(PLAN + 'funnel {\n    collect leads by checkbox at checkout unticked\n    follow up monthly with tips, story\n}\n');
            expect(result.rules()).not.toContain('no-lead-magnet');
        });

        it('does not fire when the checkbox says what it brings', async () => {
            const result = await check(PLAN + 'funnel { collect leads by checkbox at checkout unticked offering newsletter }\n');
            expect(result.rules()).not.toContain('no-lead-magnet');
        });

        it('judges a library checkbox by the follow-ups of the plan that imports it', async () => {
            const files = {
                'plan.mplan': 'import "checkout.mplan"\n' + PLAN + 'funnel { follow up weekly with tips }\n',
                'checkout.mplan': 'funnel { collect leads by checkbox at checkout unticked }\n'
            };
            expect((await check(files)).rules('checkout.mplan')).not.toContain('no-lead-magnet');
        });

        it('judges a library that no plan imports on its own', async () => {
            const result = await check({ 'checkout.mplan': 'funnel { collect leads by checkbox at checkout unticked }\n' });
            expect(result.rules('checkout.mplan')).toContain('no-lead-magnet');
        });
    });

    it('reports in the file that declares the capture, not in the plan importing it', async () => {
        const result = await check({
            'plan.mplan': 'import "leads.mplan"\n' + PLAN,
            'leads.mplan': 'funnel { collect leads by optin form }\n'
        });
        expect(result.rules()).not.toContain('no-lead-magnet');
        expect(result.findings('leads.mplan')).toContainEqual(expect.objectContaining({ rule: 'no-lead-magnet', line: 1, column: 27 }));
    });
});

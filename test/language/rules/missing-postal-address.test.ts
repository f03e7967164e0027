import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Shop {
    goal "Sell e-books to home bakers"
    currency USD
}
`;

const FUNNEL = `funnel Leads {
    collect leads by optin form offering ebook "Starter guide"
    confirm by autoresponder
    follow up weekly on sunday at 18:00 with tips
    unsubscribe link in every email
}
`;

const ADDRESS = '    sender address "Quick Sourdough, PO Box 18, Portland OR"\n';

describe('missing-postal-address', () => {
    it('fires on the plan name when the plan sends commercial e-mail with no sender address', async () => {
        const result = await check(PLAN + FUNNEL);
        expect(result.findings()).toContainEqual({
            rule: 'missing-postal-address', severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 10,
            message: `The plan sends commercial e-mail (follow-up e-mails, line 8) but gives no sender postal address: CAN-SPAM requires a valid postal address in every commercial e-mail, and it shows subscribers a real business. Add 'sender address "..."' with your address to the funnel.`
        });
    });

    it('does not fire when a funnel gives the sender address', async () => {
        const result = await check(PLAN + FUNNEL.replace('}\n', ADDRESS + '}\n'));
        expect(result.rules()).not.toContain('missing-postal-address');
    });

    it('fires when the sender address is left empty', async () => {
        const result = await check(PLAN + FUNNEL.replace('}\n', '    sender address " "\n}\n'));
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'missing-postal-address', message: expect.stringContaining('but the sender address of the funnel at line 5 is empty:')
        }));
    });

    it.each([
        ['sales e-mails', 'funnel { close weekly with call to action }\n', 'sales e-mails, line 5'],
        ['an e-mail tactic', 'tactic Newsletter { channel email }\n', "the e-mail tactic 'Newsletter', line 5"]
    ])('fires on %s', async (_, extra, named) => {
        const result = await check(PLAN + extra);
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'missing-postal-address', message: expect.stringContaining(`(${named})`) }));
    });

    it('does not fire when the plan sends only confirmations (transactional, not commercial)', async () => {
        const result = await check(PLAN + 'funnel {\n    collect leads by optin form offering ebook "Guide" double optin\n    confirm by email\n}\n');
        expect(result.rules()).not.toContain('missing-postal-address');
    });

    it('does not fire when the plan sends no e-mail', async () => {
        expect((await check(PLAN + 'tactic Flyers { channel print }\n')).rules()).not.toContain('missing-postal-address');
    });

    it('counts a sender address given in an imported file', async () => {
        const result = await check({
            'plan.mplan': 'import "compliance.mplan"\n' + PLAN + FUNNEL,
            'compliance.mplan': `funnel Compliance {\n${ADDRESS}}\n`
        });
        expect(result.rules()).not.toContain('missing-postal-address');
    });

    it('judges e-mail sent from an imported file', async () => {
        const result = await check({ 'plan.mplan': 'import "funnel.mplan"\n' + PLAN, 'funnel.mplan': FUNNEL });
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'missing-postal-address', line: 2, message: expect.stringContaining('(follow-up e-mails, funnel.mplan:4)')
        }));
        expect(result.rules('funnel.mplan')).not.toContain('missing-postal-address');
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        expect((await check({ 'funnel.mplan': FUNNEL })).rules('funnel.mplan')).not.toContain('missing-postal-address');
    });
});

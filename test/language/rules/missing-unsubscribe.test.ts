import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';

const PLAN = `plan Shop {
    goal "Sell e-books to home bakers"
    currency USD
}
`;

const FUNNEL = `funnel Leads {
    collect leads by optin form offering ebook "Starter guide"
    confirm by autoresponder
    follow up weekly on sunday at 18:00 with tips
    sender address "Quick Sourdough, PO Box 18, Portland OR"
}
`;

describe('missing-unsubscribe', () => {
    it('fires on the plan name when the funnel sends e-mail and promises no unsubscribe link', async () => {
        const result = await check(PLAN + FUNNEL);
        expect(result.findings()).toContainEqual({
            rule: 'missing-unsubscribe', severity: 'error', line: 1, column: 6, endLine: 1, endColumn: 10,
            message: "The plan sends e-mail (follow-up e-mails, line 8) but no funnel promises an unsubscribe link: people must be able to leave the list from every e-mail, or the mail is spam. Add 'unsubscribe link in every email' to the funnel."
        });
    });

    it('does not fire when a funnel promises the link', async () => {
        const result = await check(PLAN + FUNNEL.replace('    confirm', '    unsubscribe link in every email\n    confirm'));
        expect(result.rules()).not.toContain('missing-unsubscribe');
    });

    it.each([
        ['a closing e-mail', 'funnel { close weekly with call to action }\n', 'sales e-mails, line 5'],
        ['a confirmation', 'funnel { collect leads by survey confirm by email }\n', 'confirmation e-mails from the funnel, line 5'],
        ['a double opt-in', 'funnel { collect leads by optin form double optin }\n', 'double opt-in confirmations, line 5'],
        ['a tactic on the e-mail channel', 'tactic Newsletter {\n    channel email\n}\n', "the e-mail tactic 'Newsletter', line 5"]
    ])('fires when the plan sends e-mail through %s', async (_, extra, named) => {
        const result = await check(PLAN + extra);
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'missing-unsubscribe', message: expect.stringContaining(`(${named})`) }));
    });

    it.each([
        ['no funnel at all', ''],
        ['a funnel that only collects leads', 'funnel { collect leads by optin form offering ebook "Guide" }\n'],
        ['postal mail (not e-mail)', 'tactic Postcards { channel postcard }\n']
    ])('does not fire when the plan sends no e-mail: %s', async (_, extra) => {
        expect((await check(PLAN + extra)).rules()).not.toContain('missing-unsubscribe');
    });

    it('names a sender in an imported file by its path and line', async () => {
        const result = await check({
            'plan.mplan': 'import "shared/funnel.mplan"\n' + PLAN,
            'shared/funnel.mplan': FUNNEL
        });
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'missing-unsubscribe', line: 2, message: expect.stringContaining('(follow-up e-mails, shared/funnel.mplan:4)')
        }));
    });

    it('counts an unsubscribe link promised in an imported file', async () => {
        const result = await check({
            'plan.mplan': 'import "compliance.mplan"\n' + PLAN + FUNNEL,
            'compliance.mplan': 'funnel Compliance { unsubscribe link in every email }\n'
        });
        expect(result.rules()).not.toContain('missing-unsubscribe');
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        const result = await check({ 'funnel.mplan': FUNNEL });
        expect(result.rules('funnel.mplan')).not.toContain('missing-unsubscribe');
    });

    it('fix: adds the promise to the funnel of the plan file', async () => {
        const text = PLAN + FUNNEL;
        const [fix, ...more] = await fixesFor(await check(text), 'missing-unsubscribe');
        expect(more).toEqual([]);
        expect(fix).toMatchObject({ title: 'Add an unsubscribe link to every e-mail', preferred: true });
        expect(fix.result).toBe(PLAN + FUNNEL.replace('funnel Leads {\n', 'funnel Leads {\n    unsubscribe link in every email\n'));
        const after = await check(fix.result);
        expect(after.rules()).not.toContain('missing-unsubscribe');
        expect(after.rules()).not.toContain('syntax-error');
    });

    it('fix: prefers the funnel that sends the e-mail, inline when it is written on one line', async () => {
        const text = PLAN + 'funnel Offers { loyalty "Tenth book free" }\nfunnel Mail { follow up weekly with tips }\n';
        const [fix] = await fixesFor(await check(text), 'missing-unsubscribe');
        expect(fix.result).toBe(PLAN + 'funnel Offers { loyalty "Tenth book free" }\nfunnel Mail { unsubscribe link in every email follow up weekly with tips }\n');
        const after = await check(fix.result);
        expect(after.rules()).not.toContain('missing-unsubscribe');
        expect(after.rules()).not.toContain('syntax-error');
    });

    it('fix: appends a funnel to the plan file when the e-mail is sent from an imported file', async () => {
        const files = { 'tactics.mplan': 'tactic Newsletter { channel email }\n' };
        const text = 'import "tactics.mplan"\n' + PLAN;
        const [fix] = await fixesFor(await check({ 'plan.mplan': text, ...files }), 'missing-unsubscribe');
        expect(fix.result).toBe(text + '\nfunnel {\n    unsubscribe link in every email\n}\n');
        const after = await check({ 'plan.mplan': fix.result, ...files });
        expect(after.rules()).not.toContain('missing-unsubscribe');
        expect(after.rules()).not.toContain('syntax-error');
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Shop {
    goal "Sell e-books to home bakers"
    currency USD
}
`;

describe('no-confirmation', () => {
    it('fires on an opt-in when the plan sends no confirmation', async () => {
        const result = await check(PLAN + 'funnel {\n    collect leads by optin form offering ebook "Starter guide"\n    follow up weekly with tips\n}\n');
        expect(result.findings()).toContainEqual({
            rule: 'no-confirmation', severity: 'warning', line: 6, column: 22, endLine: 6, endColumn: 32,
            message: "New subscribers from the opt-in form get no confirmation: without an instant e-mail they forget they signed up and take your next mail for spam. Add 'confirm by autoresponder' to the funnel."
        });
    });

    it('fires on each opt-in capture that is neither confirmed nor double opt-in', async () => {
        const result = await check(PLAN + 'funnel {\n    collect leads by survey offering report "Trends"\n    collect leads by optin form offering ebook "Guide" double optin\n    collect leads by checkbox at checkout unticked\n}\n');
        const found = result.findings().filter(f => f.rule === 'no-confirmation');
        expect(found.map(f => f.line)).toEqual([6, 8]);
        expect(found[1].message).toContain('New subscribers from the checkbox get no confirmation');
    });

    it.each([
        ['an autoresponder', 'confirm by autoresponder'],
        ['e-mail', 'confirm by email']
    ])('does not fire when the funnel confirms by %s', async (_, confirm) => {
        const result = await check(PLAN + `funnel {\n    collect leads by optin form offering ebook "Guide"\n    ${confirm}\n}\n`);
        expect(result.rules()).not.toContain('no-confirmation');
    });

    it('does not fire on captures without consent (lead-without-consent reports those)', async () => {
        expect((await check(PLAN + 'funnel { collect leads by scraped addresses }\n')).rules()).not.toContain('no-confirmation');
    });

    it('fires on a list gathered another way when it is mailed: a bought list with weekly mail', async () => {
        // Before, only opt-ins were judged: a bought list mailed every week went unremarked.
        const text = PLAN + 'funnel Trade {\n    collect leads by bought list\n    follow up weekly with tips, recipes\n    unsubscribe link in every email\n}\n';
        const found = (await check(text)).findings().filter(f => f.rule === 'no-confirmation');
        expect(found).toEqual([{
            rule: 'no-confirmation', severity: 'warning', line: 6, column: 22, endLine: 6, endColumn: 33,
            message: "The people on the bought list are mailed with no confirmation or welcome message: they never asked to hear from you, so your first sales mail reads as spam. Add 'confirm by autoresponder' to the funnel, or a welcome flow ('flow Welcome { channel email trigger signup step \"Welcome\" … }') whose first mail goes out at once."
        }]);
    });

    it('fires on a starting list that an e-mail flow mails, at the list', async () => {
        const text = PLAN + `funnel {
    list 2_400 subscribers
    conversion subscribers to customers 2%
}
flow Launch "Launch week" {
    channel email
    trigger "launch day"
    step "The book is out" with offer
    step after 2 days with recipes
    stop when purchased
}
`;
        const found = (await check(text)).findings().filter(f => f.rule === 'no-confirmation');
        expect(found.map(f => [f.line, f.column, f.message.slice(0, 90)])).toEqual([
            [6, 10, 'The list of 2,400 subscribers is mailed with no confirmation or welcome message: people wh']
        ]);
    });

    it('counts a welcome flow that mails at once as the confirmation, for opt-ins and other lists alike', async () => {
        const welcome = 'flow Welcome "Welcome series" {\n    channel email\n    trigger signup\n    step "Welcome to the kitchen" with recipes\n    step after 3 days with tips\n    stop when unsubscribed\n}\n';
        const optin = PLAN + 'funnel {\n    collect leads by optin form offering ebook "Guide"\n    follow up weekly with tips\n}\n';
        const bought = PLAN + 'funnel {\n    collect leads by bought list\n    follow up weekly with tips\n}\n';
        expect((await check(optin + welcome)).rules()).not.toContain('no-confirmation');
        expect((await check(bought + welcome)).rules()).not.toContain('no-confirmation');
        // A welcome that waits a day is no confirmation: people forget within hours.
        const late = welcome.replace('step "Welcome to the kitchen"', 'step after 1 day "Welcome to the kitchen"');
        expect((await check(optin + late)).rules()).toContain('no-confirmation');
        expect((await check(bought + late)).rules()).toContain('no-confirmation');
    });

    it('stays silent on a list nobody mails', async () => {
        expect((await check(PLAN + 'funnel {\n    list 900 subscribers\n    conversion subscribers to customers 2%\n}\n')).rules()).not.toContain('no-confirmation');
        expect((await check(PLAN + 'funnel { collect leads by bought list }\n')).rules()).not.toContain('no-confirmation');
    });

    it('counts a confirmation anywhere in the plan, in another funnel or another file', async () => {
        const result = await check({
            'plan.mplan': 'import "leads.mplan"\n' + PLAN + 'funnel Welcome { confirm by autoresponder }\n',
            'leads.mplan': 'funnel Leads { collect leads by optin form offering ebook "Guide" }\n'
        });
        expect(result.rules()).not.toContain('no-confirmation');
        expect(result.rules('leads.mplan')).not.toContain('no-confirmation');
    });

    it('reports in the library that declares the capture when the plan confirms nothing', async () => {
        const result = await check({
            'plan.mplan': 'import "leads.mplan"\n' + PLAN,
            'leads.mplan': 'funnel Leads { collect leads by optin form offering ebook "Guide" }\n'
        });
        expect(result.rules()).not.toContain('no-confirmation');
        expect(result.findings('leads.mplan')).toContainEqual(expect.objectContaining({ rule: 'no-confirmation', line: 1, column: 33 }));
    });

    it('judges a library that no plan imports on its own', async () => {
        const result = await check({ 'leads.mplan': 'funnel { collect leads by survey offering report "Trends" }\n' });
        expect(result.rules('leads.mplan')).toContain('no-confirmation');
    });
});

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

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS } from '../../../src/language/config/settings.js';
import { check, fixesFor, services } from '../../helpers.js';

const RULE = 'email-too-frequent';

const HEADER = `plan EbookShop {
    goal "Sell 500 copies of the sourdough e-book"
    currency USD
}
`;

/** A plan whose one funnel (from line 5) has these steps, one per line. */
function planWith(...steps: string[]): string {
    return `${HEADER}funnel {\n${steps.map(step => `    ${step}\n`).join('')}}\n`;
}

function setLimit(maxEmailsPerWeek: number): void {
    services.Mplan.config.SettingsProvider.set({ ...DEFAULT_SETTINGS, thresholds: { ...DEFAULT_THRESHOLDS, maxEmailsPerWeek } });
}

describe('email-too-frequent', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(DEFAULT_SETTINGS));

    it('fires on the cadence of a newsletter sent twice a week', async () => {
        const result = await check(planWith('follow up 2 times per week on tuesday at 10:00 with tips, newsletter'));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'warning', line: 6, column: 15, endLine: 6, endColumn: 31,
            message: "Newsletters go out twice a week here ('2 times per week'), more than the limit of once a week: subscribers who get more than that stop opening them, and a list that does not open its mail never clicks. Send them at most once a week."
        });
    });

    it('does not fire on a weekly newsletter (exactly the default limit)', async () => {
        expect((await check(planWith('follow up weekly on tuesday at 10:00 with tips, newsletter'))).rules()).not.toContain(RULE);
        expect((await check(planWith('follow up every 7 days on tuesday at 10:00 with newsletter'))).rules()).not.toContain(RULE);
    });

    it('fires just past the limit, every 6 days', async () => {
        const result = await check(planWith('follow up every 6 days at 10:00 with newsletter'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain("Newsletters go out 1.2 times a week here ('every 6 days')");
    });

    it('fires on daily sales e-mails from a closing step', async () => {
        const result = await check(planWith('close daily with call to action'));
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: RULE, line: 6, column: 11,
            message: "Sales e-mails go out 7 times a week here ('daily'), more than the limit of once a week: more than that bombards the list, and people trained to ignore sales mail leave or stop clicking. Send them at most once a week."
        }));
    });

    it('counts a follow-up that carries offers as a sales e-mail', async () => {
        const result = await check(planWith('follow up 3 times per week at 10:00 with tips, offer'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toMatch(/^Sales e-mails go out 3 times a week/);
    });

    it('does not limit follow-ups that neither carry a newsletter nor sell', async () => {
        expect((await check(planWith('follow up daily at 8:00 with tips, story'))).rules()).not.toContain(RULE);
    });

    it('does not count a closing step that gives no cadence', async () => {
        expect((await check(planWith('close with call to action'))).rules()).not.toContain(RULE);
    });

    it('allows one newsletter and one sales e-mail a week: each kind has its own limit', async () => {
        const result = await check(planWith('follow up weekly on tuesday at 10:00 with tips, newsletter', 'close weekly with call to action'));
        expect(result.rules()).not.toContain(RULE);
    });

    it('adds up the newsletters of one funnel, naming each', async () => {
        const result = await check(planWith('follow up weekly on tuesday at 10:00 with newsletter', 'follow up weekly on friday at 10:00 with tips, newsletter'));
        const found = result.findings().filter(f => f.rule === RULE);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ line: 6, column: 15 });
        expect(found[0].message).toBe(
            "Together, this funnel's newsletters go out twice a week ('weekly' at line 6, 'weekly' at line 7), more than the limit of once a week: subscribers who get more than that stop opening them, and a list that does not open its mail never clicks. Merge them or send them less often."
        );
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === RULE)!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([[7, 'also sends newsletters, once a week']]);
    });

    it('counts a newsletter with a sales link as a sales e-mail too', async () => {
        const result = await check(planWith('follow up weekly on tuesday at 10:00 with newsletter, offer', 'close weekly with call to action'));
        const found = result.findings().filter(f => f.rule === RULE);
        expect(found.map(f => f.message.slice(0, 45))).toEqual(["Together, this funnel's sales e-mails go out "]);
    });

    it('judges each funnel on its own', async () => {
        const text = `${HEADER}funnel Bakers {\n    follow up weekly on monday at 9:00 with newsletter\n}\nfunnel Shops {\n    follow up weekly on monday at 9:00 with newsletter\n}\n`;
        expect((await check(text)).rules()).not.toContain(RULE);
    });

    it('follows the configured limit, at the limit and one past it', async () => {
        setLimit(2);
        expect((await check(planWith('follow up 2 times per week at 10:00 with newsletter'))).rules()).not.toContain(RULE);
        const result = await check(planWith('follow up 3 times per week at 10:00 with newsletter'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain('more than the limit of twice a week');
        setLimit(0);
        expect((await check(planWith('follow up monthly on monday at 9:00 with newsletter'))).rules()).toContain(RULE);
    });

    it('reports in the file that declares the funnel, library or plan', async () => {
        const files = {
            'plan.mplan': `import "funnel.mplan"\n${HEADER}`,
            'funnel.mplan': 'funnel {\n    close daily with call to action\n}\n'
        };
        const result = await check(files);
        expect(result.rules('plan.mplan')).not.toContain(RULE);
        expect(result.findings('funnel.mplan')).toContainEqual(expect.objectContaining({ rule: RULE, line: 2, column: 11 }));
    });

    describe('quick fix', () => {
        it('sends a message that is too frequent on its own weekly', async () => {
            const text = planWith('follow up 3 times per week on tuesday at 10:00 with tips, newsletter');
            const fixes = await fixesFor(await check(text), RULE);
            expect(fixes).toEqual([{ title: 'Send it weekly (check that weekly is what you will send)', preferred: false, result: planWith('follow up weekly on tuesday at 10:00 with tips, newsletter') }]);
            const again = await check(fixes[0].result);
            expect(again.rules()).not.toContain(RULE);
            expect(again.rules()).not.toContain('syntax-error');
        });

        it('offers nothing when several messages add up: which one to cut is the marketer\'s call', async () => {
            const text = planWith('follow up weekly on tuesday at 10:00 with newsletter', 'follow up weekly on friday at 10:00 with newsletter');
            expect(await fixesFor(await check(text), RULE)).toEqual([]);
        });
    });
});

describe('email-too-frequent: what one recipient gets in all', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(DEFAULT_SETTINGS));

    /** A weekly e-mail flow (one step a week for four weeks). */
    const weekly = (name: string, trigger: string) => `flow ${name} {
    channel email
    trigger "${trigger}"
    step with tips
    step after 1 week with recipes
    step after 1 week with tips
    step after 1 week with story
    stop when purchased
}
`;
    const NEWSLETTER = `funnel Bakers {
    collect leads by optin form offering ebook "Starter guide"
    confirm by autoresponder
    follow up weekly on tuesday at 10:00 with newsletter, tips
    unsubscribe link in every email
}
`;

    it('fires on a reader of three weekly flows and the newsletter: four a week, over the limit of three', async () => {
        // Before, each limit was judged apart: one newsletter a week passed, and the flows were not counted at all.
        const text = HEADER + NEWSLETTER + weekly('Onboarding', 'signup') + weekly('Recipes', 'downloaded the guide') + weekly('Classes', 'booked a class');
        const found = (await check(text)).findings().filter(f => f.rule === RULE);
        expect(found).toEqual([{
            rule: RULE, severity: 'warning', line: 8, column: 15, endLine: 8, endColumn: 21,
            message: "One subscriber of the list of funnel 'Bakers' can get 4 times a week in all: newsletters 'weekly' (line 8), once a week; flow 'Onboarding' (1 in its busiest week), once a week; flow 'Recipes' (1 in its busiest week), once a week; flow 'Classes' (1 in its busiest week), once a week. That is more than the limit of 3 times a week for one recipient: people who get that much mail unsubscribe or mark it as spam. Send less often, or keep people in a flow out of the newsletter while it runs."
        }]);
    });

    it('does not fire at the limit: two weekly flows and the newsletter', async () => {
        const text = HEADER + NEWSLETTER + weekly('Onboarding', 'signup') + weekly('Recipes', 'downloaded the guide');
        expect((await check(text)).rules()).not.toContain(RULE);
    });

    it('counts a flow by its busiest week and reports the flow that sends most, at its name', async () => {
        const cart = `flow AbandonedCart "Abandoned cart" {
    channel email
    trigger "cart abandoned"
    step after 1 hour "Your kit is waiting" with reminder
    step after 1 day with faq
    step after 2 days with offer
    stop when purchased
}
`;
        const found = (await check(HEADER + NEWSLETTER + cart)).findings().filter(f => f.rule === RULE);
        expect(found.map(f => [f.line, f.column, f.endColumn])).toEqual([[11, 6, 19]]);
        expect(found[0].message).toContain("One subscriber of the list of funnel 'Bakers' can get 4 times a week in all: newsletters 'weekly' (line 8), once a week; flow 'AbandonedCart' (3 in its busiest week), 3 times a week.");
        // Spread over three weeks, the same flow sends one a week: within the limit.
        const slow = cart.replace('step after 1 day with faq', 'step after 8 days with faq').replace('step after 2 days with offer', 'step after 8 days with offer');
        expect((await check(HEADER + NEWSLETTER + slow)).rules()).not.toContain(RULE);
    });

    it('judges flows alone when the plan has no funnel, and leaves SMS flows out', async () => {
        const burst = (channel: string) => `flow Launch {\n    channel ${channel}\n    trigger "launch day"\n    step with news\n    step after 1 day with offer\n    step after 1 day with story\n    step after 1 day with offer\n    stop when purchased\n}\n`;
        expect((await check(HEADER + burst('email'))).findings().filter(f => f.rule === RULE).map(f => f.line)).toEqual([5]);
        expect((await check(HEADER + burst('sms'))).rules()).not.toContain(RULE);
    });

    it('follows the setting maxEmailsPerRecipientPerWeek', async () => {
        const text = HEADER + NEWSLETTER + weekly('Onboarding', 'signup') + weekly('Recipes', 'downloaded the guide') + weekly('Classes', 'booked a class');
        services.Mplan.config.SettingsProvider.set({ ...DEFAULT_SETTINGS, thresholds: { ...DEFAULT_THRESHOLDS, maxEmailsPerRecipientPerWeek: 4 } });
        expect((await check(text)).rules()).not.toContain(RULE);
        services.Mplan.config.SettingsProvider.set({ ...DEFAULT_SETTINGS, thresholds: { ...DEFAULT_THRESHOLDS, maxEmailsPerRecipientPerWeek: 2 } });
        expect((await check(HEADER + NEWSLETTER + weekly('Onboarding', 'signup') + weekly('Recipes', 'downloaded the guide'))).rules()).toContain(RULE);
    });
});

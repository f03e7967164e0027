/**
 * The rules of "Channels and flows" (RULES.md): flow-without-stop,
 * single-channel-dependence, content-without-cadence and
 * retargeting-without-frequency-cap, on plans as a marketer writes them, each
 * on both sides of what it judges.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS } from '../../../src/language/config/settings.js';
import { check, fixesFor, services } from '../../helpers.js';

const HEADER = `plan KilnAndCo "Kiln & Co. ceramics" {
    goal "Sell 400 hand-thrown mugs a month, half from our own shop"
    currency USD
}
`;

function of(result: Awaited<ReturnType<typeof check>>, rule: string) {
    return result.findings().filter(f => f.rule === rule);
}

describe('flow-without-stop', () => {
    const CART = `flow AbandonedCart "Abandoned cart" {
    channel email
    trigger "cart abandoned"
    step after 1 hour "Your mug is waiting" with reminder
    step after 1 day "How we glaze it" with story, reviews
    step after 2 days "Still thinking?" with faq
}
`;

    it('fires on a flow with steps and no stop, at its name', async () => {
        const found = of(await check(HEADER + CART), 'flow-without-stop');
        expect(found).toEqual([{
            rule: 'flow-without-stop', severity: 'warning', line: 5, column: 6, endLine: 5, endColumn: 19,
            message: "Flow 'AbandonedCart' says nothing that stops it: it keeps sending its 3 steps after the person has done what it asks (bought, booked, come back), and mails that no longer fit bombard people into leaving. Add what ends it, such as 'stop when purchased'."
        }]);
    });

    it('does not fire once the flow says what stops it, nor on a flow with no step yet', async () => {
        expect((await check(HEADER + CART.replace('}\n', '    stop when purchased, unsubscribed\n}\n'))).rules()).not.toContain('flow-without-stop');
        expect((await check(HEADER + 'flow Draft {\n    channel sms\n    trigger signup\n}\n')).rules()).not.toContain('flow-without-stop');
    });

    it('suggests the stop that fits: "they order again" for a win-back of past buyers, never applied by --fix', async () => {
        const winBack = `audience PastBuyers {
    behaviour "bought in the last year"
    within 1 year
}
flow WinBack "Win-back texts" {
    channel sms
    audience PastBuyers
    trigger "no order in 90 days"
    step "A new glaze just came out of the kiln" with news
    step after 2 weeks with offer
}
`;
        const result = await check(HEADER + winBack);
        const [finding] = of(result, 'flow-without-stop');
        expect(finding.message).toContain("texts that no longer fit bombard people into leaving. Add what ends it, such as 'stop when \"they order again\"'.");
        const fixes = await fixesFor(result, 'flow-without-stop');
        // A suggestion is offered, never preferred (so never applied by --fix or a fix-all).
        expect(fixes.map(f => [f.title, f.preferred])).toEqual([[`Add 'stop when "they order again"' (check that this is what ends the flow)`, false]]);
        expect(fixes[0].result).toContain('flow WinBack "Win-back texts" {\n    stop when "they order again"\n    channel sms');
        const cartFixes = await fixesFor(await check(HEADER + CART), 'flow-without-stop');
        expect(cartFixes[0].result).toContain('flow AbandonedCart "Abandoned cart" {\n    stop when purchased\n');
    });
});

describe('content-without-cadence', () => {
    it('fires on a podcast, a blog and organic social with no publishing cadence', async () => {
        const text = HEADER + `tactic StudioPodcast "Studio Hours podcast" {
    channel podcast on spotify, "Apple Podcasts"
}
tactic Journal {
    channel blog
}
tactic Instagram {
    channel social on instagram
    hashtags #KilnAndCo, #handmademugs
}
`;
        expect(of(await check(text), 'content-without-cadence').map(f => [f.line, f.message.split(':')[0]])).toEqual([
            [5, "Tactic 'StudioPodcast' publishes episodes with no cadence"],
            [8, "Tactic 'Journal' publishes articles with no cadence"],
            [11, "Tactic 'Instagram' publishes posts with no cadence"]
        ]);
    });

    it('does not fire with a cadence, on paid social, or on channels that do not publish', async () => {
        const text = HEADER + `tactic StudioPodcast {
    channel podcast on spotify
    publish every 2 weeks
}
tactic Journal {
    channel blog
    publish 2 times per month
}
tactic Ads {
    channel social on instagram
    budget 500 USD
}
tactic Search {
    channel seo on google
    keywords "handmade mug", pottery
}
tactic Retarget {
    channel retargeting on instagram
    frequency cap 2 per week
}
`;
        expect((await check(text)).rules()).not.toContain('content-without-cadence');
    });

    it('suggests publishing weekly, as a suggestion', async () => {
        const fixes = await fixesFor(await check(HEADER + 'tactic Journal {\n    channel blog\n}\n'), 'content-without-cadence');
        expect(fixes.map(f => [f.preferred, f.result.split('\n').slice(4, 7).join('\n')])).toEqual([[false, 'tactic Journal {\n    publish weekly\n    channel blog']]);
    });
});

describe('retargeting-without-frequency-cap', () => {
    const RETARGET = `audience CartAbandoners "Left a mug in the cart" {
    behaviour "added a mug to the cart and left"
    within 7 days
}
tactic Retarget "Retargeting ads" {
    channel retargeting on instagram
    audience CartAbandoners
    budget 400 USD per month
    from 2027-03-01 to 2027-08-31
}
`;

    it('fires on a retargeting tactic with no cap, at its name', async () => {
        expect(of(await check(HEADER + RETARGET), 'retargeting-without-frequency-cap').map(f => [f.line, f.column, f.severity])).toEqual([[9, 8, 'info']]);
    });

    it('does not fire with a cap, nor on other paid channels', async () => {
        expect((await check(HEADER + RETARGET.replace('    budget 400', '    frequency cap 3 per week\n    budget 400'))).rules()).not.toContain('retargeting-without-frequency-cap');
        expect((await check(HEADER + 'tactic Ads {\n    channel display on "Food52"\n    budget 400 USD\n}\n')).rules()).not.toContain('retargeting-without-frequency-cap');
    });
});

describe('single-channel-dependence', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(DEFAULT_SETTINGS));

    const tactic = (name: string, channel: string, facts: string) => `tactic ${name} {\n    channel ${channel}\n    ${facts}\n}\n`;

    it('fires on the plan when one channel takes more than 80% of the spend, counting fees', async () => {
        // 1,500 of ads and 3,600 of creator fees, all on instagram: 5,100 of 5,700.
        const text = HEADER
            + tactic('Ads', 'ppc on instagram', 'budget 1_500 USD')
            + tactic('Creators', 'influencer on instagram', 'fee 600 USD per month\n    from 2027-03-01 to 2027-08-31')
            + tactic('Fairs', 'event', 'budget 600 USD');
        const found = of(await check(text), 'single-channel-dependence');
        expect(found.map(f => [f.line, f.column, f.message])).toEqual([[1, 6,
            "89% of what the plan spends on tactics (5,100 USD of 5,700 USD) goes to the platform 'instagram', more than the limit of 80%: if it raises its prices, changes its rules or shuts an account, the plan loses most of its reach at once. Test a second platform with part of the budget."]]);
    });

    it('fires at 81% and not at 80% (the limit itself is allowed)', async () => {
        const at = (ads: number, fair: number) => HEADER + tactic('Ads', 'ppc on google', `budget ${ads} USD`) + tactic('Fair', 'event', `budget ${fair} USD`);
        expect((await check(at(810, 190))).rules()).toContain('single-channel-dependence');
        expect((await check(at(800, 200))).rules()).not.toContain('single-channel-dependence');
    });

    it('counts an affiliate commission on the sales it expects, and follows maxChannelShare', async () => {
        const text = HEADER + `product Mug { price 40 USD }
strategy OwnShop { promotes Mug }
tactic Partners "Kitchen blogs" {
    serves OwnShop
    channel affiliate on "Food52"
    commission 10% per sale
    expect 50 sales per month
    from 2027-03-01 to 2027-08-31
}
` + tactic('Ads', 'ppc on google', 'budget 300 USD');
        // The commission: 50 sales × 4 USD × 6 months = 1,200 USD of 1,500 USD: 80%, at the limit.
        expect((await check(text)).rules()).not.toContain('single-channel-dependence');
        services.Mplan.config.SettingsProvider.set({ ...DEFAULT_SETTINGS, thresholds: { ...DEFAULT_THRESHOLDS, maxChannelShare: 70 } });
        const found = of(await check(text), 'single-channel-dependence');
        expect(found.map(f => f.message.split(',')[0])).toEqual(["80% of what the plan spends on tactics (1"]);
        expect(found[0].message).toContain('(1,200 USD of 1,500 USD) goes to the affiliate channel');
    });

    it('stays silent when nothing is spent in the plan currency', async () => {
        expect((await check(HEADER + tactic('Posts', 'social on instagram', 'publish weekly'))).rules()).not.toContain('single-channel-dependence');
    });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/language/config/settings.js';
import { check, fixesFor, services, TEST_SETTINGS } from '../../helpers.js';

const RULE = 'undisclosed-endorsement';

const US = `market US "United States" {
    country US
    language en
    currency USD
}`;
const EU = `market EU "European Union" {
    countries EU
    languages de, fr
    currency EUR
}`;
const JP = `market JP "Japan" {
    country JP
    language ja
    currency JPY
}`;

/** A mug maker that sends mugs to coffee creators; the tactic's name is on line 22, column 8. */
function plan(markets: string, tactic = ''): string {
    return `plan KilnAndCo "Kiln & Co. mugs" {
    goal "Sell 400 hand-thrown mugs a month"
    currency USD
}
${markets}
product Mug {
    price 35 USD
    benefit "Keeps a flat white hot for 40 minutes"
}
segment HomeBaristas "Home baristas" {
    who "Coffee lovers who brew at home"
    age 25 to 45
}
strategy Creators {
    statement "Let coffee creators show the mugs in use"
    targets HomeBaristas
}
tactic CreatorSeeding "Mugs for coffee creators" {
    serves Creators
    channel influencer on instagram, tiktok
    fee 400 USD per month
    audience HomeBaristas
    message "The mug that keeps your flat white hot"
${tactic}}
`;
}

function judgeBy(settings: Partial<Settings>): void {
    services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, ...settings });
}

async function found(text: string) {
    return (await check(text)).findings().filter(f => f.rule === RULE);
}

describe('undisclosed-endorsement', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));

    it('fires on the name of an influencer tactic with no disclosure, in a US market, citing the FTC guides', async () => {
        const findings = await found(plan(US));
        expect(findings).toEqual([{
            rule: RULE, severity: 'error', line: 22, column: 8, endLine: 22, endColumn: 22,
            message: "Tactic 'CreatorSeeding' pays creators to speak for you (channel influencer) but states no disclosure. Whoever is paid or rewarded must say so plainly where people see the endorsement: market US (FTC Guides Concerning the Use of Endorsements and Testimonials in Advertising, 16 CFR 255.5). Add 'disclosure \"…\"' with how each post shows it, such as 'disclosure \"#ad in the first line of every post\"'."
        }]);
    });

    it('names each jurisdiction with its law when the tactic reaches the US and the EU', async () => {
        const [finding] = await found(plan(`${US}\n${EU}`));
        expect(finding.message).toContain('market US (FTC Guides Concerning the Use of Endorsements and Testimonials in Advertising, 16 CFR 255.5); market EU (Unfair Commercial Practices Directive 2005/29/EC, art. 7(2) and Annex I point 11)');
    });

    it('fires in a UK market', async () => {
        const findings = await found(plan('market UK { country UK currency GBP }'));
        expect(findings.map(f => f.message)).toEqual([expect.stringContaining('market UK (Consumer Protection from Unfair Trading Regulations 2008, reg. 6 and Sch. 1 para. 11)')]);
    });

    it('does not fire where the only market is elsewhere (Japan), nor in a plan with no market', async () => {
        expect(await found(plan(JP))).toEqual([]);
        expect(await found(plan(''))).toEqual([]);
    });

    it('does not fire with a disclosure', async () => {
        expect(await found(plan(US, '    disclosure "#ad in the first line of every post and a paid-partnership label"\n'))).toEqual([]);
    });

    it('takes an empty disclosure as none', async () => {
        expect(await found(plan(US, '    disclosure ""\n'))).toHaveLength(1);
    });

    it('fires on affiliates, on rewarded reviews and on a fee paid for social posts, saying which', async () => {
        const text = `${plan(US)}tactic Partners {
    channel affiliate
    commission 10% per sale
}
tactic ReviewThanks {
    channel email
    reward "10% off the next order" for honest reviews
}
tactic SponsoredReels {
    channel social on instagram
    fee 250 USD per month
}
tactic OwnPosts {
    channel social on instagram
    budget 100 USD per month
}
`;
        const findings = await found(text);
        expect(findings.map(f => [f.line, f.message.split(' but ')[0]])).toEqual([
            [22, "Tactic 'CreatorSeeding' pays creators to speak for you (channel influencer)"],
            [29, "Tactic 'Partners' pays affiliates to recommend you (channel affiliate)"],
            [33, `Tactic 'ReviewThanks' rewards the people who review you (reward "10% off the next order")`],
            [37, "Tactic 'SponsoredReels' pays 250 USD for social content by others (a sponsored creator)"]
        ]);
    });

    it('does not fire before the law applies: the as-of day before 2009-12-01, then on it', async () => {
        judgeBy({ asOf: '2009-11-30' });
        expect(await found(plan(US))).toEqual([]);
        judgeBy({ asOf: '2009-12-01' });
        expect(await found(plan(US))).toHaveLength(1);
    });

    it('does not fire when the pack of the market\'s jurisdiction is off, and still fires for the other', async () => {
        judgeBy({ packs: { US: 'off' } });
        expect(await found(plan(US))).toEqual([]);
        const [finding] = await found(plan(`${US}\n${EU}`));
        expect(finding.message).toContain('market EU (Unfair Commercial Practices Directive');
        expect(finding.message).not.toContain('market US');
    });

    it('follows the markets the tactic names: a tactic for the US in a US and Japan plan is judged in the US only', async () => {
        const [finding] = await found(plan(`${US}\n${JP}`, '    market US\n'));
        expect(finding.message).toContain(': market US (FTC');
        expect(await found(plan(`${US}\n${JP}`, '    market JP\n'))).toEqual([]);
    });

    it('offers to add a disclosure, as a suggestion the user checks', async () => {
        const fixes = await fixesFor(await check(plan(US)), RULE);
        expect(fixes).toEqual([{
            title: "Add 'disclosure \"#ad\"' (check that it says how and where every endorsement shows the payment)",
            preferred: false,
            result: plan(US).replace('"Mugs for coffee creators" {\n', '"Mugs for coffee creators" {\n    disclosure "#ad"\n')
        }]);
        expect(await found(fixes[0].result)).toEqual([]);
    });
});

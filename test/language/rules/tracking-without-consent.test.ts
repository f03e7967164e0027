import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/language/config/settings.js';
import { check, services, TEST_SETTINGS } from '../../helpers.js';

const RULE = 'tracking-without-consent';

const NL = 'market NL "Netherlands" { country NL  languages nl, en  currency EUR }';
const UK = 'market UK "United Kingdom" { country UK  language en  currency GBP }';
const US = 'market US "United States" { country US  language en  currency USD }';

/** A bike-parts shop that retargets cart abandoners; the retargeting tactic's channel is on line 21. */
function plan(markets: string, { planFacts = '', tacticFacts = '', extra = '' } = {}): string {
    return `plan SpokeShop "Spoke bike parts" {
    goal "Double online sales of gravel parts"
    currency EUR
${planFacts}}
${markets}
product Wheelset "Gravel wheelset" {
    price 590 EUR
    benefit "Tubeless-ready, 1,480 g the pair"
}
segment GravelRiders "Gravel riders" {
    who "Riders who race or tour on gravel"
    age 25 to 55
}
audience CartAbandoners "Left a cart" {
    of GravelRiders
    behaviour "left a cart with a wheelset"
    within 30 days
}
tactic CartAds "Ads to cart abandoners" {
    audience CartAbandoners
    channel retargeting on google, meta
    budget 600 EUR per month
    frequency cap 3 per week
${tacticFacts}}
${extra}`;
}

function judgeBy(settings: Partial<Settings>): void {
    services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, ...settings });
}

async function found(text: string) {
    return (await check(text)).findings().filter(f => f.rule === RULE);
}

const CONSENT = '    tracking consent "Cookie banner: pixels fire only after opt-in"\n';

describe('tracking-without-consent', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));

    it('fires on the channel of a retargeting tactic when nothing says how visitors consent, in an EU market', async () => {
        expect(await found(plan(NL))).toEqual([{
            rule: RULE, severity: 'warning', line: 21, column: 13, endLine: 21, endColumn: 24,
            message: "Tactic 'CartAds' shows ads to people by what they did on your site (channel retargeting), but neither it nor the plan says how visitors consent to the tracking this needs. Cookies and pixels that are not strictly needed may be set only after the visitor agrees: market NL (ePrivacy Directive 2002/58/EC, as amended by Directive 2009/136/EC, art. 5(3)). Add 'tracking consent \"…\"' to the plan (or to this tactic), such as 'tracking consent \"Cookie banner: pixels fire only after opt-in\"'."
        }]);
    });

    it('fires in a UK market, citing PECR', async () => {
        const [finding] = await found(plan(UK));
        expect(finding.message).toContain('market UK (Privacy and Electronic Communications Regulations 2003, reg. 6)');
    });

    it('does not fire with tracking consent on the plan or on the tactic', async () => {
        expect(await found(plan(NL, { planFacts: CONSENT }))).toEqual([]);
        expect(await found(plan(NL, { tacticFacts: CONSENT }))).toEqual([]);
    });

    it('fires on the audience of a paid search or social tactic aimed at a behavioural audience, not at a segment', async () => {
        const extra = `tactic SearchAds {
    channel ppc on google
    audience GravelRiders, CartAbandoners
    budget 400 EUR per month
}
tactic Reels {
    channel social on instagram
    audience GravelRiders
    budget 200 EUR per month
}
tactic Newsletter {
    channel email
    audience CartAbandoners
}
`;
        const findings = await found(plan(NL, { tacticFacts: CONSENT, extra }));
        expect(findings).toEqual([expect.objectContaining({ line: 28, column: 28, endLine: 28, endColumn: 42 })]);
        expect(findings[0].message).toMatch(/^Tactic 'SearchAds' aims ppc ads at the behavioural audience 'CartAbandoners', but neither it nor the plan/);
        expect(await found(plan(NL, { planFacts: CONSENT, extra }))).toEqual([]);
    });

    it('does not fire where the only market is outside the EU and the UK, nor in a plan with no market', async () => {
        expect(await found(plan(US))).toEqual([]);
        expect(await found(plan(''))).toEqual([]);
    });

    it('follows the day the amended ePrivacy Directive applies from: 2011-05-24 not yet, 2011-05-25 on', async () => {
        judgeBy({ asOf: '2011-05-24' });
        expect(await found(plan(NL))).toEqual([]);
        judgeBy({ asOf: '2011-05-25' });
        expect(await found(plan(NL))).toHaveLength(1);
    });

    it('does not fire when the pack of the market\'s jurisdiction is off', async () => {
        judgeBy({ packs: { EU: 'off' } });
        expect(await found(plan(NL))).toEqual([]);
        judgeBy({ packs: { UK: 'off' } });
        expect(await found(plan(UK))).toEqual([]);
    });

    it('follows the markets the tactic names, and its segments\' markets', async () => {
        expect(await found(plan(`${US}\n${NL}`, { tacticFacts: '    market US\n' }))).toEqual([]);
        const segmentInUs = plan(`${US}\n${NL}`).replace('    age 25 to 55\n', '    age 25 to 55\n    market US\n');
        expect(await found(segmentInUs)).toEqual([]);
        const [finding] = await found(plan(`${US}\n${NL}`));
        expect(finding.message).toContain(': market NL (ePrivacy');
    });

    it('judges a tactic of a library by the markets and the tracking consent of the plan that imports it', async () => {
        const library = 'tactic CartAds "Ads to cart abandoners" {\n    channel retargeting on meta\n    budget 600 EUR per month\n    frequency cap 3 per week\n}\n';
        const main = (facts: string) => `import "ads.mplan"\nplan SpokeShop {\n    goal "Double online sales of gravel parts"\n    currency EUR\n${facts}}\n${NL}\n`;
        const without = await check({ 'plan.mplan': main(''), 'ads.mplan': library });
        expect(without.findings('ads.mplan').filter(f => f.rule === RULE)).toEqual([expect.objectContaining({ line: 2, column: 13 })]);
        const withConsent = await check({ 'plan.mplan': main(CONSENT), 'ads.mplan': library });
        expect(withConsent.findings('ads.mplan').filter(f => f.rule === RULE)).toEqual([]);
    });
});

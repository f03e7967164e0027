import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/language/config/settings.js';
import { check, services, TEST_SETTINGS } from '../../helpers.js';

const RULE = 'incentivized-reviews';

const US = 'market US "United States" { country US  language en  currency USD }';
const EU = 'market EU "European Union" { countries EU  languages de, fr  currency EUR }';
const UK = 'market UK "United Kingdom" { country UK  language en  currency GBP }';
const JP = 'market JP "Japan" { country JP  language ja  currency JPY }';

/** A coffee roaster asking buyers for reviews; the review tactic's facts start on line 19. */
function plan(markets: string, review: string): string {
    return `plan BeanThere "Bean There roasters" {
    goal "Reach 1,000 reviews on the shop by summer"
    currency USD
}
${markets}
product Subscription "Coffee subscription" {
    price 18 USD per month
    benefit "Roasted the day before it ships"
}
segment Regulars "Regular buyers" {
    who "Subscribers who have had three bags or more"
    age 25 to 60
}
strategy SocialProof {
    statement "Let our regulars speak for the beans"
    targets Regulars
}
tactic ReviewDrive "Review request after the third bag" {
${review}
    serves SocialProof
    channel email
    audience Regulars
    disclosure "Reviewers who got a discount are marked as such on the shop"
}
`;
}

function judgeBy(settings: Partial<Settings>): void {
    services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, ...settings });
}

async function found(text: string) {
    return (await check(text)).findings().filter(f => f.rule === RULE);
}

const POSITIVE = '    reward "10% off the next bag" for positive reviews';

describe('incentivized-reviews', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));

    it('fires on "positive" of a reward for positive reviews, in a US market, citing the FTC rule', async () => {
        expect(await found(plan(US, POSITIVE))).toEqual([{
            rule: RULE, severity: 'error', line: 19, column: 39, endLine: 19, endColumn: 47,
            message: "Tactic 'ReviewDrive' pays for praise: its reward (\"10% off the next bag\") is for positive reviews only. A reward that depends on what a review says is banned: market US (FTC Trade Regulation Rule on the Use of Consumer Reviews and Testimonials, 16 CFR 465.2 and 465.4). Reward every review whatever its rating ('reward \"…\" for honest reviews') and ask for an honest review, not a good one."
        }]);
    });

    it('fires in the EU and the UK, each with its law', async () => {
        const [finding] = await found(plan(`${EU}\n${UK}`, POSITIVE));
        expect(finding.message).toContain('market EU (Unfair Commercial Practices Directive 2005/29/EC, as amended by Directive (EU) 2019/2161, Annex I point 23c); market UK (Digital Markets, Competition and Consumers Act 2024, Sch. 20 (fake and concealed incentivised reviews))');
    });

    it('does not fire where the only market is elsewhere (Japan), nor in a plan with no market', async () => {
        expect(await found(plan(JP, POSITIVE))).toEqual([]);
        expect(await found(plan('', POSITIVE))).toEqual([]);
    });

    it.each([
        ['for honest reviews', '    reward "10% off the next bag" for honest reviews'],
        ['for any reviews', '    reward "10% off the next bag" for any reviews'],
        ['with no condition', '    reward "10% off the next bag"'],
        ['with an honest ask in the message', '    reward "10% off the next bag" for honest reviews\n    message "Tell us honestly what you think, good or bad"']
    ])('does not fire on a reward %s', async (_, review) => {
        expect(await found(plan(US, review))).toEqual([]);
    });

    it('fires on a reward whose text asks for a 5-star review, on the reward text', async () => {
        const findings = await found(plan(US, '    reward "A free bag for every 5-star review"'));
        expect(findings).toEqual([expect.objectContaining({ line: 19, column: 12, endColumn: 48 })]);
        expect(findings[0].message).toContain('its reward ("A free bag for every 5-star review") asks for "5-star"');
    });

    it('fires on a message that offers something for a five-star rating, and not on one that offers nothing', async () => {
        const findings = await found(plan(US, '    message "Rate us five stars and get 15% off your next bag"'));
        expect(findings).toEqual([expect.objectContaining({ line: 19, column: 13 })]);
        expect(findings[0].message).toContain('its message ("Rate us five stars and get 15% off your next bag") offers something in return for "Rate us five stars"');
        expect(await found(plan(US, '    message "Loved the beans? A five-star review helps a small roaster"'))).toEqual([]);
        expect(await found(plan(US, '    message "No 5-star rating needed: tell us what you really think and get 15% off"'))).toEqual([]);
    });

    it('follows the day the US rule applies from: 2024-10-20 not yet, 2024-10-21 on', async () => {
        judgeBy({ asOf: '2024-10-20' });
        expect(await found(plan(US, POSITIVE))).toEqual([]);
        judgeBy({ asOf: '2024-10-21' });
        expect(await found(plan(US, POSITIVE))).toHaveLength(1);
    });

    it('judges a tactic on the days its campaign runs', async () => {
        judgeBy({ asOf: '2024-06-01' });
        const campaign = `campaign Autumn {\n    runs ReviewDrive\n    from 2024-10-01 to 2024-11-30\n    budget 800 USD\n}\n`;
        expect(await found(plan(US, POSITIVE) + campaign)).toHaveLength(1);
        expect(await found(plan(US, POSITIVE) + campaign.replace('2024-11-30', '2024-10-20'))).toEqual([]);
    });

    it('does not fire when the pack of its jurisdiction is off', async () => {
        judgeBy({ packs: { US: 'off' } });
        expect(await found(plan(US, POSITIVE))).toEqual([]);
        judgeBy({ packs: { EU: 'off', UK: 'off' } });
        expect(await found(plan(`${EU}\n${UK}`, POSITIVE))).toEqual([]);
        expect(await found(plan(`${US}\n${EU}`, POSITIVE))).toHaveLength(1);
    });

    it('follows the markets the tactic names', async () => {
        const [finding] = await found(plan(`${US}\n${EU}`, `${POSITIVE}\n    market EU`));
        expect(finding.message).toContain(': market EU (');
        expect(finding.message).not.toContain('market US');
        expect(await found(plan(`${EU}\n${JP}`, `${POSITIVE}\n    market JP`))).toEqual([]);
    });
});

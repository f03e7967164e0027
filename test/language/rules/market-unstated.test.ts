import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';

const SHOP = `plan LinguaLoop "LinguaLoop language courses" {
    goal "Teach 2,000 people a new language this year"
    currency USD
}
product Spanish "Spanish in 12 weeks" {
    price 29 USD per month
    benefit "Speak with confidence at work"
}
tactic PodcastAds {
    channel podcast on spotify
    budget 800 USD per month
    from 2027-03-01 to 2027-05-31
}
`;

describe('market-unstated', () => {
    it('reports a plan that sells but names no market, once, as information on its name', async () => {
        const found = (await check(SHOP)).findings().filter(f => f.rule === 'market-unstated');
        expect(found).toEqual([expect.objectContaining({ severity: 'info', line: 1, column: 6, endColumn: 16 })]);
        expect(found[0].message).toContain("Plan 'LinguaLoop' names no market, so none of the 11 law-specific checks can run");
        expect(found[0].message).toContain("'market US { country US  language en  currency USD }'");
    });

    it('is silent once a market is named, for a plan with nothing to sell, and in a library', async () => {
        const named = await check(SHOP + 'market US "United States" { country US  languages en, es  currency USD  timezones "America/New_York", "America/Los_Angeles" }\n');
        expect(named.rules()).not.toContain('market-unstated');
        const empty = await check('plan Draft { goal "Work out what to sell" }\n');
        expect(empty.rules()).not.toContain('market-unstated');
        const library = await check({ 'ads.mplan': 'tactic Banner { channel display budget 500 USD }\n' });
        expect(library.rules('ads.mplan')).not.toContain('market-unstated');
    });

    it('a market named by its code needs no countries; a market mplan has no law pack for is fine', async () => {
        const found = await check(SHOP + 'market US { }\nmarket Japan { country JP  language ja  currency JPY  timezone "Asia/Tokyo" }\n');
        expect(found.rules()).not.toContain('market-unstated');
    });

    it('reports what it cannot read in a market: a code that is none, with the nearest; no country; a language; a time zone', async () => {
        const text = SHOP + [
            'market Europe "Europe" { languages de, english }',
            'market NorthAmerica { countries us, CAN, MX  timezones "America/NewYork", "America/Mexico_City" }',
            ''
        ].join('\n');
        const found = (await check(text)).findings().filter(f => f.rule === 'market-unstated');
        expect(found.map(f => [f.line, f.column, f.message])).toEqual([
            [14, 8, "Market 'Europe' names no country or region by its ISO code, so no law-specific check can run for it. Add 'countries' with the codes it covers (for example 'countries DE, FR', or 'country EU' for the whole Union)."],
            [14, 40, "'english' is not a language code (ISO 639-1, such as en, fr or pt-BR)"],
            [15, 33, "'us' is not a country or region code (ISO 3166-1 alpha-2, or EU or UK); did you mean 'US'? Market 'NorthAmerica' is not checked against the law of a country mplan cannot tell."],
            [15, 37, "'CAN' is not a country or region code (ISO 3166-1 alpha-2, or EU or UK); did you mean 'CA'? Market 'NorthAmerica' is not checked against the law of a country mplan cannot tell."],
            [15, 56, `"America/NewYork" is not a time zone mplan knows (an IANA name such as "America/New_York" or "Europe/Berlin"): the hours of market 'NorthAmerica' cannot be told in its recipients' time.`]
        ]);
    });

    it('repairs the case of a code (safe, preferred) and offers the nearest code for one that is none (a suggestion)', async () => {
        const cased = await check(SHOP + 'market NorthAmerica { countries us  languages EN, pt-br }\n');
        expect(await fixesFor(cased, 'market-unstated')).toEqual([
            expect.objectContaining({ title: "Write 'US'", preferred: true, result: expect.stringContaining('countries US  languages EN, pt-br') })
        ]);
        const other = await check(SHOP + 'market NorthAmerica { countries CAN }\n');
        expect(await fixesFor(other, 'market-unstated')).toEqual([
            expect.objectContaining({ title: "Change 'CAN' to 'CA' (check that this is the one you mean)", preferred: false, result: expect.stringContaining('countries CA }') })
        ]);
    });
});

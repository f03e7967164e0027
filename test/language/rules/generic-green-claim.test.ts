import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/language/config/settings.js';
import { check, services, TEST_SETTINGS } from '../../helpers.js';

const RULE = 'generic-green-claim';

const EU = 'market EU "European Union" { countries EU  languages de, fr, en  currency EUR }';
const US = 'market US "United States" { country US  language en  currency USD }';
const JP = 'market JP "Japan" { country JP  language ja  currency JPY }';

const LAW = 'Directive (EU) 2024/825 (empowering consumers for the green transition), amending Directive 2005/29/EC, Annex I points 4a and 4c';

/**
 * A refill shop for cleaning products: the product's first benefit is on line 8, the strategy's
 * message on line 17, the tactic's message on line 22.
 */
function plan(markets: string, { product = '', benefit = 'Refills in 30 seconds at the counter', strategy = 'Refill, do not rebuy', tactic = 'One bottle for life', tacticFacts = '' } = {}): string {
    return `plan RefillRoom "Refill Room" {
    goal "Sell 2,000 refills a month across three shops"
    currency EUR
}
${markets}
product Refill "Washing-up liquid refill" {
    price 4 EUR
    benefit "${benefit}"
${product}}
segment Neighbours "Households near our shops" {
    who "Families within a 15-minute walk of a shop"
    age 25 to 65
}
strategy Counter {
    statement "Make refilling the habit of the street"
    targets Neighbours
    message "${strategy}"
}
tactic ShopWindow "Window posters" {
    serves Counter
    channel outdoor
    message "${tactic}"
    budget 300 EUR
${tacticFacts}}
`;
}

function judgeBy(settings: Partial<Settings>): void {
    services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, ...settings });
}

async function found(text: string) {
    return (await check(text)).findings().filter(f => f.rule === RULE);
}

describe('generic-green-claim', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));

    it('fires on a product benefit with generic wording and no certification, in an EU market', async () => {
        expect(await found(plan(EU, { benefit: 'Eco-friendly formula' }))).toEqual([{
            rule: RULE, severity: 'warning', line: 8, column: 13, endLine: 8, endColumn: 35,
            message: `The benefit of product 'Refill' says "Eco-friendly", a generic environmental claim, and product 'Refill' states no certification. Such a claim is banned unless the environmental performance it claims is recognised (a certified label such as the EU Ecolabel): market EU (${LAW}). Say what exactly is better and by how much ("packed in 80% recycled cardboard"), or add 'certified "…"' with the label the product holds.`
        }]);
    });

    it('does not fire where the product states a certification', async () => {
        expect(await found(plan(EU, { benefit: 'Eco-friendly formula', product: '    certified "EU Ecolabel"\n' }))).toEqual([]);
    });

    it('reads strategy and tactic messages against the products they promote, else the whole plan\'s', async () => {
        const findings = await found(plan(EU, { strategy: 'The sustainable choice for your sink', tactic: 'Go green at the counter' }));
        expect(findings.map(f => [f.line, f.column, f.message.split(', a generic')[0]])).toEqual([
            [17, 13, `The message of strategy 'Counter' says "sustainable"`],
            [22, 13, `The message of tactic 'ShopWindow' says "green"`]
        ]);
        expect(findings[1].message).toContain("product 'Refill' states no certification");
        const certified = plan(EU, { strategy: 'The sustainable choice for your sink', tactic: 'Go green at the counter', product: '    certified "Nordic Swan Ecolabel"\n' });
        expect(await found(certified)).toEqual([]);
    });

    it('takes a tactic\'s message to be about the products its campaign promotes', async () => {
        const campaign = (promotes: string) => `campaign Spring {\n    runs ShopWindow\n    promotes ${promotes}\n    from 2027-03-01 to 2027-05-31\n    budget 300 EUR\n}\nproduct Soap "Olive-oil soap bar" {\n    price 5 EUR\n    benefit "Lasts a month"\n    certified "EU Ecolabel"\n}\n`;
        expect(await found(plan(EU, { tactic: 'Eco-friendly cleaning' }) + campaign('Soap'))).toEqual([]);
        const [finding] = await found(plan(EU, { tactic: 'Eco-friendly cleaning' }) + campaign('Refill'));
        expect(finding.message).toContain("product 'Refill' states no certification");
    });

    it('names the products a message concerns when none of them is certified', async () => {
        const text = plan(EU, { strategy: 'Gentle on the environment' }).replace('    targets Neighbours\n', '    targets Neighbours\n    promotes Refill, Bottle\n')
            + 'product Bottle "Glass bottle" { price 6 EUR  benefit "Lasts for years" }\n';
        const [finding] = await found(text);
        expect(finding.message).toContain('none of the products it concerns (\'Refill\' and \'Bottle\') states a certification');
    });

    it('does not take a colour or an unrelated word for a claim', async () => {
        expect(await found(plan(EU, { benefit: 'Green apple scent', strategy: 'Economy size for big families', tactic: 'Bring your own bottle' }))).toEqual([]);
    });

    it('reports a climate-neutrality claim even where the product is certified, saying why', async () => {
        const findings = await found(plan(EU, { benefit: 'Climate-neutral delivery by bike', product: '    certified "EU Ecolabel"\n' }));
        expect(findings).toEqual([expect.objectContaining({ line: 8, column: 13 })]);
        expect(findings[0].message).toBe(`The benefit of product 'Refill' says "Climate-neutral", a claim of neutral or positive climate impact. Such a claim is banned where it rests on offsetting emissions, whatever label the product holds: market EU (${LAW}). Say what you cut yourself ("delivered by cargo bike") and leave offsetting out of the claim.`);
    });

    it('reports generic and neutrality wording of one text in one finding', async () => {
        const findings = await found(plan(EU, { benefit: 'Biodegradable and carbon neutral' }));
        expect(findings).toHaveLength(1);
        expect(findings[0].message).toMatch(/^The benefit of product 'Refill' says "Biodegradable", a generic environmental claim while product 'Refill' states no certification, and "carbon neutral", a claim of neutral or positive climate impact\. The first is banned unless/);
    });

    it('reads product titles and improvements, flow step subjects and guarantees', async () => {
        const text = plan(EU).replace('"Washing-up liquid refill"', '"Ecological washing-up refill"')
            .replace('    price 4 EUR\n', '    price 4 EUR\n    improvement "A sustainable pump"\n')
            + `flow Welcome {
    channel email
    trigger "signed up at the counter"
    step "Welcome to the refill club"
    step after 3 days "Why refilling is eco"
    stop when unsubscribed
}
offer Club {
    guarantee "Planet-friendly or your money back"
}
`;
        const findings = await found(text);
        expect(findings.map(f => [f.line, f.message.split(' says ')[0]])).toEqual([
            [6, "The title of product 'Refill'"],
            [8, "The improvement of product 'Refill'"],
            [30, "The subject of step 2 of flow 'Welcome'"],
            [34, "The guarantee of offer 'Club'"]
        ]);
    });

    it('does not fire where the only market is outside the EU (US, Japan), nor in a plan with no market', async () => {
        for (const markets of [US, JP, '']) expect(await found(plan(markets, { benefit: 'Eco-friendly formula' }))).toEqual([]);
    });

    it('follows the day Directive 2024/825 applies from: 2026-09-26 not yet, 2026-09-27 on', async () => {
        judgeBy({ asOf: '2026-09-26' });
        expect(await found(plan(EU, { benefit: 'Eco-friendly formula' }))).toEqual([]);
        judgeBy({ asOf: '2026-09-27' });
        expect(await found(plan(EU, { benefit: 'Eco-friendly formula' }))).toHaveLength(1);
    });

    it('judges a tactic on its own days: one that ends before 2026-09-27 does not fire even judged later, one that runs into it fires even judged earlier', async () => {
        const summer = plan(EU, { tactic: 'Eco-friendly refills', tacticFacts: '    from 2026-06-01 to 2026-09-20\n' });
        expect(await found(summer)).toEqual([]);
        judgeBy({ asOf: '2026-05-01' });
        const autumn = plan(EU, { tactic: 'Eco-friendly refills', tacticFacts: '    from 2026-09-01 to 2026-10-31\n' });
        expect((await found(autumn)).map(f => f.line)).toEqual([22]);
    });

    it('does not fire when the EU pack is off', async () => {
        judgeBy({ packs: { EU: 'off' } });
        expect(await found(plan(EU, { benefit: 'Eco-friendly formula' }))).toEqual([]);
    });

    it('follows the markets a block reaches: a tactic for the US, a product priced only in the US', async () => {
        const both = `${US}\n${EU}`;
        expect((await found(plan(both, { tactic: 'Eco-friendly refills', tacticFacts: '    market US\n' }))).map(f => f.line)).toEqual([]);
        expect((await found(plan(both, { tactic: 'Eco-friendly refills' }))).map(f => f.line)).toEqual([23]);
        const usOnly = plan(both, { benefit: 'Eco-friendly formula' }).replace('    price 4 EUR\n', '    price 4 USD in US\n');
        expect(await found(usOnly)).toEqual([]);
    });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/language/config/settings.js';
import { check, services, TEST_SETTINGS } from '../../helpers.js';

const RULE = 'discount-without-prior-price';

const DE = 'market DE "Germany" { country DE  language de  currency EUR }';
const US = 'market US "United States" { country US  language en  currency USD }';
const JP = 'market JP "Japan" { country JP  language ja  currency JPY }';

/** A ceramics shop's spring sale; the offer's facts start on line 12. */
function plan(markets: string, offer: string): string {
    return `plan KilnAndCo "Kiln & Co. mugs" {
    goal "Sell 400 hand-thrown mugs a month"
    currency EUR
}
${markets}
product Mug {
    price 35 EUR
    benefit "Keeps a flat white hot for 40 minutes"
}
product Plate { price 28 EUR  benefit "Oven-safe to 250 °C" }
offer SpringSale "Spring sale" {
${offer}
    guarantee money back 30 days claim "Reply to your receipt" refunds "The full price"
    payments card, paypal
}
`;
}

function judgeBy(settings: Partial<Settings>): void {
    services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, ...settings });
}

async function found(text: string) {
    return (await check(text)).findings().filter(f => f.rule === RULE);
}

const DISCOUNT = '    discount 20% on Mug';

describe('discount-without-prior-price', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));

    it('fires on a discount without a prior price, in an EU market, and gives the product\'s price as the example', async () => {
        expect(await found(plan(DE, DISCOUNT))).toEqual([{
            rule: RULE, severity: 'warning', line: 12, column: 5, endLine: 12, endColumn: 24,
            message: "The 'discount 20% on Mug' of offer 'SpringSale' does not give the prior price. A price reduction must show the lowest price the seller charged in the 30 days before it: market DE (Price Indication Directive 98/6/EC, as amended by Directive (EU) 2019/2161, art. 6a). Add 'prior price' with that price. If Mug's lowest price in the 30 days before the reduction was its price of 35 EUR, write 'prior price 35 EUR'."
        }]);
    });

    it('reports each discount without a prior price, and reads a market price where the product has one', async () => {
        const text = plan(DE, '    discount 5 EUR\n    discount 10% on Plate prior price 28 EUR\n    discount 15% on Mug, Plate').replace('price 35 EUR', 'price 35 EUR\n    price 32 EUR in DE');
        const findings = await found(text);
        expect(findings.map(f => [f.line, f.message.split('. A price')[0]])).toEqual([
            [13, "The 'discount 5 EUR' of offer 'SpringSale' does not give the prior price"],
            [15, "The 'discount 15% on Mug, Plate' of offer 'SpringSale' does not give the prior price"]
        ]);
        expect(findings[0].message).toMatch(/Add 'prior price' with that price\.$/);
        const single = await found(plan(DE, DISCOUNT).replace('price 35 EUR', 'price 35 EUR\n    price 32 EUR in DE'));
        expect(single[0].message).toContain("was its price of 32 EUR, write 'prior price 32 EUR'");
    });

    it('does not fire with a prior price', async () => {
        expect(await found(plan(DE, '    discount 20% on Mug prior price 35 EUR'))).toEqual([]);
    });

    it('does not fire where the only market is outside the EU (US, Japan), nor in a plan with no market', async () => {
        expect(await found(plan(US, DISCOUNT))).toEqual([]);
        expect(await found(plan(JP, DISCOUNT))).toEqual([]);
        expect(await found(plan('', DISCOUNT))).toEqual([]);
    });

    it('follows the day article 6a applies from: 2022-05-27 not yet, 2022-05-28 on', async () => {
        judgeBy({ asOf: '2022-05-27' });
        expect(await found(plan(DE, DISCOUNT))).toEqual([]);
        judgeBy({ asOf: '2022-05-28' });
        expect(await found(plan(DE, DISCOUNT))).toHaveLength(1);
    });

    it('does not fire when the EU pack is off', async () => {
        judgeBy({ packs: { EU: 'off' } });
        expect(await found(plan(DE, DISCOUNT))).toEqual([]);
    });

    it('follows the markets the offer names: an offer for the US in a US and EU plan gets no finding', async () => {
        expect(await found(plan(`${US}\n${DE}`, `${DISCOUNT}\n    markets US`))).toEqual([]);
        const [finding] = await found(plan(`${US}\n${DE}`, DISCOUNT));
        expect(finding.message).toContain(': market DE (Price Indication Directive');
        expect(finding.message).not.toContain('market US');
    });

    it('names an offer without a name by its line', async () => {
        const [finding] = await found(plan(DE, DISCOUNT).replace('offer SpringSale "Spring sale" {', 'offer {'));
        const text = plan(DE, DISCOUNT).replace('offer SpringSale "Spring sale" {', 'offer {');
        const line = text.split('\n').findIndex(l => l.startsWith('offer {')) + 1;
        expect(finding.message).toMatch(new RegExp(`^The 'discount 20% on Mug' of the offer at line ${line} does not give the prior price`));
    });
});

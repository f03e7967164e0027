import { describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import type { Document } from '../../../src/language/generated/ast.js';
import { buildPlanReport } from '../../../src/language/report/build-report.js';
import { check, services } from '../../helpers.js';

/** A shop selling in the US and the euro area, planning in dollars. */
const PLAN = (rates: string) => `plan KilnAndCo "Kiln & Co." {
    goal "Sell 400 hand-thrown mugs a month on both sides of the Atlantic"
    currency USD
${rates}}
market US { country US  language en  currency USD }
market Eurozone { countries DE, FR, NL  languages de, fr, nl  currency EUR }
product Mug { price 38 USD  price 34 EUR in Eurozone  benefit "Thrown by hand" }
tactic GoogleShopping {
    channel ppc on google
    budget 1200 USD per month
    from 2027-03-01 to 2027-05-31
    markets US
}
tactic MetaEurope {
    channel social on instagram
    budget 900 EUR per month
    from 2027-03-01 to 2027-05-31
    markets Eurozone
}
campaign SpringLaunch {
    budget 6500 USD
    from 2027-03-01 to 2027-05-31
    runs GoogleShopping, MetaEurope
}
`;

const WITH_RATE = PLAN('    rate 1 EUR = 1.08 USD as of 2027-01-01\n');

describe('exchange rates', () => {
    it('with no rate, currency-mismatch reports the euro budget where it is summed, and budget-overrun cannot judge', async () => {
        const found = (await check(PLAN(''))).findings();
        const mismatch = found.filter(f => f.rule === 'currency-mismatch');
        expect(mismatch).toEqual([expect.objectContaining({
            line: 16, column: 16, endColumn: 19,
            message: "900 EUR is not in the plan's currency, USD, and no rate converts it: amounts are summed and compared, so write it in USD or declare the rate, such as 'rate 1 EUR = … USD as of 2027-01-15' in the plan block."
        })]);
        expect(found.map(f => f.rule)).not.toContain('budget-overrun');
    });

    it('a market price in the market currency is shown, not summed: no rate needed for it', async () => {
        const found = (await check(PLAN(''))).findings();
        expect(found.filter(f => f.rule === 'currency-mismatch' && f.line === 7)).toEqual([]);
    });

    it('with a declared rate, the euro budget is summed at it: no currency-mismatch, and budget-overrun adds both currencies', async () => {
        const found = (await check(WITH_RATE)).findings();
        expect(found.map(f => f.rule)).not.toContain('currency-mismatch');
        // 3 × 1,200 USD + 3 × 900 EUR × 1.08 = 3,600 + 2,916 = 6,516 USD against 6,500 USD.
        expect(found.filter(f => f.rule === 'budget-overrun')).toEqual([expect.objectContaining({
            message: "The tactics of campaign 'SpringLaunch' cost 6,516 USD, 16 USD more than its budget of 6,500 USD. Raise the budget or cut a tactic."
        })]);
    });

    it('a rate declared the other way round, or through a third currency, converts too', async () => {
        const inverse = (await check(PLAN('    rate 1 USD = 0.925926 EUR as of 2027-01-01\n'))).findings();
        expect(inverse.map(f => f.rule)).not.toContain('currency-mismatch');
        const chained = (await check(PLAN('    rate 1 EUR = 1.5 CAD as of 2027-01-01\n    rate 1 CAD = 0.72 USD as of 2027-01-01\n'))).findings();
        expect(chained.map(f => f.rule)).not.toContain('currency-mismatch');
        // 900 EUR = 1,350 CAD = 972 USD a month: 3,600 + 2,916 = 6,516 USD.
        expect(chained.find(f => f.rule === 'budget-overrun')?.message).toContain('cost 6,516 USD');
    });

    it('where a pair is declared twice, the later day holds', async () => {
        const found = (await check(PLAN('    rate 1 EUR = 1.20 USD as of 2027-02-01\n    rate 1 EUR = 1.00 USD as of 2026-06-01\n'))).findings();
        // At 1.20: 3,600 + 3,240 = 6,840 USD.
        expect(found.find(f => f.rule === 'budget-overrun')?.message).toContain('cost 6,840 USD');
    });

    it('a rate that does not reach the plan currency converts nothing', async () => {
        const found = (await check(PLAN('    rate 1 EUR = 0.86 GBP as of 2027-01-01\n'))).findings();
        expect(found.filter(f => f.rule === 'currency-mismatch').map(f => f.line)).toEqual([17]);
    });

    it('the report sums the plan budget and spend in the plan currency at the rate, and keeps apart what no rate converts', async () => {
        const rated = await check(WITH_RATE);
        const report = await buildPlanReport(services.Mplan, rated.documents.get('plan.mplan') as LangiumDocument<Document>);
        expect(report?.plan.tacticBudgets).toEqual({ amount: 6516, other: [] });
        expect(report?.plan.plannedSpend).toEqual({ amount: 6516, other: [] });
        const unrated = await check(PLAN(''));
        const plain = await buildPlanReport(services.Mplan, unrated.documents.get('plan.mplan') as LangiumDocument<Document>);
        expect(plain?.plan.tacticBudgets).toEqual({ amount: 3600, other: [{ amount: 2700, currency: 'EUR' }] });
    });
});

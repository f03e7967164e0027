import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';

describe('currency-mismatch', () => {
    it('does not fire when every amount is in the plan currency', async () => {
        expect((await check(CLEAN_PLAN)).rules()).not.toContain('currency-mismatch');
    });

    it('fires on an amount in another currency, at its code', async () => {
        const result = await check(CLEAN_PLAN.replace('budget 3000 USD', 'budget 3000 EUR'));
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'currency-mismatch', severity: 'error', line: 25, column: 17, endColumn: 20,
            message: "3,000 EUR is not in the plan's currency, USD, and no rate converts it: amounts are summed and compared, so write it in USD or declare the rate, such as 'rate 1 EUR = … USD as of 2027-01-15' in the plan block."
        }));
    });

    it('without a declared currency, the first amount sets it', async () => {
        const result = await check(CLEAN_PLAN.replace('    currency USD\n', '').replace('budget 10000 USD', 'budget 10000 GBP'));
        const found = result.findings().filter(f => f.rule === 'currency-mismatch');
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain("the currency of the plan's first amount (line 5)");
    });

    it('fires on the import that brings amounts in another currency', async () => {
        const result = await check({
            'plan.mplan': 'import "ads.mplan"\n' + CLEAN_PLAN,
            'ads.mplan': 'tactic Banner { budget 500 EUR }\n'
        });
        expect(result.findings('plan.mplan')).toContainEqual(expect.objectContaining({
            rule: 'currency-mismatch', line: 1, message: "This import brings an amount not in the plan's currency USD that no declared rate converts: 500 EUR at ads.mplan:1."
        }));
    });

    it('in a library, fires when a campaign and its tactics use different currencies', async () => {
        const result = await check('tactic T { budget 100 EUR }\ncampaign C { budget 1000 USD runs T }\n');
        expect(result.findings().filter(f => f.rule === 'currency-mismatch')).toEqual([expect.objectContaining({ line: 2, column: 35, message: "Tactic 'T' is budgeted in EUR (100 EUR) but campaign 'C' in USD: they cannot be added up." })]);
    });

    it('fires on an income range that changes currency', async () => {
        const result = await check(CLEAN_PLAN.replace('age 28 to 50', 'income 100 GBP to 200 USD'));
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'currency-mismatch', line: 16, message: "The income range of segment 'Managers' starts in GBP and ends in USD: a range has one currency." }));
    });
});

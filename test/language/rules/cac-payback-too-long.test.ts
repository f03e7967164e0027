import { describe, expect, it } from 'vitest';
import { check, judgeBy, TEST_SETTINGS, withThresholds } from '../../helpers.js';
import { BEAN_BOX_LAUNCH, LEDGERLY_LAUNCH, replaced } from '../../economics-plans.js';

const RULE = 'cac-payback-too-long';

async function messageOf(text: string): Promise<string | undefined> {
    return (await check(text)).findings().find(f => f.rule === RULE)?.message;
}

/** The Bean Box launch (test/economics-plans.ts) with a monthly budget of its own (and other replacements). */
function coffee(budget: string, ...replacements: Array<[string, string]>): string {
    return replaced(BEAN_BOX_LAUNCH, ['10_488 USD per month', budget], ...replacements);
}

describe('cac-payback-too-long', () => {
    // A subscriber brings 11.40 USD of margin in their first month and 95% of the month before after that:
    // 104.80 USD in their first 12 months. A CAC of at most that (a budget of at most 104.80 × 720 / 6 =
    // 12,575.75 USD a month) is paid back within 12 months.
    it('is silent when a customer pays back what winning them cost in 12 months', async () => {
        // 12,575 USD a month: 104.79 USD a subscriber, paid back in the twelfth month.
        expect((await check(coffee('12_575 USD per month'))).rules()).not.toContain(RULE);
        expect((await check(coffee('10_000 USD per month'))).rules()).not.toContain(RULE);
    });

    it('fires on the funnel from the thirteenth month, with the cost, how it is worked out and the months', async () => {
        // 12,576 USD a month: 104.80 USD a subscriber, a hair more than their first 12 months bring.
        const result = await check(coffee('12_576 USD per month'));
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
            rule: RULE, severity: 'info', line: 33, column: 8, endLine: 33, endColumn: 29,
            message: 'A customer won through this funnel costs 104.80 USD to win (75,456 USD of campaign spend / 720 subscribers) and takes 13 months of margin to pay that back ' +
                '(CoffeeClub, paying each month while they stay): longer than the 12 months to aim for. ' +
                'Until then the plan has paid for customers who have not yet paid it back, and needs the cash to wait. ' +
                'Raise the price or the margin, keep subscribers longer, or win customers for less (better conversion rates, cheaper traffic).'
        }]);
    });

    it('counts the months of a trial before the first payment', async () => {
        // 180 EUR a paying customer; nothing in the trial month, then 20 EUR × 0.9^k: 23 months.
        expect(await messageOf(LEDGERLY_LAUNCH)).toContain('costs 180 EUR to win (90,000 EUR of campaign spend / 500 paying customers) and takes 23 months of margin to pay that back (Ledgerly, paying each month while they stay)');
        // 7,500 EUR a month: 45 EUR, paid back in the fourth month (0 + 20 + 18 + 16.20).
        expect((await check(replaced(LEDGERLY_LAUNCH, ['30_000 EUR per month', '7_500 EUR per month']))).rules()).not.toContain(RULE);
    });

    it('says when a customer never pays it back', async () => {
        // Churn 30% a month: 11.40 / 0.3 = 38 USD at most, against 83.33 USD.
        expect(await messageOf(coffee('10_000 USD per month', ['churn 5% a month', 'churn 30% a month']))).toContain(
            'costs 83.33 USD to win (60,000 USD of campaign spend / 720 subscribers) and does not bring in that much margin within ten years (CoffeeClub, paying each month while they stay): longer than the 12 months to aim for.'
        );
    });

    it('with a range of churn, judges the high churn and gives both ends', async () => {
        // 12,000 USD a month, 100 USD a subscriber: 11 months at 3% churn, 15 at 8%.
        expect(await messageOf(coffee('12_000 USD per month', ['churn 5% a month', 'churn 3% to 8% a month']))).toContain(
            'costs 100 USD to win (72,000 USD of campaign spend / 720 subscribers) and takes 11 to 15 months of margin to pay that back (CoffeeClub, paying each month while they stay): at the pessimistic end longer than the 12 months to aim for (at the optimistic end within them).'
        );
        // 10,000 USD a month: 83.33 USD, 9 to 11 months.
        expect((await check(coffee('10_000 USD per month', ['churn 5% a month', 'churn 3% to 8% a month']))).rules()).not.toContain(RULE);
    });

    it('says when one end never pays back', async () => {
        // Churn 5% to 30% at 12,000 USD a month, 100 USD a subscriber: 12 months at 5%, never at 30%.
        expect(await messageOf(coffee('12_000 USD per month', ['churn 5% a month', 'churn 5% to 30% a month']))).toContain(
            'takes 12 months of margin to pay that back at the optimistic end, and more than ten years at the pessimistic end (CoffeeClub, paying each month while they stay): at the pessimistic end longer than the 12 months to aim for (at the optimistic end within them).'
        );
    });

    it('counts revenue when the product gives no margin, and says so', async () => {
        // 25,000 USD a month, 208.33 USD a subscriber: 19 USD × (1 − 0.95^n) / 0.05 reaches it at n = 16.
        const message = await messageOf(coffee('25_000 USD per month', ['    margin 60%\n', '']));
        expect(message).toContain('costs 208.33 USD to win (150,000 USD of campaign spend / 720 subscribers) and takes 16 months of revenue to pay that back');
        expect(message).toContain('Note: CoffeeClub states no margin or unit cost: its value is counted as revenue.');
    });

    describe('with "ranges": "optimistic" in the settings', () => {
        judgeBy({ ...TEST_SETTINGS, ranges: 'optimistic' });

        it('judges the fewest months: 11 to 15 months is within 12 at the optimistic end', async () => {
            expect((await check(coffee('12_000 USD per month', ['churn 5% a month', 'churn 3% to 8% a month']))).rules()).not.toContain(RULE);
        });
    });

    describe('with another limit', () => {
        withThresholds({ maxPaybackMonths: 6 });

        it('reads maxPaybackMonths from the settings', async () => {
            // 83.33 USD a subscriber takes 9 months.
            expect(await messageOf(coffee('10_000 USD per month'))).toContain('takes 9 months of margin to pay that back (CoffeeClub, paying each month while they stay): longer than the 6 months to aim for.');
            // 6,000 USD a month, 50 USD: 5 months (11.40 + 10.83 + 10.29 + 9.77 + 9.29 = 51.58).
            expect((await check(coffee('6_000 USD per month'))).rules()).not.toContain(RULE);
        });
    });
});

import { describe, expect, it } from 'vitest';
import { check, judgeBy, TEST_SETTINGS, withThresholds } from '../../helpers.js';
import { BEAN_BOX_LAUNCH, LEDGERLY_LAUNCH, PHOTO_COURSE, replaced } from '../../economics-plans.js';

const RULE = 'ltv-below-cac';

async function messageOf(text: string): Promise<string | undefined> {
    return (await check(text)).findings().find(f => f.rule === RULE)?.message;
}

/** The Bean Box launch (test/economics-plans.ts) with a monthly budget of its own (and other replacements). */
function coffee(budget: string, ...replacements: Array<[string, string]>): string {
    return replaced(BEAN_BOX_LAUNCH, ['10_488 USD per month', budget], ...replacements);
}

describe('ltv-below-cac', () => {
    // A subscriber brings 104.80 USD of margin over 12 months: 3 times that is a CAC of 34.93 USD, a budget of
    // 34.93 × 720 / 6 = 4,191.81 USD a month.
    it('is silent when a customer brings at least three times what winning one costs', async () => {
        // 4,190 USD a month: 25,140 USD / 720 = 34.92 USD, 3.001 times.
        expect((await check(coffee('4_190 USD per month'))).rules()).not.toContain(RULE);
    });

    it('fires on the funnel just under three times, with both figures, how the cost is worked out and the ratio', async () => {
        // 4,200 USD a month: 25,200 USD / 720 = 35 USD; 104.80 / 35 = 2.994.
        const result = await check(coffee('4_200 USD per month'));
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
            rule: RULE, severity: 'warning', line: 33, column: 8, endLine: 33, endColumn: 29,
            message: 'A customer won through this funnel brings 104.80 USD of margin over 12 months (CoffeeClub, paying each month while they stay), ' +
                '2.99 times the 35 USD it costs to win one (25,200 USD of campaign spend / 720 subscribers): below the 3 times to aim for. ' +
                'What a customer brings must pay for winning them and leave enough to run the business and make a profit. ' +
                'Raise the price or the margin, keep subscribers longer, or win customers for less (better conversion rates, cheaper traffic).'
        }]);
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === RULE)!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([
            [7, 'the price a customer brings in: 19 USD per month'],
            [27, 'counted in the campaign spend']
        ]);
    });

    it('fires far under, as on a launch that costs 83.33 USD a subscriber', async () => {
        expect(await messageOf(coffee('10_000 USD per month'))).toContain('brings 104.80 USD of margin over 12 months (CoffeeClub, paying each month while they stay), 1.3 times the 83.33 USD it costs to win one (60,000 USD of campaign spend / 720 subscribers)');
    });

    it('with a range of churn, judges the high churn and gives both ends', async () => {
        // Churn 3% to 8%: 90.11 to 116.34 USD, 2.6 to 3.3 times 35 USD.
        const message = await messageOf(coffee('4_200 USD per month', ['churn 5% a month', 'churn 3% to 8% a month']));
        expect(message).toContain('brings 90.11 to 116.34 USD of margin over 12 months (CoffeeClub, paying each month while they stay), 2.6 to 3.3 times the 35 USD it costs to win one (25,200 USD of campaign spend / 720 subscribers): at the pessimistic end below the 3 times to aim for (at the optimistic end above it).');
    });

    it('with a range of conversion, judges the fewest customers, the dearest to win', async () => {
        // 540 to 900 subscribers: 28 to 46.67 USD each; 104.80 / 46.67 = 2.2, 104.80 / 28 = 3.7.
        const message = await messageOf(coffee('4_200 USD per month', ['visitors to signups 4%', 'visitors to signups 3% to 5%']));
        expect(message).toContain('2.2 to 3.7 times the 28 to 46.67 USD it costs to win one (25,200 USD of campaign spend / 540 to 900 subscribers): at the pessimistic end below');
    });

    it('is silent on a range whose pessimistic end is three times or more', async () => {
        // Churn 3% to 5% at 4,000 USD a month: at least 104.80 USD against 33.33 USD, 3.1 times.
        expect((await check(coffee('4_000 USD per month', ['churn 5% a month', 'churn 3% to 5% a month']))).rules()).not.toContain(RULE);
    });

    it('counts revenue when the product gives no margin, and says so', async () => {
        // 19 × (1 − 0.95^12) / 0.05 = 174.66 USD against 3 × 83.33 USD.
        const message = await messageOf(coffee('10_000 USD per month', ['    margin 60%\n', '']));
        expect(message).toContain('brings 174.66 USD of revenue over 12 months');
        expect(message).toContain('2.1 times the 83.33 USD');
        expect(message).toContain('Note: CoffeeClub states no margin or unit cost: its value is counted as revenue. Raise the price, keep subscribers longer, or win customers for less');
    });

    it('counts the upsells with a share of buyers, and names what it left out', async () => {
        // The photography course for 6,000 USD of ads.
        const webinar = replaced(PHOTO_COURSE, ['budget 9_000 USD', 'budget 6_000 USD']);
        // 72 buyers: 83.33 USD each. Each brings 270 USD, and 72 USD more from coaching: 342 USD, 4.1 times.
        expect((await check(webinar)).rules()).not.toContain(RULE);
        // Without its share, the upsell is not counted: 270 USD, 3.2 times; at 7,000 USD (97.22 USD a buyer) 2.8 times.
        const message = await messageOf(webinar.replace('upsell Course to Coaching 10%', 'upsell Course to Coaching').replace('budget 6_000 USD', 'budget 7_000 USD'));
        expect(message).toContain('brings 270 USD of margin over 12 months (Course), 2.8 times the 97.22 USD it costs to win one (7,000 USD of tactic budgets / 72 buyers)');
        expect(message).toContain('Note: the upsell from Course to Coaching gives no share of buyers who take it: it is not counted. Raise the price or the margin, sell more to each customer (an upsell, a repeat purchase), or win customers');
    });

    it('counts a trial\'s paying customers only', async () => {
        expect(await messageOf(LEDGERLY_LAUNCH)).toContain('brings 137.24 EUR of margin over 12 months (Ledgerly, paying each month while they stay), 0.8 times the 180 EUR it costs to win one (90,000 EUR of campaign spend / 500 paying customers)');
    });

    it('stays silent when the funnel wins no customer to divide the spend by, or the projection lacks a fact', async () => {
        expect((await check(coffee('10_000 USD per month', ['visitors to signups 4%', 'visitors to signups 0%']))).rules()).not.toContain(RULE);
        expect((await check(coffee('10_000 USD per month', ['    price 19 USD per month\n', '']))).rules()).not.toContain(RULE);
        expect((await check(coffee('10_000 EUR per month'))).rules()).not.toContain(RULE);
    });

    describe('with another minimum', () => {
        withThresholds({ minLtvToCac: 2 });

        it('reads minLtvToCac from the settings', async () => {
            // 104.80 / 83.33 = 1.26: under 2. At 6,250 USD a month, 52.08 USD a subscriber: 2.01 times.
            expect(await messageOf(coffee('10_000 USD per month'))).toContain('1.3 times the 83.33 USD it costs to win one (60,000 USD of campaign spend / 720 subscribers): below the 2 times to aim for.');
            expect((await check(coffee('6_250 USD per month'))).rules()).not.toContain(RULE);
            expect(await messageOf(coffee('6_300 USD per month'))).toContain('1.996 times the 52.50 USD it costs to win one');
        });
    });

    describe('judging ranges by their optimistic end ("ranges": "optimistic")', () => {
        judgeBy({ ...TEST_SETTINGS, ranges: 'optimistic' });

        it('is silent when only the pessimistic end falls short, and still fires when both ends do', async () => {
            // Churn 3% to 8% at 4,200 USD a month: 2.6 to 3.3 times; at 10,000 USD a month both ends are under 3.
            expect((await check(coffee('4_200 USD per month', ['churn 5% a month', 'churn 3% to 8% a month']))).rules()).not.toContain(RULE);
            expect(await messageOf(coffee('10_000 USD per month', ['churn 5% a month', 'churn 3% to 8% a month']))).toContain('below the 3 times to aim for.');
        });
    });

    describe('over another horizon', () => {
        withThresholds({ horizonMonths: 24 });

        it('counts a customer\'s value over the horizon of the settings', async () => {
            // 11.40 × (1 − 0.95^24) / 0.05 = 161.43 USD; 4,200 USD a month is 35 USD a subscriber: 4.6 times.
            expect((await check(coffee('4_200 USD per month'))).rules()).not.toContain(RULE);
            expect(await messageOf(coffee('10_000 USD per month'))).toContain('brings 161.43 USD of margin over 24 months');
        });
    });
});

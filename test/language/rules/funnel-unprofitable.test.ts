import { describe, expect, it } from 'vitest';
import { check, judgeBy, TEST_SETTINGS, withThresholds } from '../../helpers.js';
import { BEAN_BOX_LAUNCH, LEDGERLY_LAUNCH, PHOTO_COURSE, replaced, SILVER_RING } from '../../economics-plans.js';

const RULE = 'funnel-unprofitable';

const PLAN = `plan CornerBakery {
    goal "Become the default caterer for downtown offices"
    currency USD
    focus CateringBox
}
product CateringBox {
    price 49 USD
    benefit "Baked the same morning"
}
campaign SpringLaunch {
    budget 10_000 USD
    from 2027-02-01 to 2027-06-30
}
funnel {
    visitors 4_000 per month
    conversion visitors to leads 5%
    conversion leads to customers 10%
}
`;

const MESSAGE = '4,000 visitors a month × 5% × 10% = 20 customers a month: 100 customers won while the plan spends, each worth 49 USD of revenue over 12 months (CateringBox). ' +
    '12-month revenue 4,900 USD against 10,000 USD of campaign spend: the customers this funnel wins do not pay for the marketing within 12 months. ' +
    'Note: CateringBox states no margin or unit cost: its value is counted as revenue. ' +
    'Raise a conversion rate or the price, sell more to each customer (an upsell, a repeat purchase), or spend less.';

/** The plan above with some of its text replaced. */
function planWith(...replacements: Array<[string, string]>): string {
    return replaced(PLAN, ...replacements);
}

async function messageOf(text: string | Record<string, string>, file?: string): Promise<string | undefined> {
    return (await check(text)).findings(file).find(f => f.rule === RULE)?.message;
}

describe('funnel-unprofitable', () => {
    it('fires on the visitor count when the customers bring in less than the campaign costs, showing the arithmetic', async () => {
        const result = await check(PLAN);
        expect(result.findings()).toContainEqual({ rule: RULE, severity: 'warning', line: 15, column: 14, endLine: 15, endColumn: 19, message: MESSAGE });
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === RULE)!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([
            [6, 'the price a customer brings in: 49 USD'],
            [10, 'counted in the campaign spend']
        ]);
    });

    it('does not fire when revenue exactly covers the spend, and fires one cent under it', async () => {
        expect((await check(planWith(['price 49 USD', 'price 100 USD']))).rules()).not.toContain(RULE);
        expect(await messageOf(planWith(['price 49 USD', 'price 99.99 USD']))).toContain('each worth 99.99 USD of revenue over 12 months (CateringBox). 12-month revenue 9,999 USD against 10,000 USD of campaign spend');
    });

    it('does not fire on a profitable funnel', async () => {
        expect((await check(planWith(['visitors 4_000', 'visitors 40_000']))).rules()).not.toContain(RULE);
    });

    it.each([
        ['no visitor count', ['    visitors 4_000 per month\n', '']],
        ['visitors with no period', ['visitors 4_000 per month', 'visitors 4_000']],
        ['no rate from leads to customers', ['    conversion leads to customers 10%\n', '']],
        ['no price', ['    price 49 USD\n', '']],
        ['a price in another currency', ['price 49 USD', 'price 49 EUR']],
        ['a budget in another currency', ['budget 10_000 USD', 'budget 10_000 EUR']],
        ['a campaign with no period', ['    from 2027-02-01 to 2027-06-30\n', '']],
        ['a campaign whose period ends before it starts', ['from 2027-02-01 to 2027-06-30', 'from 2027-06-30 to 2027-02-01']],
        ['no spend at all', ['    budget 10_000 USD\n', '']]
    ] as Array<[string, [string, string]]>)('stays silent with %s', async (_, replacement) => {
        expect((await check(planWith(replacement))).rules()).not.toContain(RULE);
    });

    it('follows the chain of rates through stages of the funnel\'s own, and a direct rate', async () => {
        const chain = planWith(['conversion leads to customers 10%', 'conversion leads to trials 20%\n    conversion trials to buyers 50%']);
        expect(await messageOf(chain)).toMatch(/^4,000 visitors a month × 5% × 20% × 50% = 20 buyers a month: 100 buyers won while the plan spends/);
        const direct = planWith(['    conversion visitors to leads 5%\n    conversion leads to customers 10%\n', '    conversion visitors to customers 0.5%\n']);
        expect(await messageOf(direct)).toMatch(/^4,000 visitors a month × 0.5% = 20 customers a month/);
    });

    it('turns visitors counted per week into visitors a month', async () => {
        const weekly = planWith(['visitors 4_000 per month', 'visitors 1_000 per week']);
        // 1,000 × 365.2425 / 12 / 7 = 4,348.13 visitors a month.
        expect(await messageOf(weekly)).toMatch(/^1,000 visitors a week \(4,348 a month\) × 5% × 10% = 21.74 customers a month: 108.7 customers won while the plan spends, .* 12-month revenue 5,326.45 USD against 10,000 USD of campaign spend/);
    });

    it('counts the customers of the days the plan spends, a calendar month at a time', async () => {
        // February 1 to March 2: all of February's 20 customers and 2/31 of March's, 21.29 × 49 USD = 1,043.23 USD.
        const month = planWith(['from 2027-02-01 to 2027-06-30', 'from 2027-02-01 to 2027-03-02'], ['budget 10_000 USD', 'budget 1_000 USD']);
        expect((await check(month)).rules()).not.toContain(RULE);
        const dearer = planWith(['from 2027-02-01 to 2027-06-30', 'from 2027-02-01 to 2027-03-02'], ['budget 10_000 USD', 'budget 1_100 USD']);
        expect(await messageOf(dearer)).toContain('21.29 customers won while the plan spends, each worth 49 USD of revenue over 12 months (CateringBox). 12-month revenue 1,043.23 USD against 1,100 USD of campaign spend');
    });

    it('counts the tactics a campaign runs when the campaign has no budget, and the tactics alone when there is no campaign', async () => {
        const tactic = 'tactic Ads {\n    channel ppc on linkedin\n    budget 6_000 USD\n    from 2027-02-01 to 2027-06-30\n}\n';
        const viaCampaign = planWith(['    budget 10_000 USD\n', '    runs Ads\n']) + tactic;
        expect(await messageOf(viaCampaign)).toContain('12-month revenue 4,900 USD against 6,000 USD of campaign spend:');
        const noCampaign = planWith(['campaign SpringLaunch {\n    budget 10_000 USD\n    from 2027-02-01 to 2027-06-30\n}\n', '']) + tactic;
        expect(await messageOf(noCampaign)).toContain('12-month revenue 4,900 USD against 6,000 USD of tactic budgets:');
    });

    it('adds up the spend of several campaigns, and the customers won from the first start to the last end', async () => {
        // February to June, 100 customers; July 1 to 30, 30/31 of 20.
        const second = 'campaign Autumn {\n    budget 2_000 USD\n    from 2027-07-01 to 2027-07-30\n}\n';
        expect(await messageOf(PLAN + second)).toContain('119.35 customers won while the plan spends, each worth 49 USD of revenue over 12 months (CateringBox). 12-month revenue 5,848.39 USD against 12,000 USD of campaign spend');
    });

    describe('the product a customer buys', () => {
        const platter = 'product PastryPlatter {\n    price 29 USD\n    benefit "Quick"\n}\n';

        it('is the plan\'s focus product', async () => {
            expect(await messageOf(planWith(['focus CateringBox', 'focus PastryPlatter']) + platter)).toContain('each worth 29 USD of revenue over 12 months (PastryPlatter)');
        });

        it('is the only product when the plan has no focus', async () => {
            expect(await messageOf(planWith(['    focus CateringBox\n', '']))).toContain('each worth 49 USD of revenue over 12 months (CateringBox)');
        });

        it('is the first product an upsell starts from when there are several and no focus', async () => {
            const text = planWith(['    focus CateringBox\n', ''], ['funnel {\n', 'funnel {\n    upsell PastryPlatter to CateringBox\n']) + platter;
            expect(await messageOf(text)).toContain('each worth 29 USD of revenue over 12 months (PastryPlatter)');
        });

        it('is unknown with several products, no focus and no upsell: silent', async () => {
            expect((await check(planWith(['    focus CateringBox\n', '']) + platter)).rules()).not.toContain(RULE);
        });
    });

    it('judges a library funnel in the context of the plan that imports it, and reports it there', async () => {
        const funnel = 'funnel {\n    visitors 4_000 per month\n    conversion visitors to leads 5%\n    conversion leads to customers 10%\n}\n';
        const files = {
            'plan.mplan': `import "shared/funnel.mplan"\n${planWith([funnel, ''])}`,
            'shared/funnel.mplan': funnel
        };
        const result = await check(files);
        expect(result.rules('plan.mplan')).not.toContain(RULE);
        expect(result.findings('shared/funnel.mplan')).toContainEqual(expect.objectContaining({ rule: RULE, line: 2, column: 14, message: MESSAGE }));
    });

    it('stays silent on a library that no plan imports, or that two plans share', async () => {
        const funnel = 'funnel {\n    visitors 4_000 per month\n    conversion visitors to leads 5%\n    conversion leads to customers 10%\n}\n';
        expect((await check({ 'funnel.mplan': funnel })).rules('funnel.mplan')).not.toContain(RULE);
        const body = planWith([funnel, '']);
        const shared = await check({
            'funnel.mplan': funnel,
            'a.mplan': `import "funnel.mplan"\n${body}`,
            'b.mplan': `import "funnel.mplan"\n${body.replace('CornerBakery', 'OtherBakery')}`
        });
        expect(shared.rules('funnel.mplan')).not.toContain(RULE);
    });
});

/** The Bean Box launch (test/economics-plans.ts) with some of its text replaced. */
function coffeeWith(...replacements: Array<[string, string]>): string {
    return replaced(BEAN_BOX_LAUNCH, ...replacements);
}

describe('funnel-unprofitable on a subscription', () => {
    it('is silent when the 12-month margin of the subscribers won covers the spend, by a few dollars', async () => {
        // 6 × 10,488 = 62,928 USD of spend against 62,930.62 USD of margin.
        expect((await check(BEAN_BOX_LAUNCH)).rules()).not.toContain(RULE);
    });

    it('fires a dollar a month over the edge, and shows customers per month, the value of one and the spend', async () => {
        const result = await check(coffeeWith(['10_488 USD per month', '10_489 USD per month']));
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
            rule: RULE, severity: 'warning', line: 34, column: 14, endLine: 34, endColumn: 20,
            message: '12,000 visitors a month × 4% × 25% = 120 subscribers a month: 720 subscribers won while the plan spends, ' +
                'each worth 104.80 USD of margin over 12 months (CoffeeClub, paying each month while they stay), less for those won later in that time. ' +
                '12-month margin 62,930.62 USD against 62,934 USD of campaign spend: the subscribers this funnel wins do not pay for the marketing within 12 months. ' +
                'Raise a conversion rate, the price or the margin, keep subscribers longer, or spend less.'
        }]);
    });

    it('with a range of churn, judges the high churn and gives both ends when only the other passes', async () => {
        const message = await messageOf(coffeeWith(['10_488 USD per month', '10_489 USD per month'], ['churn 5% a month', 'churn 3% to 8% a month']));
        expect(message).toContain('each worth 90.11 to 116.34 USD of margin over 12 months');
        expect(message).toContain('12-month margin 55,661.88 to 68,467.25 USD against 62,934 USD of campaign spend: at the pessimistic end the subscribers this funnel wins do not pay for the marketing within 12 months (at the optimistic end they do).');
    });

    it('with a range of conversion, judges the low rate and gives both ends when only the other passes', async () => {
        const message = await messageOf(coffeeWith(['10_488 USD per month', '10_489 USD per month'], ['visitors to signups 4%', 'visitors to signups 3% to 5%']));
        expect(message).toMatch(/^12,000 visitors a month × 3% to 5% × 25% = 90 to 150 subscribers a month: 540 to 900 subscribers won while the plan spends, each worth 104.80 USD/);
        expect(message).toContain('12-month margin 47,197.96 to 78,663.27 USD against 62,934 USD of campaign spend: at the pessimistic end');
    });

    it('is silent on a range whose pessimistic end passes, and gives both ends when both fail', async () => {
        // Churn 3% to 5% at 10,000 USD a month: 62,930.62 USD at 5% covers 60,000 USD.
        expect((await check(coffeeWith(['10_488 USD per month', '10_000 USD per month'], ['churn 5% a month', 'churn 3% to 5% a month']))).rules()).not.toContain(RULE);
        const message = await messageOf(coffeeWith(['10_488 USD per month', '12_000 USD per month'], ['churn 5% a month', 'churn 3% to 5% a month']));
        expect(message).toContain('12-month margin 62,930.62 to 68,467.25 USD against 72,000 USD of campaign spend: the subscribers this funnel wins do not pay');
    });

    it('counts revenue when the product gives no margin, and says so', async () => {
        const text = coffeeWith(['    margin 60%\n', ''], ['10_488 USD per month', '18_000 USD per month']);
        // 62,930.62 / 60% = 104,884.37 USD of revenue, against 108,000 USD.
        expect(await messageOf(text)).toContain('each worth 174.66 USD of revenue over 12 months (CoffeeClub, paying each month while they stay), less for those won later in that time. 12-month revenue 104,884.37 USD against 108,000 USD of campaign spend');
        expect(await messageOf(text)).toContain('Note: CoffeeClub states no margin or unit cost: its value is counted as revenue. Raise a conversion rate or the price, keep subscribers longer, or spend less.');
    });

    it('counts a subscription with no retention or churn at its first payment only, and says so', async () => {
        const message = await messageOf(coffeeWith(['    churn 5% a month\n', '']));
        expect(message).toContain('each worth 11.40 USD of margin over 12 months (CoffeeClub, their first payment only). 12-month margin 8,208 USD against 62,928 USD');
        expect(message).toContain('Note: CoffeeClub states no retention or churn: only its first payment is counted.');
    });

    describe('with "ranges": "optimistic" in the settings', () => {
        judgeBy({ ...TEST_SETTINGS, ranges: 'optimistic' });

        it('is silent when only the pessimistic end fails, and fires when both ends do', async () => {
            expect((await check(coffeeWith(['10_488 USD per month', '10_489 USD per month'], ['churn 5% a month', 'churn 3% to 8% a month']))).rules()).not.toContain(RULE);
            expect(await messageOf(coffeeWith(['10_488 USD per month', '12_000 USD per month'], ['churn 5% a month', 'churn 3% to 5% a month']))).toContain('the subscribers this funnel wins do not pay');
        });
    });

    describe('over another horizon', () => {
        withThresholds({ horizonMonths: 24 });

        it('reads the horizon from the settings: over 24 months the subscribers pay for the launch', async () => {
            expect((await check(coffeeWith(['10_488 USD per month', '10_489 USD per month']))).rules()).not.toContain(RULE);
            const message = await messageOf(coffeeWith(['10_488 USD per month', '25_000 USD per month']));
            expect(message).toContain('each worth 161.43 USD of margin over 24 months');
            expect(message).toContain('24-month margin');
            expect(message).toContain('do not pay for the marketing within 24 months');
        });
    });
});

describe('funnel-unprofitable counts what a customer buys after the first sale', () => {
    /** The photography course (test/economics-plans.ts), coaching sold to one buyer in ten, for 22,000 USD of ads. */
    const WEBINAR = replaced(PHOTO_COURSE, ['budget 9_000 USD', 'budget 22_000 USD']);

    it('no longer reports a plan whose upsell covers the spend as losing money', async () => {
        // 24 buyers a month for 3 months, each 270 USD of margin plus 10% × 720 USD of coaching margin:
        // 72 × 342 = 24,624 USD against 22,000 USD. The first sale alone (19,440 USD) would not cover it.
        expect((await check(WEBINAR)).rules()).not.toContain(RULE);
    });

    it('leaves out an upsell with no share of buyers, and says so', async () => {
        const message = await messageOf(WEBINAR.replace('upsell Course to Coaching 10%', 'upsell Course to Coaching'));
        expect(message).toBe(
            '6,000 visitors a month × 10% × 40% × 10% = 24 buyers a month: 72 buyers won while the plan spends, each worth 270 USD of margin over 12 months (Course). ' +
            '12-month margin 19,440 USD against 22,000 USD of tactic budgets: the buyers this funnel wins do not pay for the marketing within 12 months. ' +
            'Note: the upsell from Course to Coaching gives no share of buyers who take it: it is not counted. ' +
            'Raise a conversion rate, the price or the margin, sell more to each customer (an upsell, a repeat purchase), or spend less.'
        );
    });

    it('names the upsell it counted when the spend is more than it covers', async () => {
        const message = await messageOf(WEBINAR.replace('budget 22_000 USD', 'budget 30_000 USD'));
        expect(message).toContain('each worth 342 USD of margin over 12 months (Course, with the upsell to Coaching at 10%). 12-month margin 24,624 USD against 30,000 USD of tactic budgets');
    });

    it('counts the funnel\'s own repeat rate: one more order from that share of customers', async () => {
        // 100 customers × 49 USD × (1 + 60%) = 7,840 USD against 7,000 USD: covered.
        const repeat = planWith(['conversion leads to customers 10%', 'conversion leads to customers 10%\n    conversion customers to repeat 60%'], ['budget 10_000 USD', 'budget 7_000 USD']);
        expect((await check(repeat)).rules()).not.toContain(RULE);
        expect(await messageOf(repeat.replace('budget 7_000 USD', 'budget 8_000 USD'))).toContain('each worth 78.40 USD of revenue over 12 months (CateringBox, with one repeat purchase from 60% of them). 12-month revenue 7,840 USD against 8,000 USD');
    });

    it('counts repeat purchases the product states, spread over the year', async () => {
        // A ring bought again by 24% of buyers a year: 2% a month of 80 USD, for the months left in the horizon.
        // 30 buyers, each 50 USD of margin now and 11 × 2% × 50 USD later: 61 USD, 1,830 USD in all.
        expect(await messageOf(replaced(SILVER_RING, ['budget 1_500 USD', 'budget 1_900 USD']))).toContain('30 buyers won while the plan spends, each worth 61 USD of margin over 12 months (Ring, with repeat purchases). 12-month margin 1,830 USD against 1,900 USD of tactic budgets');
        expect((await check(SILVER_RING)).rules()).not.toContain(RULE);
    });

    it('counts paying customers after a trial, and the list the plan starts with', async () => {
        const result = await check(LEDGERLY_LAUNCH);
        const finding = result.findings().find(f => f.rule === RULE);
        // March's 300 (100 and the list's 200), April's 100 and May's 100 pay 11, 10 and 9 months of 20 EUR × 0.9^k
        // after their trial: 300 × 137.24 + 100 × 130.26 + 100 × 122.51 = 66,449.39 EUR.
        expect(finding).toEqual({
            rule: RULE, severity: 'warning', line: 34, column: 12, endLine: 34, endColumn: 15,
            message: '500 trials a month × 20% who pay after the trial (Ledgerly) = 100 paying customers a month, ' +
                'plus 1,000 trials on the list × 20% who pay after the trial (Ledgerly) = 200 paying customers at the start: ' +
                '500 paying customers won while the plan spends, each worth 137.24 EUR of margin over 12 months (Ledgerly, paying each month while they stay), ' +
                'less for those won later in that time. 12-month margin 66,449.39 EUR against 90,000 EUR of campaign spend: ' +
                'the paying customers this funnel wins do not pay for the marketing within 12 months. ' +
                'Raise a conversion rate, the price or the margin, keep subscribers longer, or spend less.'
        });
    });
});

/**
 * The projection of plans written as marketers write them (test/economics-plans.ts): a coffee
 * subscription, an accounting SaaS with a trial, a course sold through a
 * webinar, a jewellery shop with repeat purchases. Figures are worked out by
 * hand in the comments, so a change of the model shows as a changed number.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { check, judgeBy, services, TEST_SETTINGS } from '../../helpers.js';
import { customerValue, projectFunnel, type Projection } from '../../../src/language/model/economics.js';
import { budgetByMonth, budgetTotal, monthOf } from '../../../src/language/model/budgets.js';
import { dayNumber } from '../../../src/language/model/values.js';
import { COFFEE_CLUB, COFFEE_CLUB_RANGES, LEDGERLY, PHOTO_COURSE, replaced, SILVER_RING, without } from '../../economics-plans.js';

beforeEach(() => judgeBy(TEST_SETTINGS));

async function projection(text: string): Promise<Projection | undefined> {
    const checked = await check(text);
    const model = services.Mplan.model.PlanModelProvider.get(checked.documents.get('plan.mplan')!);
    const funnel = model.own.funnels[0];
    return funnel ? projectFunnel(model, funnel) : undefined;
}

describe('money over time', () => {
    it('a budget per month is its amount times the months of its period', async () => {
        // The coffee club's tactic: 1,000 USD a month from January to June.
        const checked = await check(COFFEE_CLUB);
        const model = services.Mplan.model.PlanModelProvider.get(checked.documents.get('plan.mplan')!);
        expect(budgetTotal(model.own.tactics[0])).toEqual({ amount: 6_000, currency: 'USD' });
    });

    it('a budget per week counts the weeks of its days, a budget per quarter its calendar months', async () => {
        const checked = await check(`tactic Flyers { budget 250 USD per week  from 2027-02-01 to 2027-04-30 }
tactic Radio { budget 3_000 USD per quarter  from 2027-01-01 to 2027-06-30 }
`);
        const model = services.Mplan.model.PlanModelProvider.get(checked.documents.get('plan.mplan')!);
        // 89 days are 12.71 weeks.
        expect(budgetTotal(model.own.tactics[0])!.amount).toBeCloseTo(250 * 89 / 7);
        expect(budgetTotal(model.own.tactics[1])!.amount).toBeCloseTo(6_000);
        // February has 28 days: four weeks.
        expect(budgetByMonth(model.own.tactics[0])!.months.get(monthOf(dayNumber('2027-02-01')!))).toBeCloseTo(1_000);
    });
});

describe('a subscription with churn', () => {
    it('wins 200 subscribers a month while it spends, and keeps 95% of them each month', async () => {
        const p = (await projection(COFFEE_CLUB))!;
        expect(p).toBeDefined();
        expect(p.months.map(row => row.label)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12']);
        expect(p.months.map(row => row.spend)).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 0, 0, 0, 0, 0, 0]);
        expect(p.customers.low).toBeCloseTo(1_200);
        // January: 200 new × 20 USD; February: (200 + 200 × 0.95) × 20.
        expect(p.months[0].revenue.low).toBeCloseTo(4_000);
        expect(p.months[1].revenue.low).toBeCloseTo(7_800);
        // CAC: 6,000 USD / 1,200 subscribers.
        expect(p.cac!.low).toBeCloseTo(5);
        // LTV over 12 months: 10 USD margin × (1 − 0.95^12) / 0.05.
        expect(p.ltvBasis).toBe('margin');
        expect(p.ltv.low).toBeCloseTo(10 * (1 - 0.95 ** 12) / 0.05);
        expect(p.payback).toEqual({ low: 1, high: 1 });
    });

    it('shares the customers and their revenue among campaigns by their spend in each month', async () => {
        // Two pushes of the same ads: a winter one (January to March) and a spring one (April to June).
        const twoCampaigns = replaced(COFFEE_CLUB, ['campaign SpringLaunch "Spring launch" {', `campaign WinterPush "Winter push" {
    budget 1_000 USD per month
    runs InstagramAds
    from 2027-01-01 to 2027-03-31
}

campaign SpringLaunch "Spring launch" {`], ['    runs InstagramAds\n    from 2027-01-01 to 2027-06-30', '    runs InstagramAds\n    from 2027-04-01 to 2027-06-30']);
        const p = (await projection(twoCampaigns))!;
        expect(p.campaigns.map(c => [c.campaign.name, Math.round(c.spend), Math.round(c.customers.low)])).toEqual([['WinterPush', 3_000, 600], ['SpringLaunch', 3_000, 600]]);
        // 200 subscribers a month, each paying 20 USD in the month they join and 95% of the month before after.
        const revenueOf = (joined: number[]) => joined.reduce((total, m) => total + 200 * 20 * (1 - 0.95 ** (12 - m)) / 0.05, 0);
        const [winter, spring] = p.campaigns;
        expect(winter.revenue.low).toBeCloseTo(revenueOf([0, 1, 2]), 6);
        expect(spring.revenue.low).toBeCloseTo(revenueOf([3, 4, 5]), 6);
        expect(winter.margin!.low).toBeCloseTo(revenueOf([0, 1, 2]) / 2, 6);
        // Together they bring in what the plan does.
        expect(winter.revenue.low + spring.revenue.low).toBeCloseTo(p.revenue.low, 6);
        expect(winter.cac!.low).toBeCloseTo(5);
    });

    it('wins no customers in a pause between two pushes', async () => {
        // No campaign: the tactic spends in January and February, a second one in May and June.
        const twoPushes = replaced(without(COFFEE_CLUB, 'campaign SpringLaunch'), ['from 2027-01-01 to 2027-06-30', 'from 2027-01-01 to 2027-02-28']);
        const p = (await projection(twoPushes + `
tactic AutumnAds {
    channel social on instagram
    budget 1_000 USD per month
    from 2027-05-01 to 2027-06-30
}
`))!;
        expect(p.months.slice(0, 6).map(row => row.customers.low)).toEqual([200, 200, 0, 0, 200, 200]);
        expect(p.months.slice(0, 6).map(row => row.spend)).toEqual([1000, 1000, 0, 0, 1000, 1000]);
    });

    it('counts the first payment only when no retention or churn is given, and says so', async () => {
        const p = (await projection(COFFEE_CLUB.replace('    churn 5% per month\n', '')))!;
        expect(p.ltv.low).toBeCloseTo(10);
        expect(p.notes.join('\n')).toContain('MonthlyBeans states no retention or churn: only its first payment is counted');
    });

    it('judges a range at both ends: low rates, low visitors and high churn first', async () => {
        // 8,000 to 12,000 visitors, 1% to 3% subscribe, 3% to 8% churn.
        const p = (await projection(COFFEE_CLUB_RANGES))!;
        expect(p.customers.low).toBeCloseTo(8_000 * 0.01 * 6);
        expect(p.customers.high).toBeCloseTo(12_000 * 0.03 * 6);
        expect(p.ltv.low).toBeCloseTo(10 * (1 - 0.92 ** 12) / 0.08);
        expect(p.ltv.high).toBeCloseTo(10 * (1 - 0.97 ** 12) / 0.03);
        expect(p.cac!.high).toBeCloseTo(6_000 / 480);
    });
});

describe('a SaaS with tiers and a free trial', () => {
    it('pays from the month after a 30-day trial, at the mix of tiers, for the trials that convert', async () => {
        const p = (await projection(LEDGERLY))!;
        expect(p).toBeDefined();
        expect(p.reading.purchase).toEqual({ stage: 'trials', how: 'trial' });
        // 500 trials × 20% = 100 paying customers a month, March to May.
        expect(p.months[0].customers.low).toBeCloseTo(100);
        expect(p.customers.low).toBeCloseTo(300);
        expect(p.months[0].revenue.low).toBe(0);
        // April: the March cohort pays the mix, 0.75 × 15 + 0.25 × 45 = 22.50 EUR each.
        expect(p.months[1].revenue.low).toBeCloseTo(100 * 22.5);
        expect(p.spend).toBeCloseTo(12_000);
        expect(p.cac!.low).toBeCloseTo(40);
        expect(p.campaigns.map(c => [c.campaign.name, Math.round(c.spend)])).toEqual([['Launch', 12_000]]);
    });

    it('counts the tiers of a product that also states a price, and says so', async () => {
        const p = (await projection(LEDGERLY.replace('product Ledgerly "Ledgerly accounting" {', 'product Ledgerly "Ledgerly accounting" {\n    price 25 EUR per month')))!;
        expect(p.months[1].revenue.low).toBeCloseTo(100 * 22.5);
        expect(p.notes).toContain('Ledgerly states a price and tiers: its tiers are counted, its price is not');
    });

    it('without shares, the tiers bound the price: cheapest at the low end, dearest at the high end', async () => {
        const p = (await projection(LEDGERLY.replace(' share 75%', '').replace(' share 25%', '')))!;
        expect(p.months[1].revenue.low).toBeCloseTo(100 * 15);
        expect(p.months[1].revenue.high).toBeCloseTo(100 * 45);
        expect(p.notes).toContain('the tiers of Ledgerly give no shares: the cheapest and dearest tiers bound the price');
    });

    it('with a share on some tiers only, the tiers still bound the price, and the note names the tiers that give none', async () => {
        const p = (await projection(LEDGERLY.replace(' share 25%', '').replace('tier Team', 'tier Firm 90 EUR per month\n    tier Team')))!;
        // Shares are used only when every tier gives one: Solo's 75% alone cannot make a mix.
        expect(p.months[1].revenue.low).toBeCloseTo(100 * 15);
        expect(p.months[1].revenue.high).toBeCloseTo(100 * 90);
        expect(p.notes).toContain('the tiers Firm and Team of Ledgerly give no share: the cheapest and dearest tiers bound the price');
        const one = (await projection(LEDGERLY.replace(' share 25%', '')))!;
        expect(one.notes).toContain('the tier Team of Ledgerly gives no share: the cheapest and dearest tiers bound the price');
    });
});

describe('a course sold through a webinar, with an upsell', () => {
    it('reads its own stage names and counts the upsell', async () => {
        const p = (await projection(PHOTO_COURSE))!;
        expect(p.reading.path!.map(step => step.to)).toEqual(['registrations', 'attendees', 'buyers']);
        // 6,000 × 10% × 40% × 10% = 24 buyers a month.
        expect(p.months[0].customers.low).toBeCloseTo(24);
        // Each buyer: 300 USD, plus 10% × 1,200 USD of coaching.
        expect(p.months[0].revenue.low).toBeCloseTo(24 * (300 + 120));
        expect(p.ltv.low).toBeCloseTo(270 + 72);
    });

    it('leaves an upsell without a share out, and says so', async () => {
        const p = (await projection(PHOTO_COURSE.replace('upsell Course to Coaching 10%', 'upsell Course to Coaching')))!;
        expect(p.months[0].revenue.low).toBeCloseTo(24 * 300);
        expect(p.notes.join('\n')).toContain('the upsell from Course to Coaching gives no share of buyers who take it');
    });
});

describe('a one-off product bought again', () => {
    it('counts repeat purchases spread over the year', async () => {
        const checked = await check(SILVER_RING);
        const model = services.Mplan.model.PlanModelProvider.get(checked.documents.get('plan.mplan')!);
        const value = customerValue(model.own.products[0], 12)!;
        // 80 USD now, then 11 months × 2% × 80 USD; margin 50 USD a sale.
        expect(value.revenue.low).toBeCloseTo(80 + 11 * 0.02 * 80);
        expect(value.margin!.low).toBeCloseTo(50 + 11 * 0.02 * 50);
        expect(value.recurring).toBe(false);
    });
});

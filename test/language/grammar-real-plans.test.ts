/**
 * The walls of "Real plans, part 1" (issue 14): what marketers wrote for a
 * coffee subscription, an accounting SaaS, a webinar course and a jewellery
 * shop, which used to be syntax errors, now parses into the values they meant.
 */
import { describe, expect, it } from 'vitest';
import type { Campaign, Funnel, Plan, Product, Strategy, Tactic } from '../../src/language/generated/ast.js';
import { check } from '../helpers.js';

async function parsed(text: string) {
    const result = await check(text);
    expect(result.findings().filter(f => f.rule === 'syntax-error')).toEqual([]);
    return result.documents.get('plan.mplan')!.parseResult.value.elements;
}

describe('recurring prices, tiers, trials, margins and retention', () => {
    it('a subscription: price per month, yearly tier, trial, margin, churn as a range', async () => {
        const [saas] = await parsed(`product Ledgerly "Ledgerly accounting" {
    price 19 USD per month
    tier Solo "Solo, one user" 19 USD per month share 70%
    tier Yearly 190 USD per year share 30%
    trial 14 days converts 20% to 30%
    margin 80%
    churn 2% to 4% a month
}
`) as [Product];
        expect(saas.title).toBe('Ledgerly accounting');
        expect(saas.price).toMatchObject({ amount: 19, currency: 'USD', per: 'month' });
        expect(saas.tiers.map(t => [t.kind, t.name, t.title, t.price.amount, t.price.per, t.share])).toEqual([
            ['tier', 'Solo', 'Solo, one user', 19, 'month', 70], ['tier', 'Yearly', undefined, 190, 'year', 30]
        ]);
        expect(saas.trial).toMatchObject({ amount: 14, unit: 'days' });
        expect(saas.trialConverts).toMatchObject({ value: 20, high: 30 });
        expect(saas.margin).toMatchObject({ value: 80 });
        expect(saas.churn).toMatchObject({ value: 2, high: 4, per: 'month' });
    });

    it('a jewellery shop: variants with a price range, a unit cost, repeat purchases', async () => {
        const [ring] = await parsed(`product SilverRing {
    variant Plain 45 USD
    variant Engraved "Engraved by hand" 60 to 75 USD
    unit cost 18 USD
    repeat purchase 25% per year
    retention 90% per year
}
`) as [Product];
        expect(ring.tiers.map(t => [t.kind, t.name, t.price.amount, t.price.high])).toEqual([['variant', 'Plain', 45, undefined], ['variant', 'Engraved', 60, 75]]);
        expect(ring.unitCost).toMatchObject({ amount: 18, currency: 'USD' });
        expect(ring.repeat).toMatchObject({ value: 25, per: 'year' });
        expect(ring.retention).toMatchObject({ value: 90, per: 'year' });
    });
});

describe('objectives and KPIs with money, percent and ratio targets', () => {
    it('reads direction, unit, period, deadline, owner and review cadence', async () => {
        const [strategy] = await parsed(`strategy Growth {
    objective "Acquisition cost" metric cac target at most 35 USD by 2027-06-30 owner "Ana Lima" review weekly
    kpi "ROAS" metric roas target at least 4x owner Ana review monthly
    kpi "Churn" metric churn target at most 2% a month
    objective "Monthly revenue" metric revenue target 20_000 USD per month by 2027-12-31
    objective "Recurring accounts" metric accounts target 40 by 2027-12-31
}
`) as [Strategy];
        const seen = strategy.objectives.map(o => ({ kind: o.kind, atLeast: o.atLeast, atMost: o.atMost, target: o.target, currency: o.currency, percent: o.percent, ratio: o.ratio, per: o.targetPer, by: o.deadline, owner: o.owner }));
        expect(seen).toEqual([
            { kind: 'objective', atLeast: false, atMost: true, target: 35, currency: 'USD', percent: false, ratio: false, per: undefined, by: '2027-06-30', owner: 'Ana Lima' },
            { kind: 'kpi', atLeast: true, atMost: false, target: 4, currency: undefined, percent: false, ratio: true, per: undefined, by: undefined, owner: 'Ana' },
            { kind: 'kpi', atLeast: false, atMost: true, target: 2, currency: undefined, percent: true, ratio: false, per: 'month', by: undefined, owner: undefined },
            { kind: 'objective', atLeast: false, atMost: false, target: 20000, currency: 'USD', percent: false, ratio: false, per: 'month', by: '2027-12-31', owner: undefined },
            { kind: 'objective', atLeast: false, atMost: false, target: 40, currency: undefined, percent: false, ratio: false, per: undefined, by: '2027-12-31', owner: undefined }
        ]);
        expect(strategy.objectives[0].review).toMatchObject({ named: 'weekly' });
    });
});

describe('budgets per month and funnels in their own words', () => {
    it('reads a budget per month on a tactic and a campaign, and titles on every block', async () => {
        const [plan, tactic, campaign] = await parsed(`plan Webinars "Photo course, spring" { currency USD }
tactic WebinarAds "Webinar ads" { budget 1_500 USD per month  from 2027-02-01 to 2027-04-30 }
campaign Spring "Spring launch" { budget 2_000 USD per month  from 2027-02-01 to 2027-04-30  runs WebinarAds }
`) as [Plan, Tactic, Campaign];
        expect(plan.title).toBe('Photo course, spring');
        expect(tactic).toMatchObject({ title: 'Webinar ads', budget: { amount: 1500, currency: 'USD' }, budgetPer: 'month' });
        expect(campaign).toMatchObject({ title: 'Spring launch', budgetPer: 'month' });
    });

    it('reads counts, a list, ranges, the purchase stage and an upsell share', async () => {
        const [, , funnel] = await parsed(`product Course { price 300 USD }
product Coaching { price 1_200 USD }
funnel "Webinar funnel" {
    visitors 5_000 to 8_000 per month
    expect 400 registrations per month
    list 2_500 subscribers
    conversion registrations to attendees 35% to 45%
    conversion attendees to demos 20%
    conversion demos to buyers 30%
    first purchase at buyers
    upsell Course to Coaching 10%
}
`) as [Product, Product, Funnel];
        expect(funnel).toMatchObject({ title: 'Webinar funnel', visitors: 5000, visitorsHigh: 8000, visitorsPer: 'month', listSize: 2500, listStage: 'subscribers', purchaseStage: 'buyers' });
        expect(funnel.counts.map(c => [c.value, c.stage, c.per])).toEqual([[400, 'registrations', 'month']]);
        expect(funnel.conversions.map(c => [c.from, c.to, c.rate, c.rateHigh])).toEqual([['registrations', 'attendees', 35, 45], ['attendees', 'demos', 20, undefined], ['demos', 'buyers', 30, undefined]]);
        expect(funnel.upsells[0].rate).toMatchObject({ value: 10 });
    });
});

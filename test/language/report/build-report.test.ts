import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleLevel, type Level } from '../../../src/language/config/settings.js';
import { buildPlanReport } from '../../../src/language/report/build-report.js';
import type { PlanReport } from '../../../src/language/report/report-data.js';
import { RULES } from '../../../src/language/rules/index.js';
import { check, CLEAN_PLAN, FIXTURE_PLANS, fixturePlan, judgeBy, PINNED_SETTINGS, services, TEST_AS_OF, TEST_SETTINGS } from '../../helpers.js';
import { COFFEE_CLUB, COFFEE_CLUB_RANGES, LEDGERLY, NO_FUNNEL } from '../../economics-plans.js';

/** The report of the first file of a check. */
async function reportOf(files: Record<string, string> | string): Promise<PlanReport | undefined> {
    const checked = await check(files);
    const first = typeof files === 'string' ? 'plan.mplan' : Object.keys(files)[0];
    return buildPlanReport(services.Mplan, checked.documents.get(first)!);
}

/**
 * The fixture plans (copies of the examples) are judged by the rules test/fixtures/plans/mplan.json pins,
 * so that a new rule changes none of the numbers below; the settings are put back after each test.
 */
judgeBy(PINNED_SETTINGS);

/** Judges the rest of the test with the pinned rules, some of them set to other levels. */
function judgeWith(rules: Record<string, Level>): void {
    services.Mplan.config.SettingsProvider.set({ ...PINNED_SETTINGS, rules: { ...PINNED_SETTINGS.rules, ...rules } });
}

/** How many rules of an area run under the pinned settings. */
function pinnedRulesOf(area: string): number {
    return RULES.filter(rule => rule.area === area && ruleLevel(rule, PINNED_SETTINGS) !== 'off').length;
}

function score(report: PlanReport, area: string): number | undefined {
    return report.readiness.areas.find(a => a.area === area)!.score;
}

describe('the report of corner-bakery (a plan over four files)', () => {
    it('sums the plan with everything it imports, in its currency', async () => {
        const report = (await reportOf(fixturePlan('corner-bakery')))!;
        expect(report.asOf).toBe(TEST_AS_OF);
        expect(report.currency).toBe('USD');
        expect(report.plan).toMatchObject({
            name: 'CornerBakery',
            goal: 'Become the default caterer for downtown offices within two years',
            currencyDeclared: true,
            focus: ['CateringBox'],
            revisit: 'every quarter',
            period: { start: '2027-02-01', end: '2027-06-30' },
            totalBudget: { amount: 10_000, other: [] },
            plannedSpend: { amount: 6_500, other: [] },
            tacticBudgets: { amount: 6_500, other: [] },
            counts: { files: 4, products: 2, segments: 2, competitors: 2, research: 1, strategies: 1, tactics: 3, campaigns: 1, funnels: 1, offers: 1 },
            findings: { error: 0, warning: 0, info: 0 }
        });
        expect(report.plan.location!.uri).toMatch(/corner-bakery\/plan\.mplan$/);
        expect(report.plan.location!.range.start.line).toBe(10);
    });

    it('shows the budget by strategy, channel and campaign', async () => {
        const { budget } = (await reportOf(fixturePlan('corner-bakery')))!;
        expect(budget.byStrategy.map(r => [r.name, r.amount, r.share, r.tactics])).toEqual([
            ['OfficeCatering', 6_500, 1, ['LinkedInAds', 'LocalSearch', 'BusinessJournalAd']]
        ]);
        expect(budget.byChannel.map(r => [r.name, r.amount])).toEqual([['ppc', 3_000], ['seo', 1_500], ['print', 2_000]]);
        expect(budget.byChannel[0].share).toBeCloseTo(3_000 / 6_500);
        expect(budget.byCampaign).toHaveLength(1);
        expect(budget.byCampaign[0]).toMatchObject({ name: 'SpringLaunch', budget: 10_000, spend: 6_500, left: 3_500, ratio: 0.65, unbudgeted: [] });
        expect(budget.byCampaign[0].location!.range.start.line).toBe(54);
    });

    it('lays out the campaign and its tactics on a timeline', async () => {
        const { timeline } = (await reportOf(fixturePlan('corner-bakery')))!;
        expect(timeline.items.map(i => [i.kind, i.name, i.campaign, i.start, i.end])).toEqual([
            ['campaign', 'SpringLaunch', undefined, '2027-02-01', '2027-06-30'],
            ['tactic', 'LinkedInAds', 'SpringLaunch', '2027-02-01', '2027-04-30'],
            ['tactic', 'LocalSearch', 'SpringLaunch', '2027-02-01', '2027-06-30'],
            ['tactic', 'BusinessJournalAd', 'SpringLaunch', '2027-03-01', '2027-03-31']
        ]);
        expect(timeline.items[0].review).toBe('2027-07-10');
        expect(timeline.undated).toEqual([]);
        expect([timeline.start, timeline.end]).toEqual(['2027-02-01', '2027-06-30']);
    });

    it('follows the funnel from visitors to repeat buyers, with the people each rate implies', async () => {
        const { funnel } = (await reportOf(fixturePlan('corner-bakery')))!;
        expect(funnel.missing).toEqual([]);
        const [view] = funnel.funnels;
        expect(view.per).toBe('month');
        expect(view.stages.map(s => [s.stage, s.declared, s.rateToNext])).toEqual([
            ['visitors', true, 8], ['leads', true, 15], ['customers', true, 60], ['repeat', true, undefined]
        ]);
        expect(view.stages.map(s => s.expected)).toEqual([6_000, 480, 72, expect.closeTo(43.2, 5)]);
        expect(view.stages[1].how).toEqual(['collect leads by optin form offering ebook "10 meeting menus" double optin']);
        expect(view.stages[3].how).toEqual(['upsell CateringBox to PastryPlatter', 'loyalty "Every tenth box free for recurring accounts"']);
        // The funnel is written in an imported file: the preview reveals it there.
        expect(view.stages[1].location!.uri).toMatch(/shared\/offer\.mplan$/);
        expect(view.stages[1].location!.range.start.line).toBe(14);
    });

    it('scores every area of a clean plan 100 and lists no findings', async () => {
        const report = (await reportOf(fixturePlan('corner-bakery')))!;
        // The pinned settings run no rule of competition and research: those areas are not judged.
        expect(report.readiness.areas.map(a => [a.area, a.score])).toEqual([
            ['market', 100], ['competition', undefined], ['research', undefined], ['offer', 100], ['strategy', 100], ['campaign', 100], ['funnel', 100],
            ['compliance', undefined]
        ]);
        expect(report.findings.areas).toEqual([]);
    });
});

describe('the report of phone-retailer', () => {
    it('has its numbers, in euros', async () => {
        const report = (await reportOf(fixturePlan('phone-retailer.mplan')))!;
        expect(report.currency).toBe('EUR');
        expect(report.plan.name).toBe('NordlysMobile');
        expect(report.plan.totalBudget.amount).toBe(25_000);
        expect(report.plan.plannedSpend.amount).toBe(22_000);
        expect(report.budget.byChannel.map(r => [r.name, r.amount])).toEqual([['ppc', 12_000], ['display', 8_000], ['email', 2_000]]);
        expect(report.budget.byCampaign[0]).toMatchObject({ name: 'FlagshipLaunch', budget: 25_000, spend: 22_000, left: 3_000, ratio: 0.88 });
        const stages = report.funnel.funnels[0].stages;
        expect(stages.map(s => [s.stage, s.rateToNext, s.expected])).toEqual([
            ['visitors', 3, 20_000], ['leads', 8, 600], ['customers', undefined, 48], ['repeat', undefined, undefined]
        ]);
        // Two ways to collect leads, both shown.
        expect(stages[1].how).toHaveLength(2);
        expect(report.plan.findings).toEqual({ error: 0, warning: 0, info: 0 });
    });
});

describe('the report of ebook-list (flawed on purpose)', () => {
    it('counts its findings and scores each area by the formula', async () => {
        const report = (await reportOf(fixturePlan('ebook-list.mplan')))!;
        expect(report.plan.findings).toEqual({ error: 5, warning: 5, info: 1 });
        // market: a warning; offer: an error and a warning; strategy: a warning; campaign: an error;
        // funnel: two errors, two warnings and an info.
        // competition, research and compliance: no rule of theirs is pinned, so they are not judged.
        expect(report.readiness.areas.map(a => [a.area, a.score])).toEqual([
            ['market', 90], ['competition', undefined], ['research', undefined], ['offer', 65], ['strategy', 90], ['campaign', 75], ['funnel', 27],
            ['compliance', undefined]
        ]);
        expect(report.readiness.areas.find(a => a.area === 'funnel')!.findings).toEqual({ error: 2, warning: 2, info: 1 });
    });

    it('groups the findings by area, with each rule\'s description and public docs link', async () => {
        const report = (await reportOf(fixturePlan('ebook-list.mplan')))!;
        expect(report.findings.areas.map(a => a.area)).toEqual(['language', 'market', 'offer', 'strategy', 'campaign', 'funnel']);
        const offer = report.findings.areas.find(a => a.area === 'offer')!;
        expect(offer.rules.map(r => r.id)).toEqual(['missing-guarantee', 'few-payment-options']);
        const guarantee = offer.rules[0];
        expect(guarantee.description).toBe(RULES.find(r => r.id === 'missing-guarantee')!.description);
        expect(guarantee.docsUrl).toBe('https://github.com/mplan-dev/mplan/blob/main/docs/rules/missing-guarantee.md');
        expect(guarantee.findings).toEqual([expect.objectContaining({ severity: 'error', file: 'ebook-list.mplan', line: 21 })]);
        expect(guarantee.findings[0].location.range.start.line).toBe(20);
        const typo = report.findings.areas[0].rules[0];
        expect([typo.id, typo.findings[0].line, typo.findings[0].message]).toEqual(['unresolved-reference', 94, expect.stringContaining('Newsleter')]);
    });

    it('shows the overrun campaign, and the tactic its typo leaves outside it', async () => {
        const report = (await reportOf(fixturePlan('ebook-list.mplan')))!;
        expect(report.budget.byCampaign[0]).toMatchObject({ name: 'Launch', budget: 2_000, spend: 2_400, left: -400, ratio: 1.2, tactics: ['ForumPosts', 'InstagramAds'] });
        expect(report.budget.byStrategy.map(r => [r.name, r.amount, r.tactics])).toEqual([
            ['ListFirst', 2_900, ['Newsletter', 'InstagramAds']],
            [null, 0, ['ForumPosts']]
        ]);
        expect(report.timeline.items.at(-1)).toMatchObject({ kind: 'tactic', name: 'Newsletter', campaign: undefined });
        expect(report.funnel.missing).toEqual(['visitors', 'repeat']);
    });

    it('says what its funnel lacks for a projection, and its objective cannot be judged without one', async () => {
        const report = (await reportOf(fixturePlan('ebook-list.mplan')))!;
        expect(report.money.funnels.map(f => [f.missing, f.projection])).toEqual([[
            'no funnel counts visitors per month: add \'visitors 8_000 per month\' (or \'expect 400 leads per month\') with the figure you expect', undefined
        ]]);
        expect(report.plan.objectives.map(o => [o.text, o.judged, o.line])).toEqual([[
            'Subscribers', undefined,
            'not judged: no projection (no funnel counts visitors per month: add \'visitors 8_000 per month\' (or \'expect 400 leads per month\') with the figure you expect)'
        ]]);
    });
});

describe('readiness follows the settings', () => {
    it('a rule turned off neither counts nor is listed; a rule raised to error weighs as one', async () => {
        judgeWith({ 'missing-guarantee': 'off', 'few-payment-options': 'error' });
        const report = (await reportOf(fixturePlan('ebook-list.mplan')))!;
        const offer = report.readiness.areas.find(a => a.area === 'offer')!;
        expect(offer.score).toBe(75);
        expect(offer.rules).toBe(pinnedRulesOf('offer') - 1);
        expect(offer.findings).toEqual({ error: 1, warning: 0, info: 0 });
        const ids = report.findings.areas.flatMap(a => a.rules.map(r => r.id));
        expect(ids).not.toContain('missing-guarantee');
    });

    it('an area whose rules are all off is not judged', async () => {
        // The offer: ebook-list breaks two of its rules, both pinned on.
        expect(pinnedRulesOf('offer')).toBeGreaterThan(0);
        judgeWith(Object.fromEntries(RULES.filter(r => r.area === 'offer').map(r => [r.id, 'off' as const])));
        const report = (await reportOf(fixturePlan('ebook-list.mplan')))!;
        expect(score(report, 'offer')).toBeUndefined();
        expect(report.readiness.areas.find(a => a.area === 'offer')!.rules).toBe(0);
    });

    it('a silenced finding does not count', async () => {
        const text = readFileSync(join(FIXTURE_PLANS, 'ebook-list.mplan'), 'utf8').replace('plan QuickSourdough {', '// mplan-disable-next-line few-payment-options\nplan QuickSourdough {');
        const report = (await reportOf({ 'ebook-list.mplan': text }))!;
        expect(score(report, 'offer')).toBe(75);
    });
});

describe('money the plan cannot add up, and dates it cannot draw', () => {
    const plan = `plan Mixed {
    currency USD
}
strategy A { statement "a" }
strategy B { statement "b" }
tactic Both { serves A, B channel ppc budget 1_000 USD from 2027-02-01 to 2027-02-28 }
tactic Euro { serves A channel ppc budget 300 EUR from 2027-02-30 to 2027-03-31 }
tactic Free { serves B channel seo from 2027-05-01 to 2027-04-01 }
tactic Loose { channel email budget 50 USD }
campaign Home { budget 2_000 USD runs Both, Euro, Free }
campaign Abroad { budget 900 EUR runs Euro from 2027-02-01 to 2027-03-31 }
`;

    it('keeps other currencies apart, counts a missing budget as nothing and shares a tactic between the strategies it serves', async () => {
        const report = (await reportOf(plan))!;
        expect(report.currency).toBe('USD');
        expect(report.budget.byStrategy.map(r => [r.name, r.amount, r.other, r.unbudgeted])).toEqual([
            ['A', 500, [{ amount: 300, currency: 'EUR' }], []],
            ['B', 500, [], ['Free']],
            [null, 50, [], []]
        ]);
        expect(report.budget.byChannel.map(r => [r.name, r.amount, r.other])).toEqual([
            ['ppc', 1_000, [{ amount: 300, currency: 'EUR' }]], ['seo', 0, []], ['email', 50, []]
        ]);
        expect(report.budget.byCampaign.map(r => [r.name, r.budget, r.budgetOther, r.spend, r.spendOther, r.left])).toEqual([
            ['Home', 2_000, undefined, 1_000, [{ amount: 300, currency: 'EUR' }], undefined],
            ['Abroad', undefined, { amount: 900, currency: 'EUR' }, 0, [{ amount: 300, currency: 'EUR' }], undefined]
        ]);
        expect(report.plan.totalBudget).toEqual({ amount: 2_000, other: [{ amount: 900, currency: 'EUR' }] });
        expect(report.plan.plannedSpend).toEqual({ amount: 1_000, other: [{ amount: 600, currency: 'EUR' }] });
        expect(report.plan.tacticBudgets).toEqual({ amount: 1_050, other: [{ amount: 300, currency: 'EUR' }] });
    });

    it('lists items without a usable period apart, saying why', async () => {
        const report = (await reportOf(plan))!;
        expect(report.timeline.items.map(i => `${i.campaign ?? '-'}/${i.name}`)).toEqual(['Home/Both', '-/Abroad']);
        expect(report.timeline.undated.map(i => [i.name, i.campaign, i.undatedReason])).toEqual([
            ['Home', undefined, 'no period'],
            ['Euro', 'Home', '2027-02-30 is not a day'],
            ['Free', 'Home', 'ends before it starts'],
            ['Euro', 'Abroad', '2027-02-30 is not a day'],
            ['Loose', undefined, 'no period']
        ]);
        expect(report.funnel).toEqual({ funnels: [], missing: ['visitors', 'leads', 'customers', 'repeat'] });
    });

    it('a plan with no money at all has no currency, and totals of zero', async () => {
        const report = (await reportOf('plan Bare {\n    goal "Start"\n}\n'))!;
        expect(report.currency).toBeUndefined();
        expect(report.plan.totalBudget).toEqual({ amount: 0, other: [] });
        expect(report.budget).toEqual({ byStrategy: [], byChannel: [], byMedia: [], byPlace: [], byCampaign: [] });
        expect(report.flows).toEqual([]);
        expect(report.timeline).toEqual({ items: [], undated: [], start: undefined, end: undefined });
    });
});

describe('what has no report', () => {
    it('a library (a file without a plan block) has none', async () => {
        const checked = await check({ 'shared.mplan': 'segment Buyers {\n    who "People"\n}\n', 'plan.mplan': 'import "shared.mplan"\n' + CLEAN_PLAN });
        expect(await buildPlanReport(services.Mplan, checked.documents.get('shared.mplan')!)).toBeUndefined();
        expect(await buildPlanReport(services.Mplan, checked.documents.get('plan.mplan')!)).toBeDefined();
    });

    it('the report is plain JSON: it survives a round trip unchanged', async () => {
        const report = (await reportOf(fixturePlan('ebook-list.mplan')))!;
        // A Map, a class instance or a cycle would not come back equal (or not at all).
        expect(JSON.parse(JSON.stringify(report))).toEqual(report);
        const json = JSON.stringify(report);
        // No AST node leaks into it (they have $type and $container).
        expect(json).not.toContain('$container');
        expect(json).not.toContain('$type');
    });
});

describe('money over time: a coffee subscription with churn, a monthly budget and objectives', () => {
    // Every rule at its default level: what the report says of money does not depend on the rules, its readiness does.
    judgeBy(TEST_SETTINGS);

    it('projects the funnel month by month: 200 subscribers a month while it spends, 95% of them kept each month', async () => {
        const { money } = (await reportOf(COFFEE_CLUB))!;
        expect(money.horizonMonths).toBe(12);
        expect(money.missing).toBeUndefined();
        expect(money.funnels).toHaveLength(1);
        const [funnel] = money.funnels;
        expect([funnel.name, funnel.title, funnel.missing]).toEqual([undefined, 'Instagram funnel', undefined]);
        const p = funnel.projection!;
        expect(p).toMatchObject({ currency: 'USD', product: 'Monthly beans', price: '20 USD per month' });
        expect(p.basis).toBe('10,000 visitors a month, then subscribers 2%: 200 subscribers a month while the plan spends');
        expect(p.months.map(m => m.month)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12']);
        expect(p.months.map(m => m.spend)).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 0, 0, 0, 0, 0, 0]);
        expect(p.months.map(m => m.customers.low)).toEqual([200, 200, 200, 200, 200, 200, 0, 0, 0, 0, 0, 0]);
        // January: 200 × 20 USD, half of it margin; February: (200 + 190) × 20 USD.
        expect(p.months[0]).toEqual({ month: '2027-01', spend: 1_000, customers: { low: 200, high: 200 }, active: { low: 200, high: 200 }, revenue: { low: 4_000, high: 4_000 }, margin: { low: 2_000, high: 2_000 } });
        expect(p.months[1].revenue).toEqual({ low: 7_800, high: 7_800 });
        // December: the June cohorts and all before them, 5% fewer each month since the spend stopped.
        expect(p.months[11].active!.low).toBeCloseTo(200 * [6, 7, 8, 9, 10, 11].reduce((sum, k) => sum + 0.95 ** k, 0), 1);
        expect(p.total.spend).toBe(6_000);
        expect(p.total.customers).toEqual({ low: 1_200, high: 1_200 });
        // Revenue is 20 USD for every subscriber paying in a month of the twelve.
        expect(p.total.revenue.low).toBeCloseTo(20 * p.months.reduce((sum, m) => sum + m.active!.low, 0), 0);
        expect(p.total.margin!.low).toBeCloseTo(p.total.revenue.low / 2, 1);
        expect(p.notes).toEqual([]);
    });

    it('gives each campaign its spend, customers, revenue and CAC, and the unit economics with their basis and horizon', async () => {
        const p = (await reportOf(COFFEE_CLUB))!.money.funnels[0].projection!;
        expect(p.campaigns).toHaveLength(1);
        expect(p.campaigns[0]).toMatchObject({ name: 'SpringLaunch', title: 'Spring launch', spend: 6_000, customers: { low: 1_200, high: 1_200 }, cac: { low: 5, high: 5 } });
        expect(p.campaigns[0].revenue).toEqual(p.total.revenue);
        // CAC: 6,000 USD / 1,200 subscribers; LTV over 12 months: 10 USD of margin × (1 − 0.95^12) / 0.05.
        const ltv = 10 * (1 - 0.95 ** 12) / 0.05;
        expect(p.unit).toEqual({
            cac: { low: 5, high: 5 },
            ltv: { low: Math.round(ltv * 100) / 100, high: Math.round(ltv * 100) / 100 },
            ltvBasis: 'margin',
            ltvMonths: 12,
            ltvToCac: { low: Math.round(ltv / 5 * 100) / 100, high: Math.round(ltv / 5 * 100) / 100 },
            payback: { low: 1, high: 1 },
            paybackLimit: 120
        });
    });

    it('says what the projection leaves out: no churn, only the first payment; no margin, revenue', async () => {
        const p = (await reportOf(COFFEE_CLUB.replace('    margin 50%\n', '').replace('    churn 5% per month\n', '')))!.money.funnels[0].projection!;
        expect(p.notes).toEqual([
            'MonthlyBeans states no retention or churn: only its first payment is counted',
            'MonthlyBeans states no margin or unit cost: its value is counted as revenue'
        ]);
        expect(p.unit.ltvBasis).toBe('revenue');
        expect(p.unit.ltv).toEqual({ low: 20, high: 20 });
        expect(p.months.every(m => m.margin === undefined && m.active === undefined)).toBe(true);
    });

    it('judges each objective and KPI against the projection, near the goal', async () => {
        const { plan } = (await reportOf(COFFEE_CLUB))!;
        expect(plan.objectives.map(o => [o.kind, o.text, o.strategy, o.judged?.verdict, o.line])).toEqual([
            ['objective', 'Paying subscribers', 'Subscriptions first', 'not reached', 'not reached by 2027-12-31 (projected 779 of 1,000 active subscribers)'],
            ['objective', 'New subscribers', 'Subscriptions first', 'reached', 'reached by 2027-12-31 (projected 1,200 of 1,000 customers)'],
            ['kpi', 'Acquisition cost', 'Subscriptions first', 'reached', 'reached over the first 12 months (projected 5 USD against at most 6 USD)'],
            ['objective', 'Monthly revenue', 'Subscriptions first', 'reached', 'reached by 2027-06-30 (projected 21,192.65 USD a month of 20,000 USD a month)']
        ]);
        expect(plan.objectives[2].judged).toEqual({ verdict: 'reached', direction: 'at most', target: 6, projected: { low: 5, high: 5 }, deadline: undefined });
        expect(plan.objectives[0].location!.range.start.line).toBe(25);
    });

    it('says "uncertain" with both ends when the plan gives ranges, and ranges everywhere', async () => {
        const report = (await reportOf(COFFEE_CLUB_RANGES))!;
        expect(report.plan.objectives.map(o => o.line)).toEqual([
            'uncertain by 2027-12-31: projected 239 to 1,670 of 1,000 active subscribers',
            // 8,000 × 1% × 6 months and 12,000 × 3% × 6 months.
            'uncertain by 2027-12-31: projected 480 to 2,160 of 1,000 customers',
            'uncertain over the first 12 months: projected 2.78 to 12.50 USD against at most 6 USD',
            'uncertain by 2027-06-30: projected 7,872.90 to 40,086.72 USD a month of 20,000 USD a month'
        ]);
        const p = report.money.funnels[0].projection!;
        expect(p.basis).toBe('8,000 to 12,000 visitors a month, then subscribers 1% to 3%: 80 to 360 subscribers a month while the plan spends');
        expect(p.total.customers).toEqual({ low: 480, high: 2_160 });
        expect(p.unit.cac).toEqual({ low: 2.78, high: 12.5 });
    });

    it('says why an objective cannot be judged', async () => {
        const lines = async (objectives: string, change: (text: string) => string = text => text) => {
            const text = change(COFFEE_CLUB).replace(/( {4}objective "Paying subscribers"[^\n]*\n)[\s\S]*?(\n\})/, `${objectives}$2`);
            return (await reportOf(text))!.plan.objectives.map(o => o.line);
        };
        expect(await lines('    objective "Happy drinkers" metric smiles target 500 by 2027-12-31 owner Ana review monthly')).toEqual([
            'not judged: the projection gives no figure called smiles (it gives customers, active subscribers, revenue, margin, cac, roas, ltv, churn, payback and the funnel\'s stages)'
        ]);
        expect(await lines('    objective "Paying subscribers" metric active_subscribers target 1_000 by 2027-12-31', text => text.replace('    churn 5% per month\n', ''))).toEqual([
            'not judged: Monthly beans states no retention or churn, so the projection does not count who keeps paying'
        ]);
        expect(await lines('    objective "Revenue in euros" metric revenue target 20_000 EUR by 2027-12-31')).toEqual([
            'not judged: its target is in EUR, the projection in USD (the price of Monthly beans)'
        ]);
        expect(await lines('    objective "Subscribers" metric customers target 1_000 by 2027-12-31', text => text.replace(/    from 2027-01-01 to 2027-06-30\n/g, ''))).toEqual([
            'not judged: no projection (the campaign Spring launch has a budget but no dates (\'from … to …\') to spend it in)'
        ]);
    });

    it('counts a budget per month as its total over the period, and shows both', async () => {
        const report = (await reportOf(COFFEE_CLUB))!;
        // 1,000 USD a month from January to June: 6,000 USD, for the campaign and for its tactic.
        expect(report.plan.totalBudget).toEqual({ amount: 6_000, other: [] });
        expect(report.plan.plannedSpend).toEqual({ amount: 6_000, other: [] });
        expect(report.plan.tacticBudgets).toEqual({ amount: 6_000, other: [] });
        expect(report.budget.byChannel.map(r => [r.name, r.amount])).toEqual([['social', 6_000]]);
        expect(report.budget.byCampaign[0]).toMatchObject({
            budget: 6_000, budgetPer: { amount: { amount: 1_000, currency: 'USD' }, per: 'month' }, spend: 6_000, left: 0, ratio: 1
        });
    });

    it('a budget per month without dates has no total: it counts as nothing and is named', async () => {
        const text = COFFEE_CLUB.replace('runs InstagramAds', 'runs InstagramAds, Newsletter') +
            '\ntactic Newsletter "Monthly newsletter" {\n    serves Subscriptions\n    channel email\n    budget 150 USD per month\n}\n';
        const report = (await reportOf(text))!;
        expect(report.budget.byCampaign[0]).toMatchObject({ spend: 6_000, tactics: ['Instagram ads', 'Monthly newsletter'], unbudgeted: [], uncounted: ['Monthly newsletter'] });
        expect(report.budget.byChannel.find(r => r.name === 'email')).toMatchObject({ amount: 0, uncounted: ['Monthly newsletter'] });
        const campaign = (await reportOf(COFFEE_CLUB.replace(/(campaign[\s\S]*?)    from 2027-01-01 to 2027-06-30\n/, '$1')))!.budget.byCampaign[0];
        expect(campaign).toMatchObject({ budget: undefined, budgetPer: { amount: { amount: 1_000, currency: 'USD' }, per: 'month' }, left: undefined });
    });
});

describe('money over time: a SaaS sold in tiers after a free trial', () => {
    judgeBy(TEST_SETTINGS);

    it('names the tiers with their prices and shares, and the trials that convert', async () => {
        const report = (await reportOf(LEDGERLY))!;
        const p = report.money.funnels[0].projection!;
        expect([p.product, p.price, p.tiers]).toEqual(['Ledgerly accounting', undefined, ['Solo at 15 EUR per month, 75% of buyers', 'Team of five at 45 EUR per month, 25% of buyers']]);
        expect(p.basis).toBe('500 trials a month while the plan spends; 20% of trials become paying customers');
        // 100 paying firms a month from March to May, who first pay a month later, at the mix of the tiers (22.50 EUR).
        expect(p.months.slice(0, 4).map(m => [m.month, m.spend, m.customers.low, m.revenue.low])).toEqual([
            ['2027-03', 4_000, 100, 0], ['2027-04', 4_000, 100, 2_250], ['2027-05', 4_000, 100, expect.closeTo(2_250 * 1.97, 1)], ['2027-06', 0, 0, expect.closeTo(2_250 * (1 + 0.97 + 0.97 ** 2), 1)]
        ]);
        expect(p.unit.cac).toEqual({ low: 40, high: 40 });
        // 300 paying firms; in December the three cohorts still pay, 97% kept each month since their first payment:
        // 100 × (0.97^8 + 0.97^7 + 0.97^6) × 22.50 EUR = 5,455.57 EUR a month.
        expect(report.plan.objectives.map(o => o.line)).toEqual([
            'not reached by 2027-12-31 (projected 300 of 400 accounts)',
            'reached by 2027-12-31 (projected 5,455.57 EUR of 5,000 EUR)',
            expect.stringMatching(/^reached over the first 12 months \(projected [\d.]+x against at least 1\.5x\)$/)
        ]);
    });
});

describe('no projection: one line on what is missing', () => {
    judgeBy(TEST_SETTINGS);

    it('a plan without a funnel', async () => {
        const report = (await reportOf(NO_FUNNEL))!;
        expect(report.money).toEqual({
            horizonMonths: 12,
            funnels: [],
            missing: 'the plan has no funnel, so nothing counts visitors per month or says how they become customers: add a funnel with \'visitors 8_000 per month\' (the figure you expect) and its conversion rates'
        });
        expect(report.plan.objectives.map(o => o.line)).toEqual(['not judged: no projection, the plan has no funnel']);
    });

    it('a funnel that lacks a count, a path, a purchase stage, or a plan that lacks dates, a budget or a price', async () => {
        const missing = async (change: (text: string) => string) => (await reportOf(change(COFFEE_CLUB)))!.money.funnels.map(f => f.missing);
        expect(await missing(text => text.replace('    visitors 10_000 per month\n', ''))).toEqual([
            'no funnel counts visitors per month: add \'visitors 8_000 per month\' (or \'expect 400 leads per month\') with the figure you expect'
        ]);
        expect(await missing(text => text.replace('visitors 10_000 per month', 'visitors 10_000'))).toEqual(['the funnel counts visitors but not per what: write \'visitors … per month\'']);
        expect(await missing(text => text.replace('conversion visitors to subscribers 2%', 'conversion visitors to leads 2%'))).toEqual([
            'no conversion lines lead from visitors to subscribers: add the rate of each step'
        ]);
        expect(await missing(text => text.replace('    first purchase at subscribers\n', ''))).toEqual([
            'no stage of the funnel is the first purchase: add a conversion to customers (or buyers, orders, …), or name the stage with \'first purchase at\''
        ]);
        expect(await missing(text => text.replace(/    from 2027-01-01 to 2027-06-30\n/g, ''))).toEqual([
            'the campaign Spring launch has a budget but no dates (\'from … to …\') to spend it in'
        ]);
        expect(await missing(text => text.replace(/    budget 1_000 USD per month\n/g, ''))).toEqual(['no campaign states a budget, nor do the tactics they run']);
        expect(await missing(text => text.replace('    price 20 USD per month\n', ''))).toEqual(['Monthly beans states no price']);
        expect(await missing(text => text.replace('budget 1_000 USD per month\n    runs', 'budget 900 EUR per month\n    runs'))).toEqual([
            'budgets in another currency than the price (USD) cannot be added: Spring launch (EUR)'
        ]);
        expect(await missing(text => text.replace('    focus MonthlyBeans\n', '') + '\nproduct Grinder "Hand grinder" {\n    price 89 USD\n}\n')).toEqual([
            'the plan has 2 products and names none in its \'focus\': say which one the funnel sells'
        ]);
        expect(await missing(text => text.replace('conversion visitors to subscribers 2%\n    first purchase at subscribers', 'conversion visitors to trials 4%'))).toEqual([
            'the funnel\'s first purchase is at trials, but Monthly beans states no share of trials that convert (such as \'trial 14 days converts 20%\')'
        ]);
    });
});

describe('readiness: 100 means no findings; an area the plan declares nothing of is not assessed', () => {
    judgeBy(TEST_SETTINGS);

    it('a plan without a funnel, a competitor or an offer: those areas are not assessed, their findings still counted', async () => {
        const { readiness } = (await reportOf(NO_FUNNEL))!;
        expect(readiness.areas.map(a => [a.area, a.status, a.score, a.lacks])).toEqual([
            ['market', 'scored', 100, undefined],
            ['competition', 'not assessed', undefined, 'no competitor or research block'],
            ['research', 'scored', 90, undefined],
            ['offer', 'not assessed', undefined, 'no offer'],
            ['strategy', 'scored', 100, undefined],
            ['campaign', 'scored', 80, undefined],
            ['funnel', 'not assessed', undefined, 'no funnel or flow'],
            // market-unstated (an info) says the plan names no market: counted, not scored.
            ['compliance', 'not assessed', undefined, 'no market']
        ]);
        // no-lead-capture and no-upsell (warnings), no-repeat-buyer-path (an error): they say what to add.
        expect(readiness.areas.find(a => a.area === 'funnel')!.findings).toEqual({ error: 1, warning: 2, info: 0 });
        expect(readiness.formula).toMatch(/^A score of 100 means that no rule of the area finds anything to improve, not that the area is complete\./);
        expect(readiness.notAssessed).toContain('Funnel with no funnel');
    });

    it('an area whose rules are all off is not judged, whatever the plan declares', async () => {
        services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, rules: Object.fromEntries(RULES.filter(r => r.area === 'funnel').map(r => [r.id, 'off' as const])) });
        const { readiness } = (await reportOf(NO_FUNNEL))!;
        expect(readiness.areas.find(a => a.area === 'funnel')).toMatchObject({ status: 'not judged', score: undefined, lacks: undefined, rules: 0 });
    });
});

describe('display titles', () => {
    judgeBy(TEST_SETTINGS);

    it('name each block as the report shows it, beside its name as written', async () => {
        const report = (await reportOf(COFFEE_CLUB))!;
        expect([report.plan.name, report.plan.title]).toEqual(['CoffeeClub', 'Coffee Club, year one']);
        expect(report.plan.focus).toEqual(['Monthly beans']);
        expect(report.budget.byStrategy.map(r => [r.name, r.title, r.tactics])).toEqual([['Subscriptions', 'Subscriptions first', ['Instagram ads']]]);
        expect(report.budget.byCampaign.map(r => [r.name, r.title])).toEqual([['SpringLaunch', 'Spring launch']]);
        expect(report.timeline.items.map(i => [i.kind, i.name, i.title, i.campaign])).toEqual([
            ['campaign', 'SpringLaunch', 'Spring launch', undefined],
            ['tactic', 'InstagramAds', 'Instagram ads', 'Spring launch']
        ]);
        expect(report.funnel.funnels.map(f => [f.name, f.title])).toEqual([[undefined, 'Instagram funnel']]);
    });

    it('a block without a title keeps its name', async () => {
        const report = (await reportOf(COFFEE_CLUB.replace(' "Spring launch"', '').replace(' "Coffee Club, year one"', '')))!;
        expect([report.plan.name, report.plan.title]).toEqual(['CoffeeClub', undefined]);
        expect(report.budget.byCampaign.map(r => [r.name, r.title])).toEqual([['SpringLaunch', undefined]]);
        expect(report.timeline.items[1].campaign).toBe('SpringLaunch');
    });
});

describe('the funnel section reads a funnel in its own words', () => {
    it('a subscription funnel: its purchase stage is the customers, not a missing stage', async () => {
        const report = (await reportOf(COFFEE_CLUB))!;
        const [view] = report.funnel.funnels;
        expect(view.stages.map(stage => [stage.label, stage.declared, stage.rateToNext, stage.expected])).toEqual([
            ['visitors', true, 2, 10_000],
            ['leads', false, undefined, undefined],
            ['customers (subscribers)', true, undefined, 200],
            ['repeat buyers', false, undefined, undefined]
        ]);
        expect(report.funnel.missing).toEqual(['leads', 'repeat']);
    });

    it('a webinar funnel: registrations and attendees are its leads, and the rate to buyers runs through both', async () => {
        const report = (await reportOf(`plan PhotoCourse { currency USD focus Course }
product Course { price 300 USD }
funnel "Webinar funnel" {
    collect leads by optin form offering checklist "Ten portrait set-ups"
    visitors 6_000 per month
    conversion visitors to registrations 10%
    conversion registrations to attendees 40%
    conversion attendees to buyers 10%
    first purchase at buyers
}
`))!;
        const [view] = report.funnel.funnels;
        expect(view.stages.map(stage => [stage.label, stage.rateToNext, stage.expected])).toEqual([
            ['visitors', 10, 6_000],
            ['leads (registrations, attendees)', 4, 600],
            ['customers (buyers)', undefined, 24],
            ['repeat buyers', undefined, undefined]
        ]);
    });
});

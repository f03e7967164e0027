import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleLevel, type Level } from '../../../src/language/config/settings.js';
import { buildPlanReport } from '../../../src/language/report/build-report.js';
import type { PlanReport } from '../../../src/language/report/report-data.js';
import { RULES } from '../../../src/language/rules/index.js';
import { check, CLEAN_PLAN, FIXTURE_PLANS, fixturePlan, judgeBy, PINNED_SETTINGS, services, TEST_AS_OF } from '../../helpers.js';

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
            ['market', 100], ['competition', undefined], ['research', undefined], ['offer', 100], ['strategy', 100], ['campaign', 100], ['funnel', 100]
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
        // competition and research: no rule of theirs is pinned, so they are not judged.
        expect(report.readiness.areas.map(a => [a.area, a.score])).toEqual([
            ['market', 90], ['competition', undefined], ['research', undefined], ['offer', 65], ['strategy', 90], ['campaign', 75], ['funnel', 27]
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
        expect(report.budget).toEqual({ byStrategy: [], byChannel: [], byCampaign: [] });
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

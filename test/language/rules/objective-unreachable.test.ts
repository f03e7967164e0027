/**
 * objective-unreachable on plans as marketers write them (test/economics-plans.ts). The figures are the
 * projection's (test/language/model/economics.test.ts works them out): the coffee club wins 200
 * subscribers a month from January to June 2027 and keeps 95% of them each month, so 779 still pay at
 * the end of December.
 */
import { describe, expect, it } from 'vitest';
import { check, fixesFor, judgeBy, TEST_SETTINGS, type Found } from '../../helpers.js';
import { blockOf, COFFEE_CLUB, LEDGERLY, replaced, without } from '../../economics-plans.js';

const RULE = 'objective-unreachable';

/**
 * The coffee club with objectives of its own (lines 26 to 29) and no campaign: its tactic's 1,000 USD a
 * month is the spend. The funnel's title is on line 40.
 */
const PLAN = replaced(without(COFFEE_CLUB, 'campaign SpringLaunch'), [blockOf(COFFEE_CLUB, 'strategy Subscriptions'), `strategy Subscriptions {
    statement "Win home baristas with a first bag at cost"
    targets HomeBaristas
    objective "Paying subscribers" metric active_subscribers target 700 by 2027-12-31 owner "Ana Lima" review monthly
    objective "Monthly revenue" metric revenue target at least 20_000 USD per month by 2027-12-31 owner Ana
    kpi "Acquisition cost" metric cac target at most 6 USD owner Ana review weekly
    kpi "Churn" metric churn target at most 2% a month owner Ana
}
`]);

/** The coffee club above with some of its text replaced. */
function coffeeWith(...replacements: Array<[string, string]>): string {
    return replaced(PLAN, ...replacements);
}

async function found(text: string | Record<string, string>, file?: string): Promise<Found[]> {
    return (await check(text)).findings(file).filter(f => f.rule === RULE);
}

describe('objective-unreachable', () => {
    it('fires on the target of each objective the funnel does not reach, with the projection, the target and what it rests on', async () => {
        const result = await check(PLAN);
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([
            {
                rule: RULE, severity: 'warning', line: 27, column: 48, endLine: 27, endColumn: 84,
                message: 'Objective "Monthly revenue" of strategy \'Subscriptions\' misses its target: the plan projects revenue of 15,579 USD a month by 2027-12-31, '
                    + 'against a target of at least 20,000 USD a month. The funnel wins 200 subscribers a month from 2027-01 to 2027-06, each pays 20 USD a month '
                    + 'and 5% of them leave each month. Raise a conversion rate or the traffic, spend for longer, or set a target the plan supports.'
            },
            {
                rule: RULE, severity: 'warning', line: 29, column: 30, endLine: 29, endColumn: 55,
                message: 'KPI "Churn" of strategy \'Subscriptions\' misses its target: the plan projects churn of 5% a month over its 12-month horizon (2027-01 to 2027-12), '
                    + 'against a target of at most 2% a month. MonthlyBeans states churn of 5% a month. '
                    + 'Plan what keeps subscribers longer and state the churn you then expect, or set a target the plan supports.'
            }
        ]);
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === RULE)!;
        expect(diagnostic.data).toEqual({
            verdict: 'not reached', metric: 'revenue', unit: 'money',
            projected: { low: expect.closeTo(15_578.5, 0), high: expect.closeTo(15_578.5, 0) }, target: 20_000, deadline: '2027-12-31'
        });
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([[40, 'the funnel the projection follows']]);
    });

    it('stays silent on the objectives the plan reaches: 779 subscribers for 700, a CAC of 5 USD for at most 6', async () => {
        const messages = (await found(PLAN)).map(f => f.message);
        expect(messages.some(m => m.includes('Paying subscribers') || m.includes('Acquisition cost'))).toBe(false);
        expect((await found(coffeeWith(['target 700', 'target 778']))).map(f => f.line)).toEqual([27, 29]);
        // 778.9 subscribers do not make 779, and the message does not round them up to it.
        const [short] = await found(coffeeWith(['target 700', 'target 779']));
        expect(short.message).toContain('the plan projects 778.9 active subscribers by 2027-12-31, against a target of at least 779.');
    });

    it('counts active subscribers at the deadline, and says so when the plan keeps too few', async () => {
        const [subscribers] = await found(coffeeWith(['target 700', 'target 1_000']));
        expect(subscribers).toMatchObject({ line: 26, column: 62, endColumn: 74 });
        expect(subscribers.message).toBe('Objective "Paying subscribers" of strategy \'Subscriptions\' misses its target: the plan projects 779 active subscribers by 2027-12-31, '
            + 'against a target of at least 1,000. The funnel wins 200 subscribers a month from 2027-01 to 2027-06 and 5% of them leave each month. '
            + 'Raise a conversion rate or the traffic, spend for longer, or set a target the plan supports.');
    });

    it('judges ranges by their pessimistic end and gives both ends when only the optimistic one reaches the target', async () => {
        const uncertain = coffeeWith(['visitors 10_000 per month', 'visitors 8_000 to 12_000 per month'], ['subscribers 2%', 'subscribers 1% to 3%']);
        const messages = (await found(uncertain)).map(f => f.message);
        expect(messages).toContain('Objective "Paying subscribers" of strategy \'Subscriptions\' may miss its target: the plan projects 312 to 1,402 active subscribers by 2027-12-31, '
            + 'against a target of at least 700; only the optimistic end meets it. The funnel wins 80 to 360 subscribers a month from 2027-01 to 2027-06 and 5% of them leave each month. '
            + 'Raise a conversion rate or the traffic, spend for longer, or set a target the plan supports.');
        // A KPI without a deadline is judged over the horizon; a cost is judged by its high end.
        expect(messages).toContain('KPI "Acquisition cost" of strategy \'Subscriptions\' may miss its target: the plan projects CAC of 2.78 to 12.50 USD over its 12-month horizon (2027-01 to 2027-12), '
            + 'against a target of at most 6 USD; only the optimistic end meets it. 6,000 USD of tactic budgets wins 480 to 2,160 subscribers. '
            + 'Raise a conversion rate, spend less for the same customers, or set a target the plan supports.');
        const verdicts = (await check(uncertain)).documents.get('plan.mplan')!.diagnostics!.filter(d => d.code === RULE).map(d => (d.data as { verdict: string }).verdict);
        expect(verdicts).toEqual(['uncertain', 'uncertain', 'uncertain', 'not reached']);
    });

    describe('with "ranges": "optimistic" in the settings', () => {
        judgeBy({ ...TEST_SETTINGS, ranges: 'optimistic' });

        it('reports only the targets that even the optimistic end misses', async () => {
            const uncertain = coffeeWith(['visitors 10_000 per month', 'visitors 8_000 to 12_000 per month'], ['subscribers 2%', 'subscribers 1% to 3%']);
            const verdicts = (await check(uncertain)).documents.get('plan.mplan')!.diagnostics!.filter(d => d.code === RULE).map(d => (d.data as { verdict: string }).verdict);
            expect(verdicts).toEqual(['not reached']);
        });
    });

    it('judges a KPI without a deadline over the horizon the settings give', async () => {
        const kpi = coffeeWith(['    kpi "Churn" metric churn target at most 2% a month owner Ana\n', '    kpi "Subscribers won" metric customers target at least 1_500 owner Ana\n']);
        const won = (await found(kpi)).find(f => f.message.includes('Subscribers won'))!;
        expect(won.message).toMatch(/^KPI "Subscribers won" of strategy 'Subscriptions' misses its target: the plan projects 1,200 customers over its 12-month horizon \(2027-01 to 2027-12\), against a target of at least 1,500\. /);
        expect((await found(kpi.replace('at least 1_500', 'at least 1_200'))).map(f => f.line)).toEqual([27]);
    });

    it('says when the deadline comes before the plan wins anyone', async () => {
        const [early] = await found(coffeeWith(['target 700 by 2027-12-31', 'target 700 by 2026-12-31']));
        expect(early.message).toMatch(/^Objective "Paying subscribers" of strategy 'Subscriptions' misses its target: the plan projects 0 active subscribers by 2026-12-31, against a target of at least 700\. The funnel wins 200 subscribers a month from 2027-01 to 2027-06/);
    });

    it('reads a SaaS with tiers and a trial: the trials that convert are the paying accounts', async () => {
        const messages = (await found(LEDGERLY)).map(f => f.message);
        expect(messages).toHaveLength(1);
        expect(messages[0]).toBe('Objective "Paying accounts" of strategy \'SelfServe\' misses its target: the plan projects 300 accounts by 2027-12-31, against a target of at least 400. '
            + 'The funnel wins 500 trials a month from 2027-03 to 2027-05, 20% of whom go on to pay. Raise a conversion rate or the traffic, spend for longer, or set a target the plan supports.');
        const roas = (await found(LEDGERLY.replace('at least 1.5x', 'at least 6x'))).map(f => f.message);
        expect(roas[1]).toBe('KPI "Return on ad spend" of strategy \'SelfServe\' misses its target: the plan projects ROAS of 4.9x over its 12-month horizon (2027-03 to 2028-02), '
            + 'against a target of at least 6x. 12,000 EUR of campaign spend brings in 59,028 EUR of revenue. '
            + 'Raise a conversion rate or the price, spend less for the same customers, or set a target the plan supports.');
    });

    it.each([
        ['a target in another currency', ['20_000 USD per month', '20_000 EUR per month']],
        ['a metric mplan does not know', ['metric revenue target at least 20_000 USD', 'metric smiles target at least 20_000']],
        ['a unit the metric is not measured in', ['metric churn target at most 2% a month', 'metric churn target at most 2 USD']],
        ['no deadline that exists', ['by 2027-12-31 owner Ana\n', 'by 2027-02-30 owner Ana\n']]
    ] as Array<[string, [string, string]]>)('stays silent on an objective with %s', async (_, replacement) => {
        const text = coffeeWith(replacement);
        expect((await found(text)).some(f => f.message.includes(replacement[1].includes('churn') ? 'Churn' : 'Monthly revenue'))).toBe(false);
    });

    it.each([
        ['no funnel count', ['    visitors 10_000 per month\n', '']],
        ['no spend', ['    budget 1_000 USD per month\n', '']],
        ['spend with no dates', ['    from 2027-01-01 to 2027-06-30\n', '']],
        ['no price', ['    price 20 USD per month\n', '']]
    ] as Array<[string, [string, string]]>)('stays silent when the plan gives no projection: %s', async (_, replacement) => {
        expect(await found(coffeeWith(replacement))).toEqual([]);
    });

    it('judges a library\'s objectives in the plan that imports it, and reports them in the library', async () => {
        const library = PLAN.slice(PLAN.indexOf('segment HomeBaristas'), PLAN.indexOf('tactic InstagramAds'));
        const files = {
            'plan.mplan': `import "strategies.mplan"\n${PLAN.replace(library, '')}`,
            'strategies.mplan': library
        };
        expect((await found(files, 'strategies.mplan')).map(f => f.line)).toEqual([13, 15]);
        expect(await found(files, 'plan.mplan')).toEqual([]);
        // A library that no plan imports has no plan to be judged by.
        expect(await found({ 'strategies.mplan': library })).toEqual([]);
    });

    it('offers no fix: the target is the owner\'s business decision', async () => {
        expect(await fixesFor(await check(PLAN), RULE)).toEqual([]);
    });
});

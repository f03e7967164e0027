/** Objectives and KPIs judged against the projection of a coffee subscription (economics.test.ts works its figures out). */
import { beforeEach, describe, expect, it } from 'vitest';
import { check, judgeBy, services, TEST_SETTINGS } from '../../helpers.js';
import { judgeObjective } from '../../../src/language/model/objectives.js';
import { blockOf, COFFEE_CLUB, replaced } from '../../economics-plans.js';

beforeEach(() => judgeBy(TEST_SETTINGS));

/** The coffee club (test/economics-plans.ts) with `objectives` as its strategy's, judged. */
async function judged(objectives: string) {
    const text = replaced(COFFEE_CLUB, [blockOf(COFFEE_CLUB, 'strategy Subscriptions'), `strategy Subscriptions {
    statement "Win coffee drinkers with a first bag at cost"
${objectives}
}
`]);
    const checked = await check(text);
    const model = services.Mplan.model.PlanModelProvider.get(checked.documents.get('plan.mplan')!);
    return model.own.strategies[0].objectives.map(objective => judgeObjective(model, objective));
}

describe('objectives against the projection', () => {
    it('active subscribers at the deadline: 200 a month for six months, 95% kept each month', async () => {
        const [j] = await judged('    objective "Paying subscribers" metric active_subscribers target 1_000 by 2027-12-31 owner "Ana Lima" review monthly');
        const expected = 200 * [6, 7, 8, 9, 10, 11].reduce((sum, k) => sum + 0.95 ** k, 0);
        expect(j!.metric).toBe('active');
        expect(j!.projected.low).toBeCloseTo(expected);
        expect(j!.verdict).toBe('not reached');
        expect(j!.show(j!.projected.low)).toBe('779');
    });

    it('a ceiling on the cost to acquire a customer, and a monthly revenue target', async () => {
        const [cac, revenue, late] = await judged([
            '    kpi "Acquisition cost" metric cac target at most 6 USD owner Ana review weekly',
            '    objective "Monthly revenue" metric revenue target 20_000 USD per month by 2027-06-30',
            '    objective "Monthly revenue" metric revenue target 20_000 USD per month by 2027-12-31'
        ].join('\n'));
        expect(cac!.direction).toBe('at most');
        expect(cac!.projected.high).toBeCloseTo(5);
        expect(cac!.verdict).toBe('reached');
        // June: 4,000 USD × (1 + 0.95 + … + 0.95^5).
        expect(revenue!.projected.low).toBeCloseTo(4_000 * (1 - 0.95 ** 6) / 0.05);
        expect(revenue!.verdict).toBe('reached');
        expect(revenue!.show(revenue!.projected.low)).toBe('21,192.65 USD a month');
        // December: the spend stopped in June and subscribers leave.
        expect(late!.verdict).toBe('not reached');
    });

    it('churn stated by the product against a churn ceiling; an unknown metric or a wrong unit is not judged', async () => {
        const [churn, unknown, wrongUnit] = await judged([
            '    kpi "Churn" metric churn target at most 2% a month',
            '    objective "Happy drinkers" metric smiles target 500 by 2027-12-31',
            '    objective "Revenue" metric revenue target 40% by 2027-12-31'
        ].join('\n'));
        expect(churn!.projected.low).toBeCloseTo(0.05);
        expect(churn!.verdict).toBe('not reached');
        expect(churn!.show(0.05)).toBe('5% a month');
        expect(unknown).toBeUndefined();
        expect(wrongUnit).toBeUndefined();
    });

    it('a funnel stage word as the metric counts the people who reach it', async () => {
        const [visits] = await judged('    objective "Site visits" metric visitors target 50_000 by 2027-12-31');
        expect(visits!.metric).toBe('stage');
        expect(visits!.projected.low).toBeCloseTo(60_000);
        expect(visits!.verdict).toBe('reached');
    });
});

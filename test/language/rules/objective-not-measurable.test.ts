import { describe, expect, it } from 'vitest';
import { check, type Checked } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
segment Managers {
    who "Office managers"
}
strategy Office {
    statement "Own office catering"
    targets Managers
    objective "Win office catering orders" metric orders target 40 by 2027-06-30
}
tactic Ads {
    serves Office
    channel ppc on linkedin
}
`;

const COMPLETE = 'objective "Win office catering orders" metric orders target 40 by 2027-06-30';

function withObjective(objective: string): string {
    return PLAN.replace(COMPLETE, objective);
}

/** The `missing` data of each objective-not-measurable finding in a file. */
function missingOf(checked: Checked, file = 'plan.mplan'): unknown[] {
    return (checked.documents.get(file)!.diagnostics ?? []).filter(d => d.code === 'objective-not-measurable').map(d => (d.data as { missing: string[] }).missing);
}

describe('objective-not-measurable', () => {
    it('does not fire on an objective with a metric, a target value and a deadline', async () => {
        expect((await check(PLAN)).rules()).not.toContain('objective-not-measurable');
    });

    it('does not fire on facts in another order, a percentage, or a target of zero', async () => {
        for (const objective of [
            'objective "Fewer complaints" by 2027-06-30 target 0 metric complaints',
            'objective "Repeat orders" metric repeat target 15% by 2027-12-31',
            'objective "Repeat orders"\n        metric repeat\n        target 15 %\n        by 2027-12-31'
        ]) {
            expect((await check(withObjective(objective))).rules(), objective).not.toContain('objective-not-measurable');
        }
    });

    it('fires on the objective text when it has nothing to measure it by', async () => {
        const result = await check(withObjective('objective "Grow office sales"'));
        expect(result.findings()).toContainEqual({
            rule: 'objective-not-measurable', severity: 'warning', line: 11, column: 15, endLine: 11, endColumn: 34,
            message: "Objective \"Grow office sales\" of strategy 'Office' has no metric, target value or deadline, so nobody can tell whether it was met. Add them with your own figures, e.g. 'metric orders target 40 by 2027-06-30'."
        });
        expect(missingOf(result)).toEqual([['metric', 'target', 'deadline']]);
    });

    it('names each missing part, one at a time', async () => {
        const cases: Array<[string, string[], string]> = [
            ['objective "Win orders" target 40 by 2027-06-30', ['metric'], "has no metric, so nobody can tell whether it was met. Add it with your own figures, e.g. 'metric orders'."],
            ['objective "Win orders" metric orders by 2027-06-30', ['target'], "has no target value, so nobody can tell whether it was met. Add it with your own figures, e.g. 'target 40'."],
            ['objective "Win orders" metric orders target 40', ['deadline'], "has no deadline, so nobody can tell whether it was met. Add it with your own figures, e.g. 'by 2027-06-30'."],
            ['objective "Win orders" target 40', ['metric', 'deadline'], "has no metric or deadline, so nobody can tell whether it was met. Add them with your own figures, e.g. 'metric orders by 2027-06-30'."]
        ];
        for (const [objective, missing, tail] of cases) {
            const result = await check(withObjective(objective));
            expect(result.findings().filter(f => f.rule === 'objective-not-measurable').map(f => f.message), objective)
                .toEqual([`Objective "Win orders" of strategy 'Office' ${tail}`]);
            expect(missingOf(result)).toEqual([missing]);
        }
    });

    it('reports each unmeasurable objective of a strategy, and only those', async () => {
        const result = await check(withObjective(`${COMPLETE}\n    objective "Be loved"\n    objective "" metric orders`));
        const found = result.findings().filter(f => f.rule === 'objective-not-measurable');
        expect(found.map(f => f.line)).toEqual([12, 13]);
        expect(found[1].message).toBe("An objective of strategy 'Office' has no target value or deadline, so nobody can tell whether it was met. Add them with your own figures, e.g. 'target 40 by 2027-06-30'.");
    });

    it('shortens a long objective in the message', async () => {
        const long = 'Win every office, school, club and city hall within walking distance of the shop';
        const result = await check(withObjective(`objective "${long}" metric orders target 40`));
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'objective-not-measurable', message: expect.stringMatching(/^Objective "Win every office, school, club and city hall within walki…" of strategy 'Office' has no deadline/)
        }));
    });

    it('fires in the file where the objective is written, library or plan', async () => {
        const files = {
            'plan.mplan': 'import "strategies.mplan"\nplan Bakery { goal "Be the caterer of downtown offices" }\ntactic Ads { serves Office channel ppc }\n',
            'strategies.mplan': 'strategy Office {\n    statement "Own office catering"\n    objective "More orders" metric orders\n}\n'
        };
        const result = await check(files);
        expect(result.findings('strategies.mplan')).toContainEqual(expect.objectContaining({ rule: 'objective-not-measurable', line: 3, column: 15 }));
        expect(result.rules('plan.mplan')).not.toContain('objective-not-measurable');
    });

    it('stays silent on a strategy with no objectives (other rules judge what it aims at)', async () => {
        expect((await check(PLAN.replace(`    ${COMPLETE}\n`, ''))).rules()).not.toContain('objective-not-measurable');
    });

    it('understands the targets of issue 14: money, percent, ratio, a direction, a period, a range', async () => {
        for (const objective of [
            'objective "Monthly revenue" metric revenue target at least 20_000 USD per month by 2027-12-31',
            'objective "Acquisition cost" metric cac target at most 35 USD by 2027-12-31',
            'objective "Return on ad spend" metric roas target at least 4x by 2027-12-31',
            'objective "Churn" metric churn target at most 2% a month by 2027-12-31',
            'objective "Accounts" metric accounts target 1_000 to 1_200 by 2027-12-31'
        ]) {
            expect((await check(withObjective(objective))).rules(), objective).not.toContain('objective-not-measurable');
        }
    });

    it('asks a KPI for a metric and a target, never for a deadline: it is watched continuously', async () => {
        expect((await check(withObjective('kpi "Acquisition cost" metric cac target at most 35 USD owner Ana review weekly'))).rules()).not.toContain('objective-not-measurable');
        const result = await check(withObjective('kpi "Acquisition cost" metric cac owner Ana'));
        expect(result.findings()).toContainEqual({
            rule: 'objective-not-measurable', severity: 'warning', line: 11, column: 9, endLine: 11, endColumn: 27,
            message: "KPI \"Acquisition cost\" of strategy 'Office' has no target value, so nobody can tell whether it is met. Add it with your own figures, e.g. 'target 40'."
        });
        expect(missingOf(result)).toEqual([['target']]);
        expect((await check(withObjective('kpi "" owner Ana'))).findings().find(f => f.rule === 'objective-not-measurable')?.message)
            .toBe("A KPI of strategy 'Office' has no metric or target value, so nobody can tell whether it is met. Add them with your own figures, e.g. 'metric orders target 40'.");
    });

    it('fires on a target whose unit cannot measure its metric, on the target', async () => {
        const cases: Array<[string, string]> = [
            ['kpi "Acquisition cost" metric cac target at most 40%',
                "KPI \"Acquisition cost\" of strategy 'Office' has a target of 40%, but CAC is an amount of money (what winning one customer costs), so the target cannot measure it. Write the target as an amount in USD, with your own figure."],
            ['kpi "Churn" metric churn target at most 35 USD',
                "KPI \"Churn\" of strategy 'Office' has a target of 35 USD, but churn is a share of subscribers who leave, so the target cannot measure it. Write the target as a percentage, e.g. 'target at most 3% a month', with your own figure."],
            ['kpi "Kept" metric retention_rate target 2x',
                "KPI \"Kept\" of strategy 'Office' has a target of 2x, but retention rate is a share of subscribers who stay, so the target cannot measure it. Write the target as a percentage, e.g. 'target at least 95% a month', with your own figure."],
            ['objective "Ad return" metric roas target 4_000 to 5_000 USD by 2027-12-31',
                "Objective \"Ad return\" of strategy 'Office' has a target of 4,000 to 5,000 USD, but ROAS is a ratio of revenue to ad spend, so the target cannot measure it. Write the target as a ratio, e.g. 'target at least 4x', with your own figure."],
            ['kpi "Payback" metric cac_payback target at most 300 USD per month',
                "KPI \"Payback\" of strategy 'Office' has a target of 300 USD a month, but CAC payback is a number of months, so the target cannot measure it. Write the target as a number of months, e.g. 'target at most 12', with your own figure."],
            ['kpi "Customer value" metric ltv target at least 150%',
                "KPI \"Customer value\" of strategy 'Office' has a target of 150%, but LTV is an amount of money (what one customer brings in), so the target cannot measure it. Write the target as an amount in USD, with your own figure."]
        ];
        for (const [objective, message] of cases) {
            const found = (await check(withObjective(objective))).findings().filter(f => f.rule === 'objective-not-measurable');
            expect(found.map(f => f.message), objective).toEqual([message]);
        }
        const [cac] = (await check(withObjective('kpi "Acquisition cost" metric cac target at most 40%'))).findings().filter(f => f.rule === 'objective-not-measurable');
        expect(cac).toMatchObject({ line: 11, column: 39, endLine: 11, endColumn: 57 });
    });

    it('leaves targets that read one way or another alone: growth, a margin rate, sales in money, ROAS in percent, LTV as a multiple', async () => {
        for (const objective of [
            'objective "Grow revenue" metric revenue target 40% by 2027-12-31',
            'objective "Gross margin" metric margin target at least 40% by 2027-12-31',
            'objective "Sales" metric sales target 50_000 USD by 2027-12-31',
            'kpi "ROAS" metric roas target at least 400%',
            'kpi "LTV" metric ltv target at least 3x',
            'objective "More customers" metric customers target 20% by 2027-12-31',
            'objective "Happy guests" metric smiles target 35 USD by 2027-12-31',
            'kpi "Churn" metric churn target at most 2'
        ]) {
            expect((await check(withObjective(objective))).rules(), objective).not.toContain('objective-not-measurable');
        }
    });
});

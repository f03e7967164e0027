import { describe, expect, it } from 'vitest';
import { check, fixesFor, type Checked } from '../../helpers.js';

const ID = 'campaign-without-staff';

const PLAN = `plan Bakery {
    currency USD
}
campaign Spring {
    budget 5_000 USD
    from 2027-02-01 to 2027-06-30
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('fires on the name of a campaign that names no staff', async () => {
        const result = await check(PLAN);
        expect(found(result)).toEqual([{
            rule: ID, severity: 'warning', line: 4, column: 10, endLine: 4, endColumn: 16,
            message: "Campaign 'Spring' names no staff: nobody is answerable for it and its workload is unknown. Add 'staff' with the people, their share of time and their departments."
        }]);
    });

    it('does not fire when the campaign has staff, with or without shares and departments', async () => {
        for (const staff of ['staff Ann', 'staff Ann 50%, Raj from marketing, sales']) {
            const result = await check(PLAN.replace('    budget', `    ${staff}\n    budget`));
            expect(result.rules(), staff).not.toContain(ID);
        }
    });

    it('judges each campaign of a library in the library, not in the plan that imports it', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\ncampaign Summer { staff Ann }\n',
            'campaigns.mplan': 'campaign Spring { budget 1_000 USD }\n'
        });
        expect(found(result, 'campaigns.mplan').map(f => f.line)).toEqual([1]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });

    it('quick fix: adds a placeholder role from two departments', async () => {
        const fixes = await fixesFor(await check(PLAN), ID);
        expect(fixes.map(f => [f.title, f.preferred])).toEqual([["Add a placeholder staff line ('staff SpringLead 100% from marketing, sales'), to replace with the people who run it", false]]);
        expect(fixes[0].result).toBe(PLAN.replace('campaign Spring {\n', 'campaign Spring {\n    staff SpringLead 100% from marketing, sales\n'));
        const after = await check(fixes[0].result);
        for (const rule of [ID, 'syntax-error', 'single-department', 'staff-overbooked']) expect(after.rules()).not.toContain(rule);
    });

    it('quick fix: two overlapping campaigns fixed alike do not book one person twice', async () => {
        const text = PLAN + 'campaign Summer {\n    from 2027-03-01 to 2027-08-31\n}\n';
        const first = (await fixesFor(await check(text), ID))[0].result;
        const both = (await fixesFor(await check(first), ID))[0].result;
        expect(both).toContain('staff SummerLead 100% from marketing, sales');
        const after = await check(both);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules()).not.toContain('staff-overbooked');
    });

    it('quick fix: a one-line campaign whose first fact is its period still parses', async () => {
        const text = 'plan Bakery { currency USD }\ncampaign Spring { from 2027-02-01 to 2027-06-30 }\n';
        const [fix] = await fixesFor(await check(text), ID);
        expect(fix.result).toBe('plan Bakery { currency USD }\ncampaign Spring { staff SpringLead 100% from marketing, sales from 2027-02-01 to 2027-06-30 }\n');
        const after = await check(fix.result);
        expect(after.rules()).not.toContain('syntax-error');
        expect(after.rules()).not.toContain('campaign-without-schedule');
    });
});

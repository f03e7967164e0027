import { describe, expect, it } from 'vitest';
import { staffOverbooked } from '../../../src/language/rules/staff-overbooked.js';
import { check, services, type Checked } from '../../helpers.js';

const ID = 'staff-overbooked';

/** A plan with two campaigns; ANN_SPRING and ANN_SUMMER are Ann's shares. */
function plan(spring: string, summer: string, summerPeriod = 'from 2027-03-01 to 2027-08-31'): string {
    return `plan Bakery {
    currency USD
}
campaign Spring {
    staff ${spring}, Raj from marketing, sales
    from 2027-02-01 to 2027-06-30
}
campaign Summer {
    staff ${summer} from marketing, kitchen
    ${summerPeriod}
}
`;
}

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('does not fire at exactly 100% across overlapping campaigns', async () => {
        expect((await check(plan('Ann 50%', 'Ann 50%'))).rules()).not.toContain(ID);
    });

    it('fires on each booking one point past 100%, naming the other campaign', async () => {
        const result = await check(plan('Ann 50%', 'Ann 51%'));
        expect(found(result)).toEqual([
            {
                rule: ID, severity: 'warning', line: 5, column: 11, endLine: 5, endColumn: 18,
                message: "Ann is booked at 101% from 2027-03-01 across campaigns that run at the same time: 50% in 'Spring' (this campaign) and 51% in 'Summer' (line 8). Nobody can give more than 100%: lower the shares or move a campaign."
            },
            expect.objectContaining({
                line: 9, column: 11,
                message: "Ann is booked at 101% from 2027-03-01 across campaigns that run at the same time: 51% in 'Summer' (this campaign) and 50% in 'Spring' (line 4). Nobody can give more than 100%: lower the shares or move a campaign."
            })
        ]);
    });

    it('counts staff without a share as full time, and names people case-insensitively', async () => {
        const result = await check(plan('Ann', 'ann 10%'));
        expect(found(result).map(f => f.message)).toEqual([
            "Ann is booked at 110% from 2027-03-01 across campaigns that run at the same time: 100% in 'Spring' (this campaign) and 10% in 'Summer' (line 8). Nobody can give more than 100%: lower the shares or move a campaign.",
            "ann is booked at 110% from 2027-03-01 across campaigns that run at the same time: 10% in 'Summer' (this campaign) and 100% in 'Spring' (line 4). Nobody can give more than 100%: lower the shares or move a campaign."
        ]);
    });

    it('does not fire on campaigns that follow each other, even back to back', async () => {
        expect((await check(plan('Ann', 'Ann', 'from 2027-07-01 to 2027-08-31'))).rules()).not.toContain(ID);
        const sameDay = await check(plan('Ann', 'Ann', 'from 2027-06-30 to 2027-08-31'));
        expect(found(sameDay)[0].message).toContain('booked at 200% from 2027-06-30');
    });

    it('adds up only the campaigns that run at the same time', async () => {
        // Ann is on Long at 40% all spring, on January at 60% and on March at 60%: never over 100%.
        const text = `plan Bakery { currency USD }
campaign Long { staff Ann 40% from 2027-01-01 to 2027-03-31 }
campaign January { staff Ann 60% from 2027-01-01 to 2027-01-31 }
campaign March { staff Ann 60% from 2027-03-01 to 2027-03-31 }
`;
        expect((await check(text)).rules()).not.toContain(ID);
        const overlap = await check(text.replace('2027-01-31', '2027-03-01'));
        expect(found(overlap).map(f => [f.line, f.message.slice(0, 37)])).toEqual([
            [2, 'Ann is booked at 160% from 2027-03-01'],
            [3, 'Ann is booked at 160% from 2027-03-01'],
            [4, 'Ann is booked at 160% from 2027-03-01']
        ]);
        expect(found(overlap)[0].message).toContain("40% in 'Long' (this campaign), 60% in 'January' (line 3) and 60% in 'March' (line 4).");
    });

    it('fires on one campaign that books a person over 100% by itself', async () => {
        const result = await check('plan Bakery { currency USD }\ncampaign Spring { staff Ann 60%, Ann 60% }\ncampaign Fall { staff Raj 150% }\n');
        expect(found(result).map(f => f.message)).toEqual([
            "Ann is booked at 120% in campaign 'Spring' alone: nobody can give more than 100%. Lower the share or add people.",
            "Raj is booked at 150% in campaign 'Fall' alone: nobody can give more than 100%. Lower the share or add people."
        ]);
    });

    it('stays silent when a campaign has no period to compare', async () => {
        expect((await check(plan('Ann', 'Ann', ''))).rules()).not.toContain(ID);
    });

    it('names the other campaigns by file when they are in another file of the plan', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\ncampaign Spring { staff Ann 80% from 2027-02-01 to 2027-06-30 }\n',
            'campaigns.mplan': 'campaign Summer { staff Ann 30% from 2027-06-01 to 2027-08-31 }\n'
        });
        expect(found(result).map(f => f.message)).toEqual([
            "Ann is booked at 110% from 2027-06-01 across campaigns that run at the same time: 80% in 'Spring' (this campaign) and 30% in 'Summer' (campaigns.mplan:1). Nobody can give more than 100%: lower the shares or move a campaign."
        ]);
        // The library is judged in the plan it takes part in.
        expect(found(result, 'campaigns.mplan').map(f => f.message)).toEqual([
            "Ann is booked at 110% from 2027-06-01 across campaigns that run at the same time: 30% in 'Summer' (this campaign) and 80% in 'Spring' (plan.mplan:3). Nobody can give more than 100%: lower the shares or move a campaign."
        ]);
    });

    it('names at most three other campaigns', async () => {
        const lines = ['plan Bakery { currency USD }'];
        for (let i = 1; i <= 6; i++) lines.push(`campaign C${i} { staff Ann 20% from 2027-01-01 to 2027-12-31 }`);
        const result = await check(lines.join('\n') + '\n');
        expect(found(result)[0].message).toBe("Ann is booked at 120% from 2027-01-01 across campaigns that run at the same time: 20% in 'C1' (this campaign), 20% in 'C2' (line 3), 20% in 'C3' (line 4), 20% in 'C4' (line 5) and 2 more. Nobody can give more than 100%: lower the shares or move a campaign.");
    });

    it('checks a large plan quickly, even when everybody is overbooked', async () => {
        const lines = ['plan Bakery { currency USD }'];
        for (let i = 0; i < 3000; i++) {
            const month = String((i % 12) + 1).padStart(2, '0');
            lines.push(`campaign C${i} { staff Ann 1%, Raj 1% from 2027-${month}-01 to 2027-${month}-20 }`);
        }
        const result = await check(lines.join('\n') + '\n');
        expect(found(result)).toHaveLength(6000);
        const model = services.Mplan.model.PlanModelProvider.get(result.documents.get('plan.mplan')!);
        const started = performance.now();
        let count = 0;
        staffOverbooked.check(model, () => count++);
        expect(count).toBe(6000);
        expect(performance.now() - started).toBeLessThan(1000);
    });
});

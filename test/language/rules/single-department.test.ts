import { describe, expect, it } from 'vitest';
import { check, type Checked } from '../../helpers.js';

const ID = 'single-department';

const PLAN = `plan Bakery {
    currency USD
}
campaign Spring {
    staff Ann 50%, Raj from marketing
    from 2027-02-01 to 2027-06-30
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('fires, as advice, on the only department a campaign involves', async () => {
        const result = await check(PLAN);
        expect(found(result)).toEqual([{
            rule: ID, severity: 'info', line: 5, column: 29, endLine: 5, endColumn: 38,
            message: "Campaign 'Spring' involves only the marketing department: a campaign is a joint effort, and the departments it depends on (sales, support, production) should take part. Name them after 'from'."
        }]);
    });

    it('does not fire when two departments take part, even over two staff lines', async () => {
        expect((await check(PLAN.replace('from marketing', 'from marketing, sales'))).rules()).not.toContain(ID);
        expect((await check(PLAN.replace('from marketing', 'from marketing\n    staff Lea from kitchen'))).rules()).not.toContain(ID);
    });

    it('counts a department written twice, in any case, once', async () => {
        const result = await check(PLAN.replace('from marketing', 'from marketing, Marketing'));
        expect(found(result)).toHaveLength(1);
    });

    it('stays silent when no department is named (nothing to judge) or nobody is staffed', async () => {
        expect((await check(PLAN.replace(' from marketing', ''))).rules()).not.toContain(ID);
        expect((await check(PLAN.replace('    staff Ann 50%, Raj from marketing\n', ''))).rules()).not.toContain(ID);
    });

    it('judges a campaign of a library in the library', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\ncampaign Summer { staff Lea from sales, kitchen }\n',
            'campaigns.mplan': 'campaign Spring { staff Ann from sales }\n'
        });
        expect(found(result, 'campaigns.mplan').map(f => [f.line, f.column])).toEqual([[1, 34]]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });
});

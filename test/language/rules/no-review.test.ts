import { describe, expect, it } from 'vitest';
import { check, fixesFor, type Checked } from '../../helpers.js';

const ID = 'no-review';

const PLAN = `plan Bakery {
    currency USD
}
campaign Spring {
    staff Ann from marketing, sales
    from 2027-02-01 to 2027-06-30
    review on 2027-07-10
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('does not fire on a review after the end, or on the last day', async () => {
        expect((await check(PLAN)).rules()).not.toContain(ID);
        expect((await check(PLAN.replace('review on 2027-07-10', 'review on 2027-06-30'))).rules()).not.toContain(ID);
    });

    it('fires on a review the day before the campaign ends', async () => {
        const result = await check(PLAN.replace('review on 2027-07-10', 'review on 2027-06-29'));
        expect(found(result)).toEqual([{
            rule: ID, severity: 'warning', line: 7, column: 15, endLine: 7, endColumn: 25,
            message: "Campaign 'Spring' is reviewed on 2027-06-29, before it ends on 2027-06-30: a review looks back at the whole campaign. Move it after the end, e.g. to 2027-07-14."
        }]);
    });

    it('fires on the name of a campaign with no review, suggesting a date two weeks after its end', async () => {
        const result = await check(PLAN.replace('    review on 2027-07-10\n', ''));
        expect(found(result)).toEqual([expect.objectContaining({
            line: 4, column: 10,
            message: "Campaign 'Spring' has no review: when it is over, note what went wrong and what went well, so that the next campaign starts from it. Add 'review on 2027-07-14', two weeks after it ends."
        })]);
    });

    it('fires with no date to suggest when the campaign has no period, and offers no fix', async () => {
        const result = await check('plan Bakery { currency USD }\ncampaign Spring { staff Ann }\n');
        expect(found(result).map(f => f.message)).toEqual(["Campaign 'Spring' has no review: when it is over, note what went wrong and what went well, so that the next campaign starts from it. Add 'review on DATE' after it ends."]);
        expect(await fixesFor(result, ID)).toEqual([]);
    });

    it('stays silent on an early review when a date is not a real day', async () => {
        expect((await check(PLAN.replace('review on 2027-07-10', 'review on 2027-02-30'))).rules()).not.toContain(ID);
        expect((await check(PLAN.replace('from 2027-02-01 to 2027-06-30', 'from 2027-02-01 to 2027-06-31').replace('2027-07-10', '2027-03-01'))).rules()).not.toContain(ID);
    });

    it('judges a campaign of a library in the library', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\n',
            'campaigns.mplan': 'campaign Spring { from 2027-02-01 to 2027-06-30 review on 2027-05-01 }\n'
        });
        expect(found(result, 'campaigns.mplan').map(f => [f.line, f.column])).toEqual([[1, 59]]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });

    it('quick fix: moves an early review to two weeks after the end', async () => {
        const text = PLAN.replace('review on 2027-07-10', 'review on 2027-05-01');
        const fixes = await fixesFor(await check(text), ID);
        expect(fixes.map(f => [f.title, f.preferred])).toEqual([['Review the campaign on 2027-07-14, two weeks after it ends (check the date)', false]]);
        expect(fixes[0].result).toBe(PLAN.replace('review on 2027-07-10', 'review on 2027-07-14'));
        const after = await check(fixes[0].result);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules()).not.toContain('syntax-error');
    });

    it('quick fix: adds a review two weeks after the end', async () => {
        const text = PLAN.replace('    review on 2027-07-10\n', '');
        const [fix] = await fixesFor(await check(text), ID);
        expect(fix.result).toBe(text.replace('campaign Spring {\n', 'campaign Spring {\n    review on 2027-07-14\n'));
        const after = await check(fix.result);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules()).not.toContain('syntax-error');
    });
});

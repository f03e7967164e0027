import { describe, expect, it } from 'vitest';
import { check, fixesFor, type Checked } from '../../helpers.js';

const ID = 'no-tracking';

const PLAN = `plan Bakery {
    currency USD
}
campaign Spring {
    staff Ann from marketing, sales
    from 2027-02-01 to 2027-06-30
    track leads
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('fires on the track line of a campaign that tracks neither sales nor satisfaction', async () => {
        const result = await check(PLAN);
        expect(found(result)).toEqual([{
            rule: ID, severity: 'warning', line: 7, column: 5, endLine: 7, endColumn: 10,
            message: "Campaign 'Spring' tracks leads but not sales or customer satisfaction: sales and satisfaction are the figures that tell you how to refine the strategy. Add 'sales' and 'satisfaction' to 'track'."
        }]);
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === ID)!;
        expect(diagnostic.data).toEqual({ missing: ['sales', 'satisfaction'] });
    });

    it('fires on the name of a campaign that tracks nothing', async () => {
        const result = await check(PLAN.replace('    track leads\n', ''));
        expect(found(result)).toEqual([expect.objectContaining({
            line: 4, column: 10,
            message: "Campaign 'Spring' tracks nothing: follow at least its sales and its customers' satisfaction, the two figures that tell you how to refine the strategy. Add 'track sales, satisfaction'."
        })]);
    });

    it('says which of the two is missing', async () => {
        const sales = await check(PLAN.replace('track leads', 'track leads, sales'));
        expect(found(sales).map(f => f.message)).toEqual(["Campaign 'Spring' tracks leads and sales but not customer satisfaction: sales and satisfaction are the figures that tell you how to refine the strategy. Add 'satisfaction' to 'track'."]);
        const satisfaction = await check(PLAN.replace('track leads', 'track nps'));
        expect(dataOf(satisfaction)).toEqual({ missing: ['sales'] });
    });

    it('accepts the usual names of both, in any case and as part of a metric name', async () => {
        for (const tracks of ['sales, satisfaction', 'Revenue, CSAT', 'orders, nps', 'repeat_orders, customer-satisfaction', 'units, reviews', 'turnover, ratings, complaints']) {
            const result = await check(PLAN.replace('track leads', `track ${tracks}`));
            expect(result.rules(), tracks).not.toContain(ID);
        }
    });

    it('judges a campaign of a library in the library', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\n',
            'campaigns.mplan': 'campaign Spring { track leads }\n'
        });
        expect(found(result, 'campaigns.mplan').map(f => f.line)).toEqual([1]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });

    it('quick fix: extends the track list with what is missing', async () => {
        const fixes = await fixesFor(await check(PLAN.replace('track leads', 'track leads, nps')), ID);
        expect(fixes.map(f => [f.title, f.preferred])).toEqual([['Track sales', true]]);
        expect(fixes[0].result).toBe(PLAN.replace('track leads', 'track leads, nps, sales'));
        const after = await check(fixes[0].result);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules()).not.toContain('syntax-error');
    });

    it('quick fix: adds a track line when there is none', async () => {
        const text = PLAN.replace('    track leads\n', '');
        const [fix] = await fixesFor(await check(text), ID);
        expect(fix.title).toBe('Track sales and satisfaction');
        expect(fix.result).toBe(text.replace('campaign Spring {\n', 'campaign Spring {\n    track sales, satisfaction\n'));
        const after = await check(fix.result);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules()).not.toContain('syntax-error');
    });
});

/** The data of the first finding of the rule. */
function dataOf(checked: Checked): unknown {
    return checked.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === ID)?.data;
}

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/language/config/settings.js';
import { check, services, type Checked } from '../../helpers.js';

const ID = 'missing-results';

/** A campaign that ended in 2020: long past, whatever today is. */
const PAST = `plan Bakery {
    currency USD
}
campaign Spring {
    staff Ann from marketing, sales
    from 2020-02-01 to 2020-06-30
    track sales, satisfaction
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

const settings = services.Mplan.config.SettingsProvider;

describe(ID, () => {
    afterEach(() => settings.set(DEFAULT_SETTINGS));

    it('fires on the name of a past campaign with no results', async () => {
        const result = await check(PAST);
        expect(found(result)).toEqual([{
            rule: ID, severity: 'warning', line: 4, column: 10, endLine: 4, endColumn: 16,
            message: "Campaign 'Spring' ended on 2020-06-30 but has no results for sales and satisfaction: write down what it achieved in 'results { … }', or the next campaign cannot learn from it."
        }]);
    });

    it('names only the tracked metrics that have no result, on the results block', async () => {
        const result = await check(PAST.replace('    track', '    results { Sales 340 }\n    track'));
        expect(found(result)).toEqual([expect.objectContaining({
            line: 7, column: 5,
            message: "Campaign 'Spring' ended on 2020-06-30 but records no result for satisfaction: write down what it achieved in 'results { … }', or the next campaign cannot learn from it."
        })]);
        expect(result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === ID)!.data).toEqual({ missing: ['satisfaction'], ended: '2020-06-30' });
    });

    it('does not fire when every tracked metric has a result', async () => {
        const result = await check(PAST.replace('    track', '    results { sales 340 satisfaction 92% "survey of 120 buyers" }\n    track'));
        expect(result.rules()).not.toContain(ID);
    });

    it('does not fire on a campaign still to end, or with no end date, or tracking nothing', async () => {
        expect((await check(PAST.replace('from 2020-02-01 to 2020-06-30', 'from 2099-02-01 to 2099-06-30'))).rules()).not.toContain(ID);
        expect((await check(PAST.replace('    from 2020-02-01 to 2020-06-30\n', ''))).rules()).not.toContain(ID);
        expect((await check(PAST.replace('    track sales, satisfaction\n', ''))).rules()).not.toContain(ID);
    });

    it('judges by the as-of date of the settings: not on the last day, from the day after', async () => {
        settings.set({ ...DEFAULT_SETTINGS, asOf: '2020-06-30' });
        expect((await check(PAST)).rules()).not.toContain(ID);
        settings.set({ ...DEFAULT_SETTINGS, asOf: '2020-07-01' });
        expect((await check(PAST)).rules()).toContain(ID);
    });

    it('judges a campaign of a library in the library', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\n',
            'campaigns.mplan': 'campaign Spring { from 2020-02-01 to 2020-06-30 track sales }\n'
        });
        expect(found(result, 'campaigns.mplan').map(f => f.line)).toEqual([1]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });
});

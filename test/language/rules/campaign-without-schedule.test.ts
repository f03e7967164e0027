import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/language/config/settings.js';
import { check, fixesFor, services, type Checked } from '../../helpers.js';

const ID = 'campaign-without-schedule';

const PLAN = `plan Bakery {
    currency USD
}
tactic Ads {
    channel ppc on linkedin
    from 2027-02-01 to 2027-04-30
}
tactic Flyers {
    channel print
    from 2027-03-01 to 2027-06-30
}
campaign Spring {
    budget 5_000 USD
    runs Ads, Flyers
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

const settings = services.Mplan.config.SettingsProvider;

describe(ID, () => {
    afterEach(() => settings.set(DEFAULT_SETTINGS));

    it('fires on the name of a campaign with no period, with the span of its tactics', async () => {
        const result = await check(PLAN);
        expect(found(result)).toEqual([{
            rule: ID, severity: 'warning', line: 12, column: 10, endLine: 12, endColumn: 16,
            message: "Campaign 'Spring' has no schedule: without dates nobody can plan the work, book the people or tell when it is over. Add 'from START to END'. Its tactics run from 2027-02-01 to 2027-06-30."
        }]);
    });

    it('does not fire on a campaign with a period', async () => {
        const result = await check(PLAN.replace('    runs', '    from 2027-02-01 to 2027-06-30\n    runs'));
        expect(result.rules()).not.toContain(ID);
    });

    it('fires in a library on its own campaigns only', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\ncampaign Summer { from 2027-06-01 to 2027-08-31 }\n',
            'campaigns.mplan': 'campaign Spring { budget 1_000 USD }\n'
        });
        expect(found(result, 'campaigns.mplan').map(f => f.line)).toEqual([1]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });

    it('quick fix: the earliest start and latest end of its tactics, including tactics of another file', async () => {
        const text = 'import "tactics.mplan"\n' + PLAN;
        const files = { 'tactics.mplan': 'tactic Radio { channel radio from 2027-01-15 to 2027-02-15 }\n' };
        const result = await check({ 'plan.mplan': text.replace('runs Ads, Flyers', 'runs Ads, Flyers, Radio'), ...files });
        const fixes = await fixesFor(result, ID);
        expect(fixes.map(f => [f.title, f.preferred])).toEqual([["Add the period of its tactics ('from 2027-01-15 to 2027-06-30')", true]]);
        expect(fixes[0].result).toContain('campaign Spring {\n    from 2027-01-15 to 2027-06-30\n    budget 5_000 USD\n');
        const after = await check({ 'plan.mplan': fixes[0].result, ...files });
        for (const rule of [ID, 'syntax-error', 'tactic-outside-schedule']) expect(after.rules()).not.toContain(rule);
    });

    it('quick fix: a three-month placeholder from the as-of date when the tactics have no dates (invalid ones ignored)', async () => {
        settings.set({ ...DEFAULT_SETTINGS, asOf: '2027-01-15' });
        const text = 'plan Bakery { currency USD }\ntactic Ads { from 2027-02-30 to 2027-04-30 }\ncampaign Spring {\n    runs Ads\n}\n';
        const [fix] = await fixesFor(await check(text), ID);
        expect(fix).toMatchObject({ title: "Add a placeholder period of three months ('from 2027-01-15 to 2027-04-14'), to replace with the real dates", preferred: false });
        expect(fix.result).toBe(text.replace('campaign Spring {\n', 'campaign Spring {\n    from 2027-01-15 to 2027-04-14\n'));
        const after = await check(fix.result);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules().filter(r => r === 'syntax-error')).toEqual([]);
    });

    it('quick fix: the placeholder keeps to real days at the end of a month', async () => {
        settings.set({ ...DEFAULT_SETTINGS, asOf: '2026-11-30' });
        const [fix] = await fixesFor(await check('plan Bakery { currency USD }\ncampaign Spring { budget 1 USD }\n'), ID);
        expect(fix.title).toBe("Add a placeholder period of three months ('from 2026-11-30 to 2027-02-27'), to replace with the real dates");
        expect((await check(fix.result)).rules()).not.toContain('invalid-date');
    });
});

import { describe, expect, it } from 'vitest';
import { check, type Checked } from '../../helpers.js';

const ID = 'tactic-outside-schedule';

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
    from 2027-02-01 to 2027-06-30
    runs Ads, Flyers
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('does not fire on tactics that start and end exactly with the campaign', async () => {
        expect((await check(PLAN)).rules()).not.toContain(ID);
    });

    it('fires on the start of a tactic one day before the campaign starts', async () => {
        const result = await check(PLAN.replace('from 2027-02-01 to 2027-04-30', 'from 2027-01-31 to 2027-04-30'));
        expect(found(result)).toEqual([{
            rule: ID, severity: 'warning', line: 6, column: 10, endLine: 6, endColumn: 20,
            message: "Tactic 'Ads' starts on 2027-01-31, 1 day before campaign 'Spring' starts on 2027-02-01. Move the tactic's dates inside the campaign's, or widen the campaign."
        }]);
    });

    it('fires on the end of a tactic that ends after the campaign', async () => {
        const result = await check(PLAN.replace('from 2027-03-01 to 2027-06-30', 'from 2027-03-01 to 2027-07-15'));
        expect(found(result)).toEqual([expect.objectContaining({
            line: 10, column: 24,
            message: "Tactic 'Flyers' ends on 2027-07-15, 15 days after campaign 'Spring' ends on 2027-06-30. Move the tactic's dates inside the campaign's, or widen the campaign."
        })]);
    });

    it('fires once on the whole period of a tactic that overruns at both ends', async () => {
        const result = await check(PLAN.replace('from 2027-03-01 to 2027-06-30', 'from 2027-01-20 to 2027-07-02'));
        expect(found(result)).toEqual([expect.objectContaining({
            line: 10, column: 5, endColumn: 34,
            message: "Tactic 'Flyers' runs from 2027-01-20 to 2027-07-02, 12 days before campaign 'Spring' starts and 2 days after it ends (2027-02-01 to 2027-06-30). Move the tactic's dates inside the campaign's, or widen the campaign."
        })]);
    });

    it('reports on the runs entry when the tactic is in another file', async () => {
        const result = await check({
            'plan.mplan': 'import "tactics.mplan"\nplan Bakery { currency USD }\ncampaign Spring {\n    from 2027-02-01 to 2027-06-30\n    runs Ads, Radio\n}\n',
            'tactics.mplan': 'tactic Ads { from 2027-02-01 to 2027-03-01 }\ntactic Radio { from 2027-06-01 to 2027-07-31 }\n'
        });
        expect(found(result)).toEqual([expect.objectContaining({
            line: 5, column: 15, endColumn: 20,
            message: "Tactic 'Radio' ends on 2027-07-31, 31 days after campaign 'Spring' ends on 2027-06-30. Move the tactic's dates inside the campaign's, or widen the campaign."
        })]);
        expect(result.rules('tactics.mplan')).not.toContain(ID);
    });

    it('judges a library campaign in the library', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\n',
            'campaigns.mplan': 'tactic Ads { from 2027-01-01 to 2027-03-01 }\ncampaign Spring { from 2027-02-01 to 2027-06-30 runs Ads }\n'
        });
        expect(found(result, 'campaigns.mplan').map(f => [f.line, f.column])).toEqual([[1, 19]]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });

    it('names a tactic run twice only once', async () => {
        const result = await check(PLAN.replace('runs Ads, Flyers', 'runs Ads, Flyers, Ads').replace('from 2027-02-01 to 2027-04-30', 'from 2027-01-01 to 2027-04-30'));
        expect(found(result)).toHaveLength(1);
    });

    it('stays silent when a period is missing, invalid or written backwards', async () => {
        const early = PLAN.replace('from 2027-02-01 to 2027-04-30', 'from 2027-01-01 to 2027-04-30');
        expect((await check(early.replace('    from 2027-02-01 to 2027-06-30\n', ''))).rules()).not.toContain(ID);
        expect((await check(early.replace('from 2027-02-01 to 2027-06-30', 'from 2027-02-30 to 2027-06-30'))).rules()).not.toContain(ID);
        expect((await check(early.replace('from 2027-02-01 to 2027-06-30', 'from 2027-06-30 to 2027-02-01'))).rules()).not.toContain(ID);
        expect((await check(PLAN.replace('from 2027-02-01 to 2027-04-30', 'from 2027-01-32 to 2027-04-30'))).rules()).not.toContain(ID);
    });
});

import { describe, expect, it } from 'vitest';
import { check, fixesFor, type Checked } from '../../helpers.js';

const ID = 'campaign-without-budget';

const PLAN = `plan Bakery {
    currency USD
}
tactic Ads {
    channel ppc on linkedin
    budget 3_000 USD
}
tactic Flyers {
    channel print
    budget 1_500 USD
}
campaign Spring {
    staff Ann 50% from marketing, sales
    runs Ads, Flyers
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('fires on the name of a campaign with no budget, with what its tactics cost', async () => {
        const result = await check(PLAN);
        expect(found(result)).toEqual([{
            rule: ID, severity: 'warning', line: 12, column: 10, endLine: 12, endColumn: 16,
            message: "Campaign 'Spring' has no budget: nobody can tell what it may spend or whether its tactics fit. Add 'budget' with the amount set aside. Its tactics cost 4,500 USD."
        }]);
    });

    it('does not fire when the campaign states a budget', async () => {
        const result = await check(PLAN.replace('campaign Spring {\n', 'campaign Spring {\n    budget 5_000 USD\n'));
        expect(result.rules()).not.toContain(ID);
    });

    it('says nothing of the tactics when none of them is budgeted', async () => {
        const result = await check('plan Bakery { currency USD }\ncampaign Spring { staff Ann }\n');
        expect(found(result).map(f => f.message)).toEqual([
            "Campaign 'Spring' has no budget: nobody can tell what it may spend or whether its tactics fit. Add 'budget' with the amount set aside."
        ]);
    });

    it('adds up tactics declared in an imported file', async () => {
        const tactics = 'tactic Ads { budget 3_000 USD }\ntactic Flyers { budget 1_500 USD }\n';
        const result = await check({ 'plan.mplan': 'import "tactics.mplan"\nplan Bakery { currency USD }\ncampaign Spring { runs Ads, Flyers }\n', 'tactics.mplan': tactics });
        expect(found(result)[0].message).toContain('Its tactics cost 4,500 USD.');
        expect(result.rules('tactics.mplan')).not.toContain(ID);
    });

    it('judges a campaign written in a library, in that file', async () => {
        const result = await check({ 'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency EUR }\n', 'campaigns.mplan': 'campaign Spring {\n    staff Ann\n}\n' });
        expect(found(result, 'campaigns.mplan')).toEqual([expect.objectContaining({ line: 1, column: 10 })]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
        // The placeholder is written in the currency of the plan that imports the library.
        const [fix] = await fixesFor(result, ID, 'campaigns.mplan');
        expect(fix.title).toBe("Add a placeholder budget of 1,000 EUR ('budget 1_000 EUR'), to replace with the real figure");
        expect(fix.result).toBe('campaign Spring {\n    budget 1_000 EUR\n    staff Ann\n}\n');
    });

    it('quick fix: budgets the campaign at what its tactics cost', async () => {
        const fixes = await fixesFor(await check(PLAN), ID);
        expect(fixes.map(f => [f.title, f.preferred])).toEqual([["Add 'budget 4_500 USD', what its tactics cost (check that it is the amount you set aside)", false]]);
        expect(fixes[0].result).toBe(PLAN.replace('campaign Spring {\n', 'campaign Spring {\n    budget 4_500 USD\n'));
        const after = await check(fixes[0].result);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules()).not.toContain('syntax-error');
        expect(after.rules()).not.toContain('budget-overrun');
    });

    it('quick fix: a round placeholder in the plan currency when the tactics are not budgeted, inline in a one-line block', async () => {
        const text = 'plan Bakery { currency USD }\ncampaign Spring { staff Ann }\n';
        const [fix, ...more] = await fixesFor(await check(text), ID);
        expect(more).toEqual([]);
        expect(fix).toMatchObject({ title: "Add a placeholder budget of 1,000 USD ('budget 1_000 USD'), to replace with the real figure", preferred: false });
        expect(fix.result).toBe('plan Bakery { currency USD }\ncampaign Spring { budget 1_000 USD staff Ann }\n');
        const after = await check(fix.result);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules()).not.toContain('syntax-error');
    });

    it('quick fix: a placeholder when the tactics are budgeted in another currency than the plan', async () => {
        const text = PLAN.replace('budget 1_500 USD', 'budget 1_500 EUR');
        const [fix] = await fixesFor(await check(text), ID);
        expect(fix.title).toBe("Add a placeholder budget of 1,000 USD ('budget 1_000 USD'), to replace with the real figure");
    });

    it('offers no fix when no currency is known at all', async () => {
        const result = await check('campaign Spring { staff Ann }\n');
        expect(result.rules()).toContain(ID);
        expect(await fixesFor(result, ID)).toEqual([]);
    });
});

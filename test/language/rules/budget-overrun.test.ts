import { describe, expect, it } from 'vitest';
import { check, type Checked } from '../../helpers.js';

const ID = 'budget-overrun';

const PLAN = `plan Bakery {
    currency USD
}
tactic Ads {
    channel ppc on linkedin
    budget 6_000 USD
}
tactic Flyers {
    channel print
    budget 4_000 USD
}
campaign Spring {
    budget 10_000 USD
    runs Ads, Flyers
}
`;

function found(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('does not fire when the tactics cost exactly the budget', async () => {
        expect((await check(PLAN)).rules()).not.toContain(ID);
    });

    it('fires on the campaign budget one unit past it, with both sums and the excess', async () => {
        const result = await check(PLAN.replace('budget 4_000 USD', 'budget 4_001 USD'));
        expect(found(result)).toEqual([{
            rule: ID, severity: 'error', line: 13, column: 12, endLine: 13, endColumn: 22,
            message: "The tactics of campaign 'Spring' cost 10,001 USD, 1 USD more than its budget of 10,000 USD. Raise the budget or cut a tactic."
        }]);
    });

    it('lists the tactics and their budgets as related places', async () => {
        const result = await check(PLAN.replace('budget 4_000 USD', 'budget 5_400 USD'));
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === ID)!;
        expect(diagnostic.message).toBe("The tactics of campaign 'Spring' cost 11,400 USD, 1,400 USD more than its budget of 10,000 USD. Raise the budget or cut a tactic.");
        expect(diagnostic.relatedInformation!.map(r => [r.location.range.start.line + 1, r.message])).toEqual([
            [6, "Tactic 'Ads' costs 6,000 USD"],
            [10, "Tactic 'Flyers' costs 5,400 USD"]
        ]);
        expect(diagnostic.data).toEqual({ budget: 10_000, cost: 11_400, excess: 1_400, currency: 'USD' });
    });

    it('handles cents without rounding noise', async () => {
        const text = PLAN.replace('budget 6_000 USD', 'budget 0.10 USD').replace('budget 4_000 USD', 'budget 0.20 USD').replace('budget 10_000 USD', 'budget 0.30 USD');
        expect((await check(text)).rules()).not.toContain(ID);
        const over = await check(text.replace('budget 0.30 USD', 'budget 0.25 USD'));
        expect(found(over).map(f => f.message)).toEqual(["The tactics of campaign 'Spring' cost 0.30 USD, 0.05 USD more than its budget of 0.25 USD. Raise the budget or cut a tactic."]);
    });

    it('counts a tactic named twice once, and an unresolved tactic as nothing', async () => {
        expect((await check(PLAN.replace('runs Ads, Flyers', 'runs Ads, Flyers, Ads'))).rules()).not.toContain(ID);
        expect((await check(PLAN.replace('runs Ads, Flyers', 'runs Ads, Flyers, Radio'))).rules()).not.toContain(ID);
    });

    it('stays silent when the amounts are in different currencies (currency-mismatch reports that)', async () => {
        const result = await check(PLAN.replace('budget 4_000 USD', 'budget 9_000 EUR'));
        expect(result.rules()).not.toContain(ID);
        const otherBudget = await check(PLAN.replace('budget 10_000 USD', 'budget 100 EUR'));
        expect(otherBudget.rules()).not.toContain(ID);
    });

    it('stays silent when the campaign or its tactics have no budget', async () => {
        expect((await check(PLAN.replace('    budget 10_000 USD\n', ''))).rules()).not.toContain(ID);
        const noTacticBudgets = PLAN.replace('    budget 6_000 USD\n', '').replace('    budget 4_000 USD\n', '');
        expect((await check(noTacticBudgets)).rules()).not.toContain(ID);
    });

    it('adds up tactics from an imported library and reports in the plan', async () => {
        const result = await check({
            'plan.mplan': 'import "tactics.mplan"\nplan Bakery { currency USD }\ncampaign Spring { budget 2_000 USD runs Ads, Flyers }\n',
            'tactics.mplan': 'tactic Ads { budget 1_500 USD }\ntactic Flyers { budget 1_000 USD }\n'
        });
        expect(found(result).map(f => [f.line, f.message])).toEqual([
            [3, "The tactics of campaign 'Spring' cost 2,500 USD, 500 USD more than its budget of 2,000 USD. Raise the budget or cut a tactic."]
        ]);
        expect(result.rules('tactics.mplan')).not.toContain(ID);
    });

    it('judges a campaign of a library in the library', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency USD }\n',
            'campaigns.mplan': 'tactic Ads { budget 1_500 USD }\ncampaign Spring { budget 1_000 USD runs Ads }\n'
        });
        expect(found(result, 'campaigns.mplan').map(f => f.line)).toEqual([2]);
        // Not in the currency of the plan that imports it: currency-mismatch's business, not this rule's.
        const foreign = await check({
            'plan.mplan': 'import "campaigns.mplan"\nplan Bakery { currency EUR }\n',
            'campaigns.mplan': 'tactic Ads { budget 1_500 USD }\ncampaign Spring { budget 1_000 USD runs Ads }\n'
        });
        expect(foreign.rules('campaigns.mplan')).not.toContain(ID);
    });
});

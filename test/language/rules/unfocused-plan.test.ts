import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../src/language/config/settings.js';
import { check } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
`;

const PRODUCTS = ['Box', 'Platter', 'Cake', 'Pie', 'Bread']
    .map(name => `product ${name} { benefit "Fresh" }\n`).join('');

const campaign = (promotes: string): string => `campaign Spring {\n    budget 10000 USD\n    promotes ${promotes}\n}\n`;

function unfocused(result: Awaited<ReturnType<typeof check>>, file?: string) {
    return result.findings(file).filter(f => f.rule === 'unfocused-plan');
}

/** The rule stays silent on a file that parses. */
function expectQuiet(result: Awaited<ReturnType<typeof check>>, file?: string): void {
    expect(result.rules(file)).not.toContain('unfocused-plan');
    expect(result.rules(file)).not.toContain('syntax-error');
}

describe('unfocused-plan', () => {
    it('uses the default limit of 3 products per campaign', () => {
        expect(DEFAULT_THRESHOLDS.maxProductsPerCampaign).toBe(3);
    });

    it('does not fire on a campaign promoting exactly the limit', async () => {
        expectQuiet(await check(PLAN + PRODUCTS + campaign('Box, Platter, Cake')));
    });

    it('fires on the campaign name one product past the limit', async () => {
        const result = await check(PLAN + PRODUCTS + campaign('Box, Platter, Cake, Pie'));
        expect(result.findings()).toContainEqual({
            rule: 'unfocused-plan', severity: 'warning', line: 10, column: 10, endLine: 10, endColumn: 16,
            message: "Campaign 'Spring' pushes 4 products at once (Box, Platter, Cake, Pie), more than the focus limit of 3: selling too many things at the same time spreads the effort thin. Keep it to 3 and give the others a campaign of their own."
        });
    });

    it('counts a product named twice once, across several promotes lines', async () => {
        const text = PLAN + PRODUCTS + 'campaign Spring {\n    promotes Box, Platter\n    promotes Platter, Cake, Box\n}\n';
        expectQuiet(await check(text));
    });

    it('counts the products of the strategies the campaign\'s tactics serve', async () => {
        const text = PLAN + PRODUCTS
            + 'strategy Office { statement "Own office catering" promotes Cake, Pie }\n'
            + 'tactic Ads { serves Office channel ppc budget 3000 USD }\n'
            + 'campaign Spring {\n    runs Ads\n    promotes Box, Platter, Cake\n}\n';
        const [found, ...more] = unfocused(await check(text));
        expect(more).toEqual([]);
        expect(found.message).toBe("Campaign 'Spring' pushes 4 products at once (Box, Platter, Cake, Pie, counting what the strategies its tactics serve promote), more than the focus limit of 3: selling too many things at the same time spreads the effort thin. Keep it to 3 and give the others a campaign of their own.");
    });

    it('does not fire when the strategies add nothing new', async () => {
        const text = PLAN + PRODUCTS
            + 'strategy Office { statement "Own office catering" promotes Box, Cake }\n'
            + 'tactic Ads { serves Office channel ppc }\ntactic Flyers { serves Office channel print }\n'
            + 'campaign Spring {\n    runs Ads, Flyers\n    promotes Box, Platter, Cake\n}\n';
        expectQuiet(await check(text));
    });

    it('does not fire on the plan focus at the limit', async () => {
        const text = PLAN.replace('    currency USD\n', '    currency USD\n    focus Box, Platter, Cake\n') + PRODUCTS;
        expectQuiet(await check(text));
    });

    it('fires on the focus of a plan one product past the limit', async () => {
        const text = PLAN.replace('    currency USD\n', '    currency USD\n    focus Box, Platter, Cake, Pie\n') + PRODUCTS;
        expect(unfocused(await check(text))).toEqual([{
            rule: 'unfocused-plan', severity: 'warning', line: 4, column: 5, endLine: 4, endColumn: 10,
            message: "The plan focuses on 4 products (Box, Platter, Cake, Pie), more than the focus limit of 3: a plan that tries to sell everything at once focuses on nothing. Name at most 3 in 'focus'."
        }]);
    });

    it('judges a campaign in a library where it is written, with products from anywhere in the plan', async () => {
        const result = await check({
            'plan.mplan': 'import "campaigns.mplan"\n' + PLAN,
            'campaigns.mplan': 'import "products.mplan"\n' + campaign('Box, Platter, Cake, Pie, Bread'),
            'products.mplan': PRODUCTS
        });
        expectQuiet(result);
        expect(unfocused(result, 'campaigns.mplan')).toEqual([expect.objectContaining({ line: 2, column: 10, message: expect.stringContaining('pushes 5 products at once') })]);
    });

    it('counts a product whose name does not resolve by its name', async () => {
        const result = await check(PLAN + PRODUCTS + campaign('Box, Platter, Cake, Pastry'));
        expect(result.rules()).toContain('unresolved-reference');
        expect(unfocused(result)[0].message).toContain('(Box, Platter, Cake, Pastry)');
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
`;

/** The rule stays silent on a file that parses. */
function expectQuiet(result: Awaited<ReturnType<typeof check>>, file?: string): void {
    expect(result.rules(file)).not.toContain('product-without-benefits');
    expect(result.rules(file)).not.toContain('syntax-error');
}

describe('product-without-benefits', () => {
    it('does not fire on a product with a benefit', async () => {
        const result = await check(PLAN + 'product Box {\n    price 49 USD\n    benefit "Baked the same morning"\n}\n');
        expectQuiet(result);
    });

    it('fires on the product name when no benefit is stated', async () => {
        const result = await check(PLAN + 'product Box {\n    price 49 USD\n}\n');
        expect(result.findings()).toContainEqual({
            rule: 'product-without-benefits', severity: 'warning', line: 5, column: 9, endLine: 5, endColumn: 12,
            message: `Product 'Box' states no benefit: if the plan cannot say why someone would want it, its ads and e-mails cannot either. Add 'benefit "…"' with what the buyer gains.`
        });
    });

    it('does not take a drawback or an improvement for a benefit, nor an empty text', async () => {
        const result = await check(PLAN + 'product Box { benefit " " drawback "Needs notice" mitigated by "Express tier" improvement "Bigger box" }\n');
        expect(result.rules()).toContain('product-without-benefits');
    });

    it('judges each product on its own', async () => {
        const result = await check(PLAN + 'product Box { benefit "Fresh" }\nproduct Platter { price 29 USD }\n');
        expect(result.findings().filter(f => f.rule === 'product-without-benefits').map(f => f.line)).toEqual([6]);
    });

    it('fires in the library that declares the product, not in the plan importing it', async () => {
        const result = await check({ 'plan.mplan': 'import "products.mplan"\n' + PLAN + 'product Box { benefit "Fresh" }\n', 'products.mplan': 'product Platter { price 29 USD }\n' });
        expectQuiet(result);
        expect(result.findings('products.mplan')).toContainEqual(expect.objectContaining({ rule: 'product-without-benefits', line: 1, column: 9 }));
    });
});

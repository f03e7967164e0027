import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
`;

/** The rule stays silent on a file that parses. */
function expectQuiet(result: Awaited<ReturnType<typeof check>>, file?: string): void {
    expect(result.rules(file)).not.toContain('unmitigated-drawback');
    expect(result.rules(file)).not.toContain('syntax-error');
}

describe('unmitigated-drawback', () => {
    it('does not fire on a drawback with a mitigation', async () => {
        const result = await check(PLAN + `product Box {\n    drawback "Needs a day's notice" mitigated by "Express tier for a surcharge"\n}\n`);
        expectQuiet(result);
    });

    it('does not fire on a product with no drawback', async () => {
        expectQuiet(await check(PLAN + 'product Box { benefit "Fresh" }\n'));
    });

    it('fires on the drawback itself', async () => {
        const result = await check(PLAN + `product Box {\n    benefit "Fresh"\n    drawback "Needs a day's notice"\n}\n`);
        expect(result.findings()).toContainEqual({
            rule: 'unmitigated-drawback', severity: 'warning', line: 7, column: 14, endLine: 7, endColumn: 36,
            message: `The drawback "Needs a day's notice" of product 'Box' has no correction or compensation: buyers will find it, so plan how to fix it or make up for it and write that after it as 'mitigated by "…"'.`
        });
    });

    it('reports each unmitigated drawback, and only those', async () => {
        const text = PLAN + `product Box {\n    drawback "Needs notice" mitigated by "Express tier"\n    drawback "Boxes are heavy"\n    drawback "No vegan option" mitigated by ""\n}\n`;
        const found = (await check(text)).findings().filter(f => f.rule === 'unmitigated-drawback');
        expect(found.map(f => [f.line, f.column])).toEqual([[7, 14], [8, 14]]);
        expect(found[1].message).toContain('"No vegan option"');
    });

    it('fires in the library that declares the product', async () => {
        const result = await check({ 'plan.mplan': 'import "products.mplan"\n' + PLAN, 'products.mplan': 'product Box { benefit "Fresh" drawback "Needs notice" }\n' });
        expectQuiet(result);
        expect(result.findings('products.mplan')).toContainEqual(expect.objectContaining({ rule: 'unmitigated-drawback', line: 1, column: 40 }));
    });
});

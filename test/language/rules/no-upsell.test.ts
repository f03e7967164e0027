import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const RULE = 'no-upsell';

const HEADER = `plan QuickSourdough {
    goal "Sell 2,000 copies of the sourdough e-book"
    currency USD
}
`;

const BOOK = 'product SourdoughBook {\n    price 19 USD\n    benefit "A loaf a day"\n}\n';
const COURSE = 'product VideoCourse {\n    price 79 USD\n    benefit "Watch every fold"\n}\n';

describe('no-upsell', () => {
    it('fires on the plan name when the plan sells only one product', async () => {
        const result = await check(HEADER + BOOK);
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 20,
            message: "The plan sells only one product ('SourdoughBook', line 5): once someone has bought it there is nothing else to offer them. Add a complementary product and offer it after the sale ('upsell SourdoughBook to ...')."
        });
    });

    it('fires when the plan has several products but offers none after a sale', async () => {
        const result = await check(HEADER + BOOK + COURSE);
        expect(result.findings().find(f => f.rule === RULE)?.message).toBe(
            "The plan has 2 products but offers none of them after a sale: no funnel upsells and no product complements another. Right after the sale, point the buyer to a complementary product ('upsell SourdoughBook to VideoCourse' in the funnel)."
        );
    });

    it('does not fire with an upsell in the funnel', async () => {
        expect((await check(`${HEADER}${BOOK}${COURSE}funnel { upsell SourdoughBook to VideoCourse }\n`)).rules()).not.toContain(RULE);
    });

    it('does not fire when a product complements another', async () => {
        const course = COURSE.replace('benefit', 'complements SourdoughBook\n    benefit');
        expect((await check(HEADER + BOOK + course)).rules()).not.toContain(RULE);
    });

    it('still fires on one product even with an upsell to itself in the funnel', async () => {
        expect((await check(`${HEADER}${BOOK}funnel { upsell SourdoughBook to SourdoughBook }\n`)).rules()).toContain(RULE);
    });

    it('does not count an upsell or a complement of a product to itself', async () => {
        const self = COURSE.replace('benefit', 'complements VideoCourse\n    benefit');
        expect((await check(`${HEADER}${BOOK}${self}funnel { upsell SourdoughBook to SourdoughBook }\n`)).rules()).toContain(RULE);
    });

    it('stays silent when the plan declares no product at all', async () => {
        expect((await check(HEADER)).rules()).not.toContain(RULE);
    });

    it('counts the products and upsells of imported files, and names where the only product is', async () => {
        const withCourse = await check({ 'plan.mplan': `import "products.mplan"\n${HEADER}${BOOK}funnel { upsell SourdoughBook to VideoCourse }\n`, 'products.mplan': COURSE });
        expect(withCourse.rules('plan.mplan')).not.toContain(RULE);
        const onlyImported = await check({ 'plan.mplan': `import "products.mplan"\n${HEADER}`, 'products.mplan': BOOK });
        expect(onlyImported.findings('plan.mplan').find(f => f.rule === RULE)?.message).toContain("('SourdoughBook', products.mplan:1)");
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        const result = await check({ 'products.mplan': BOOK, 'plan.mplan': `import "products.mplan"\n${HEADER}${COURSE}funnel { upsell SourdoughBook to VideoCourse }\n` });
        expect(result.rules('products.mplan')).not.toContain(RULE);
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });
});

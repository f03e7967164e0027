import type { Rule } from './rule.js';

export const noUpsell: Rule = {
    id: 'no-upsell',
    severity: 'warning',
    area: 'funnel',
    scope: 'plan',
    basis: '002 #4',
    description: 'The plan sells only one product, or offers no complementary product after a sale (no upsell, no complementary product).',
    check(model, report) {
        const { products, funnels } = model.all;
        // A plan that declares no product says nothing about what it sells: no guess.
        if (products.length === 0) return;
        if (products.length === 1) {
            const only = products[0];
            report({
                node: model.plan!,
                property: 'name',
                message: `The plan sells only one product ('${only.name}', ${model.where(only)}): once someone has bought it there is nothing else to offer them. Add a complementary product and offer it after the sale ('upsell ${only.name} to ...').`,
                related: [{ node: only, message: 'the only product of the plan' }],
                data: { products: 1 }
            });
            return;
        }
        // An upsell or a complement counts when it names another product (or one that does not resolve:
        // unresolved-reference reports that).
        if (funnels.some(funnel => funnel.upsells.some(upsell => upsell.from?.ref !== upsell.to?.ref || !upsell.to?.ref))) return;
        if (products.some(product => product.complements.some(ref => ref.ref !== product))) return;
        const names = products.slice(0, 2).map(product => product.name);
        report({
            node: model.plan!,
            property: 'name',
            message: `The plan has ${products.length} products but offers none of them after a sale: no funnel upsells and no product complements another. Right after the sale, point the buyer to a complementary product ('upsell ${names[0]} to ${names[1]}' in the funnel).`,
            data: { products: products.length }
        });
    }
};

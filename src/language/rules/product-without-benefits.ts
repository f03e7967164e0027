import type { Rule } from './rule.js';

export const productWithoutBenefits: Rule = {
    id: 'product-without-benefits',
    severity: 'warning',
    area: 'research',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001',
    description: 'A product with no stated benefit.',
    check(model, report) {
        for (const product of model.own.products) {
            if (product.benefits.some(text => text.trim() !== '')) continue;
            report({
                node: product,
                property: 'name',
                message: `Product '${product.name}' states no benefit: if the plan cannot say why someone would want it, its ads and e-mails cannot either. Add 'benefit "…"' with what the buyer gains.`
            });
        }
    }
};

import type { Rule } from './rule.js';

export const unmitigatedDrawback: Rule = {
    id: 'unmitigated-drawback',
    severity: 'warning',
    area: 'research',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001',
    description: 'A product drawback with no correction or compensation.',
    check(model, report) {
        for (const product of model.own.products) {
            for (const drawback of product.drawbacks) {
                if (drawback.mitigation?.trim()) continue;
                report({
                    node: drawback,
                    property: 'text',
                    message: `The drawback "${drawback.text}" of product '${product.name}' has no correction or compensation: buyers will find it, so plan how to fix it or make up for it and write that after it as 'mitigated by "…"'.`
                });
            }
        }
    }
};

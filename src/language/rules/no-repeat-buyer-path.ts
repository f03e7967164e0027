import type { Rule } from './rule.js';

export const noRepeatBuyerPath: Rule = {
    id: 'no-repeat-buyer-path',
    severity: 'error',
    area: 'funnel',
    scope: 'plan',
    basis: '000 #5, 002 #4, 004',
    description: 'Nothing turns a buyer into a repeat buyer (upsell, spin-off, improvement, loyalty offer).',
    check(model, report) {
        const { funnels, products } = model.all;
        const hasPath = funnels.some(f => f.upsells.length > 0 || f.loyalty.length > 0)
            || products.some(p => p.spinoffs.length > 0 || p.improvements.length > 0);
        if (hasPath) return;
        report({
            node: model.plan!,
            property: 'name',
            message: `Nothing in the plan turns a buyer into a repeat buyer. Add an upsell to the funnel ('upsell A to B'), a spin-off or an improvement to a product, or a loyalty offer.`
        });
    }
};

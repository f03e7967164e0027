import { followsBuyers } from '../model/flows.js';
import type { Rule } from './rule.js';

export const noRepeatBuyerPath: Rule = {
    id: 'no-repeat-buyer-path',
    severity: 'error',
    area: 'funnel',
    scope: 'plan',
    basis: '000 #5, 002 #4, 004',
    description: 'Nothing turns a buyer into a repeat buyer (upsell, spin-off, improvement, loyalty offer, a flow that follows buyers).',
    check(model, report) {
        const { funnels, products, flows } = model.all;
        // A flow that follows buyers (post-purchase, win-back) brings them back as much as a loyalty offer.
        const hasPath = funnels.some(f => f.upsells.length > 0 || f.loyalty.length > 0)
            || products.some(p => p.spinoffs.length > 0 || p.improvements.length > 0)
            || flows.some(followsBuyers);
        if (hasPath) return;
        report({
            node: model.plan!,
            property: 'name',
            message: `Nothing in the plan turns a buyer into a repeat buyer. Add an upsell to the funnel ('upsell A to B'), a spin-off or an improvement to a product, a loyalty offer, or a flow for buyers (a post-purchase or win-back series).`
        });
    }
};

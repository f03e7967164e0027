import type { Rule } from './rule.js';

export const noFreeOffer: Rule = {
    id: 'no-free-offer',
    severity: 'info',
    area: 'offer',
    scope: 'plan',
    basis: '000 #6',
    description: 'The plan offers nothing free for trying: no sample, trial or free item.',
    check(model, report) {
        if (model.all.offers.some(offer => offer.free.length > 0)) return;
        report({
            node: model.plan!,
            property: 'name',
            message: `The plan offers nothing free for trying. Add a free sample, trial or item to an offer (for example 'free trial 14 days'): people who try for free remember you kindly and often buy later.`,
            data: { offers: model.all.offers.length }
        });
    }
};

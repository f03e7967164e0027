import type { Rule } from './rule.js';

export const noSecurityAssurance: Rule = {
    id: 'no-security-assurance',
    severity: 'warning',
    area: 'offer',
    scope: 'plan',
    basis: '000 #3',
    description: 'Nothing in the plan reassures buyers that paying is secure.',
    check(model, report) {
        if (model.all.offers.some(offer => offer.security.some(text => text.trim() !== ''))) return;
        report({
            node: model.plan!,
            property: 'name',
            message: `Nothing in the plan reassures buyers that paying is secure, and some people are still afraid to buy online. Add a 'security' line to an offer saying how the payment is protected (for example 'security "Encrypted checkout by Stripe"').`,
            data: { offers: model.all.offers.length }
        });
    }
};

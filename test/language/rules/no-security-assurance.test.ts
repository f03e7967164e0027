import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const RULE = 'no-security-assurance';

const PLAN = `plan PhoneStore {
    goal "Sell refurbished phones online"
    currency EUR
}
offer {
    guarantee money back 30 days
    payments card, paypal
}
`;

const SECURE = PLAN.replace('    payments card, paypal\n', '    payments card, paypal\n    security "Encrypted checkout by Stripe"\n');

describe('no-security-assurance', () => {
    it('fires on the plan name when no offer reassures buyers about paying', async () => {
        const result = await check(PLAN);
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 16,
            message: `Nothing in the plan reassures buyers that paying is secure, and some people are still afraid to buy online. Add a 'security' line to an offer saying how the payment is protected (for example 'security "Encrypted checkout by Stripe"').`
        });
    });

    it('fires on a plan with no offer at all', async () => {
        expect((await check('plan PhoneStore {\n    currency EUR\n}\n')).rules()).toContain(RULE);
    });

    it('does not fire when an offer states a security assurance', async () => {
        expect((await check(SECURE)).rules()).not.toContain(RULE);
    });

    it('does not take an empty assurance as one', async () => {
        const text = PLAN.replace('    payments card, paypal\n', '    payments card, paypal\n    security "  "\n');
        expect((await check(text)).rules()).toContain(RULE);
    });

    it('counts an assurance declared in an imported file', async () => {
        const result = await check({ 'plan.mplan': 'import "trust.mplan"\n' + PLAN, 'trust.mplan': 'offer Trust {\n    security "3-D Secure card payments", "We never store card numbers"\n}\n' });
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });

    it('judges each plan by its own imports', async () => {
        const result = await check({
            'plan.mplan': PLAN,
            'secure.mplan': 'import "trust.mplan"\n' + PLAN.replace('PhoneStore', 'SecureStore'),
            'trust.mplan': 'offer Trust { security "Encrypted checkout" }\n'
        });
        expect(result.rules('plan.mplan')).toContain(RULE);
        expect(result.rules('secure.mplan')).not.toContain(RULE);
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        const result = await check({ 'offers.mplan': 'offer { payments card, paypal }\n' });
        expect(result.rules('offers.mplan')).not.toContain(RULE);
    });
});

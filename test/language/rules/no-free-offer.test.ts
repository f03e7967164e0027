import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const RULE = 'no-free-offer';

const PLAN = `plan CornerBakery {
    goal "Become the default caterer for downtown offices"
    currency USD
}
offer {
    guarantee money back 30 days
    payments card, paypal
}
`;

describe('no-free-offer', () => {
    it('fires, as advice, on the plan name when no offer gives anything free', async () => {
        const result = await check(PLAN);
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'info', line: 1, column: 6, endLine: 1, endColumn: 18,
            message: "The plan offers nothing free for trying. Add a free sample, trial or item to an offer (for example 'free trial 14 days'): people who try for free remember you kindly and often buy later."
        });
    });

    it('fires on a plan with no offer at all', async () => {
        const result = await check('plan CornerBakery {\n    currency USD\n}\n');
        expect(result.rules()).toContain(RULE);
    });

    it.each([
        ['a free sample', 'free sample "A tasting box of four pastries"'],
        ['a free trial', 'free trial 14 days'],
        ['a free item', 'free item "Coffee with every box"']
    ])('does not fire when an offer gives %s', async (_, free) => {
        const text = PLAN.replace('    payments card, paypal\n', `    payments card, paypal\n    ${free}\n`);
        expect((await check(text)).rules()).not.toContain(RULE);
    });

    it('does not fire when the free item is in a second offer', async () => {
        expect((await check(PLAN + 'offer Tasting { free sample }\n')).rules()).not.toContain(RULE);
    });

    it('counts a free item declared in an imported file', async () => {
        const result = await check({ 'plan.mplan': 'import "shared/offers.mplan"\n' + PLAN, 'shared/offers.mplan': 'offer Trial { free trial 7 days }\n' });
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });

    it('does not count a free item in a file the plan does not import', async () => {
        const result = await check({ 'plan.mplan': PLAN, 'other.mplan': 'offer Trial { free trial 7 days }\n' });
        expect(result.rules('plan.mplan')).toContain(RULE);
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        const result = await check({ 'offers.mplan': 'offer { payments card }\n', 'plan.mplan': 'import "offers.mplan"\n' + PLAN });
        expect(result.rules('offers.mplan')).not.toContain(RULE);
        expect(result.rules('plan.mplan')).toContain(RULE);
    });
});

import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, CLEAN_PLAN_LINES, GUARANTEE_OFFER, check } from '../../helpers.js';

const WITHOUT_OFFER = CLEAN_PLAN.replace(GUARANTEE_OFFER, '');

describe('missing-guarantee', () => {
    it('does not fire when an offer gives the money back', async () => {
        expect((await check(CLEAN_PLAN)).rules()).not.toContain('missing-guarantee');
    });

    it('does not fire when the guarantee is in an imported library', async () => {
        const result = await check({ 'plan.mplan': 'import "offer.mplan"\n' + WITHOUT_OFFER, 'offer.mplan': 'offer { guarantee money back 14 days }\n' });
        expect(result.rules()).not.toContain('missing-guarantee');
    });

    it('fires on the plan name when no offer gives the money back', async () => {
        const result = await check(WITHOUT_OFFER);
        expect(result.findings()).toContainEqual({
            rule: 'missing-guarantee', severity: 'error', line: 1, column: 6, endLine: 1, endColumn: 12,
            message: "The plan has no money-back guarantee: most buyers will not purchase without one. Add an offer with 'guarantee money back 30 days'."
        });
    });

    it('fires when the only guarantee is not a money-back one', async () => {
        const result = await check(WITHOUT_OFFER + 'offer { guarantee "Store credit" }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'missing-guarantee', message: expect.stringContaining(`The plan's guarantee (line ${CLEAN_PLAN_LINES - 3 + 1}) does not give the money back`) }));
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        const result = await check('segment S { who "s" }\n');
        expect(result.rules()).not.toContain('missing-guarantee');
    });
});

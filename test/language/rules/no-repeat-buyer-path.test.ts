import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';

const NO_PATH = CLEAN_PLAN.replace('    spinoff Platter\n', '').replace('    upsell Box to Platter\n', '');

describe('no-repeat-buyer-path', () => {
    it('does not fire when a product has a spin-off', async () => {
        expect((await check(CLEAN_PLAN)).rules()).not.toContain('no-repeat-buyer-path');
    });

    it.each([
        ['an upsell in the funnel', 'funnel { upsell Box to Platter }\n'],
        ['a loyalty offer', 'funnel { loyalty "Tenth box free" }\n'],
        ['an improvement of a product', 'product Box2 { improvement "A bigger box next year" }\n']
    ])('does not fire with %s', async (_, extra) => {
        expect((await check(NO_PATH + extra)).rules()).not.toContain('no-repeat-buyer-path');
    });

    it('fires on the plan name when nothing brings buyers back', async () => {
        const result = await check(NO_PATH);
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'no-repeat-buyer-path', severity: 'error', line: 1, column: 6 }));
    });

    it('counts what imported files declare', async () => {
        const result = await check({ 'plan.mplan': 'import "funnel.mplan"\n' + NO_PATH, 'funnel.mplan': 'funnel { loyalty "Stamp card" }\n' });
        expect(result.rules()).not.toContain('no-repeat-buyer-path');
    });
});

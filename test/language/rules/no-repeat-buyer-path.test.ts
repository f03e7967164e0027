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

    it('counts a flow that follows buyers (a win-back, a post-purchase series), and not one for people who have not bought', async () => {
        const winBack = `audience PastBuyers {\n    behaviour "bought a box in the last year"\n    within 1 year\n}\nflow WinBack {\n    channel email\n    audience PastBuyers\n    trigger "no box in 60 days"\n    step with news\n    step after 1 week with offer\n    stop when "they order again"\n}\n`;
        const afterPurchase = `flow Thanks {\n    channel sms\n    trigger "order delivered"\n    step after 2 days "How was your box?" with survey\n    stop when reviewed\n}\n`;
        const cart = `flow Cart {\n    channel email\n    trigger "cart abandoned"\n    step after 1 hour with reminder\n    stop when purchased\n}\n`;
        expect((await check(NO_PATH + winBack)).rules()).not.toContain('no-repeat-buyer-path');
        expect((await check(NO_PATH + afterPurchase)).rules()).not.toContain('no-repeat-buyer-path');
        const result = await check(NO_PATH + cart);
        expect(result.findings().find(f => f.rule === 'no-repeat-buyer-path')?.message).toBe(
            "Nothing in the plan turns a buyer into a repeat buyer. Add an upsell to the funnel ('upsell A to B'), a spin-off or an improvement to a product, a loyalty offer, or a flow for buyers (a post-purchase or win-back series).");
    });

    it('counts what imported files declare', async () => {
        const result = await check({ 'plan.mplan': 'import "funnel.mplan"\n' + NO_PATH, 'funnel.mplan': 'funnel { loyalty "Stamp card" }\n' });
        expect(result.rules()).not.toContain('no-repeat-buyer-path');
    });
});

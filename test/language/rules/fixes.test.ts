import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, GUARANTEE_OFFER, check, fixesFor } from '../../helpers.js';

/** CLEAN_PLAN without its guarantee; its other offer (free sample, payments, security) stays. */
const WITHOUT_GUARANTEE = CLEAN_PLAN.replace(GUARANTEE_OFFER, '');
const OTHER_OFFER = 'offer {\n    free sample "A tasting box"\n';
const FULL_GUARANTEE = 'guarantee money back 30 days claim "Reply to your receipt" refunds "The full price"';

/** Checks a fix's text again and returns the rule ids still found. */
async function rulesAfter(text: string, files: Record<string, string> = {}): Promise<string[]> {
    return (await check({ 'plan.mplan': text, ...files })).rules();
}

/**
 * Which of `rules` a fix's text still breaks: a fix must remove the finding of its rule (and of the rules
 * it means to satisfy too) without a syntax error; what other rules say of the plan is not its business.
 */
async function stillBroken(text: string, rules: string[], files: Record<string, string> = {}): Promise<string[]> {
    return (await rulesAfter(text, files)).filter(rule => rules.includes(rule));
}

describe('quick fixes from the rule registry', () => {
    it('missing-guarantee: adds a complete money-back guarantee to an offer of the file', async () => {
        const [fix, ...more] = await fixesFor(await check(WITHOUT_GUARANTEE), 'missing-guarantee');
        expect(more).toEqual([]);
        expect(fix).toMatchObject({ title: 'Add a 30-day money-back guarantee (full price, claimed by replying to the receipt; check that you offer it)', preferred: false });
        expect(fix.result).toBe(WITHOUT_GUARANTEE.replace(OTHER_OFFER, `offer {\n    ${FULL_GUARANTEE}\n    free sample "A tasting box"\n`));
        // A complete guarantee: neither missing nor weak.
        expect(await stillBroken(fix.result, ['missing-guarantee', 'weak-guarantee', 'syntax-error'])).toEqual([]);
    });

    it('missing-guarantee: adds an offer block when the file has none', async () => {
        const [fix] = await fixesFor(await check({ 'plan.mplan': 'import "lib.mplan"\nplan P { goal "g" }\n', 'lib.mplan': 'offer { payments card }\n' }), 'missing-guarantee');
        expect(fix.result).toBe(`import "lib.mplan"\nplan P { goal "g" }\n\noffer {\n    ${FULL_GUARANTEE}\n}\n`);
        const after = await rulesAfter(fix.result, { 'lib.mplan': 'offer { payments card }\n' });
        expect(after).not.toContain('missing-guarantee');
        expect(after).not.toContain('weak-guarantee');
        expect(after).not.toContain('syntax-error');
    });

    it('missing-guarantee: turns a guarantee that is not money-back into one, keeping its term', async () => {
        const text = WITHOUT_GUARANTEE.replace(OTHER_OFFER, 'offer {\n    guarantee "Store credit" 60 days\n    free sample "A tasting box"\n');
        const [fix] = await fixesFor(await check(text), 'missing-guarantee');
        expect(fix.title).toBe('Make the guarantee a money-back guarantee (check that you will refund)');
        expect(fix.result).toContain('    guarantee money back 60 days claim "Reply to your receipt" refunds "The full price"\n');
        expect(await stillBroken(fix.result, ['missing-guarantee', 'weak-guarantee', 'syntax-error'])).toEqual([]);
    });

    it('tactic-without-strategy: one fix per strategy, each linking the tactic to it', async () => {
        const text = CLEAN_PLAN.replace('    serves Office\n', '') + 'strategy Online { statement "Sell online" targets Managers }\n';
        const fixes = await fixesFor(await check(text), 'tactic-without-strategy');
        expect(fixes.map(f => f.title)).toEqual(["Serve strategy 'Office'", "Serve strategy 'Online'"]);
        expect(fixes[0].result).toContain('tactic Ads {\n    serves Office\n    channel ppc on linkedin');
        expect(await rulesAfter(fixes[0].result)).not.toContain('tactic-without-strategy');
        expect(await rulesAfter(fixes[1].result)).not.toContain('tactic-without-strategy');
        expect(await rulesAfter(fixes[0].result)).not.toContain('syntax-error');
    });

    it('tactic-without-strategy: a one-line tactic gets the link inline', async () => {
        const text = CLEAN_PLAN + 'tactic Flyers { channel print }\n';
        const [fix] = await fixesFor(await check(text), 'tactic-without-strategy');
        expect(fix.result).toBe(CLEAN_PLAN + 'tactic Flyers { serves Office channel print }\n');
        expect(await rulesAfter(fix.result)).not.toContain('tactic-without-strategy');
    });

    it('unresolved-reference: offers the nearest names', async () => {
        const text = CLEAN_PLAN.replace('serves Office', 'serves Ofice');
        const [fix] = await fixesFor(await check(text), 'unresolved-reference');
        expect(fix).toMatchObject({ title: "Change to 'Office'", preferred: true });
        expect(fix.result).toBe(CLEAN_PLAN);
    });

    it('unresolved-reference: imports the file that declares the name', async () => {
        const segment = CLEAN_PLAN.slice(CLEAN_PLAN.indexOf('segment Managers {'), CLEAN_PLAN.indexOf('strategy Office {'));
        const files = { 'people.mplan': segment.replace('Managers', 'Executives'), 'shared.mplan': 'competitor X { strength "s" weakness "w" we differ by "d" }\n' };
        const text = 'import "shared.mplan"\n' + CLEAN_PLAN.replace(segment, '').replace('targets Managers', 'targets Executives');
        const [fix] = await fixesFor(await check({ 'plan.mplan': text, ...files }), 'unresolved-reference');
        expect(fix.title).toBe("Import 'people.mplan'");
        expect(fix.result.startsWith('import "shared.mplan"\nimport "people.mplan"\n')).toBe(true);
        expect(await stillBroken(fix.result, ['unresolved-reference', 'unresolved-import', 'syntax-error'], files)).toEqual([]);
    });
});

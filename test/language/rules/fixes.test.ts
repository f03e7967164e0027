import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check, fixesFor } from '../../helpers.js';

const WITHOUT_OFFER = CLEAN_PLAN.replace('offer {\n    guarantee money back 30 days\n}\n', '');

/** Applies a fix's text, checks it again, and returns the rule ids still found. */
async function rulesAfter(text: string, files: Record<string, string> = {}): Promise<string[]> {
    return (await check({ 'plan.mplan': text, ...files })).rules();
}

describe('quick fixes from the rule registry', () => {
    it('missing-guarantee: adds an offer with a money-back guarantee when there is none', async () => {
        const [fix, ...more] = await fixesFor(await check(WITHOUT_OFFER), 'missing-guarantee');
        expect(more).toEqual([]);
        expect(fix).toMatchObject({ title: 'Add a 30-day money-back guarantee', preferred: true });
        expect(fix.result).toBe(WITHOUT_OFFER + '\noffer {\n    guarantee money back 30 days\n}\n');
        expect(await rulesAfter(fix.result)).toEqual([]);
    });

    it('missing-guarantee: adds the guarantee to an existing offer', async () => {
        const text = WITHOUT_OFFER + 'offer { payments card, paypal }\n';
        const [fix] = await fixesFor(await check(text), 'missing-guarantee');
        expect(fix.result).toBe(WITHOUT_OFFER + 'offer { guarantee money back 30 days payments card, paypal }\n');
        expect(await rulesAfter(fix.result)).toEqual([]);
    });

    it('missing-guarantee: turns a guarantee that is not money-back into one', async () => {
        const text = WITHOUT_OFFER + 'offer {\n    guarantee "Store credit"\n}\n';
        const [fix] = await fixesFor(await check(text), 'missing-guarantee');
        expect(fix.title).toBe('Make the guarantee a 30-day money-back guarantee');
        expect(fix.result).toBe(WITHOUT_OFFER + 'offer {\n    guarantee money back 30 days\n}\n');
        expect(await rulesAfter(fix.result)).toEqual([]);
    });

    it('tactic-without-strategy: one fix per strategy, each linking the tactic to it', async () => {
        const text = CLEAN_PLAN.replace('    serves Office\n', '') + 'strategy Online { statement "Sell online" }\n';
        const fixes = await fixesFor(await check(text), 'tactic-without-strategy');
        expect(fixes.map(f => f.title)).toEqual(["Serve strategy 'Office'", "Serve strategy 'Online'"]);
        expect(fixes[0].result).toContain('tactic Ads {\n    serves Office\n    channel ppc on linkedin');
        expect(await rulesAfter(fixes[0].result)).toEqual([]);
        expect(await rulesAfter(fixes[1].result)).not.toContain('tactic-without-strategy');
    });

    it('tactic-without-strategy: a one-line tactic gets the link inline', async () => {
        const text = CLEAN_PLAN + 'tactic Flyers { channel print }\n';
        const [fix] = await fixesFor(await check(text), 'tactic-without-strategy');
        expect(fix.result).toBe(CLEAN_PLAN + 'tactic Flyers { serves Office channel print }\n');
        expect(await rulesAfter(fix.result)).toEqual([]);
    });

    it('unresolved-reference: offers the nearest names', async () => {
        const text = CLEAN_PLAN.replace('serves Office', 'serves Ofice');
        const [fix] = await fixesFor(await check(text), 'unresolved-reference');
        expect(fix).toMatchObject({ title: "Change to 'Office'", preferred: true });
        expect(fix.result).toBe(CLEAN_PLAN);
    });

    it('unresolved-reference: imports the file that declares the name', async () => {
        const people = { 'people.mplan': 'segment Executives { who "Executives" }\n' };
        const text = 'import "shared.mplan"\n' + CLEAN_PLAN.replace('targets Managers', 'targets Executives');
        const files = { ...people, 'shared.mplan': 'competitor X { strength "s" }\n' };
        const [fix] = await fixesFor(await check({ 'plan.mplan': text, ...files }), 'unresolved-reference');
        expect(fix.title).toBe("Import 'people.mplan'");
        expect(fix.result.startsWith('import "shared.mplan"\nimport "people.mplan"\n')).toBe(true);
        expect(await rulesAfter(fix.result, files)).toEqual([]);
    });
});

import { AstUtils } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Strategy, Tactic } from '../../src/language/generated/ast.js';
import { CLEAN_PLAN, GUARANTEE_OFFER, check, fileSystem, services, uriOf, type Found } from '../helpers.js';

/** CLEAN_PLAN with its segment and its guarantee moved to libraries: the plan imports the market. */
const SEGMENT = CLEAN_PLAN.slice(CLEAN_PLAN.indexOf('segment Managers {'), CLEAN_PLAN.indexOf('strategy Office {'));
const PLAN = 'import "shared/market.mplan"\n' + CLEAN_PLAN.replace(SEGMENT, '').replace(GUARANTEE_OFFER, '');

/** The market imports the offer: the guarantee reaches the plan through two imports. */
const MARKET = `import "offer.mplan"
${SEGMENT}`;

const OFFER = GUARANTEE_OFFER;

/**
 * The rules CLEAN_PLAN breaks when it is whole, in one file: none (test/language/examples.test.ts holds
 * it to that). Split, it must break no other: the tests below look only at the findings beyond those, so
 * that a rule added to the registry changes nothing here.
 */
let whole: Set<string>;
beforeAll(async () => { whole = new Set((await check(CLEAN_PLAN)).rules()); });

/** The findings of a rule that the whole CLEAN_PLAN does not break. */
function beyondWhole(found: Found[]): Found[] {
    return found.filter(f => !whole.has(f.rule));
}

/** The rule ids found, beyond those of the whole CLEAN_PLAN, sorted. */
function rulesBeyondWhole(rules: string[]): string[] {
    return rules.filter(rule => !whole.has(rule));
}

describe('a plan split over several files', () => {
    it('resolves names across files, through imports of imports, and is judged clean', async () => {
        const result = await check({ 'plan.mplan': PLAN, 'shared/market.mplan': MARKET, 'shared/offer.mplan': OFFER });
        expect(beyondWhole(result.findings('plan.mplan'))).toEqual([]);
        const strategy = result.documents.get('plan.mplan')!.parseResult.value.elements.find(e => e.$type === 'Strategy') as Strategy;
        const target = strategy.targets[0].ref!;
        expect(AstUtils.getDocument(target).uri.path).toBe('/workspace/shared/market.mplan');
    });

    it('judges the plan with what its imports declare (the guarantee is two imports away)', async () => {
        const without = await check({ 'plan.mplan': PLAN, 'shared/market.mplan': MARKET.replace('import "offer.mplan"\n', ''), 'shared/offer.mplan': OFFER });
        expect(rulesBeyondWhole(without.rules('plan.mplan'))).toEqual(['missing-guarantee']);
    });

    it('judges a library only as a part of the plans that import it', async () => {
        const result = await check({ 'plan.mplan': PLAN, 'shared/market.mplan': MARKET, 'shared/offer.mplan': OFFER });
        expect(beyondWhole(result.findings('shared/market.mplan'))).toEqual([]);
        expect(beyondWhole(result.findings('shared/offer.mplan'))).toEqual([]);
    });

    it('does not see files it does not import', async () => {
        const result = await check({ 'plan.mplan': PLAN.replace('import "shared/market.mplan"\n', ''), 'shared/market.mplan': MARKET, 'shared/offer.mplan': OFFER });
        const rules = result.rules('plan.mplan');
        expect(rules).toContain('unresolved-reference');
        expect(rules).toContain('missing-guarantee');
        expect(rules).toContain('no-target-market');
    });

    it('re-judges a plan when an imported file changes, without touching the plan', async () => {
        const result = await check({ 'plan.mplan': PLAN, 'shared/market.mplan': MARKET, 'shared/offer.mplan': OFFER });
        expect(beyondWhole(result.findings('plan.mplan'))).toEqual([]);
        const { shared } = services;
        const offerUri = uriOf('shared/offer.mplan');
        fileSystem.write(offerUri, 'offer { payments card }\n');
        await shared.workspace.DocumentBuilder.update([offerUri], []);
        const plan = shared.workspace.LangiumDocuments.getDocument(uriOf('plan.mplan'))!;
        expect(rulesBeyondWhole((plan.diagnostics ?? []).map(d => String(d.code)))).toEqual(['missing-guarantee']);
    });

    it('links a reference to the block in its own file before an imported one', async () => {
        const result = await check({
            'plan.mplan': 'import "lib.mplan"\ntactic T { serves S }\nstrategy S { statement "here" }\n',
            'lib.mplan': 'strategy S { statement "there" }\n'
        });
        const tactic = result.documents.get('plan.mplan')!.parseResult.value.elements[0] as Tactic;
        expect(tactic.serves[0].ref?.statement).toBe('here');
    });
});

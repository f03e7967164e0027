import { describe, expect, it, vi } from 'vitest';
import type { Rule } from '../../../src/language/rules/rule.js';

/**
 * Rules with a bug, each failing its own way: an error, a stack overflow, a
 * thrown string, a review phase that throws. No input makes a rule of the
 * registry throw (the fuzz tests look for one), so these stand in for one.
 */
const FAILING: Rule[] = [
    { id: 'stub-throws', severity: 'warning', area: 'language', scope: 'file', description: 'Throws an error.', check() { throw new Error('boom'); } },
    { id: 'stub-overflows', severity: 'warning', area: 'language', scope: 'file', description: 'Recurses without end.', check() { const down = (n: number): number => down(n + 1) + 1; down(0); } },
    { id: 'stub-throws-string', severity: 'error', area: 'language', scope: 'plan', description: 'Throws a string.', check() { throw 'not an Error'; } },
    { id: 'stub-review-throws', severity: 'info', area: 'language', scope: 'file', description: 'Throws in review.', check() { /* nothing */ }, review() { throw new TypeError('no review'); } }
];

// The validator reads the registry; here it holds the failing rules too. The registry file is not touched.
vi.mock('../../../src/language/rules/index.js', async importOriginal => {
    const registry = await importOriginal<typeof import('../../../src/language/rules/index.js')>();
    return { ...registry, RULES: Object.freeze([...registry.RULES, ...FAILING]) };
});

const { check, CLEAN_PLAN, services } = await import('../../helpers.js');
const { RULES } = await import('../../../src/language/rules/index.js');
const { runRules } = await import('../../../src/language/rules/engine.js');

/** A plan with a loose tactic, and a silenced one: review phases run only where a suppression comment is. */
const PLAN = CLEAN_PLAN + 'tactic Loose { channel seo }\n// mplan-disable-next-line tactic-without-strategy -- kept on purpose\ntactic Quiet { channel seo }\n';

describe('a rule that fails', () => {
    it('becomes one finding of that rule, at the top of the file, and every other rule still reports', async () => {
        const checked = await check(PLAN);
        const findings = checked.findings();
        for (const [rule, reason] of [['stub-throws', 'boom'], ['stub-overflows', 'Maximum call stack size exceeded'], ['stub-throws-string', 'not an Error'], ['stub-review-throws', 'no review']]) {
            const own = findings.filter(f => f.rule === rule);
            expect(own).toHaveLength(1);
            expect(own[0]).toMatchObject({ line: 1, column: 1 });
            expect(own[0].message).toBe(`mplan could not run the rule '${rule}' on this file (${reason}). This is a bug in mplan; the other rules still ran.`);
        }
        // The registry's own rules report what they report without the failing ones: the plan's loose tactic.
        const document = checked.documents.get('plan.mplan')!;
        const model = services.Mplan.model.PlanModelProvider.get(document);
        const healthy = RULES.filter(rule => !FAILING.includes(rule));
        const expected = runRules(model, healthy).map(f => f.rule.id).sort();
        expect(expected).toContain('tactic-without-strategy');
        expect(findings.map(f => f.rule).filter(id => !id.startsWith('stub-')).sort()).toEqual(expected);
    });

    it('is reported at the level the rule has, and each time the file is judged again', async () => {
        const first = await check(PLAN);
        const second = await check(PLAN + '\n');
        for (const checked of [first, second]) {
            expect(checked.findings().filter(f => f.rule.startsWith('stub-')).map(f => [f.rule, f.severity])).toEqual(
                ([['stub-throws', 'warning'], ['stub-overflows', 'warning'], ['stub-throws-string', 'error'], ['stub-review-throws', 'info']]));
        }
    });

    it('hands each failure to the caller, which is how the language server logs the stack', async () => {
        const checked = await check(PLAN);
        const model = services.Mplan.model.PlanModelProvider.get(checked.documents.get('plan.mplan')!);
        const failures: Array<[string, unknown]> = [];
        runRules(model, FAILING, (rule, error) => failures.push([rule.id, error]));
        expect(failures.map(([id]) => id)).toEqual(['stub-throws', 'stub-overflows', 'stub-throws-string', 'stub-review-throws']);
        expect(failures[0][1]).toBeInstanceOf(Error);
        expect((failures[0][1] as Error).stack).toContain('boom');
    });
});

import { describe, expect, it } from 'vitest';
import { parseSuppressions } from '../../../src/language/rules/suppressions.js';
import { CLEAN_PLAN, CLEAN_PLAN_LINES, GUARANTEE_OFFER, check } from '../../helpers.js';

const LOOSE = 'tactic Flyers { channel print }\n';

describe('suppression comments', () => {
    it('silence a rule on the next line', async () => {
        const result = await check(CLEAN_PLAN + '// mplan-disable-next-line tactic-without-strategy -- flyers are a test\n' + LOOSE);
        expect(result.rules()).not.toContain('tactic-without-strategy');
        expect(result.rules()).not.toContain('unused-suppression');
    });

    it('silence only the next line, and only the rules they name', async () => {
        const result = await check(CLEAN_PLAN + '// mplan-disable-next-line tactic-without-strategy\n\n' + LOOSE);
        const found = result.findings().filter(f => f.rule === 'tactic-without-strategy' || f.rule === 'unused-suppression');
        expect(found.map(f => [f.rule, f.line])).toEqual([['unused-suppression', CLEAN_PLAN_LINES + 1], ['tactic-without-strategy', CLEAN_PLAN_LINES + 3]]);
    });

    it('silence a rule in the whole file, wherever the comment stands', async () => {
        const result = await check('// mplan-disable-file tactic-without-strategy\n' + CLEAN_PLAN + LOOSE + 'tactic Posters { channel outdoor }\n');
        expect(result.rules()).not.toContain('tactic-without-strategy');
        expect(result.rules()).not.toContain('unused-suppression');
    });

    it('silence plan-wide findings placed on the plan name', async () => {
        const text = CLEAN_PLAN.replace(GUARANTEE_OFFER, '');
        const result = await check('// mplan-disable-next-line missing-guarantee\n' + text);
        expect(result.rules()).not.toContain('missing-guarantee');
    });

    it('report a suppression that silences nothing, at the rule id, as a warning', async () => {
        const result = await check(CLEAN_PLAN + '// mplan-disable-next-line missing-guarantee\ntactic T { serves Office }\n');
        expect(result.findings().filter(f => f.rule === 'unused-suppression')).toEqual([expect.objectContaining({
            severity: 'warning', line: CLEAN_PLAN_LINES + 1, column: 28, endColumn: 45,
            message: "'missing-guarantee' finds nothing on the next line, so this suppression silences nothing: remove it."
        })]);
    });

    it('report an unknown rule id and a suppression naming no rule', async () => {
        const result = await check(CLEAN_PLAN + '// mplan-disable-file no-such-rule\n// mplan-disable-next-line\n');
        expect(result.findings().filter(f => f.rule === 'unused-suppression').map(f => f.message)).toEqual([
            "There is no rule 'no-such-rule' to silence (mplan rules lists them).",
            "This suppression names no rule: write the ids of the rules to silence on the next line, e.g. 'mplan-disable-next-line no-free-offer'."
        ]);
    });

    it('are comments only: the same words in quotes do nothing', () => {
        expect(parseSuppressions('plan P { goal "// mplan-disable-file missing-guarantee" }\n')).toEqual([]);
        expect(parseSuppressions('plan P { // mplan-disable-next-line a, b -- why\n}')).toEqual([expect.objectContaining({
            kind: 'next-line', line: 1, ids: [expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'b' })]
        })]);
    });
});

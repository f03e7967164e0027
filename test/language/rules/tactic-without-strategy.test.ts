import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';

describe('tactic-without-strategy', () => {
    it('does not fire on a tactic that serves a strategy', async () => {
        expect((await check(CLEAN_PLAN)).rules()).not.toContain('tactic-without-strategy');
    });

    it('fires on the tactic name, naming the strategies it could serve', async () => {
        const result = await check(CLEAN_PLAN.replace('    serves Office\n', ''));
        expect(result.findings()).toContainEqual({
            rule: 'tactic-without-strategy', severity: 'warning', line: 22, column: 8, endLine: 22, endColumn: 11,
            message: "Tactic 'Ads' serves no strategy, so it is hit or miss. Add 'serves' with the strategy it works for (Office)."
        });
    });

    it('fires in a library too, since serving is a fact of the tactic itself', async () => {
        const result = await check('tactic Flyers { channel print }\n');
        expect(result.findings()).toEqual([expect.objectContaining({ rule: 'tactic-without-strategy', message: "Tactic 'Flyers' serves no strategy, so it is hit or miss. The plan declares no strategy yet: write one, then add 'serves' to this tactic." })]);
    });

    it('does not double-report a tactic whose strategy is misspelt (that is an unresolved reference)', async () => {
        const result = await check(CLEAN_PLAN.replace('serves Office', 'serves Ofice'));
        expect(result.rules()).toContain('unresolved-reference');
        expect(result.rules()).not.toContain('tactic-without-strategy');
    });
});

import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';
import { STRATEGY_PLAN as PLAN } from './strategy-plan.js';


const UNTARGETED = PLAN.replace('    targets Managers\n', '');

describe('strategy-without-target', () => {
    it('does not fire on a strategy that targets a segment', async () => {
        expect((await check(PLAN)).rules()).not.toContain('strategy-without-target');
    });

    it('fires on the strategy name, naming the segments it could target', async () => {
        const result = await check(UNTARGETED);
        expect(result.findings()).toContainEqual({
            rule: 'strategy-without-target', severity: 'warning', line: 8, column: 10, endLine: 8, endColumn: 16,
            message: "Strategy 'Office' targets no segment, so its tactics cannot tell whom they speak to or how to slant their message. Add 'targets' with the segment it is for (Managers)."
        });
    });

    it('lists at most three segments', async () => {
        const more = 'segment Students { who "s" }\nsegment Parents { who "p" }\nsegment Clubs { who "c" }\n';
        const result = await check(UNTARGETED + more);
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'strategy-without-target', message: expect.stringContaining('(Managers, Students, Parents, …)')
        }));
    });

    it('does not double-report a strategy whose segment is misspelt (that is an unresolved reference)', async () => {
        const result = await check(PLAN.replace('targets Managers', 'targets Manager'));
        expect(result.rules()).toContain('unresolved-reference');
        expect(result.rules()).not.toContain('strategy-without-target');
    });

    it('fires in a library too, since targeting is a fact of the strategy itself', async () => {
        const result = await check('strategy Office { statement "Own office catering" }\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'strategy-without-target',
            message: "Strategy 'Office' targets no segment, so its tactics cannot tell whom they speak to or how to slant their message. The plan describes no customer segment yet: write one, then add 'targets' to this strategy."
        }));
    });

    it('does not fire when the targeted segment is in an imported file', async () => {
        const files = {
            'plan.mplan': 'import "market.mplan"\n' + PLAN.replace(/segment Managers \{\n.*\n\}\n/, ''),
            'market.mplan': 'segment Managers { who "Office managers" }\n'
        };
        const result = await check(files);
        expect(result.rules()).not.toContain('strategy-without-target');
        expect(result.rules()).not.toContain('unresolved-reference');
    });

    it('fix: one per segment visible from the file, each adding it as the first fact', async () => {
        const text = UNTARGETED + 'segment Students { who "Students" }\n';
        const fixes = await fixesFor(await check(text), 'strategy-without-target');
        expect(fixes.map(f => [f.title, f.preferred])).toEqual([["Target segment 'Managers'", false], ["Target segment 'Students'", false]]);
        expect(fixes[0].result).toContain('strategy Office {\n    targets Managers\n    statement "Own office catering"\n}');
        const after = await check(fixes[1].result);
        expect(after.rules()).not.toContain('strategy-without-target');
        expect(after.rules()).not.toContain('syntax-error');
        expect(after.rules()).not.toContain('unresolved-reference');
    });

    it('fix: a segment from an imported file, inline in a one-line strategy', async () => {
        const market = { 'market.mplan': 'segment Managers { who "Office managers" }\n' };
        const text = 'import "market.mplan"\nplan Bakery { goal "Be the caterer of downtown offices" }\nstrategy Office { statement "Own office catering" }\n';
        const [fix, ...more] = await fixesFor(await check({ 'plan.mplan': text, ...market }), 'strategy-without-target');
        expect(more).toEqual([]);
        expect(fix).toMatchObject({ title: "Target segment 'Managers'", preferred: true });
        expect(fix.result).toBe(text.replace('strategy Office {', 'strategy Office { targets Managers'));
        const after = await check({ 'plan.mplan': fix.result, ...market });
        expect(after.rules()).not.toContain('strategy-without-target');
        expect(after.rules()).not.toContain('syntax-error');
        expect(after.rules()).not.toContain('unresolved-reference');
    });

    it('fix: none when no segment is visible from the file', async () => {
        expect(await fixesFor(await check('strategy Office { statement "Own office catering" }\n'), 'strategy-without-target')).toEqual([]);
    });
});

import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, CLEAN_PLAN_LINES, check } from '../../helpers.js';

describe('duplicate-name', () => {
    it('does not fire when names are unique per kind (a product and a segment may share one)', async () => {
        const result = await check(CLEAN_PLAN + 'segment Box { who "Box collectors" }\n');
        expect(result.rules()).not.toContain('duplicate-name');
    });

    it('fires on both blocks of the same kind and name in one file', async () => {
        const result = await check(CLEAN_PLAN + 'strategy Office { statement "Again" }\n');
        const found = result.findings().filter(f => f.rule === 'duplicate-name');
        expect(found.map(f => [f.line, f.column])).toEqual([[18, 10], [CLEAN_PLAN_LINES + 1, 10]]);
        expect(found[0].message).toBe(`There is more than one strategy named 'Office' (another is at line ${CLEAN_PLAN_LINES + 1}). Give each strategy its own name.`);
    });

    it('fires across an import', async () => {
        const result = await check({
            'plan.mplan': 'import "market.mplan"\n' + CLEAN_PLAN,
            'market.mplan': 'segment Managers { who "Also managers" }\n'
        });
        expect(result.findings('plan.mplan')).toContainEqual(expect.objectContaining({
            rule: 'duplicate-name', line: 15, message: "There is more than one segment named 'Managers' (another is at market.mplan:1). Give each segment its own name."
        }));
    });

    it('fires on the import through which two libraries bring the same name into a plan', async () => {
        const result = await check({
            'plan.mplan': 'import "a.mplan"\nimport "b.mplan"\n' + CLEAN_PLAN,
            'a.mplan': 'competitor BigBakes { strength "Cheap" }\n',
            'b.mplan': 'competitor BigBakes { strength "Big" }\n'
        });
        const found = result.findings('plan.mplan').filter(f => f.rule === 'duplicate-name');
        expect(found).toEqual([expect.objectContaining({ line: 2, column: 8, message: "Through this import the plan sees two competitor blocks named 'BigBakes', at a.mplan:1 and b.mplan:1. Rename one of them." })]);
        expect(result.rules('a.mplan')).not.toContain('duplicate-name');
    });

    it('fires on a second plan in a file and on an import of another plan', async () => {
        const result = await check({
            'plan.mplan': 'import "other.mplan"\n' + CLEAN_PLAN + 'plan Second { goal "x" }\n',
            'other.mplan': 'plan Other { goal "y" }\n'
        });
        const found = result.findings('plan.mplan').filter(f => f.rule === 'duplicate-name');
        expect(found.map(f => f.line)).toEqual([1, CLEAN_PLAN_LINES + 2]);
        expect(found[0].message).toBe("'other.mplan' holds the plan 'Other'; a file imports libraries only, never another plan.");
        expect(found[1].message).toContain('a file holds at most one plan');
    });
});

import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';

describe('import-cycle', () => {
    it('does not fire on a chain of imports, nor on two imports of one library', async () => {
        const result = await check({
            'plan.mplan': 'import "a.mplan"\nimport "b.mplan"\n' + CLEAN_PLAN,
            'a.mplan': 'import "b.mplan"\n',
            'b.mplan': 'competitor X { strength "s" }\n'
        });
        expect(result.rules()).not.toContain('import-cycle');
        expect(result.rules('a.mplan')).not.toContain('import-cycle');
    });

    it('fires in every file of the cycle, naming the files in order, and still resolves names', async () => {
        const result = await check({
            'plan.mplan': 'import "a.mplan"\n' + CLEAN_PLAN.replace('targets Managers', 'targets Buyers'),
            'a.mplan': 'import "b.mplan"\n',
            'b.mplan': 'import "a.mplan"\nsegment Buyers { who "b" }\n'
        });
        expect(result.rules()).not.toContain('import-cycle');
        expect(result.rules()).not.toContain('unresolved-reference');
        expect(result.findings('a.mplan').filter(f => f.rule === 'import-cycle')).toEqual([expect.objectContaining({ severity: 'warning', line: 1, column: 8, message: 'This import closes a cycle: a.mplan → b.mplan → a.mplan.' })]);
        expect(result.findings('b.mplan').filter(f => f.rule === 'import-cycle')).toEqual([expect.objectContaining({ message: 'This import closes a cycle: b.mplan → a.mplan → b.mplan.' })]);
    });

    it('fires on a file that imports itself', async () => {
        const result = await check({ 'lib.mplan': 'import "lib.mplan"\n' });
        expect(result.findings('lib.mplan')).toEqual([expect.objectContaining({ rule: 'import-cycle', message: 'This import closes a cycle: lib.mplan → lib.mplan.' })]);
    });
});

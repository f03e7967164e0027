import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';

describe('unresolved-import', () => {
    it('does not fire on an import of an existing plan file', async () => {
        const result = await check({ 'plan.mplan': 'import "shared/lib.mplan"\n' + CLEAN_PLAN, 'shared/lib.mplan': 'competitor X { strength "s" }\n' });
        expect(result.rules()).not.toContain('unresolved-import');
    });

    it('fires on a missing file, at the path', async () => {
        const result = await check('import "shared/missing.mplan"\n' + CLEAN_PLAN);
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'unresolved-import', severity: 'error', line: 1, column: 8, endColumn: 30,
            message: "Cannot find 'shared/missing.mplan' (looked for shared/missing.mplan, relative to this file)."
        }));
    });

    it('fires on a file that is not a plan file', async () => {
        const result = await check('import "notes.txt"\n' + CLEAN_PLAN);
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'unresolved-import', line: 1, message: "'notes.txt' is not a plan file: imports name .mplan files." }));
    });
});

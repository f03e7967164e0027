import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';
import { nearestNames } from '../../../src/language/model/names.js';

describe('unresolved-reference', () => {
    it('does not fire when every name resolves', async () => {
        expect((await check(CLEAN_PLAN)).rules()).not.toContain('unresolved-reference');
    });

    it('fires on the misspelt name, suggesting the nearest one', async () => {
        const result = await check(CLEAN_PLAN.replace('serves Office', 'serves Ofice'));
        const found = result.findings().filter(f => f.rule === 'unresolved-reference');
        expect(found).toEqual([expect.objectContaining({
            severity: 'error', line: 23, column: 12, endColumn: 17,
            message: "No strategy named 'Ofice' is declared in this file or the files it imports. Did you mean 'Office'?"
        })]);
    });

    it('looks names up by kind: a segment is not a strategy', async () => {
        const result = await check(CLEAN_PLAN.replace('serves Office', 'serves Managers'));
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'unresolved-reference', line: 23, message: expect.stringContaining("No strategy named 'Managers'") }));
    });

    it('says which file to import when the name is declared in a file that is not imported', async () => {
        const result = await check({
            'plan.mplan': CLEAN_PLAN.replace('targets Managers', 'targets Executives'),
            'people.mplan': 'segment Executives { who "Executives" }\n'
        });
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'unresolved-reference',
            message: "No segment named 'Executives' is declared in this file or the files it imports. One is declared in people.mplan: import that file."
        }));
    });

    it('suggests only plausible names', () => {
        expect(nearestNames('Ofice', ['Office', 'Online', 'Zebra'])).toEqual(['Office']);
        expect(nearestNames('Quarterly', ['Office'])).toEqual([]);
    });
});

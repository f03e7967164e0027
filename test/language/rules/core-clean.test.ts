import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';

describe('the baseline plan of the rule tests', () => {
    it('has no findings, so each rule test sees only what it adds', async () => {
        const result = await check(CLEAN_PLAN);
        expect(result.findings()).toEqual([]);
    });
});

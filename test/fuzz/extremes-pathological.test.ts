/**
 * The pathological families of issue 18 (extremes.ts): 130,000 comment lines
 * in a row, thousands of small blocks with a comment each, and the one-line
 * runs of quotes, escapes and comment openers (larger in a long run). Every
 * service answers each within a bound that grows with its size, and none
 * overflows the stack.
 */
import { describe, expect, it } from 'vitest';
import { PROPERTY_TIMEOUT } from './config.js';
import { extremesPathological, runExtremes } from './extremes.js';

describe('extreme inputs: pathological families', () => {
    it('every service answers each within a bound that grows with its size; the formatter keeps what those that parse say', async () => {
        const cases = extremesPathological();
        expect(cases).toHaveLength(7);
        await runExtremes('pathological families', cases, __filename);
    }, PROPERTY_TIMEOUT);
});

/**
 * The extremes of size (extremes.ts): lines of 1 MB, names of 100,000
 * characters, braces nested 10,000 deep, thousands of blocks, a ring of 100
 * files (more of them in a long run). Every service answers each within a
 * bound that grows with its size.
 */
import { describe, expect, it } from 'vitest';
import { PROPERTY_TIMEOUT } from './config.js';
import { extremesOfSize, runExtremes } from './extremes.js';

describe('extreme inputs: size', () => {
    it('every service answers each within a bound that grows with its size; the formatter keeps what those that parse say', async () => {
        const cases = extremesOfSize();
        expect(cases.length).toBeGreaterThan(20);
        await runExtremes('extremes of size', cases, __filename);
    }, PROPERTY_TIMEOUT);
});

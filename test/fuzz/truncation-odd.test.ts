/**
 * Truncation at every offset of the examples (truncation.ts): this file takes
 * the odd offsets, truncation-even.test.ts the others, so that the two run side by side.
 */
import { describe, expect, it } from 'vitest';
import { PROPERTY_TIMEOUT } from './config.js';
import { SEEDS } from './mutations.js';
import { sweepTruncations } from './truncation.js';

describe('every cut of the examples (odd offsets)', () => {
    for (const seed of SEEDS.filter(s => s.name.startsWith('examples/'))) {
        it(`${seed.name}: every prefix of every file is judged, formatted, outlined and completed within the bound`, async () => {
            const cuts = await sweepTruncations(seed, 1, __filename);
            expect(cuts).toBe(Object.values(seed.files).reduce((sum, text) => sum + Math.floor((text.length + 1) / 2), 0));
        }, PROPERTY_TIMEOUT);
    }
});

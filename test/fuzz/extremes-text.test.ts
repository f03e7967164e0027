/**
 * The extremes of text (extremes.ts): numbers no double holds, days that do
 * not exist, unicode that reorders, combines or is not valid UTF-16 and
 * control characters in every kind of place, and the whole seed corpus with
 * Windows, old Mac and mixed line ends, a byte-order mark, NUL and tabs.
 */
import { describe, expect, it } from 'vitest';
import { PROPERTY_TIMEOUT } from './config.js';
import { extremesOfText, runExtremes } from './extremes.js';

describe('extreme inputs: text', () => {
    it('every service answers each within the bound; the formatter keeps what those that parse say', async () => {
        const cases = extremesOfText();
        expect(cases.length).toBeGreaterThan(250);
        await runExtremes('extremes of text', cases, __filename);
    }, PROPERTY_TIMEOUT);
});

/**
 * The one-line inputs that made the lexer quadratic (issue 18, item 3) over a
 * real stdio connection: in a 64 KB file of `\"` or of `/* ` a keystroke cost
 * 2.6 s of lexing. Each keystroke here is answered with its diagnostics, and
 * the server still answers requests. Nothing is timed: the test's own timeout
 * only catches a hang; the counts of work are in test/language/lexer-linear.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient, PINNED } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const QUOTES = '"' + '\\"'.repeat(32_000);
const OPENERS = '/* '.repeat(21_800);
const UNCLOSED_COMMENT = 'A comment that starts with /* must end with */, and this one is never closed (a comment on one line can start with // instead).';

describe('a 64 KB line the lexer used to take seconds over', () => {
    it('a quote followed by escaped quotes: each keystroke gets its one syntax error back', async () => {
        client = await LspClient.start({ initializationOptions: PINNED });
        const doc = 'file:///tmp/pasted-quotes.mplan';
        const opened = await client.open(doc, QUOTES);
        expect(opened.map(d => [d.code, d.range.start, d.message])).toEqual([
            ['syntax-error', { line: 0, character: 0 }, 'Text in quotes must end with a closing " on the same line.']
        ]);
        // Typing on at the end, one more escaped quote: still one unclosed text in quotes.
        for (const typed of ['\\', '\\"', '\\"\\']) {
            const changed = await client.change(doc, QUOTES + typed);
            expect(changed.map(d => [d.code, d.range.start, d.message])).toEqual([
                ['syntax-error', { line: 0, character: 0 }, 'Text in quotes must end with a closing " on the same line.']
            ]);
        }
        // Closing the quote makes it one text in quotes, where a plan's first block should be.
        const closed = await client.change(doc, QUOTES + '"');
        expect(closed.map(d => d.code)).toEqual(['syntax-error']);
        expect(closed[0].message).not.toContain('closing "');
        expect(await client.request('textDocument/hover', { textDocument: { uri: doc }, position: { line: 0, character: 100 } })).toBeNull();
    });

    it('comment openers: each keystroke gets its findings back, and closing the comment clears them', async () => {
        client = await LspClient.start({ initializationOptions: PINNED });
        const doc = 'file:///tmp/pasted-openers.mplan';
        const opened = await client.open(doc, OPENERS);
        expect(opened).toHaveLength(101);
        expect(opened.slice(0, 100).map(d => [d.code, d.range.start.character, d.message])).toEqual(
            Array.from({ length: 100 }, (_, i) => ['syntax-error', 3 * i, UNCLOSED_COMMENT]));
        expect(opened[100].message).toMatch(/^21700 more syntax errors from here on are not listed/);
        const typed = await client.change(doc, OPENERS + '*');
        expect(typed).toHaveLength(101);
        // `*/` closes the first comment over the whole line: the file holds nothing but a comment.
        const closed = await client.change(doc, OPENERS + '*/');
        expect(closed.map(d => [d.code, d.message])).toEqual([
            ['syntax-error', 'This file is empty: a plan starts with `plan Name { goal "…" }`; `mplan init` writes a starter plan.']
        ]);
        const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: doc } });
        expect(symbols).toEqual([]);
    });
});

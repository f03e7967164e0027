/**
 * Pathological files in the editor (issue 18), over a real stdio connection:
 * once a file of 130,000 comment lines in a row was opened, Langium's CST
 * builder overflowed the stack and no document got diagnostics or hovers
 * again, even after it was closed. Now the comment file is judged, and the
 * next plan opened gets its diagnostics and answers a hover within a second.
 */
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient, PINNED } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const NOTES = 'file:///tmp/pathological/notes.mplan';
const PLAN = 'file:///tmp/pathological/bakery.mplan';
const BAKERY = [
    'plan Bakery {',
    '    goal "Sell 200 loaves a day by June"',
    '}',
    '',
    'product Bread {',
    '    price 3 EUR',
    '    benefit "Baked at dawn, still warm at seven"',
    '}',
    '',
    'campaign Spring {',
    '    promotes Breadd',
    '}',
    ''
].join('\n');

function notes(lines: number): string {
    const out: string[] = [];
    for (let i = 0; i < lines; i++) out.push(i % 10 === 0 ? `// idea ${i / 10}: ask the regulars` : '//');
    return out.join('\n') + '\n';
}

/** `promise`, or a failure naming `what` once `ms` have passed. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
    return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

describe('130,000 comment lines in a row, open in the editor', () => {
    it('is judged, and another plan opened next gets diagnostics and a hover within a second', async () => {
        client = await LspClient.start({ initializationOptions: PINNED });
        const noted = await within(20_000, 'diagnostics of the comment file', client.open(NOTES, notes(130_000)));
        expect(noted.map(d => [d.code, d.range.start.line, String(d.message).split(':')[0]])).toEqual([['syntax-error', 0, 'This file is empty']]);

        const started = performance.now();
        const found: Diagnostic[] = await within(1_000, 'diagnostics of the plan', client.open(PLAN, BAKERY));
        const unresolved = found.find(d => d.code === 'unresolved-reference');
        expect(unresolved?.range).toEqual({ start: { line: 10, character: 13 }, end: { line: 10, character: 19 } });
        const hover = await within(1_000, 'hover', client.request<Hover | null>('textDocument/hover', { textDocument: { uri: PLAN }, position: { line: 4, character: 10 } }));
        expect((hover?.contents as MarkupContent | undefined)?.value).toContain('Bread');
        expect(performance.now() - started).toBeLessThan(2_000);

        // Closed again, the comment file stops nothing either.
        await client.close(NOTES);
        const fixed = client.nextDiagnostics(PLAN, diagnostics => !diagnostics.some(d => d.code === 'unresolved-reference'));
        void client.change(PLAN, BAKERY.replace('Breadd', 'Bread'));
        const edited = await within(1_000, 'diagnostics after the edit', fixed);
        expect(edited.every(d => d.code !== 'unresolved-reference')).toBe(true);
    }, 60_000);
});

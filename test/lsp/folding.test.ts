import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FoldingRange } from 'vscode-languageserver/node';
import { BAKERY, LspClient, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });


/** Folds as `start-end` lines (0-based), with `comment` for comments, sorted by start. */
async function folds(target: string, text: string): Promise<string[]> {
    await client!.open(target, text);
    const ranges = await client!.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: target } });
    return ranges
        .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine)
        .map(r => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
}

describe('folding ranges over LSP', () => {
    it('fold every block and, inside, a multi-line guarantee, keeping each closing brace in view', async () => {
        client = await LspClient.start();
        const path = join(BAKERY, 'shared', 'offer.mplan');
        // offer { (line 3) … } (line 11); its guarantee runs over lines 4 to 7; funnel { (13) … } (26).
        expect(await folds(uri(path), readFileSync(path, 'utf8'))).toEqual(['3-10', '4-7', '13-25']);
    });

    it('fold segments and their habits, competitors and research', async () => {
        client = await LspClient.start();
        const path = join(BAKERY, 'shared', 'market.mplan');
        expect(await folds(uri(path), readFileSync(path, 'utf8'))).toEqual(['0-1 comment', '3-16', '10-15', '19-30', '26-29', '33-37', '40-43', '46-50']);
    });

    it('fold a multi-line comment as a comment, and a block whose closing braces share a line', async () => {
        client = await LspClient.start();
        const text = [
            '/* Spring plans:',
            '   what we launch',
            '   and when */',
            'segment Managers { who "Office managers"',
            '    habits {',
            '        search google',
            '        social linkedin',
            '    } }',
            'tactic Short { channel seo }',
            'tactic Two {',
            '    channel seo }',
            ''
        ].join('\n');
        const ranges = await folds('file:///tmp/folding/plan.mplan', text);
        // The comment folds to its first line; the segment and its habits fold up to the line with the braces.
        // One-line and two-line blocks leave nothing to hide.
        expect(ranges).toEqual(['0-1 comment', '3-6', '4-6']);
    });

    it('follow edits, and answer for a half-typed file', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/folding/edit.mplan';
        expect(await folds(doc, 'campaign Spring {\n    budget 10_000 USD\n}\n')).toEqual(['0-1']);
        await client.change(doc, 'campaign Spring {\n    budget 10_000 USD\n}\nsegment Managers {\n    who "Office managers"\n    habits {\n');
        const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: doc } });
        expect(ranges.map(r => `${r.startLine}-${r.endLine}`)).toContain('0-1');
    });

    it('fold a run of // comment lines, and a campaign\'s results', async () => {
        client = await LspClient.start();
        const text = [
            '// A header',
            '// of two lines',
            'campaign C {',
            '    budget 10 USD',
            '    results {',
            '        sales 340',
            '        satisfaction 92%',
            '    }',
            '}',
            '// a single comment line does not fold',
            ''
        ].join('\n');
        const found = await folds('file:///tmp/fold-results.mplan', text);
        expect(found).toContain('0-1 comment');
        expect(found).toContain('4-6');
        expect(found.filter(f => f.startsWith('9'))).toEqual([]);
    });
});

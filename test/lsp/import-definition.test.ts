import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocationLink } from 'vscode-languageserver';
import { BAKERY, LspClient, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

describe('go to definition on an import', () => {
    it('opens the imported file from its path, and gives nothing for a path that does not resolve', async () => {
        const dir = BAKERY;
        client = await LspClient.start({ workspace: dir, capabilities: { textDocument: { definition: { linkSupport: true } } } });
        const plan = uri(join(dir, 'plan.mplan'));
        const text = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        await client.open(plan, text);
        const line = text.split('\n').findIndex(l => l.startsWith('import "shared/market.mplan"'));
        const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: plan }, position: { line, character: 12 } });
        expect(links).toEqual([expect.objectContaining({
            targetUri: uri(join(dir, 'shared', 'market.mplan')),
            originSelectionRange: { start: { line, character: 7 }, end: { line, character: 28 } }
        })]);
        const doc = 'file:///tmp/missing-import.mplan';
        await client.open(doc, 'import "nowhere.mplan"\n');
        expect(await client.request('textDocument/definition', { textDocument: { uri: doc }, position: { line: 0, character: 10 } })).toEqual([]);
    });
});

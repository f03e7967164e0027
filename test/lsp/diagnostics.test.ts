import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-types';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureWorkspace, LspClient, PINNED, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

describe('diagnostics over LSP', () => {
    it('carry the rule id as code, a docs link, and related places for findings that involve two', async () => {
        // The flawed plan (the fixture copy), in a workspace whose mplan.json pins the rules it is judged by.
        const dir = fixtureWorkspace('ebook-list.mplan');
        const path = join(dir, 'ebook-list.mplan');
        const text = readFileSync(path, 'utf8');
        client = await LspClient.start({ workspace: dir });
        const diagnostics = await client.open(uri(path), text);
        expect(diagnostics.map(d => d.code)).toContain('missing-guarantee');
        const overrun = diagnostics.find(d => d.code === 'budget-overrun')!;
        expect(overrun.codeDescription?.href).toMatch(/docs\/rules\/budget-overrun\.md$/);
        expect(overrun.relatedInformation?.map(r => r.message)).toEqual(expect.arrayContaining([expect.stringContaining('InstagramAds')]));
        expect(overrun.relatedInformation?.[0].location.uri).toBe(uri(path));
    });

    it('cope with a client that answers workspace/configuration with [null] and sends no settings', async () => {
        client = await LspClient.start({ capabilities: { workspace: { configuration: true } }, configuration: items => items.map(() => null), initializationOptions: PINNED });
        const diagnostics = await client.open('file:///tmp/untitled-plan.mplan', 'tactic Loose { channel seo }\n');
        expect(diagnostics.map(d => d.code)).toEqual(['tactic-without-strategy']);
    });

    it('register for workspace/didChangeConfiguration only with a client that takes the registration (eglot 1.9 does not, and warned in a window of its own)', async () => {
        // Eglot 1.9: `workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } }`.
        client = await LspClient.start({ capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } }, initializationOptions: PINNED });
        expect((await client.open('file:///tmp/eglot-plan.mplan', 'tactic Loose { channel seo }\n')).map(d => d.code)).toEqual(['tactic-without-strategy']);
        expect(client.registrations).not.toContain('workspace/didChangeConfiguration');
        await client.stop();
        // VS Code declares it, and gets it.
        client = await LspClient.start({ capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } }, initializationOptions: PINNED });
        await client.open('file:///tmp/vscode-plan.mplan', 'tactic Loose { channel seo }\n');
        expect(client.registrations).toContain('workspace/didChangeConfiguration');
    });

    it('follow edits: a fixed problem disappears, a new one appears, a half-typed line never kills the server', async () => {
        client = await LspClient.start({ initializationOptions: PINNED });
        const doc = 'file:///tmp/edit-plan.mplan';
        expect((await client.open(doc, 'tactic Loose { channel seo }\n')).map(d => d.code)).toEqual(['tactic-without-strategy']);
        expect((await client.change(doc, 'strategy S { statement "s" }\ntactic Loose { serves S channel seo }\n')).map(d => d.code)).not.toContain('tactic-without-strategy');
        const broken = await client.change(doc, 'strategy S { statement "s" }\ntactic Loose { serves S channel seo }\ncampaign C { budget 10');
        expect(broken.map(d => d.code)).toContain('syntax-error');
        expect((await client.change(doc, 'tactic Loose { channel seo }\n')).map(d => d.code)).toEqual(['tactic-without-strategy']);
    });

    it('an empty file gets one finding at line 1; a misspelled keyword gets "did you mean" and a quick fix', async () => {
        client = await LspClient.start({ initializationOptions: PINNED });
        const doc = 'file:///tmp/new-plan.mplan';
        const empty = await client.open(doc, '');
        expect(empty.map(d => [d.code, d.range.start.line, d.range.start.character, d.message])).toEqual([
            ['syntax-error', 0, 0, 'This file is empty: a plan starts with `plan Name { goal "…" }`; `mplan init` writes a starter plan.']
        ]);
        const typo = (await client.change(doc, 'tactic Loose {\n    chanel seo\n}\n')).find(d => d.code === 'syntax-error')!;
        expect(typo).toMatchObject({ message: "Unknown word 'chanel' in tactic 'Loose': did you mean 'channel'?", range: { start: { line: 1, character: 4 }, end: { line: 1, character: 10 } } });
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc }, range: typo.range, context: { diagnostics: [typo] } });
        expect(actions.find(a => a.title === "Change 'chanel' to 'channel'")?.edit?.changes?.[doc]).toEqual([{ range: typo.range, newText: 'channel' }]);
    });
});

import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureWorkspace, LspClient, PINNED, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

/**
 * A copy of the bakery plan (four files, the fixture copy) to change at will, and the URIs of its files;
 * its mplan.json pins the rules it is judged by, on a fixed day.
 */
function bakery() {
    const dir = fixtureWorkspace('corner-bakery', { asOf: '2027-01-15' }, 'mplan-ws-');
    const at = (path: string) => ({ path: join(dir, path), uri: uri(join(dir, path)) });
    return { dir, plan: at('plan.mplan'), market: at('shared/market.mplan'), offer: at('shared/offer.mplan'), products: at('shared/products.mplan') };
}

const codes = (diagnostics: Array<{ code?: unknown }>) => diagnostics.map(d => d.code);

describe('a workspace over LSP', () => {
    it('judges every plan file at start, without opening any', async () => {
        const ws = bakery();
        const started = LspClient.start({ workspace: ws.dir });
        client = await started;
        const published = await Promise.all([ws.plan, ws.market, ws.offer, ws.products].map(f => client!.diagnostics.has(f.uri) ? client!.diagnostics.get(f.uri)! : client!.nextDiagnostics(f.uri)));
        expect(published.map(codes)).toEqual([[], [], [], []]);
    });

    it('re-judges the plan when a library changes on disk', async () => {
        const ws = bakery();
        client = await LspClient.start({ workspace: ws.dir });
        await (client.diagnostics.has(ws.plan.uri) ? Promise.resolve() : client.nextDiagnostics(ws.plan.uri));
        const text = readFileSync(ws.offer.path, 'utf8').replace(/ {4}guarantee money back 30 days\n(?: {8}.*\n)*/, '');
        writeFileSync(ws.offer.path, text);
        const plan = client.nextDiagnostics(ws.plan.uri, d => codes(d).includes('missing-guarantee'));
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.offer.uri, type: 2 }] });
        expect(codes(await plan)).toEqual(['missing-guarantee']);
    });

    it('follows a deleted library: its problems are cleared, its importer reports the missing file and what it lost', async () => {
        const ws = bakery();
        client = await LspClient.start({ workspace: ws.dir });
        await (client.diagnostics.has(ws.plan.uri) ? Promise.resolve() : client.nextDiagnostics(ws.plan.uri));
        rmSync(ws.offer.path);
        const cleared = client.nextDiagnostics(ws.offer.uri, d => d.length === 0);
        const plan = client.nextDiagnostics(ws.plan.uri, d => codes(d).includes('unresolved-import'));
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.offer.uri, type: 3 }] });
        expect(await cleared).toEqual([]);
        const found = await plan;
        expect(found.find(d => d.code === 'unresolved-import')?.message).toContain("Cannot find 'shared/offer.mplan'");
        // The offer held the guarantee, and it imported the products the plan refers to.
        expect(codes(found)).toEqual(expect.arrayContaining(['missing-guarantee', 'unresolved-reference']));
    });

    it('follows a renamed library: the import of the old name no longer resolves', async () => {
        const ws = bakery();
        client = await LspClient.start({ workspace: ws.dir });
        await (client.diagnostics.has(ws.plan.uri) ? Promise.resolve() : client.nextDiagnostics(ws.plan.uri));
        const renamed = uri(join(ws.dir, 'shared', 'people.mplan'));
        renameSync(ws.market.path, join(ws.dir, 'shared', 'people.mplan'));
        const plan = client.nextDiagnostics(ws.plan.uri, d => codes(d).includes('unresolved-import'));
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.market.uri, type: 3 }, { uri: renamed, type: 1 }] });
        expect((await plan).find(d => d.code === 'unresolved-import')?.message).toContain("Cannot find 'shared/market.mplan'");
    });

    it('judges unsaved edits of an open file, and the file on disk again once it is closed', async () => {
        const ws = bakery();
        client = await LspClient.start({ workspace: ws.dir });
        await (client.diagnostics.has(ws.plan.uri) ? Promise.resolve() : client.nextDiagnostics(ws.plan.uri));
        const onDisk = readFileSync(ws.plan.path, 'utf8');
        await client.open(ws.plan.uri, onDisk);
        const edited = await client.change(ws.plan.uri, onDisk.replace('    serves OfficeCatering\n    channel ppc on linkedin', '    channel ppc on linkedin'));
        expect(codes(edited)).toContain('tactic-without-strategy');
        const reverted = client.nextDiagnostics(ws.plan.uri, d => !codes(d).includes('tactic-without-strategy'));
        await client.close(ws.plan.uri);
        expect(codes(await reverted)).toEqual([]);
    });

    it('re-judges only the files that depend on the one edited', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-ws-'));
        const a = uri(join(dir, 'a.mplan')), b = uri(join(dir, 'b.mplan'));
        writeFileSync(join(dir, 'a.mplan'), 'tactic A { channel seo }\n');
        writeFileSync(join(dir, 'b.mplan'), 'tactic B { channel seo }\n');
        client = await LspClient.start({ workspace: dir });
        for (const u of [a, b]) if (!client.diagnostics.has(u)) await client.nextDiagnostics(u);
        let publishedForB = 0;
        void client.nextDiagnostics(b).then(() => { publishedForB++; });
        await client.open(a, 'tactic A { channel seo }\n');
        await client.change(a, 'strategy S { statement "s" }\ntactic A { serves S channel seo }\n');
        // A request answered after the build: the edit's work is over.
        await client.request('textDocument/documentSymbol', { textDocument: { uri: a } });
        expect(publishedForB).toBe(0);
    });

    it('judges an untitled document, and clears its problems when it is closed unsaved', async () => {
        client = await LspClient.start({ initializationOptions: PINNED });
        const doc = 'untitled:Untitled-1';
        expect(codes(await client.open(doc, 'tactic Loose { channel seo }\n'))).toEqual(['tactic-without-strategy']);
        const cleared = client.nextDiagnostics(doc, d => d.length === 0);
        await client.close(doc);
        expect(await cleared).toEqual([]);
    });
});

describe('clients that send only rootUri', () => {
    it('get that folder as the workspace: its plans and its mplan.json are read', async () => {
        const ws = bakery();
        writeFileSync(join(ws.dir, 'mplan.json'), '{ "asOf": "2027-01-15", "rules": { "no-contingency": "warning" } }');
        writeFileSync(ws.plan.path, readFileSync(ws.plan.path, 'utf8').replace('    revisit every quarter\n', ''));
        client = await LspClient.start({ workspace: ws.dir, rootUriOnly: true });
        const diagnostics = client.diagnostics.get(ws.plan.uri) ?? await client.nextDiagnostics(ws.plan.uri);
        expect(diagnostics.find(d => d.code === 'no-contingency')?.severity).toBe(2);
    });
});

describe('a library newly imported by a plan', () => {
    it('is judged again in the context of that plan', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-ws-'));
        const lib = uri(join(dir, 'people.mplan')), plan = uri(join(dir, 'plan.mplan'));
        writeFileSync(join(dir, 'people.mplan'), 'segment Tourists { who "Tourists" }\n');
        writeFileSync(join(dir, 'plan.mplan'), 'plan P { goal "g" }\n');
        client = await LspClient.start({ workspace: dir });
        const before = client.diagnostics.get(lib) ?? await client.nextDiagnostics(lib);
        expect(codes(before)).not.toContain('untargeted-segment');
        // Once the plan imports the library, its segment is judged as part of the plan: no strategy targets it.
        const rejudged = client.nextDiagnostics(lib, d => codes(d).includes('untargeted-segment'));
        await client.open(plan, 'plan P { goal "g" }\n');
        await client.change(plan, 'import "people.mplan"\nplan P { goal "g" }\n');
        expect(codes(await rejudged)).toContain('untargeted-segment');
    });
});

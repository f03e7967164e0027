/**
 * The language server against bad documents, links and URIs (issue 18), over
 * a real stdio connection to the built server: one bad file never stops the
 * others, a link out of the workspace is not read, a URI the server does not
 * know gets an error in words (never a raw ENOENT, never a read of the local
 * disk for an `http:` URI), and the editor reports what `mplan check` reports.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, DocumentSymbol, Hover, Location } from 'vscode-languageserver-types';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureWorkspace, LspClient, ROOT, uri } from './client.js';
// @ts-expect-error: a plain ES module without types
import { generatePlan as untypedGeneratePlan } from '../../bench/generate.mjs';

const generatePlan = untypedGeneratePlan as (lines: number) => string;

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const AS_OF = '2027-01-15';
const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => d.code);

/** A workspace with the phone retailer plan (pinned rules, a fixed day), started and judged. */
async function retailer(): Promise<{ dir: string; path: string; uri: string; text: string }> {
    const dir = fixtureWorkspace('phone-retailer.mplan', { asOf: AS_OF }, 'mplan-robust-');
    const path = join(dir, 'phone-retailer.mplan');
    client = await LspClient.start({ workspace: dir });
    const text = readFileSync(path, 'utf8');
    expect(codes(await client.open(uri(path), text))).toEqual([]);
    return { dir, path, uri: uri(path), text };
}

/** `mplan check --format json` of one file, from the built binary: its findings as the editor shows them. */
function checkedByCli(dir: string, file: string): Array<{ code: string; line: number; character: number; message: string }> {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'mplan.cjs'), 'check', file, '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const report = JSON.parse(run.stdout) as { files: Array<{ findings: Array<{ ruleId: string; line: number; column: number; message: string }> }> };
    return report.files[0].findings.map(f => ({ code: f.ruleId, line: f.line - 1, character: f.column - 1, message: f.message }));
}

/** A diagnostic's message up to its first parenthesis ("'metric' is stated twice here"). */
const opening = (d: Diagnostic) => String(d.message).split(' (')[0];
const asShown = (diagnostics: Diagnostic[]) => diagnostics.map(d => ({ code: d.code, line: d.range.start.line, character: d.range.start.character, message: d.message }));

/** The title of the phone retailer's strategy, where a hover on its name is answered. */
function strategyName(text: string): { line: number; character: number } {
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.startsWith('strategy ProfessionalsFirst'));
    return { line, character: 'strategy '.length + 2 };
}

describe('the language server against bad documents, links and URIs', () => {
    it('reports a fact stated twice in a guarantee or an objective after a keystroke, as mplan check does', async () => {
        const ws = await retailer();
        // One keystroke's change per block, so that each block is parsed again alone.
        const withMetric = ws.text.replace('metric units', 'metric units metric customers');
        expect((await client!.change(ws.uri, withMetric)).map(opening)).toEqual(["'metric' is stated twice here"]);
        const typed = withMetric.replace('        paid within 5 days\n', '        paid within 5 days\n        claim "Call us"\n');
        const diagnostics = await client!.change(ws.uri, typed);
        expect(diagnostics.map(opening)).toEqual(["'metric' is stated twice here", "'claim' is stated twice here"]);
        writeFileSync(ws.path, typed);
        expect(asShown(diagnostics)).toEqual(checkedByCli(ws.dir, 'phone-retailer.mplan'));
    });

    it('a document opened without text, or with a number for text, gets one finding, and every other document is still judged and answered', async () => {
        const ws = await retailer();
        const noText = 'file:///tmp/mplan-robust-no-text.mplan';
        const published = client!.nextDiagnostics(noText);
        await client!.notify('textDocument/didOpen', { textDocument: { uri: noText, languageId: 'mplan', version: 1 } });
        expect((await published).map(d => [d.code, d.message])).toEqual([
            ['syntax-error', 'mplan could not check this file: the editor sent it without its text (none where the text should be). The other files are checked as usual.']
        ]);
        const numberText = 'file:///tmp/mplan-robust-number.mplan';
        const numbered = client!.nextDiagnostics(numberText);
        await client!.notify('textDocument/didOpen', { textDocument: { uri: numberText, languageId: 'mplan', version: 1, text: 42 } });
        expect((await numbered).map(d => d.message)).toEqual([expect.stringContaining('the editor sent it without its text (a number where the text should be)')]);
        // Later builds go on: an edit of the plan is judged, and a hover on it is answered.
        const broken = await client!.change(ws.uri, ws.text.replace('targets BusyProfessionals', 'targets Nobody'));
        expect(codes(broken)).toEqual(['unresolved-reference']);
        const hover = await client!.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.uri }, position: strategyName(ws.text) });
        expect(JSON.stringify(hover?.contents)).toContain('ProfessionalsFirst');
        // And once the editor sends a text, the document is judged as any other.
        expect(codes(await client!.change(noText, 'tactic Loose { channel seo }\n'))).toEqual(['tactic-without-strategy']);
    });

    it('a file too big to read, created after start-up, gets one finding; the other plans are still built and answered', async () => {
        const ws = await retailer();
        const big = join(ws.dir, 'archive.mplan');
        writeFileSync(big, `// ${'x'.repeat(6 * 1024 * 1024)}\n`);
        const small = join(ws.dir, 'loose.mplan');
        writeFileSync(small, 'tactic Loose { channel seo }\n');
        const bigFinding = client!.nextDiagnostics(uri(big));
        const smallFinding = client!.nextDiagnostics(uri(small));
        await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(big), type: 1 }, { uri: uri(small), type: 1 }] });
        expect((await bigFinding).map(d => [d.code, d.message])).toEqual([
            ['syntax-error', 'mplan could not check this file: too big for a plan file: 6.0 MB, over the limit of 5.0 MB. The other files are checked as usual.']
        ]);
        expect(codes(await smallFinding)).toEqual(['tactic-without-strategy']);
        // Later edits are built too: the build did not stop at the big file.
        expect(codes(await client!.change(ws.uri, ws.text.replace('targets BusyProfessionals', 'targets Nobody')))).toEqual(['unresolved-reference']);
        const started = Date.now();
        const hover = await client!.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.uri }, position: strategyName(ws.text) });
        expect(JSON.stringify(hover?.contents)).toContain('ProfessionalsFirst');
        expect(Date.now() - started).toBeLessThan(1000);
    });

    it('a link created after start-up that leads out of the workspace is not read nor indexed, as mplan check refuses it', async () => {
        const outside = mkdtempSync(join(tmpdir(), 'mplan-outside-'));
        writeFileSync(join(outside, 'secret.mplan'), 'segment Outsider {\n    who "Someone else\'s customers"\n}\ntactic Leaked { channel seo }\n');
        const ws = await retailer();
        const link = join(ws.dir, 'linked.mplan');
        symlinkSync(join(outside, 'secret.mplan'), link);
        const regular = join(ws.dir, 'loose.mplan');
        writeFileSync(regular, 'tactic Loose { channel seo }\n');
        const judged = client!.nextDiagnostics(uri(regular));
        await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(link), type: 1 }, { uri: uri(regular), type: 1 }] });
        expect(codes(await judged)).toEqual(['tactic-without-strategy']);
        const symbols = await client!.request<Array<{ name: string }>>('workspace/symbol', { query: 'Outsider' });
        expect(symbols.map(s => s.name)).not.toContain('Outsider');
        expect(client!.diagnostics.has(uri(link))).toBe(false);
        // A plan that imports it cannot reach into it: the same findings as mplan check, which refuses the link.
        const edited = 'import "linked.mplan"\n' + ws.text.replace('targets BusyProfessionals', 'targets BusyProfessionals, Outsider');
        const diagnostics = await client!.change(ws.uri, edited);
        expect(codes(diagnostics).sort()).toEqual(['unresolved-import', 'unresolved-reference']);
        writeFileSync(ws.path, edited);
        const cli = checkedByCli(ws.dir, 'phone-retailer.mplan');
        expect(cli.map(f => f.code).sort()).toEqual(codes(diagnostics).sort());
        expect(cli.find(f => f.code === 'unresolved-import')?.message).toContain('a link to a file outside the project folder, not read');
    });

    it('a request for a document the server does not know gets an error in words, never a raw ENOENT nor an answer that is an error', async () => {
        const ws = await retailer();
        const unknown = uri(join(ws.dir, 'never-saved.mplan'));
        const position = { line: 0, character: 1 };
        const requests: Array<[string, object]> = [
            ['textDocument/hover', { position }],
            ['textDocument/definition', { position }],
            ['textDocument/documentSymbol', {}],
            ['textDocument/formatting', { options: { tabSize: 4, insertSpaces: true } }],
            ['textDocument/codeAction', { range: { start: position, end: position }, context: { diagnostics: [] } }],
            ['textDocument/references', { position, context: { includeDeclaration: true } }],
            ['textDocument/rename', { position, newName: 'Other' }],
            ['textDocument/documentHighlight', { position }],
            ['textDocument/selectionRange', { positions: [position] }]
        ];
        for (const [method, params] of requests) {
            const answer = await client!.request(method, { textDocument: { uri: unknown }, ...params }).then(result => ({ result }), (error: { code: number; message: string }) => ({ code: error.code, message: error.message }));
            expect(answer, method).toEqual({
                code: -32803,
                message: `mplan does not know the document ${join(ws.dir, 'never-saved.mplan')}: it is neither open in the editor nor a plan of the workspace folders.`
            });
        }
        // The report request answers "no report", as it does for a library.
        expect(await client!.request('mplan/planReport', { uri: unknown })).toBeNull();
    });

    it('an http: URI is never read from the local disk', async () => {
        const ws = await retailer();
        // The same path as the plan on disk, under another scheme.
        const remote = `http://example.com${ws.path}`;
        const position = strategyName(ws.text);
        for (const method of ['textDocument/references', 'textDocument/documentSymbol', 'textDocument/hover']) {
            const answer = await client!.request<Location[] | DocumentSymbol[] | null>(method, { textDocument: { uri: remote }, position, context: { includeDeclaration: true } })
                .then(result => ({ result }), (error: { code: number; message: string }) => ({ code: error.code, message: error.message }));
            expect(answer, method).toEqual({
                code: -32803,
                message: `mplan does not know the document ${remote}: mplan reads files on this computer (file: URIs) and the documents the editor has open, and 'http:' is neither.`
            });
        }
        // Opened by the editor, the same URI is judged from the editor's text.
        expect(codes(await client!.open(remote, 'tactic Loose { channel seo }\n'))).toEqual(['tactic-without-strategy']);
        const symbols = await client!.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: remote } });
        expect(symbols.map(s => s.name)).toEqual(['Loose']);
    });

    it('a request cancelled while its document is being judged is answered with the RequestCancelled error, not a result', async () => {
        const ws = await retailer();
        // A plan large enough that judging an edit of it takes a while (30,000 lines).
        const big = join(ws.dir, 'big.mplan');
        const text = generatePlan(30_000);
        await client!.open(uri(big), text);
        // An edit, not waited for: the hover below waits for its judgement, and is cancelled meanwhile.
        void client!.change(uri(big), text.replace('goal "', 'goal "x'));
        const source = new CancellationTokenSource();
        const hover = client!.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(big) }, position: { line: 2, character: 5 } }, source.token);
        source.cancel();
        // Langium answers a cancelled request with its ResponseError: one copy of the protocol library
        // in the server (package.json pins it), or the connection sends that error as if it were the hover.
        const answer = await hover.then(result => ({ result }), (error: { code: number }) => ({ code: error.code }));
        expect(answer).toEqual({ code: -32800 });
    });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver/node';
import { mplan, ROOT } from './run.js';

const EXAMPLES = join(ROOT, 'examples');

interface Line { file: string; line: number; column: number; rule: string; message: string }

let server: ChildProcess | undefined;
let connection: MessageConnection | undefined;
const published = new Map<string, PublishDiagnosticsParams>();

afterAll(() => {
    connection?.dispose();
    server?.kill();
});

/**
 * Starts the built language server over stdio with the examples folder as the
 * workspace and collects the diagnostics it publishes for `count` files.
 */
async function serverDiagnostics(files: string[]): Promise<Line[]> {
    const expected = new Set(files.map(file => pathToFileURL(join(ROOT, file)).toString()));
    server = spawn(process.execPath, [join(ROOT, 'out', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const done = new Promise<void>(resolve => {
        connection!.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            published.set(params.uri, params);
            if ([...expected].every(uri => published.has(uri))) resolve();
        });
    });
    connection.listen();
    const rootUri = pathToFileURL(EXAMPLES).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'examples' }] });
    await connection.sendNotification('initialized', {});
    await done;
    return [...published.values()].filter(p => expected.has(p.uri)).flatMap(p => p.diagnostics.map(d => ({
        file: fileURLToPath(p.uri).slice(ROOT.length + 1),
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        rule: String(d.code),
        message: typeof d.message === 'string' ? d.message : ''
    })));
}

function sorted(lines: Line[]): Line[] {
    return [...lines].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

describe('the language server over stdio', () => {
    it('report the same findings for the same files', async () => {
        const cli = JSON.parse((await mplan(['check', 'examples', '--format', 'json'])).stdout);
        const fromCli: Line[] = cli.files.flatMap((f: { path: string; findings: Array<{ line: number; column: number; ruleId: string; message: string }> }) =>
            f.findings.map(x => ({ file: f.path, line: x.line, column: x.column, rule: x.ruleId, message: x.message })));
        expect(fromCli.length).toBeGreaterThan(0);
        const fromServer = await serverDiagnostics(cli.files.map((f: { path: string }) => f.path));
        expect(sorted(fromServer)).toEqual(sorted(fromCli));
    });

    it('links every diagnostic to its rule\'s docs page, which exists', async () => {
        const diagnostics = [...published.values()].flatMap(p => p.diagnostics);
        expect(diagnostics.length).toBeGreaterThan(0);
        for (const diagnostic of diagnostics) {
            const href = diagnostic.codeDescription?.href ?? '';
            expect(href).toMatch(new RegExp(`/docs/rules/${diagnostic.code}\\.md$`));
            expect(existsSync(fileURLToPath(href)), href).toBe(true);
        }
    });

    it('offers the registry\'s quick fixes as code actions', async () => {
        const uri = pathToFileURL(join(EXAMPLES, 'ebook-list.mplan')).toString();
        const diagnostic = published.get(uri)?.diagnostics.find(d => d.code === 'missing-guarantee');
        expect(diagnostic).toBeDefined();
        const actions = await connection!.sendRequest('textDocument/codeAction', {
            textDocument: { uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic] }
        }) as Array<{ title: string; kind: string; isPreferred?: boolean; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
        // A guarantee is the shop's promise: a suggestion, offered but never preferred.
        expect(actions.map(a => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
            ['Add a 30-day money-back guarantee (full price, claimed by replying to the receipt; check that you offer it)', 'quickfix', false],
            ["Silence 'missing-guarantee' on this line", 'quickfix.silence', false]
        ]);
        expect(actions[0].edit.changes[uri][0].newText).toContain('guarantee money back 30 days');
    });

    it('is also started by `mplan lsp --stdio`', async () => {
        const child = spawn(process.execPath, [join(ROOT, 'bin', 'mplan.cjs'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        const client = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        client.listen();
        try {
            const result = await client.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }) as { capabilities: Record<string, unknown> };
            expect(result.capabilities).toHaveProperty('codeActionProvider');
            expect(result.capabilities).toHaveProperty('textDocumentSync');
        } finally {
            client.dispose();
            child.kill();
        }
    });
});

/**
 * Imports stay inside the workspace (issue 8), over a real stdio connection:
 * the language server follows an import only to a .mplan file inside one of
 * the workspace folders (any of them); a file opened outside every folder
 * imports from its own folder and below; an untitled document imports
 * nothing. A refused import is an unresolved-import diagnostic on the import,
 * even when the file it names is open in the editor.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
    CompletionItemKind, createMessageConnection, StreamMessageReader, StreamMessageWriter, type CompletionItem, type CompletionList, type Diagnostic,
    type PublishDiagnosticsParams
} from 'vscode-languageserver/node';
import { LspClient, ROOT, uri } from './client.js';

let client: LspClient | undefined;
let stopOther: (() => Promise<void>) | undefined;
afterEach(async () => {
    await client?.stop();
    client = undefined;
    await stopOther?.();
    stopOther = undefined;
});

/** A library with a tactic: a plan that imports it sees the tactic (campaigns may run it). */
const OUTSIDER = 'tactic Outsider {\n    channel seo\n}\n';

/** A plan whose campaign runs the tactic Outsider: unresolved unless the library holding it is imported. */
const PLAN = 'plan P {\n    goal "g"\n}\n\ncampaign C {\n    runs Outsider\n}\n';

function temp(files: Record<string, string>): string {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mplan-ws-')));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return dir;
}

/**
 * The unresolved-import and unresolved-reference diagnostics, as `line code
 * message`, by line. An unresolved reference's hint ("One is declared in …:
 * import that file") never names a file the import rule would refuse.
 */
function unresolved(diagnostics: Diagnostic[]): string[] {
    return diagnostics.filter(d => String(d.code).startsWith('unresolved-'))
        .sort((a, b) => a.range.start.line - b.range.start.line)
        .map(d => `${d.range.start.line + 1} ${d.code} ${d.message}`);
}

/** The diagnostics published for `file`, waiting for the first publish when there is none yet. */
async function published(lsp: LspClient, file: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const now = lsp.diagnostics.get(file);
    return now && test(now) ? now : lsp.nextDiagnostics(file, test);
}

describe('the language server confines imports to the workspace', () => {
    it('refuses a path out of the workspace folder, even to a file open in the editor; follows one inside', async () => {
        const base = temp({ 'ws/plan.mplan': 'import "../outside/lib.mplan"\n' + PLAN, 'ws/inside.mplan': 'import "shared/lib.mplan"\n' + PLAN, 'ws/shared/lib.mplan': OUTSIDER, 'outside/lib.mplan': OUTSIDER });
        const ws = join(base, 'ws');
        client = await LspClient.start({ workspace: ws });
        const plan = uri(join(ws, 'plan.mplan'));
        const inside = uri(join(ws, 'inside.mplan'));
        await client.open(uri(join(base, 'outside', 'lib.mplan')), OUTSIDER);
        const diagnostics = await client.open(plan, 'import "../outside/lib.mplan"\n' + PLAN);
        expect(unresolved(diagnostics)).toEqual([
            `1 unresolved-import '../outside/lib.mplan' leads outside the project folder (${ws}): imports are read only from inside it. It was not read.`,
            // The hint names the library inside the workspace, never the open one outside it.
            "7 unresolved-reference No tactic named 'Outsider' is declared in this file or the files it imports. One is declared in shared/lib.mplan: import that file."
        ]);
        expect(unresolved(await published(client, inside))).toEqual([]);
    });

    it('refuses an absolute path, and a path with backslashes', async () => {
        const base = temp({ 'ws/shared/lib.mplan': OUTSIDER });
        const ws = join(base, 'ws');
        client = await LspClient.start({ workspace: ws });
        const text = `import "${join(ws, 'shared', 'lib.mplan')}"\nimport "shared\\\\lib.mplan"\n` + PLAN;
        const diagnostics = await client.open(uri(join(ws, 'plan.mplan')), text);
        expect(unresolved(diagnostics).map(line => line.split(' is not a relative path')[0])).toEqual([
            `1 unresolved-import '${join(ws, 'shared', 'lib.mplan')}'`,
            "2 unresolved-import 'shared\\lib.mplan'",
            "8 unresolved-reference No tactic named 'Outsider' is declared in this file or the files it imports. One is declared in shared/lib.mplan: import that file."
        ]);
    });

    it('an untitled document imports nothing', async () => {
        const ws = temp({ 'lib.mplan': OUTSIDER });
        client = await LspClient.start({ workspace: ws });
        const diagnostics = await client.open('untitled:Untitled-1', 'import "lib.mplan"\n' + PLAN);
        expect(unresolved(diagnostics)).toEqual([
            '1 unresolved-import This document is not saved in a folder, so it cannot import files: save it in the project first.',
            "7 unresolved-reference No tactic named 'Outsider' is declared in this file or the files it imports."
        ]);
    });

    it('a file opened outside every workspace folder imports from beside it, not from above', async () => {
        const base = temp({ 'ws/.keep': '', 'loose/lib.mplan': OUTSIDER, 'above.mplan': OUTSIDER });
        client = await LspClient.start({ workspace: join(base, 'ws') });
        await client.open(uri(join(base, 'loose', 'lib.mplan')), OUTSIDER);
        await client.open(uri(join(base, 'above.mplan')), OUTSIDER);
        const beside = await client.open(uri(join(base, 'loose', 'plan.mplan')), 'import "lib.mplan"\n' + PLAN);
        expect(unresolved(beside)).toEqual([]);
        const above = await client.open(uri(join(base, 'loose', 'other.mplan')), 'import "../above.mplan"\n' + PLAN);
        expect(unresolved(above)).toEqual([
            `1 unresolved-import '../above.mplan' leads outside the project folder (${join(base, 'loose')}): imports are read only from inside it. It was not read.`,
            "7 unresolved-reference No tactic named 'Outsider' is declared in this file or the files it imports. One is declared in lib.mplan: import that file."
        ]);
    });

    it('completion after import offers the libraries inside the workspace, not one open outside it', async () => {
        const base = temp({ 'ws/shared/lib.mplan': OUTSIDER, 'outside/lib.mplan': OUTSIDER });
        const ws = join(base, 'ws');
        client = await LspClient.start({ workspace: ws });
        await client.open(uri(join(base, 'outside', 'lib.mplan')), OUTSIDER);
        const plan = uri(join(ws, 'plan.mplan'));
        await client.open(plan, 'import \n' + PLAN);
        const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: plan }, position: { line: 0, character: 7 } });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        expect(items.filter(item => item.kind === CompletionItemKind.File).map(item => item.label)).toEqual(['"shared/lib.mplan"']);
    });

    it('with several workspace folders, an import may lead from one into another', async () => {
        const base = temp({ 'a/plan.mplan': 'import "../b/lib.mplan"\n' + PLAN, 'b/lib.mplan': OUTSIDER, 'c/lib.mplan': OUTSIDER, 'a/other.mplan': 'import "../c/lib.mplan"\n' + PLAN });
        const server = await startWithFolders([join(base, 'a'), join(base, 'b')]);
        stopOther = server.stop;
        expect(unresolved(await server.diagnosticsOf(uri(join(base, 'a', 'plan.mplan'))))).toEqual([]);
        expect(unresolved(await server.diagnosticsOf(uri(join(base, 'a', 'other.mplan'))))).toEqual([
            `1 unresolved-import '../c/lib.mplan' leads outside the project folder (${join(base, 'a')}): imports are read only from inside it. It was not read.`,
            // The hint names the library of the other workspace folder, which may be imported.
            "7 unresolved-reference No tactic named 'Outsider' is declared in this file or the files it imports. One is declared in ../b/lib.mplan: import that file."
        ]);
    });
});

/**
 * The built server started with several workspace folders (test/lsp/client.ts
 * opens one): the diagnostics it publishes for the plans it loads at start.
 */
async function startWithFolders(folders: string[]): Promise<{ diagnosticsOf(file: string): Promise<Diagnostic[]>; stop(): Promise<void> }> {
    const child = spawn(process.execPath, [join(ROOT, 'out', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const seen = new Map<string, Diagnostic[]>();
    const waiting = new Map<string, (d: Diagnostic[]) => void>();
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        seen.set(params.uri, params.diagnostics);
        waiting.get(params.uri)?.(params.diagnostics);
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: uri(folders[0]),
        capabilities: {},
        workspaceFolders: folders.map((folder, i) => ({ uri: uri(folder), name: `folder${i}` }))
    });
    await connection.sendNotification('initialized', {});
    return {
        diagnosticsOf: file => seen.has(file) ? Promise.resolve(seen.get(file)!) : new Promise(resolve => waiting.set(file, resolve)),
        async stop() {
            try {
                await Promise.race([connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
                await connection.sendNotification('exit');
            } catch {
                // Already gone.
            }
            connection.dispose();
            if (child.exitCode === null) child.kill();
        }
    };
}

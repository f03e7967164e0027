/**
 * The extension in VS Code for the Web (vscode.dev, github.dev, a web extension host): the
 * manifest's `browser` entry (`dist/browser.js`). The language server runs in a web worker
 * (`dist/worker.js`, src/server/browser.ts) and has no disk: it asks for every file
 * (`mplan/fs/readFile`, `mplan/fs/readDirectory`, src/server/client-file-system.ts), answered here
 * through `vscode.workspace.fs`, so a plan's imports and mplan.json are read wherever the workspace
 * lives. Everything around the client is the desktop's (session.ts: the commands, the preview,
 * report export, New Plan); "Explain Rule" opens the rule's page shipped with the extension (the
 * worker cannot read it for the request the desktop's server answers).
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { activateSession, deactivateSession, type Client } from './session.js';

type ReadFileAnswer = { text: string } | { missing: true } | { error: string };

/** A file of the workspace (or a rule page of the extension) for the worker. */
async function readFile(value: string): Promise<ReadFileAnswer> {
    const uri = vscode.Uri.parse(value);
    try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.length > 5 * 1024 * 1024) return { error: 'larger than 5 MB, the limit of a plan file' };
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { missing: true };
        if (error instanceof TypeError) return { error: 'not UTF-8 text' };
        // A scheme no file system provider serves (the extension's own files on a web host).
        if (/^https?:$/.test(`${uri.scheme}:`)) {
            const response = await fetch(value).catch(() => undefined);
            return response?.ok ? { text: await response.text() } : { missing: true };
        }
        return error instanceof vscode.FileSystemError ? { error: error.message } : { missing: true };
    }
}

async function readDirectory(value: string): Promise<Array<{ uri: string; isFile: boolean; isDirectory: boolean }>> {
    const folder = vscode.Uri.parse(value);
    try {
        const entries = await vscode.workspace.fs.readDirectory(folder);
        return entries.map(([name, type]) => ({
            uri: vscode.Uri.joinPath(folder, name).toString(),
            isFile: (type & vscode.FileType.File) !== 0,
            isDirectory: (type & vscode.FileType.Directory) !== 0 && (type & vscode.FileType.SymbolicLink) === 0
        }));
    } catch {
        return [];
    }
}

type WebWorker = ConstructorParameters<typeof LanguageClient>[2];

/**
 * The worker server, started from the script's text as a blob: VS Code's web extension host
 * starts no worker from a `vscode-remote:` address (an extension installed on a remote, as in
 * code-server), but its `fetch` reads one, and a blob worker runs anywhere (vscode.dev too).
 */
async function startWorker(context: vscode.ExtensionContext): Promise<WebWorker> {
    // The browser's Worker, Blob and URL (the extension's types are Node's).
    const web = globalThis as unknown as { Worker: new (url: string) => WebWorker; Blob: typeof Blob; URL: { createObjectURL(blob: Blob): string } };
    const address = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').toString(true);
    const response = await fetch(address);
    if (!response.ok) throw new Error(`the server's script ${address} cannot be read (${response.status})`);
    const blob = new web.Blob([await response.text()], { type: 'text/javascript' });
    return withEventListeners(new web.Worker(web.URL.createObjectURL(blob)));
}

/**
 * The worker as the language client's message reader wants it. Where the browser gives the
 * extension host no nested workers, VS Code's stand-in has `onmessage`, `onerror`, `postMessage`
 * and `terminate` but no `addEventListener`, which the reader calls for errors.
 */
function withEventListeners(worker: WebWorker): WebWorker {
    const given = worker as unknown as { addEventListener?: unknown; onerror: unknown; onmessage: unknown; postMessage(m: unknown): void; terminate(): void };
    if (typeof given.addEventListener === 'function') return worker;
    return {
        postMessage: (message: unknown) => given.postMessage(message),
        terminate: () => given.terminate(),
        set onmessage(listener: unknown) { given.onmessage = listener; },
        get onmessage() { return given.onmessage; },
        addEventListener: (type: string, listener: unknown) => { if (type === 'error') given.onerror = listener; }
    } as unknown as WebWorker;
}

async function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<LanguageClient> {
    const worker = await startWorker(context);
    const config = vscode.workspace.getConfiguration('mplan');
    const asOf = config.get<string>('asOf')?.trim();
    const configFile = config.get<string>('configFile')?.trim();
    const options: LanguageClientOptions = {
        documentSelector: [{ language: 'mplan' }],
        synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.mplan'), vscode.workspace.createFileSystemWatcher('**/mplan.json')] },
        initializationOptions: {
            ...(asOf ? { asOf } : {}),
            ...(configFile ? { configFile } : {}),
            ruleDocsBase: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString() + '/'
        },
        outputChannel: output
    };
    const created = new LanguageClient('mplan', 'mplan', worker, options);
    created.onRequest('mplan/fs/readFile', async (params: { uri?: unknown }): Promise<unknown> =>
        typeof params?.uri === 'string' ? readFile(params.uri) : { missing: true });
    created.onRequest('mplan/fs/readDirectory', async (params: { uri?: unknown }): Promise<unknown> =>
        typeof params?.uri === 'string' ? readDirectory(params.uri) : []);
    return created;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    await activateSession(context, {
        createClient: (ctx, output) => createClient(ctx, output) as unknown as Promise<Client>,
        // The worker cannot read the rule pages for the request the desktop's server answers: the page shipped with the extension.
        explainRule: async (ctx, _client, id) => {
            const rule = typeof id === 'string' ? id : await vscode.window.showInputBox({ title: 'Explain an mplan rule', prompt: 'The rule id, as findings show it' });
            if (!rule || !/^[a-z0-9-]+$/.test(rule)) return;
            await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(ctx.extensionUri, 'docs', 'rules', `${rule}.md`));
        }
    });
}

export const deactivate = deactivateSession;

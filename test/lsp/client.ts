import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach } from 'vitest';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type InitializeResult, type MessageConnection,
    type PublishDiagnosticsParams
} from 'vscode-languageserver/node';
import { FIXTURE_PLANS, PINNED_CONFIG, pinnedSettings, type ExtraSettings } from '../pinned.js';

export const ROOT = join(__dirname, '..', '..');

export { PINNED_CONFIG, pinnedSettings } from '../pinned.js';
/**
 * The plans the LSP tests read: copies of the examples (test/fixtures/README.md), so that the examples
 * may change without moving a position, a text or a count asserted here.
 */
export const PLANS = FIXTURE_PLANS;
/** The corner-bakery plan over four files (plan.mplan and shared/). */
export const BAKERY = join(PLANS, 'corner-bakery');
/**
 * `initializationOptions` that make the server judge by the pinned rules (an absolute `configFile`
 * works with and without a workspace folder), so a new rule changes no diagnostics these tests expect.
 */
export const PINNED = { configFile: PINNED_CONFIG };

/**
 * A temporary copy of a fixture (a folder or a file under test/fixtures/plans) as a workspace folder,
 * for tests that change files on disk; its mplan.json is the pinned settings, with `extra` settings
 * (such as `asOf`) added.
 */
export function fixtureWorkspace(fixture: string, extra: ExtraSettings = {}, prefix = 'mplan-lsp-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    cpSync(join(PLANS, fixture), fixture.endsWith('.mplan') ? join(dir, fixture) : dir, { recursive: true });
    writeFileSync(join(dir, 'mplan.json'), pinnedSettings(extra));
    return dir;
}

/** Client capabilities of an editor that renders Markdown in hovers and completion items (VS Code, Neovim, eglot with markdown-mode). */
export const MARKDOWN = {
    textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } } }
};

export interface StartOptions {
    /** A folder to open as the workspace (its plans are loaded and judged at start). */
    workspace?: string;
    /** Client capabilities; default: none, like a minimal client. */
    capabilities?: object;
    /** What the client answers to workspace/configuration: default [null] per item, like clients with no settings. */
    configuration?: (items: unknown[]) => unknown[];
    /** How to start the server: the bin (default) or `mplan lsp`. */
    command?: 'server' | 'mplan';
    /** Send the workspace as `rootUri` only, like clients without workspace folders (Vim's ALE). */
    rootUriOnly?: boolean;
    /** `initializationOptions`, as the VS Code extension sends its settings. */
    initializationOptions?: unknown;
}

/**
 * A real LSP client for tests: starts the built language server over stdio,
 * speaks JSON-RPC to it, and waits for events (never for fixed times).
 */
export class LspClient {
    readonly diagnostics = new Map<string, Diagnostic[]>();
    /** What the server showed the user (window/showMessage), in order. */
    readonly messages: string[] = [];
    /** What the server wrote to the client's log (window/logMessage), in order. */
    readonly logs: string[] = [];
    /** The methods the server registered capabilities for (client/registerCapability), in order. */
    readonly registrations: string[] = [];
    /** What the server answered to `initialize` (its capabilities). */
    initializeResult: InitializeResult | undefined;
    /** The end of what the server wrote to stderr (its log), for a failure to show. */
    stderr = '';
    /** How the server process ended, once it has. */
    exited: string | undefined;
    private waiters: Array<{ uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void; reject: (e: Error) => void }> = [];
    private versions = new Map<string, number>();
    private stopping = false;

    private constructor(readonly process: ChildProcess, readonly connection: MessageConnection) {}

    static async start(options: StartOptions = {}): Promise<LspClient> {
        const args = options.command === 'mplan' ? [join(ROOT, 'bin', 'mplan.cjs'), 'lsp', '--stdio'] : [join(ROOT, 'out', 'server.cjs'), '--stdio'];
        const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        const client = new LspClient(child, connection);
        live.add(client);
        // The server's log: not part of the protocol, kept for a failing test to show.
        child.stderr!.on('data', (data: Buffer) => { client.stderr = (client.stderr + String(data)).slice(-4000); });
        // A server that dies fails what waits on it at once, saying so, instead of leaving the test to time out.
        child.on('exit', (code, signal) => {
            client.exited = signal ? `signal ${signal}` : `exit code ${code}`;
            if (client.stopping) return;
            for (const waiter of client.waiters.splice(0)) {
                waiter.reject(new Error(`the language server ended (${client.exited}) while diagnostics of ${waiter.uri} were awaited; its log:\n${client.stderr}`));
            }
        });
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            client.diagnostics.set(params.uri, params.diagnostics);
            for (const waiter of [...client.waiters]) {
                if (waiter.test(params)) {
                    client.waiters.splice(client.waiters.indexOf(waiter), 1);
                    waiter.resolve(params);
                }
            }
        });
        connection.onNotification('window/showMessage', (params: { message: string }) => { client.messages.push(params.message); });
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => (options.configuration ?? (items => items.map(() => null)))(params.items));
        connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string }> }) => {
            client.registrations.push(...params.registrations.map(r => r.method));
            return null;
        });
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.onNotification('window/logMessage', (params: { message: string }) => { client.logs.push(params.message); });
        connection.listen();
        const rootUri = options.workspace ? pathToFileURL(options.workspace).toString() : null;
        client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
            processId: process.pid,
            rootUri,
            capabilities: options.capabilities ?? {},
            initializationOptions: options.initializationOptions,
            workspaceFolders: rootUri && !options.rootUriOnly ? [{ uri: rootUri, name: 'workspace' }] : null
        });
        await connection.sendNotification('initialized', {});
        return client;
    }

    /** The next diagnostics published for `uri` that pass `test` (default: any). */
    nextDiagnostics(uri: string, test: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
        if (this.exited) return Promise.reject(new Error(`the language server has ended (${this.exited}); its log:\n${this.stderr}`));
        return new Promise((resolve, reject) => this.waiters.push({ uri, test: p => p.uri === uri && test(p.diagnostics), resolve: p => resolve(p.diagnostics), reject }));
    }

    /** Opens a document; resolves with its first diagnostics. */
    async open(uri: string, text: string): Promise<Diagnostic[]> {
        const published = this.nextDiagnostics(uri);
        this.versions.set(uri, 1);
        await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mplan', version: 1, text } });
        return published;
    }

    /** Replaces a document's text (full sync); resolves with the diagnostics of that version. */
    async change(uri: string, text: string): Promise<Diagnostic[]> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        const published = this.nextDiagnostics(uri);
        await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        return published;
    }

    async close(uri: string): Promise<void> {
        await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    request<T>(method: string, params: unknown): Promise<T> {
        return this.connection.sendRequest(method, params) as Promise<T>;
    }

    notify(method: string, params: unknown): Promise<void> {
        return this.connection.sendNotification(method, params);
    }

    /** What a failing test shows of this client: what it still waits for, what it got, and the server's log. */
    describeState(): string {
        const waiting = this.waiters.map(w => w.uri);
        return [
            `server: ${this.exited ?? 'running'}`,
            `still waiting for diagnostics of: ${waiting.length ? waiting.join(', ') : 'nothing'}`,
            `diagnostics published for: ${[...this.diagnostics].map(([uri, d]) => `${uri} (${d.length})`).join(', ') || 'nothing'}`,
            `log messages (last 5): ${this.logs.slice(-5).join(' | ') || 'none'}`,
            `server stderr (end):\n${this.stderr || '(empty)'}`
        ].join('\n');
    }

    /** Shuts the server down as a client would, and makes sure the process is gone. */
    async stop(): Promise<void> {
        this.stopping = true;
        try {
            await Promise.race([this.connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
            await this.connection.sendNotification('exit');
        } catch {
            // Already gone.
        }
        this.connection.dispose();
        if (this.process.exitCode === null) this.process.kill();
    }
}

/** The clients started during the current test. */
const live = new Set<LspClient>();

// A test that fails (a timeout above all) with a client started says what that client waited for
// and what the server logged: a hang in CI then explains itself.
afterEach(({ task }) => {
    if (task.result?.state === 'fail') {
        for (const client of live) console.error(`LSP client of the failed test "${task.name}":\n${client.describeState()}`);
    }
    live.clear();
});

/** A file URI for a path. */
export function uri(path: string): string {
    return pathToFileURL(path).toString();
}

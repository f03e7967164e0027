import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type InitializeResult,
    type MessageConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver/node';
import { mplan } from '../../cli/run.js';
import { ROOT } from '../client.js';
// @ts-expect-error: a plain ES module without types
import { generatePlan as untypedGeneratePlan, random as untypedRandom } from '../../../bench/generate.mjs';

/** Tests judge by a fixed day, never by today. */
export const AS_OF = '2027-01-15';

/** How the stress tests start the built server. */
export interface StressOptions {
    /** A folder to open as the workspace. */
    workspace?: string;
    /** Flags for node before the bundle (e.g. --expose-gc). Every server runs with --unhandled-rejections=strict. */
    nodeArgs?: string[];
    /** Extra environment variables for the server process. */
    env?: Record<string, string>;
    /** The process id the server watches (LSP `processId`); default: this process. */
    processId?: number;
}

/** A window/logMessage the server sent: type 1 is an error, 2 a warning. */
export interface LogMessage {
    type: number;
    message: string;
}

/** How the server process ended. */
export interface Exit {
    code: number | null;
    signal: NodeJS.Signals | null;
}

/**
 * A stdio LSP client for stress tests. Unlike test/lsp/client.ts it sends
 * edits without waiting for their diagnostics, counts what the server
 * publishes per document, keeps the server's stderr and its log messages,
 * and can start the server with node flags and environment variables.
 */
export class StressClient {
    /** The diagnostics published last, per document URI. */
    readonly diagnostics = new Map<string, Diagnostic[]>();
    /** How many times diagnostics were published, per document URI. */
    readonly publishes = new Map<string, number>();
    /** What the server logged through the protocol (its console, in stdio mode). */
    readonly logs: LogMessage[] = [];
    /** The capabilities the server announced. */
    capabilities: InitializeResult['capabilities'] = {};
    private stderrChunks: string[] = [];
    private waiters: Array<{ test: (p: PublishDiagnosticsParams) => boolean; resolve: () => void }> = [];
    private versions = new Map<string, number>();
    /** Resolves when the server process has ended. */
    readonly exited: Promise<Exit>;

    private constructor(readonly child: ChildProcess, readonly connection: MessageConnection) {
        this.exited = new Promise(resolve => child.on('exit', (code, signal) => resolve({ code, signal })));
        child.stderr!.setEncoding('utf8');
        child.stderr!.on('data', (chunk: string) => { this.stderrChunks.push(chunk); });
    }

    /** Everything the server wrote to stderr so far. */
    get stderr(): string {
        return this.stderrChunks.join('');
    }

    static async start(options: StressOptions = {}): Promise<StressClient> {
        const args = ['--unhandled-rejections=strict', ...(options.nodeArgs ?? []), join(ROOT, 'out', 'server.cjs'), '--stdio'];
        const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
        const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        const client = new StressClient(child, connection);
        // A closed pipe is what some tests do on purpose: the connection's own errors are not the server's.
        connection.onError(() => { /* reported by the test through the server's exit and stderr */ });
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => client.published(params));
        connection.onNotification('window/logMessage', (params: LogMessage) => { client.logs.push(params); });
        connection.onNotification('window/showMessage', (params: LogMessage) => { client.logs.push(params); });
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.listen();
        const rootUri = options.workspace ? pathToFileURL(options.workspace).toString() : null;
        const result = await connection.sendRequest('initialize', {
            processId: options.processId ?? process.pid,
            rootUri,
            capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
            initializationOptions: { asOf: AS_OF },
            workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null
        }) as InitializeResult;
        client.capabilities = result.capabilities;
        await connection.sendNotification('initialized', {});
        return client;
    }

    private published(params: PublishDiagnosticsParams): void {
        this.diagnostics.set(params.uri, params.diagnostics);
        this.publishes.set(params.uri, (this.publishes.get(params.uri) ?? 0) + 1);
        for (const waiter of [...this.waiters]) {
            if (waiter.test(params)) {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                waiter.resolve();
            }
        }
    }

    /**
     * Resolves at the first publish for `uri` that passes `test` (or at once
     * when the last one did); fails when the server exits first, or after
     * `deadlineMs`, which only catches a server that hangs or never gets
     * there, saying what it published last.
     */
    waitFor(uri: string, test: (diagnostics: Diagnostic[]) => boolean, what: string, deadlineMs = 20_000): Promise<void> {
        const last = this.diagnostics.get(uri);
        if (last && test(last)) return Promise.resolve();
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                reject(new Error(`no diagnostics for ${basename(uri)} ${what} within ${deadlineMs} ms; last published: ${JSON.stringify(this.diagnostics.get(uri)?.map(d => d.code))}`));
            }, deadlineMs);
            this.waiters.push({ test: p => p.uri === uri && test(p.diagnostics), resolve: () => { clearTimeout(timer); resolve(); } });
            void this.exited.then(exit => {
                clearTimeout(timer);
                reject(new Error(`the server exited (code ${exit.code}, signal ${exit.signal}) before publishing diagnostics for ${basename(uri)} ${what}; its stderr:\n${this.stderr}`));
            });
        });
    }

    /** Opens a document without waiting for anything. */
    open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mplan', version: 1, text } });
    }

    /** Replaces a document's whole text without waiting for its diagnostics. */
    change(uri: string, text: string): Promise<void> {
        return this.edit(uri, [{ text }]);
    }

    /** Sends content changes (whole text or ranges) without waiting for diagnostics. */
    edit(uri: string, contentChanges: unknown[]): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    }

    close(uri: string): Promise<void> {
        this.versions.delete(uri);
        return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    notify(method: string, params: unknown): Promise<void> {
        return this.connection.sendNotification(method, params);
    }

    /** Sends a request; fails at once, with the server's stderr, if the server process ends first. */
    request<T>(method: string, params: unknown): Promise<T> {
        const died = this.exited.then(exit => {
            throw new Error(`the server exited (code ${exit.code}, signal ${exit.signal}) before answering ${method}; its stderr:\n${this.stderr}`);
        });
        return Promise.race([this.connection.sendRequest(method, params) as Promise<T>, died]);
    }

    /**
     * Waits until the server has built every edit sent so far: the preview's
     * `mplan/planReport` is answered only after the builds queued before it,
     * and their diagnostics are published before the answer on the same pipe.
     */
    async settled(uri: string): Promise<void> {
        await this.request('mplan/planReport', { uri });
    }

    /** Whether the server process is still running. */
    get alive(): boolean {
        return this.child.exitCode === null && this.child.signalCode === null;
    }

    /** Shuts the server down as a client would and waits for the process to end. */
    async stop(): Promise<Exit> {
        if (this.alive) {
            try {
                await this.connection.sendRequest('shutdown');
                await this.connection.sendNotification('exit');
            } catch {
                // Already gone.
            }
        }
        const exit = await within(this.exited, 10_000);
        this.connection.dispose();
        if (!exit) this.child.kill();
        return exit ?? this.exited;
    }
}

/** The promise's value, or undefined once `ms` have passed without one (a bound that only catches hangs). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>(resolve => { timer = setTimeout(() => resolve(undefined), ms); });
    try {
        return await Promise.race([promise, late]);
    } finally {
        clearTimeout(timer);
    }
}

/**
 * What would show that the server crashed or dropped an error: Node's report
 * of an uncaught exception or unhandled rejection, a stack trace, a fatal
 * error. The server's normal log goes through the protocol, not stderr.
 */
export function crashSigns(stderr: string): string[] {
    const signs = [/unhandled/i, /^\s+at .+:\d+:\d+\)?$/m, /\bError\b/, /FATAL/, /uncaught/i, /Maximum call stack/];
    return signs.filter(sign => sign.test(stderr)).map(String);
}

/** Error-level log messages and anything that looks like a stack trace in what the server logged. */
export function loggedErrors(logs: LogMessage[]): string[] {
    return logs.filter(log => log.type === 1 || /^\s+at .+:\d+:\d+\)?$/m.test(log.message)).map(log => log.message);
}

/** A finding as the CLI and the server both show it. */
export interface Finding {
    line: number;
    column: number;
    rule: string;
    message: string;
}

/** A file's diagnostics as findings, sorted, for comparing the server with `mplan check`. */
export function findingsOf(diagnostics: Diagnostic[]): Finding[] {
    return sortFindings(diagnostics.map(d => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        rule: String(d.code),
        message: typeof d.message === 'string' ? d.message : ''
    })));
}

function sortFindings(findings: Finding[]): Finding[] {
    return [...findings].sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message));
}

interface JsonReport {
    files: Array<{ path: string; findings: Array<{ line: number; column: number; ruleId: string; message: string }> }>;
}

/**
 * What `mplan check --format json` says of the given paths (files or
 * folders, relative to `cwd`), per absolute file path, sorted.
 */
export async function cliFindings(paths: string[], cwd: string): Promise<Map<string, Finding[]>> {
    const run = await mplan(['check', ...paths, '--format', 'json', '--as-of', AS_OF], cwd);
    if (run.code !== 0 && run.code !== 1) throw new Error(`mplan check exited ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as JsonReport;
    return new Map(report.files.map(file => [
        file.path.startsWith('/') ? file.path : join(cwd, file.path),
        sortFindings(file.findings.map(f => ({ line: f.line, column: f.column, rule: f.ruleId, message: f.message })))
    ]));
}

/** What `mplan check` says of one text, saved as `name` in a fresh folder. */
export async function cliFindingsOfText(text: string, name = 'plan.mplan'): Promise<Finding[]> {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-stress-cli-'));
    writeFileSync(join(dir, name), text);
    return (await cliFindings([name], dir)).get(join(dir, name)) ?? [];
}

/** Pseudo-random numbers from a seed (bench/generate.mjs), so a churn is the same on every run. */
export const seeded = untypedRandom as (seed: number) => () => number;

/** A realistic plan of about `lines` lines that every rule passes (bench/generate.mjs). */
export const generatePlan = untypedGeneratePlan as (lines: number, seed?: number) => string;

/**
 * The mplan language server in a browser's web worker (`out/web/worker.js`, the playground's and
 * VS Code for the Web's server). The same services as the Node server (`main.ts`), with two
 * differences of host only:
 * - files come from the client: the worker has no disk, so every read (a plan, a folder's listing,
 *   `mplan.json`, a rule's page for the report's rationale) is a request to the client
 *   (`client-file-system.ts`), which answers from what it holds (the playground's files, VS Code's
 *   `workspace.fs`);
 * - a document of another scheme (VS Code for the Web's `vscode-vfs:`) is shown to the core as a
 *   file, so that its imports are followed as a file's (`browser-uris.ts`);
 * - the rule pages are where the client says (`initializationOptions.ruleDocsBase`), so each
 *   diagnostic links to the page the client can show.
 * No Node API is used (the bundle is built for the browser platform, which fails on one).
 */
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { addSelectionRangeHandler } from '../language/lsp/language-server.js';
import { addPlanReportHandler } from '../language/lsp/plan-report-request.js';
import { createMplanServices } from '../language/mplan-module.js';
import { mapUris, toClientUri, toCoreUri } from './browser-uris.js';
import { ClientFileSystemProvider } from './client-file-system.js';

type Port = ConstructorParameters<typeof BrowserMessageReader>[0];

/** The worker's global scope, as far as the message reader and writer need it. */
const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown): void;
    addEventListener(type: string, listener: (event: unknown) => void): void;
};

/**
 * The worker's port as the reader and writer see it: a document of another scheme than `file:`
 * (VS Code for the Web's) comes in as a file and goes out as the client's again (browser-uris.ts).
 */
const port = {
    set onmessage(listener: ((event: MessageEvent) => void) | null) {
        scope.onmessage = listener && (event => listener({ data: mapUris(event.data, toCoreUri) } as MessageEvent));
    },
    postMessage: (message: unknown) => scope.postMessage(mapUris(message, toClientUri)),
    addEventListener: (type: string, listener: (event: unknown) => void) => scope.addEventListener(type, listener)
} as unknown as Port;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
const fileSystem = new ClientFileSystemProvider(connection);
const { shared, Mplan } = createMplanServices({ connection, fileSystemProvider: () => fileSystem });
// The client names where the rule pages are (the playground: its rules/ folder) before the first build.
shared.lsp.LanguageServer.onInitialize(params => {
    const base = (params.initializationOptions as { ruleDocsBase?: unknown } | undefined)?.ruleDocsBase;
    if (typeof base === 'string' && base) Mplan.config.RuleDocs.setBase(base);
});
startLanguageServer(shared);
addSelectionRangeHandler(connection, shared);
addPlanReportHandler(connection, shared);

/**
 * The mplan language server in a browser's web worker (`out/web/worker.js`, the playground's and
 * VS Code for the Web's server). The same services as the Node server (`main.ts`), with two
 * differences of host only:
 * - files come from the client: the worker has no disk, so every read (a plan, a folder's listing,
 *   `mplan.json`, a rule's page for the report's rationale) is a request to the client
 *   (`client-file-system.ts`), which answers from what it holds (the playground's files, VS Code's
 *   `workspace.fs`);
 * - the rule pages are where the client says (`initializationOptions.ruleDocsBase`), so each
 *   diagnostic links to the page the client can show.
 * No Node API is used (the bundle is built for the browser platform, which fails on one).
 */
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { addSelectionRangeHandler } from '../language/lsp/language-server.js';
import { addPlanReportHandler } from '../language/lsp/plan-report-request.js';
import { createMplanServices } from '../language/mplan-module.js';
import { ClientFileSystemProvider } from './client-file-system.js';

/** The worker's global scope, as far as the message reader and writer need it. */
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
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

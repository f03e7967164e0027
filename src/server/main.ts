import { pathToFileURL } from 'node:url';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { addSelectionRangeHandler } from '../language/lsp/language-server.js';
import { addPlanReportHandler } from '../language/lsp/plan-report-request.js';
import { createMplanServices } from '../language/mplan-module.js';
import { addDebugRequests } from './debug-requests.js';
import { addRuleRequests } from './rule-requests.js';
import { MplanNodeFileSystem } from './file-system.js';
import { rulesDocsDir } from '../host/rule-docs.js';

/**
 * The mplan language server. The transport (--stdio, --node-ipc,
 * --socket=PORT) is chosen by vscode-languageserver from the command line.
 */
export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    if (process.argv.includes('--stdio')) exitWhenOutputCloses(connection);
    const { shared, Mplan } = createMplanServices({ connection, ...MplanNodeFileSystem });
    // The rule docs ship beside the bundle (out/../docs/rules): every diagnostic links to its page.
    Mplan.config.RuleDocs.setBase(pathToFileURL(rulesDocsDir()).href);
    startLanguageServer(shared);
    addSelectionRangeHandler(connection, shared);
    addPlanReportHandler(connection, shared);
    addRuleRequests(connection);
    addDebugRequests(connection, shared);
}

/**
 * An exit as quiet as LSP's when the client goes away while the server is
 * still writing to it. vscode-languageserver exits when its input ends, but a
 * client killed mid-build may close our output first: every later write then
 * fails, and the library logs each failure through the closed connection,
 * which throws, and the rejection ended the process with a stack trace. A
 * client that no longer reads is gone: exit at once, with LSP's exit code (0
 * when the client asked for shutdown, else 1).
 */
function exitWhenOutputCloses(connection: Connection): void {
    let shutdownRequested = false;
    connection.onShutdown(() => { shutdownRequested = true; });
    process.stdout.once('error', () => process.exit(shutdownRequested ? 0 : 1));
}

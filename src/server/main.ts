import { pathToFileURL } from 'node:url';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
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
    const { shared, Mplan } = createMplanServices({ connection, ...MplanNodeFileSystem });
    // The rule docs ship beside the bundle (out/../docs/rules): every diagnostic links to its page.
    Mplan.config.RuleDocs.setBase(pathToFileURL(rulesDocsDir()).href);
    startLanguageServer(shared);
    addSelectionRangeHandler(connection, shared);
    addPlanReportHandler(connection, shared);
    addRuleRequests(connection);
    addDebugRequests(connection, shared);
}

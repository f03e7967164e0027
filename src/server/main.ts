import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createMplanServices } from '../language/mplan-module.js';

/**
 * The mplan language server. The transport (--stdio, --node-ipc,
 * --socket=PORT) is chosen by vscode-languageserver from the command line.
 */
export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared } = createMplanServices({ connection, ...NodeFileSystem });
    startLanguageServer(shared);
}

import { DocumentState, URI } from 'langium';
import { DefaultLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import type { MplanServices } from '../mplan-module.js';

/**
 * Langium's language server, with what it does not offer itself:
 * selection ranges ("expand selection"), and an exit as quiet as LSP's when
 * the client goes away while the server is still writing to it.
 */
export class MplanLanguageServer extends DefaultLanguageServer {
    /** Whether the client asked for shutdown: LSP's exit code is then 0, else 1. */
    protected shutdownRequested = false;

    constructor(services: LangiumSharedServices) {
        super(services);
        const connection = services.lsp.Connection;
        if (connection && process.argv.includes('--stdio')) {
            connection.onShutdown(() => { this.shutdownRequested = true; });
            // vscode-languageserver exits when its input ends, but a client killed mid-build
            // may close our output first: every later write then fails, and the library logs
            // each failure through the closed connection, which throws, and the rejection ended
            // the process with a stack trace. A client that no longer reads is gone: exit at once.
            process.stdout.once('error', () => process.exit(this.shutdownRequested ? 0 : 1));
        }
    }

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        result.capabilities.selectionRangeProvider = true;
        return result;
    }
}

/** Answers textDocument/selectionRange with the mplan selection range provider. */
export function addSelectionRangeHandler(connection: Connection, shared: LangiumSharedServices): void {
    connection.onSelectionRanges(async (params, token) => {
        const uri = URI.parse(params.textDocument.uri);
        const services = shared.ServiceRegistry.getServices(uri) as MplanServices;
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Parsed, uri, token);
        const document = shared.workspace.LangiumDocuments.getDocument(uri);
        return document ? services.lspExtra.SelectionRangeProvider.getSelectionRanges(document, params.positions) : [];
    });
}

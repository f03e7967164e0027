import { DocumentState, URI } from 'langium';
import { DefaultLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import type { MplanServices } from '../mplan-module.js';

/**
 * Langium's language server, with what it does not offer itself:
 * selection ranges ("expand selection").
 */
export class MplanLanguageServer extends DefaultLanguageServer {
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
        // A document the server does not know is refused here, in words (MplanDocumentBuilder.waitUntil).
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Parsed, uri, token);
        const document = shared.workspace.LangiumDocuments.getDocument(uri);
        const services = shared.ServiceRegistry.getServices(uri) as MplanServices;
        return document ? services.lspExtra.SelectionRangeProvider.getSelectionRanges(document, params.positions) : [];
    });
}

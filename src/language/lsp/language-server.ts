import { DocumentState, URI } from 'langium';
import { DefaultLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import { DidChangeConfigurationNotification, type Connection, type InitializedParams, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import type { MplanServices } from '../mplan-module.js';

/**
 * Langium's language server, with what it does not offer itself:
 * selection ranges ("expand selection"), and completion options every client
 * reads as "completion offered". Langium advertises `completionProvider: {}`
 * when no trigger characters are set, and Vim's ALE (3.3) takes an empty
 * object for no completion and never asks; `"` (an import's path) is a real
 * trigger, and `resolveProvider: false` says every item comes complete.
 */
export class MplanLanguageServer extends DefaultLanguageServer {
    /** Whether the client takes a registration for workspace/didChangeConfiguration. */
    protected configurationRegistration = false;

    protected override fireInitializeOnDefaultServices(params: InitializeParams): void {
        this.configurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
        super.fireInitializeOnDefaultServices(params);
    }

    /**
     * Langium's start-up, except that the server registers for workspace/didChangeConfiguration
     * only with clients that declare they take that registration: Emacs's eglot 1.9 declares
     * `workspace/configuration` but not this, and answered the registration with a warning in a
     * window of its own. The settings are read (workspace/configuration) either way.
     */
    protected override fireInitializedOnDefaultServices(params: InitializedParams): void {
        const connection = this.services.lsp.Connection;
        const register = this.configurationRegistration && connection
            ? (options: { section: string[] }) => { void connection.client.register(DidChangeConfigurationNotification.type, options); }
            : undefined;
        const configurationParams = connection
            ? { ...params, register, fetchConfiguration: (items: Array<{ section: string }>) => connection.workspace.getConfiguration(items) }
            : params;
        this.services.workspace.ConfigurationProvider.initialized(configurationParams)
            .catch(err => console.error('Error in ConfigurationProvider initialization:', err));
        this.services.workspace.WorkspaceManager.initialized(params)
            .catch(err => console.error('Error in WorkspaceManager initialization:', err));
    }

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        result.capabilities.selectionRangeProvider = true;
        const completion = result.capabilities.completionProvider;
        if (completion) {
            result.capabilities.completionProvider = {
                ...completion,
                triggerCharacters: [...new Set([...(completion.triggerCharacters ?? []), ...COMPLETION_TRIGGERS])],
                resolveProvider: false
            };
        }
        return result;
    }
}

/** Characters after which completion has something to offer unasked: the opening quote of an import's path. */
export const COMPLETION_TRIGGERS = ['"'];

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

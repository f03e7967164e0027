import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { MplanGeneratedModule, MplanGeneratedSharedModule, MplanLanguageMetaData } from './generated/module.js';
import { RuleDocs } from './config/rule-docs.js';
import { SettingsProvider } from './config/settings-provider.js';
import { MplanCodeActionProvider } from './lsp/code-actions.js';
import { MplanCompletionProvider } from './lsp/completion.js';
import { MplanDefinitionProvider } from './lsp/definition.js';
import { MplanDocumentSymbolProvider } from './lsp/document-symbols.js';
import { MplanFoldingRangeProvider } from './lsp/folding.js';
import { MplanDocumentUpdateHandler } from './lsp/document-update-handler.js';
import { MplanFormatter } from './lsp/formatter.js';
import { MplanHoverProvider } from './lsp/hover.js';
import { MplanInlayHintProvider } from './lsp/inlay-hints.js';
import { MplanLanguageServer } from './lsp/language-server.js';
import { MplanNodeKindProvider } from './lsp/node-kinds.js';
import { MplanRenameProvider } from './lsp/rename.js';
import { MplanSelectionRangeProvider } from './lsp/selection-ranges.js';
import { MplanSemanticTokenProvider } from './lsp/semantic-tokens.js';
import { PlanModelProvider } from './model/plan-model.js';
import { ImportResolver } from './scoping/imports.js';
import { MplanLinker } from './scoping/linker.js';
import { MplanScopeComputation } from './scoping/scope-computation.js';
import { MplanScopeProvider } from './scoping/scope-provider.js';
import { MplanParserErrorMessageProvider } from './syntax/parser-errors.js';
import { lexerFor, parserFor } from './syntax/parser-handover.js';
import { MplanTokenBuilder } from './syntax/token-builder.js';
import { MplanValueConverter } from './syntax/value-converter.js';
import { MplanDocumentValidator } from './validation/document-validator.js';
import { MplanDocumentBuilder, MplanLangiumDocuments } from './workspace/document-builder.js';
import { MplanDocumentFactory } from './workspace/document-factory.js';
import { MplanIndexManager } from './workspace/index-manager.js';
import { MplanReferenceDescriptionProvider } from './workspace/reference-descriptions.js';
import { MplanWorkspaceLock } from './workspace/workspace-lock.js';
import { MplanWorkspaceManager } from './workspace/workspace-manager.js';

/** The services mplan adds to Langium's. */
export interface MplanAddedServices {
    references: {
        ImportResolver: ImportResolver;
        ScopeProvider: MplanScopeProvider;
    };
    model: {
        PlanModelProvider: PlanModelProvider;
    };
    config: {
        SettingsProvider: SettingsProvider;
        RuleDocs: RuleDocs;
    };
    lspExtra: {
        SelectionRangeProvider: MplanSelectionRangeProvider;
    };
}

export type MplanServices = LangiumServices & MplanAddedServices;

export const MplanModule: Module<MplanServices, PartialLangiumServices & MplanAddedServices> = {
    // Production mode: chevrotain skips validating the grammar each time a
    // parser is built (it is validated once, by `langium generate`, and by the
    // start-up test of test/cli/startup.test.ts), a few ms of every start.
    LanguageMetaData: () => ({ ...MplanLanguageMetaData, mode: 'production' }),
    parser: {
        Lexer: services => lexerFor(services),
        LangiumParser: services => parserFor(services),
        ValueConverter: () => new MplanValueConverter(),
        TokenBuilder: () => new MplanTokenBuilder(),
        ParserErrorMessageProvider: () => new MplanParserErrorMessageProvider()
    },
    references: {
        ImportResolver: services => new ImportResolver(services),
        Linker: services => new MplanLinker(services),
        ScopeComputation: services => new MplanScopeComputation(services),
        ScopeProvider: services => new MplanScopeProvider(services)
    },
    model: {
        PlanModelProvider: services => new PlanModelProvider(services)
    },
    config: {
        SettingsProvider: () => new SettingsProvider(),
        RuleDocs: () => new RuleDocs()
    },
    validation: {
        DocumentValidator: services => new MplanDocumentValidator(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new MplanReferenceDescriptionProvider(services)
    },
    lsp: {
        CodeActionProvider: services => new MplanCodeActionProvider(services),
        CompletionProvider: services => new MplanCompletionProvider(services),
        DefinitionProvider: services => new MplanDefinitionProvider(services),
        DocumentSymbolProvider: services => new MplanDocumentSymbolProvider(services),
        FoldingRangeProvider: services => new MplanFoldingRangeProvider(services),
        Formatter: () => new MplanFormatter(),
        HoverProvider: services => new MplanHoverProvider(services),
        InlayHintProvider: services => new MplanInlayHintProvider(services),
        RenameProvider: services => new MplanRenameProvider(services),
        SemanticTokenProvider: services => new MplanSemanticTokenProvider(services)
    },
    lspExtra: {
        SelectionRangeProvider: () => new MplanSelectionRangeProvider()
    }
};

export const MplanSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new MplanDocumentBuilder(services),
        IndexManager: services => new MplanIndexManager(services),
        LangiumDocuments: services => new MplanLangiumDocuments(services),
        LangiumDocumentFactory: services => new MplanDocumentFactory(services),
        WorkspaceManager: services => new MplanWorkspaceManager(services),
        WorkspaceLock: services => new MplanWorkspaceLock(services)
    },
    lsp: {
        DocumentUpdateHandler: services => new MplanDocumentUpdateHandler(services),
        NodeKindProvider: () => new MplanNodeKindProvider(),
        LanguageServer: services => new MplanLanguageServer(services)
    }
};

/**
 * The one way to get the mplan language services, for the language server,
 * the CLI and the tests alike. Without an LSP connection in the context, the
 * configuration is initialised here so that documents can be built at once.
 */
export function createMplanServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Mplan: MplanServices } {
    const shared = inject(createDefaultSharedModule(context), MplanGeneratedSharedModule, MplanSharedModule);
    const Mplan = inject(createDefaultModule({ shared }), MplanGeneratedModule, MplanModule);
    shared.ServiceRegistry.register(Mplan);
    if (!context.connection) {
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Mplan };
}

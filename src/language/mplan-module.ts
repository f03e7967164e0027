import { createLangiumParser, DefaultLexer, inject, type LangiumCoreServices, type LangiumParser, type Lexer, type Module } from 'langium';
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
import { recordRepeatedAssignments } from './syntax/repeated-facts.js';
import { MplanTokenBuilder } from './syntax/token-builder.js';
import { MplanValueConverter } from './syntax/value-converter.js';
import { MplanDocumentValidator } from './validation/document-validator.js';
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
        IndexManager: services => new MplanIndexManager(services),
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
 * Building the lexer and the parser is most of the work of a short check
 * (chevrotain analyses the grammar: about 50 ms), and they are the same for
 * every services instance. The CLI's start-up snapshot (src/cli/startup/)
 * builds them once, warm, and hands them over to the services its check
 * creates: `keepNextParser()` before its warm-up check, `handOverParser()`
 * after. Nothing else hands over, so the language server and the tests build
 * their own, as Langium does.
 */
interface ParserHandover {
    keeping: boolean;
    kept: { parser?: LangiumParser; lexer?: Lexer };
    offered?: { parser: LangiumParser; lexer: Lexer };
    taker?: object;
}

const handover: ParserHandover = { keeping: false, kept: {} };

/**
 * The services a Langium parser keeps from the services that built it (its
 * private fields): the ones re-pointed when another services instance takes
 * it over. If Langium ever names them otherwise, nothing is handed over.
 */
const PARSER_SERVICES = ['linker', 'converter', 'astReflection'] as const;

/** Keeps the next lexer and parser built, for `handOverParser`. */
export function keepNextParser(): void {
    handover.keeping = true;
    handover.kept = {};
}

/**
 * Offers the kept lexer and parser to the next services created, and lets go
 * of the services that built them. False when there is nothing to offer.
 */
export function handOverParser(): boolean {
    const { parser, lexer } = handover.kept;
    handover.keeping = false;
    handover.kept = {};
    const fields = parser as unknown as Record<string, unknown> | undefined;
    if (!parser || !lexer || !PARSER_SERVICES.every(key => fields?.[key] !== undefined)) return false;
    parser.parse('');
    for (const key of PARSER_SERVICES) fields![key] = undefined;
    handover.offered = { parser, lexer };
    handover.taker = undefined;
    return true;
}

/** What is offered to these services: the first services to ask take it. */
function offeredTo(services: LangiumCoreServices): ParserHandover['offered'] {
    if (!handover.offered) return undefined;
    handover.taker ??= services;
    return handover.taker === services ? handover.offered : undefined;
}

/** The lexer of these services: the one offered, or a new one. */
function lexerFor(services: LangiumCoreServices): Lexer {
    const lexer = offeredTo(services)?.lexer ?? new DefaultLexer(services);
    if (handover.keeping) handover.kept.lexer ??= lexer;
    return lexer;
}

/** The parser of these services: the one offered, working for them now, or a new one. */
function parserFor(services: LangiumCoreServices): LangiumParser {
    const offered = offeredTo(services);
    if (offered) {
        const now: Record<(typeof PARSER_SERVICES)[number], unknown> = {
            linker: services.references.Linker,
            converter: services.parser.ValueConverter,
            astReflection: services.shared.AstReflection
        };
        return Object.assign(offered.parser, now);
    }
    const parser = withoutStackOverflow(releasingTokens(recordRepeatedAssignments(createLangiumParser(services))), services);
    if (handover.keeping) handover.kept.parser ??= parser;
    return parser;
}

/**
 * Langium leaves the tokens of the last text parsed in the parser (chevrotain's
 * input) until the next parse. They are not needed once the tree is built (its
 * leaves copy their positions), but they were a third of the heap a checked
 * plan kept: a token object and its text for every word of the file. They are
 * let go after each parse. If Langium's parser ever lacks the member, nothing
 * changes.
 */
function releasingTokens(parser: LangiumParser): LangiumParser {
    const chevrotain = (parser as unknown as { wrapper?: { input: unknown[] } }).wrapper;
    if (!chevrotain || !('input' in chevrotain)) return parser;
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => {
        try {
            return parse(input, options);
        } finally {
            chevrotain.input = [];
        }
    }) as LangiumParser['parse'];
    return parser;
}

/**
 * Chevrotain's error recovery re-enters itself once per error it recovers
 * from at the top level, so text with thousands of errors in a row (`plan P {
 * } }` repeated 2,000 times, a megabyte of text that is not a plan) overflows
 * the stack. Such a text is parsed again without recovery: the parser stops at
 * the first error, which `syntax-error` reports like any other, instead of the
 * build failing with no diagnostic at all ("parsing never fails").
 */
function withoutStackOverflow(parser: LangiumParser, services: LangiumCoreServices): LangiumParser {
    const parse = parser.parse.bind(parser);
    let plain: LangiumParser | undefined;
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => {
        try {
            return parse(input, options);
        } catch (error) {
            if (!(error instanceof RangeError)) throw error;
            plain ??= createLangiumParser(withParserConfig(services, { recoveryEnabled: false }));
            return plain.parse(input, options);
        }
    }) as LangiumParser['parse'];
    return parser;
}

/** The same services, but for the parser's configuration. */
function withParserConfig(services: LangiumCoreServices, config: Partial<NonNullable<LangiumCoreServices['parser']['ParserConfig']>>): LangiumCoreServices {
    const parserServices = new Proxy(services.parser, {
        get: (target, key, receiver) => key === 'ParserConfig' ? { ...target.ParserConfig, ...config } : Reflect.get(target, key, receiver)
    });
    return new Proxy(services, {
        get: (target, key, receiver) => key === 'parser' ? parserServices : Reflect.get(target, key, receiver)
    });
}

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

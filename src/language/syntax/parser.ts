import type { IToken, TokenType } from 'chevrotain';
import { createLangiumParser, CstNodeBuilder, type AstNode, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import { withLinearHiddenNodes } from './linear-hidden-nodes.js';
import { MplanParserErrorMessageProvider } from './parser-errors.js';
import { recordRepeatedAssignments } from './repeated-facts.js';

/**
 * Langium's parser for these services, placing comments in linear time
 * (linear-hidden-nodes.ts), recording repeated facts (repeated-facts.ts),
 * letting go of the last text's tokens after each parse and surviving texts
 * whose error recovery would overflow the stack.
 */
export function createMplanParser(services: LangiumCoreServices): LangiumParser {
    return withoutStackOverflow(releasingTokens(showingTokens(recordRepeatedAssignments(withLinearHiddenNodes(createLangiumParser(services))), services)), services);
}

/**
 * Lets the error message provider see the tokens of the text being parsed
 * (chevrotain's input), so that a message names the word written before the
 * error rather than where error recovery left off (parser-errors.ts).
 */
function showingTokens(parser: LangiumParser, services: LangiumCoreServices): LangiumParser {
    const provider = services.parser.ParserErrorMessageProvider;
    const chevrotain = (parser as unknown as { wrapper?: { input: IToken[] } }).wrapper;
    if (!(provider instanceof MplanParserErrorMessageProvider) || !chevrotain || !('input' in chevrotain)) return parser;
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => {
        provider.readFrom(() => chevrotain.input);
        return parse(input, options);
    }) as LangiumParser['parse'];
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
 *
 * Should the parse still throw (a bug in mplan or Langium), the file gets an
 * empty tree and one parser error at its start that says so, which
 * `syntax-error` reports on that file: one bad file never stops the others
 * (docs/robustness.md).
 */
function withoutStackOverflow(parser: LangiumParser, services: LangiumCoreServices): LangiumParser {
    const parse = parser.parse.bind(parser);
    let plain: LangiumParser | undefined;
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => {
        try {
            return parse(input, options);
        } catch (error) {
            if (!(error instanceof RangeError)) return unparsed(input, error);
            try {
                plain ??= showingTokens(withLinearHiddenNodes(createLangiumParser(withParserConfig(services, { recoveryEnabled: false }))), services);
                return plain.parse(input, options);
            } catch (again) {
                return unparsed(input, again);
            }
        }
    }) as LangiumParser['parse'];
    return parser;
}

/** The message of a file whose parse threw: what happened, and that the file is not judged. */
export function unparsedMessage(error: unknown): string {
    const reason = error instanceof Error ? error.message : String(error);
    return `mplan could not read the structure of this file (${reason}), so nothing in it is judged. This is a bug in mplan: please report it with the file; splitting the file may get around it.`;
}

/** An empty document for `input` with one parser error at its start: the parse threw. */
function unparsed(input: string, error: unknown): ParseResult<AstNode> {
    const root = new CstNodeBuilder().buildRootNode(input);
    const value = { $type: 'Document', imports: [], elements: [], $cstNode: root } as unknown as AstNode;
    (root as { astNode?: AstNode }).astNode = value;
    const token = {
        image: input.slice(0, 1), startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1,
        tokenTypeIdx: 0, tokenType: { name: 'EOF' } as TokenType
    } as IToken;
    const parserError = { name: 'UnparsedFile', message: unparsedMessage(error), token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } };
    return { value, lexerErrors: [], lexerReport: { diagnostics: [] }, parserErrors: [parserError] } as unknown as ParseResult<AstNode>;
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

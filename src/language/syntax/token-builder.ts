import { Lexer, type TokenType, type TokenVocabulary } from 'chevrotain';
import { DefaultTokenBuilder, type GrammarAST, type TokenBuilderOptions } from 'langium';
import { blockCommentMatcher, ML_COMMENT_SOURCE, STRING_SOURCE, stringMatcher } from './linear-terminals.js';

/** The grammar's terminal for free words, and the terminal for names. */
export const WORD_TOKEN = 'WORD';
const ID_TOKEN = 'ID';

/**
 * Makes `WORD` a token category that matches a name or any keyword, without
 * lexing anything itself. Where the grammar expects a free word (`track
 * leads`, `tools email`, `from marketing, pr`), a keyword is accepted as the
 * word it is; names of blocks and references stay plain IDs, so keywords keep
 * their meaning everywhere else. One category check per word, instead of an
 * alternation over every keyword.
 */
export class MplanTokenBuilder extends DefaultTokenBuilder {
    override buildTokens(grammar: GrammarAST.Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const tokens = super.buildTokens(grammar, options) as TokenType[];
        installLinearMatchers(tokens);
        const word = tokens.find(token => token.name === WORD_TOKEN);
        if (!word) return tokens;
        word.PATTERN = Lexer.NA;
        const keywords = new Set<string>();
        for (const rule of grammar.rules) collectKeywords(rule, keywords);
        for (const token of tokens) {
            if (token.name === ID_TOKEN || keywords.has(token.name)) {
                const categories = token.CATEGORIES ?? [];
                token.CATEGORIES = [...categories, word];
            }
        }
        return tokens;
    }
}

/**
 * Lexing stays linear: STRING and ML_COMMENT, whose regexes can fail after
 * reading to the end of the line or text (n openers of an unclosed run cost
 * n²), get matchers that accept the same text and remember what a failed read
 * found (`linear-terminals.ts`). A matcher is installed only over the regex it
 * implements; a grammar change to either terminal keeps its regex (a test
 * holds the matchers to the grammar and says so).
 */
function installLinearMatchers(tokens: TokenType[]): void {
    for (const token of tokens) {
        const source = token.PATTERN instanceof RegExp && token.PATTERN.flags === '' ? token.PATTERN.source : undefined;
        if (token.name === 'STRING' && source === STRING_SOURCE) {
            Object.assign(token, { PATTERN: stringMatcher, START_CHARS_HINT: ['"'], LINE_BREAKS: false });
        } else if (token.name === 'ML_COMMENT' && source === ML_COMMENT_SOURCE) {
            Object.assign(token, { PATTERN: blockCommentMatcher, START_CHARS_HINT: ['/'], LINE_BREAKS: true });
        }
    }
}

/** The keywords that read as words (letters only; punctuation never is a word). */
export function collectKeywords(node: object, into: Set<string>): void {
    if ((node as GrammarAST.Keyword).$type === 'Keyword') {
        const value = (node as GrammarAST.Keyword).value;
        if (/^[A-Za-z]+$/.test(value)) into.add(value);
        return;
    }
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        if (Array.isArray(value)) {
            for (const child of value) if (child && typeof child === 'object') collectKeywords(child, into);
        } else if (value && typeof value === 'object' && '$type' in value) {
            collectKeywords(value, into);
        }
    }
}

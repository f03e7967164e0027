import { Lexer, type TokenType, type TokenVocabulary } from 'chevrotain';
import { DefaultTokenBuilder, type GrammarAST, type TokenBuilderOptions } from 'langium';

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

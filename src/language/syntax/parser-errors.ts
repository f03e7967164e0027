import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';

/** How a token kind reads to a plan author. */
const TOKEN_WORDS: Record<string, string> = {
    ID: 'a name',
    STRING: 'text in double quotes',
    NUMBER: 'a number',
    DATE: 'a date (YYYY-MM-DD)',
    TIME: 'a time of day (HH:MM)',
    EOF: 'the end of the file'
};

/** A token kind in plain words: names and literals described, keywords quoted. */
export function describeTokenType(type: TokenType): string {
    const word = TOKEN_WORDS[type.name];
    if (word) return word;
    return `'${type.name}'`;
}

function describeFound(token: IToken): string {
    if (token.tokenType.name === 'EOF') return 'the end of the file';
    const image = token.image.length > 40 ? token.image.slice(0, 37) + '...' : token.image;
    return `'${image}'`;
}

function oneOf(words: string[]): string {
    const unique = [...new Set(words)];
    if (unique.length <= 1) return unique[0] ?? 'something else';
    if (unique.length > 12) {
        return unique.slice(0, 12).join(', ') + `, or one of ${unique.length - 12} more`;
    }
    return unique.slice(0, -1).join(', ') + ' or ' + unique[unique.length - 1];
}

/**
 * Parser messages in plain words: "Expected a name after 'segment' but found '{'."
 * instead of chevrotain's "Expecting token of type 'ID' but found `{`".
 */
export class MplanParserErrorMessageProvider implements IParserErrorMessageProvider {
    buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return `Expected ${describeTokenType(options.expected)}${after(options.previous)} but found ${describeFound(options.actual)}.`;
    }

    buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected ${describeFound(options.firstRedundant)}: a file holds imports followed by blocks such as 'plan', 'segment' or 'tactic'.`;
    }

    buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const firsts = options.expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter(Boolean);
        return `Expected ${oneOf(firsts.map(describeTokenType))}${after(options.previous)} but found ${describeFound(options.actual[0])}.`;
    }

    buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(Boolean);
        return `Expected at least one ${oneOf(firsts.map(describeTokenType))}${after(options.previous)} but found ${describeFound(options.actual[0])}.`;
    }
}

function after(previous: IToken | undefined): string {
    if (!previous || previous.tokenType?.name === 'EOF' || !previous.image || Number.isNaN(previous.startOffset)) return '';
    const image = previous.image.length > 30 ? previous.image.slice(0, 27) + '...' : previous.image;
    return ` after '${image}'`;
}

/** Why a character cannot start a token, in words (also `mplan format`'s refusal). */
export function lexingMessage(text: string, offset: number, length: number): string {
    const found = text.slice(offset, offset + Math.max(1, Math.min(length, 20)));
    const first = found.charAt(0);
    if (first === '"') return 'Text in quotes must end with a closing " on the same line.';
    if (first === '\u0000' || /[\u0001-\u0008\u000e-\u001f]/.test(first)) return 'This file contains a control character (is it a binary file?).';
    if (first === '-') return `Unexpected '${found}': numbers cannot be negative in a plan.`;
    return `Unexpected '${found}': this is not part of the mplan language.`;
}

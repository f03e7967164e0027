import type { CustomPatternMatcherReturn, ICustomPattern, IToken } from 'chevrotain';

/**
 * Matchers for the two terminals whose regular expression can fail after
 * reading far: STRING (`"(\\.|[^"\\\r\n])*"`, an unclosed quote reads to the
 * end of its line) and ML_COMMENT (`\/\*[\s\S]*?\*\/`, an unclosed `/*` reads
 * to the end of the text). With the regexes, every opener of a long unclosed
 * run starts another failed read: `"` followed by 64,000 `\"`, or 64,000 `/*`,
 * cost n² characters (10 s and more). These matchers accept exactly what the
 * grammar's regexes accept, and remember, for the text being lexed, what a
 * failed read found, so each character is read a bounded number of times:
 *
 * - STRING: a read from a quote that fails at position f (a line break, a
 *   backslash before a line break, the end of the text) read every quote before
 *   f as the second character of an escape `\"`; a string starting at such a
 *   quote continues exactly as that read did, and fails at f too.
 * - ML_COMMENT: the first `*\/` at or after a position is the same for every
 *   later opener until it is passed, and "none" stays "none".
 *
 * What a matcher remembers belongs to one tokenize call: chevrotain passes
 * each call's own new array of tokens, which is the key (without one, nothing
 * is remembered). The grammar stays the one
 * definition of both terminals; the token builder installs a matcher only where
 * the grammar's regex is the one it implements (a test holds them equal).
 */

/** The grammar's STRING and ML_COMMENT, as `GrammarUtils.terminalRegex` writes them. */
export const STRING_SOURCE = String.raw`"(\\.|[^"\\\r\n])*"`;
export const ML_COMMENT_SOURCE = String.raw`\/\*[\s\S]*?\*\/`;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const LF = 0x0a;
const CR = 0x0d;

/** What regex `.` does not match. */
function isLineTerminator(code: number): boolean {
    return code === LF || code === CR || code === 0x2028 || code === 0x2029;
}

/** Characters the matchers have read since the last `resetScanCount` (for the tests' counts of work). */
let scanned = 0;
export function scanCount(): number {
    return scanned;
}
export function resetScanCount(): void {
    scanned = 0;
}

/** The grammar's STRING: a quote, escapes or plain characters on the same line, a quote. */
export function stringMatcher(): ICustomPattern {
    // A failed read from a quote in [failFrom, failTo) of this tokenize call's text.
    let call: IToken[] | undefined;
    let failFrom = -1;
    let failTo = -1;
    return {
        exec(text: string, offset: number, tokens?: IToken[]): CustomPatternMatcherReturn | null {
            if (text.charCodeAt(offset) !== QUOTE) return null;
            if (tokens !== undefined && tokens === call && offset >= failFrom && offset < failTo) return null;
            let i = offset + 1;
            const end = text.length;
            while (i < end) {
                const code = text.charCodeAt(i);
                if (code === QUOTE) {
                    scanned += i + 1 - offset;
                    return [text.substring(offset, i + 1)];
                }
                if (code === BACKSLASH) {
                    if (i + 1 >= end || isLineTerminator(text.charCodeAt(i + 1))) break;
                    i += 2;
                } else if (code === LF || code === CR) {
                    break;
                } else {
                    i++;
                }
            }
            scanned += Math.min(i, end) - offset;
            call = tokens;
            failFrom = offset;
            failTo = i;
            return null;
        }
    };
}

/** The grammar's ML_COMMENT: `/*` up to the first `*\/` after it. */
export function blockCommentMatcher(): ICustomPattern {
    // The first `*/` at or after `searchedFrom` in this tokenize call's text, -1 for none.
    let call: IToken[] | undefined;
    let searchedFrom = -1;
    let close = -1;
    return {
        exec(text: string, offset: number, tokens?: IToken[]): CustomPatternMatcherReturn | null {
            if (text.charCodeAt(offset) !== SLASH || text.charCodeAt(offset + 1) !== STAR) return null;
            const from = offset + 2;
            const known = tokens !== undefined && tokens === call && searchedFrom >= 0 && searchedFrom <= from && (close < 0 || close >= from);
            if (!known) {
                close = text.indexOf('*/', from);
                scanned += (close < 0 ? text.length : close + 2) - from;
                call = tokens;
                searchedFrom = from;
            }
            return close < 0 ? null : [text.substring(offset, close + 2)];
        }
    };
}

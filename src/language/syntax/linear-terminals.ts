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
 * What the matchers remember belongs to one tokenize call: chevrotain passes
 * each call its own new array of tokens, which keys it (weakly, so nothing of
 * a text outlives its tokens; without an array, nothing is remembered). The
 * grammar stays the one definition of both terminals; the token builder
 * installs a matcher only where the grammar's regex is the one it implements
 * (a test holds them equal, on random text at every offset).
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

/** What the matchers found in one text: where a failed STRING read began and ended, where `*\/` was searched from and found. */
interface Memo {
    stringFrom: number;
    stringTo: number;
    commentFrom: number;
    commentClose: number;
}

const memos = new WeakMap<IToken[], Memo>();

function memoOf(tokens: IToken[] | undefined): Memo {
    if (!tokens) return { stringFrom: -1, stringTo: -1, commentFrom: -1, commentClose: -1 };
    let memo = memos.get(tokens);
    if (!memo) {
        memo = { stringFrom: -1, stringTo: -1, commentFrom: -1, commentClose: -1 };
        memos.set(tokens, memo);
    }
    return memo;
}

/** The grammar's STRING: a quote, escapes or plain characters on the same line, a quote. */
export const stringMatcher: ICustomPattern = {
    exec(text: string, offset: number, tokens?: IToken[]): CustomPatternMatcherReturn | null {
        if (text.charCodeAt(offset) !== QUOTE) return null;
        const memo = memoOf(tokens);
        if (offset >= memo.stringFrom && offset < memo.stringTo) return null;
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
        scanned += i - offset;
        memo.stringFrom = offset;
        memo.stringTo = i;
        return null;
    }
};

/** The grammar's ML_COMMENT: `/*` up to the first `*\/` after it. */
export const blockCommentMatcher: ICustomPattern = {
    exec(text: string, offset: number, tokens?: IToken[]): CustomPatternMatcherReturn | null {
        if (text.charCodeAt(offset) !== SLASH || text.charCodeAt(offset + 1) !== STAR) return null;
        const from = offset + 2;
        const memo = memoOf(tokens);
        // The first `*/` at or after `commentFrom` is the first at or after `from` unless `from` is past it.
        const known = memo.commentFrom >= 0 && memo.commentFrom <= from && (memo.commentClose < 0 || memo.commentClose >= from);
        if (!known) {
            memo.commentClose = text.indexOf('*/', from);
            memo.commentFrom = from;
            scanned += (memo.commentClose < 0 ? text.length : memo.commentClose + 2) - from;
        }
        return memo.commentClose < 0 ? null : [text.substring(offset, memo.commentClose + 2)];
    }
};

import type { Range } from 'vscode-languageserver-types';

/** A comment that silences rules: on the next line, or in the whole file. */
export interface Suppression {
    kind: 'next-line' | 'file';
    /** The line (0-based) the comment silences; for the whole file, -1. */
    line: number;
    /** The comment itself, where an unused suppression is reported. */
    range: Range;
    /** The rule ids it names, each with its place in the comment. */
    ids: Array<{ id: string; range: Range }>;
}

/** A suppression directive at the start of a `//` comment. */
const DIRECTIVE = /\/\/[ \t]*mplan-disable-(next-line|file)\b([^\r\n]*)/y;

/** Where a `//` comment starts: its offset, its line (0-based) and where that line starts. */
interface LineComment {
    start: number;
    line: number;
    lineStart: number;
}

/**
 * The `//` comments of a text, read as the lexer reads them: not inside text
 * in quotes (which ends on its line) nor inside a `/* … *\/` comment, where a
 * `"` or a `//` is just a character. Lines are counted as editors count them
 * (`\r\n`, `\r` or `\n` ends a line), so that a suppression silences the line
 * a diagnostic is on. One pass over the text.
 */
function lineComments(text: string): LineComment[] {
    const comments: LineComment[] = [];
    const length = text.length;
    let line = 0;
    let lineStart = 0;
    /** Steps over a line end at `i`, if there is one; returns where the next character is. */
    const lineEnd = (i: number): number => {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) return i;
        const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
        line++;
        lineStart = next;
        return next;
    };
    let i = 0;
    while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
            i = lineEnd(i);
        } else if (c === 34) {
            // Text in quotes, when it closes on its line; else the lexer skips the lone quote.
            let j = i + 1;
            while (j < length) {
                const d = text.charCodeAt(j);
                if (d === 34 || d === 10 || d === 13) break;
                if (d === 92) {
                    const escaped = text.charCodeAt(j + 1);
                    if (escaped === 10 || escaped === 13 || escaped === 0x2028 || escaped === 0x2029 || j + 1 >= length) break;
                    j++;
                }
                j++;
            }
            i = text.charCodeAt(j) === 34 ? j + 1 : i + 1;
        } else if (c === 47 && text.charCodeAt(i + 1) === 42 && text.indexOf('*/', i + 2) >= 0) {
            // A closed block comment (an unclosed one is no comment: the lexer skips the slash).
            const end = text.indexOf('*/', i + 2) + 2;
            for (i += 2; i < end;) i = text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13 ? lineEnd(i) : i + 1;
        } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
            comments.push({ start: i, line, lineStart });
            while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        } else {
            i++;
        }
    }
    return comments;
}

/**
 * The suppression comments of a file:
 *   // mplan-disable-next-line no-free-offer, no-tracking -- the reason
 *   // mplan-disable-file untargeted-segment
 * Only real comments count, as the lexer reads them: text in quotes or in a
 * block comment that looks like one does not.
 */
export function parseSuppressions(text: string): Suppression[] {
    if (!text.includes('mplan-disable-')) return [];
    const result: Suppression[] = [];
    for (const comment of lineComments(text)) {
        DIRECTIVE.lastIndex = comment.start;
        const match = DIRECTIVE.exec(text);
        if (!match) continue;
        const line = comment.line;
        const column = comment.start - comment.lineStart;
        const argumentsText = match[2].split('--')[0];
        const argumentsStart = column + match[0].length - match[2].length;
        const ids: Suppression['ids'] = [];
        for (const id of argumentsText.matchAll(/[A-Za-z][\w-]*/g)) {
            const character = argumentsStart + id.index;
            ids.push({ id: id[0], range: { start: { line, character }, end: { line, character: character + id[0].length } } });
        }
        result.push({
            kind: match[1] as Suppression['kind'],
            line: match[1] === 'file' ? -1 : line + 1,
            range: { start: { line, character: column }, end: { line, character: column + match[0].length } },
            ids
        });
    }
    return result;
}

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

const DIRECTIVE = /\/\/[ \t]*mplan-disable-(next-line|file)\b([^\r\n]*)/g;

/**
 * The suppression comments of a file:
 *   // mplan-disable-next-line no-free-offer, no-tracking -- the reason
 *   // mplan-disable-file untargeted-segment
 * Only real comments count: text in quotes that looks like one does not
 * (strings never span lines, so an even number of quotes before `//` on its
 * line means the `//` starts a comment).
 */
export function parseSuppressions(text: string): Suppression[] {
    if (!text.includes('mplan-disable-')) return [];
    const result: Suppression[] = [];
    for (const match of text.matchAll(DIRECTIVE)) {
        const start = match.index;
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        const before = text.slice(lineStart, start);
        if ((before.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1 || before.includes('//')) continue;
        const line = (text.slice(0, lineStart).match(/\n/g)?.length ?? 0);
        const column = start - lineStart;
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

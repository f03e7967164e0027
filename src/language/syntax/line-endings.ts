import type { TextEdit } from 'vscode-languageserver-types';

/** A line ending: what a file's lines end with. */
export type LineEnding = '\r\n' | '\n' | '\r';

/**
 * The line ending a text uses, for what mplan writes into it (fixes, the
 * formatter): CRLF when it has one, else LF when it has one, else CR when
 * it has one (an old Mac file), else LF (a text of one line).
 */
export function lineEndingOf(text: string): LineEnding {
    return text.includes('\r\n') ? '\r\n' : text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
}

/**
 * Edits whose inserted line breaks are `eol`: the rules write their fixes
 * with `\n`, and a CRLF or CR file must not get a lone LF in its midst. The
 * edits are returned as they are when there is nothing to change.
 */
export function inLineEnding<T extends TextEdit>(edits: readonly T[], eol: LineEnding): T[] {
    if (eol === '\n') return [...edits];
    return edits.map(edit => /[\r\n]/.test(edit.newText) ? { ...edit, newText: edit.newText.replace(/\r\n|\r|\n/g, eol) } : edit);
}

/**
 * The one place plan text is made safe for output: HTML (text and quoted
 * attributes, which is also valid XML inside SVG) and Markdown (escaped only
 * where a character would change the rendering, so the raw text stays
 * readable). Pure: the report renderers, the VS Code preview and the CLI's
 * markdown format import it.
 */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Control characters that XML 1.0 does not allow (a plan string may hold
 * them): replaced by U+FFFD so the page stays well-formed.
 */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text for an HTML or SVG element's content or a double- or single-quoted
 * attribute: `& < > " '` become entities, so no plan text can open a tag,
 * close an attribute or end a CDATA section (`]]>` loses its `>`).
 */
export function escapeHtml(text: string): string {
    return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, c => HTML_ENTITIES[c]);
}

/**
 * What Markdown shows as U+FFFD besides the characters XML cannot hold: DEL
 * and the C1 controls (U+0080–U+009F), which a terminal or a CI log showing
 * the Markdown raw obeys as commands (U+009B is CSI, as ESC `[` is).
 */
const MARKDOWN_CONTROLS = /[\u007F-\u009F]/g;

/**
 * The bidirectional embeddings, overrides and isolates: they reorder how the
 * text around them reads (`abc\u202Egnp.exe` shows as `abcexe.png`), so
 * Markdown shows them as escapes (`\u202e`), as the CLI's stylish format does.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** ASCII punctuation: what a backslash escapes in Markdown (CommonMark §2.4). */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/** An entity or character reference Markdown would decode (`&amp;`, `&#38;`). */
const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** What makes the start of a line a block of its own: a heading, a quote, a list item, a thematic break. */
const BLOCK_START = /^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|[-*_=](?=(?:\s*[-*_=])*\s*$))/;
const ORDERED_START = /^(\s*\d{1,9})([.)])(?=\s|$)/;

/**
 * Whether a run of `*`, `_` or `~` from `start` to `end` (exclusive) could
 * open or close emphasis or strike-through (CommonMark §6.2's flanking
 * rules). The text's ends count as unknown: a run there is always escaped,
 * as the Markdown around the text may be anything (`**` of a bold label).
 */
function delimits(text: string, start: number, end: number): boolean {
    if (start === 0 || end === text.length) return true;
    const before = text[start - 1], after = text[end];
    const left = !WHITESPACE.test(after) && (!PUNCTUATION.test(after) || WHITESPACE.test(before) || PUNCTUATION.test(before));
    const right = !WHITESPACE.test(before) && (!PUNCTUATION.test(before) || WHITESPACE.test(after) || PUNCTUATION.test(after));
    if (text[start] !== '_') return left || right;
    // An underscore inside a word (snake_case) neither opens nor closes.
    return (left && (!right || PUNCTUATION.test(before))) || (right && (!left || PUNCTUATION.test(after)));
}

/**
 * Text for Markdown as GitHub renders it (CommonMark with GitHub's
 * extensions), placed inline: in a paragraph, a heading, a list item, a quote
 * or a table cell (`markdownCell` adds the cell's pipe). Only what would
 * change the rendering there is backslash-escaped, so the text still reads
 * as itself in the raw file: backticks; `*`, `_` and `~` runs that could
 * emphasise or strike through; `[` (no link or image can start); `<` that
 * starts a tag, a comment or an autolink; `&` that starts an entity; `$`
 * when two could make math; `@` and `#` that start a mention or an issue
 * reference; a backslash before punctuation; and at the start, what would
 * make the line a heading, a quote, a list item or a rule (`#`, `>`, `- `,
 * `1. `), and a closing `#` run at the end (a heading's closing sequence).
 * `4.62`, `(a)`, `50% - 60%` and `snake_case` stay as they are. Control
 * characters (C0 but tab and line breaks, DEL, C1) become U+FFFD, and the
 * bidirectional overrides and isolates escapes (`\u202e`). Line breaks
 * become spaces (a line break would end a table row or a list item), and
 * spaces at either end, which show nothing, are dropped. A bare web or mail
 * address stays one GitHub links, as its text.
 */
export function escapeMarkdown(text: string): string {
    // Spaces at either end show nothing, and would indent a line into code or keep `**` from bolding.
    const flat = text.replace(INVALID_XML, '\uFFFD').replace(MARKDOWN_CONTROLS, '\uFFFD')
        .replace(/\r\n|\r|\n/g, ' ').trim();
    const dollars = (flat.match(/\$/g) ?? []).length;
    let out = '';
    for (let i = 0; i < flat.length; i++) {
        const c = flat[i];
        const next = flat[i + 1];
        const previous = flat[i - 1];
        if (c === '*' || c === '_' || c === '~') {
            let end = i;
            while (flat[end] === c) end++;
            const run = flat.slice(i, end);
            out += delimits(flat, i, end) ? run.replace(/./g, '\\$&') : run;
            i = end - 1;
            continue;
        }
        const escape = c === '`' || c === '['
            || (c === '\\' && (next === undefined || ASCII_PUNCTUATION.test(next)))
            || (c === '<' && next !== undefined && /[A-Za-z/!?]/.test(next))
            || (c === '&' && ENTITY.test(flat.slice(i)))
            || (c === '$' && dollars > 1)
            || ((c === '@' || c === '#') && next !== undefined && /[\p{L}\p{N}]/u.test(next) && (previous === undefined || !/[\p{L}\p{N}]/u.test(previous)));
        out += escape ? `\\${c}` : c;
    }
    return out
        // After the backslash escapes: `\u202e` is shown as written (a backslash before a letter is itself).
        .replace(BIDI_CONTROLS, c => `\\u${c.charCodeAt(0).toString(16)}`)
        .replace(BLOCK_START, (_, space: string, marker: string) => `${space}\\${marker}`)
        .replace(ORDERED_START, (_, number: string, mark: string) => `${number}\\${mark}`)
        .replace(/(^|\s)(#+)$/, (_, space: string, hashes: string) => `${space}\\${hashes}`);
}

/** Text for a Markdown table cell: `escapeMarkdown`, and the pipe that would end the cell. */
export function markdownCell(text: string): string {
    return escapeMarkdown(text).replace(/\|/g, '\\|');
}

/**
 * A docs text (a rule's rationale) cut into plain parts and `code` spans, so
 * each renderer can escape the plain parts and show the code as code.
 */
export function codeSpans(text: string): Array<{ code: boolean; text: string }> {
    return text.split(/(`[^`\n]+`)/).filter(part => part !== '').map(part =>
        /^`[^`\n]+`$/.test(part) ? { code: true, text: part.slice(1, -1) } : { code: false, text: part });
}

/**
 * The one place plan text is made safe for output: HTML (text and quoted
 * attributes, which is also valid XML inside SVG) and Markdown (which is
 * rendered as HTML by most viewers, so it is escaped for both). Pure: the
 * report renderers and the VS Code preview import it.
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

/** Markdown punctuation that can start emphasis, links, images, code, tables, headings or strike-through inline. */
const MARKDOWN_INLINE = /[\\`*_[\]()|~!#{}]/g;

/** What makes a line a block of its own when it starts with it: a list item or a heading underline. */
const MARKDOWN_LINE_START = /^(\s*)([-+=])/;
const MARKDOWN_ORDERED_START = /^(\s*\d+)\./;

/**
 * Text for a Markdown paragraph, list item or table cell: Markdown's
 * punctuation is backslash-escaped (so `[x](javascript:…)` is no link and
 * `|` does not split a cell), `& < >` become entities (so `<script>` is
 * shown, never run, by viewers that pass HTML through), and line breaks
 * become spaces (a line break would end a table row).
 */
export function escapeMarkdown(text: string): string {
    const flat = text.replace(INVALID_XML, '\uFFFD').replace(/\r\n|\r|\n/g, ' ');
    return flat
        .replace(MARKDOWN_INLINE, c => `\\${c}`)
        .replace(MARKDOWN_LINE_START, (_, space: string, marker: string) => `${space}\\${marker}`)
        .replace(MARKDOWN_ORDERED_START, (_, number: string) => `${number}\\.`)
        .replace(/[&<>]/g, c => HTML_ENTITIES[c]);
}

/**
 * A docs text (a rule's rationale) cut into plain parts and `code` spans, so
 * each renderer can escape the plain parts and show the code as code.
 */
export function codeSpans(text: string): Array<{ code: boolean; text: string }> {
    return text.split(/(`[^`\n]+`)/).filter(part => part !== '').map(part =>
        /^`[^`\n]+`$/.test(part) ? { code: true, text: part.slice(1, -1) } : { code: false, text: part });
}

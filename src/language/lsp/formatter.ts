import { GrammarAST, isCompositeCstNode, type CstNode, type LangiumDocument } from 'langium';
import { AbstractFormatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { Guarantee } from '../generated/ast.js';
import { parseSuppressions } from '../rules/suppressions.js';
import { lineEndingOf } from '../syntax/line-endings.js';

/** Four spaces a level, whatever the editor's tab settings: a plan looks the same everywhere. */
const INDENT = '    ';

/** The keywords written right after the token before them: `,`, `%` and a ratio's `x` (`4x`). */
const TIGHT: ReadonlySet<string> = new Set([',', '%', 'x']);

/**
 * What a token is, for the layout:
 * - `top`: the first token of an import or a top-level block (starts a line at the left margin);
 * - `fact`: the first token of a fact inside a block's braces (starts a line, one level in);
 * - `term`: the first token of a guarantee's term, `claim`, `refunds`, `paid within`, `condition`
 *   (starts a line, one level further in than the guarantee);
 * - `open` / `close`: a block's braces;
 * - `tight`: `,`, `%` and a ratio's `x` (`4x`), written right after the token before them;
 * - `plain`: everything else, one space after the token before it.
 */
type Role = 'top' | 'fact' | 'term' | 'open' | 'close' | 'tight' | 'plain';

interface Token {
    offset: number;
    end: number;
    /** Comments are kept as written; where they go depends on where they were. */
    comment?: 'line' | 'block';
    role: Role;
    /** How many braces are open around the token (for a closing brace: once it has closed). */
    depth: number;
}

/** The whitespace wanted between two tokens. */
type Layout =
    | { kind: 'space'; count: number }
    /** A line break: one, or two (a blank line) where allowed and written; `exact` keeps the breaks as written. */
    | { kind: 'break'; indent: number; blankAllowed: boolean; exact?: boolean };

/**
 * Formats plans: one fact a line, four spaces a level of braces (a guarantee's
 * terms one level further), one space between the words of a fact, none before
 * `,`, `%` and a ratio's `x` (`target at least 4x`), at most one blank line between blocks and between facts, and
 * comments kept where they are: at the end of their line, or on their own line
 * indented like what follows them. Only whitespace between tokens changes, so
 * formatting never changes what a plan says.
 *
 * Langium's formatter engine decides per AST node and leaves comments and blank
 * lines largely alone; this one extends it but decides per gap between two
 * tokens of the file, in one pass, which is what the rules above need (and
 * what keeps range formatting to the lines of the range). See docs/formatting.md.
 *
 * With a syntax error in the file, only the lines above the first error are
 * formatted: the parser's view of the text from there on is a guess.
 *
 * Lines that a `// mplan-disable-next-line` comment refers to keep their line
 * breaks: the comment and the line it silences stay together, and no fact moves
 * onto or off the silenced line, so the same findings stay silenced.
 */
export class MplanFormatter extends AbstractFormatter {
    /** Unused: the layout is decided per gap between tokens (see `layoutEdits`), not by per-node rules. */
    protected format(): void {
        // Nothing to collect.
    }

    override formatDocument(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        return this.doDocumentFormat(document, params.options);
    }

    override formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        return this.doDocumentFormat(document, params.options, params.range);
    }

    protected override doDocumentFormat(document: LangiumDocument, _options: FormattingOptions, range?: Range): TextEdit[] {
        try {
            return layoutEdits(document, range);
        } catch {
            // A formatter must never take the server down: no edits rather than a crash.
            return [];
        }
    }
}

/** The edits that format `document`, or the lines of `range` in it. */
function layoutEdits(document: LangiumDocument, range?: Range): TextEdit[] {
    const textDocument = document.textDocument;
    const text = textDocument.getText();
    const root = document.parseResult.value?.$cstNode;
    if (!root || text.length === 0) return [];

    // Lines that may change: the range's (a range ending at the start of a line
    // does not take that line in), and never the first line with a syntax error
    // or any line after it.
    let firstLine = 0;
    let lastLine = Number.POSITIVE_INFINITY;
    if (range) {
        firstLine = range.start.line;
        lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
    }
    const errorOffset = firstErrorOffset(document, text.length);
    if (errorOffset !== undefined) lastLine = Math.min(lastLine, textDocument.positionAt(errorOffset).line - 1);
    if (lastLine < firstLine) return [];

    // Only the top-level blocks around the lines that may change are read: the
    // last one that ends above them (for the gap after it), those on them, and
    // the first token below them.
    const from = firstLine > 0 ? textDocument.offsetAt({ line: firstLine, character: 0 }) : 0;
    const to = Number.isFinite(lastLine) ? textDocument.offsetAt({ line: lastLine + 1, character: 0 }) : Number.POSITIVE_INFINITY;
    const { tokens, complete, skipped } = collectTokens(root, errorOffset ?? Number.POSITIVE_INFINITY, from, to);
    if (tokens.length === 0) return [];

    const protectedLines = suppressedLines(text);
    const eol = lineEndingOf(text);
    const edits: Array<{ start: number; end: number; newText: string }> = [];

    let line = skipped ? textDocument.positionAt(tokens[0].offset).line : 0;
    /** The indentation of the last token that began a line of its own kind (top, fact, term, close). */
    let baseIndent = 0;
    /** The last non-comment token, and the one before the current token. */
    let lastCode: Token | undefined;
    let previous: Token | undefined;
    /** Whether the previous token begins its line. */
    let previousStartsLine = false;

    // The indentation a comment on its own line takes: that of what follows it.
    // (Past the first syntax error, the comment keeps the current level.)
    let nextCodeIndex = 0;
    const nextCode = (from: number, complete: boolean): Token | 'unknown' | undefined => {
        if (nextCodeIndex < from) nextCodeIndex = from;
        while (nextCodeIndex < tokens.length && tokens[nextCodeIndex].comment) nextCodeIndex++;
        return tokens[nextCodeIndex] ?? (complete ? undefined : 'unknown');
    };

    for (let i = 0; i <= tokens.length; i++) {
        const token = tokens[i] as Token | undefined;
        if (!token && !complete) break; // the gap before the broken part stays as it is
        const gapStart = previous ? previous.end : skipped ? tokens[0].offset : 0;
        const gapEnd = token ? token.offset : text.length;
        const gap = text.slice(gapStart, gapEnd);
        const breaks = countBreaks(gap);
        const gapFirstLine = line;
        const gapLastLine = line + breaks;

        let newText: string;
        /** Whether the token after the gap begins its line, and at which column it is placed. */
        let startsLine = true;
        let column: number | undefined;
        if (!previous) {
            // The start of the file, or of the first block read (which lies above the lines that change).
            newText = '';
            column = 0;
        } else if (!token) {
            newText = eol;
        } else {
            let layout = decide(previous, token, lastCode, breaks, baseIndent, nextCode(i, complete), previousStartsLine);
            if (protectedLines.size > 0) layout = keepSilencedLines(layout, gapFirstLine, gapLastLine, protectedLines, baseIndent);
            if (layout.kind === 'space') {
                newText = ' '.repeat(layout.count);
                startsLine = false;
            } else {
                const lines = layout.exact ? breaks : layout.blankAllowed && breaks >= 2 ? 2 : 1;
                newText = eol.repeat(lines) + INDENT.repeat(layout.indent);
                column = INDENT.length * layout.indent;
            }
        }

        const tokenLastLine = token?.comment === 'block' ? gapLastLine + countBreaks(text.slice(token.offset, token.end)) : gapLastLine;
        if (token && column !== undefined && tokenLastLine > Math.max(gapLastLine, lastLine)) {
            // A block comment moves left or right with all its lines or not at
            // all: here some of them lie below the lines that may change.
            const lineStart = Math.max(text.lastIndexOf('\n', gapEnd - 1), text.lastIndexOf('\r', gapEnd - 1)) + 1;
            const breakAt = Math.max(newText.lastIndexOf('\n'), newText.lastIndexOf('\r'));
            newText = newText.slice(0, breakAt + 1) + text.slice(Math.max(lineStart, gapStart), gapEnd);
            column = undefined;
        }

        if (newText !== gap) {
            if (!/^\s*$/.test(gap)) return []; // text the parser did not read: leave the file alone
            const placed = emit(edits, text, gapStart, gapEnd, gapFirstLine, gapLastLine, newText, firstLine, lastLine);
            if (placed && token?.comment === 'block' && column !== undefined && tokenLastLine > gapLastLine) {
                shiftCommentLines(edits, text, token, gapLastLine, column, firstLine, lastLine);
            }
        }

        if (!token) break;
        if (token.comment === 'line' && gapLastLine >= firstLine && gapLastLine <= lastLine) {
            // Spaces after the text of a `//` comment are part of the token; they go too.
            let trimmed = token.end;
            while (trimmed > token.offset && /\s/.test(text[trimmed - 1])) trimmed--;
            if (trimmed < token.end) edits.push({ start: trimmed, end: token.end, newText: '' });
        }
        line = tokenLastLine;
        if (line > lastLine) break; // no gap from here on touches a line that may change
        if (!token.comment) {
            if (token.role === 'top') baseIndent = 0;
            else if (token.role === 'fact' || token.role === 'close') baseIndent = token.depth;
            else if (token.role === 'term') baseIndent = token.depth + 1;
            lastCode = token;
        }
        previous = token;
        previousStartsLine = startsLine;
    }

    return edits.map(edit => ({
        range: { start: textDocument.positionAt(edit.start), end: textDocument.positionAt(edit.end) },
        newText: edit.newText
    }));
}

/**
 * The whitespace wanted between `previous` and `token` (either may be a
 * comment; `lastCode` is the last token before `token` that is not one).
 */
function decide(
    previous: Token, token: Token, lastCode: Token | undefined, breaks: number, baseIndent: number, next: Token | 'unknown' | undefined,
    previousStartsLine: boolean
): Layout {
    if (token.comment) {
        // A comment on the line of the token before it stays at the end of that line.
        if (breaks === 0 && previous.comment !== 'line') return { kind: 'space', count: 1 };
        return { kind: 'break', indent: commentIndent(next, baseIndent), blankAllowed: !(previous === lastCode && previous.role === 'open') };
    }
    const code = codeLayout(lastCode, token, previous !== lastCode);
    if (!previous.comment) return code;
    // After a comment: a line comment ends its line; a block comment keeps a line break after it.
    if (previous.comment === 'line' || breaks > 0) {
        return code.kind === 'break'
            ? { kind: 'break', indent: code.indent, blankAllowed: token.role === 'top' || token.role === 'fact' }
            : { kind: 'break', indent: baseIndent + 1, blankAllowed: false };
    }
    // A block comment at the start of a line stays in front of the fact that follows it on that line.
    if (code.kind === 'break' && previousStartsLine && token.role !== 'close') return { kind: 'space', count: 1 };
    return code.kind === 'break' ? code : { kind: 'space', count: 1 };
}

/** The whitespace wanted between two tokens that are not comments. */
function codeLayout(previous: Token | undefined, token: Token, commentsBetween: boolean): Layout {
    switch (token.role) {
        case 'top':
            return { kind: 'break', indent: 0, blankAllowed: true };
        case 'fact':
            return { kind: 'break', indent: token.depth, blankAllowed: previous?.role !== 'open' };
        case 'term':
            return { kind: 'break', indent: token.depth + 1, blankAllowed: false };
        case 'close':
            // An empty block is written `{}`.
            if (previous?.role === 'open' && !commentsBetween) return { kind: 'space', count: 0 };
            return { kind: 'break', indent: token.depth, blankAllowed: false };
        case 'tight':
            return { kind: 'space', count: 0 };
        default:
            return { kind: 'space', count: 1 };
    }
}

/** A comment on its own line is indented like the token after it; above a `}`, like the block's facts. */
function commentIndent(next: Token | 'unknown' | undefined, baseIndent: number): number {
    if (!next) return 0;
    if (next === 'unknown') return baseIndent;
    switch (next.role) {
        case 'top': return 0;
        case 'fact': return next.depth;
        case 'term': return next.depth + 1;
        case 'close': return next.depth + 1;
        default: return baseIndent + 1;
    }
}

/**
 * Suppression comments silence findings by line: keep the comment's line and
 * the line it silences as they are, token for token (only their indentation and
 * spacing change), so that the same findings stay silenced. Lines around them
 * may still move up or down together.
 */
function keepSilencedLines(layout: Layout, gapFirstLine: number, gapLastLine: number, protectedLines: Set<number>, baseIndent: number): Layout {
    const firstProtected = protectedLines.has(gapFirstLine);
    const lastProtected = protectedLines.has(gapLastLine);
    let inside = false;
    for (let l = gapFirstLine + 1; l < gapLastLine && !inside; l++) inside = protectedLines.has(l);
    if (gapFirstLine === gapLastLine) {
        // Two tokens on a silenced line stay on it.
        return firstProtected && layout.kind === 'break' ? { kind: 'space', count: 1 } : layout;
    }
    if (!firstProtected && !lastProtected && !inside) return layout;
    // (A comment on the same line is handled above: here a space would only ever join code.)
    const indent = layout.kind === 'break' ? layout.indent : baseIndent + 1;
    if ((firstProtected && lastProtected) || inside) {
        // The line breaks between them are part of what the comment refers to: keep them all.
        return { kind: 'break', indent, blankAllowed: false, exact: true };
    }
    // Tokens on either side of a silenced line's end must not be joined to it.
    return layout.kind === 'break' ? layout : { kind: 'break', indent, blankAllowed: false };
}

/**
 * Records the edit that replaces a gap, or the part of it that lies on the
 * lines that may change: only the indentation of a range's first line, only
 * the trailing spaces of its last. Returns whether the start of the token
 * after the gap was placed (for a comment's inner lines to follow it).
 */
function emit(
    edits: Array<{ start: number; end: number; newText: string }>, text: string, start: number, end: number,
    gapFirstLine: number, gapLastLine: number, newText: string, firstLine: number, lastLine: number
): boolean {
    if (gapFirstLine >= firstLine && gapLastLine <= lastLine) {
        edits.push({ start, end, newText });
        return true;
    }
    const breakAt = Math.max(newText.lastIndexOf('\n'), newText.lastIndexOf('\r'));
    // Joining lines would reach outside the range (at the start of the file, the first token is at the margin anyway).
    if (breakAt < 0 && start > 0) return false;
    if (gapFirstLine < firstLine && gapLastLine >= firstLine && gapLastLine <= lastLine) {
        const lineStart = Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1)) + 1;
        const indentation = newText.slice(breakAt + 1);
        if (text.slice(lineStart, end) !== indentation) edits.push({ start: lineStart, end, newText: indentation });
        return true;
    }
    if (gapFirstLine >= firstLine && gapFirstLine <= lastLine && gapLastLine > lastLine && breakAt >= 0) {
        let lineEnd = start;
        while (lineEnd < end && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
        if (lineEnd > start) edits.push({ start, end: lineEnd, newText: '' });
    }
    return false;
}

/**
 * A block comment on its own line that moves left or right takes its inner
 * lines along (only their leading spaces change; blank lines stay blank).
 */
function shiftCommentLines(
    edits: Array<{ start: number; end: number; newText: string }>, text: string, comment: Token, startLine: number,
    newColumn: number, firstLine: number, lastLine: number
): void {
    const lineStart = Math.max(text.lastIndexOf('\n', comment.offset - 1), text.lastIndexOf('\r', comment.offset - 1)) + 1;
    const shift = newColumn - (comment.offset - lineStart);
    if (shift === 0) return;
    let line = startLine;
    for (let i = comment.offset; i < comment.end; i++) {
        const c = text[i];
        if (c !== '\n' && c !== '\r') continue;
        if (c === '\r' && text[i + 1] === '\n') i++;
        line++;
        const innerStart = i + 1;
        if (line < firstLine || line > lastLine) continue;
        let j = innerStart;
        while (j < comment.end && (text[j] === ' ' || text[j] === '\t')) j++;
        if (j >= comment.end || text[j] === '\n' || text[j] === '\r') continue;
        if (shift > 0) edits.push({ start: innerStart, end: innerStart, newText: ' '.repeat(shift) });
        else edits.push({ start: innerStart, end: innerStart + Math.min(-shift, j - innerStart), newText: '' });
    }
}

/** Line breaks in a piece of text, counted as editors count lines (\r\n, \r, \n). */
function countBreaks(text: string): number {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) count++;
        else if (c === 13) {
            count++;
            if (text.charCodeAt(i + 1) === 10) i++;
        }
    }
    return count;
}

/** Where the first lexer or parser error is, if any (one at the end of the file counts as there). */
function firstErrorOffset(document: LangiumDocument, length: number): number | undefined {
    const { lexerErrors, parserErrors } = document.parseResult;
    let first: number | undefined;
    for (const error of lexerErrors) {
        const offset = Number.isFinite(error.offset) && error.offset >= 0 ? error.offset : length;
        if (first === undefined || offset < first) first = offset;
    }
    for (const error of parserErrors) {
        // At the end of the file, the parser reports a token at offset -1 (or NaN).
        const offset = Number.isFinite(error.token.startOffset) && error.token.startOffset >= 0 ? error.token.startOffset : length;
        if (first === undefined || offset < first) first = offset;
    }
    return first;
}

/** The lines of `// mplan-disable-next-line` comments and the lines they silence. */
function suppressedLines(text: string): Set<number> {
    const lines = new Set<number>();
    for (const suppression of parseSuppressions(text)) {
        if (suppression.kind !== 'next-line') continue;
        lines.add(suppression.range.start.line);
        lines.add(suppression.line);
    }
    return lines;
}

/**
 * The tokens of the file in order, comments included, each with its role and
 * brace depth. Stops before `stopAt` (the first syntax error) or at anything
 * out of order; `complete` says whether it reached the end of the file.
 * Top-level blocks that end before `from` are skipped but the last of them
 * (`skipped` says so); reading stops at the first token from `to` on.
 */
function collectTokens(root: CstNode, stopAt: number, from: number, to: number): { tokens: Token[]; complete: boolean; skipped: boolean } {
    const tokens: Token[] = [];
    let depth = 0;
    let pending: Role | undefined;
    let complete = true;
    let lastEnd = 0;

    const visit = (node: CstNode, role: Role | undefined): boolean => {
        if (!pending && role) pending = role;
        if (isCompositeCstNode(node)) {
            for (const child of node.content) {
                if (!visit(child, child.hidden ? undefined : factRole(child.grammarSource))) return false;
            }
            return true;
        }
        const offset = node.offset;
        const end = node.end;
        if (!Number.isFinite(offset) || offset < lastEnd || end > stopAt || end < offset) {
            complete = false;
            return false;
        }
        lastEnd = end;
        if (node.hidden) {
            tokens.push({ offset, end, comment: node.text.startsWith('//') ? 'line' : 'block', role: 'plain', depth });
            return true;
        }
        // (`x` as a keyword is only ever a ratio's; the word x, `metric x`, is read as a WORD, not as this keyword.)
        const keyword = GrammarAST.isKeyword(node.grammarSource) ? node.grammarSource.value : undefined;
        let tokenRole: Role = pending ?? (keyword === '{' ? 'open' : keyword === '}' ? 'close' : keyword !== undefined && TIGHT.has(keyword) ? 'tight' : 'plain');
        pending = undefined;
        if (keyword === '}') {
            depth = Math.max(0, depth - 1);
            tokenRole = 'close';
        }
        tokens.push({ offset, end, role: tokenRole, depth });
        if (keyword === '{') depth++;
        if (offset >= to) {
            complete = false; // far enough: what follows cannot change
            return false;
        }
        return true;
    };

    if (!isCompositeCstNode(root)) {
        visit(root, 'top');
        return { tokens, complete, skipped: false };
    }
    const children = root.content;
    let first = 0;
    while (first + 1 < children.length && children[first + 1].end <= from) first++;
    if (first > 0) lastEnd = children[first].offset;
    for (let i = first; i < children.length; i++) {
        if (!visit(children[i], children[i].hidden ? undefined : 'top')) break;
    }
    return { tokens, complete, skipped: first > 0 };
}

const roles = new Map<GrammarAST.AbstractElement, 'fact' | 'term' | undefined>();

/**
 * Whether a grammar element begins a fact: the first element of one of the
 * alternatives repeated between a block's braces (`'budget' budget=Money`,
 * `period=Period`, `results+=Result`, ...), or a term repeated after a
 * guarantee. Read from the grammar, so a new fact gets its own line unasked.
 */
function factRole(element: GrammarAST.AbstractElement | undefined): 'fact' | 'term' | undefined {
    if (!element) return undefined;
    if (roles.has(element)) return roles.get(element);
    let role: 'fact' | 'term' | undefined;
    let current: GrammarAST.AbstractElement = element;
    for (;;) {
        if (current.cardinality === '*' || current.cardinality === '+') {
            role = repeatedRole(current);
            break;
        }
        const parent = current.$container;
        if (GrammarAST.isAssignment(parent) || GrammarAST.isAlternatives(parent)) {
            current = parent;
        } else if (GrammarAST.isGroup(parent) && parent.elements[0] === current) {
            current = parent;
        } else {
            break;
        }
    }
    roles.set(element, role);
    return role;
}

function repeatedRole(repeated: GrammarAST.AbstractElement): 'fact' | 'term' | undefined {
    const group = repeated.$container;
    if (GrammarAST.isGroup(group)) {
        const index = group.elements.indexOf(repeated);
        const before = group.elements[index - 1];
        const after = group.elements[index + 1];
        if (GrammarAST.isKeyword(before) && before.value === '{' && GrammarAST.isKeyword(after) && after.value === '}') return 'fact';
    }
    let rule: unknown = repeated.$container;
    while (rule && !GrammarAST.isParserRule(rule)) rule = (rule as GrammarAST.AbstractElement).$container;
    if (GrammarAST.isParserRule(rule) && rule.name === Guarantee.$type && GrammarAST.isAlternatives(repeated)) return 'term';
    return undefined;
}

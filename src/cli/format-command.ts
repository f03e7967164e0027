import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CommandResult } from './results.js';
import { expandPaths, shown, UsageError } from './files.js';
import { ChangedMeanwhile, changedMeanwhileLine, writeFileAtomic } from './write.js';
import { MAX_PLAN_BYTES, readRegularFile } from '../host/read.js';
import { createMplanServices, type MplanServices } from '../language/mplan-module.js';
import { describeReadError } from '../language/workspace/plan-loader.js';
import { endOfFileOffset, lexingMessage } from '../language/syntax/parser-errors.js';

export interface FormatOptions { paths: string[]; check: boolean; cwd: string }

/** What formatting one file came to. */
type Outcome =
    | { kind: 'unchanged' }
    | { kind: 'changed'; text: string }
    /** Not formatted: `reason` says why, in words. */
    | { kind: 'refused'; reason: string };

const BOM = '\uFEFF';

/** The formatting options the formatter is given (it keeps its own four spaces a level whatever these say). */
const OPTIONS = { tabSize: 4, insertSpaces: true };

/** The first syntax error of a parsed file as `L:C message` (1-based), or undefined when it parses cleanly. */
export function firstSyntaxError(document: LangiumDocument, text: string): string | undefined {
    const { lexerErrors, parserErrors } = document.parseResult;
    const found: Array<{ offset: number; message: string }> = [];
    for (const error of lexerErrors) {
        const offset = Number.isFinite(error.offset) && error.offset >= 0 ? error.offset : text.length;
        found.push({ offset, message: lexingMessage(text, offset, error.length) });
    }
    for (const error of parserErrors) {
        const start = error.token.startOffset;
        const previous = (error as { previousToken?: { endOffset?: number } }).previousToken?.endOffset;
        // At the end of the file the parser reports a token with no offset: the error is right after the last token.
        const offset = endOfFileOffset(error.message, text) ?? (Number.isFinite(start) && start >= 0 ? start
            : previous !== undefined && Number.isFinite(previous) && previous >= 0 ? previous + 1 : text.length);
        found.push({ offset, message: error.message });
    }
    if (found.length === 0) return undefined;
    const first = found.reduce((a, b) => (b.offset < a.offset ? b : a));
    const position = document.textDocument.positionAt(first.offset);
    return `${position.line + 1}:${position.character + 1} ${first.message}`;
}

/** The text without any whitespace: formatting must leave it exactly as it was. */
function words(text: string): string {
    return text.replace(/\s+/g, '');
}

/**
 * Formats one file's text with the language server's formatter. A file with a
 * syntax error is not formatted at all (the server formats the lines above the
 * error; a command that rewrites files must not guess). A byte-order mark is
 * kept. The formatter changes only whitespace between tokens; should its result
 * differ in anything else, the file is left alone rather than changed.
 */
export async function formatText(services: MplanServices, file: string, text: string): Promise<Outcome> {
    const bom = text.startsWith(BOM) ? BOM : '';
    const body = text.slice(bom.length);
    const uri = URI.file(file);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(body, uri);
    const error = firstSyntaxError(document, body);
    if (error) return { kind: 'refused', reason: `syntax error at ${error}` };
    const edits = await services.lsp.Formatter?.formatDocument(document, { textDocument: { uri: uri.toString() }, options: OPTIONS }) ?? [];
    if (edits.length === 0) return { kind: 'unchanged' };
    const formatted = TextDocument.applyEdits(TextDocument.create(uri.toString(), 'mplan', 0, body), edits);
    if (words(formatted) !== words(body)) return { kind: 'refused', reason: 'the formatter would change more than whitespace (please report this)' };
    return formatted === body ? { kind: 'unchanged' } : { kind: 'changed', text: bom + formatted };
}

/**
 * A file's text, or why it cannot be formatted: unreadable (a named pipe, over
 * the size limit of plan files), or not UTF-8 (writing it back would damage it).
 */
function readText(file: string): { text: string } | { reason: string } {
    let bytes: Buffer;
    try {
        bytes = readRegularFile(file, MAX_PLAN_BYTES, 'a plan file');
    } catch (error) {
        return { reason: `cannot read (${describeReadError(error)})` };
    }
    try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
    } catch {
        return { reason: 'not formatted: not UTF-8 text' };
    }
}

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "3 files already formatted." when all went one way, else "3 files: 1 formatted, 2 already formatted." */
function summaryLine(total: number, outcomes: Array<[number, string]>): string {
    const seen = outcomes.filter(([count]) => count > 0);
    if (seen.length === 1) return `${plural(total, 'file')} ${seen[0][1]}.`;
    return `${plural(total, 'file')}: ${seen.map(([count, what]) => `${count} ${what}`).join(', ')}.`;
}

/**
 * `mplan format [--check] [paths...]`: formats every plan file named (folders
 * searched, default `.`) in the house style of docs/formatting.md, writing each
 * changed file atomically, and lists them. With --check nothing is written: the
 * files that would change are listed and the exit code is 1 when there are any.
 * A file that cannot be formatted (a syntax error, unreadable) is reported on
 * one line and the others are still done; the run then exits 2. So is a file
 * edited while it was being formatted: it is left with the edit, not written.
 */
export async function formatFiles(options: FormatOptions): Promise<CommandResult> {
    let files: string[];
    try {
        files = await expandPaths(options.paths.length > 0 ? options.paths : ['.'], options.cwd);
    } catch (error) {
        if (error instanceof UsageError) return { stdout: '', stderr: `mplan: ${error.message}\n`, exitCode: 2 };
        throw error;
    }
    const { Mplan } = createMplanServices({ ...NodeFileSystem });
    const stdout: string[] = [];
    const stderr: string[] = [];
    let changed = 0;
    for (const file of files) {
        const name = shown(file, options.cwd);
        const read = readText(file);
        if ('reason' in read) {
            stderr.push(`mplan: ${name}: ${read.reason}`);
            continue;
        }
        const outcome = await formatText(Mplan, file, read.text);
        if (outcome.kind === 'refused') {
            stderr.push(`mplan: ${name}: not formatted: ${outcome.reason}`);
            continue;
        }
        if (outcome.kind === 'unchanged') continue;
        if (options.check) {
            stdout.push(`would format ${name}`);
            changed++;
            continue;
        }
        try {
            // Only over the text formatted: an edit saved meanwhile is kept, not overwritten.
            writeFileAtomic(file, outcome.text, { unchangedFrom: read.text });
        } catch (error) {
            stderr.push(error instanceof ChangedMeanwhile
                ? changedMeanwhileLine(name).trimEnd()
                : `mplan: ${name}: cannot write (${describeReadError(error)}); the file is unchanged`);
            continue;
        }
        stdout.push(`formatted ${name}`);
        changed++;
    }
    const failed = stderr.length;
    let summary = summaryLine(files.length, [
        [changed, options.check ? 'would be formatted' : 'formatted'],
        [files.length - changed - failed, 'already formatted'],
        [failed, 'not formatted']
    ]);
    if (options.check && changed > 0) summary += ` Run mplan format to format ${changed === 1 ? 'it' : 'them'}.`;
    stdout.push(summary);
    return {
        stdout: stdout.join('\n') + '\n',
        stderr: stderr.length > 0 ? stderr.join('\n') + '\n' : '',
        exitCode: failed > 0 ? 2 : options.check && changed > 0 ? 1 : 0
    };
}

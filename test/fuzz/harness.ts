/**
 * Runs one fuzz case through everything a user can reach in-process: the
 * build (parse, index, link, every rule of the registry), the plan model, the
 * formatter, completion, hover, definition, code actions, document symbols,
 * folding, selection ranges, inlay hints, semantic tokens and the plan report
 * (built and rendered as HTML and Markdown). Nothing may throw, no rule may
 * fail (the engine turns a throwing rule into a finding, which would hide it),
 * nothing may log an error it swallowed, and the case must finish within a
 * generous bound. The services are those of the other tests (test/helpers.ts),
 * over the in-memory file system, without a language server process.
 */
import { URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Document } from '../../src/language/generated/ast.js';
import { buildPlanReport } from '../../src/language/report/build-report.js';
import { renderReportHtml } from '../../src/language/report/render-html.js';
import { renderReportMarkdown } from '../../src/language/report/render-markdown.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/language/config/settings.js';
import { loadPlans } from '../../src/language/workspace/plan-loader.js';
import { fileSystem, services, TEST_AS_OF } from '../helpers.js';

/** The files of one case: workspace-relative path to text. The first file is the one a user looks at. */
export type Files = Record<string, string>;

/** A failure of a property, with what it was doing when it failed. */
export class FuzzFailure extends Error {
    constructor(step: string, detail: string, cause?: unknown) {
        super(`${step}: ${detail}${cause instanceof Error ? `\n${cause.stack ?? cause.message}` : cause !== undefined ? ` (${String(cause)})` : ''}`);
    }
}

/** Where a case's files live: a folder of their own, so that runs never see each other's files. */
export function uriOf(path: string): URI {
    return URI.file(`/fuzz/${path}`);
}

/**
 * How long one case may take: 2 s for a plan of normal size, plus 40 ms per
 * KB of text (a 1 MB file gets 43 s). Generous on purpose, so that a loaded
 * 2-core CI machine does not flake: what it catches is a hang, or work that
 * grows faster than the text (a quadratic step on a 1 MB file takes minutes),
 * not a slow millisecond. FUZZ_BOUND_SCALE stretches it on slower machines.
 */
export function boundFor(files: Files): number {
    const chars = Object.values(files).reduce((sum, text) => sum + text.length, 0);
    const scale = Number(process.env.FUZZ_BOUND_SCALE ?? '1') || 1;
    return scale * (2_000 + (40 * chars) / 1_000);
}

/** What a case left behind, for the properties that look further (the formatter's). */
export interface Exercised {
    documents: Array<LangiumDocument<Document>>;
    /** Milliseconds the case took. */
    elapsed: number;
}

/** Options of one case. */
export interface ExerciseOptions {
    /** How many extra cursor positions completion and hover are asked at (besides the start, the end and around the middle). */
    cursors?: number;
    /**
     * `light`: the build, the model, the formatter, the outline, folding,
     * semantic tokens, and completion and hover at the end of the text (where
     * a user types), for sweeps over thousands of cuts of one text; `full`
     * (the default): every service at several cursors, and the report.
     */
    level?: 'light' | 'full';
    /** Seeds the choice of cursor positions, so that a case replays exactly. */
    salt?: number;
}

/**
 * Builds the files as the CLI does (every file loaded, then what they import)
 * and asks every service about every file. Throws a FuzzFailure naming the
 * step that failed.
 */
export async function exercise(files: Files, options: ExerciseOptions = {}): Promise<Exercised> {
    return guarded(files, async () => {
        const documents = await build(files);
        for (const document of documents) await askEverything(document, options);
        return documents;
    });
}

/**
 * Runs the work of one case: nothing it does may log an error (completion
 * logs what it swallows), and it must end within the case's bound.
 */
export async function guarded(files: Files, body: () => Promise<Array<LangiumDocument<Document>>>): Promise<Exercised> {
    const started = performance.now();
    profile.clear();
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => { errors.push(args); };
    try {
        const documents = await body();
        if (errors.length > 0) throw new FuzzFailure('console.error', errors.map(args => args.map(describe).join(' ')).join('\n'));
        const elapsed = performance.now() - started;
        const bound = boundFor(files);
        if (elapsed > bound) throw new FuzzFailure('time bound', `the case took ${Math.round(elapsed)} ms, more than the bound of ${Math.round(bound)} ms (slowest: ${slowestSteps()})`);
        return { documents, elapsed };
    } finally {
        console.error = original;
    }
}

/**
 * Changes one file of the workspace built last, as an editor does on a
 * keystroke: the file is written and the builder updates it and every file
 * that depends on it. Returns the changed document (all are checked).
 */
export async function rebuildOne(path: string, text: string): Promise<LangiumDocument<Document>> {
    const uri = uriOf(path);
    fileSystem.write(uri, text);
    await step('update (parse, link, rules)', () => services.shared.workspace.DocumentBuilder.update([uri], []));
    for (const document of services.shared.workspace.LangiumDocuments.all) checkDiagnostics(document as LangiumDocument<Document>);
    return services.shared.workspace.LangiumDocuments.getDocument(uri) as LangiumDocument<Document>;
}

function describe(value: unknown): string {
    return value instanceof Error ? value.stack ?? value.message : String(value);
}

/** The time each step of the current case took, for a case that runs over its bound to say where. */
const profile = new Map<string, number>();

/** Runs `body`, turning whatever it throws into a FuzzFailure for `step`, and times it. */
async function step<T>(name: string, body: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    try {
        return await body();
    } catch (error) {
        if (error instanceof FuzzFailure) throw error;
        throw new FuzzFailure(name, 'threw', error);
    } finally {
        profile.set(name, (profile.get(name) ?? 0) + performance.now() - started);
    }
}

/** The slowest steps of the current case, in words. */
export function slowestSteps(count = 5): string {
    return [...profile].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(', ');
}

/** Puts the files into a fresh in-memory workspace and builds them with validation, as `mplan check` does. */
export async function build(files: Files): Promise<Array<LangiumDocument<Document>>> {
    await clearDocuments(services.shared);
    fileSystem.files.clear();
    const uris = Object.keys(files).map(uriOf);
    Object.values(files).forEach((text, i) => fileSystem.write(uris[i], text));
    const loaded = await step('build (parse, link, rules)', () => loadPlans(services.Mplan, uris));
    if (loaded.problems.length > 0) throw new FuzzFailure('load', loaded.problems.map(p => `${p.uri.path}: ${p.message}`).join('; '));
    for (const document of loaded.documents) checkDiagnostics(document);
    return loaded.entries;
}

/** Every finding of a rule that threw, and every diagnostic an editor could not place. */
function checkDiagnostics(document: LangiumDocument<Document>): void {
    const text = document.textDocument;
    for (const diagnostic of document.diagnostics ?? []) {
        const data = diagnostic.data as { internalError?: boolean } | undefined;
        if (data?.internalError) throw new FuzzFailure(`rule ${String(diagnostic.code)}`, `failed on ${document.uri.path}: ${messageOf(diagnostic)}`);
        if (!validRange(diagnostic.range, text)) throw new FuzzFailure(`rule ${String(diagnostic.code)}`, `a diagnostic outside ${document.uri.path}: ${JSON.stringify(diagnostic.range)}`);
        if (messageOf(diagnostic).length === 0) throw new FuzzFailure(`rule ${String(diagnostic.code)}`, 'a diagnostic without a message');
    }
}

export function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
}

/** Whether a range has whole, non-negative numbers, starts before it ends, and lies on the lines of the text. */
function validRange(range: Range, text: TextDocument): boolean {
    const ok = (p: Position) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < text.lineCount;
    return ok(range.start) && ok(range.end)
        && (range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character));
}

/** A small deterministic generator (mulberry32), so that the cursors of a case replay with its seed. */
export function randomFrom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6D2B79F5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The cursor offsets a case asks at: the start, the end, the middle, one after a random `{`, and some random ones. */
export function cursorsOf(text: string, count: number, salt: number): number[] {
    const random = randomFrom(salt ^ text.length);
    const offsets = new Set<number>([0, text.length, text.length >> 1]);
    const brace = text.indexOf('{', Math.floor(random() * text.length));
    if (brace >= 0) offsets.add(brace + 1);
    for (let i = 0; i < count; i++) offsets.add(Math.floor(random() * (text.length + 1)));
    return [...offsets].sort((a, b) => a - b);
}

/** Asks every in-process service about one built document. */
export async function askEverything(document: LangiumDocument<Document>, options: ExerciseOptions): Promise<void> {
    const lsp = services.Mplan.lsp;
    const text = document.textDocument;
    const content = text.getText();
    const textDocument = { uri: document.uri.toString() };
    const whole: Range = { start: { line: 0, character: 0 }, end: text.positionAt(content.length) };

    await step('plan model', () => services.Mplan.model.PlanModelProvider.get(document));

    const edits = await step('formatter', () => lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } }));
    const formatted = await step('applying the formatter\'s edits', () => TextDocument.applyEdits(text, edits));
    if (edits.length > 0 && (formatted.replace(/\s+/g, '') !== content.replace(/\s+/g, '') || JSON.stringify(tokensOf(formatted)) !== JSON.stringify(tokensOf(content)))) {
        throw new FuzzFailure('formatter', `changed more than the whitespace between words\n--- formatted:\n${formatted.slice(0, 2000)}`);
    }
    const light = options.level === 'light';
    const cursors = light ? [content.length] : cursorsOf(content, options.cursors ?? 3, options.salt ?? 0);
    const positions = cursors.map(offset => text.positionAt(offset));
    const middle = positions[positions.length >> 1];
    const rangeEdits = light ? [] : await step('range formatter', () => lsp.Formatter!.formatDocumentRange(document, {
        textDocument, options: { tabSize: 4, insertSpaces: true }, range: { start: { line: Math.max(0, middle.line - 2), character: 0 }, end: { line: middle.line + 2, character: 0 } }
    }));
    const rangeFormatted = await step('applying the range formatter\'s edits', () => TextDocument.applyEdits(text, rangeEdits));
    if (rangeEdits.length > 0 && (rangeFormatted.replace(/\s+/g, '') !== content.replace(/\s+/g, '') || JSON.stringify(tokensOf(rangeFormatted)) !== JSON.stringify(tokensOf(content)))) {
        throw new FuzzFailure('range formatter', `changed more than the whitespace between words\n--- formatted:\n${rangeFormatted.slice(0, 2000)}`);
    }

    for (const position of positions) {
        const params = { textDocument, position };
        const where = `at ${position.line}:${position.character}`;
        await step(`completion ${where}`, () => lsp.CompletionProvider!.getCompletion(document, params));
        await step(`hover ${where}`, () => lsp.HoverProvider!.getHoverContent(document, params));
        if (!light) await step(`definition ${where}`, () => lsp.DefinitionProvider!.getDefinition(document, params));
    }

    const symbols = await step('document symbols', () => lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument }));
    const folds = await step('folding ranges', () => lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument }));
    for (const fold of folds) {
        if (!(fold.startLine <= fold.endLine && fold.endLine < text.lineCount)) {
            throw new FuzzFailure('folding ranges', `a fold over lines that do not exist: ${JSON.stringify(fold)} (${text.lineCount} lines)`);
        }
    }
    for (const symbol of symbols) {
        if (!validRange(symbol.range, text)) throw new FuzzFailure('document symbols', `a symbol outside the text: ${JSON.stringify(symbol.range)}`);
    }
    const tokens = await step('semantic tokens', () => lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument }));
    checkTokens(tokens.data, text);
    if (light) return;
    await step('selection ranges', () => services.Mplan.lspExtra.SelectionRangeProvider.getSelectionRanges(document, positions));
    await step('inlay hints', () => lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range: whole }));
    for (const diagnostic of (document.diagnostics ?? []).slice(0, 4)) {
        await step(`code actions for ${String(diagnostic.code)}`, () => lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }));
    }

    const report = await step('plan report', () => buildPlanReport(services.Mplan, document));
    if (report) {
        await step('report as HTML', () => renderReportHtml(report));
        await step('report as Markdown', () => renderReportMarkdown(report));
        await step('report as JSON', () => JSON.stringify(report));
    }
}

/** Semantic tokens lie each on one line of the text, in order. */
function checkTokens(data: number[], text: TextDocument): void {
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
        const [deltaLine, deltaStart, length] = data.slice(i, i + 5);
        line += deltaLine;
        character = deltaLine === 0 ? character + deltaStart : deltaStart;
        const lineLength = line < text.lineCount
            ? text.offsetAt({ line: line + 1, character: 0 }) - text.offsetAt({ line, character: 0 })
            : -1;
        if (!(length > 0 && (i === 0 || deltaLine > 0 || deltaStart > 0) && line < text.lineCount && character + length <= lineLength)) {
            throw new FuzzFailure('semantic tokens', `a token that is not on one line of the text: line ${line}, character ${character}, length ${length}`);
        }
    }
}

// ------------------------------------------------------------------------------ the formatter keeps meaning

/** Whether the lexer or the parser found anything wrong in a document. */
export function hasSyntaxErrors(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}

/**
 * The words of a text as the lexer reads them, comments included, as far as
 * the formatter may touch them: a `//` comment without the spaces at its end,
 * a `/* … *\/` comment without the indentation of its inner lines (it moves
 * left or right as a whole, docs/formatting.md).
 */
export function tokensOf(text: string): string[] {
    const lexed = services.Mplan.parser.Lexer.tokenize(text);
    return [...lexed.tokens, ...lexed.hidden]
        .sort((a, b) => a.startOffset - b.startOffset)
        .map(token => token.image.startsWith('//') ? token.image.replace(/\s+$/, '')
            : token.image.startsWith('/*') ? token.image.replace(/(\r\n|\r|\n)[ \t]*/g, '$1') : token.image);
}

/** What the diagnostics of a document say, without where: formatting moves them but must not change them. */
export function said(document: LangiumDocument): string[] {
    return (document.diagnostics ?? [])
        .map(d => `${String(d.code)} ${messageOf(d).replace(/line \d+/g, 'line N').replace(/\.mplan:\d+/g, '.mplan:N')}`)
        .sort();
}

/** The text once the formatter's edits for the whole document are applied, as an editor applies them. */
export async function formatted(document: LangiumDocument): Promise<string> {
    const edits: TextEdit[] = await services.Mplan.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
    return TextDocument.applyEdits(document.textDocument, edits);
}

let scratch = 0;

/** The formatter's edits for a text parsed on its own (the formatter reads only the parse), for the whole text or a range of it. */
export async function formatEditsOf(text: string, range?: Range): Promise<TextEdit[]> {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/fuzz-scratch/doc${scratch++}.mplan`));
    const textDocument = { uri: document.uri.toString() };
    const options = { tabSize: 4, insertSpaces: true };
    return range
        ? services.Mplan.lsp.Formatter!.formatDocumentRange(document, { textDocument, options, range })
        : services.Mplan.lsp.Formatter!.formatDocument(document, { textDocument, options });
}

/**
 * The formatter never changes what a plan means: every file of the workspace
 * without a syntax error is formatted; each formatted file has the same words
 * and comments, formatting it again changes nothing, and the workspace built
 * from the formatted files parses without errors and has the same findings
 * (rule ids and messages; their positions may move). Returns the formatted
 * files. Rebuilds the workspace: the documents built before are gone after.
 */
export async function checkFormatterKeepsMeaning(files: Files, documents: Array<LangiumDocument<Document>>): Promise<Files> {
    const paths = Object.keys(files);
    const before = new Map(documents.map((document, i) => [paths[i], said(document)]));
    const after: Files = { ...files };
    let changed = false;
    for (const [i, document] of documents.entries()) {
        if (hasSyntaxErrors(document)) continue;
        const path = paths[i];
        const text = await step(`formatter on ${path}`, () => formatted(document));
        const original = files[path];
        const wordsBefore = tokensOf(original), wordsAfter = tokensOf(text);
        if (JSON.stringify(wordsBefore) !== JSON.stringify(wordsAfter)) {
            const at = wordsBefore.findIndex((word, k) => word !== wordsAfter[k]);
            throw new FuzzFailure('formatter', `changed the words of ${path}: word ${at} was ${JSON.stringify(wordsBefore[at])}, is ${JSON.stringify(wordsAfter[at])}\n--- formatted:\n${text}`);
        }
        const again = await step(`formatter on the formatted ${path}`, () => formatEditsOf(text));
        if (again.length > 0) {
            throw new FuzzFailure('formatter', `formatting ${path} twice changes it again: ${JSON.stringify(again.slice(0, 3))}\n--- formatted once:\n${text}`);
        }
        if (text !== original) changed = true;
        after[path] = text;
    }
    if (!changed) return after;
    const rebuilt = await build(after);
    for (const [i, document] of rebuilt.entries()) {
        const path = paths[i];
        if (after[path] !== files[path] && hasSyntaxErrors(document)) {
            throw new FuzzFailure('formatter', `the formatted ${path} does not parse\n--- formatted:\n${after[path]}`);
        }
        const findings = said(document);
        if (JSON.stringify(findings) !== JSON.stringify(before.get(path))) {
            const lost = without(before.get(path)!, findings), gained = without(findings, before.get(path)!);
            throw new FuzzFailure('formatter', `formatting changed the findings of ${path}: lost ${JSON.stringify(lost)}, gained ${JSON.stringify(gained)}`);
        }
    }
    return after;
}

/** The items of `from` left once each item of `taken` is taken out once (a difference of multisets). */
function without(from: string[], taken: string[]): string[] {
    const left = [...from];
    for (const item of taken) {
        const at = left.indexOf(item);
        if (at >= 0) left.splice(at, 1);
    }
    return left;
}

/** Runs `body` with the plans judged by `settings`, then puts back the tests' own (test/helpers.ts). */
export async function withSettings<T>(settings: Settings, body: () => Promise<T>): Promise<T> {
    const provider = services.Mplan.config.SettingsProvider;
    provider.set(settings);
    try {
        return await body();
    } finally {
        provider.set({ ...DEFAULT_SETTINGS, asOf: TEST_AS_OF });
    }
}

// ------------------------------------------------------------------------------ quick fixes

/** The edits of a code action for one document, if it has any. */
function editsOf(action: unknown, uri: string): TextEdit[] | undefined {
    const edit = (action as { edit?: { changes?: Record<string, TextEdit[]> } }).edit;
    return edit?.changes?.[uri];
}

/**
 * The quick fixes offered for a few findings of the first file keep it
 * readable, and "silence this rule on this line" silences it: each fix's
 * edits apply (none overlap); in a file without syntax errors, no fix makes
 * one; and once the suppression comment is in, the finding is gone and the
 * comment is not reported as unused. Rebuilds the workspace.
 */
export async function checkQuickFixes(files: Files, documents: Array<LangiumDocument<Document>>, count: number, salt: number): Promise<void> {
    const path = Object.keys(files)[0];
    const document = documents[0];
    const uri = document.uri.toString();
    const clean = !hasSyntaxErrors(document);
    const diagnostics = document.diagnostics ?? [];
    const chosen = [...new Set(Array.from({ length: Math.min(count, diagnostics.length) }, (_, i) => diagnostics[(salt + i * 7919) % diagnostics.length]))];
    const silences: Array<{ diagnostic: Diagnostic; text: string }> = [];
    for (const diagnostic of chosen) {
        const actions = (await step(`code actions for ${String(diagnostic.code)}`, () => services.Mplan.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }))) ?? [];
        for (const action of actions) {
            const edits = editsOf(action, uri);
            if (!edits) continue;
            const title = (action as { title: string }).title;
            const text = await step(`applying '${title}'`, () => TextDocument.applyEdits(document.textDocument, edits));
            if (clean) {
                const parsed = services.Mplan.parser.LangiumParser.parse(text);
                if (parsed.lexerErrors.length > 0 || parsed.parserErrors.length > 0) {
                    throw new FuzzFailure('quick fix', `'${title}' (for ${String(diagnostic.code)}: ${messageOf(diagnostic)}) makes a syntax error: ${[...parsed.lexerErrors, ...parsed.parserErrors].map(e => e.message).join('; ')}\n--- fixed:\n${text.slice(0, 2000)}`);
                }
            }
            if ((action as { kind?: string }).kind === 'quickfix.silence') silences.push({ diagnostic, text });
        }
    }
    for (const { diagnostic, text } of silences) {
        const [rebuilt] = await build({ ...files, [path]: text });
        const line = diagnostic.range.start.line;
        const message = messageOf(diagnostic).replace(/line \d+/g, 'line N');
        const still = (rebuilt.diagnostics ?? []).find(d => d.code === diagnostic.code && d.range.start.line === line + 1 && messageOf(d).replace(/line \d+/g, 'line N') === message);
        if (still) throw new FuzzFailure('quick fix', `silencing ${String(diagnostic.code)} on line ${line + 1} left it: ${message}\n--- silenced:\n${text.slice(0, 2000)}`);
        const unused = (rebuilt.diagnostics ?? []).find(d => d.code === 'unused-suppression' && d.range.start.line === line);
        if (unused) throw new FuzzFailure('quick fix', `silencing ${String(diagnostic.code)} on line ${line + 1} reports the comment as unused: ${messageOf(unused)}\n--- silenced:\n${text.slice(0, 2000)}`);
    }
}

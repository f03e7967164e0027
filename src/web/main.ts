/**
 * The playground (web/index.html): CodeMirror 6 editors, one per file, talking LSP through
 * @codemirror/lsp-client to the language server in a web worker (web/worker.js,
 * src/server/browser.ts); the findings of every file with their rule ids and pages, their quick
 * fixes, and the live report (the report renderer of src/language/report, as the VS Code preview
 * and `mplan report` use it) in a sandboxed frame. Nothing is sent anywhere: the files live in the
 * page, in local storage and, when shared, in the URL fragment.
 */
import { setDiagnostics, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { formatDocument, formatKeymap, hoverTooltips, LSPClient, LSPPlugin, serverCompletion, type Transport } from '@codemirror/lsp-client';
import { EXAMPLES } from 'mplan:examples';
import { renderReportHtml } from '../language/report/render-html.js';
import { renderReportMarkdown } from '../language/report/render-markdown.js';
import type { PlanReport } from '../language/report/report-data.js';
import { nameOf, nameProblem, ROOT_URI, uriOf, validFiles, type PlaygroundFile, type PlaygroundFiles } from './files.js';
import { mplanLanguage } from './highlight.js';
import { sanitizeHtml } from './sanitize.js';
import { decodeShare, encodeShare, isShareFragment } from './share.js';

// --- LSP types (the few the page reads) -------------------------------------------------------

interface Position { line: number; character: number }
interface Range { start: Position; end: Position }
interface LspDiagnostic { range: Range; severity?: number; code?: string | number; message: string; codeDescription?: { href: string } }
interface TextEdit { range: Range; newText: string }
interface WorkspaceEdit { changes?: Record<string, TextEdit[]>; documentChanges?: Array<{ textDocument: { uri: string }; edits: TextEdit[] }> }
interface CodeAction { title: string; kind?: string; isPreferred?: boolean; edit?: WorkspaceEdit }
interface JsonMessage { id?: number | string; method?: string; params?: unknown }

const STORAGE_KEY = 'mplan.playground.v1';
const PREVIOUS_KEY = 'mplan.playground.previous.v1';
const DEFAULT_EXAMPLE = 'ebook-list.mplan';
const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

// --- state ----------------------------------------------------------------------------------

interface OpenFile { name: string; uri: string; view: EditorView; tab: HTMLButtonElement }

let files: OpenFile[] = [];
let active = '';
let worker: Worker | undefined;
let client: LSPClient | undefined;
/** The last diagnostics of each file, by URI. */
const diagnostics = new Map<string, LspDiagnostic[]>();
/** The page's first findings arrived (the bench and the test read it). */
let firstFindingsAt: number | undefined;

function status(message: string): void {
    $('status').textContent = message;
}

// --- the worker and its transport -------------------------------------------------------------

/** Answers the worker's file requests from the playground's files (src/server/client-file-system.ts). */
async function answerFileRequest(message: JsonMessage): Promise<unknown> {
    const uri = (message.params as { uri?: string } | undefined)?.uri ?? '';
    if (message.method === 'mplan/fs/readDirectory') {
        const folder = uri.endsWith('/') ? uri : uri + '/';
        const entries = new Map<string, { uri: string; isFile: boolean; isDirectory: boolean }>();
        for (const file of files) {
            if (!file.uri.startsWith(folder)) continue;
            const rest = file.uri.slice(folder.length);
            const slash = rest.indexOf('/');
            const child = slash < 0 ? file.uri : folder + rest.slice(0, slash);
            entries.set(child, { uri: child, isFile: slash < 0, isDirectory: slash >= 0 });
        }
        return [...entries.values()];
    }
    const file = files.find(f => f.uri === uri);
    if (file) return { text: file.view.state.doc.toString() };
    // The rule pages the report quotes ("Why"), beside the page.
    const rules = new URL('rules/', location.href).href;
    if (uri.startsWith(rules) && /^[a-z0-9-]+\.md$/.test(uri.slice(rules.length))) {
        const response = await fetch(uri);
        return response.ok ? { text: await response.text() } : { missing: true };
    }
    return { missing: true };
}

function workerTransport(target: Worker): Transport {
    const handlers = new Set<(value: string) => void>();
    target.addEventListener('message', event => {
        const message = event.data as JsonMessage;
        if (message.method?.startsWith('mplan/fs/') && message.id !== undefined) {
            void answerFileRequest(message).then(
                result => target.postMessage({ jsonrpc: '2.0', id: message.id, result }),
                error => target.postMessage({ jsonrpc: '2.0', id: message.id, result: { error: String(error) } }));
            return;
        }
        const text = JSON.stringify(message);
        for (const handler of handlers) handler(text);
    });
    return {
        send: message => target.postMessage(JSON.parse(message)),
        subscribe: handler => { handlers.add(handler); },
        unsubscribe: handler => { handlers.delete(handler); }
    };
}

function startClient(): LSPClient {
    worker?.terminate();
    // The first worker was started by boot.js, in parallel with this script's download.
    const boot = globalThis as { mplanBootWorker?: Worker };
    worker = boot.mplanBootWorker ?? new Worker(new URL('worker.js', import.meta.url));
    boot.mplanBootWorker = undefined;
    worker.addEventListener('error', () => status('The checker stopped working; reload the page (your files are kept).'));
    const lsp = new LSPClient({
        rootUri: ROOT_URI,
        timeout: 20_000,
        sanitizeHTML: sanitizeHtml,
        initializationOptions: { ruleDocsBase: new URL('rules/', location.href).href },
        notificationHandlers: {
            'textDocument/publishDiagnostics': (_client, params: { uri: string; version?: number; diagnostics: LspDiagnostic[] }) => {
                receiveDiagnostics(params.uri, params.version, params.diagnostics);
                return true;
            }
        },
        extensions: [
            { clientCapabilities: { textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true } } } }
        ]
    });
    performance.mark('mplan:worker-started');
    lsp.connect(workerTransport(worker));
    void lsp.initializing.then(() => performance.mark('mplan:server-initialized'), () => undefined);
    return lsp;
}

// --- diagnostics ----------------------------------------------------------------------------

function receiveDiagnostics(uri: string, version: number | undefined, list: LspDiagnostic[]): void {
    const file = files.find(f => f.uri === uri);
    const plugin = file && LSPPlugin.get(file.view);
    if (file && plugin) {
        const synced = client?.workspace.getFile(uri);
        if (version != null && synced && version !== synced.version) return;
        const doc = plugin.syncedDoc;
        file.view.dispatch(setDiagnostics(file.view.state, list.map((d): CmDiagnostic => ({
            from: plugin.unsyncedChanges.mapPos(offsetOf(doc, d.range.start)),
            to: plugin.unsyncedChanges.mapPos(offsetOf(doc, d.range.end)),
            severity: SEVERITY[d.severity ?? 1] === 'error' ? 'error' : SEVERITY[d.severity ?? 1] === 'warning' ? 'warning' : 'info',
            message: d.message,
            // The message with its rule id, linked to the rule's page, as the findings list shows it.
            renderMessage: () => {
                const box = document.createElement('span');
                const rule = String(d.code ?? '');
                if (rule) {
                    const link = document.createElement('a');
                    link.href = rulePage(rule);
                    link.target = '_blank';
                    link.rel = 'noopener';
                    link.className = 'rule';
                    link.textContent = rule;
                    box.append(link, ': ');
                }
                box.append(d.message);
                return box;
            },
            actions: [{ name: 'Quick fixes…', apply: () => { openFixesOf(file, d); } }]
        }))));
    }
    diagnostics.set(uri, list);
    if (firstFindingsAt === undefined) {
        performance.mark('mplan:first-findings');
        firstFindingsAt = performance.now();
        document.body.dataset.firstFindingsMs = String(Math.round(firstFindingsAt));
    }
    renderFindings();
    schedulePreview();
}

function offsetOf(doc: Text, position: Position): number {
    const line = doc.line(Math.min(position.line + 1, doc.lines));
    return Math.min(line.from + position.character, line.to);
}

/** A rule's page in the playground: the bundled rules/<id>.html. */
function rulePage(ruleId: string): string {
    return `rules/${encodeURIComponent(ruleId)}.html`;
}

function renderFindings(): void {
    const list = $('findings');
    list.replaceChildren();
    let count = 0;
    for (const file of files) {
        const sorted = [...diagnostics.get(file.uri) ?? []].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        for (const d of sorted) {
            count++;
            const item = document.createElement('li');
            item.className = `finding ${SEVERITY[d.severity ?? 1]}`;
            const rule = String(d.code ?? '');
            item.dataset.rule = rule;
            item.dataset.file = file.name;
            item.dataset.line = String(d.range.start.line);
            const where = document.createElement('button');
            where.type = 'button';
            where.className = 'where';
            where.textContent = `${file.name}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
            where.setAttribute('aria-label', `Go to ${file.name} line ${d.range.start.line + 1}`);
            where.addEventListener('click', () => reveal(file.name, d.range.start));
            const severity = document.createElement('span');
            severity.className = 'severity';
            severity.textContent = SEVERITY[d.severity ?? 1];
            const link = document.createElement('a');
            link.className = 'rule';
            link.href = rulePage(rule);
            link.target = '_blank';
            link.rel = 'noopener';
            link.textContent = rule;
            link.setAttribute('aria-label', `Rule ${rule}: open its page`);
            const message = document.createElement('span');
            message.className = 'message';
            message.textContent = d.message;
            const fixes = document.createElement('button');
            fixes.type = 'button';
            fixes.className = 'fixes';
            fixes.textContent = 'Fixes…';
            fixes.setAttribute('aria-label', `Quick fixes for ${rule} at ${file.name} line ${d.range.start.line + 1}`);
            fixes.addEventListener('click', () => void showFixes(item, file, d));
            item.append(where, ' ', severity, ' ', link, ' ', message, ' ', fixes);
            list.append(item);
        }
    }
    $('findings-count').textContent = count === 0 ? 'No findings.' : `${count} finding${count === 1 ? '' : 's'}`;
    document.body.dataset.findings = String(count);
}

async function showFixes(item: HTMLElement, file: OpenFile, d: LspDiagnostic): Promise<void> {
    item.querySelector('.fix-list')?.remove();
    const lsp = client;
    if (!lsp) return;
    lsp.sync();
    const actions = await lsp.request<unknown, CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri: file.uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] }
    }).catch(() => null);
    const box = document.createElement('div');
    box.className = 'fix-list';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'Quick fixes');
    const usable = (actions ?? []).filter(a => a.edit);
    if (usable.length === 0) box.textContent = 'No quick fix for this finding.';
    for (const action of usable) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = action.isPreferred ? 'fix preferred' : 'fix';
        button.textContent = action.title;
        button.addEventListener('click', () => {
            applyEdit(action.edit!);
            status(`Applied: ${action.title}`);
            file.view.focus();
        });
        box.append(button);
    }
    item.append(box);
    box.querySelector('button')?.focus();
}

/** The fixes of one finding, listed under it in the findings list, the first one focused. */
function openFixesOf(file: OpenFile, d: LspDiagnostic): void {
    const items = [...document.querySelectorAll<HTMLLIElement>('#findings li')];
    const item = items.find(li => li.dataset.file === file.name && li.dataset.rule === String(d.code ?? '') && li.dataset.line === String(d.range.start.line));
    if (!item) return;
    item.scrollIntoView({ block: 'nearest' });
    void showFixes(item, file, d);
}

/** Ctrl+. in the editor: the quick fixes of the finding under the cursor, in the findings list, focused. */
function fixesAtCursor(view: EditorView): boolean {
    const file = files.find(f => f.view === view);
    if (!file) return false;
    const head = view.state.selection.main.head;
    const doc = view.state.doc;
    const here = (diagnostics.get(file.uri) ?? []).find(d => offsetOf(doc, d.range.start) <= head && head <= offsetOf(doc, d.range.end));
    if (!here) {
        status('No finding under the cursor.');
        return true;
    }
    openFixesOf(file, here);
    return true;
}

function applyEdit(edit: WorkspaceEdit): void {
    const byUri: Record<string, TextEdit[]> = { ...edit.changes };
    for (const change of edit.documentChanges ?? []) byUri[change.textDocument.uri] = [...(byUri[change.textDocument.uri] ?? []), ...change.edits];
    for (const [uri, edits] of Object.entries(byUri)) {
        const file = files.find(f => f.uri === uri);
        if (!file) continue;
        const doc = file.view.state.doc;
        file.view.dispatch({ changes: edits.map(e => ({ from: offsetOf(doc, e.range.start), to: offsetOf(doc, e.range.end), insert: e.newText })) });
    }
}

function reveal(name: string, position: Position): void {
    activate(name);
    const file = files.find(f => f.name === name);
    if (!file) return;
    const at = offsetOf(file.view.state.doc, position);
    file.view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    file.view.focus();
}

// --- the preview ----------------------------------------------------------------------------

let previewTimer: ReturnType<typeof setTimeout> | undefined;
let lastReport: PlanReport | undefined;

function schedulePreview(): void {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void updatePreview(), 150);
}

/** The plan the preview shows: the active file when it is a plan, else the first plan. */
function previewFile(): OpenFile | undefined {
    const isPlan = (f: OpenFile) => /(^|\n)\s*plan\s+[A-Za-z_]/.test(f.view.state.doc.toString());
    const current = files.find(f => f.name === active);
    return current && isPlan(current) ? current : files.find(isPlan);
}

async function updatePreview(): Promise<void> {
    const file = previewFile();
    const frame = $<HTMLIFrameElement>('preview');
    if (!file || !client) {
        lastReport = undefined;
        frame.srcdoc = '<!DOCTYPE html><meta charset="utf-8"><p style="font-family: sans-serif">No plan to show: a file with a <code>plan</code> block has a report.</p>';
        return;
    }
    client.sync();
    const report = await client.request<unknown, PlanReport | null>('mplan/planReport', { uri: file.uri }).catch(() => null);
    if (!report) return;
    lastReport = report;
    // The renderer escapes every plan text; the frame is sandboxed (no script, no same origin) besides.
    frame.srcdoc = renderReportHtml(report, {});
    $('preview-title').textContent = `Report preview: ${file.name}`;
    document.body.dataset.previewVersion = String(Number(document.body.dataset.previewVersion ?? 0) + 1);
}

// --- files, tabs and editors ----------------------------------------------------------------

function createView(name: string, text: string, lsp: LSPClient): EditorView {
    const uri = uriOf(name);
    return new EditorView({
        parent: $('editors'),
        state: EditorState.create({
            doc: text,
            extensions: [
                basicSetup,
                mplanLanguage,
                lintGutter(),
                lsp.plugin(uri, 'mplan'),
                serverCompletion({ override: true }),
                hoverTooltips(),
                keymap.of([...formatKeymap, { key: 'Mod-.', run: view => fixesAtCursor(view) }]),
                EditorView.contentAttributes.of({ 'aria-label': `Plan text of ${name}` }),
                EditorView.updateListener.of(update => { if (update.docChanged) { scheduleSave(); schedulePreview(); } })
            ]
        })
    });
}

/** Replaces the whole workspace (an example, a share link, a new or removed file): a fresh worker judges it. */
function loadWorkspace(workspace: PlaygroundFiles): void {
    for (const file of files) file.view.destroy();
    files = [];
    diagnostics.clear();
    $('tabs').replaceChildren();
    client?.disconnect();
    client = startClient();
    for (const { name, text } of [...workspace.files].sort((a, b) => a.name.localeCompare(b.name))) {
        const view = createView(name, text, client);
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.role = 'tab';
        tab.className = 'tab';
        tab.textContent = name;
        tab.addEventListener('click', () => activate(name));
        $('tabs').append(tab);
        files.push({ name, uri: uriOf(name), view, tab });
    }
    activate(workspace.files.some(f => f.name === workspace.active) ? workspace.active : files[0].name);
    renderFindings();
    scheduleSave();
}

function activate(name: string): void {
    active = name;
    for (const file of files) {
        const selected = file.name === name;
        file.view.dom.hidden = !selected;
        file.tab.setAttribute('aria-selected', String(selected));
        file.tab.tabIndex = selected ? 0 : -1;
    }
    schedulePreview();
    scheduleSave();
}

function currentFiles(): PlaygroundFiles {
    return { files: files.map(f => ({ name: f.name, text: f.view.state.doc.toString() })), active };
}

// --- storage --------------------------------------------------------------------------------

let saveTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleSave(): void {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 200);
}

function save(): void {
    clearTimeout(saveTimer);
    if (files.length === 0) return;
    try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(currentFiles()));
    } catch {
        status('Your files could not be kept in this browser\'s storage (full or turned off): download them to keep them.');
    }
}

function stored(key: string): PlaygroundFiles | undefined {
    try {
        const raw = localStorage.getItem(key);
        if (!raw) return undefined;
        const data = JSON.parse(raw) as { files?: unknown; active?: unknown };
        const checked = validFiles(data.files, data.active);
        return typeof checked === 'string' ? undefined : checked;
    } catch {
        return undefined;
    }
}

// --- examples -------------------------------------------------------------------------------

/** The examples by what one opens: a file of examples/, or a folder of them (a plan over files). */
function exampleSets(): Map<string, PlaygroundFile[]> {
    const sets = new Map<string, PlaygroundFile[]>();
    for (const [path, text] of Object.entries(EXAMPLES)) {
        const slash = path.indexOf('/');
        const key = slash < 0 ? path : path.slice(0, slash);
        const name = slash < 0 ? path : path.slice(slash + 1);
        sets.set(key, [...(sets.get(key) ?? []), { name, text }]);
    }
    return sets;
}

function exampleWorkspace(key: string): PlaygroundFiles {
    const set = exampleSets().get(key) ?? [];
    const plan = set.find(f => /(^|\n)\s*plan\s/.test(f.text)) ?? set[0];
    return { files: set, active: plan.name };
}

// --- downloads ------------------------------------------------------------------------------

function download(name: string, text: string, type: string): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// --- the page -------------------------------------------------------------------------------

function wireToolbar(): void {
    const select = $<HTMLSelectElement>('examples');
    for (const key of exampleSets().keys()) {
        const option = document.createElement('option');
        option.value = key;
        option.textContent = key;
        select.append(option);
    }
    $('open-example').addEventListener('click', () => {
        if (!select.value) return;
        keepPrevious();
        loadWorkspace(exampleWorkspace(select.value));
        status(`Opened the example ${select.value}.`);
    });
    $('new-file').addEventListener('click', () => {
        const name = prompt('Name of the new file (for example shared/audience.mplan):', 'new.mplan')?.trim();
        if (!name) return;
        const problem = nameProblem(name);
        if (problem) { status(problem); return; }
        if (files.some(f => f.name === name)) { activate(name); return; }
        const now = currentFiles();
        loadWorkspace({ files: [...now.files, { name, text: '' }], active: name });
    });
    $('delete-file').addEventListener('click', () => {
        if (files.length <= 1) { status('The last file stays: open an example or another file instead.'); return; }
        if (!confirm(`Remove ${active} from the playground?`)) return;
        const now = currentFiles();
        loadWorkspace({ files: now.files.filter(f => f.name !== active), active: '' });
    });
    $<HTMLInputElement>('open-files').addEventListener('change', async event => {
        const input = event.target as HTMLInputElement;
        const chosen = [...input.files ?? []];
        input.value = '';
        if (chosen.length === 0) return;
        const now = currentFiles();
        const added: PlaygroundFile[] = [];
        for (const file of chosen) {
            const problem = nameProblem(file.name);
            if (problem) { status(problem); return; }
            if (file.size > 5 * 1024 * 1024) { status(`${file.name} is larger than 5 MB, the limit of a plan file.`); return; }
            added.push({ name: file.name, text: await file.text() });
        }
        const kept = now.files.filter(f => !added.some(a => a.name === f.name));
        loadWorkspace({ files: [...kept, ...added], active: added[0].name });
        status(`Opened ${added.map(a => a.name).join(', ')}.`);
    });
    $('download').addEventListener('click', () => {
        const file = files.find(f => f.name === active);
        if (file) download(file.name.split('/').pop()!, file.view.state.doc.toString(), 'text/plain');
    });
    $('format').addEventListener('click', () => {
        const file = files.find(f => f.name === active);
        if (file) formatDocument(file.view);
    });
    $('share').addEventListener('click', async () => {
        // Not put in the address bar: a reload after more edits must show them, not the shared version.
        const link = new URL(await encodeShare(currentFiles()), location.href).href;
        $<HTMLInputElement>('share-link').value = link;
        $('share-box').hidden = false;
        try {
            await navigator.clipboard.writeText(link);
            status('The share link is copied: it carries your files in itself, nothing is uploaded.');
        } catch {
            status('The share link is below: it carries your files in itself, nothing is uploaded.');
        }
    });
    $('export-html').addEventListener('click', () => {
        if (lastReport) download('report.html', renderReportHtml(lastReport, {}), 'text/html');
        else status('No report to export: the playground has no plan yet.');
    });
    $('export-md').addEventListener('click', () => {
        if (lastReport) download('report.md', renderReportMarkdown(lastReport), 'text/markdown');
        else status('No report to export: the playground has no plan yet.');
    });
    $('restore-previous').addEventListener('click', () => {
        const previous = stored(PREVIOUS_KEY);
        if (previous) { loadWorkspace(previous); status('Your previous files are back.'); }
    });
    // Tabs: arrow keys move between them (the ARIA tab pattern).
    $('tabs').addEventListener('keydown', event => {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
        const index = files.findIndex(f => f.name === active);
        const next = files[(index + (event.key === 'ArrowRight' ? 1 : files.length - 1)) % files.length];
        activate(next.name);
        next.tab.focus();
    });
    addEventListener('pagehide', save);
}

/** Before files of a share link or an example replace the user's own: kept, to restore. */
function keepPrevious(): void {
    if (files.length === 0) return;
    try {
        localStorage.setItem(PREVIOUS_KEY, JSON.stringify(currentFiles()));
        $('restore-previous').hidden = false;
    } catch {
        // Storage refused: the files are still on screen until the user replaces them.
    }
}

/**
 * Opens the files of a share link in place of the user's, which are kept to restore; a damaged
 * link changes nothing and says why. True when the fragment was a share link.
 */
async function openShareLink(hash: string, fallback: PlaygroundFiles | undefined): Promise<boolean> {
    if (!isShareFragment(hash)) return false;
    $('status').classList.remove('problem');
    try {
        const shared = await decodeShare(hash);
        const own = files.length > 0 ? currentFiles() : fallback;
        if (own) {
            localStorage.setItem(PREVIOUS_KEY, JSON.stringify(own));
            $('restore-previous').hidden = false;
        }
        loadWorkspace(shared);
        save();
        // Opened: from now on the files are the user's (kept in storage), and a reload shows their edits.
        history.replaceState(null, '', location.pathname + location.search);
        status('Opened the files of a share link. Your own files are kept: "Restore my files" brings them back.');
    } catch (error) {
        const hadOwn = files.length > 0 || fallback !== undefined;
        if (files.length === 0) loadWorkspace(fallback ?? exampleWorkspace(DEFAULT_EXAMPLE));
        const why = error instanceof Error ? error.message : String(error);
        status(`This share link cannot be opened: ${why}. ${hadOwn ? 'Your own files are kept and shown.' : 'An example is shown instead.'}`);
        $('status').classList.add('problem');
    }
    return true;
}

async function start(): Promise<void> {
    performance.mark('mplan:app-start');
    wireToolbar();
    const own = stored(STORAGE_KEY);
    if (stored(PREVIOUS_KEY)) $('restore-previous').hidden = false;
    // A share link pasted into the address bar of an open playground.
    addEventListener('hashchange', () => void openShareLink(location.hash, undefined));
    if (await openShareLink(location.hash, own)) return;
    loadWorkspace(own ?? exampleWorkspace(DEFAULT_EXAMPLE));
    if (!own) $<HTMLSelectElement>('examples').value = DEFAULT_EXAMPLE;
}

void start();

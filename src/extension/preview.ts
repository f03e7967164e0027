import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderPreviewHtml, messagePage, type PlanReport } from './preview-html.js';
import { PLAN_REPORT_REQUEST } from '../language/report/report-data.js';

const VIEW_TYPE = 'mplan.preview';

/** What the preview's script posts when an item is clicked. */
interface RevealMessage { type: 'reveal'; uri: string; line: number; character: number }

function isReveal(message: unknown): message is RevealMessage {
    const m = message as Partial<RevealMessage> | undefined;
    return m?.type === 'reveal' && typeof m.uri === 'string' && Number.isInteger(m.line) && Number.isInteger(m.character);
}

/**
 * A fresh nonce for each render of the page's one script (the CSP allows no
 * other): 128 bits from the operating system's secure random source, in
 * base64, so no page and no plan can predict the next one (Math.random can
 * be predicted from its earlier outputs). Exported for the security tests.
 */
export function nonce(): string {
    // Web Crypto, which Node and the browser (VS Code for the Web) both have.
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
    return btoa(String.fromCharCode(...bytes));
}

/**
 * The plan previews: one webview beside the editor per plan, redrawn each time
 * the server publishes new diagnostics for it (that is, after every build, so
 * live as you type); clicking an item reveals it in the editor.
 */
export class PlanPreviews implements vscode.Disposable {
    private readonly panels = new Map<string, vscode.WebviewPanel>();
    private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(context: vscode.ExtensionContext, private readonly client: () => LanguageClient | undefined) {
        this.disposables.push(
            vscode.languages.onDidChangeDiagnostics(event => {
                for (const uri of event.uris) if (this.panels.has(uri.toString())) this.schedule(uri.toString());
            }),
            vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
                deserializeWebviewPanel: async (panel, state: { uri?: string } | undefined) => {
                    if (typeof state?.uri === 'string') this.adopt(panel, state.uri);
                    else panel.dispose();
                }
            })
        );
        void context;
    }

    /** "mplan: Open Plan Preview" for the given document or the active editor's. */
    async open(given?: vscode.Uri): Promise<void> {
        // From the walkthrough (no text editor active), the plan the user has open.
        const isPlan = (document: vscode.TextDocument): boolean => document.languageId === 'mplan';
        const active = vscode.window.activeTextEditor?.document;
        const uri = given ?? (active && isPlan(active) ? active.uri : undefined)
            ?? vscode.window.visibleTextEditors.find(editor => isPlan(editor.document))?.document.uri
            ?? vscode.workspace.textDocuments.filter(isPlan).at(-1)?.uri ?? active?.uri;
        if (!uri) {
            void vscode.window.showInformationMessage('Open a plan (.mplan file) to preview it.');
            return;
        }
        const key = uri.toString();
        const existing = this.panels.get(key);
        if (existing) {
            existing.reveal(vscode.ViewColumn.Beside, true);
            return;
        }
        const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Preview ${basename(uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            enableFindWidget: true,
            // The page loads nothing: no local or remote resources at all.
            localResourceRoots: []
        });
        this.adopt(panel, key);
    }

    private adopt(panel: vscode.WebviewPanel, key: string): void {
        this.panels.set(key, panel);
        panel.webview.options = { enableScripts: true, localResourceRoots: [] };
        panel.onDidDispose(() => {
            this.panels.delete(key);
            clearTimeout(this.pending.get(key));
            this.pending.delete(key);
        });
        panel.webview.onDidReceiveMessage(message => {
            if (isReveal(message)) void reveal(message);
        });
        void this.update(key);
    }

    /** Redraws every open preview (after the server restarted). */
    refreshAll(): void {
        for (const key of this.panels.keys()) this.schedule(key);
    }

    private schedule(key: string): void {
        clearTimeout(this.pending.get(key));
        this.pending.set(key, setTimeout(() => {
            this.pending.delete(key);
            void this.update(key);
        }, 50));
    }

    private async update(key: string): Promise<void> {
        const panel = this.panels.get(key);
        const client = this.client();
        if (!panel) return;
        const webview = panel.webview;
        const state = { uri: key };
        if (!client || !client.isRunning()) {
            webview.html = messagePage(webview.cspSource, 'The mplan language server is not running.', state);
            return;
        }
        let report: PlanReport | null;
        try {
            report = await client.sendRequest<PlanReport | null>(PLAN_REPORT_REQUEST, { uri: key });
        } catch (error) {
            webview.html = messagePage(webview.cspSource, `No preview: ${error instanceof Error ? error.message : String(error)}`, state);
            return;
        }
        if (!this.panels.has(key)) return;
        if (!report) {
            webview.html = messagePage(webview.cspSource, 'This file has no plan block: it is a library. Preview a plan that imports it.', state);
            return;
        }
        panel.title = `Preview ${report.plan.title ?? report.plan.name}`;
        webview.html = renderPreviewHtml(report, { nonce: nonce(), cspSource: webview.cspSource, state });
    }

    dispose(): void {
        for (const panel of this.panels.values()) panel.dispose();
        for (const timer of this.pending.values()) clearTimeout(timer);
        this.disposables.forEach(d => d.dispose());
    }
}

function basename(uri: vscode.Uri): string {
    return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** Shows the clicked item's place in the editor, beside the preview. */
async function reveal(message: RevealMessage): Promise<void> {
    const uri = vscode.Uri.parse(message.uri);
    const position = new vscode.Position(message.line, message.character);
    const visible = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === uri.toString());
    await vscode.window.showTextDocument(uri, {
        viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
        selection: new vscode.Range(position, position),
        preserveFocus: false
    });
}

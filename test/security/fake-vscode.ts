/**
 * The little of the `vscode` API the plan preview uses, recorded: every page
 * the preview gives a webview is kept in `pages`, in order. Tests mock
 * `vscode` with it (`vi.mock('vscode', () => fakeVscode)`), so the real
 * PlanPreviews class renders as it does in the editor.
 */

const disposable = { dispose(): void {} };

/** What the fake webviews were given, in order. */
export const pages: string[] = [];

/** The webview's own origin, as VS Code gives it in `cspSource`. */
export const CSP_SOURCE = 'https://*.vscode-cdn.net';

function panel() {
    const webview = {
        options: {},
        cspSource: CSP_SOURCE,
        set html(value: string) { pages.push(value); },
        onDidReceiveMessage: () => disposable
    };
    return { webview, title: '', onDidDispose: () => disposable, reveal(): void {}, dispose(): void {} };
}

export const fakeVscode = {
    ViewColumn: { One: 1, Beside: -2 },
    languages: { onDidChangeDiagnostics: () => disposable },
    window: {
        activeTextEditor: undefined,
        visibleTextEditors: [],
        registerWebviewPanelSerializer: () => disposable,
        createWebviewPanel: () => panel(),
        showInformationMessage: async () => undefined
    }
};

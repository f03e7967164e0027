/**
 * The pages the extension shows and writes, all from the one report renderer
 * of src/language/report (pure: no Langium, no Node), so the preview, the
 * exported report and `mplan report` agree.
 */
import type { PlanReport } from '../language/report/report-data.js';
import { renderReportHtml } from '../language/report/render-html.js';
import { renderReportMarkdown } from '../language/report/render-markdown.js';
import { escapeHtml } from '../language/report/escape.js';

export type { PlanReport };

/**
 * The preview's one script: it remembers which plan the panel shows (so VS Code
 * can restore it) and asks the extension to reveal an item when it is clicked.
 */
function previewScript(state: unknown): string {
    return `(() => {
    const vscode = acquireVsCodeApi();
    vscode.setState(${JSON.stringify(state).replace(/</g, '\\u003c')});
    document.addEventListener('click', event => {
        const item = event.target instanceof Element ? event.target.closest('[data-uri]') : null;
        if (!item) return;
        event.preventDefault();
        vscode.postMessage({ type: 'reveal', uri: item.getAttribute('data-uri'), line: Number(item.getAttribute('data-line')), character: Number(item.getAttribute('data-character') ?? 0) });
    });
})();`;
}

export interface PreviewOptions { nonce: string; cspSource: string; state: unknown }

/** The live preview: the report with VS Code's theme colours, clickable items and one nonce'd script. */
export function renderPreviewHtml(report: PlanReport, options: PreviewOptions): string {
    return renderReportHtml(report, {
        nonce: options.nonce,
        cspSource: options.cspSource,
        interactive: true,
        theme: 'vscode',
        script: previewScript(options.state)
    });
}

/** A page with one sentence (no plan, no server), under the same strict policy. */
export function messagePage(cspSource: string, message: string, state: unknown): string {
    void state;
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';"></head>` +
        `<body style="font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1em"><p>${escapeHtml(message)}</p></body></html>`;
}

/** The exported report file: the same as `mplan report --out`. */
export function renderReportFile(report: PlanReport, kind: 'html' | 'md'): string {
    return kind === 'md' ? renderReportMarkdown(report) : renderReportHtml(report, {});
}

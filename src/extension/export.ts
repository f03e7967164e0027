import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderReportFile, type PlanReport } from './preview-html.js';
import { PLAN_REPORT_REQUEST } from '../language/report/report-data.js';

/**
 * "mplan: Export Plan Report": the same self-contained report as
 * `mplan report PLAN --out FILE`, as HTML or Markdown, saved where the user says.
 */
export async function exportReportCommand(client: LanguageClient | undefined, given?: vscode.Uri): Promise<void> {
    const uri = given ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
        void vscode.window.showInformationMessage('Open a plan (.mplan file) to export its report.');
        return;
    }
    if (!client || !client.isRunning()) {
        void vscode.window.showWarningMessage('The mplan language server is not running.');
        return;
    }
    const report = await client.sendRequest<PlanReport | null>(PLAN_REPORT_REQUEST, { uri: uri.toString() });
    if (!report) {
        void vscode.window.showWarningMessage('This file has no plan block: it is a library. Export the report of a plan that imports it.');
        return;
    }
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.mplan$/, '');
    const defaultUri = uri.scheme === 'file' ? vscode.Uri.joinPath(uri, '..', `${name}-report.html`) : undefined;
    const target = await vscode.window.showSaveDialog({
        defaultUri,
        title: 'Export Plan Report',
        filters: { 'HTML report': ['html'], 'Markdown report': ['md'] }
    });
    if (!target) return;
    const markdown = target.path.toLowerCase().endsWith('.md');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderReportFile(report, markdown ? 'md' : 'html')));
    const choice = await vscode.window.showInformationMessage(`Wrote the report of ${report.plan.title ?? report.plan.name} to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', target);
}

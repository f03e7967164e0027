import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client.js';
import { explainRuleCommand, RULE_SCHEME, RulePageProvider } from './explain.js';
import { PlanPreviews } from './preview.js';
import { exportReportCommand } from './export.js';
import { newPlanCommand } from './new-plan.js';

/**
 * The mplan extension: starts the bundled language server for `mplan`
 * documents and adds what only an editor can: the plan preview, report
 * export and rule explanations. Everything that judges a plan is the server's.
 */

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('mplan', { log: true });
    context.subscriptions.push(output);
    const current = (): LanguageClient | undefined => client;

    const start = async (): Promise<void> => {
        client = createClient(context, output);
        try {
            await client.start();
        } catch (error) {
            output.error(`The mplan language server did not start: ${error instanceof Error ? error.message : String(error)}`);
            void vscode.window.showErrorMessage('The mplan language server did not start. See the mplan output for details.', 'Show Output')
                .then(choice => choice && output.show(true));
        }
    };
    const restart = async (): Promise<void> => {
        const old = client;
        client = undefined;
        if (old) await old.dispose().catch(() => undefined);
        await start();
        previews.refreshAll();
    };

    const previews = new PlanPreviews(context, current);
    context.subscriptions.push(
        previews,
        vscode.commands.registerCommand('mplan.restartServer', restart),
        vscode.commands.registerCommand('mplan.showOutput', () => output.show(true)),
        vscode.commands.registerCommand('mplan.newPlan', newPlanCommand),
        vscode.commands.registerCommand('mplan.openPreview', (uri?: vscode.Uri) => previews.open(uri)),
        vscode.commands.registerCommand('mplan.exportReport', (uri?: vscode.Uri) => exportReportCommand(current(), uri)),
        vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RulePageProvider(current)),
        vscode.commands.registerCommand('mplan.explainRule', (id?: string) => explainRuleCommand(current(), id)),
        // The server reads these settings when it starts: a change restarts it.
        vscode.workspace.onDidChangeConfiguration(event => {
            if (event.affectsConfiguration('mplan.configFile') || event.affectsConfiguration('mplan.asOf')) void restart();
        })
    );
    await start();
}

export async function deactivate(): Promise<void> {
    const old = client;
    client = undefined;
    if (old) await old.stop().catch(() => undefined);
}

/**
 * What the extension does around its language client, the same on the desktop (extension.ts,
 * the server as a Node process) and in VS Code for the Web (browser.ts, the server in a web
 * worker): start the client and say so when it fails, restart it when its settings change, and
 * register the commands (restart, output, New Plan, preview, export, explain). Each entry gives
 * only how its client is made and how a rule is explained.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportReportCommand } from './export.js';
import { newPlanCommand } from './new-plan.js';
import { PlanPreviews } from './preview.js';

/** What both clients have that the commands use: start, stop, dispose, requests. */
export type Client = Pick<LanguageClient, 'start' | 'stop' | 'dispose' | 'sendRequest' | 'isRunning'>;

export interface SessionEntry {
    /** Makes a new client (not started). */
    createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Client | Promise<Client>;
    /** Explains a rule (the id given, or one the user picks), with the running client if any. */
    explainRule(context: vscode.ExtensionContext, client: LanguageClient | undefined, id?: string): Promise<void>;
    /** What else the entry registers (the desktop's rule page provider). */
    register?(context: vscode.ExtensionContext, current: () => LanguageClient | undefined): vscode.Disposable[];
}

let client: Client | undefined;

export async function activateSession(context: vscode.ExtensionContext, entry: SessionEntry): Promise<void> {
    const output = vscode.window.createOutputChannel('mplan', { log: true });
    context.subscriptions.push(output);
    // The preview, export and explain use only what both clients have (sendRequest, isRunning).
    const current = (): LanguageClient | undefined => client as LanguageClient | undefined;

    const start = async (): Promise<void> => {
        try {
            client = await entry.createClient(context, output);
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
        vscode.commands.registerCommand('mplan.explainRule', (id?: string) => entry.explainRule(context, current(), id)),
        ...(entry.register?.(context, current) ?? []),
        // The server reads these settings when it starts: a change restarts it.
        vscode.workspace.onDidChangeConfiguration(event => {
            if (event.affectsConfiguration('mplan.configFile') || event.affectsConfiguration('mplan.asOf')) void restart();
        })
    );
    await start();
}

export async function deactivateSession(): Promise<void> {
    const old = client;
    client = undefined;
    if (old) await old.stop().catch(() => undefined);
}

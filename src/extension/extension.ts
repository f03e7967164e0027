import * as vscode from 'vscode';
import { createClient } from './client.js';
import { explainRuleCommand, RULE_SCHEME, RulePageProvider } from './explain.js';
import { activateSession, deactivateSession } from './session.js';

/**
 * The mplan extension on the desktop: starts the bundled language server for `mplan` documents
 * (a Node process) and adds what only an editor can: the plan preview, report export, New Plan
 * and rule explanations (session.ts, shared with the browser entry). Everything that judges a
 * plan is the server's.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    await activateSession(context, {
        createClient: (ctx, output) => createClient(ctx, output),
        explainRule: (_ctx, client, id) => explainRuleCommand(client, id),
        register: (_ctx, current) => [vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RulePageProvider(current))]
    });
}

export const deactivate = deactivateSession;

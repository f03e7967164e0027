import * as vscode from 'vscode';
import { starterPlan } from '../language/starter-plan.js';

/** The file the New Plan command writes in an open folder: the name `mplan init` gives it. */
export const NEW_PLAN_FILE = 'plan.mplan';

/**
 * "mplan: New Plan": the starter plan of `mplan init` (a clean plan for an example business that
 * teaches the language in its comments), dated from today, opened in the editor. In an open folder
 * without a plan.mplan it is written there, so its findings and preview work at once; otherwise
 * (no folder, or a plan.mplan already there, which is never overwritten) it opens as a new,
 * unsaved mplan document.
 */
export async function newPlanCommand(): Promise<vscode.TextEditor> {
    // Today in UTC, as `mplan init` dates it.
    const text = starterPlan(new Date().toISOString().slice(0, 10));
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) {
        const target = vscode.Uri.joinPath(folder.uri, NEW_PLAN_FILE);
        if (!(await exists(target))) {
            await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
            return vscode.window.showTextDocument(target);
        }
    }
    const document = await vscode.workspace.openTextDocument({ language: 'mplan', content: text });
    return vscode.window.showTextDocument(document);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Rule pages are virtual Markdown documents: `mplan-rule:/<id>.md`. */
export const RULE_SCHEME = 'mplan-rule';

interface RuleSummary { id: string; severity: string; area: string; description: string }

/** Serves a rule's page, the same text as `mplan explain RULE`, from the server. */
export class RulePageProvider implements vscode.TextDocumentContentProvider {
    constructor(private readonly client: () => LanguageClient | undefined) {}

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
        const client = this.client();
        if (!client) return `# ${id}\n\nThe mplan language server is not running.\n`;
        const page = await client.sendRequest<string | null>('mplan/explainRule', { id });
        return page ?? `# ${id}\n\nmplan has no rule with this id.\n`;
    }
}

/** The rule ids of the mplan findings under the cursor, most severe first. */
function rulesAtCursor(): string[] {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'mplan') return [];
    const position = editor.selection.active;
    return vscode.languages.getDiagnostics(editor.document.uri)
        .filter(d => d.source === 'mplan' && d.range.contains(position))
        .sort((a, b) => a.severity - b.severity)
        .map(d => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '')))
        .filter(id => id.length > 0);
}

/**
 * "mplan: Explain Rule": the rule given (from a link or another command), else
 * the rule of the finding under the cursor, else one picked from the list.
 */
export async function explainRuleCommand(client: LanguageClient | undefined, given?: string): Promise<void> {
    if (!client) {
        void vscode.window.showWarningMessage('The mplan language server is not running.');
        return;
    }
    let id = typeof given === 'string' ? given : undefined;
    if (!id) {
        const here = rulesAtCursor();
        const rules = await client.sendRequest<RuleSummary[]>('mplan/rules');
        const items = rules.map(rule => ({
            label: rule.id,
            description: `${rule.severity} · ${rule.area}`,
            detail: rule.description,
            picked: here.includes(rule.id)
        }));
        // Findings under the cursor come first.
        items.sort((a, b) => Number(here.includes(b.label)) - Number(here.includes(a.label)));
        const picked = here.length === 1 ? items[0] : await vscode.window.showQuickPick(items, {
            title: 'Explain an mplan rule',
            placeHolder: 'Type a rule id or words of its description',
            matchOnDescription: true,
            matchOnDetail: true
        });
        id = picked?.label;
    }
    if (!id) return;
    const uri = vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${id}.md` });
    try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    }
}

import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import type { PlanModelProvider } from '../model/plan-model.js';
import { ruleById } from '../rules/index.js';

/** Quick fixes: every fix the rule registry declares for the diagnostics at hand. */
export class MplanCodeActionProvider implements CodeActionProvider {
    protected readonly models: PlanModelProvider;

    constructor(services: MplanServices) {
        this.models = services.model.PlanModelProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const rule = typeof diagnostic.code === 'string' ? ruleById(diagnostic.code) : undefined;
            if (!rule?.fix) continue;
            const model = this.models.get(document as LangiumDocument<Document>);
            for (const fix of rule.fix(model, { range: diagnostic.range, data: diagnostic.data as Record<string, unknown> | undefined })) {
                actions.push({
                    title: fix.title,
                    kind: CodeActionKind.QuickFix,
                    diagnostics: [diagnostic],
                    isPreferred: fix.preferred ?? false,
                    edit: { changes: { [document.uri.toString()]: fix.edits } }
                });
            }
        }
        return actions;
    }
}

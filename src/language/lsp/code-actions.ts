import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command } from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import type { PlanModelProvider } from '../model/plan-model.js';
import { ruleById } from '../rules/index.js';
import { inLineEnding, lineEndingOf, type LineEnding } from '../syntax/line-endings.js';

/**
 * Quick fixes: every fix the rule registry declares for the diagnostics at
 * hand, safe fixes and suggestions alike. Only a safe fix may be preferred, so
 * an editor's "fix all" never writes a business fact (a suggestion's title
 * says what to check).
 */
export class MplanCodeActionProvider implements CodeActionProvider {
    protected readonly models: PlanModelProvider;

    constructor(services: MplanServices) {
        this.models = services.model.PlanModelProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
        const actions: CodeAction[] = [];
        const eol = lineEndingOf(document.textDocument.getText());
        for (const diagnostic of params.context.diagnostics) {
            const rule = typeof diagnostic.code === 'string' ? ruleById(diagnostic.code) : undefined;
            if (!rule) continue;
            const silence = this.silenceOnLine(document, diagnostic.range.start.line, rule.id, eol);
            if (silence) actions.push({ ...silence, diagnostics: [diagnostic] });
            if (!rule.fix) continue;
            const model = this.models.get(document as LangiumDocument<Document>);
            for (const fix of rule.fix(model, { range: diagnostic.range, data: diagnostic.data as Record<string, unknown> | undefined })) {
                actions.push({
                    title: fix.title,
                    kind: CodeActionKind.QuickFix,
                    diagnostics: [diagnostic],
                    isPreferred: fix.kind === 'safe' && (fix.preferred ?? false),
                    // In the file's own line ending: a CRLF or CR file gets no lone LF.
                    edit: { changes: { [document.uri.toString()]: inLineEnding(fix.edits, eol) } }
                });
            }
        }
        // Fixes first, then the ways to silence.
        return actions.sort((a, b) => Number(a.kind === SILENCE_KIND) - Number(b.kind === SILENCE_KIND));
    }

    /**
     * "Silence this rule on this line": a suppression comment above the line,
     * with the line's indentation and the file's line ending. Not for
     * unused-suppression itself (remove the stale comment instead) nor for
     * syntax errors (fix the text).
     */
    protected silenceOnLine(document: LangiumDocument, line: number, ruleId: string, eol: LineEnding): CodeAction | undefined {
        if (ruleId === 'unused-suppression' || ruleId === 'syntax-error') return undefined;
        const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
        const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
        const start = { line, character: 0 };
        return {
            title: `Silence '${ruleId}' on this line`,
            kind: SILENCE_KIND,
            edit: { changes: { [document.uri.toString()]: [{ range: { start, end: start }, newText: `${indent}// mplan-disable-next-line ${ruleId}${eol}` }] } }
        };
    }
}

/** Silencing is offered as a quick fix too, listed after the real fixes. */
const SILENCE_KIND = CodeActionKind.QuickFix + '.silence';

import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range } from 'vscode-languageserver';
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
 *
 * The findings are the server's own, not what the client sends back: a
 * client may send its diagnostics without their `data` (it declares no
 * `dataSupport`, like Vim's ALE), with a range of its own counting, or none
 * at all (ALE with the cursor on a word), or diagnostics of an older text
 * (eglot). Each diagnostic of the request is matched to the server's finding
 * of the same rule at that place (whose `data` and range the fix reads); a
 * request without one of mplan's findings gets the findings whose range meets
 * the requested range.
 */
export class MplanCodeActionProvider implements CodeActionProvider {
    protected readonly models: PlanModelProvider;

    constructor(services: MplanServices) {
        this.models = services.model.PlanModelProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
        const actions: CodeAction[] = [];
        const eol = lineEndingOf(document.textDocument.getText());
        for (const { sent: diagnostic, own } of this.findingsFor(document, params)) {
            const rule = typeof own.code === 'string' ? ruleById(own.code) : undefined;
            if (!rule) continue;
            const silence = this.silenceOnLine(document, own.range.start.line, rule.id, eol);
            if (silence) actions.push({ ...silence, diagnostics: [diagnostic] });
            if (!rule.fix) continue;
            const model = this.models.get(document as LangiumDocument<Document>);
            for (const fix of rule.fix(model, { range: own.range, data: own.data as Record<string, unknown> | undefined })) {
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
     * The findings a request is about, as the server has them now: each of the request's
     * diagnostics matched to the server's finding of that rule at its range, else on its line, else
     * meeting it or the requested range (a client may send diagnostics of an older version of the
     * text: eglot sent a finding a line below where it now is); a diagnostic the server no longer
     * has is left out. With no diagnostic matched, the server's findings that meet the requested
     * range. `sent` is what the actions name as their diagnostic: what the client sent, so it
     * recognises it, or the server's finding.
     */
    protected findingsFor(document: LangiumDocument, params: CodeActionParams): Array<{ sent: Diagnostic; own: Diagnostic }> {
        const findings = (document.diagnostics ?? []).filter(d => typeof d.code === 'string' && ruleById(d.code));
        const matched: Array<{ sent: Diagnostic; own: Diagnostic }> = [];
        for (const diagnostic of params.context.diagnostics) {
            const same = findings.filter(f => f.code === diagnostic.code);
            const own = same.find(f => sameRange(f.range, diagnostic.range))
                ?? same.find(f => f.range.start.line === diagnostic.range.start.line)
                ?? same.find(f => meets(f.range, diagnostic.range))
                ?? same.find(f => meets(f.range, params.range));
            if (own && !matched.some(m => m.own === own)) matched.push({ sent: diagnostic, own });
        }
        if (matched.length > 0) return matched;
        return findings.filter(f => meets(f.range, params.range)).map(f => ({ sent: f, own: f }));
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

/** Whether two ranges share a position (touching counts: a cursor at the end of a word is on it). */
function meets(a: Range, b: Range): boolean {
    return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(p: Range['start'], q: Range['start']): boolean {
    return p.line < q.line || (p.line === q.line && p.character < q.character);
}

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Silencing is offered as a quick fix too, listed after the real fixes. */
const SILENCE_KIND = CodeActionKind.QuickFix + '.silence';

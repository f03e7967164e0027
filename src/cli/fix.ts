import type { LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Document } from '../language/generated/ast.js';
import type { MplanServices } from '../language/mplan-module.js';
import { ruleById } from '../language/rules/index.js';
import type { Fix } from '../language/rules/rule.js';
import { terminalText } from './formats/stylish.js';
import { inLineEnding, lineEndingOf } from '../language/syntax/line-endings.js';

/** What --fix would change in one file: the new text and the rules whose findings it fixes. */
export interface FileFix {
    document: LangiumDocument<Document>;
    text: string;
    rules: string[];
}

/**
 * What --fix does with one fix a rule offers for a finding:
 * - `apply`: the finding's only fix, and safe: written;
 * - `suggestion`: it writes a business fact, the marketer's to decide: never written;
 * - `choice`: a safe fix among several for the finding: which one is the marketer's call;
 * - `overlap`: the only safe fix, but its edits overlap a fix taken before it: a later round may take it.
 */
export type FixStatus = 'apply' | 'suggestion' | 'choice' | 'overlap';

export interface PlannedFix {
    rule: string;
    /** Where the finding is. */
    range: Range;
    fix: Fix;
    status: FixStatus;
    /** How many fixes the rule offers for the finding. */
    offered: number;
}

/** Every fix offered for the findings of a file, and what --fix would write. */
export interface FixPlan {
    fixes: PlannedFix[];
    /** The text --fix writes, or undefined when it writes nothing. */
    text?: string;
    /** The fixes to apply would make the file parse worse than now: --fix leaves it as it is. */
    refused: boolean;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
    const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character <= q.character);
    return !(before(a.range.end, b.range.start) || before(b.range.end, a.range.start)) || (
        a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
    );
}

function syntaxErrors(services: MplanServices, text: string): number {
    const result = services.parser.LangiumParser.parse(text);
    return result.lexerErrors.length + result.parserErrors.length;
}

/**
 * The fixes offered for a built document's findings and what --fix does with
 * each: a finding's fix is applied when it is the only one the rule offers for
 * it, it is safe (rule.ts `FixKind`: it writes no business fact), and its edits
 * do not overlap an edit already taken. Suggestions are never applied. The
 * result must parse with no more syntax errors than the original, or the file
 * is left as it is.
 */
export function planFixes(services: MplanServices, document: LangiumDocument<Document>): FixPlan {
    const models = services.model.PlanModelProvider;
    const original = document.textDocument.getText();
    // Fixes are written in the file's own line ending: a CRLF or CR file gets no lone LF.
    const eol = lineEndingOf(original);
    const edits: TextEdit[] = [];
    const fixes: PlannedFix[] = [];
    for (const diagnostic of document.diagnostics ?? []) {
        const rule = typeof diagnostic.code === 'string' ? ruleById(diagnostic.code) : undefined;
        if (!rule?.fix) continue;
        const offered = rule.fix(models.get(document), { range: diagnostic.range, data: diagnostic.data as Record<string, unknown> | undefined })
            .map(fix => ({ ...fix, edits: inLineEnding(fix.edits, eol) }));
        for (const fix of offered) {
            let status: FixStatus;
            if (fix.kind !== 'safe') status = 'suggestion';
            else if (offered.length !== 1) status = 'choice';
            else if (fix.edits.some(edit => edits.some(taken => overlaps(edit, taken)))) status = 'overlap';
            else status = 'apply';
            if (status === 'apply') edits.push(...fix.edits);
            fixes.push({ rule: rule.id, range: diagnostic.range, fix, status, offered: offered.length });
        }
    }
    if (edits.length === 0) return { fixes, refused: false };
    const text = TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'mplan', 0, original), edits);
    if (text === original) return { fixes, refused: false };
    if (syntaxErrors(services, text) > syntaxErrors(services, original)) return { fixes, refused: true };
    return { fixes, text, refused: false };
}

/** What --fix writes to a built document, or undefined when it leaves the file as it is (see planFixes). */
export function fixesFor(services: MplanServices, document: LangiumDocument<Document>): FileFix | undefined {
    const plan = planFixes(services, document);
    if (plan.text === undefined) return undefined;
    const rules = new Set(plan.fixes.filter(f => f.status === 'apply').map(f => f.rule));
    return { document, text: plan.text, rules: [...rules].sort() };
}

/** Plan text on one line, quoted: runs of white space as one space. */
function quoted(text: string): string {
    return `'${text.replace(/\s+/g, ' ').trim()}'`;
}

/** What an edit writes, in words: "inserts 'serves ListFirst' at line 66". */
function editText(edit: TextEdit, document: LangiumDocument): string {
    const old = document.textDocument.getText(edit.range);
    const line = edit.range.start.line + 1;
    if (old === '') return `inserts ${quoted(edit.newText)} at line ${line}`;
    if (edit.newText.trim() === '') return `removes ${quoted(old)} at line ${line}`;
    return `replaces ${quoted(old)} with ${quoted(edit.newText)} at line ${line}`;
}

const STATUS_WORDS: Record<FixStatus, (offered: number) => string> = {
    apply: () => '--fix applies',
    suggestion: () => 'suggestion, not applied by --fix',
    choice: offered => `one of ${offered} fixes, not applied by --fix`,
    overlap: () => 'overlaps another fix, left to a later round of --fix'
};

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : /(s|x)$/.test(word) ? 'es' : 's'}`;
}

/**
 * `mplan check --fix-dry-run`: per file (as `shown` names it), every fix
 * offered for its findings, in the order of the findings: place, rule id, what
 * --fix does with it, its title, and the text it would write. Nothing is
 * written. Only the first round of --fix is described: a fix can make room for
 * another.
 */
export function describeFixes(files: Array<{ shown: string; document: LangiumDocument; plan: FixPlan }>): string {
    const blocks: string[] = [];
    let applied = 0, suggestions = 0, changed = 0;
    for (const { shown, document, plan } of files) {
        if (plan.fixes.length === 0) continue;
        const sorted = [...plan.fixes].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const lines: string[] = [];
        for (const planned of sorted) {
            const at = `${shown}:${planned.range.start.line + 1}:${planned.range.start.character + 1}`;
            lines.push(`${at}  ${planned.rule}  ${STATUS_WORDS[planned.status](planned.offered)}: ${planned.fix.title}`);
            for (const edit of planned.fix.edits) lines.push(`    ${editText(edit, document)}`);
            if (planned.status === 'suggestion') suggestions++;
        }
        const applying = plan.fixes.filter(f => f.status === 'apply').length;
        if (plan.refused) lines.push(`    --fix leaves ${shown} as it is: with these fixes it would not parse as well as it does now`);
        else if (plan.text !== undefined) {
            applied += applying;
            changed++;
        }
        blocks.push(lines.map(terminalText).join('\n') + '\n');
    }
    const summary = blocks.length === 0
        ? 'No fixes to offer; nothing was written.'
        : `--fix would apply ${plural(applied, 'fix')} to ${plural(changed, 'file')} and leave ${plural(suggestions, 'suggestion')} for you to decide; nothing was written.`;
    return [...blocks, summary].join('\n') + '\n';
}

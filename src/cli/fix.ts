import type { LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Document } from '../language/generated/ast.js';
import type { MplanServices } from '../language/mplan-module.js';
import { ruleById } from '../language/rules/index.js';

/** What --fix would change in one file: the new text and the rules whose findings it fixes. */
export interface FileFix {
    document: LangiumDocument<Document>;
    text: string;
    rules: string[];
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
 * The unambiguous fixes for a built document: for every finding whose rule
 * offers exactly one fix, that fix's edits, as long as they do not overlap an
 * edit already taken. The result must parse with no more syntax errors than
 * the original, or the file is left as it is.
 */
export function fixesFor(services: MplanServices, document: LangiumDocument<Document>): FileFix | undefined {
    const models = services.model.PlanModelProvider;
    const edits: TextEdit[] = [];
    const rules = new Set<string>();
    for (const diagnostic of document.diagnostics ?? []) {
        const rule = typeof diagnostic.code === 'string' ? ruleById(diagnostic.code) : undefined;
        if (!rule?.fix) continue;
        const fixes = rule.fix(models.get(document), { range: diagnostic.range, data: diagnostic.data as Record<string, unknown> | undefined });
        if (fixes.length !== 1) continue;
        if (fixes[0].edits.some(edit => edits.some(taken => overlaps(edit, taken)))) continue;
        edits.push(...fixes[0].edits);
        rules.add(rule.id);
    }
    if (edits.length === 0) return undefined;
    const original = document.textDocument.getText();
    const text = TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'mplan', 0, original), edits);
    if (text === original || syntaxErrors(services, text) > syntaxErrors(services, original)) return undefined;
    return { document, text, rules: [...rules].sort() };
}

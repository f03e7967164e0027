import { GrammarUtils, type AstNode } from 'langium';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { PlanModel } from '../model/plan-model.js';

/** The block of this file whose name was reported at `range`. */
export function blockNamedAt<T extends AstNode>(blocks: T[], range: Range): T | undefined {
    return blocks.find(block => {
        const name = GrammarUtils.findNodeForProperty(block.$cstNode, 'name');
        return name && samePosition(name.range.start, range.start);
    });
}

function samePosition(a: Position, b: Position): boolean {
    return a.line === b.line && a.character === b.character;
}

function lineIndent(model: PlanModel, line: number): string {
    const text = model.document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return /^[ \t]*/.exec(text)?.[0] ?? '';
}

/**
 * Adds a fact as the first line of a block: on its own line, indented one
 * level deeper than the block, or inline after the brace when the block is
 * written on one line.
 */
export function insertFact(model: PlanModel, block: AstNode, fact: string): TextEdit | undefined {
    const brace = GrammarUtils.findNodeForKeyword(block.$cstNode, '{');
    if (!brace) return undefined;
    const end = brace.range.end;
    const rest = model.document.textDocument.getText({ start: end, end: { line: end.line + 1, character: 0 } });
    if (rest.trim() === '') {
        const indent = lineIndent(model, block.$cstNode!.range.start.line) + '    ';
        return { range: { start: end, end }, newText: `\n${indent}${fact}` };
    }
    return { range: { start: end, end }, newText: ` ${fact}` };
}

/** Adds a block at the end of the file, after a blank line. */
export function appendBlock(model: PlanModel, text: string): TextEdit {
    const document = model.document.textDocument;
    const all = document.getText();
    const end = document.positionAt(all.length);
    const separator = all.length === 0 ? '' : all.endsWith('\n\n') ? '' : all.endsWith('\n') ? '\n' : '\n\n';
    return { range: { start: end, end }, newText: `${separator}${text.endsWith('\n') ? text : text + '\n'}` };
}

/** Adds an import after the file's last import, or at its top. */
export function addImport(model: PlanModel, path: string): TextEdit {
    const imports = model.root.imports ?? [];
    const last = imports[imports.length - 1]?.$cstNode;
    if (last) return { range: { start: last.range.end, end: last.range.end }, newText: `\nimport "${path}"` };
    const start = { line: 0, character: 0 };
    return { range: { start, end: start }, newText: `import "${path}"\n\n` };
}

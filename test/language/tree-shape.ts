/**
 * Trees as a user of them sees them, to hold an incrementally re-parsed
 * document (src/language/syntax/incremental-parse.ts) to a full parse of the
 * same text. Used by the incremental parsing test and its fuzz property.
 */
import { isAstNode, isCompositeCstNode, isLeafCstNode, isReference, type AstNode, type CstNode, type ParseResult } from 'langium';
import { expect } from 'vitest';
import type { Document } from '../../src/language/generated/ast.js';
import { reparseEditedBlock } from '../../src/language/syntax/incremental-parse.js';
import { services } from '../helpers.js';

const parser = services.Mplan.parser.LangiumParser;

/** A full parse of `text`. */
export const parse = (text: string): ParseResult<Document> => parser.parse<Document>(text);

/** Grammar elements by identity, as small numbers, so trees compare without walking the grammar. */
const grammarIds = new Map<object, number>();
const grammarId = (element: object | undefined) => {
    if (!element) return undefined;
    if (!grammarIds.has(element)) grammarIds.set(element, grammarIds.size);
    return grammarIds.get(element);
};

/** Everything a user of the CST can see of a node. */
function cstShape(node: CstNode): unknown {
    const own = (node as { _astNode?: AstNode })._astNode;
    const base = { offset: node.offset, end: node.end, range: node.range, hidden: node.hidden, text: node.text, grammar: grammarId(node.grammarSource), ast: own?.$type };
    if (isCompositeCstNode(node)) {
        for (const child of node.content) expect(child.container).toBe(node);
        return { ...base, content: node.content.map(cstShape) };
    }
    if (isLeafCstNode(node)) return { ...base, token: node.tokenType.name };
    throw new Error('neither a leaf nor a composite node');
}

/** Everything a user of the AST can see of a node: values, references by text, containment, its CST span. */
function astShape(node: AstNode): unknown {
    const shape: Record<string, unknown> = {
        $type: node.$type, $containerProperty: node.$containerProperty, $containerIndex: node.$containerIndex,
        span: node.$cstNode && [node.$cstNode.offset, node.$cstNode.end], cstOwner: node.$cstNode?.astNode === node
    };
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        const one = (v: unknown): unknown => {
            if (isReference(v)) return { ref: v.$refText, at: [v.$refNode?.offset, v.$refNode?.end] };
            if (isAstNode(v)) {
                expect(v.$container).toBe(node);
                return astShape(v);
            }
            return v;
        };
        shape[key] = Array.isArray(value) ? value.map(one) : one(value);
    }
    return shape;
}

export function shapeOf(result: ParseResult<Document>): unknown {
    const cst = result.value.$cstNode!;
    return { text: cst.root.fullText, cst: cstShape(cst), ast: astShape(result.value) };
}

/** Re-parses `result` (parsed from its own text) for `text`; when it does, holds it to a full parse. */
export function reparse(result: ParseResult<Document>, text: string): boolean {
    const done = reparseEditedBlock(parser, result, text);
    if (done) expect(shapeOf(result)).toEqual(shapeOf(parse(text)));
    return done;
}


import type { AstNode, LangiumDocument } from 'langium';

/**
 * The blocks of a file whose text holds a syntax error. The parser's error
 * recovery skips words to find its footing again, so a block with an error
 * may lose facts that are written in it (`by 2027-06-30` after a misspelled
 * `target at lest 40`): rules that report a missing fact do not judge such a
 * block (rules/engine.ts), and the syntax error is what the author sees.
 *
 * A block "holds" an error when the error lies between its first character
 * and the start of the next top-level block: recovery may have ended the
 * block early, leaving the rest of its text outside any block.
 */
const damaged = new WeakMap<object, ReadonlySet<AstNode>>();

export function blocksWithSyntaxErrors(document: LangiumDocument): ReadonlySet<AstNode> {
    const result = document.parseResult;
    let blocks = damaged.get(result);
    if (blocks) return blocks;
    const found = new Set<AstNode>();
    if (result.lexerErrors.length > 0 || result.parserErrors.length > 0) {
        const length = document.textDocument.getText().length;
        const offsets: number[] = [];
        for (const error of result.lexerErrors) offsets.push(Number.isFinite(error.offset) && error.offset >= 0 ? error.offset : length);
        for (const error of result.parserErrors) {
            // An error at the end of the file (its token has no offset) belongs to the block left open there.
            const offset = error.token.startOffset;
            offsets.push(Number.isFinite(offset) && offset >= 0 ? offset : length);
        }
        const root = result.value as AstNode & { elements?: AstNode[] };
        const starts = (root.elements ?? []).map(element => ({ element, offset: element.$cstNode?.offset ?? Number.POSITIVE_INFINITY }));
        for (const offset of offsets) {
            const block = lastStartingAtOrBefore(starts, offset);
            if (block) found.add(block);
        }
    }
    blocks = found;
    damaged.set(result, blocks);
    return blocks;
}

/** The last block that starts at or before an offset (blocks are in text order). */
function lastStartingAtOrBefore(starts: Array<{ element: AstNode; offset: number }>, offset: number): AstNode | undefined {
    let low = 0, high = starts.length - 1, best: AstNode | undefined;
    while (low <= high) {
        const middle = (low + high) >> 1;
        if (starts[middle].offset <= offset) {
            best = starts[middle].element;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return best;
}

/** Whether a node lies in a top-level block whose text holds a syntax error. */
export function inBlockWithSyntaxError(node: AstNode): boolean {
    let block: AstNode = node;
    while (block.$container && block.$container.$container) block = block.$container;
    const document = (block.$container as { $document?: LangiumDocument } | undefined)?.$document;
    return document !== undefined && blocksWithSyntaxErrors(document).has(block);
}

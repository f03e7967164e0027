import { GrammarAST, isCompositeCstNode, type CompositeCstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Position, SelectionRange } from 'vscode-languageserver';

/** One fact of a block: where it is in the grammar's `( … | … )*` list of facts. */
interface FactPart {
    /** The repeated list (`( … | … )*`) this token or group belongs to. */
    list: GrammarAST.AbstractElement;
    /** Which of the list's alternatives. */
    alternative: GrammarAST.AbstractElement;
    /** Whether it opens a fact (the `budget` of `budget 10_000 USD`). */
    opens: boolean;
}

/**
 * Selection ranges ("expand selection"): from the word under the cursor out
 * to the fact, the block and the file. Each step strictly contains the one
 * before:
 *
 *   the text inside quotes → the token → its value (`10_000 USD`,
 *   `from 2027-02-01 to 2027-06-30`) → the fact (`budget 10_000 USD`) → a
 *   nested group (`habits { … }`, `results { … }`) → the block → the file.
 *
 * A fact is one pass through the list of facts its block allows, as the
 * grammar says (so `staff Ann 50%, Raj 100% from marketing` is one fact,
 * and two `benefit` lines are two). Langium has no such service; the
 * language server registers this one itself. The work per position is the
 * depth of the tree times a binary search, whatever the size of the file,
 * and broken input gives shorter chains, never an error.
 */
export class MplanSelectionRangeProvider {
    private readonly facts = new Map<GrammarAST.AbstractElement, FactPart | null>();

    getSelectionRanges(document: LangiumDocument, positions: Position[]): SelectionRange[] {
        const text = document.textDocument.getText();
        return positions.map(position => {
            let spans: Array<[number, number]>;
            try {
                spans = this.spans(document, document.textDocument.offsetAt(position));
            } catch {
                spans = [];
            }
            spans.push([0, text.length]);
            return this.chain(document, spans, document.textDocument.offsetAt(position));
        });
    }

    /** The spans (start and end offsets) around an offset, innermost first, not yet checked for growth. */
    protected spans(document: LangiumDocument, offset: number): Array<[number, number]> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root || !isCompositeCstNode(root)) return [];
        const path = pathAt(root, offset);
        const spans: Array<[number, number]> = [];
        const innermost = path[path.length - 1];
        if (innermost && !isCompositeCstNode(innermost) && /^"/.test(innermost.text) && innermost.length > 2
            && offset > innermost.offset && offset < innermost.end) {
            spans.push([innermost.offset + 1, innermost.end - 1]);
        }
        for (let i = path.length - 1; i >= 0; i--) {
            const node = path[i];
            spans.push([node.offset, node.end]);
            const parent = path[i - 1];
            if (parent && isCompositeCstNode(parent)) {
                const fact = this.factAround(parent, node);
                if (fact) spans.push(fact);
            }
        }
        return spans;
    }

    /** The fact of `parent` that `child` is part of, as offsets; undefined when `child` is in no list of facts. */
    protected factAround(parent: CompositeCstNode, child: CstNode): [number, number] | undefined {
        const content = parent.content;
        const index = indexOf(parent, child);
        const part = this.partOf(child);
        if (index < 0 || !part) return undefined;
        // Back to the token that opens this fact...
        let first = index;
        let current = part;
        while (!current.opens) {
            const previous = previousVisible(content, first);
            if (previous < 0) break;
            const before = this.partOf(content[previous]);
            if (!before || before.list !== part.list || before.alternative !== part.alternative) break;
            first = previous;
            current = before;
        }
        // ...and on to the last token before the next fact opens.
        let last = index;
        for (let next = nextVisible(content, last); next >= 0; next = nextVisible(content, next)) {
            const after = this.partOf(content[next]);
            if (!after || after.opens || after.list !== part.list || after.alternative !== part.alternative) break;
            last = next;
        }
        return [content[first].offset, content[last].end];
    }

    /** Where a token or group stands in its block's list of facts (worked out once per grammar element). */
    protected partOf(node: CstNode): FactPart | undefined {
        const source = node.hidden ? undefined : node.grammarSource;
        if (!source) return undefined;
        let part = this.facts.get(source);
        if (part === undefined) {
            part = factPart(source);
            this.facts.set(source, part);
        }
        return part ?? undefined;
    }

    /** Links the spans into a chain in which each range strictly contains the one before. */
    protected chain(document: LangiumDocument, spans: Array<[number, number]>, offset: number): SelectionRange {
        const kept: Array<[number, number]> = [];
        for (const [start, end] of spans) {
            const inner = kept[kept.length - 1];
            if (start > offset || end < offset) continue;
            if (inner && !(start <= inner[0] && end >= inner[1] && (start < inner[0] || end > inner[1]))) continue;
            kept.push([start, end]);
        }
        let range: SelectionRange | undefined;
        for (let i = kept.length - 1; i >= 0; i--) {
            const [start, end] = kept[i];
            range = { range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) }, parent: range };
        }
        return range!;
    }
}

/**
 * The nodes from the root down to the token at `offset`: or, between tokens,
 * down to the innermost group that holds the offset. A cursor just after a
 * word (`seo|`) counts as on it.
 */
function pathAt(root: CompositeCstNode, offset: number): CstNode[] {
    const path: CstNode[] = [root];
    let node: CstNode = root;
    while (isCompositeCstNode(node)) {
        const child = childAt(node, offset) ?? (offset > 0 ? childAt(node, offset - 1, true) : undefined);
        if (!child) break;
        path.push(child);
        node = child;
    }
    return path;
}

/** The child of `node` whose text holds `offset` (by binary search: the children are in order). */
function childAt(node: CompositeCstNode, offset: number, endingThere = false): CstNode | undefined {
    const content = node.content;
    let low = 0;
    let high = content.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const child = content[middle];
        if (child.offset <= offset && offset < child.end) {
            // Just after a word: only a token that ends at the cursor, not punctuation or a group around it.
            if (endingThere && (child.end !== offset + 1 || !/\w$/.test(child.text))) return undefined;
            return child;
        }
        if (child.end <= offset) low = middle + 1;
        else high = middle - 1;
    }
    return undefined;
}

function indexOf(parent: CompositeCstNode, child: CstNode): number {
    const content = parent.content;
    let low = 0;
    let high = content.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        if (content[middle] === child) return middle;
        if (content[middle].offset < child.offset || (content[middle].offset === child.offset && content[middle].end < child.end)) low = middle + 1;
        else high = middle - 1;
    }
    return content.indexOf(child);
}

function previousVisible(content: readonly CstNode[], index: number): number {
    for (let i = index - 1; i >= 0; i--) if (!content[i].hidden) return i;
    return -1;
}

function nextVisible(content: readonly CstNode[], index: number): number {
    for (let i = index + 1; i < content.length; i++) if (!content[i].hidden) return i;
    return -1;
}

/**
 * Where a grammar element stands in the outermost repeated list of its rule:
 * the list (`( … | … )*`), the alternative, and whether the element is the
 * first of that alternative. Null when it is in no repeated list.
 */
function factPart(source: GrammarAST.AbstractElement): FactPart | null {
    // The chain of grammar elements from the source up to its rule.
    const chain: GrammarAST.AbstractElement[] = [];
    for (let element: unknown = source; GrammarAST.isAbstractElement(element); element = element.$container) {
        chain.push(element);
    }
    // The outermost repeated element.
    let listIndex = -1;
    for (let i = chain.length - 1; i >= 0; i--) {
        if (chain[i].cardinality === '*' || chain[i].cardinality === '+') {
            listIndex = i;
            break;
        }
    }
    if (listIndex < 0) return null;
    const list = chain[listIndex];
    if (GrammarAST.isAlternatives(list) && listIndex > 0) {
        const alternative = chain[listIndex - 1];
        const opens = !GrammarAST.isGroup(alternative) || chain.slice(0, listIndex - 1).includes(alternative.elements[0]);
        return { list, alternative, opens };
    }
    if (GrammarAST.isGroup(list) && listIndex > 0) {
        return { list, alternative: list, opens: chain.slice(0, listIndex).includes(list.elements[0]) };
    }
    // A single repeated element (`(imports+=Import)*`): each one is a fact of its own.
    return { list, alternative: list, opens: true };
}

import type { IToken } from 'chevrotain';
import { CstNodeBuilder, type CompositeCstNode, type CstNode, type LangiumParser } from 'langium';

/**
 * Langium 4.4 places comments (hidden tokens) into the CST in two steps that
 * do not scale, and this module replaces both with linear versions that build
 * the same tree:
 *
 * - `LangiumParser.extractHiddenTokens` takes the comments before each token
 *   by splicing them off the front of the text's array of hidden tokens: every
 *   splice moves all the comments after them, so a plan with a comment per
 *   block is quadratic in its comments (40,000 blocks: 5 s instead of 1.5 s).
 *   Here a cursor walks the array once; after the parse the comments taken are
 *   cut off in one splice, so that what Langium then adds as trailing comments
 *   is the same rest as before.
 * - `CstNodeBuilder` adds those comments with `push(...nodes)` and
 *   `splice(index, 0, ...nodes)`, one call argument per comment: about
 *   120,000 comment lines in a row overflow the stack, and the file gets no
 *   tree and no diagnostic. Here they are copied in a loop, and the node they
 *   go before is looked for from the end of its parent (where it nearly always
 *   is), not from the start.
 *
 * The order, the parents and the positions of the nodes are those Langium
 * gives (test/language/linear-hidden-nodes.test.ts compares the two trees).
 * If Langium's parser ever lacks these members, it is left as it is.
 */
export function withLinearHiddenNodes(parser: LangiumParser): LangiumParser {
    const inside = parser as unknown as LangiumParserInside;
    if (!('nodeBuilder' in inside) || typeof inside.extractHiddenTokens !== 'function' || typeof inside.doParse !== 'function') return parser;
    inside.nodeBuilder = new LinearCstNodeBuilder();
    let hidden: IToken[] | undefined;
    let taken = 0;
    inside.extractHiddenTokens = function (this: LangiumParserInside, token: IToken): IToken[] {
        const all = this.lexerResult?.hidden;
        if (!all || all.length === 0) return [];
        if (all !== hidden) {
            hidden = all;
            taken = 0;
        }
        const start = taken;
        const offset = token.startOffset;
        while (taken < all.length && all[taken].startOffset <= offset) taken++;
        return start === taken ? [] : all.slice(start, taken);
    };
    const doParse = inside.doParse;
    inside.doParse = function (this: LangiumParserInside, rule: unknown): unknown {
        try {
            return doParse.call(this, rule);
        } finally {
            // Langium adds what is left in the array as the trailing comments.
            if (hidden && hidden === this.lexerResult?.hidden && taken > 0) hidden.splice(0, taken);
            hidden = undefined;
            taken = 0;
        }
    };
    return parser;
}

/** The members of Langium's parser this module replaces (private in its types). */
interface LangiumParserInside {
    nodeBuilder: CstNodeBuilder;
    lexerResult?: { hidden: IToken[] };
    extractHiddenTokens(token: IToken): IToken[];
    doParse(rule: unknown): unknown;
}

/** Langium's CST builder, adding any number of nodes without spreading them into one call. */
export class LinearCstNodeBuilder extends CstNodeBuilder {

    override appendChildren(parent: CompositeCstNode, children: CstNode[]): void {
        for (const child of children) {
            (child as { container?: CompositeCstNode }).container = parent;
        }
        if (parent.content.length === 0) {
            // As Langium: a copy has exactly the capacity it needs.
            (parent as unknown as { content: CstNode[] }).content = children.slice();
        } else {
            const content = parent.content as CstNode[];
            for (const child of children) content.push(child);
        }
    }

    override insertChildren(parent: CompositeCstNode, index: number, children: CstNode[]): void {
        for (const child of children) {
            (child as { container?: CompositeCstNode }).container = parent;
        }
        const content = parent.content as CstNode[];
        const count = children.length;
        if (count === 0) return;
        const oldLength = content.length;
        for (let i = 0; i < count; i++) content.push(children[0]);
        for (let i = oldLength - 1; i >= index; i--) content[i + count] = content[i];
        for (let i = 0; i < count; i++) content[index + i] = children[i];
    }

    override removeNode(node: CstNode): void {
        const parent = node.container;
        if (!parent) return;
        const index = parent.content.lastIndexOf(node);
        if (index >= 0) (parent.content as CstNode[]).splice(index, 1);
    }

    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length === 0) return;
        const nodes: CstNode[] = new Array(tokens.length);
        for (let i = 0; i < tokens.length; i++) {
            nodes[i] = this.createLeafNode(tokens[i], true);
        }
        let current: CompositeCstNode = this.current;
        // Within a node that has content, the comments follow it.
        if (current.content.length > 0) {
            this.appendChildren(current, nodes);
            return;
        }
        // A node just opened: the comments go before the first ancestor that is not its parent's first child.
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) {
                this.insertChildren(current.container, index, nodes);
                return;
            }
            current = current.container;
        }
        // The first nodes of the tree.
        this.insertChildren((this as unknown as { rootNode: CompositeCstNode }).rootNode, 0, nodes);
    }
}

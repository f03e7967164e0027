import { Cancellation, DefaultLinker, interruptAndCheck, isAstNode, isMultiReference, isReference, type AstNode, type LangiumDocument } from 'langium';

/**
 * Langium's linker, with its walk over the tree done by plain loops. Langium
 * walks every node with `streamAst` and every node's properties with
 * `streamReferences`, lazy streams whose iterator objects cost more than the
 * linking itself (about three quarters of the link phase on a large plan).
 * The references are linked in the same order (a node's own, then its
 * children's, depth first) and each by Langium's `doLink`; the build can still
 * be cancelled between top-level blocks.
 */
export class MplanLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const root = document.parseResult.value as AstNode & { elements?: AstNode[] };
        this.linkOwn(root, document);
        for (const key of Object.keys(root)) {
            if (key.charCodeAt(0) === DOLLAR) continue;
            const value = (root as unknown as Record<string, unknown>)[key];
            const children = Array.isArray(value) ? value : [value];
            for (const child of children) {
                if (!isAstNode(child)) continue;
                if (cancelToken !== Cancellation.CancellationToken.None) await interruptAndCheck(cancelToken);
                this.linkTree(child, document);
            }
        }
    }

    /** Links the references of `node` and of everything it contains. */
    protected linkTree(node: AstNode, document: LangiumDocument): void {
        this.linkOwn(node, document);
        const values = node as unknown as Record<string, unknown>;
        for (const key in values) {
            if (key.charCodeAt(0) === DOLLAR) continue;
            const value = values[key];
            if (Array.isArray(value)) {
                for (let i = 0; i < value.length; i++) if (isAstNode(value[i])) this.linkTree(value[i], document);
            } else if (isAstNode(value)) {
                this.linkTree(value, document);
            }
        }
    }

    /** Links the references held by `node` itself (as `streamReferences` lists them). */
    protected linkOwn(node: AstNode, document: LangiumDocument): void {
        const values = node as unknown as Record<string, unknown>;
        for (const property in values) {
            if (property.charCodeAt(0) === DOLLAR) continue;
            const value = values[property];
            if (isReference(value) || isMultiReference(value)) {
                this.doLink({ reference: value, container: node, property }, document);
            } else if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const element = value[index];
                    if (isReference(element) || isMultiReference(element)) this.doLink({ reference: element, container: node, property, index }, document);
                }
            }
        }
    }
}

const DOLLAR = '$'.charCodeAt(0);

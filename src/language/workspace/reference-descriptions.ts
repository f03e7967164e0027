import { AstUtils, DefaultReferenceDescriptionProvider, type LangiumDocument, type ReferenceDescription } from 'langium';

/**
 * Langium's descriptions of a document's resolved references (what find
 * references and rename read), computed in one synchronous walk: the index
 * manager computes them on demand (`MplanIndexManager.findAllReferences`), not
 * in every build. Langium's own method awaits once per AST node.
 */
export class MplanReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    describeNow(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            for (const info of AstUtils.streamReferences(node)) {
                if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
            }
        }
        return descriptions;
    }
}

import { CstUtils, type LangiumDocument } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import type { Document, Import } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import type { ImportResolver } from '../scoping/imports.js';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Go to definition, and from an `import "path"` to the file it names. */
export class MplanDefinitionProvider extends DefaultDefinitionProvider {
    protected readonly imports: ImportResolver;

    constructor(services: MplanServices) {
        super(services);
        this.imports = services.references.ImportResolver;
    }

    override getDefinition(document: LangiumDocument, params: DefinitionParams): ReturnType<DefaultDefinitionProvider['getDefinition']> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        const node = leaf?.astNode as Import | undefined;
        if (leaf && node?.$type === 'Import' && leaf.text.startsWith('"')) {
            const target = this.imports.resolveImports(document as LangiumDocument<Document>).find(imp => imp.node === node)?.document;
            if (!target) return [];
            return [{ originSelectionRange: leaf.range, targetUri: target.uri.toString(), targetRange: START, targetSelectionRange: START } satisfies LocationLink];
        }
        return super.getDefinition(document, params);
    }
}

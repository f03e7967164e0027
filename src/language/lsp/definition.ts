import { CstUtils, type LangiumDocument } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import type { DefinitionParams, Location, LocationLink } from 'vscode-languageserver';
import type { Document, Import } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import type { ImportResolver } from '../scoping/imports.js';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Go to definition, and from an `import "path"` to the file it names. Location links go only to
 * clients that declare `linkSupport`; the others (Vim's ALE) get locations whose range is the
 * name of the block, where the cursor should land (ALE jumped to a link's `targetRange`, the
 * start of the whole block).
 */
export class MplanDefinitionProvider extends DefaultDefinitionProvider {
    protected readonly imports: ImportResolver;
    /** Whether the client takes LocationLinks (`textDocument.definition.linkSupport`); read at initialize. */
    protected links = true;

    constructor(services: MplanServices) {
        super(services);
        this.imports = services.references.ImportResolver;
        services.shared.lsp.LanguageServer.onInitialize(params => {
            this.links = params.capabilities.textDocument?.definition?.linkSupport === true;
        });
    }

    override async getDefinition(document: LangiumDocument, params: DefinitionParams): Promise<LocationLink[] | undefined> {
        const links = await this.definitionLinks(document, params);
        if (!links || this.links) return links;
        const locations: Location[] = links.map(link => ({ uri: link.targetUri, range: link.targetSelectionRange }));
        // Langium's type knows only links; LSP's answer (and the connection) takes either.
        return locations as unknown as LocationLink[];
    }

    protected async definitionLinks(document: LangiumDocument, params: DefinitionParams): Promise<LocationLink[] | undefined> {
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

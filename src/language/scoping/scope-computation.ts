import { type AstNodeDescription, type AstNodeDescriptionProvider, type LangiumDocument, type LocalSymbols, MultiMap, type NameProvider } from 'langium';
import type { MplanServices } from '../mplan-module.js';
import type { Document } from '../generated/ast.js';

/**
 * Every named block of a file (plan, product, segment, competitor, strategy,
 * tactic, campaign, and named research, funnel or offer blocks) is exported;
 * nothing is local, since references only ever name top-level blocks. This
 * walks the top level of the file only, never the whole tree.
 */
export class MplanScopeComputation {
    protected readonly nameProvider: NameProvider;
    protected readonly descriptions: AstNodeDescriptionProvider;

    constructor(services: MplanServices) {
        this.nameProvider = services.references.NameProvider;
        this.descriptions = services.workspace.AstNodeDescriptionProvider;
    }

    async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value as Document;
        const exports: AstNodeDescription[] = [];
        for (const element of root.elements ?? []) {
            const name = this.nameProvider.getName(element);
            if (name) exports.push(this.descriptions.createDescription(element, name, document));
        }
        return exports;
    }

    async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<never, AstNodeDescription>();
    }
}

import { DefaultIndexManager, type LangiumDocument } from 'langium';
import type { Document } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';

/**
 * A file is affected by a change not only when it links to the changed file
 * (Langium's rule) but whenever the changed file is in its import closure,
 * since plan-wide rules read every imported file, referenced or not (an offer
 * in a library decides `missing-guarantee` for the plan that imports it); and
 * a library is affected when a plan that imports it changes, since its blocks
 * are judged in that plan's context (a segment the plan's strategy targets).
 */
export class MplanIndexManager extends DefaultIndexManager {
    /**
     * The index of references serves find-references, rename and the
     * re-linking of dependents while editing; a one-shot check (the CLI)
     * needs none of it and turns it off to save time. Diagnostics never
     * depend on it.
     */
    indexReferences = true;

    override async updateReferences(document: LangiumDocument, cancelToken?: Parameters<DefaultIndexManager['updateReferences']>[1]): Promise<void> {
        if (this.indexReferences) await super.updateReferences(document, cancelToken);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.isAffected(document, changedUris)) return true;
        const services = this.serviceRegistry.getServices(document.uri) as MplanServices;
        const imports = services.references.ImportResolver;
        const doc = document as LangiumDocument<Document>;
        // A file it imports changed, or an import that did not resolve may now...
        if (imports.closure(doc).some(file => changedUris.has(file.uri.toString()))) return true;
        if (imports.resolveImports(doc).some(imp => changedUris.has(imp.uri.toString()))) return true;
        // ...or a plan that imports it changed: its blocks are judged in that plan's context (PlanModel.reach).
        return imports.importers(doc).some(plan => changedUris.has(plan.uri.toString()));
    }
}

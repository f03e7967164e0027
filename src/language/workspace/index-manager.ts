import { DefaultIndexManager, type AstNode, type LangiumDocument, type ReferenceDescription, type Stream, type URI } from 'langium';
import type { Document } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import type { MplanReferenceDescriptionProvider } from './reference-descriptions.js';

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
     * The index of references serves find-references and rename; a one-shot
     * check (the CLI) needs none of it and turns it off. Diagnostics never
     * depend on it, and neither does which files a change affects (see
     * `isAffected`).
     */
    indexReferences = true;

    /**
     * Documents linked since their references were last described. Describing
     * them is a walk of every reference (about 8 ms at 10,000 lines, 75 ms at
     * 100,000), needed only when someone asks for references, so it is done
     * then rather than after every keystroke.
     */
    protected readonly pendingReferences = new Map<string, LangiumDocument>();

    override async updateReferences(document: LangiumDocument): Promise<void> {
        if (!this.indexReferences) return;
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.pendingReferences.set(uri, document);
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.pendingReferences.delete(uri.toString());
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        this.describePendingReferences();
        return super.findAllReferences(targetNode, astNodePath);
    }

    protected describePendingReferences(): void {
        for (const [uri, document] of this.pendingReferences) {
            const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider as MplanReferenceDescriptionProvider;
            this.referenceIndex.set(uri, provider.describeNow(document));
        }
        this.pendingReferences.clear();
    }

    /**
     * Langium's rule (the document links to a changed one) reads the index of
     * references; it is not needed: a reference resolves only within its own
     * file and its import closure (`scoping/scope-provider.ts`), which is
     * checked here.
     */
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
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

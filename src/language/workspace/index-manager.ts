import { DefaultIndexManager, type LangiumDocument } from 'langium';
import type { Document } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';

/**
 * A file is affected by a change not only when it links to the changed file
 * (Langium's rule) but whenever the changed file is in its import closure:
 * plan-wide rules read every imported file, referenced or not (an offer in a
 * library decides `missing-guarantee` for the plan that imports it).
 */
export class MplanIndexManager extends DefaultIndexManager {
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.isAffected(document, changedUris)) return true;
        const services = this.serviceRegistry.getServices(document.uri) as MplanServices;
        const imports = services.references.ImportResolver;
        // The closure of the file as it was linked: cheap, cached per build.
        return imports.closure(document as LangiumDocument<Document>).some(file => changedUris.has(file.uri.toString()))
            || imports.resolveImports(document as LangiumDocument<Document>).some(imp => changedUris.has(imp.uri.toString()));
    }
}

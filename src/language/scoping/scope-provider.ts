import {
    AstUtils, DocumentCache, DocumentState, type AstNodeDescription, type AstReflection, type IndexManager, type LangiumDocument,
    type ReferenceInfo, type Scope, type Stream, stream, WorkspaceCache, EMPTY_STREAM
} from 'langium';
import type { MplanServices } from '../mplan-module.js';
import type { Document } from '../generated/ast.js';
import type { ImportResolver } from './imports.js';

/**
 * A reference sees the blocks of its own file, then those of every file the
 * file imports (transitively). Each file's blocks are indexed by type and name
 * once per change of that file, so resolving a reference costs one map lookup
 * per file in the import closure instead of a scan of every symbol (Langium's
 * default, which makes linking quadratic in plan size).
 */
export class MplanScopeProvider {
    protected readonly reflection: AstReflection;
    protected readonly indexManager: IndexManager;
    protected readonly imports: ImportResolver;
    /** Per file: type -> name -> declarations of that name in that file. */
    protected readonly fileIndex: DocumentCache<string, Map<string, AstNodeDescription[]>>;
    /** Per file and reference type: the scope over its import closure. */
    protected readonly scopes: WorkspaceCache<string, ImportClosureScope>;

    constructor(services: MplanServices) {
        this.reflection = services.shared.AstReflection;
        this.indexManager = services.shared.workspace.IndexManager;
        this.imports = services.references.ImportResolver;
        this.fileIndex = new DocumentCache(services.shared, DocumentState.IndexedContent);
        this.scopes = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    getScope(context: ReferenceInfo): Scope {
        const type = this.reflection.getReferenceType(context);
        const document = AstUtils.getDocument(context.container) as LangiumDocument<Document>;
        return this.getScopeForType(document, type);
    }

    /** The scope of all blocks of `type` visible from `document`. */
    getScopeForType(document: LangiumDocument<Document>, type: string): ImportClosureScope {
        return this.scopes.get(`${document.uri.toString()}\u0000${type}`, () =>
            new ImportClosureScope(this.imports.closure(document).map(doc => this.namesOf(doc, type))));
    }

    /** The blocks of one type declared in one file, by name. */
    namesOf(document: LangiumDocument, type: string): Map<string, AstNodeDescription[]> {
        return this.fileIndex.get(document.uri, type, () => {
            const byName = new Map<string, AstNodeDescription[]>();
            for (const description of this.indexManager.allElements(type, new Set([document.uri.toString()]))) {
                const list = byName.get(description.name);
                if (list) list.push(description); else byName.set(description.name, [description]);
            }
            return byName;
        });
    }
}

/** A scope made of one name index per file, nearest file first. */
export class ImportClosureScope implements Scope {
    constructor(readonly files: Array<Map<string, AstNodeDescription[]>>) {}

    getElement(name: string): AstNodeDescription | undefined {
        for (const file of this.files) {
            const found = file.get(name);
            if (found) return found[0];
        }
        return undefined;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const found = this.named(name);
        return found.length ? stream(found) : EMPTY_STREAM;
    }

    /** Every visible block called `name`, nearest file first, as a plain array. */
    named(name: string): AstNodeDescription[] {
        let found: AstNodeDescription[] | undefined;
        for (const file of this.files) {
            const list = file.get(name);
            if (list) found = found ? found.concat(list) : list;
        }
        return found ?? [];
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.files).flatMap(file => stream(file.values()).flatMap(list => list));
    }
}

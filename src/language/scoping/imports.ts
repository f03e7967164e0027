import { DocumentState, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { MplanServices } from '../mplan-module.js';
import type { Document, Import } from '../generated/ast.js';

/** The file extension of plan files; imports of anything else are refused. */
export const PLAN_FILE_EXTENSION = '.mplan';

/** One import of a document, resolved to where it points. */
export interface ResolvedImport {
    node: Import;
    uri: URI;
    /** The loaded document, when the file exists and is a plan file. */
    document?: LangiumDocument<Document>;
    /** Why it does not resolve: not a plan file, or not found. */
    problem?: 'not-a-plan-file' | 'not-found';
}

/**
 * Resolves `import "path.mplan"` relative to the importing file and computes
 * the import closure of a document: the document itself followed by every file
 * it imports, transitively, each once, in breadth-first order. Cycles are cut
 * by the visited set, so nothing here can loop.
 */
export class ImportResolver {
    protected readonly documents: LangiumDocuments;
    protected readonly closures: WorkspaceCache<string, Array<LangiumDocument<Document>>>;
    /** File -> the plans whose closure holds it, computed once per build for the whole workspace. */
    protected readonly importersCache: WorkspaceCache<'all', Map<string, Array<LangiumDocument<Document>>>>;

    constructor(services: MplanServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.closures = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
        this.importersCache = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    /**
     * The plan files (files with a plan block) that import `document`,
     * directly or through other files; empty for a plan file itself.
     */
    importers(document: LangiumDocument<Document>): Array<LangiumDocument<Document>> {
        const map = this.importersCache.get('all', () => {
            const result = new Map<string, Array<LangiumDocument<Document>>>();
            for (const candidate of this.documents.all) {
                const plan = candidate as LangiumDocument<Document>;
                if (!plan.parseResult?.value?.elements?.some(e => e.$type === 'Plan')) continue;
                for (const file of this.closure(plan).slice(1)) {
                    const key = file.uri.toString();
                    const list = result.get(key);
                    if (list) list.push(plan); else result.set(key, [plan]);
                }
            }
            return result;
        });
        return map.get(document.uri.toString()) ?? [];
    }

    /** Where an import points, as a URI. */
    resolveUri(from: URI, path: string): URI {
        return UriUtils.resolvePath(UriUtils.dirname(from), path);
    }

    resolveImports(document: LangiumDocument<Document>): ResolvedImport[] {
        const root = document.parseResult.value;
        return (root.imports ?? []).filter(imp => typeof imp.path === 'string').map(imp => {
            const uri = this.resolveUri(document.uri, imp.path);
            if (!uri.path.endsWith(PLAN_FILE_EXTENSION)) {
                return { node: imp, uri, problem: 'not-a-plan-file' as const };
            }
            const target = this.documents.getDocument(uri) as LangiumDocument<Document> | undefined;
            return target ? { node: imp, uri, document: target } : { node: imp, uri, problem: 'not-found' as const };
        });
    }

    /** The document and every document it imports, transitively; the document comes first. */
    closure(document: LangiumDocument<Document>): Array<LangiumDocument<Document>> {
        return this.closures.get(document.uri.toString(), () => {
            const seen = new Set<string>([document.uri.toString()]);
            const result = [document];
            for (let i = 0; i < result.length; i++) {
                for (const imp of this.resolveImports(result[i])) {
                    const key = imp.uri.toString();
                    if (imp.document && !seen.has(key)) {
                        seen.add(key);
                        result.push(imp.document);
                    }
                }
            }
            return result;
        });
    }

    /**
     * The chain of files by which `document` imports itself, starting at the
     * given import, or undefined when that import leads to no cycle.
     */
    cycleThrough(document: LangiumDocument<Document>, start: ResolvedImport): URI[] | undefined {
        if (!start.document) return undefined;
        const target = document.uri.toString();
        // For each file reached: its URI and the file it was reached from.
        const reached = new Map<string, { uri: URI; from?: string }>([[start.uri.toString(), { uri: start.document.uri }]]);
        const queue = [start.document];
        for (let i = 0; i < queue.length; i++) {
            const currentKey = queue[i].uri.toString();
            if (currentKey === target) {
                const chain: URI[] = [];
                for (let key: string | undefined = currentKey; key !== undefined; key = reached.get(key)?.from) {
                    chain.unshift(reached.get(key)!.uri);
                }
                return [document.uri, ...chain];
            }
            for (const imp of this.resolveImports(queue[i])) {
                const key = imp.uri.toString();
                if (imp.document && !reached.has(key)) {
                    reached.set(key, { uri: imp.document.uri, from: currentKey });
                    queue.push(imp.document);
                }
            }
        }
        return undefined;
    }
}

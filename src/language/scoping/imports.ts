import { DocumentState, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { MplanServices } from '../mplan-module.js';
import type { Document, Import } from '../generated/ast.js';

/** The file extension of plan files; imports of anything else are refused. */
export const PLAN_FILE_EXTENSION = '.mplan';

/**
 * Why an import is not followed:
 * - `not-a-plan-file`: it names a file that does not end in .mplan;
 * - `not-relative`: an absolute path (`/etc/x.mplan`, `C:/x.mplan`), a URI,
 *   or a path with backslashes (Windows would read them as folder breaks the
 *   root check cannot see);
 * - `outside-root`: it leads out of the project's folder (`../../x.mplan`);
 * - `unsaved`: the importing document is not a file (an editor's untitled
 *   document), so it has no folder to import from;
 * - `unreadable`: the file is there but could not be read (`reason` says why);
 * - `not-found`: no such file.
 * Only a `not-found` import is ever read from disk (by the loader); the others
 * are refused before any reading.
 */
export type ImportProblem = 'not-a-plan-file' | 'not-relative' | 'outside-root' | 'unsaved' | 'unreadable' | 'not-found';

/** One import of a document, resolved to where it points. */
export interface ResolvedImport {
    node: Import;
    uri: URI;
    /** The loaded document, when the file exists, is a plan file and may be imported. */
    document?: LangiumDocument<Document>;
    /** Why it does not resolve. */
    problem?: ImportProblem;
    /** For `outside-root`: the folder the import had to stay in. */
    root?: URI;
    /** For `unreadable`: why, in words. */
    reason?: string;
}

/** Where an import points and, when it may not be followed, why (before anything is read). */
export interface ImportTarget {
    uri: URI;
    problem?: 'not-a-plan-file' | 'not-relative' | 'outside-root' | 'unsaved';
    /** For `outside-root`: the folder the import had to stay in. */
    root?: URI;
}

/** An import path that is not relative: absolute, with a drive letter or a scheme, or with backslashes. */
const NOT_RELATIVE = /^[/\\]|^[a-zA-Z][a-zA-Z0-9+.-]*:|\\/;

/** True when `uri` is `folder` or inside it (same scheme and authority, path below it). */
export function isInside(uri: URI, folder: URI): boolean {
    if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
    const base = folder.path.endsWith('/') ? folder.path : folder.path + '/';
    return uri.path === folder.path || uri.path.startsWith(base);
}

/**
 * The folder a file's imports must stay in: the root that holds the file
 * (the first, when roots are nested), else the file's own folder (a plan named
 * or opened outside every project imports only from beside and below itself).
 */
export function rootOf(file: URI, roots: readonly URI[]): URI {
    return roots.find(root => isInside(file, root)) ?? UriUtils.dirname(file);
}

/**
 * The import rule, in one place (the resolver and parallel.ts's cheap scan of
 * imports both use it): a path is relative to the importing file and names a
 * .mplan file; with `roots` (the CLI's project folder, the server's workspace
 * folders) it must also stay inside one of them, or inside the importing
 * file's own folder when that file lies outside every root. An untitled
 * document imports no files. Without `roots`, nothing confines the path: the
 * language used as a library, and tests of other features.
 */
export function resolveImportPath(from: URI, importPath: string, roots?: readonly URI[]): ImportTarget {
    const uri = UriUtils.resolvePath(UriUtils.dirname(from), importPath);
    if (NOT_RELATIVE.test(importPath)) return { uri, problem: 'not-relative' };
    if (!uri.path.endsWith(PLAN_FILE_EXTENSION)) return { uri, problem: 'not-a-plan-file' };
    if (!roots) return { uri };
    if (from.scheme !== 'file') return { uri, problem: 'unsaved' };
    if (roots.some(root => isInside(uri, root))) return { uri };
    const own = rootOf(from, roots);
    return isInside(uri, own) ? { uri } : { uri, problem: 'outside-root', root: own };
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

    /** The folders imports must stay in; undefined: not confined (see resolveImportPath). */
    protected rootFolders: readonly URI[] | undefined;
    /** Files that exist but could not be read, and why: told by the loader, for unresolved-import. */
    protected readonly unreadable = new Map<string, string>();

    constructor(services: MplanServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.closures = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
        this.importersCache = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    /**
     * Confines imports to these folders (the CLI: the project folder; the
     * server: the workspace folders), before the first build. An empty list
     * confines every file to its own folder.
     */
    setRoots(roots: readonly URI[] | undefined): void {
        this.rootFolders = roots;
        this.closures.clear();
        this.importersCache.clear();
    }

    /**
     * Whether `from` may import `target` by a relative path: what a hint to
     * import a file (unresolved-reference, completion) must check, so that it
     * never proposes an import the rule would refuse.
     */
    mayImport(from: URI, target: URI): boolean {
        if (!target.path.endsWith(PLAN_FILE_EXTENSION)) return false;
        if (!this.rootFolders) return true;
        return !resolveImportPath(from, UriUtils.relative(UriUtils.dirname(from), target), this.rootFolders).problem;
    }

    /** Records that a file an import names exists but cannot be read, and why (the loader tells). */
    markUnreadable(uri: URI, reason: string): void {
        this.unreadable.set(uri.toString(), reason);
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

    /**
     * A document's imports, each with the loaded file it names or why it has
     * none. An import the rule of resolveImportPath refuses is never looked
     * up, so a file outside the root is not used even when it happens to be
     * loaded (opened in the editor).
     */
    resolveImports(document: LangiumDocument<Document>): ResolvedImport[] {
        const root = document.parseResult.value;
        return (root.imports ?? []).filter(imp => typeof imp.path === 'string').map((imp): ResolvedImport => {
            const target = resolveImportPath(document.uri, imp.path, this.rootFolders);
            const uri = target.uri;
            if (target.problem) return { node: imp, uri, problem: target.problem, root: target.root };
            const loaded = this.documents.getDocument(uri) as LangiumDocument<Document> | undefined;
            if (loaded) return { node: imp, uri, document: loaded };
            const reason = this.unreadable.get(uri.toString());
            return reason !== undefined ? { node: imp, uri, problem: 'unreadable', reason } : { node: imp, uri, problem: 'not-found' };
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

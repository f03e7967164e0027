import type { LangiumDocument, URI } from 'langium';
import type { Document } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';

/** A file that could not be read, in one line. */
export interface LoadProblem {
    uri: URI;
    message: string;
}

export interface LoadResult {
    /** The files asked for, in the order asked, then the files they import. */
    documents: Array<LangiumDocument<Document>>;
    /** The files asked for that could be read. */
    entries: Array<LangiumDocument<Document>>;
    problems: LoadProblem[];
}

/** The reason a file cannot be read (or written), in words, from a Node file-system error. */
export function describeReadError(error: unknown): string {
    const code = (error as { code?: string }).code;
    switch (code) {
        case 'ENOENT': return 'no such file';
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'EISDIR': return 'is a directory';
        case 'ENOTDIR': return 'a part of the path is not a directory';
        case 'ENOSPC': return 'no space left on the device';
        case 'EFBIG': return 'over the file size limit';
        case 'EROFS': return 'a read-only file system';
        default: return error instanceof Error ? error.message : String(error);
    }
}

/** True for the error of a file that is not there (rather than there but unreadable). */
function isMissing(error: unknown): boolean {
    const code = (error as { code?: string }).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Loads the given plan files and, transitively, every plan file they import
 * that exists, then builds them all (parse, index, link, validate). An import
 * that cannot be loaded is left to the `unresolved-import` rule; a file asked
 * for that cannot be read is a load problem. Every file is read once.
 */
export async function loadPlans(services: MplanServices, uris: URI[]): Promise<LoadResult> {
    const shared = services.shared;
    const documents = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;
    const fileSystem = shared.workspace.FileSystemProvider;
    const imports = services.references.ImportResolver;
    const problems: LoadProblem[] = [];
    const loaded: Array<LangiumDocument<Document>> = [];
    const entries: Array<LangiumDocument<Document>> = [];

    const load = async (uri: URI): Promise<LangiumDocument<Document> | undefined> => {
        const existing = documents.getDocument(uri) as LangiumDocument<Document> | undefined;
        if (existing) return existing;
        const text = await fileSystem.readFile(uri);
        const document = factory.fromString<Document>(text, uri);
        documents.addDocument(document);
        loaded.push(document);
        return document;
    };

    for (const uri of uris) {
        try {
            const document = await load(uri);
            if (document && !entries.includes(document)) entries.push(document);
        } catch (error) {
            problems.push({ uri, message: describeReadError(error) });
        }
    }
    for (let i = 0; i < loaded.length; i++) {
        // Only an import the rule of resolveImportPath allows is ever read: not one outside the root.
        for (const imp of imports.resolveImports(loaded[i])) {
            if (imp.problem !== 'not-found') continue;
            try {
                await load(imp.uri);
            } catch (error) {
                // Left to the unresolved-import rule, which names the file, and says why when it is there but unreadable.
                if (!isMissing(error)) imports.markUnreadable(imp.uri, describeReadError(error));
            }
        }
    }
    await shared.workspace.DocumentBuilder.build(loaded, { validation: true });
    return { documents: loaded, entries, problems };
}

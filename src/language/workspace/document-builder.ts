import {
    Cancellation, DefaultDocumentBuilder, DefaultLangiumDocuments, DocumentState, isOperationCancelled, type LangiumDocument,
    type Mutable, type AstNode, type URI
} from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, LSPErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver';
import type { MplanServices } from '../mplan-module.js';
import { TextUnavailable } from './document-factory.js';

/**
 * Langium's document builder, made so that one bad file never stops the
 * others. Langium builds the documents of a change phase by phase (parse,
 * index, scopes, link, index references, validate), all of them in each
 * phase; a document whose phase throws (its text cannot be read, the editor
 * sent none, a bug in mplan) used to abort the whole build, and since that
 * document stayed unbuilt, every later build too: no diagnostics, and
 * requests waiting for a build that never came. Here such a document is set
 * aside: its tree is replaced by an empty one (so it exports nothing and
 * links to nothing), it gets one finding that says why it was not checked,
 * and every other document is built and answered as usual. It is tried again
 * when its text changes.
 *
 * A file that is gone by the time it is read (ENOENT) is still the workspace
 * lock's to handle: it is left out as if deleted (`workspace-lock.ts`).
 */
export class MplanDocumentBuilder extends DefaultDocumentBuilder {
    /** Documents set aside, by URI, with the reason in words. */
    protected readonly failures = new Map<string, string>();
    protected readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    protected override async runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => Promise<unknown> | unknown): Promise<void> {
        return super.runCancelable(documents, targetState, cancelToken, async document => {
            // A new text is a new chance.
            if (targetState === DocumentState.Parsed) this.failures.delete(document.uri.toString());
            try {
                await callback(document);
            } catch (error) {
                if (isOperationCancelled(error) || isGone(error)) throw error;
                await this.setAside(document, targetState, error, cancelToken);
            }
        });
    }

    /** Whether a document was set aside in its last build (and why). */
    failureOf(uri: URI): string | undefined {
        return this.failures.get(uri.toString());
    }

    /**
     * Replaces the document's tree by an empty one and brings that one to the
     * phase that failed, so that the later phases (and other documents'
     * linking) see a file with nothing in it rather than a broken one.
     */
    protected async setAside(document: LangiumDocument, phase: DocumentState, error: unknown, cancelToken: Cancellation.CancellationToken): Promise<void> {
        const key = document.uri.toString();
        const reason = reasonOf(error, phase);
        this.failures.set(key, reason);
        const detail = error instanceof Error ? error.stack ?? error.message : String(error);
        this.shared.lsp.Connection?.console.error(`mplan: ${key} is not checked (${DocumentState[phase]}): ${detail}`);
        const mutable = document as Mutable<LangiumDocument>;
        try {
            const services = this.serviceRegistry.getServices(document.uri) as MplanServices;
            const empty = services.parser.LangiumParser.parse('');
            (empty.value as Mutable<AstNode>).$document = document;
            mutable.parseResult = empty;
            mutable.references = [];
            mutable.localSymbols = undefined;
            if (phase > DocumentState.Parsed) await this.indexManager.updateContent(document, cancelToken);
            if (phase > DocumentState.IndexedContent) mutable.localSymbols = await services.references.ScopeComputation.collectLocalSymbols(document, cancelToken);
            if (phase > DocumentState.Linked) await this.indexManager.updateReferences(document, cancelToken);
        } catch (again) {
            if (isOperationCancelled(again)) throw again;
            // An empty tree that cannot be built either: the finding below is all there is.
        }
        if (phase === DocumentState.Validated) mutable.diagnostics = [this.failureDiagnostic(document, reason)];
    }

    protected override async validate(document: LangiumDocument, cancelToken: Cancellation.CancellationToken): Promise<void> {
        const reason = this.failures.get(document.uri.toString());
        if (reason === undefined) return super.validate(document, cancelToken);
        (document as Mutable<LangiumDocument>).diagnostics = [this.failureDiagnostic(document, reason)];
    }

    /** The one finding of a document set aside: at its start, an error of `syntax-error` (it could not be read as a plan). */
    protected failureDiagnostic(document: LangiumDocument, reason: string): Diagnostic {
        let href: string | undefined;
        try {
            href = (this.serviceRegistry.getServices(document.uri) as MplanServices).config.RuleDocs.hrefFor('syntax-error');
        } catch {
            href = undefined;
        }
        return {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: DiagnosticSeverity.Error,
            code: 'syntax-error',
            ...(href ? { codeDescription: { href } } : {}),
            source: 'mplan',
            message: `mplan could not check this file: ${reason}. The other files are checked as usual.`
        };
    }

    /**
     * A request about a document (hover, definition, symbols, …) first waits
     * for it to be built. For a URI the server does not know, Langium answers
     * with an error object of another copy of the protocol library, which the
     * connection sends as if it were the answer (`{"code":-32802}` as a hover).
     * Here: a document the editor has opened but whose first build has not
     * started yet is waited for; any other URI gets `unknownDocument`.
     */
    override waitUntil(state: DocumentState, cancelToken?: Cancellation.CancellationToken): Promise<void>;
    override waitUntil(state: DocumentState, uri?: URI, cancelToken?: Cancellation.CancellationToken): Promise<URI>;
    override async waitUntil(state: DocumentState, uriOrToken?: URI | Cancellation.CancellationToken, cancelToken?: Cancellation.CancellationToken): Promise<URI | void> {
        if (!uriOrToken || !('path' in uriOrToken)) return super.waitUntil(state, uriOrToken);
        const uri = uriOrToken;
        if (!this.langiumDocuments.hasDocument(uri) && this.textDocuments?.get(uri.toString())) {
            // Opened a moment ago: the build of the open is queued as a write; a read waits for it.
            await this.shared.workspace.WorkspaceLock.read(() => undefined);
        }
        if (!this.langiumDocuments.hasDocument(uri)) throw unknownDocument(uri);
        return super.waitUntil(state, uri, cancelToken);
    }
}

/**
 * The answer to a request about a document the server does not know: neither
 * open in the editor nor a file of the workspace (or one they import). An
 * error of the connection's own protocol library, so that it reaches the
 * client as an error, with a message a user can read.
 */
export function unknownDocument(uri: URI): ResponseError<void> {
    const what = uri.scheme === 'file' ? uri.fsPath : uri.toString();
    const why = uri.scheme === 'file'
        ? 'it is neither open in the editor nor a plan of the workspace folders'
        : `mplan reads files on this computer (file: URIs) and the documents the editor has open, and '${uri.scheme}:' is neither`;
    return new ResponseError(LSPErrorCodes.RequestFailed, `mplan does not know the document ${what}: ${why}.`);
}

/**
 * Langium's documents, except that a request never makes the server read a
 * document it does not know (Langium's `getOrCreateDocument` read any URI a
 * request named from the disk: an `http://x/y.mplan` from `/y.mplan`, an
 * unknown file with a raw ENOENT). The workspace's files are loaded with
 * `loadDocument` (`workspace-manager.ts`).
 */
export class MplanLangiumDocuments extends DefaultLangiumDocuments {
    override async getOrCreateDocument(uri: URI): Promise<LangiumDocument> {
        const document = this.getDocument(uri);
        if (!document) throw unknownDocument(uri);
        return document;
    }

    /** A document by URI, read with the file system when it is not loaded yet. */
    loadDocument(uri: URI, cancellationToken?: Cancellation.CancellationToken): Promise<LangiumDocument> {
        return super.getOrCreateDocument(uri, cancellationToken);
    }
}

/** A read of a file that is not there (any more): the workspace lock leaves it out as deleted. */
function isGone(error: unknown): boolean {
    const code = (error as { code?: unknown } | undefined)?.code;
    return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Why a document could not be checked, in words. */
function reasonOf(error: unknown, phase: DocumentState): string {
    if (error instanceof TextUnavailable) return error.message.replace(/[.\s]+$/, '');
    const message = error instanceof Error ? error.message : String(error);
    return `an internal error while ${PHASE_WORDS[phase] ?? 'building it'} (${message.replace(/[.\s]+$/, '')}); please report it`;
}

const PHASE_WORDS: Partial<Record<DocumentState, string>> = {
    [DocumentState.Parsed]: 'parsing it',
    [DocumentState.IndexedContent]: 'indexing its names',
    [DocumentState.ComputedScopes]: 'computing its scopes',
    [DocumentState.Linked]: 'linking its references',
    [DocumentState.IndexedReferences]: 'indexing its references',
    [DocumentState.Validated]: 'judging it'
};

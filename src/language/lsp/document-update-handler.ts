import { delayNextTick, URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Langium does nothing when an editor closes a document, so the findings of
 * unsaved edits would stay on screen after the user discarded them. Here a
 * closed file is judged again as it is on disk, and a document that exists
 * only in the editor (never saved, untitled) is forgotten. And a storm of
 * edits builds only the versions the server gets to, not every stale one.
 */
export class MplanDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    protected readonly fileSystem: LangiumSharedServices['workspace']['FileSystemProvider'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
        // Each edit starts a build that cancels the one before, but a build
        // shorter than Langium's interruption period (10 ms) never looks at its
        // token: with edits queued behind it, every stale version was built and
        // published in turn. Yielding once after the update's bookkeeping lets
        // the next queued edit in first, which cancels this build before it starts.
        services.workspace.DocumentBuilder.onUpdate(() => delayNextTick());
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        let onDisk = false;
        try {
            onDisk = uri.scheme === 'file' && this.fileSystem.existsSync(uri);
        } catch {
            onDisk = false;
        }
        this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]);
    }
}

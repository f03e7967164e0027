import { DefaultWorkspaceLock, isOperationCancelled, URI, type Cancellation, type MaybePromise } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * Langium's workspace lock, made so that a failing build never ends the
 * language server. Every change to the workspace (an edit, a file created,
 * changed or deleted on disk, a library judged again, the first load) runs as
 * a write of this lock, and Langium leaves a write that throws as an
 * unhandled promise rejection, on which Node ends the process. The usual
 * cause is a file that is gone (or unreadable) by the time the build reads
 * it: created and deleted at once, renamed, a checkout in progress. Here such
 * a file is left out as if deleted, with a warning in the server's log, and
 * the rest of the workspace is built without it; any other failure is logged
 * and the next change builds again.
 */
export class MplanWorkspaceLock extends DefaultWorkspaceLock {
    constructor(protected readonly shared: LangiumSharedServices) {
        super();
    }

    override write(action: (token: Cancellation.CancellationToken) => MaybePromise<void>): Promise<void> {
        return super.write(async token => {
            try {
                await action(token);
            } catch (error) {
                if (isOperationCancelled(error)) throw error;
                this.recover(error);
            }
        });
    }

    /** After a failed write: forget a file that could not be read, or log what went wrong. */
    protected recover(error: unknown): void {
        const unreadable = unreadableFile(error);
        if (unreadable) {
            console.warn(`mplan: cannot read ${unreadable.path} (${unreadable.code}); it is left out until it changes again.`);
            const uri = URI.file(unreadable.path);
            void this.write(token => this.shared.workspace.DocumentBuilder.update([], [uri], token));
            return;
        }
        console.error(`mplan: a build failed and is left for the next change: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
}

/** The file and error code of a failed file read (ENOENT, EACCES, EISDIR...), as Node reports it. */
export function unreadableFile(error: unknown): { path: string; code: string } | undefined {
    if (typeof error !== 'object' || error === null) return undefined;
    const { path, code, syscall } = error as { path?: unknown; code?: unknown; syscall?: unknown };
    if (typeof path !== 'string' || typeof code !== 'string' || (syscall !== 'open' && syscall !== 'read')) return undefined;
    return { path, code };
}

import { getHeapSpaceStatistics } from 'node:v8';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';

/** The request that answers the server's memory use; see addDebugRequests. */
export const DEBUG_MEMORY_REQUEST = 'mplan/debug/memory';

/** What `mplan/debug/memory` answers: Node's process.memoryUsage(), in bytes, and whether a full GC ran first. */
export interface DebugMemory {
    rss: number;
    heapTotal: number;
    heapUsed: number;
    external: number;
    arrayBuffers: number;
    /** Bytes used in each of V8's heap spaces (old_space, code_space...): what grew, data or compiled code. */
    spaces: Record<string, number>;
    /** True when the server was started with --expose-gc and collected garbage before measuring. */
    collected: boolean;
}

/**
 * Requests that let tests watch the server's own health, answered only when
 * the server was started with MPLAN_DEBUG_MEMORY=1 (an editor never sets
 * it, so no user sees them). `mplan/debug/memory` waits for the builds of
 * every edit sent before it (a read of the workspace lock), collects garbage
 * when node runs with --expose-gc, and answers process.memoryUsage(): the
 * stress tests compare the heap after 100 and after 10,000 edits.
 */
export function addDebugRequests(connection: Connection, shared: LangiumSharedServices, env: NodeJS.ProcessEnv = process.env): void {
    if (env.MPLAN_DEBUG_MEMORY !== '1') return;
    connection.onRequest(DEBUG_MEMORY_REQUEST, async (): Promise<DebugMemory> => {
        await shared.workspace.WorkspaceManager.ready;
        await shared.workspace.WorkspaceLock.read(() => undefined);
        return measureMemory();
    });
}

/** The process's memory after a full garbage collection, when one can be asked for. */
function measureMemory(): DebugMemory {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map(space => [space.space_name, space.space_used_size]));
    return { rss, heapTotal, heapUsed, external, arrayBuffers, spaces, collected: gc !== undefined };
}

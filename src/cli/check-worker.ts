/**
 * A worker thread of a parallel check (bundled to out/check-worker.cjs and
 * started by parallel.ts): judges one batch of named files, with their
 * imports, exactly as `mplan check` does in process, and posts back the
 * result (or why it failed), with progress now and then.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { judgeBatch } from './check.js';
import type { BatchRequest, WorkerMessage } from './parallel.js';

/** The fewest milliseconds between two progress messages. */
const PROGRESS_MS = 50;

const port = parentPort;
if (port) {
    const post = (message: WorkerMessage) => port.postMessage(message);
    let last = 0;
    judgeBatch(workerData as BatchRequest, counts => {
        const now = performance.now();
        if (now - last < PROGRESS_MS) return;
        last = now;
        post({ kind: 'progress', counts: { ...counts } });
    }).then(
        result => post({ kind: 'done', result }),
        (error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
    );
}

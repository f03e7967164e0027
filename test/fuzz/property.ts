/**
 * Runs the cases of a property: each one announced to the watchdog of a long
 * run, timed and counted for the figures, and, when it fails, reported with
 * its input and the seed that reproduces the run.
 */
import { heartbeat, SEED, type Tally } from './config.js';
import type { Files } from './harness.js';

/** How much of a failing input a failure message shows. */
const SHOWN = 1_500;

/** The input of a case as a failure shows it: each file as a JSON string, cut if it is long. */
export function showInput(files: Files): string {
    const entries = Object.entries(files);
    const more = entries.length > 5 ? `\n… and ${entries.length - 5} more files` : '';
    return entries.slice(0, 5).map(([path, text]) => {
        const shown = JSON.stringify(text.length > SHOWN ? text.slice(0, SHOWN) : text);
        return `${path} (${text.length} characters${text.length > SHOWN ? ', the first shown' : ''}): ${shown}`;
    }).join('\n') + more;
}

/** Runs one case of a property. */
export async function fuzzCase(tally: Tally, property: string, files: Files, body: () => Promise<void>): Promise<void> {
    heartbeat(property, files);
    const started = performance.now();
    try {
        await body();
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}\n--- input (FUZZ_SEED=${SEED}):\n${showInput(files)}`, { cause: error });
    }
    tally.count(performance.now() - started);
}

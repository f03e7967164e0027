/**
 * The progress line of a long check, `checking 120/1000 files…`, redrawn in
 * place on standard error and erased at the end, so that nothing of it stays
 * in the terminal or reaches a pipe.
 */

/** Checks of more named files than this show progress (on a terminal). */
export const PROGRESS_MIN_FILES = 20;

/** The fewest milliseconds between two redraws: a terminal need not show every file. */
const REDRAW_MS = 80;

/** Where a check is: files read (and parsed), linked and judged, out of how many. */
export interface ProgressCounts {
    read: number;
    /** Files to read: the named files, then also the imports found on the way. */
    toRead: number;
    linked: number;
    judged: number;
    /** Files to link and judge: known once reading is done, 0 before. */
    toJudge: number;
}

export interface Progress {
    /** Reports new counts; the line is redrawn when enough time has passed. */
    update(counts: ProgressCounts): void;
    /** Erases the line. */
    done(): void;
}

/**
 * The text of the progress line for the given counts: a file counts as
 * checked by thirds, once read, once linked and once judged, so that the
 * number moves through every phase.
 */
export function progressText(counts: ProgressCounts): string {
    const files = Math.max(counts.read, counts.toRead, counts.toJudge);
    const done = Math.min(files, Math.floor((counts.read + counts.linked + counts.judged) / 3));
    return `checking ${done}/${files} files…`;
}

/** The part of a stream the progress line needs (process.stderr has it). */
export interface ProgressStream {
    isTTY?: boolean;
    write(text: string): unknown;
}

/** A progress that shows nothing, for pipes, files and short runs. */
const SILENT: Progress = { update() { /* nothing to show */ }, done() { /* nothing to erase */ } };

/**
 * The progress of a check of `files` named files: a line on `stream` when it
 * is a terminal and the run is long enough to be worth watching, else silent.
 */
export function createProgress(files: number, stream: ProgressStream = process.stderr): Progress {
    if (!stream.isTTY || files <= PROGRESS_MIN_FILES) return SILENT;
    let shown = false;
    let last = 0;
    return {
        update(counts) {
            const now = performance.now();
            if (shown && now - last < REDRAW_MS) return;
            last = now;
            shown = true;
            stream.write(`\r\x1b[K${progressText(counts)}`);
        },
        done() {
            if (shown) stream.write('\r\x1b[K');
            shown = false;
        }
    };
}

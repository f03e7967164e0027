/**
 * What the CLI's commands produce, shared by the commands, the output and the
 * parallel run without importing each other.
 */
import type { CliFinding } from './formats/format.js';

/** What a command produced; `main` writes it and exits, nothing else does. */
export interface CommandResult {
    stdout: string;
    stderr: string;
    exitCode: 0 | 1 | 2;
}

/**
 * A checked file as the rest of the command needs it: its absolute path, its
 * findings (sorted by position), and its text when it has findings (the
 * baseline fingerprints the flagged text).
 */
export interface CheckedFile {
    file: string;
    findings: CliFinding[];
    text: string;
}

/** What judging the files gave: every file checked (named, then imported), or the files that could not be read. */
export interface CheckedRun {
    checked: CheckedFile[];
    problems: Array<{ file: string; message: string }>;
    /** How the run was split: for MPLAN_DEBUG_JOBS. */
    plan: string;
}

/**
 * Builds the start-up snapshot for this bundle and this Node.js into the
 * cache folder: `node --build-snapshot out/cli-main.cjs` (which warms the
 * language up, see snapshot.ts) into a temporary file, a trial start of it,
 * and only then the file under its own name, in one rename, so that a run
 * never finds a snapshot that is half written or does not start. A failure
 * leaves a marker, and runs keep starting the ordinary way. Run by
 * `node out/cli.cjs` with MPLAN_SNAPSHOT_BUILD=1 (by a run that found no
 * snapshot, and by `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUILD_REQUEST, PING_ANSWER, PING_REQUEST, SNAPSHOT_SWITCH, type SnapshotFiles } from './cache.js';
import { currentSnapshot, ownBlob, STALE_LOCK_MS } from './launch.js';

/** How long building a snapshot may take before it counts as failed. */
const BUILD_TIMEOUT_MS = 120_000;
/** Snapshots of other bundles or Node.js versions kept beside the current one. */
const KEEP_OTHERS = 2;

/** What happened, for `npm run build` to say. */
export interface BuildOutcome {
    built: boolean;
    message: string;
}

/** Builds the snapshot of this bundle for this Node.js, unless it exists or is being built. */
export function buildSnapshot(bundleDir: string): BuildOutcome {
    const files = currentSnapshot(bundleDir);
    if (!files) return { built: false, message: 'no cache folder' };
    if (ownBlob(files.blob)) return { built: true, message: `${files.blob} (built before)` };
    // The folder holds code that runs (the snapshot): this user's only.
    mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    if (!lock(files)) return { built: false, message: `already being built (${files.lock})` };
    try {
        // Another builder may have finished between the look above and the lock.
        if (ownBlob(files.blob)) return { built: true, message: `${files.blob} (built before)` };
        rmSync(files.failed, { force: true });
        const temporary = `${files.blob}.${process.pid}.tmp`;
        const problem = build(bundleDir, temporary) ?? trial(temporary);
        if (problem) {
            rmSync(temporary, { force: true });
            writeFileSync(files.failed, `${problem}\n`);
            return { built: false, message: `failed: ${problem}` };
        }
        // Only this user may change it: the entry starts no snapshot that others could have written.
        chmodSync(temporary, 0o600);
        renameSync(temporary, files.blob);
        prune(files);
        return { built: true, message: files.blob };
    } finally {
        rmSync(files.lock, { force: true });
    }
}

/** The environment of the builder's children: no options of the user's for Node.js, no requests of ours. */
function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
    delete env.NODE_OPTIONS;
    delete env[BUILD_REQUEST];
    delete env[SNAPSHOT_SWITCH];
    return env;
}

/** Runs `node --build-snapshot` on the language bundle; what went wrong, if anything. */
function build(bundleDir: string, blob: string): string | undefined {
    const result = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', path.join(bundleDir, 'cli-main.cjs')], {
        cwd: bundleDir,
        env: childEnvironment(),
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
        timeout: BUILD_TIMEOUT_MS,
        windowsHide: true
    });
    if (result.error) return `node --build-snapshot: ${result.error.message}`;
    if (result.status !== 0) return `node --build-snapshot exited with ${result.status ?? result.signal}: ${lastLine(result.stderr)}`;
    return undefined;
}

/** Starts the new snapshot once and asks it whether it is ready; what went wrong, if anything. */
function trial(blob: string): string | undefined {
    const result = spawnSync(process.execPath, ['--snapshot-blob', blob, '--'], {
        env: childEnvironment({ [PING_REQUEST]: '1' }),
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: BUILD_TIMEOUT_MS,
        windowsHide: true
    });
    if (result.error) return `trial start: ${result.error.message}`;
    if (result.status !== 0 || result.stdout !== PING_ANSWER) {
        return `trial start answered ${JSON.stringify(result.stdout.slice(0, 80))} (exit ${result.status ?? result.signal}): ${lastLine(result.stderr)}`;
    }
    return undefined;
}

/** The last non-empty line of a child's stderr, for a failure marker. */
function lastLine(text: string | undefined): string {
    return (text ?? '').trim().split('\n').pop() ?? '';
}

/** Takes the lock of these files (a file created exclusively); false when another builder holds it. */
function lock(files: SnapshotFiles): boolean {
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            closeSync(openSync(files.lock, 'wx'));
            return true;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
            let age = 0;
            try {
                age = Date.now() - statSync(files.lock).mtimeMs;
            } catch {
                continue;
            }
            if (age < STALE_LOCK_MS) return false;
            rmSync(files.lock, { force: true });
        }
    }
    return false;
}

/**
 * Removes what other builds left in the cache folder: snapshots beyond the
 * newest few (other bundles, other Node.js versions), their failure markers,
 * and temporary files of builders that died.
 */
function prune(current: SnapshotFiles): void {
    const entries = readdirSync(current.dir)
        .filter(entry => entry.startsWith('mplan-'))
        .map(entry => {
            const file = path.join(current.dir, entry);
            try {
                return { entry, file, modified: statSync(file).mtimeMs };
            } catch {
                return undefined;
            }
        })
        .filter(item => item !== undefined);
    const others = entries.filter(item => item.file !== current.blob && item.file !== current.lock);
    const blobs = others.filter(item => item.entry.endsWith('.blob')).sort((a, b) => b.modified - a.modified);
    const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
    const doomed = [
        ...blobs.slice(KEEP_OTHERS),
        ...others.filter(item => item.entry.endsWith('.failed')),
        ...others.filter(item => item.entry.endsWith('.tmp') && item.modified < dayAgo)
    ];
    for (const item of doomed) rmSync(item.file, { force: true });
}

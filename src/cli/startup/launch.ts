/**
 * How `mplan` starts a command that needs the language. With a start-up
 * snapshot of the initialised language (bundle evaluated, lexer and parser
 * built and warm) for this bundle and this Node.js, the process replaces
 * itself with `node --snapshot-blob <snapshot> -- <args>`, which skips about
 * two thirds of a small check's time. Without one, it starts as before (with
 * V8's code cache), and once it has exited a builder makes the snapshot in the
 * background (src/cli/startup/build.ts) for the next runs. Nothing here ever
 * stops a run: any doubt means the ordinary start.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { BUILD_REQUEST, cacheDirectory, SNAPSHOT_SWITCH, snapshotFiles, snapshotName, START_DEBUG, type SnapshotFiles } from './cache.js';

/** The SHA-256 of out/cli-main.cjs, set by the build; empty in a development (watch) build. */
declare const MPLAN_MAIN_HASH: string;

/** A builder's lock older than this is left over from a builder that died. */
export const STALE_LOCK_MS = 120_000;

/**
 * Why this run cannot start from a snapshot, or undefined when it can: the
 * snapshot needs Node.js to replace its process (POSIX, Node.js 22.15 or
 * newer), a bundle whose hash the build wrote down, and no Node.js options of
 * the user's own (a snapshot is built without them).
 */
export function whyNoSnapshot(env: Record<string, string | undefined>, bundleHash: string, canReplaceProcess: boolean, execArgv: readonly string[]): string | undefined {
    if (env[SNAPSHOT_SWITCH] === '0') return `${SNAPSHOT_SWITCH}=0`;
    if (!bundleHash) return 'a development build (no bundle hash)';
    if (!canReplaceProcess) return 'this Node.js cannot replace its process (it needs POSIX and Node.js 22.15 or newer)';
    if (env.NODE_OPTIONS) return 'NODE_OPTIONS is set';
    if (execArgv.length > 0) return 'Node.js was started with options';
    return undefined;
}

/** mplan's cache folder for this user, or undefined when there is no home to put it in. */
export function userCacheDirectory(): string | undefined {
    let home = '';
    try {
        home = homedir();
    } catch {
        // No home: no cache folder, unless XDG_CACHE_HOME or LOCALAPPDATA names one.
    }
    return cacheDirectory(process.platform, process.env, home);
}

/** The snapshot files for this bundle and this Node.js, or undefined without a cache folder. */
export function currentSnapshot(bundleDir: string): SnapshotFiles | undefined {
    const dir = userCacheDirectory();
    if (!dir) return undefined;
    const node = statSync(process.execPath);
    return snapshotFiles(dir, snapshotName({
        bundleHash: MPLAN_MAIN_HASH,
        bundleDir,
        nodeVersion: process.version,
        platform: process.platform,
        arch: process.arch,
        execPath: process.execPath,
        execSize: node.size,
        execModified: node.mtimeMs
    }));
}

/**
 * Whether the snapshot is there, and is this user's: a snapshot is code that
 * runs, so one that someone else could have put in a shared cache folder is
 * never started.
 */
export function ownBlob(blob: string): boolean {
    try {
        const stat = statSync(blob);
        return stat.isFile() && (process.getuid === undefined || stat.uid === process.getuid()) && (stat.mode & 0o022) === 0;
    } catch {
        return false;
    }
}

/** Whether a builder is at work on these files (a lock that is not stale). */
function building(files: SnapshotFiles): boolean {
    try {
        return Date.now() - statSync(files.lock).mtimeMs < STALE_LOCK_MS;
    } catch {
        return false;
    }
}

/**
 * Starts this run from the start-up snapshot when there is one: the process
 * is replaced and this never returns. Otherwise it returns why not, after
 * arranging for a snapshot to be built when this run exits, if none is on
 * its way and none failed before.
 */
export function startFromSnapshot(argv: readonly string[], bundleDir: string): string {
    const why = whyNoSnapshot(process.env, MPLAN_MAIN_HASH, typeof process.execve === 'function', process.execArgv);
    if (why) return why;
    let files: SnapshotFiles | undefined;
    try {
        files = currentSnapshot(bundleDir);
    } catch (error) {
        return `no snapshot: ${(error as Error).message}`;
    }
    if (!files) return 'no cache folder (no home folder)';
    if (ownBlob(files.blob)) {
        try {
            process.execve!(process.execPath, [process.execPath, '--snapshot-blob', files.blob, '--', ...argv]);
        } catch (error) {
            return `cannot start the snapshot: ${(error as Error).message}`;
        }
    }
    if (existsSync(files.failed)) return `building the snapshot failed before (${files.failed})`;
    if (building(files)) return 'the snapshot is being built';
    // A CI job is gone before the snapshot would serve it, and it would see the builder as a stray process.
    if (process.env.CI && process.env.CI !== 'false') return 'no snapshot (none is built in CI, see npm run build)';
    process.once('exit', () => requestBuild(bundleDir));
    return 'no snapshot yet (building one after this run)';
}

/**
 * Starts the builder (this bundle, out/cli.cjs, asked to build) detached
 * from this process, which is about to exit: the user never waits for it.
 */
function requestBuild(bundleDir: string): void {
    try {
        // Loaded here: a run that starts the ordinary way or from the snapshot has no use for it.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { spawn } = require('node:child_process') as typeof import('node:child_process');
        const builder = spawn(process.execPath, [path.join(bundleDir, 'cli.cjs')], {
            detached: true,
            stdio: 'ignore',
            cwd: bundleDir,
            env: { ...process.env, [BUILD_REQUEST]: '1' },
            windowsHide: true
        });
        builder.on('error', () => undefined);
        builder.unref();
    } catch {
        // No builder: the next run asks again.
    }
}

/** With MPLAN_DEBUG_START=1, says on stderr how this run started. */
export function tellStart(how: string): void {
    if (process.env[START_DEBUG]) process.stderr.write(`mplan: ${how}\n`);
}

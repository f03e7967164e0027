/**
 * Where mplan keeps what makes it start fast: V8's compiled code of the
 * bundles, and the start-up snapshot of the initialised language (a V8 heap
 * image, see docs/performance.md). A snapshot only works with the very
 * Node.js binary that built it and the very bundle it was built from, so its
 * file name says both. Shared by the `mplan` entry (out/cli.cjs), which looks
 * for the snapshot and builds it, and the snapshot itself (out/cli-main.cjs).
 */
import * as path from 'node:path';

/** MPLAN_SNAPSHOT=0 turns the start-up snapshot off. */
export const SNAPSHOT_SWITCH = 'MPLAN_SNAPSHOT';
/** MPLAN_DEBUG_START=1: one line on stderr saying how this run started, and why. */
export const START_DEBUG = 'MPLAN_DEBUG_START';
/** Set (to 1) for `node out/cli.cjs` by the entry that asks for a snapshot to be built. */
export const BUILD_REQUEST = 'MPLAN_SNAPSHOT_BUILD';
/** Set (to 1) when the builder asks a new snapshot whether it starts. */
export const PING_REQUEST = 'MPLAN_SNAPSHOT_PING';
/** What a snapshot answers the builder's ping when it holds a warm, handed-over parser. */
export const PING_ANSWER = 'mplan start-up snapshot ready\n';

/**
 * The user's cache folder for mplan: $XDG_CACHE_HOME/mplan (or
 * ~/.cache/mplan), ~/Library/Caches/mplan on macOS, %LOCALAPPDATA%\mplan on
 * Windows; undefined when there is no home to put it in.
 */
export function cacheDirectory(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string | undefined {
    if (platform === 'win32') {
        const local = env.LOCALAPPDATA;
        return local && path.win32.isAbsolute(local) ? path.win32.join(local, 'mplan') : undefined;
    }
    if (platform === 'darwin') return home ? path.posix.join(home, 'Library', 'Caches', 'mplan') : undefined;
    const xdg = env.XDG_CACHE_HOME;
    if (xdg && path.posix.isAbsolute(xdg)) return path.posix.join(xdg, 'mplan');
    return home ? path.posix.join(home, '.cache', 'mplan') : undefined;
}

/** What a snapshot is tied to: the bundle it was built from and the Node.js binary that runs it. */
export interface SnapshotIdentity {
    /** The SHA-256 of out/cli-main.cjs, in hex, written into out/cli.cjs by the build. */
    bundleHash: string;
    /** The folder of the bundles (paths in the snapshot point there). */
    bundleDir: string;
    nodeVersion: string;
    platform: string;
    arch: string;
    execPath: string;
    execSize: number;
    execModified: number;
}

/**
 * The file name (without extension) of the snapshot for this bundle and this
 * Node.js binary: a new bundle, another Node.js version, or the same version
 * installed anew get a snapshot of their own.
 */
export function snapshotName(identity: SnapshotIdentity): string {
    const binary = [identity.execPath, identity.execSize, identity.execModified, identity.bundleDir].join('\n');
    return `mplan-${identity.bundleHash.slice(0, 16)}-node${identity.nodeVersion.replace(/^v/, '')}-${identity.platform}-${identity.arch}-${fnv1a64(binary)}`;
}

/**
 * A 64-bit FNV-1a hash of a short text, as 16 hex digits: enough to tell
 * binaries and install folders apart in a file name, without loading node:crypto
 * on every start.
 */
export function fnv1a64(text: string): string {
    // Two 32-bit FNV-1a lanes, the second seeded otherwise and stirred by the first.
    let low = 0x811c9dc5;
    let high = 0xcbf29ce4;
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        low = Math.imul(low ^ code, 0x01000193);
        high = Math.imul(high ^ code ^ (low >>> 24), 0x01000193);
    }
    return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

/** The files of one snapshot in the cache folder: the blob, and the markers of its build. */
export interface SnapshotFiles {
    dir: string;
    blob: string;
    /** Present while a builder works on it (a lock). */
    lock: string;
    /** Present when building it failed: no run tries again. */
    failed: string;
}

/** The files of the snapshot `name` in `dir`. */
export function snapshotFiles(dir: string, name: string): SnapshotFiles {
    const file = (extension: string) => path.join(dir, `${name}.${extension}`);
    return { dir, blob: file('blob'), lock: file('lock'), failed: file('failed') };
}

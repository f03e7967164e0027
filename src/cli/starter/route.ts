/**
 * How the user runs the mplan that is running now, so that `mplan init` says
 * a next command that works in their shell and writes a `$schema` that
 * resolves on their machine (docs/configuration.md, "$schema"). Three routes:
 *
 * - `path`: the `mplan` their shell finds on PATH is this very package (a
 *   global install, `npm install -g`, or `npm link` of a clone): `mplan check`.
 * - `project`: this package is the mplan of the npm project that holds the
 *   folder (installed into its node_modules, or the clone itself): `npx mplan check`.
 * - `bin`: neither (a clone run by its path from elsewhere): the bin by its
 *   full path, `node /…/bin/mplan.cjs check`.
 */
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export type Route =
    | { kind: 'path' }
    | { kind: 'project' }
    | { kind: 'bin'; bin: string };

/** What the route is decided from: the running package, the user's PATH, the file system. */
export interface RouteContext {
    /** The folder of the running mplan package (its package.json, bin/, schemas/). */
    packageRoot: string;
    /** The PATH of the environment mplan runs in. */
    pathVariable: string;
    /** The real path of a file, or undefined when there is none (or it cannot be resolved). */
    realpath?: (file: string) => string | undefined;
    /** Whether a file is there and executable. */
    executable?: (file: string) => boolean;
    exists?: (file: string) => boolean;
}

/** The schema of `mplan.json` in an installed package, from the folder that holds node_modules. */
const SCHEMA_IN_PACKAGE = ['node_modules', 'mplan', 'schemas', 'mplan.schema.json'];

function realpathOrUndefined(file: string): string | undefined {
    try {
        return realpathSync(file);
    } catch {
        return undefined;
    }
}

function isExecutable(file: string): boolean {
    try {
        accessSync(file, constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

/**
 * The folder of the mplan package this bundle belongs to: the nearest folder
 * above it with a package.json (the bundles run from out/, the sources in the
 * tests from src/cli/…).
 */
export function runningPackageRoot(from: string = __dirname, exists: (file: string) => boolean = existsSync): string {
    for (let folder = path.resolve(from); ; folder = path.dirname(folder)) {
        if (exists(path.join(folder, 'package.json'))) return folder;
        if (path.dirname(folder) === folder) return path.resolve(from, '..');
    }
}

/**
 * A folder of PATH put there by npm for the command it runs (`npx`, `npm run`:
 * every node_modules/.bin above the project), which the user's own shell does not have.
 */
function addedByNpm(folder: string): boolean {
    return path.basename(folder) === '.bin' && path.basename(path.dirname(folder)) === 'node_modules';
}

/**
 * npm's project folder for a command run in `directory` (what `npx` looks in):
 * the nearest folder above it that holds a package.json or a node_modules
 * folder, as npm finds its local prefix; undefined when there is none.
 */
export function npmProjectOf(directory: string, exists: (file: string) => boolean = existsSync): string | undefined {
    for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
        if (exists(path.join(folder, 'package.json')) || exists(path.join(folder, 'node_modules'))) return folder;
        if (path.dirname(folder) === folder) return undefined;
    }
}

/** How the user runs this mplan from `directory` (see the top of this file). */
export function routeFor(directory: string, context: RouteContext): Route {
    const realpath = context.realpath ?? realpathOrUndefined;
    const executable = context.executable ?? isExecutable;
    const exists = context.exists ?? existsSync;
    const bin = path.join(context.packageRoot, 'bin', 'mplan.cjs');
    const ours = realpath(bin) ?? bin;

    // The first `mplan` of the user's PATH is what their shell runs.
    for (const folder of context.pathVariable.split(path.delimiter)) {
        if (!folder || !path.isAbsolute(folder) || addedByNpm(folder)) continue;
        const candidate = path.join(folder, 'mplan');
        if (!executable(candidate)) continue;
        if (realpath(candidate) === ours) return { kind: 'path' };
        break;
    }

    const project = npmProjectOf(directory, exists);
    if (project !== undefined) {
        const local = realpath(path.join(project, 'node_modules', '.bin', 'mplan'));
        const isThisPackage = realpath(project) === (realpath(context.packageRoot) ?? context.packageRoot);
        if (local === ours || isThisPackage) return { kind: 'project' };
    }
    return { kind: 'bin', bin };
}

/** A word as a POSIX shell takes it: quoted when it holds anything but plain path characters. */
export function shellWord(word: string): string {
    return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command that runs this mplan by the route: `mplan`, `npx mplan`, `node /…/bin/mplan.cjs`. */
export function commandFor(route: Route): string {
    switch (route.kind) {
        case 'path': return 'mplan';
        case 'project': return 'npx mplan';
        case 'bin': return `node ${shellWord(route.bin)}`;
    }
}

/**
 * The `$schema` reference for a settings file in `directory`. When an mplan
 * package is installed in a node_modules above the folder (the project's
 * own, as Node resolves packages), the path of its schema relative to the
 * folder, which holds on every machine that installs the project; otherwise
 * the schema of the running package as a file URL (a global install, a
 * clone), which holds on this machine.
 */
export function schemaReference(directory: string, packageRoot: string, exists: (file: string) => boolean = existsSync): string {
    for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
        const candidate = path.join(folder, ...SCHEMA_IN_PACKAGE);
        if (exists(candidate)) {
            const relative = path.relative(directory, candidate).split(path.sep).join('/');
            return relative.startsWith('../') ? relative : `./${relative}`;
        }
        if (path.dirname(folder) === folder) break;
    }
    return pathToFileURL(path.join(packageRoot, 'schemas', 'mplan.schema.json')).href;
}

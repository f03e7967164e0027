import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { EmptyFileSystem, inject } from 'langium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDirectory, snapshotName, type SnapshotIdentity } from '../../src/cli/startup/cache.js';
import { MplanGeneratedModule, MplanGeneratedSharedModule, MplanLanguageMetaData } from '../../src/language/generated/module.js';
import { MplanModule, MplanSharedModule } from '../../src/language/mplan-module.js';
import { PLANS, ROOT, type Run } from './run.js';

const BIN = join(ROOT, 'bin', 'mplan.cjs');
const AS_OF = ['--as-of', '2027-01-15'];

/**
 * Runs the built `mplan` with these variables (and none of the user's options
 * for Node.js), in the fixture plans' folder: copies of the examples, whose
 * mplan.json pins the rules they are judged by (test/fixtures/README.md).
 */
function mplanWith(env: Record<string, string>, args: string[], cwd = PLANS): Promise<Run> {
    const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', MPLAN_DEBUG_START: '1' };
    delete base.NODE_OPTIONS;
    delete base.CI;
    Object.assign(base, env);
    return new Promise(resolve => {
        execFile(process.execPath, [BIN, ...args], { cwd, env: base }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

/** The line MPLAN_DEBUG_START=1 writes first, and the rest of stderr. */
function startLine(run: Run): { how: string; rest: string } {
    const [how, ...rest] = run.stderr.split('\n');
    return { how, rest: rest.join('\n') };
}

/** Output with the run's duration ("in 0.12 s") taken out: the one part that differs between runs. */
function steady(text: string): string {
    return text.replace(/ in \d+(\.\d+)? s\b/g, ' in N s');
}

/** Builds the snapshot for `cache` as a run that finds none asks for it, and waits for it. */
function buildSnapshotInto(cache: string): string {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache, MPLAN_SNAPSHOT_BUILD: '1' };
    delete env.NODE_OPTIONS;
    return execFileSync(process.execPath, [join(ROOT, 'out', 'cli.cjs')], { env, encoding: 'utf8' });
}

function blobsIn(cache: string): string[] {
    const dir = join(cache, 'mplan');
    return existsSync(dir) ? readdirSync(dir).filter(name => name.endsWith('.blob')) : [];
}

describe('mplan started from its start-up snapshot', () => {
    let cache: string;

    beforeAll(() => {
        cache = mkdtempSync(join(tmpdir(), 'mplan-'));
        expect(buildSnapshotInto(cache)).toMatch(/^mplan: start-up snapshot built: /);
    });

    afterAll(() => rmSync(cache, { recursive: true, force: true }));

    const commands: Array<[string, string[]]> = [
        ['a plan with findings and an unresolved name', ['check', 'ebook-list.mplan', ...AS_OF]],
        ['a clean plan', ['check', 'phone-retailer.mplan', ...AS_OF]],
        ['a plan with imports, as JSON', ['check', 'corner-bakery', '--format', 'json', ...AS_OF]],
        ['a folder in two worker threads', ['check', '.', '--jobs', '2', ...AS_OF]],
        ['a file that is not there', ['check', 'nowhere.mplan']],
        ['a bad option', ['check', '--format', 'yaml']],
        ['the rules', ['rules', '--format', 'json']],
        ['a rule explained', ['explain', 'missing-guarantee']]
    ];

    it.each(commands)('says for %s what the ordinary start says', async (_what, args) => {
        const [fromSnapshot, ordinary] = await Promise.all([
            mplanWith({ XDG_CACHE_HOME: cache }, args),
            mplanWith({ XDG_CACHE_HOME: cache, MPLAN_SNAPSHOT: '0' }, args)
        ]);
        expect(startLine(fromSnapshot).how).toMatch(/^mplan: started from the start-up snapshot .*\.blob$/);
        expect(startLine(ordinary).how).toBe('mplan: started without the start-up snapshot: MPLAN_SNAPSHOT=0');
        expect(fromSnapshot.code).toBe(ordinary.code);
        expect(steady(fromSnapshot.stdout)).toBe(steady(ordinary.stdout));
        expect(steady(startLine(fromSnapshot).rest)).toBe(steady(startLine(ordinary).rest));
        expect(fromSnapshot.stdout + fromSnapshot.stderr).not.toMatch(/\n\s+at /);
    });

    it('--version and --help answer at once, without the snapshot', async () => {
        const version = await mplanWith({ XDG_CACHE_HOME: cache }, ['--version']);
        expect(version).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), stderr: '' });
    });
});

describe('mplan without a start-up snapshot', () => {
    let cache: string;

    beforeAll(() => {
        cache = mkdtempSync(join(tmpdir(), 'mplan-'));
    });

    afterAll(() => rmSync(cache, { recursive: true, force: true }));

    it('starts the ordinary way and leaves a snapshot built for the next run', async () => {
        const first = await mplanWith({ XDG_CACHE_HOME: cache }, ['check', 'ebook-list.mplan', ...AS_OF]);
        expect(startLine(first).how).toBe('mplan: started without the start-up snapshot: no snapshot yet (building one after this run)');
        expect(first.code).toBe(1);
        expect(first.stdout).toMatch(/unresolved-reference/);
        // The builder runs detached once the first run has exited; wait for its snapshot.
        for (let waited = 0; blobsIn(cache).length === 0 && waited < 100; waited++) {
            await new Promise(resolve => setTimeout(resolve, 250));
        }
        expect(blobsIn(cache)).toHaveLength(1);
        const next = await mplanWith({ XDG_CACHE_HOME: cache }, ['check', 'ebook-list.mplan', ...AS_OF]);
        expect(startLine(next).how).toMatch(/^mplan: started from the start-up snapshot /);
        expect(next.code).toBe(1);
        expect(steady(next.stdout)).toBe(steady(first.stdout));
    });

    it('builds none in CI, where no later run would use it', async () => {
        const run = await mplanWith({ XDG_CACHE_HOME: join(cache, 'ci'), CI: 'true' }, ['check', 'phone-retailer.mplan', ...AS_OF]);
        expect(startLine(run).how).toBe('mplan: started without the start-up snapshot: no snapshot (none is built in CI, see npm run build)');
        expect(run.code).toBe(0);
    });

    it('checks as usual when there is no cache folder to keep one in', async () => {
        const notAFolder = join(cache, 'a-file');
        writeFileSync(notAFolder, '');
        const run = await mplanWith({ XDG_CACHE_HOME: notAFolder }, ['check', 'phone-retailer.mplan', ...AS_OF]);
        expect(startLine(run).how).toMatch(/^mplan: started without the start-up snapshot: /);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^1 file checked in \S+ s: no problems\.\n$/);
        expect(startLine(run).rest).toBe('');
    });

    it('leaves the snapshot alone when Node.js runs with options of the user', async () => {
        const run = await mplanWith({ XDG_CACHE_HOME: cache, NODE_OPTIONS: '--no-warnings' }, ['check', 'phone-retailer.mplan', ...AS_OF]);
        expect(startLine(run).how).toBe('mplan: started without the start-up snapshot: NODE_OPTIONS is set');
        expect(run.code).toBe(0);
    });
});

describe('the start-up snapshot cache', () => {
    it('lives in the cache folder of the platform', () => {
        expect(cacheDirectory('linux', {}, '/home/ann')).toBe('/home/ann/.cache/mplan');
        expect(cacheDirectory('linux', { XDG_CACHE_HOME: '/var/cache/ann' }, '/home/ann')).toBe('/var/cache/ann/mplan');
        expect(cacheDirectory('linux', { XDG_CACHE_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.cache/mplan');
        expect(cacheDirectory('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Caches/mplan');
        expect(cacheDirectory('win32', { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Local\\mplan');
        expect(cacheDirectory('linux', {}, '')).toBeUndefined();
    });

    it('names a snapshot after its bundle and the Node.js that runs it', () => {
        const identity: SnapshotIdentity = {
            bundleHash: 'ab'.repeat(32), bundleDir: '/opt/mplan/out', nodeVersion: 'v24.1.0', platform: 'linux', arch: 'x64',
            execPath: '/usr/bin/node', execSize: 1000, execModified: 1
        };
        const names = new Set([
            identity,
            { ...identity, bundleHash: 'cd'.repeat(32) },
            { ...identity, nodeVersion: 'v24.2.0' },
            { ...identity, execModified: 2 },
            { ...identity, bundleDir: '/srv/mplan/out' }
        ].map(snapshotName));
        expect(names.size).toBe(5);
        expect(snapshotName(identity)).toMatch(/^mplan-abababababababab-node24\.1\.0-linux-x64-[0-9a-f]{16}$/);
    });

});

describe('the grammar', () => {
    it('passes chevrotain\'s checks, which mplan skips at every start', () => {
        // mplan runs in production mode (no grammar checks at each start); in development mode
        // chevrotain checks the lexer's tokens and the parser's grammar and throws on an error.
        const shared = inject(createDefaultSharedModule(EmptyFileSystem), MplanGeneratedSharedModule, MplanSharedModule);
        const Mplan = inject(createDefaultModule({ shared }), MplanGeneratedModule, MplanModule,
            { LanguageMetaData: () => ({ ...MplanLanguageMetaData, mode: 'development' as const }) });
        expect(Mplan.LanguageMetaData.mode).toBe('development');
        const result = Mplan.parser.LangiumParser.parse('plan Shop {\n}\n');
        expect(result.lexerErrors).toEqual([]);
    });
});

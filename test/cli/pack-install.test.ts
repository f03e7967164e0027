import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/index.js';
import { pinnedSettings, initializeServer, ROOT, STARTER_DATE_RULES, type Run } from './run.js';

/**
 * mplan installed as a user installs it from a tarball, away from this repository: `npm pack`, then
 * `npm install -g --prefix` into a temporary prefix and `npm install --save-dev` into a temporary
 * project, both with --offline (the package has no dependencies to fetch: the bundles carry them), and
 * every command run from folders outside the repository by the names the installs put on PATH.
 * Nothing touches the user's global prefix or mplan's cache folder (XDG_CACHE_HOME is a temporary
 * folder); npm's own cache is used as npm always does.
 */

/** The summary of a clean run of one file (with or without the time it took). */
const CLEAN = /^1 file checked\b[^:]*: no problems\.\n$/;

let work: string;
let tarball: string;
/** The global install: `npm install -g --prefix PREFIX`; mplan is then PREFIX/bin/mplan. */
let prefix: string;
let globalPackage: string;
/** A project with mplan among its dev dependencies. */
let project: string;
/** A folder outside the repository and outside the project. */
let outside: string;
let env: NodeJS.ProcessEnv;

/**
 * The install line of docs/ci.md (`npm install --save-dev ./vendor/mplan-X.tgz`) as arguments of npm;
 * the tarball it names must be the one `npm pack` writes.
 */
function ciDocInstallLine(): string[] {
    const page = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
    const install = page.slice(page.indexOf('\n## Install\n'), page.indexOf('\n## ', page.indexOf('\n## Install\n') + 1));
    const lines = [...install.matchAll(/^npm install --save-dev (\S+)$/gm)];
    expect(lines.map(line => line[1])).toEqual([`./vendor/${basename(tarball)}`]);
    return lines[0][0].split(' ').slice(1);
}

/** Runs `command` (found on the test's PATH, as a shell would find it) in `cwd`. */
function run(command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
    return new Promise(resolve => {
        execFile(command, args, { cwd, env: { ...env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

/** `npx --no-install …`: npm's own warnings (about this machine's npm settings) left out of stderr. */
async function npx(args: string[], cwd: string): Promise<Run> {
    const result = await run('npx', ['--no-install', ...args], cwd);
    return { ...result, stderr: result.stderr.split('\n').filter(line => !line.startsWith('npm warn')).join('\n') };
}

function initialize(command: string, args: string[], cwd: string): Promise<Record<string, unknown>> {
    return initializeServer(command, args, cwd, env);
}

/** The last line `mplan init` prints: what to run next. */
function nextLine(init: Run): string {
    return init.stdout.trimEnd().split('\n').pop()!;
}

/**
 * Gives the mplan.json that `init` wrote the pinned rules (test/fixtures/README.md, and those that read
 * the starter plan's dates), keeping its `$schema`: the starter plan is held to every rule in
 * test/language/examples.test.ts, here to the pinned ones, by the file as mplan reads it.
 */
function pinFolder(folder: string): void {
    const written = JSON.parse(readFileSync(join(folder, 'mplan.json'), 'utf8')) as { $schema: string };
    const pinned = JSON.parse(pinnedSettings({ rules: STARTER_DATE_RULES })) as object;
    writeFileSync(join(folder, 'mplan.json'), JSON.stringify({ $schema: written.$schema, ...pinned }, null, 2) + '\n');
}

/** The schema file a `$schema` of an mplan.json in `folder` refers to (a file URL, or a path relative to the folder). */
function schemaFile(folder: string, reference: string): string {
    return reference.startsWith('file:') ? fileURLToPath(reference) : join(folder, reference);
}

beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out', 'cli.cjs'))) throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
    work = realpathSync(mkdtempSync(join(tmpdir(), 'mplan-install-')));
    expect(relative(ROOT, work).startsWith('..')).toBe(true);
    prefix = join(work, 'global');
    globalPackage = join(prefix, 'lib', 'node_modules', 'mplan');
    project = join(work, 'shop');
    outside = join(work, 'elsewhere');
    mkdirSync(outside);
    env = {
        ...process.env,
        // The global install's bin first, then the Node that runs the tests (mplan needs Node >= 22), npm and npx.
        PATH: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
        // mplan's cache folder (start-up snapshot, compiled code), of this test only.
        XDG_CACHE_HOME: join(work, 'cache'),
        // No start-up snapshot built in the background after a run (the one below is built first, in the foreground).
        CI: '1',
        NO_COLOR: '1',
        npm_config_update_notifier: 'false',
        npm_config_fund: 'false',
        npm_config_audit: 'false'
    };
    delete env.MPLAN_SNAPSHOT;
    delete env.NODE_OPTIONS;

    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    const [packed] = JSON.parse(pack.stdout) as Array<{ name: string; version: string }>;
    tarball = join(work, `${packed.name}-${packed.version}.tgz`);

    const installGlobal = await run('npm', ['install', '--global', '--offline', '--prefix', prefix, tarball], work);
    if (installGlobal.code !== 0) throw new Error(`npm install -g failed: ${installGlobal.stderr}`);

    // Into a project, by the install line of docs/ci.md, as written (and --offline), with the tarball in vendor/.
    mkdirSync(join(project, 'vendor'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop-plans', private: true }, null, 2) + '\n');
    copyFileSync(tarball, join(project, 'vendor', basename(tarball)));
    const installLocal = await run('npm', [...ciDocInstallLine(), '--offline'], project);
    if (installLocal.code !== 0) throw new Error(`npm install --save-dev failed: ${installLocal.stderr}`);
}, 120_000);

it('is the file the README, docs/ci.md and docs/editors.md tell to install', () => {
    for (const page of ['README.md', join('docs', 'ci.md'), join('docs', 'editors.md')]) {
        const named = [...readFileSync(join(ROOT, page), 'utf8').matchAll(/\bmplan-[\w.-]+\.tgz\b/g)].map(match => match[0]);
        expect(named.length, page).toBeGreaterThan(0);
        expect(new Set(named), page).toEqual(new Set([basename(tarball)]));
    }
});

describe('installed globally (npm install -g, offline)', () => {
    it('puts mplan, mplan-language-server and mplan-mcp on PATH, a copy of the package, not a link into this repository', () => {
        for (const bin of ['mplan', 'mplan-language-server', 'mplan-mcp']) {
            expect(realpathSync(join(prefix, 'bin', bin)).startsWith(globalPackage), bin).toBe(true);
        }
    });

    it('starts from a start-up snapshot built for the installed bundle', async () => {
        const build = await run(process.execPath, [join(globalPackage, 'out', 'cli.cjs')], outside, { MPLAN_SNAPSHOT_BUILD: '1' });
        expect(build.stdout).toMatch(/^mplan: start-up snapshot built: /);
        expect(build.stdout).toContain(join(work, 'cache', 'mplan'));
        const folder = join(outside, 'snapshot');
        mkdirSync(folder);
        const version = await run('mplan', ['rules', '--format', 'json'], folder, { MPLAN_DEBUG_START: '1' });
        expect(version.code).toBe(0);
        expect(version.stderr).toMatch(/^mplan: started from the start-up snapshot /);
        expect(JSON.parse(version.stdout).length).toBe(RULES.length);
    });

    describe('mplan init in a folder outside the repository', () => {
        let folder: string;
        let init: Run;

        beforeAll(async () => {
            init = await run('mplan', ['init', 'launch-2027'], outside);
            folder = join(outside, 'launch-2027');
        });

        it('says to run mplan check, as the shell finds it', () => {
            expect(init.stderr).toBe('');
            expect(init.code).toBe(0);
            expect(nextLine(init)).toBe('Next: cd launch-2027 && mplan check');
        });

        it('points $schema at the installed package\'s schema, as a file URL', () => {
            const schema = JSON.parse(readFileSync(join(folder, 'mplan.json'), 'utf8')).$schema as string;
            expect(schema).toBe(pathToFileURL(join(globalPackage, 'schemas', 'mplan.schema.json')).href);
            expect(JSON.parse(readFileSync(schemaFile(folder, schema), 'utf8')).title).toMatch(/mplan\.json/);
        });

        it('checks the starter plan clean (exit 0) and a plan without a guarantee with missing-guarantee (exit 1)', async () => {
            pinFolder(folder);
            expect(await run('mplan', ['check'], folder)).toEqual({ code: 0, stdout: expect.stringMatching(CLEAN), stderr: '' });

            // The shop decides against refunds: the guarantee and its terms go.
            const starter = readFileSync(join(folder, 'plan.mplan'), 'utf8');
            const withoutGuarantee = starter.replace(/^ {4}guarantee money back.*\n(?: {8}.*\n)*/m, '');
            expect(withoutGuarantee).not.toMatch(/^ *guarantee /m);
            expect(withoutGuarantee).not.toContain('refunds');
            writeFileSync(join(folder, 'no-refunds.mplan'), withoutGuarantee);
            const line = withoutGuarantee.split('\n').findIndex(text => text.startsWith('plan MyPlan {')) + 1;
            const flawed = await run('mplan', ['check', 'no-refunds.mplan'], folder);
            expect(flawed.code).toBe(1);
            expect(flawed.stdout).toContain(`no-refunds.mplan:${line}:6  error    The plan has no money-back guarantee`);
            expect(flawed.stdout).toMatch(/ missing-guarantee\n/);
        });

        it('writes a report of the starter plan', async () => {
            const report = await run('mplan', ['report', 'plan.mplan', '--out', 'plan-report.md'], folder);
            expect(report).toEqual({ code: 0, stdout: 'wrote plan-report.md\n', stderr: '' });
            expect(readFileSync(join(folder, 'plan-report.md'), 'utf8')).toMatch(/^# Plan report: MyPlan\n/);
        });
    });

    it('explains a rule from the docs page the package ships', async () => {
        const explain = await run('mplan', ['explain', 'missing-guarantee'], outside);
        expect(explain.code).toBe(0);
        expect(explain.stdout).toContain(RULES.find(rule => rule.id === 'missing-guarantee')!.description);
        const page = readFileSync(join(ROOT, 'docs', 'rules', 'missing-guarantee.md'), 'utf8').replace(/^# .*\n+/, '');
        expect(explain.stdout).toContain(page.split('\n')[0]);
        expect(explain.stdout).not.toContain('No docs page found');
    });

    it('answers initialize from mplan lsp --stdio and from mplan-language-server --stdio', async () => {
        const [viaCli, viaServer] = await Promise.all([
            initialize('mplan', ['lsp', '--stdio'], outside),
            initialize('mplan-language-server', ['--stdio'], outside)
        ]);
        expect(viaCli.hoverProvider).toBeTruthy();
        expect(viaServer.documentFormattingProvider).toBeTruthy();
    });
});

describe('installed into a project (npm install --save-dev, offline)', () => {
    it('npx mplan init says to run npx mplan check and points $schema into the project\'s node_modules', async () => {
        const init = await npx(['mplan', 'init', 'plans'], project);
        expect(init.code).toBe(0);
        expect(nextLine(init)).toBe('Next: cd plans && npx mplan check');
        const folder = join(project, 'plans');
        const schema = JSON.parse(readFileSync(join(folder, 'mplan.json'), 'utf8')).$schema as string;
        expect(schema).toBe('../node_modules/mplan/schemas/mplan.schema.json');
        expect(JSON.parse(readFileSync(schemaFile(folder, schema), 'utf8')).title).toMatch(/mplan\.json/);

        pinFolder(folder);
        expect(await npx(['mplan', 'check'], folder)).toEqual({ code: 0, stdout: expect.stringMatching(CLEAN), stderr: '' });
        expect(await npx(['mplan', 'report', 'plan.mplan', '--out', 'report.html'], folder)).toMatchObject({ code: 0, stdout: 'wrote report.html\n' });
        expect(readFileSync(join(folder, 'report.html'), 'utf8')).toContain('MyPlan');
    });

    it('the global mplan, run in the project, says mplan check and still writes the project\'s schema, which travels with it', async () => {
        const init = await run('mplan', ['init', 'campaigns'], project);
        expect(init.code).toBe(0);
        expect(nextLine(init)).toBe('Next: cd campaigns && mplan check');
        expect(JSON.parse(readFileSync(join(project, 'campaigns', 'mplan.json'), 'utf8')).$schema).toBe('../node_modules/mplan/schemas/mplan.schema.json');
    });

    it('records the tarball in package.json, and npm ci installs it again from the lock file, offline, as CI does', async () => {
        const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
        expect(manifest.devDependencies).toEqual({ mplan: `file:vendor/${basename(tarball)}` });
        const checkout = join(work, 'checkout');
        mkdirSync(checkout);
        for (const file of ['package.json', 'package-lock.json', 'vendor']) cpSync(join(project, file), join(checkout, file), { recursive: true });
        expect(await run('npm', ['ci', '--offline'], checkout)).toMatchObject({ code: 0 });
        const explain = await npx(['mplan', 'explain', 'missing-guarantee'], checkout);
        expect(explain.code).toBe(0);
        expect(explain.stdout).toMatch(/^# missing-guarantee\n/);
    });

    it('starts the language server with npx mplan lsp --stdio', async () => {
        const capabilities = await initialize('npx', ['--no-install', 'mplan', 'lsp', '--stdio'], project);
        expect(capabilities.documentFormattingProvider).toBeTruthy();
    });
});

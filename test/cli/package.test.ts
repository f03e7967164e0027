import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/index.js';
import { initializeServer, mplan, PINNED, pinnedSettingsFile, PLANS, ROOT, STARTER_DATE_RULES, type Run } from './run.js';
import { connectMcp, structured } from '../mcp/client.js';

/** The summary of a clean run of one file (with or without the time it took). */
const CLEAN = /^1 file checked\b[^:]*: no problems\.\n$/;

/**
 * The npm package as a user gets it: `npm pack` once, then the tarball is
 * unpacked where no node_modules can be found (the bundles must carry their
 * dependencies) and installed into an empty folder (`npx mplan …` there).
 */

/** The Node that runs the tests first on PATH, so that npm, npx and the bins use it (mplan needs Node >= 22). */
const ENV = { ...process.env, NO_COLOR: '1', PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };

/**
 * The bundles a user runs: the CLI (entry, commands, the parallel check's worker), the language server
 * and the MCP server; not their source maps (large) nor out/core.cjs (the benchmark's).
 */
const BUNDLES = ['out/cli.cjs', 'out/cli-main.cjs', 'out/check-worker.cjs', 'out/server.cjs', 'out/mcp.cjs'];

/** What a user of the package needs, and nothing else: the bins, the bundles, the rule docs, the schema. */
const EXPECTED_FILES = [
    'LICENSE', 'README.md', 'package.json',
    'bin/mplan.cjs', 'bin/mplan-language-server.cjs', 'bin/mplan-mcp.cjs',
    ...BUNDLES,
    'schemas/mplan.schema.json',
    // The language reference that syntax errors point at.
    'docs/language.md',
    ...RULES.map(rule => `docs/rules/${rule.id}.md`)
].sort();

function run(command: string, args: string[], cwd: string): Promise<Run> {
    return new Promise(resolve => {
        execFile(command, args, { cwd, env: ENV, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

function tempDir(): string {
    return mkdtempSync(join(tmpdir(), 'mplan-'));
}

function initialize(command: string, args: string[], cwd: string): Promise<Record<string, unknown>> {
    return initializeServer(command, args, cwd, ENV);
}

let work: string;
let tarball: string;
/** The tarball unpacked: `package/` in it is the package as published. */
let unpacked: string;
let packed: { name: string; version: string; files: Array<{ path: string }> };

beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out', 'cli.cjs'))) throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
    work = tempDir();
    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    [packed] = JSON.parse(pack.stdout);
    tarball = join(work, `${packed.name}-${packed.version}.tgz`);
    unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    const tar = await run('tar', ['xzf', tarball, '-C', unpacked], unpacked);
    if (tar.code !== 0) throw new Error(`cannot unpack ${tarball}: ${tar.stderr}`);
}, 120_000);

describe('the npm package', () => {
    it('contains exactly what a user needs: bins, bundles (no source maps), rule docs, the language reference, schema, README, LICENSE', () => {
        expect(BUNDLES).toEqual(expect.arrayContaining(['out/cli.cjs', 'out/cli-main.cjs', 'out/server.cjs']));
        expect(packed.files.map(file => file.path).sort()).toEqual(EXPECTED_FILES);
    });

    it('declares its three commands as bins', () => {
        const pkg = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8'));
        expect(pkg.bin).toEqual({ mplan: 'bin/mplan.cjs', 'mplan-language-server': 'bin/mplan-language-server.cjs', 'mplan-mcp': 'bin/mplan-mcp.cjs' });
        // Everything the package runs is bundled: it depends on nothing at run time.
        expect(pkg.dependencies).toBeUndefined();
    });

    it('runs unpacked with no node_modules anywhere: the bundles carry their dependencies', async () => {
        const dir = unpacked;
        for (let folder = dir; dirname(folder) !== folder; folder = dirname(folder)) {
            expect(existsSync(join(folder, 'node_modules')), folder).toBe(false);
        }
        // The clean fixture plan, judged by the rules its mplan.json pins (test/fixtures/README.md).
        copyFileSync(join(PLANS, 'phone-retailer.mplan'), join(dir, 'phone-retailer.mplan'));
        copyFileSync(PINNED, join(dir, 'mplan.json'));
        const check = await run(process.execPath, [join(dir, 'package', 'bin', 'mplan.cjs'), 'check', 'phone-retailer.mplan', '--as-of', '2027-01-15'], dir);
        expect(check).toEqual({ code: 0, stdout: expect.stringMatching(CLEAN), stderr: '' });
        const capabilities = await initialize(process.execPath, [join(dir, 'package', 'bin', 'mplan-language-server.cjs'), '--stdio'], dir);
        expect(capabilities.hoverProvider).toBeTruthy();
        // The MCP server, its SDK bundled in: the same check, and the language reference it ships.
        const mcp = await connectMcp(process.execPath, [join(dir, 'package', 'bin', 'mplan-mcp.cjs')], dir, ENV);
        try {
            const checked = await structured<{ summary: { errors: number; warnings: number; infos: number } }>(mcp, 'check', { paths: ['phone-retailer.mplan'], asOf: '2027-01-15' });
            expect(checked.summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0 });
            const reference = await mcp.client.readResource({ uri: 'mplan://docs/language' });
            expect((reference.contents[0] as { text: string }).text).toBe(readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8'));
        } finally {
            await mcp.close();
        }
    });

    describe('installed into an empty folder', () => {
        let project: string;
        /** `npx --no-install …` in the project; npm's own warnings (about this machine's npm settings) left out of stderr. */
        const npx = async (args: string[], cwd = project): Promise<Run> => {
            const result = await run('npx', ['--no-install', ...args], cwd);
            return { ...result, stderr: result.stderr.split('\n').filter(line => !line.startsWith('npm warn')).join('\n') };
        };

        beforeAll(async () => {
            project = join(work, 'project');
            mkdirSync(project);
            const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
            if (install.code !== 0) throw new Error(`npm install failed: ${install.stderr}`);
        }, 120_000);

        it('npx mplan check reports as the built command does', async () => {
            copyFileSync(join(PLANS, 'ebook-list.mplan'), join(project, 'ebook-list.mplan'));
            const installed = await npx(['mplan', 'check', 'ebook-list.mplan', '--as-of', '2027-01-15']);
            expect(installed.code).toBe(1);
            expect(installed.stdout).toContain("ebook-list.mplan:21:6  error    The plan has no money-back guarantee: most buyers will not purchase without one. Add an offer with 'guarantee money back 30 days'.  missing-guarantee\n");
            // The JSON output holds no timing, so the two can be compared whole.
            const json = ['check', 'ebook-list.mplan', '--as-of', '2027-01-15', '--format', 'json'];
            const [installedJson, builtJson] = await Promise.all([npx(['mplan', ...json]), mplan(json, project)]);
            expect(JSON.parse(installedJson.stdout).files[0].findings.length).toBeGreaterThan(0);
            expect(installedJson.stdout).toBe(builtJson.stdout);
        });

        it('answers --version with the package version and explains rules from the shipped docs', async () => {
            expect((await npx(['mplan', '--version'])).stdout).toBe(`${packed.version}\n`);
            const explain = await npx(['mplan', 'explain', 'missing-guarantee']);
            expect(explain.code).toBe(0);
            expect(explain.stdout).toContain(RULES.find(rule => rule.id === 'missing-guarantee')!.description);
        });

        it('mplan init in a subfolder writes an mplan.json whose $schema is the installed schema, and checks clean by the pinned rules', async () => {
            const init = await npx(['mplan', 'init', 'plans']);
            expect(init.code).toBe(0);
            const plans = join(project, 'plans');
            const schema = JSON.parse(readFileSync(join(plans, 'mplan.json'), 'utf8')).$schema;
            expect(schema).toBe('../node_modules/mplan/schemas/mplan.schema.json');
            expect(JSON.parse(readFileSync(join(plans, schema), 'utf8')).title).toMatch(/mplan\.json/);
            // The starter plan is held to every rule by test/cli/init.test.ts; here, to the pinned ones (and those of its dates).
            const pinned = pinnedSettingsFile({ rules: STARTER_DATE_RULES });
            expect(await npx(['mplan', 'check', '--config', pinned], plans)).toEqual({ code: 0, stdout: expect.stringMatching(CLEAN), stderr: '' });
        });

        it('starts the language server from its bin', async () => {
            const capabilities = await initialize(join(project, 'node_modules', '.bin', 'mplan-language-server'), ['--stdio'], project);
            expect(capabilities.documentFormattingProvider).toBeTruthy();
        });

        it('starts the MCP server by each set-up of docs/ai-assistants.md, from a folder outside the project', async () => {
            const page = readFileSync(join(ROOT, 'docs', 'ai-assistants.md'), 'utf8');
            const setups = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map(match => JSON.parse(match[1]) as { servers?: Record<string, { command: string; args: string[] }>; mcpServers?: Record<string, { command: string; args: string[] }> });
            const servers = setups.map(setup => (setup.servers ?? setup.mcpServers)!.mplan);
            expect(servers).toHaveLength(3);
            copyFileSync(join(PLANS, 'ebook-list.mplan'), join(project, 'ebook-list.mplan'));
            copyFileSync(PINNED, join(project, 'mplan.json'));
            const elsewhere = tempDir();
            for (const server of servers) {
                const args = server.args.map(arg => arg.replace('${workspaceFolder}', project).replace('/Users/you/plans', project));
                const mcp = await connectMcp(server.command, args, elsewhere, ENV);
                try {
                    const checked = await structured<{ files: Array<{ path: string; findings: unknown[] }> }>(mcp, 'check', { paths: ['ebook-list.mplan'], asOf: '2027-01-15' });
                    expect(checked.files[0].path, args.join(' ')).toBe('ebook-list.mplan');
                    expect(checked.files[0].findings.length).toBeGreaterThan(0);
                } finally {
                    await mcp.close();
                }
            }
        });

        it('starts the MCP server from its bin and by npx mplan mcp', async () => {
            for (const [command, args] of [[join(project, 'node_modules', '.bin', 'mplan-mcp'), []], ['npx', ['--no-install', 'mplan', 'mcp']]] as const) {
                const mcp = await connectMcp(command, [...args], project, ENV);
                try {
                    const rule = await structured<{ explanation: string }>(mcp, 'explain_rule', { rule: 'missing-guarantee' });
                    expect(rule.explanation).not.toContain('No docs page found');
                } finally {
                    await mcp.close();
                }
            }
        });
    });
});

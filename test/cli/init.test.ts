import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { shellWord } from '../../src/cli/starter/route.js';
import { pinnedSettingsFile, ROOT, STARTER_DATE_RULES, type Run } from './run.js';

/** The summary of a clean run of one file (with or without the time it took). */
const CLEAN = /^1 file checked\b[^:]*: no problems\.\n$/;

/** The bin of this clone, as the tests run it (by its path: the "clone" route of src/cli/starter/route.ts). */
const BIN = join(ROOT, 'bin', 'mplan.cjs');
/** What init says to run next when mplan was started by its path from this clone. */
const CLONE_COMMAND = `node ${shellWord(BIN)}`;
/** This clone's schema, as the file URL init writes when no mplan is installed above the folder. */
const CLONE_SCHEMA = pathToFileURL(join(ROOT, 'schemas', 'mplan.schema.json')).href;

function isExecutable(file: string): boolean {
    try {
        accessSync(file, constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

/** The PATH of the tests without any folder that holds an `mplan` (one installed on this machine, or linked). */
const PATH_WITHOUT_MPLAN = [dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter)]
    .filter(folder => folder && !isExecutable(join(folder, 'mplan'))).join(delimiter);

/** Runs the built `mplan` binary by its path, as a user of a clone would, with PATH as given (by default, no mplan on it). */
function mplan(args: string[], cwd: string, path = PATH_WITHOUT_MPLAN): Promise<Run> {
    return new Promise(resolve => {
        execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PATH: path } }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

/** The last line init prints: what to run next. */
function nextLine(run: Run): string {
    return run.stdout.trimEnd().split('\n').pop()!;
}

/**
 * `--config` of settings that pin the rules the starter plan is judged by
 * (those of the fixture plans, test/fixtures/README.md, and those that read
 * its dates), so that a new rule changes no test here: the starter plan is
 * held to every rule in test/language/examples.test.ts.
 */
let pinned: string[];

/**
 * The starter plan's dates are counted from the day `mplan init` runs (see
 * src/language/starter-plan.ts), so a test that judges it on a fixed day must also
 * write it on a fixed day. This runs the built binary with its clock set to
 * `now` (a preloaded script replaces `Date`, as faketime would), for both
 * commands, so that "today" means the same day to init and to check.
 */
let clockScript: string;
function mplanOn(now: string, args: string[], cwd: string): Promise<Run> {
    const env = { ...process.env, NO_COLOR: '1', MPLAN_TEST_NOW: now, NODE_OPTIONS: `--require ${clockScript}` };
    return new Promise(resolve => {
        execFile(process.execPath, [BIN, ...args], { cwd, env }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

function tempDir(): string {
    return mkdtempSync(join(tmpdir(), 'mplan-'));
}

/** The campaign's period and review as written in a starter plan. */
function campaignDates(plan: string): { from: string; to: string; review: string } {
    const block = /^campaign Launch \{[\s\S]*?^\}/m.exec(plan)![0];
    const [, from, to] = /from (\S+) to (\S+)/.exec(block)!;
    return { from, to, review: /review on (\S+)/.exec(block)![1] };
}

function dayAfter(iso: string): string {
    return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'cli.cjs'))) throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
    pinned = ['--config', pinnedSettingsFile({ rules: STARTER_DATE_RULES })];
    clockScript = join(tempDir(), 'clock.cjs');
    writeFileSync(clockScript, `
const now = Date.parse(process.env.MPLAN_TEST_NOW);
const RealDate = Date;
class FixedDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(now); else super(...args); }
    static now() { return now; }
}
globalThis.Date = FixedDate;
`);
});

describe('mplan init', () => {
    it('writes a starter plan and mplan.json, clean by the pinned rules, and says what to run next', async () => {
        const dir = tempDir();
        const run = await mplan(['init'], dir);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^created +plan\.mplan +a starter plan/m);
        expect(run.stdout).toMatch(/^created +mplan\.json +the settings/m);
        // Started by its path from a clone, with no mplan on PATH: that path is what runs it again.
        expect(nextLine(run)).toBe(`Next: ${CLONE_COMMAND} check`);

        // No mplan installed above the folder: the schema of the mplan that ran, which is there.
        const config = JSON.parse(readFileSync(join(dir, 'mplan.json'), 'utf8'));
        expect(config).toEqual({ $schema: CLONE_SCHEMA, rules: {} });
        expect(existsSync(new URL(config.$schema))).toBe(true);

        // Judged today (no --as-of) by the pinned rules.
        expect(await mplan(['check', ...pinned], dir)).toEqual({ code: 0, stdout: expect.stringMatching(CLEAN), stderr: '' });
    });

    it('teaches the language in comments and uses its main blocks', async () => {
        const dir = tempDir();
        await mplan(['init'], dir);
        const plan = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        for (const block of ['plan', 'product', 'segment', 'competitor', 'research', 'strategy', 'tactic', 'campaign']) {
            expect(plan, block).toMatch(new RegExp(`^// .*\\n${block}( \\w+)? \\{`, 'm'));
        }
        for (const fact of ['goal', 'currency', 'budget', 'guarantee money back', 'upsell', 'unsubscribe link in every email', 'track sales, satisfaction']) {
            expect(plan, fact).toContain(`    ${fact}`);
        }
        expect(plan).toMatch(/^funnel \{/m);
        expect(plan).toMatch(/^offer \{/m);
    });

    it('is already in the house style of mplan format', async () => {
        const dir = tempDir();
        await mplan(['init'], dir);
        expect(await mplan(['format', '--check'], dir)).toEqual({ code: 0, stdout: '1 file already formatted.\n', stderr: '' });
    });

    it.each([
        // [the day init runs, the campaign it plans]
        ['2027-01-15', { from: '2027-02-01', to: '2027-07-31', review: '2027-08-14' }],
        ['2027-12-20', { from: '2028-01-01', to: '2028-06-30', review: '2028-07-14' }],
        ['2028-01-31', { from: '2028-02-01', to: '2028-07-31', review: '2028-08-14' }]
    ])('written on %s, plans a campaign from the first of the next month, clean on that day', async (now, expected) => {
        const dir = tempDir();
        expect((await mplanOn(`${now}T12:00:00Z`, ['init'], dir)).code).toBe(0);
        const plan = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        expect(campaignDates(plan)).toEqual(expected);
        // Judged by the pinned day, and by "today" as the same clock sees it.
        expect(await mplan(['check', '--as-of', now, ...pinned], dir)).toEqual({ code: 0, stdout: expect.stringMatching(CLEAN), stderr: '' });
        expect(await mplanOn(`${now}T12:00:00Z`, ['check', ...pinned], dir)).toEqual({ code: 0, stdout: expect.stringMatching(CLEAN), stderr: '' });
    });

    it('stays clean while its campaign runs and asks for the results once it has ended (by design)', async () => {
        const dir = tempDir();
        await mplanOn('2027-01-15T12:00:00Z', ['init'], dir);
        const { to } = campaignDates(readFileSync(join(dir, 'plan.mplan'), 'utf8'));
        expect((await mplan(['check', '--as-of', to, ...pinned], dir)).stdout).toMatch(CLEAN);
        const after = await mplan(['check', '--as-of', dayAfter(to), '--format', 'json', ...pinned], dir);
        expect(after.code).toBe(0);
        expect(JSON.parse(after.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['missing-results']);
    });

    it('writes into the folder given, creating it, and says to check from there', async () => {
        const root = tempDir();
        const run = await mplan(['init', 'plans/2027'], root);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^created +plans\/2027\/plan\.mplan /m);
        expect(run.stdout).toMatch(/^created +plans\/2027\/mplan\.json /m);
        expect(nextLine(run)).toBe(`Next: cd plans/2027 && ${CLONE_COMMAND} check`);
        expect(await mplan(['check', ...pinned], join(root, 'plans', '2027'))).toMatchObject({ code: 0, stdout: expect.stringMatching(CLEAN) });
    });

    it('quotes a folder with spaces in the next command', async () => {
        const root = tempDir();
        const run = await mplan(['init', 'my plans'], root);
        expect(nextLine(run)).toBe(`Next: cd 'my plans' && ${CLONE_COMMAND} check`);
    });

    it('says mplan check when the mplan on PATH is this one (a global install, npm link)', async () => {
        const root = tempDir();
        const bin = join(root, 'bin');
        mkdirSync(bin);
        symlinkSync(BIN, join(bin, 'mplan'));
        const run = await mplan(['init', 'plans'], root, `${bin}${delimiter}${PATH_WITHOUT_MPLAN}`);
        expect(nextLine(run)).toBe('Next: cd plans && mplan check');
    });

    it('does not say mplan check when the mplan first on PATH is another one', async () => {
        const root = tempDir();
        const bin = join(root, 'bin');
        mkdirSync(bin);
        writeFileSync(join(bin, 'mplan'), '#!/bin/sh\necho "an older mplan"\n', { mode: 0o755 });
        // This mplan is on PATH too, but the shell runs the first.
        mkdirSync(join(root, 'later'));
        symlinkSync(BIN, join(root, 'later', 'mplan'));
        const run = await mplan(['init', 'plans'], root, [bin, join(root, 'later'), PATH_WITHOUT_MPLAN].join(delimiter));
        expect(nextLine(run)).toBe(`Next: cd plans && ${CLONE_COMMAND} check`);
    });

    it('says npx mplan check in a project whose node_modules/.bin/mplan is this one, also when run by npx (its .bin on PATH)', async () => {
        const project = tempDir();
        writeFileSync(join(project, 'package.json'), '{ "name": "shop-plans", "private": true }\n');
        const localBin = join(project, 'node_modules', '.bin');
        mkdirSync(localBin, { recursive: true });
        symlinkSync(BIN, join(localBin, 'mplan'));
        const run = await mplan(['init', 'plans'], project, `${localBin}${delimiter}${PATH_WITHOUT_MPLAN}`);
        expect(nextLine(run)).toBe('Next: cd plans && npx mplan check');
        // Run in the folder itself: no cd.
        const here = await mplan(['init', '--force'], join(project, 'plans'), `${localBin}${delimiter}${PATH_WITHOUT_MPLAN}`);
        expect(nextLine(here)).toBe('Next: npx mplan check');
    });

    it('points $schema at the schema of the mplan installed above the folder', async () => {
        const root = tempDir();
        mkdirSync(join(root, 'node_modules', 'mplan', 'schemas'), { recursive: true });
        writeFileSync(join(root, 'node_modules', 'mplan', 'schemas', 'mplan.schema.json'), '{}');
        expect((await mplan(['init', 'plans'], root)).code).toBe(0);
        expect(JSON.parse(readFileSync(join(root, 'plans', 'mplan.json'), 'utf8')).$schema).toBe('../node_modules/mplan/schemas/mplan.schema.json');
        expect((await mplan(['init'], root)).code).toBe(0);
        expect(JSON.parse(readFileSync(join(root, 'mplan.json'), 'utf8')).$schema).toBe('./node_modules/mplan/schemas/mplan.schema.json');
    });

    it('refuses to overwrite a file without --force, names it, and writes nothing, not even the other file', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'plan.mplan'), 'plan Mine {}\n');
        const run = await mplan(['init'], dir);
        expect(run).toEqual({ code: 2, stdout: '', stderr: 'mplan: plan.mplan: already exists; nothing written (--force overwrites it)\n' });
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toBe('plan Mine {}\n');
        expect(existsSync(join(dir, 'mplan.json'))).toBe(false);
    });

    it('names both files when both exist, and overwrites them with --force', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'plan.mplan'), 'plan Mine {}\n');
        writeFileSync(join(dir, 'mplan.json'), '{"rules": {"no-free-offer": "off"}}\n');
        expect(await mplan(['init', '.'], dir)).toEqual({
            code: 2, stdout: '', stderr: 'mplan: plan.mplan and mplan.json: already exist; nothing written (--force overwrites them)\n'
        });
        expect(readFileSync(join(dir, 'mplan.json'), 'utf8')).toBe('{"rules": {"no-free-offer": "off"}}\n');

        const forced = await mplan(['init', '--force'], dir);
        expect(forced.code).toBe(0);
        expect(forced.stdout).toMatch(/^overwrote plan\.mplan /m);
        expect(forced.stdout).toMatch(/^overwrote mplan\.json /m);
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toContain('plan MyPlan {');
        expect(JSON.parse(readFileSync(join(dir, 'mplan.json'), 'utf8'))).toEqual({ $schema: CLONE_SCHEMA, rules: {} });
        expect(await mplan(['check', ...pinned], dir)).toMatchObject({ code: 0, stdout: expect.stringMatching(CLEAN) });
    });

    it('takes one folder at most', async () => {
        const dir = tempDir();
        expect(await mplan(['init', 'a', 'b'], dir)).toEqual({ code: 2, stdout: '', stderr: 'mplan: init takes one folder, not 2 (a, b)\n' });
        expect(existsSync(join(dir, 'a'))).toBe(false);
    });

    it('refuses a folder that is a file, and a starter name taken by a folder, in one line', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'notes.txt'), 'x');
        expect(await mplan(['init', 'notes.txt'], dir)).toEqual({ code: 2, stdout: '', stderr: 'mplan: notes.txt: not a directory\n' });
        mkdirSync(join(dir, 'plan.mplan'));
        expect(await mplan(['init', '--force'], dir)).toEqual({ code: 2, stdout: '', stderr: 'mplan: plan.mplan: not a file, cannot write there; nothing written\n' });
        expect(existsSync(join(dir, 'mplan.json'))).toBe(false);
    });

    it('rejects options it does not have', async () => {
        const run = await mplan(['init', '--as-of', '2027-01-15'], tempDir());
        expect(run.code).toBe(2);
        expect(run.stderr).toBe("mplan: unknown option '--as-of' for mplan init. --as-of is an option of mplan check and mplan report. (mplan init --help lists its options)\n");
    });
});

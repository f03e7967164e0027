/**
 * `mplan format` and `mplan check --fix` never leave a partial file
 * (src/cli/write.ts): the built binary is killed with SIGKILL at seeded
 * random moments, many times, while it rewrites a 3 MB plan, and after each
 * kill the plan must be byte for byte the old text or the new one. Kills are
 * aimed two ways: at moments spread over the whole run, and at moments just
 * after the temporary file appears (seen by a folder watch), spread over the
 * time its write takes, so that many land while it is being written. A
 * killed process leaves its hidden temporary file (`.plan.mplan.<pid>.<random>.tmp`);
 * nothing else may appear, and the next successful write removes them all.
 * A write that fails part-way (the file size limit: the first write is cut
 * short, the next fails) leaves the old file and no temporary file.
 */
import { spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pinnedSettingsFile, PLANS, ROOT } from './run.js';

const BIN = join(ROOT, 'bin', 'mplan.cjs');
const SEED = 0x5eed_2027;

/** A small seeded generator (mulberry32): the same kill moments on every run. */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The hidden temporary file of a write to plan.mplan, and the process that made it. */
const TEMPORARY = /^\.plan\.mplan\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * A plan of about `bytes` bytes that the formatter rewrites throughout: a
 * plan block indented by two spaces, then comment lines indented by three
 * (the house style indents neither). Comments parse at once, so the size is
 * what the write takes, not what the check takes.
 */
function messyPlan(bytes: number, head: string): string {
    const lines = [head];
    let size = head.length;
    for (let i = 0; size < bytes; i++) {
        const line = `   // note ${i}: a comment line indented the wrong way\n`;
        lines.push(line);
        size += line.length;
    }
    return lines.join('');
}

interface Outcome { exit: number | string; text: Buffer; entries: string[] }

/**
 * Runs the binary in `dir` and, when `killAt` says when, kills it with
 * SIGKILL: `killAt.fromStart` ms after it starts, or `killAt.afterTemporary`
 * ms after its temporary file appears (if it appears: a run that ends first
 * is not killed). Then what the folder holds.
 */
async function runAndKill(dir: string, args: string[], killAt?: { fromStart?: number; afterTemporary?: number }): Promise<Outcome & { pid: number }> {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    const pid = child.pid!;
    const kill = () => child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    let aimed = false;
    const watcher = watch(dir, (_event, name) => {
        if (aimed || killAt?.afterTemporary === undefined || !name) return;
        const match = TEMPORARY.exec(String(name));
        if (match && Number(match[1]) === pid) {
            aimed = true;
            timer = setTimeout(kill, killAt.afterTemporary);
        }
    });
    if (killAt?.fromStart !== undefined) timer = setTimeout(kill, killAt.fromStart);
    const exit = await new Promise<number | string>(resolve => child.on('exit', (code, signal) => resolve(signal ?? code ?? 'none')));
    clearTimeout(timer);
    watcher.close();
    return { pid, exit, text: readFileSync(join(dir, 'plan.mplan')), entries: readdirSync(dir).filter(name => name !== 'plan.mplan').sort() };
}

/** How long a write takes here: from the temporary file's appearance to its rename, in ms (at least 1). */
async function writeWindow(dir: string, args: string[]): Promise<{ window: number; run: number }> {
    const started = performance.now();
    let appeared = 0, renamed = 0;
    const watcher = watch(dir, (_event, name) => {
        if (!name || !TEMPORARY.test(String(name))) return;
        if (!appeared) appeared = performance.now(); else renamed = performance.now();
    });
    await new Promise(resolve => spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: 'ignore' }).on('exit', resolve));
    watcher.close();
    return { window: Math.max(1, renamed - appeared), run: performance.now() - started };
}

function temp(): string {
    return realpathSync(mkdtempSync(join(tmpdir(), 'mplan-kill-')));
}

/**
 * Kills `args` (which rewrite plan.mplan from `before` to `after` in one
 * write) `kills` times at seeded moments, checking after each kill that the
 * plan is whole and that only hidden temporary files of killed processes
 * are left; then runs it to the end and checks that they are gone. Returns
 * how many kills left the old text, how many the new one, and how many
 * landed while the temporary file was being written.
 */
async function killMany(args: string[], before: string, after: Buffer, kills: number, seed: number) {
    const dir = temp();
    writeFileSync(join(dir, 'plan.mplan'), before);
    const { window, run } = await writeWindow(dir, args);
    expect(readFileSync(join(dir, 'plan.mplan')).equals(after)).toBe(true);
    const next = random(seed);
    const tally = { old: 0, new: 0, midWrite: 0, killed: 0 };
    const killedPids = new Set<number>();
    for (let i = 0; i < kills || tally.midWrite === 0; i++) {
        // Should no kill have landed mid-write yet (a fast disk), keep aiming at the moment the temporary file appears.
        if (i >= kills + 20) break;
        writeFileSync(join(dir, 'plan.mplan'), before);
        const aimed = i % 3 !== 2 || i >= kills;
        const killAt = aimed ? { afterTemporary: i >= kills ? 0 : Math.floor(next() * window * 1.5) } : { fromStart: Math.floor(next() * run) };
        const outcome = await runAndKill(dir, args, killAt);
        const isOld = outcome.text.equals(Buffer.from(before));
        const isNew = outcome.text.equals(after);
        expect(isOld || isNew, `kill ${i} (${JSON.stringify(killAt)}): the plan is neither the old nor the new text (${outcome.text.length} bytes)`).toBe(true);
        if (outcome.exit === 'SIGKILL') {
            tally.killed++;
            killedPids.add(outcome.pid);
        }
        for (const entry of outcome.entries) {
            const match = TEMPORARY.exec(entry);
            expect(match, `kill ${i}: '${entry}' left in the folder`).not.toBeNull();
            expect(killedPids.has(Number(match![1])), `kill ${i}: '${entry}' is not a killed process's`).toBe(true);
        }
        if (outcome.entries.some(entry => Number(TEMPORARY.exec(entry)![1]) === outcome.pid)) tally.midWrite++;
        if (isOld) tally.old++; else tally.new++;
    }
    // A run to the end replaces the plan and removes every temporary file the killed runs left.
    writeFileSync(join(dir, 'plan.mplan'), before);
    const last = await runAndKill(dir, args);
    expect(last.exit).toBe(0);
    expect(last.text.equals(after)).toBe(true);
    expect(last.entries).toEqual([]);
    return tally;
}

beforeAll(() => {
    if (!readdirSync(join(ROOT, 'out')).includes('cli.cjs')) throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
});

/**
 * The clean fixture plan with its first tactic serving no strategy:
 * tactic-without-strategy's safe fix links it back to the plan's only
 * strategy, the one fix of the --fix runs here. They judge by the fixture
 * plans' rules (test/fixtures/README.md), so a new rule adds no fix and no
 * error; the settings file lies outside the folders written in, which must
 * hold nothing else.
 */
const LINKED = 'tactic SearchAds {\n    serves ProfessionalsFirst\n';

function planWithOneFix(): { plan: string; settings: string[] } {
    const plan = readFileSync(join(PLANS, 'phone-retailer.mplan'), 'utf8').replace(LINKED, 'tactic SearchAds {\n');
    return { plan, settings: ['--config', pinnedSettingsFile()] };
}

describe('killed while writing, a plan is the old text or the new, never a part', () => {
    it('mplan format, killed 24 times (3 MB plan)', async () => {
        const before = messyPlan(3 * 1024 * 1024, 'plan P {\n  goal "g"\n}\n');
        const reference = temp();
        writeFileSync(join(reference, 'plan.mplan'), before);
        await runAndKill(reference, ['format', 'plan.mplan']);
        const after = readFileSync(join(reference, 'plan.mplan'));
        expect(after.toString()).toMatch(/^plan P \{\n {4}goal "g"\n\}\n\/\/ note 0: /);
        const tally = await killMany(['format', 'plan.mplan'], before, after, 24, SEED);
        expect(tally.killed).toBeGreaterThan(0);
        // Some kills landed while the temporary file was being written: the case this test is for.
        expect(tally.midWrite).toBeGreaterThan(0);
        expect(tally.old + tally.new).toBeGreaterThanOrEqual(24);
    }, 180_000);

    it('mplan check --fix, killed 12 times (3 MB plan, one fix: one write)', async () => {
        const { plan, settings } = planWithOneFix();
        // Comments indented as the house style has them: --fix changes only the tactic.
        const before = messyPlan(3 * 1024 * 1024, plan).replace(/^ {3}\/\//gm, '//');
        const args = ['check', '--fix', 'plan.mplan', '--as-of', '2027-01-15', ...settings];
        const reference = temp();
        writeFileSync(join(reference, 'plan.mplan'), before);
        expect((await runAndKill(reference, args)).exit).toBe(0);
        const after = readFileSync(join(reference, 'plan.mplan'));
        expect(after.toString()).toContain(LINKED);
        const tally = await killMany(args, before, after, 12, SEED + 1);
        expect(tally.killed).toBeGreaterThan(0);
        expect(tally.midWrite).toBeGreaterThan(0);
    }, 180_000);
});

describe('a write that fails part-way', () => {
    /** Runs the binary with a file size limit of `kilobytes` (bash's ulimit -f): a longer write is cut short, then fails. */
    function runLimited(dir: string, args: string[], kilobytes: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
        return new Promise(resolve => {
            const child = spawn('bash', ['-c', `ulimit -f ${kilobytes} && exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
            let stdout = '', stderr = '';
            child.stdout.on('data', chunk => { stdout += chunk; });
            child.stderr.on('data', chunk => { stderr += chunk; });
            child.on('exit', code => resolve({ code, stdout, stderr }));
        });
    }

    it('at a seeded byte: format and --fix say so in one line and leave the old file, with no temporary file', async () => {
        const before = messyPlan(1024 * 1024, 'plan P {\n  goal "g"\n}\n');
        const next = random(SEED + 2);
        for (let i = 0; i < 4; i++) {
            const dir = temp();
            writeFileSync(join(dir, 'plan.mplan'), before);
            const limit = 1 + Math.floor(next() * 1000);
            const format = await runLimited(dir, ['format', 'plan.mplan'], limit);
            expect(format).toMatchObject({ code: 2, stderr: 'mplan: plan.mplan: cannot write (over the file size limit); the file is unchanged\n' });
            expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toBe(before);
            expect(readdirSync(dir)).toEqual(['plan.mplan']);
        }
        const dir = temp();
        const { plan, settings } = planWithOneFix();
        const fixable = messyPlan(1024 * 1024, plan).replace(/^ {3}\/\//gm, '//');
        writeFileSync(join(dir, 'plan.mplan'), fixable);
        const fix = await runLimited(dir, ['check', '--fix', 'plan.mplan', '--as-of', '2027-01-15', ...settings], 1 + Math.floor(next() * 1000));
        expect(fix.stderr).toContain('mplan: plan.mplan: could not write the fixes (over the file size limit); the file is unchanged\n');
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toBe(fixable);
        expect(readdirSync(dir)).toEqual(['plan.mplan']);
    });
});

describe('writing through a link', () => {
    it('replaces the file the link points to and keeps the link', async () => {
        const dir = temp();
        const before = messyPlan(2000, 'plan P {\n  goal "g"\n}\n');
        writeFileSync(join(dir, 'real.mplan'), before);
        symlinkSync('real.mplan', join(dir, 'plan.mplan'));
        const outcome = await runAndKill(dir, ['format', 'plan.mplan']);
        expect(outcome.exit).toBe(0);
        expect(lstatSync(join(dir, 'plan.mplan')).isSymbolicLink()).toBe(true);
        expect(readFileSync(join(dir, 'real.mplan'), 'utf8')).toMatch(/^plan P \{\n {4}goal "g"\n\}\n\/\/ note 0: /);
        expect(readdirSync(dir).sort()).toEqual(['plan.mplan', 'real.mplan']);
    });
});

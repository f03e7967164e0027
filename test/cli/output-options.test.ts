/**
 * `mplan check`'s output options through the built binary: --output,
 * --quiet, --severity-threshold, --max-warnings, colours and the summary line.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../src/cli/formats/summary.js';
import { mplan, PINNED, PLANS, ROOT, type Run } from './run.js';

const AS_OF = ['--as-of', '2027-01-15'];
const BIN = join(ROOT, 'bin', 'mplan.cjs');
const ANSI = /\x1b\[[0-9;]*m/;
const TIME = /in \d+\.\d\d s:/g;

/**
 * Checks run in the fixture plans' folder (copies of the examples), whose
 * mplan.json pins the rules they are judged by (test/fixtures/README.md): a
 * new rule changes none of these counts.
 */
function check(args: string[], cwd = PLANS): Promise<Run> {
    return mplan(['check', ...args, ...AS_OF], cwd);
}

/**
 * A folder holding the flawed fixture plan, with an mplan.json of the pinned
 * rules, each at the level `levels` gives for its default level (or at that).
 */
function workspace(levels: (severity: string) => string | undefined = () => undefined): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
    copyFileSync(join(PLANS, 'ebook-list.mplan'), join(dir, 'plan.mplan'));
    const pinned = (JSON.parse(readFileSync(PINNED, 'utf8')) as { rules: Record<string, string> }).rules;
    const rules = Object.fromEntries(Object.entries(pinned).map(([id, severity]) => [id, id === '*' ? severity : levels(severity) ?? severity]));
    writeFileSync(join(dir, 'mplan.json'), JSON.stringify({ rules }));
    return dir;
}

/** The flawed plan with its errors turned into warnings: 10 warnings, 1 info. */
const warningsOnly = () => workspace(severity => (severity === 'error' ? 'warning' : undefined));
/** The flawed plan with every finding an info: 11 infos. */
const infosOnly = () => workspace(() => 'info');

/** Lines of standard output that are findings (not the summary). */
function findingLines(stdout: string): string[] {
    return stdout.trimEnd().split('\n').filter(line => /^\S+\.mplan:\d+:\d+ {2}/.test(line));
}

/** Runs the binary with exactly these colour variables (NO_COLOR, FORCE_COLOR), standard output a pipe. */
function withEnv(args: string[], colours: Record<string, string>, cwd = PLANS): Promise<Run> {
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    return new Promise(resolve => {
        execFile(process.execPath, [BIN, 'check', ...args, ...AS_OF], { cwd, env: { ...env, ...colours } }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

/** Runs the binary with standard output a terminal (util-linux `script` gives it a pseudo-terminal). */
function onTerminal(args: string[], colours: Record<string, string>): Promise<Run> {
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, BIN, 'check', ...args, ...AS_OF].map(quote).join(' ');
    return new Promise(resolve => {
        execFile('script', ['-qec', command, '/dev/null'], { cwd: PLANS, env: { ...env, ...colours } }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: stdout.replace(/\r\n/g, '\n'), stderr });
        });
    });
}

describe('the summary line', () => {
    it('ends stylish output: files, problems by severity and the time taken', async () => {
        const run = await check(['.']);
        const last = run.stdout.trimEnd().split('\n').pop();
        expect(last).toMatch(/^6 files checked in \d+\.\d\d s: 11 problems \(5 errors, 5 warnings, 1 info\)\.$/);
    });

    it('counts the findings a baseline absorbed, when there is one', () => {
        const summary = { files: 3, errors: 1, warnings: 1, infos: 0 };
        expect(summaryLine(summary, { seconds: 0.123, quiet: false, baselineMatched: undefined })).toBe('3 files checked in 0.12 s: 2 problems (1 error, 1 warning, 0 info).');
        expect(summaryLine(summary, { seconds: 1.5, quiet: false, baselineMatched: 3 })).toBe('3 files checked in 1.50 s: 2 new problems (1 error, 1 warning, 0 info); 3 in the baseline.');
        expect(summaryLine({ files: 1, errors: 0, warnings: 0, infos: 0 }, { seconds: 0, quiet: false, baselineMatched: 4 })).toBe('1 file checked in 0.00 s: no new problems; 4 in the baseline.');
        expect(summaryLine({ files: 2, errors: 1, warnings: 0, infos: 0 }, { seconds: 0, quiet: true, baselineMatched: undefined })).toBe('2 files checked in 0.00 s: 1 error.');
    });
});

describe('--output FILE', () => {
    it('writes the findings to FILE and only the summary line to standard output', async () => {
        const dir = workspace();
        const plain = await check(['plan.mplan'], dir);
        const run = await check(['plan.mplan', '--output', 'report.txt'], dir);
        expect(run.code).toBe(1);
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(/^1 file checked in \d+\.\d\d s: 11 problems \(5 errors, 5 warnings, 1 info\)\.\n$/);
        const written = readFileSync(join(dir, 'report.txt'), 'utf8');
        expect(written.replace(TIME, 'in T s:')).toBe(plain.stdout.replace(TIME, 'in T s:'));
        expect(findingLines(written)).toHaveLength(11);
        // Written atomically: nothing but the plan, the settings and the report is left in the folder.
        expect(readdirSync(dir).sort()).toEqual(['mplan.json', 'plan.mplan', 'report.txt']);
    });

    it('writes machine formats to FILE whole, and the summary to standard output', async () => {
        const dir = workspace();
        mkdirSync(join(dir, 'reports'));
        const run = await check(['plan.mplan', '--format', 'sarif', '--output', 'reports/mplan.sarif'], dir);
        expect(run).toMatchObject({ code: 1, stderr: '' });
        expect(run.stdout).toMatch(/^1 file checked in \d+\.\d\d s: 11 problems/);
        expect(run.stdout.split('\n')).toHaveLength(2);
        const log = JSON.parse(readFileSync(join(dir, 'reports', 'mplan.sarif'), 'utf8'));
        expect(log.runs[0].results).toHaveLength(11);
    });

    it('replaces an existing file, keeping its permissions, and never writes colours into it', async () => {
        const dir = workspace();
        writeFileSync(join(dir, 'report.json'), 'old and much longer content than the new one could ever be '.repeat(2000));
        chmodSync(join(dir, 'report.json'), 0o640);
        const run = await check(['plan.mplan', '--format', 'json', '--output', 'report.json', '--color'], dir);
        expect(run.code).toBe(1);
        const text = readFileSync(join(dir, 'report.json'), 'utf8');
        expect(JSON.parse(text).summary).toEqual({ files: 1, errors: 5, warnings: 5, infos: 1 });
        expect(statSync(join(dir, 'report.json')).mode & 0o777).toBe(0o640);

        const stylish = await check(['plan.mplan', '--output', 'report.txt', '--color'], dir);
        expect(readFileSync(join(dir, 'report.txt'), 'utf8')).not.toMatch(ANSI);
        expect(stylish.stdout).toMatch(ANSI);
    });

    it('a FILE that cannot be written: one line, exit 2', async () => {
        const dir = workspace();
        mkdirSync(join(dir, 'folder'));
        for (const [output, why] of [['missing/report.sarif', 'no such directory'], ['folder', 'is a directory'], ['plan.mplan/report', 'a part of the path is not a directory']]) {
            const run = await check(['plan.mplan', '--format', 'sarif', '--output', output], dir);
            expect(run).toEqual({ code: 2, stdout: '', stderr: `mplan: ${output}: cannot write (${why})\n` });
        }
        expect(readdirSync(join(dir, 'folder'))).toEqual([]);
    });
});

describe('--quiet', () => {
    it('shows and counts errors only', async () => {
        const run = await check(['ebook-list.mplan', '--quiet']);
        expect(run.code).toBe(1);
        const lines = findingLines(run.stdout);
        expect(lines).toHaveLength(5);
        for (const line of lines) expect(line).toMatch(/:\d+:\d+ {2}error {4}/);
        expect(run.stdout.trimEnd().split('\n').pop()).toMatch(/^1 file checked in \d+\.\d\d s: 5 errors\.$/);

        const json = JSON.parse((await check(['ebook-list.mplan', '--quiet', '--format', 'json'])).stdout);
        expect(json.summary).toEqual({ files: 1, errors: 5, warnings: 0, infos: 0 });
        expect(json.files[0].findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
    });

    it('ignores warnings entirely: they fail nothing, not even --max-warnings or --severity-threshold warning', async () => {
        const dir = warningsOnly();
        const run = await check(['plan.mplan', '--quiet', '--max-warnings', '0', '--severity-threshold', 'warning'], dir);
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(/^1 file checked in \d+\.\d\d s: no errors\.\n$/);
    });
});

describe('--severity-threshold', () => {
    it('fails the run from the given severity up, and shows the findings below it all the same', async () => {
        const warnings = warningsOnly();
        const byDefault = await check(['plan.mplan'], warnings);
        expect(byDefault.code).toBe(0);
        expect(findingLines(byDefault.stdout)).toHaveLength(11);
        expect(byDefault.stdout).toMatch(/: 11 problems \(0 errors, 10 warnings, 1 info\)\.\n$/);
        expect((await check(['plan.mplan', '--severity-threshold', 'error'], warnings)).code).toBe(0);
        expect((await check(['plan.mplan', '--severity-threshold', 'warning'], warnings)).code).toBe(1);
        expect((await check(['plan.mplan', '--severity-threshold', 'info'], warnings)).code).toBe(1);

        const infos = infosOnly();
        const belowThreshold = await check(['plan.mplan', '--severity-threshold', 'warning'], infos);
        expect(belowThreshold.code).toBe(0);
        expect(findingLines(belowThreshold.stdout)).toHaveLength(11);
        expect((await check(['plan.mplan', '--severity-threshold', 'info'], infos)).code).toBe(1);
        expect((await check(['plan.mplan', '--severity-threshold', 'info', '--format', 'sarif'], infos)).code).toBe(1);
    });

    it('a level that is not one: one line, exit 2', async () => {
        expect(await check(['phone-retailer.mplan', '--severity-threshold', 'fatal'])).toEqual({
            code: 2, stdout: '', stderr: "mplan: --severity-threshold takes error, warning or info, not 'fatal'\n"
        });
    });
});

describe('--max-warnings', () => {
    it('fails the run when there are more warnings than N, saying so', async () => {
        const dir = warningsOnly();
        expect(await check(['plan.mplan', '--max-warnings', '10'], dir)).toMatchObject({ code: 0, stderr: '' });
        const over = await check(['plan.mplan', '--max-warnings', '9'], dir);
        expect(over.code).toBe(1);
        expect(over.stderr).toBe('mplan: too many warnings: 10, more than --max-warnings 9 allows\n');
        expect(findingLines(over.stdout)).toHaveLength(11);
    });

    it('keeps machine output clean: the summary and the reason go to standard error', async () => {
        const run = await check(['plan.mplan', '--max-warnings', '0', '--format', 'json'], warningsOnly());
        expect(run.code).toBe(1);
        expect(JSON.parse(run.stdout).summary.warnings).toBe(10);
        const lines = run.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/^1 file checked in \d+\.\d\d s: 11 problems \(0 errors, 10 warnings, 1 info\)\.$/);
        expect(lines[1]).toBe('mplan: too many warnings: 10, more than --max-warnings 0 allows');
    });

    it('a value that is not a whole number: one line, exit 2', async () => {
        expect(await check(['phone-retailer.mplan', '--max-warnings', 'many'])).toEqual({
            code: 2, stdout: '', stderr: "mplan: --max-warnings takes a whole number, not 'many'\n"
        });
    });
});

describe('colours', () => {
    const flawed = ['ebook-list.mplan'];

    it('are off when standard output is not a terminal', async () => {
        const run = await withEnv(flawed, {});
        expect(findingLines(run.stdout)).toHaveLength(11);
        expect(run.stdout).not.toMatch(ANSI);
    });

    it('are on when standard output is a terminal, and never with NO_COLOR', async () => {
        const terminal = await onTerminal(flawed, {});
        expect(terminal.code).toBe(1);
        expect(terminal.stdout).toMatch(ANSI);
        expect(terminal.stdout).toContain('\x1b[31merror\x1b[39m');
        const plain = await withEnv(flawed, {});
        expect(terminal.stdout.replace(new RegExp(ANSI.source, 'g'), '').replace(TIME, 'in T s:')).toBe(plain.stdout.replace(TIME, 'in T s:'));

        const noColor = await onTerminal(flawed, { NO_COLOR: '1' });
        expect(findingLines(noColor.stdout)).toHaveLength(11);
        expect(noColor.stdout).not.toMatch(ANSI);
        // An empty NO_COLOR is not set (no-color.org).
        expect((await onTerminal(flawed, { NO_COLOR: '' })).stdout).toMatch(ANSI);
    });

    it('are for stylish only: machine formats never get them', async () => {
        for (const format of ['json', 'sarif', 'junit', 'github', 'markdown']) {
            const run = await onTerminal([...flawed, '--format', format, '--color'], { FORCE_COLOR: '1' });
            expect(run.stdout.length).toBeGreaterThan(100);
            expect(run.stdout, format).not.toMatch(ANSI);
        }
    });

    it('--color and FORCE_COLOR turn them on; --no-color, NO_COLOR and FORCE_COLOR=0 off', async () => {
        expect((await withEnv([...flawed, '--color'], { NO_COLOR: '1' })).stdout).toMatch(ANSI);
        expect((await withEnv(flawed, { FORCE_COLOR: '1' })).stdout).toMatch(ANSI);
        expect((await withEnv(flawed, { FORCE_COLOR: '0' })).stdout).not.toMatch(ANSI);
        expect((await withEnv(flawed, { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toMatch(ANSI);
        expect((await withEnv([...flawed, '--no-color'], { FORCE_COLOR: '1' })).stdout).not.toMatch(ANSI);
        expect((await onTerminal([...flawed, '--no-color'], {})).stdout).not.toMatch(ANSI);
    });

    it('--color and --no-color together: one line, exit 2', async () => {
        expect(await check([...flawed, '--color', '--no-color'])).toEqual({ code: 2, stdout: '', stderr: 'mplan: --color and --no-color cannot be given together\n' });
    });
});

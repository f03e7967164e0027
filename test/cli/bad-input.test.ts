/**
 * Bad input to the CLI, through the built binary: files that are not plan
 * text, files mplan must not wait on or read whole, import cycles, and
 * settings files built to break the reader. Each gives one clear line and
 * exit 2 (or the proper diagnostic, when it is a problem of the plan), never a
 * stack trace, and never a hang: every run here is killed after a generous
 * bound, which only a hang reaches. cli.test.ts already covers a missing file,
 * a file that is not a .mplan file, a folder without plans and a dangling link
 * for `check`; config.test.ts and test/security the settings' odd keys.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOneCleanErrorLine, pinnedSettings, PLANS, ROOT } from './run.js';

const BIN = join(ROOT, 'bin', 'mplan.cjs');
const AS_OF = ['--as-of', '2027-01-15'];

/** The size limit of plan files (src/host/read.ts MAX_PLAN_BYTES), as users read it in the refusal. */
const LIMIT = 5 * 1024 * 1024;

interface Run { code: number | string; stdout: string; stderr: string }

/**
 * Runs the binary like run.ts's `mplan`, but kills it after `bound` ms: a
 * hang (a named pipe read, a parser that never ends) then fails the test with
 * code 'SIGKILL' instead of stalling the suite. The bound only catches hangs.
 */
function mplan(args: string[], cwd: string, bound = 20_000): Promise<Run> {
    return new Promise(resolve => {
        execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: bound, killSignal: 'SIGKILL', maxBuffer: 64 << 20 },
            (error, stdout, stderr) => {
                const code = !error ? 0 : typeof error.code === 'number' ? error.code : error.signal ?? 'failed';
                resolve({ code, stdout, stderr });
            });
    });
}


function temp(files: Record<string, string | Buffer> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return dir;
}

/** A clean plan (a fixture copy of an example). */
const PLAN = readFileSync(join(PLANS, 'phone-retailer.mplan'), 'utf8');

/**
 * Settings that pin the rules the runs here are judged by (those of the
 * fixture plans, test/fixtures/README.md): where a test counts findings or
 * expects none, a rule added to mplan changes nothing.
 */
const SETTINGS = pinnedSettings();

/** The first bytes of a real PNG: signature, then the IHDR chunk (its length starts with NUL bytes). */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex');

beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'cli.cjs'))) throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
});

describe('a plan file that is not a plan file to read', () => {
    it('a named pipe: refused at once by check, --fix, format and report, never waited on', async () => {
        const dir = temp();
        execFileSync('mkfifo', [join(dir, 'pipe.mplan')]);
        const why = /^mplan: pipe\.mplan: (cannot read \()?not a regular file but a named pipe, socket or device\)?$/;
        expectOneCleanErrorLine(await mplan(['check', 'pipe.mplan'], dir), why);
        expectOneCleanErrorLine(await mplan(['check', '--fix', 'pipe.mplan'], dir), why);
        expectOneCleanErrorLine(await mplan(['report', 'pipe.mplan', '--out', 'r.html'], dir), why);
        const format = await mplan(['format', 'pipe.mplan'], dir);
        expect(format).toEqual({ code: 2, stdout: '1 file not formatted.\n', stderr: 'mplan: pipe.mplan: cannot read (not a regular file but a named pipe, socket or device)\n' });
        expect(readdirSync(dir)).toEqual(['pipe.mplan']);
    });

    it('a folder named like a plan file is searched as a folder, and a lone one holds no plans', async () => {
        const dir = temp({ 'plans.mplan/inner.mplan': PLAN, 'mplan.json': SETTINGS });
        mkdirSync(join(dir, 'empty.mplan'));
        expectOneCleanErrorLine(await mplan(['check', 'empty.mplan'], dir), /^mplan: empty\.mplan: no \.mplan files in this directory$/);
        expectOneCleanErrorLine(await mplan(['report', 'empty.mplan', '--out', 'r.html'], dir), /^mplan: empty\.mplan: is a folder; report takes one plan file$/);
        const run = await mplan(['check', 'plans.mplan', ...AS_OF], dir);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout).toMatch(/^1 file checked in .*: no problems\.\n$/);
    });

    it('a dangling link: one line for format and report too (check: cli.test.ts)', async () => {
        const dir = temp();
        symlinkSync(join(dir, 'gone.mplan'), join(dir, 'link.mplan'));
        expectOneCleanErrorLine(await mplan(['format', 'link.mplan'], dir), /^mplan: link\.mplan: no such file or directory$/);
        expectOneCleanErrorLine(await mplan(['report', 'link.mplan', '--out', 'r.md'], dir), /^mplan: link\.mplan: no such file or directory$/);
    });

    it('PNG bytes: one line naming the first NUL byte, not a syntax error per byte; nothing written', async () => {
        const dir = temp({ 'logo.mplan': PNG });
        const why = /^mplan: logo\.mplan: cannot read \(a binary file, not plan text: a NUL byte at byte 9\)$/;
        expectOneCleanErrorLine(await mplan(['check', 'logo.mplan'], dir), why);
        expectOneCleanErrorLine(await mplan(['check', '--fix', 'logo.mplan'], dir), why);
        expectOneCleanErrorLine(await mplan(['report', 'logo.mplan', '--out', 'r.html'], dir), why);
        // format reads it as text and finds a control character: also one line, also nothing written.
        const format = await mplan(['format', 'logo.mplan'], dir);
        expect(format.code).toBe(2);
        expect(format.stderr).toMatch(/^mplan: logo\.mplan: not formatted: (syntax error at \d+:\d+ .*|not UTF-8 text)\n$/);
        expect(readFileSync(join(dir, 'logo.mplan')).equals(PNG)).toBe(true);
        expect(readdirSync(dir)).toEqual(['logo.mplan']);
    });

    it('a UTF-16 file (as some Windows editors save): said so by its byte-order mark; without one it reads as binary', async () => {
        const text = 'plan P {\n    goal "x"\n}\n';
        const dir = temp({ 'le.mplan': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'plain.mplan': Buffer.from(text, 'utf16le') });
        expectOneCleanErrorLine(await mplan(['check', 'le.mplan'], dir), /^mplan: le\.mplan: cannot read \(UTF-16 text, not UTF-8; save the file as UTF-8\)$/);
        expectOneCleanErrorLine(await mplan(['check', 'plain.mplan'], dir), /^mplan: plain\.mplan: cannot read \(a binary file, not plan text: a NUL byte at byte 2\)$/);
    });
});

describe('the other files a check reads', () => {
    it('a named pipe as the ignore file (named or .mplanignore) or as the baseline: one line, never waited on', async () => {
        const dir = temp({ 'plan.mplan': PLAN });
        execFileSync('mkfifo', [join(dir, 'pipe')]);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--ignore-path', 'pipe'], dir), /^mplan: pipe: cannot read the ignore file \(not a regular file but a named pipe, socket or device\)$/);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--baseline', 'pipe'], dir), /^mplan: pipe: cannot read the baseline \(not a regular file but a named pipe, socket or device\)$/);
        execFileSync('mkfifo', [join(dir, '.mplanignore')]);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan'], dir), /^mplan: \.mplanignore: cannot read the ignore file \(not a regular file but a named pipe, socket or device\)$/);
    });
});

describe('invalid UTF-8', () => {
    const LATIN1 = Buffer.from('plan Bakery {\n    goal "Caf\xe9 cr\xe8me for offices"\n}\n', 'latin1');

    it('check names the first bad byte by line and column and exits 2', async () => {
        const dir = temp({ 'latin1.mplan': LATIN1 });
        expectOneCleanErrorLine(await mplan(['check', 'latin1.mplan', ...AS_OF], dir),
            /^mplan: latin1\.mplan: cannot read \(not UTF-8 text: the first invalid byte is at line 2, column 14; save the file as UTF-8\)$/);
    });

    it('--fix leaves the file byte for byte as it was (it used to write replacement characters back)', async () => {
        const dir = temp({ 'latin1.mplan': LATIN1 });
        const run = await mplan(['check', '--fix', 'latin1.mplan', ...AS_OF], dir);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(readFileSync(join(dir, 'latin1.mplan')).equals(LATIN1)).toBe(true);
        expect(readdirSync(dir)).toEqual(['latin1.mplan']);
    });

    it('report refuses it in one line, exit 2; a check of its folder says so in one line and still reports the good file', async () => {
        const dir = temp({ 'latin1.mplan': LATIN1, 'good.mplan': PLAN });
        expectOneCleanErrorLine(await mplan(['report', 'latin1.mplan', '--out', 'r.html', ...AS_OF], dir), /^mplan: latin1\.mplan: cannot read \(not UTF-8 text: /);
        expect(existsSync(join(dir, 'r.html'))).toBe(false);
        const run = await mplan(['check', '.', ...AS_OF], dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^mplan: latin1\.mplan: cannot read \(not UTF-8 text: [^\n]*\)\n$/);
        expect(run.stdout).toMatch(/^good\.mplan:\d+:\d+ /);
        expect(run.stdout).toMatch(/\n1 file checked in .* s: .*; 1 file not read\.\n$/);
    });

    it('an import of a non-UTF-8 library is a finding on the import, saying why it cannot be read', async () => {
        const dir = temp({ 'plan.mplan': 'import "shared/latin1.mplan"\n' + PLAN, 'shared/latin1.mplan': LATIN1 });
        const run = await mplan(['check', 'plan.mplan', ...AS_OF], dir);
        expect(run.code).toBe(1);
        expect(run.stderr).toBe('');
        expect(run.stdout).toContain("plan.mplan:1:8  error    Cannot read 'shared/latin1.mplan' (not UTF-8 text: the first invalid byte is at line 2, column 14; save the file as UTF-8).  unresolved-import\n");
    });
});

describe('size', () => {
    /** `bytes` bytes of comment lines: plan text that parses at once, so the limit is what is tested. */
    function comments(bytes: number): string {
        const line = '// a long file of comments, to test the size limit of plan files\n';
        const text = line.repeat(Math.ceil(bytes / line.length));
        return text.slice(0, bytes - 1) + '\n';
    }

    it('a 50 MB file is refused at once in one line, by check, --fix, format and report: nothing is read', async () => {
        const dir = temp();
        const big = Buffer.alloc(50 * 1024 * 1024, 'segment S { who "x" }\n');
        writeFileSync(join(dir, 'big.mplan'), big);
        const why = /^mplan: big\.mplan: (cannot read \()?too big for a plan file: 50\.0 MB, over the limit of 5\.0 MB\)?$/;
        expectOneCleanErrorLine(await mplan(['check', 'big.mplan'], dir), why);
        expectOneCleanErrorLine(await mplan(['check', '--fix', 'big.mplan'], dir), why);
        expectOneCleanErrorLine(await mplan(['report', 'big.mplan', '--out', 'r.md'], dir), why);
        const format = await mplan(['format', 'big.mplan'], dir);
        expect(format).toMatchObject({ code: 2, stderr: 'mplan: big.mplan: cannot read (too big for a plan file: 50.0 MB, over the limit of 5.0 MB)\n' });
        expect(readdirSync(dir)).toEqual(['big.mplan']);
    });

    it('the limit is exact: a file of the limit is checked, one byte more is refused', async () => {
        // A library block, then comments up to the limit (a file of comments alone is an empty plan file).
        const library = 'competitor Rival {\n    strength "Lower prices"\n    weakness "Slow delivery"\n    we differ by "Same-day delivery"\n}\n';
        const dir = temp({ 'at.mplan': library + comments(LIMIT - library.length), 'over.mplan': comments(LIMIT + 1), 'mplan.json': SETTINGS });
        const at = await mplan(['check', 'at.mplan'], dir, 60_000);
        expect(at).toMatchObject({ code: 0, stderr: '' });
        expect(at.stdout).toMatch(/^1 file checked in .*: no problems\.\n$/);
        expectOneCleanErrorLine(await mplan(['check', 'over.mplan'], dir), /^mplan: over\.mplan: cannot read \(too big for a plan file: 5\.0 MB, over the limit of 5\.0 MB\)$/);
    });

    it('an import over the limit is a finding on the import', async () => {
        const dir = temp({ 'plan.mplan': 'import "huge.mplan"\n' + PLAN });
        writeFileSync(join(dir, 'huge.mplan'), comments(LIMIT + 100));
        const run = await mplan(['check', 'plan.mplan', ...AS_OF], dir);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain("plan.mplan:1:8  error    Cannot read 'huge.mplan' (too big for a plan file: 5.0 MB, over the limit of 5.0 MB).  unresolved-import\n");
    });
});

describe('text that is not a plan', () => {
    it('a log file named .mplan: at most 100 syntax errors and one line saying how many more', async () => {
        const log = Array.from({ length: 3000 }, (_, i) => `2027-01-15 12:00:${String(i % 60).padStart(2, '0')} [INFO] request #${i} from 10.0.0.${i % 255} took ${i % 97}ms;`).join('\n') + '\n';
        const dir = temp({ 'server.log.mplan': log, 'mplan.json': SETTINGS });
        const run = await mplan(['check', 'server.log.mplan', '--format', 'json'], dir);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^1 file checked in .*: 101 problems \(101 errors, 0 warnings, 0 info\)\.\n$/);
        const findings = JSON.parse(run.stdout).files[0].findings as Array<{ ruleId: string; message: string; line: number }>;
        const syntax = findings.filter(f => f.ruleId === 'syntax-error');
        expect(syntax).toHaveLength(101);
        expect(syntax[100].message).toMatch(/^\d+ more syntax errors from here on are not listed: fix the ones above first/);
        const more = Number(/^(\d+)/.exec(syntax[100].message)![1]);
        expect(more).toBeGreaterThan(1000);
        // The 100 listed are the first ones of the file, in order.
        expect(syntax.slice(0, 100).every((f, i) => i === 0 || f.line >= syntax[i - 1].line)).toBe(true);
        expect(syntax[0].line).toBe(1);
    });

    it('a plan with a few typos still gets every one of them', async () => {
        const broken = PLAN.replace('goal "', 'goal ').replace('currency EUR', 'currency EUR }}');
        const dir = temp({ 'typos.mplan': broken });
        const run = await mplan(['check', 'typos.mplan', '--format', 'json', ...AS_OF], dir);
        const syntax = (JSON.parse(run.stdout).files[0].findings as Array<{ ruleId: string; message: string }>).filter(f => f.ruleId === 'syntax-error');
        expect(syntax.length).toBeGreaterThan(1);
        expect(syntax.length).toBeLessThan(100);
        expect(syntax.some(f => /more syntax errors/.test(f.message))).toBe(false);
    });
});

describe('import cycles', () => {
    /** A plan importing library a, which imports b, which imports a back. */
    const FILES = {
        'plan.mplan': 'import "lib/a.mplan"\n' + PLAN,
        'lib/a.mplan': 'import "b.mplan"\n// Shared notes, part one.\n',
        'lib/b.mplan': 'import "a.mplan"\n// Shared notes, part two.\n'
    };

    it('a → b → a: every file is checked once, each import that closes the cycle is a warning, and the run ends', async () => {
        const dir = temp({ ...FILES, 'mplan.json': SETTINGS });
        for (const jobs of ['1', '2']) {
            const run = await mplan(['check', 'plan.mplan', 'lib/b.mplan', '--jobs', jobs, '--format', 'json', ...AS_OF], dir);
            expect(run.code).toBe(0);
            const files = JSON.parse(run.stdout).files as Array<{ path: string; findings: Array<{ ruleId: string; line: number; message: string }> }>;
            expect(files.map(f => [f.path, f.findings.map(x => `${x.line} ${x.ruleId} ${x.message}`)])).toEqual([
                ['plan.mplan', []],
                ['lib/b.mplan', ['1 import-cycle This import closes a cycle: b.mplan → a.mplan → b.mplan.']],
                ['lib/a.mplan', ['1 import-cycle This import closes a cycle: a.mplan → b.mplan → a.mplan.']]
            ]);
        }
    });

    it('a library that imports itself: one warning', async () => {
        const dir = temp({ 'self.mplan': 'import "self.mplan"\n// Notes.\n', 'mplan.json': SETTINGS });
        const run = await mplan(['check', 'self.mplan', '--format', 'json', ...AS_OF], dir);
        expect(run.code).toBe(0);
        const findings = JSON.parse(run.stdout).files[0].findings as Array<{ ruleId: string; message: string }>;
        expect(findings).toEqual([expect.objectContaining({ ruleId: 'import-cycle', message: 'This import closes a cycle: self.mplan → self.mplan.' })]);
    });
});

describe('a broken or hostile settings file', () => {
    const plan = { 'plan.mplan': PLAN };

    it('nested 100,000 levels deep: one line at the bracket past the limit, not a stack overflow', async () => {
        const dir = temp({ ...plan, 'deep.json': '['.repeat(100_000) + ']'.repeat(100_000), 'deep-object.json': '{"rules":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_001) });
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--config', 'deep.json'], dir), /^mplan: deep\.json:1:33: nested more than 32 levels deep: the settings are an object of objects/);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--config', 'deep-object.json'], dir), /^mplan: deep-object\.json:1:\d+: nested more than 32 levels deep/);
        // The same file as the project's mplan.json, for report.
        const project = temp({ ...plan, 'mplan.json': '['.repeat(100_000) });
        expectOneCleanErrorLine(await mplan(['report', 'plan.mplan', '--out', 'r.html'], project), /^mplan: mplan\.json:1:33: nested more than 32 levels deep/);
    });

    it('a huge file is refused by its size; a huge value is quoted short', async () => {
        const dir = temp({ ...plan, 'huge.json': `{ "asOf": "${'9'.repeat(2 * 1024 * 1024)}" }`, 'long.json': `{ "asOf": "${'9'.repeat(500_000)}", "${'x'.repeat(500_000)}": 1 }` });
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--config', 'huge.json'], dir), /^mplan: huge\.json: cannot read the settings \(too big for a settings file: 2\.0 MB, over the limit of 1\.0 MB\)$/);
        const run = await mplan(['check', 'plan.mplan', '--config', 'long.json'], dir);
        expect(run.code).toBe(2);
        const lines = run.stderr.trimEnd().split('\n');
        expect(lines).toEqual([
            "mplan: long.json:1:11: 'asOf' is not a date (YYYY-MM-DD): '999999999999999999999999999999999999999…' is not a date in the form YYYY-MM-DD",
            expect.stringMatching(/^mplan: long\.json:1:\d+: unknown setting 'x{39}…': the settings are rules, thresholds, asOf, ranges, packs$/)
        ]);
    });

    it('wrong types, a folder, binary bytes, a named pipe: one line each, exit 2', async () => {
        const dir = temp({ ...plan, 'types.json': '{ "rules": "all", "thresholds": [1], "asOf": true }', 'binary.json': PNG });
        mkdirSync(join(dir, 'folder.json'));
        execFileSync('mkfifo', [join(dir, 'pipe.json')]);
        const types = await mplan(['check', 'plan.mplan', '--config', 'types.json'], dir);
        expect(types.code).toBe(2);
        expect(types.stderr.trimEnd().split('\n')).toEqual([
            "mplan: types.json:1:12: 'rules' must be an object of rule ids and levels",
            "mplan: types.json:1:33: 'thresholds' must be an object of threshold names and numbers",
            "mplan: types.json:1:46: 'asOf' is not a date (YYYY-MM-DD): it must be a date in double quotes"
        ]);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--config', 'folder.json'], dir), /^mplan: folder\.json: cannot read the settings \(is a directory\)$/);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--config', 'binary.json'], dir), /^mplan: binary\.json:1:1: not valid JSON: /);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--config', 'pipe.json'], dir), /^mplan: pipe\.json: cannot read the settings \(not a regular file but a named pipe, socket or device\)$/);
    });
});

describe('a fact of two words stated twice', () => {
    /** A shop's objective and guarantee with a fact written twice each, as a marketer editing fast would. */
    const PLAN = [
        'plan TeaCorner {',
        '    goal "Become the favourite loose-leaf tea shop of the offices around Market Square"',
        '    currency EUR',
        '}',
        'strategy LocalRegulars {',
        '    statement "Turn the offices nearby into weekly regulars"',
        '    objective "Win regular office customers"',
        '        metric customers',
        '        target at least 40',
        '        target at least 60',
        '}',
        'offer {',
        '    guarantee money back 30 days',
        '        paid within 14 days',
        '        paid within 30 days',
        '}',
        'segment OfficeManagers {',
        '    decides',
        '    decides',
        '    who "Office managers who order lunch for the whole floor"',
        '}',
        ''
    ].join('\n');

    it('is named by its whole name (`paid within`, `target`), not by its last word nor with the next fact\'s', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-twice-'));
        writeFileSync(join(dir, 'plan.mplan'), PLAN);
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings());
        const run = await mplan(['check', 'plan.mplan', ...AS_OF, '--format', 'json'], dir);
        const stated = (JSON.parse(run.stdout).files[0].findings as Array<{ ruleId: string; line: number; message: string }>)
            .filter(f => f.message.includes('is stated twice'))
            .map(f => `${f.ruleId} ${f.line} ${f.message}`);
        expect(stated).toEqual([
            "syntax-error 10 'target' is stated twice here (first at line 9): it holds one value, so the later one would replace the first. Keep one.",
            "syntax-error 15 'paid within' is stated twice here (first at line 14): it holds one value, so the later one would replace the first. Keep one.",
            "syntax-error 19 'decides' is stated twice here (first at line 18): it holds one value, so the later one would replace the first. Keep one."
        ]);
    });
});

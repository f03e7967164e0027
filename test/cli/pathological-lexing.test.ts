/**
 * The one-line inputs that made the lexer quadratic (issue 18, item 3), through
 * the built binary: `"` followed by 64,000 `\"` (10-14 s before) and 64,000 `/* `
 * (4.9 s). Each gets a clear syntax-error finding, capped as any file full of
 * errors is, and the other plans are judged as usual. The 20 s bound on each
 * run only catches a hang; the counts of work are in test/language/lexer-linear.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.js';

const BIN = join(ROOT, 'bin', 'mplan.cjs');

interface Run { code: number | string; stdout: string; stderr: string }

/** Runs the binary, killed after `bound` ms (code 'SIGKILL'): only a hang reaches it. */
function mplan(args: string[], cwd: string, bound = 20_000): Promise<Run> {
    return new Promise(resolve => {
        execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: bound, killSignal: 'SIGKILL', maxBuffer: 64 << 20 },
            (error, stdout, stderr) => resolve({ code: !error ? 0 : typeof error.code === 'number' ? error.code : error.signal ?? 'failed', stdout, stderr }));
    });
}

const QUOTES = '"' + '\\"'.repeat(64_000) + '\n';
const OPENERS = '/* '.repeat(64_000) + '\n';
const PLAN = `plan Bakery {
    goal "Become the default caterer for downtown offices"
    currency USD
}
`;
const UNCLOSED_COMMENT = 'A comment that starts with /* must end with */, and this one is never closed (a comment on one line can start with // instead).';

function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-lexing-'));
    writeFileSync(join(dir, 'quotes.mplan'), QUOTES);
    writeFileSync(join(dir, 'openers.mplan'), OPENERS);
    writeFileSync(join(dir, 'bakery.mplan'), PLAN);
    writeFileSync(join(dir, 'mplan.json'), JSON.stringify({ rules: { '*': 'off', 'syntax-error': 'error', 'no-competitors': 'warning' }, asOf: '2027-01-15' }));
    return dir;
}

interface Finding { ruleId: string; message: string; line: number; column: number; endColumn: number }

describe('mplan check on the inputs that made lexing quadratic', () => {
    it('a quote followed by 64,000 escaped quotes: one syntax error at the opening quote', async () => {
        const run = await mplan(['check', 'quotes.mplan'], workspace());
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^quotes\.mplan:1:1  error    Text in quotes must end with a closing " on the same line\.  syntax-error\n1 file checked in .*: 1 problem \(1 error, 0 warnings, 0 info\)\.\n$/);
        expect(run.stderr).toBe('');
    });

    it('64,000 `/* ` on one line: the first 100 named as unclosed comments, and how many more', async () => {
        const run = await mplan(['check', 'openers.mplan', '--format', 'json'], workspace());
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^1 file checked in .*: 101 problems \(101 errors, 0 warnings, 0 info\)\.\n$/);
        const findings = JSON.parse(run.stdout).files[0].findings as Finding[];
        expect(findings.slice(0, 100).map(f => [f.line, f.column, f.endColumn, f.message])).toEqual(
            Array.from({ length: 100 }, (_, i) => [1, 1 + 3 * i, 3 + 3 * i, UNCLOSED_COMMENT]));
        expect(findings[100].message).toMatch(/^63900 more syntax errors from here on are not listed/);
    });

    it('both in a folder with a plan: each file gets its findings, the plan is judged as usual', async () => {
        const run = await mplan(['check', '.', '--format', 'json'], workspace());
        expect(run.code).toBe(1);
        const files = JSON.parse(run.stdout).files as Array<{ path: string; findings: Finding[] }>;
        expect(Object.fromEntries(files.map(f => [f.path, f.findings.map(g => g.ruleId)]))).toEqual({
            'bakery.mplan': ['no-competitors'],
            'openers.mplan': Array(101).fill('syntax-error'),
            'quotes.mplan': ['syntax-error']
        });
        expect(run.stderr).toMatch(/^3 files checked in .*: 103 problems \(102 errors, 1 warning, 0 info\)\.\n$/);
    });

    it('mplan format refuses each with one line naming the first error', async () => {
        const dir = workspace();
        const quotes = await mplan(['format', 'quotes.mplan'], dir);
        expect(quotes).toMatchObject({ code: 2, stdout: '1 file not formatted.\n' });
        expect(quotes.stderr).toBe('mplan: quotes.mplan: not formatted: syntax error at 1:1 Text in quotes must end with a closing " on the same line.\n');
        const openers = await mplan(['format', 'openers.mplan'], dir);
        expect(openers).toMatchObject({ code: 2, stdout: '1 file not formatted.\n' });
        expect(openers.stderr).toBe(`mplan: openers.mplan: not formatted: syntax error at 1:1 ${UNCLOSED_COMMENT}\n`);
    });
});

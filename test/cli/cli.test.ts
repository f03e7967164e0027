import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/index.js';
import { expectOneCleanErrorLine, mplan, PLANS, ROOT } from './run.js';

/** The plans' campaigns run in 2027: judge them on a fixed day, not today. */
const AS_OF = ['--as-of', '2027-01-15'];

/**
 * The checks of plans run in test/fixtures/plans (copies of the examples),
 * whose mplan.json pins the rules they are judged by: a new rule changes none
 * of these outputs.
 */
function check(args: string[], cwd = PLANS) {
    return mplan(['check', ...args, ...AS_OF], cwd);
}


beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'cli.cjs'))) throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
});

describe('mplan check', () => {
    it('exits 0 on the clean plan split over several files, checking its imports too', async () => {
        const run = await check(['corner-bakery/plan.mplan']);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout).toMatch(/^4 files checked in \d+\.\d\d s: no problems\.\n$/);
    });

    it('exits 0 on the clean single-file plan', async () => {
        const run = await check(['phone-retailer.mplan']);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout).toMatch(/^1 file checked in \d+\.\d\d s: no problems\.\n$/);
    });

    it('exits 1 on the flawed plan and prints file:line:col severity message rule-id, as its header promises', async () => {
        const run = await check(['ebook-list.mplan']);
        expect(run.code).toBe(1);
        const lines = run.stdout.trimEnd().split('\n');
        const summary = lines.pop();
        const found = lines.map(line => {
            const match = /^ebook-list\.mplan:(\d+):(\d+) {2}(error|warning|info) +(.+\S) {2}([a-z-]+)$/.exec(line);
            expect(match, line).not.toBeNull();
            return `${match![1]} ${match![5]}`;
        });
        const promised = [...readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8').matchAll(/^\/\/\s+(\d+):\s+([a-z-]+)\s/gm)].map(m => `${m[1]} ${m[2]}`);
        expect(found).toEqual(promised);
        expect(found).toEqual(expect.arrayContaining(['21 missing-guarantee', '21 no-repeat-buyer-path', '66 tactic-without-strategy']));
        expect(lines[0]).toBe("ebook-list.mplan:21:6  error    The plan has no money-back guarantee: most buyers will not purchase without one. Add an offer with 'guarantee money back 30 days'.  missing-guarantee");
        expect(summary).toMatch(/^1 file checked in \d+\.\d\d s: 11 problems \(5 errors, 5 warnings, 1 info\)\.$/);
        expect(run.stderr).toBe('');
    });

    it('checks every plan in a folder, recursively, and fails if any has an error', async () => {
        const run = await check(['.']);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^6 files checked in \d+\.\d\d s: 11 problems /m);
    });

    it('checks the working directory when given no path', async () => {
        // The settings are the folder above's: --config names them.
        const run = await check(['--config', '../mplan.json'], join(PLANS, 'corner-bakery'));
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^4 files checked in \d+\.\d\d s: no problems\.\n$/);
    });

    it('prints JSON with --format json', async () => {
        const run = await check(['ebook-list.mplan', '--format', 'json']);
        expect(run.code).toBe(1);
        const json = JSON.parse(run.stdout);
        expect(json.summary).toEqual({ files: 1, errors: 5, warnings: 5, infos: 1 });
        expect(json.files[0].path).toBe('ebook-list.mplan');
        expect(json.files[0].findings[0]).toEqual({
            ruleId: 'missing-guarantee', severity: 'error', line: 21, column: 6, endLine: 21, endColumn: 20,
            message: "The plan has no money-back guarantee: most buyers will not purchase without one. Add an offer with 'guarantee money back 30 days'."
        });
    });

    it('reports a syntax error with exit 1', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        writeFileSync(join(dir, 'broken.mplan'), 'plan P {\n    goal\n}\n');
        const run = await mplan(['check', 'broken.mplan'], dir);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain("broken.mplan:3:1  error    Expected text in double quotes after 'goal' but found '}'.  syntax-error");
    });

    it('reports an empty plan file (or one of only comments) at line 1 with exit 1, rather than passing it', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        writeFileSync(join(dir, 'empty.mplan'), '');
        writeFileSync(join(dir, 'notes.mplan'), '// the spring plan, to be written\n');
        const run = await mplan(['check', 'empty.mplan', 'notes.mplan'], dir);
        expect(run.code).toBe(1);
        const lines = run.stdout.split('\n');
        expect(lines.slice(0, 2)).toEqual([
            'empty.mplan:1:1  error    This file is empty: a plan starts with `plan Name { goal "…" }`; `mplan init` writes a starter plan.  syntax-error',
            'notes.mplan:1:1  error    This file is empty: a plan starts with `plan Name { goal "…" }`; `mplan init` writes a starter plan.  syntax-error'
        ]);
        expect(lines[2]).toMatch(/^2 files checked in .*: 2 problems \(2 errors, 0 warnings, 0 info\)\.$/);
    });

    it('--fix corrects a misspelled keyword to the keyword meant', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        const text = 'plan Bakery {\n    goal "Cater downtown offices"\n    currency USD\n}\ntactic SpringAds {\n    channel social on instagram\n    budgt 500 USD per month\n}\n';
        writeFileSync(join(dir, 'plan.mplan'), text);
        const before = await mplan(['check', 'plan.mplan'], dir);
        expect(before.stdout).toContain("plan.mplan:7:5  error    Unknown word 'budgt' in tactic 'SpringAds': did you mean 'budget'?  syntax-error");
        await mplan(['check', 'plan.mplan', '--fix'], dir);
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toContain('    budget 500 USD per month\n');
        expect((await mplan(['check', 'plan.mplan'], dir)).stdout).not.toContain('syntax-error');
    });
});

describe('bad input to mplan check', () => {
    it('a missing file: one line, exit 2', async () => {
        expectOneCleanErrorLine(await mplan(['check', 'nope.mplan']), /^mplan: nope\.mplan: no such file or directory$/);
    });

    it('a file that is not a plan file: one line, exit 2', async () => {
        expectOneCleanErrorLine(await mplan(['check', 'package.json']), /^mplan: package\.json: not a plan file \(plan files end in \.mplan\)$/);
    });

    it('a folder without plans: one line, exit 2', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        mkdirSync(join(dir, 'empty'));
        expectOneCleanErrorLine(await mplan(['check', 'empty'], dir), /^mplan: empty: no \.mplan files in this directory$/);
    });

    it('a dangling link to a plan: one line, exit 2', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        symlinkSync(join(dir, 'gone.mplan'), join(dir, 'link.mplan'));
        expectOneCleanErrorLine(await mplan(['check', 'link.mplan'], dir), /^mplan: link\.mplan: no such file or directory$/);
    });

    it('an unknown option or format: one line, exit 2', async () => {
        expectOneCleanErrorLine(await mplan(['check', '--fast']), /^mplan: unknown option '--fast' for mplan check\. \(mplan check --help lists its options\)$/);
        expectOneCleanErrorLine(await mplan(['check', '--format', 'xml']), /^mplan: --format takes stylish, json, sarif, junit, github or markdown, not 'xml'$/);
        expectOneCleanErrorLine(await mplan(['rules', '--fix']), /^mplan: unknown option '--fix' for mplan rules\. --fix is an option of mplan check\. \(mplan rules --help lists its options\)$/);
        expectOneCleanErrorLine(await mplan(['check', '--config']), /^mplan: --config needs a value$/);
        // A name with a terminal escape in it is quoted, not sent to the terminal.
        expectOneCleanErrorLine(await mplan(['check', 'x\u001b]0;pwned\u0007.mplan']), /^mplan: x\\x1b\]0;pwned\\x07\.mplan: no such file or directory$/);
        // Names of Object.prototype are not options either.
        expectOneCleanErrorLine(await mplan(['check', '--constructor', 'examples']), /^mplan: unknown option '--constructor' for mplan check/);
    });
});

describe('mplan rules and explain', () => {
    it('rules --format json lists the registry: id, severity, area, description', async () => {
        const run = await mplan(['rules', '--format', 'json']);
        expect(run.code).toBe(0);
        const rules = JSON.parse(run.stdout);
        expect(rules.map((r: { id: string }) => r.id)).toEqual(RULES.map(r => r.id));
        expect(rules.find((r: { id: string }) => r.id === 'missing-guarantee')).toEqual({
            id: 'missing-guarantee', severity: 'error', area: 'offer', description: 'The plan offers no money-back guarantee.'
        });
    });

    it('rules prints one line per rule', async () => {
        const run = await mplan(['rules']);
        expect(run.stdout.trimEnd().split('\n')).toHaveLength(RULES.length);
        expect(run.stdout).toMatch(/^tactic-without-strategy +warning +A tactic that serves no strategy\.$/m);
    });

    it('explain prints what a rule checks and why', async () => {
        const run = await mplan(['explain', 'no-repeat-buyer-path']);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('# no-repeat-buyer-path');
        expect(run.stdout).toContain('Default severity: error.');
    });

    it('explain of an unknown rule: one line, exit 2', async () => {
        expectOneCleanErrorLine(await mplan(['explain', 'no-such-rule']), /^mplan: no rule 'no-such-rule' \(mplan rules lists them\)$/);
    });

    it('--version prints the package version', async () => {
        const run = await mplan(['--version']);
        expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    });
});

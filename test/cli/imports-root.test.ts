/**
 * Imports stay inside the project (issue 8): `mplan check` and `mplan report`
 * read an import only when it names a .mplan file inside the project's
 * folders, through the built binary. The project: the working folder, the
 * folder of the settings file in use, and each path named on the command line
 * that lies outside them. Anything else is an unresolved-import finding on
 * the import, and the file is never read: a file outside the project that
 * were read would be listed among the files checked, with its own findings.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mplan, pinnedSettings, PLANS } from './run.js';

const AS_OF = ['--as-of', '2027-01-15'];

/** A clean plan: the only findings of these tests come from its imports. */
const PLAN = readFileSync(join(PLANS, 'phone-retailer.mplan'), 'utf8');

/**
 * The settings of the working folder in each test: the rules the fixture plans
 * are judged by (test/fixtures/README.md), unresolved-import and
 * tactic-without-strategy among them, so that a new rule adds no finding.
 */
const SETTINGS = pinnedSettings();

/** A library with a finding of its own (a tactic serving no strategy): if it is read, the run reports it. */
const OUTSIDER = 'tactic Outsider {\n    channel seo\n}\n';

/** A library without findings, to import from inside (a competitor: a file of comments alone is an empty plan file). */
const INSIDER = '// Shared notes.\ncompetitor SharedRival {\n    strength "Lower prices"\n    weakness "Slow delivery"\n    we differ by "Same-day delivery"\n}\n';

/** A temporary folder with the files given (paths relative to it); its real path (tmpdir may be a link). */
function temp(files: Record<string, string>): string {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mplan-')));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return dir;
}

interface Finding { ruleId: string; line: number; message: string }
interface JsonRun { code: number; files: Array<{ path: string; findings: Finding[] }> }

async function checkJson(args: string[], cwd: string): Promise<JsonRun> {
    const run = await mplan(['check', ...args, '--format', 'json', ...AS_OF], cwd);
    expect(run.stderr).toMatch(/^\d+ files? checked in /);
    return { code: run.code, files: JSON.parse(run.stdout).files };
}

/** Each file checked, with its findings as `line rule message`. */
function summary(run: JsonRun): Array<[string, string[]]> {
    return run.files.map(file => [file.path, file.findings.map(f => `${f.line} ${f.ruleId} ${f.message}`)]);
}

describe('imports that leave the project are reported on the import and never read', () => {
    it('a path that climbs out of the working folder', async () => {
        const base = temp({ 'project/plan.mplan': 'import "../outside/lib.mplan"\n' + PLAN, 'outside/lib.mplan': OUTSIDER, 'project/mplan.json': SETTINGS });
        const project = join(base, 'project');
        for (const jobs of ['1', '2']) {
            const run = await checkJson(['plan.mplan', '--jobs', jobs], project);
            expect(run.code).toBe(1);
            expect(summary(run)).toEqual([['plan.mplan', [
                `1 unresolved-import '../outside/lib.mplan' leads outside the project folder (${project}): imports are read only from inside it. It was not read.`
            ]]]);
        }
    });

    it('an absolute path, a path with backslashes, and a file that is not a .mplan file', async () => {
        const base = temp({ 'outside/lib.mplan': OUTSIDER, 'project/notes.txt': OUTSIDER, 'project/mplan.json': SETTINGS });
        const project = join(base, 'project');
        writeFileSync(join(project, 'plan.mplan'), `import "${join(base, 'outside', 'lib.mplan')}"\nimport "..\\\\outside\\\\lib.mplan"\nimport "notes.txt"\n` + PLAN);
        const run = await checkJson(['plan.mplan'], project);
        expect(summary(run)).toEqual([['plan.mplan', [
            `1 unresolved-import '${join(base, 'outside', 'lib.mplan')}' is not a relative path: an import names a .mplan file relative to this file, with '/' between folders. It was not read.`,
            "2 unresolved-import '..\\outside\\lib.mplan' is not a relative path: an import names a .mplan file relative to this file, with '/' between folders. It was not read.",
            "3 unresolved-import 'notes.txt' is not a plan file: imports name .mplan files."
        ]]]);
    });

    it('a link inside the project to a file or a folder outside it; a link that stays inside is followed', async () => {
        const base = temp({
            'project/plan.mplan': 'import "shared/link.mplan"\nimport "away/lib.mplan"\nimport "inner.mplan"\n' + PLAN,
            'project/shared/real.mplan': INSIDER,
            'project/mplan.json': SETTINGS,
            'outside/lib.mplan': OUTSIDER
        });
        const project = join(base, 'project');
        symlinkSync(join(base, 'outside', 'lib.mplan'), join(project, 'shared', 'link.mplan'));
        symlinkSync(join(base, 'outside'), join(project, 'away'));
        symlinkSync(join(project, 'shared', 'real.mplan'), join(project, 'inner.mplan'));
        for (const jobs of ['1', '2']) {
            const run = await checkJson(['plan.mplan', '--jobs', jobs], project);
            expect(summary(run)).toEqual([
                ['plan.mplan', [
                    "1 unresolved-import Cannot read 'shared/link.mplan' (a link to a file outside the project folder, not read).",
                    "2 unresolved-import Cannot read 'away/lib.mplan' (a link to a file outside the project folder, not read)."
                ]],
                ['inner.mplan', []]
            ]);
        }
    });

    it('mplan report: the finding is in the report, the outside file is not', async () => {
        const base = temp({ 'project/plan.mplan': 'import "../outside/lib.mplan"\n' + PLAN, 'outside/lib.mplan': OUTSIDER, 'project/mplan.json': SETTINGS });
        const project = join(base, 'project');
        const run = await mplan(['report', 'plan.mplan', '--out', 'report.md', ...AS_OF], project);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        const report = readFileSync(join(project, 'report.md'), 'utf8');
        expect(report).toContain("leads outside the project folder");
        expect(report).not.toContain('Outsider');
    });
});

describe('the project folder', () => {
    it('is the working folder: run from the folder above, the same import is inside and is read', async () => {
        const base = temp({ 'project/plan.mplan': 'import "../outside/lib.mplan"\n' + PLAN, 'outside/lib.mplan': OUTSIDER, 'mplan.json': SETTINGS });
        const run = await checkJson(['project/plan.mplan'], base);
        expect(summary(run).map(([path, findings]) => [path, findings.map(f => f.split(' ')[1])])).toEqual([
            ['project/plan.mplan', []],
            ['outside/lib.mplan', ['tactic-without-strategy']]
        ]);
    });

    it('takes in the folder of --config: a library beside the settings file may be imported', async () => {
        const base = temp({
            'project/plan.mplan': 'import "../settings/shared.mplan"\n' + PLAN,
            'project/mplan.json': SETTINGS,
            'settings/mplan.json': SETTINGS,
            'settings/shared.mplan': INSIDER
        });
        const project = join(base, 'project');
        // A file outside the working folder is shown by its absolute path.
        expect(summary(await checkJson(['plan.mplan', '--config', '../settings/mplan.json'], project))).toEqual([
            ['plan.mplan', []],
            [join(base, 'settings', 'shared.mplan'), []]
        ]);
        const without = await checkJson(['plan.mplan'], project);
        expect(summary(without)[0][1]).toEqual([expect.stringMatching(/^1 unresolved-import '\.\.\/settings\/shared\.mplan' leads outside the project folder/)]);
    });

    it('takes in a plan named outside it as a project of its own: imports from beside and below it, not above', async () => {
        const base = temp({
            'here/mplan.json': SETTINGS,
            'elsewhere/plan.mplan': 'import "lib/shared.mplan"\nimport "../above.mplan"\n' + PLAN,
            'elsewhere/lib/shared.mplan': 'import "../more.mplan"\n',
            'elsewhere/more.mplan': INSIDER,
            'above.mplan': OUTSIDER
        });
        const run = await checkJson(['../elsewhere/plan.mplan'], join(base, 'here'));
        expect(summary(run)).toEqual([
            [join(base, 'elsewhere', 'plan.mplan'), [
                `2 unresolved-import '../above.mplan' leads outside the project folder (${join(base, 'elsewhere')}): imports are read only from inside it. It was not read.`
            ]],
            [join(base, 'elsewhere', 'lib', 'shared.mplan'), []],
            [join(base, 'elsewhere', 'more.mplan'), []]
        ]);
    });

    it('takes in a folder named outside it: its plans import across its subfolders', async () => {
        const base = temp({
            'here/mplan.json': SETTINGS,
            'team/plans/plan.mplan': 'import "../shared/market.mplan"\n' + PLAN,
            'team/shared/market.mplan': INSIDER
        });
        const run = await checkJson(['../team'], join(base, 'here'));
        expect(summary(run)).toEqual([
            [join(base, 'team', 'plans', 'plan.mplan'), []],
            [join(base, 'team', 'shared', 'market.mplan'), []]
        ]);
    });
});

/**
 * What mplan writes never costs the user text they wrote (docs/robustness.md):
 * an output file (`check --output`, `--write-baseline`, `report --out`) never
 * replaces a file the run reads (a plan checked, a file a plan imports, the
 * settings), and `format` and `check --fix` never replace a plan that was
 * edited while they worked on it.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneCleanErrorLine, mplan, PLANS, pinnedSettings, ROOT, type Run } from './run.js';

/** A copy of the corner bakery's plan (a plan importing three files of shared/) with the pinned settings as its mplan.json. */
function bakery(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-inputs-'));
    cpSync(join(PLANS, 'corner-bakery'), dir, { recursive: true });
    writeFileSync(join(dir, 'mplan.json'), pinnedSettings());
    return dir;
}

/** Every file of a folder with its bytes, to show that a refused run changed nothing. */
function snapshot(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile() || entry.isSymbolicLink()) {
            const file = join(entry.parentPath, entry.name);
            files[file.slice(dir.length + 1)] = readFileSync(file, 'latin1');
        }
    }
    return files;
}

describe('an output never replaces an input of the run', () => {
    const cases: Array<{ title: string; args: string[]; link?: [string, string]; line: RegExp }> = [
        {
            title: 'check --output onto the plan it checks',
            args: ['check', 'plan.mplan', '--output', 'plan.mplan'],
            line: /^mplan: --output plan\.mplan would replace plan\.mplan, a plan this run checks; choose another file$/
        },
        {
            title: 'check --output onto a file the plan imports',
            args: ['check', 'plan.mplan', '--format', 'json', '--output', 'shared/offer.mplan'],
            line: /^mplan: --output shared\/offer\.mplan would replace shared\/offer\.mplan, a file a checked plan imports; choose another file$/
        },
        {
            title: 'check --output onto the settings file',
            args: ['check', '.', '--format', 'sarif', '--output', 'mplan.json'],
            line: /^mplan: --output mplan\.json would replace mplan\.json, the settings of this run; choose another file$/
        },
        {
            title: 'check --output onto a link to the plan',
            args: ['check', 'plan.mplan', '--output', 'findings.txt'],
            link: ['plan.mplan', 'findings.txt'],
            line: /^mplan: --output findings\.txt would replace plan\.mplan, a plan this run checks; choose another file$/
        },
        {
            title: '--write-baseline onto the plan',
            args: ['check', 'plan.mplan', '--write-baseline', 'plan.mplan'],
            line: /^mplan: --write-baseline plan\.mplan would replace plan\.mplan, a plan this run checks; choose another file$/
        },
        {
            title: '--write-baseline onto the settings file named by --config',
            args: ['check', 'plan.mplan', '--config', 'mplan.json', '--write-baseline', './mplan.json'],
            line: /^mplan: --write-baseline \.\/mplan\.json would replace mplan\.json, the settings of this run; choose another file$/
        },
        {
            title: 'report --out onto a link to the plan',
            args: ['report', 'plan.mplan', '--out', 'report.md'],
            link: ['plan.mplan', 'report.md'],
            line: /^mplan: --out report\.md would replace plan\.mplan, the plan this report is made from; choose another file$/
        },
        {
            title: 'report --out onto a link to an imported file',
            args: ['report', 'plan.mplan', '--out', 'report.html'],
            link: ['shared/products.mplan', 'report.html'],
            line: /^mplan: --out report\.html would replace shared\/products\.mplan, a file the plan imports; choose another file$/
        },
        {
            title: 'report --out onto a link to the settings file',
            args: ['report', 'plan.mplan', '--out', 'report.md'],
            link: ['mplan.json', 'report.md'],
            line: /^mplan: --out report\.md would replace mplan\.json, the settings of this run; choose another file$/
        }
    ];
    for (const c of cases) {
        it(`refuses ${c.title} in one line, exit 2, and writes nothing`, async () => {
            const dir = bakery();
            if (c.link) symlinkSync(c.link[0], join(dir, c.link[1]));
            const before = snapshot(dir);
            expectOneCleanErrorLine(await mplan([...c.args, '--as-of', '2027-01-15'], dir), c.line);
            expect(snapshot(dir)).toEqual(before);
        });
    }

    it('refuses --output onto the baseline and the ignore file it reads, but renews a baseline in place', async () => {
        const dir = bakery();
        expect(await mplan(['check', 'plan.mplan', '--write-baseline', 'baseline.json', '--as-of', '2027-01-15'], dir)).toMatchObject({ code: 0 });
        writeFileSync(join(dir, '.mplanignore'), 'drafts/\n');
        const before = snapshot(dir);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--baseline', 'baseline.json', '--output', 'baseline.json', '--as-of', '2027-01-15'], dir),
            /^mplan: --output baseline\.json would replace baseline\.json, the baseline of this run; choose another file$/);
        expectOneCleanErrorLine(await mplan(['check', 'plan.mplan', '--format', 'junit', '--output', '.mplanignore', '--as-of', '2027-01-15'], dir),
            /^mplan: --output \.mplanignore would replace \.mplanignore, the ignore file of this run; choose another file$/);
        expect(snapshot(dir)).toEqual(before);
        // Writing a baseline reads none: the old one is replaced by the new.
        const renewed = await mplan(['check', 'plan.mplan', '--baseline', 'baseline.json', '--write-baseline', 'baseline.json', '--as-of', '2027-01-15'], dir);
        expect(renewed).toMatchObject({ code: 0, stderr: '' });
        expect(renewed.stdout).toMatch(/^wrote \d+ findings? to baseline\.json\n$/);
    });

    it('still writes an output beside the plan, and a new file', async () => {
        const dir = bakery();
        const run = await mplan(['check', 'plan.mplan', '--format', 'json', '--output', 'findings.json', '--as-of', '2027-01-15'], dir);
        expect(run.stderr).toBe('');
        expect(JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')).files.length).toBe(4);
        const baseline = await mplan(['check', 'plan.mplan', '--write-baseline', 'baseline.json', '--as-of', '2027-01-15'], dir);
        expect(baseline).toMatchObject({ code: 0, stderr: '' });
        const report = await mplan(['report', 'plan.mplan', '--out', 'report.md', '--as-of', '2027-01-15'], dir);
        expect(report).toEqual({ code: 0, stdout: 'wrote report.md\n', stderr: '' });
    });
});

const BIN = join(ROOT, 'bin', 'mplan.cjs');
const EDIT_HOOK = join(__dirname, 'edit-while-writing.cjs');

/** Runs the built binary with test/cli/edit-while-writing.cjs: `edit` is appended to `file` just before mplan's first write to it. */
function mplanWhileEditing(args: string[], cwd: string, file: string, edit: string): Promise<Run> {
    return new Promise(resolve => {
        const env = { ...process.env, NO_COLOR: '1', EDIT_FILE: join(cwd, file), EDIT_TEXT: edit };
        execFile(process.execPath, ['--require', EDIT_HOOK, BIN, ...args], { cwd, env }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

/** What the marketer adds in their editor while mplan runs. */
const EDIT = '\n// Call the print shop about the new menu cards on Monday.\n';

describe('an edit saved while mplan works on a file is never lost', () => {
    it('format: refuses to write, in one line, exit 2; the edit stays', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-edit-'));
        const messy = readFileSync(join(PLANS, 'phone-retailer.mplan'), 'utf8').replace(/^ {4}/gm, '  ');
        writeFileSync(join(dir, 'plan.mplan'), messy);
        const run = await mplanWhileEditing(['format', 'plan.mplan'], dir, 'plan.mplan', EDIT);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('mplan: plan.mplan changed while mplan was working on it; not written: run again\n');
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toBe(messy + EDIT);
        expect(readdirSync(dir)).toEqual(['plan.mplan']);
        // Run again, as the line says: the file is formatted, the edit with it.
        expect(await mplan(['format', 'plan.mplan'], dir)).toMatchObject({ code: 0, stdout: 'formatted plan.mplan\n1 file formatted.\n' });
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toContain(EDIT.trim());
    });

    it('check --fix: refuses to write the fixes, in one line, exit 2; the edit stays and the findings are reported', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-edit-'));
        cpSync(join(PLANS, 'ebook-list.mplan'), join(dir, 'plan.mplan'));
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings());
        const original = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        const run = await mplanWhileEditing(['check', 'plan.mplan', '--fix', '--as-of', '2027-01-15'], dir, 'plan.mplan', EDIT);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('mplan: plan.mplan changed while mplan was working on it; not written: run again\n');
        expect(run.stdout).toContain('  tactic-without-strategy\n');
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toBe(original + EDIT);
        expect(readdirSync(dir).sort()).toEqual(['mplan.json', 'plan.mplan']);
    });

    it('without an edit, the same runs write (the hook edits nothing when the file is another)', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-edit-'));
        cpSync(join(PLANS, 'ebook-list.mplan'), join(dir, 'plan.mplan'));
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings());
        const run = await mplanWhileEditing(['check', 'plan.mplan', '--fix', '--as-of', '2027-01-15'], dir, 'other.mplan', EDIT);
        expect(run.stderr).toBe('fixed plan.mplan: missing-unsubscribe, tactic-without-strategy, unresolved-reference\n');
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toContain('    serves ListFirst\n');
    });
});

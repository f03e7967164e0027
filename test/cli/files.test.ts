import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { mplan, pinnedSettings, PLANS, type Run, expectOneCleanErrorLine } from './run.js';

/** The plans' campaigns run in 2027: judge them on a fixed day, not today. */
const AS_OF = ['--as-of', '2027-01-15'];

/**
 * A project with plans in several places: a flawed plan and a clean one in
 * plans/, a draft in a hidden folder, a plan inside node_modules, a text
 * file, and the corner bakery (a plan importing three libraries); copies of
 * the fixture plans, judged by the rules they pin (test/fixtures/README.md)
 * and strategy-without-tactics, which a test below relies on.
 */
function project(): string {
    const root = mkdtempSync(join(tmpdir(), 'mplan-'));
    const example = (name: string) => join(PLANS, name);
    mkdirSync(join(root, 'plans', 'retail'), { recursive: true });
    mkdirSync(join(root, 'plans', '.drafts'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
    cpSync(example('ebook-list.mplan'), join(root, 'plans', 'ebook.mplan'));
    cpSync(example('phone-retailer.mplan'), join(root, 'plans', 'retail', 'phone.mplan'));
    cpSync(example('phone-retailer.mplan'), join(root, 'plans', '.drafts', 'draft.mplan'));
    cpSync(example('phone-retailer.mplan'), join(root, 'node_modules', 'pkg', 'vendored.mplan'));
    cpSync(example('corner-bakery'), join(root, 'bakery'), { recursive: true });
    writeFileSync(join(root, 'plans', 'notes.txt'), 'not a plan\n');
    writeFileSync(join(root, 'mplan.json'), pinnedSettings({ rules: { 'strategy-without-tactics': 'warning' } }));
    return root;
}

/** The files a run reported on, in order (from --format json). */
function checked(run: Run): string[] {
    expect(run.stdout, run.stderr).toMatch(/^\{/);
    return (JSON.parse(run.stdout) as { files: Array<{ path: string }> }).files.map(file => file.path);
}


let root: string;

beforeEach(() => {
    root = project();
});

const json = ['--format', 'json', ...AS_OF];

describe('mplan check with globs', () => {
    it('matches the files under the glob\'s folder, sorted, skipping hidden folders and node_modules', async () => {
        expect(checked(await mplan(['check', 'plans/**/*.mplan', ...json], root))).toEqual(['plans/ebook.mplan', 'plans/retail/phone.mplan']);
        expect(checked(await mplan(['check', '**/*.mplan', ...json], root))).toEqual([
            'bakery/plan.mplan', 'bakery/shared/market.mplan', 'bakery/shared/offer.mplan', 'bakery/shared/products.mplan',
            'plans/ebook.mplan', 'plans/retail/phone.mplan'
        ]);
        expect(checked(await mplan(['check', './plans/*.mplan', ...json], root))).toEqual(['plans/ebook.mplan']);
        expect(checked(await mplan(['check', 'plans/{ebook,none}.mplan', ...json], root))).toEqual(['plans/ebook.mplan']);
    });

    it('enters a hidden folder or node_modules when the glob names it', async () => {
        expect(checked(await mplan(['check', 'plans/.drafts/*.mplan', ...json], root))).toEqual(['plans/.drafts/draft.mplan']);
        expect(checked(await mplan(['check', '**/node_modules/**/*.mplan', ...json], root))).toEqual(['node_modules/pkg/vendored.mplan']);
    });

    it('checks a file once when a glob and a path both name it, in the order given', async () => {
        const run = await mplan(['check', 'plans/retail/phone.mplan', 'plans/**/*.mplan', ...json], root);
        expect(checked(run)).toEqual(['plans/retail/phone.mplan', 'plans/ebook.mplan']);
    });

    it('a glob that matches no plan file: one line, exit 2', async () => {
        expectOneCleanErrorLine(await mplan(['check', 'plans/**/*.txt'], root), /^mplan: plans\/\*\*\/\*\.txt: no \.mplan files match this pattern$/);
        expectOneCleanErrorLine(await mplan(['check', 'nowhere/**/*.mplan'], root), /^mplan: nowhere\/\*\*\/\*\.mplan: no \.mplan files match this pattern$/);
    });
});

describe('mplan check with an ignore file', () => {
    it('leaves out the files .mplanignore names when searching folders and matching globs', async () => {
        writeFileSync(join(root, '.mplanignore'), '# old plans\nplans/retail/\n');
        expect(checked(await mplan(['check', 'plans', ...json], root))).toEqual(['plans/ebook.mplan']);
        expect(checked(await mplan(['check', 'plans/**/*.mplan', ...json], root))).toEqual(['plans/ebook.mplan']);
        expect(checked(await mplan(['check', 'plans', '--no-ignore', ...json], root))).toEqual(['plans/ebook.mplan', 'plans/retail/phone.mplan']);
    });

    it('follows gitignore syntax: a negated pattern takes a file back', async () => {
        writeFileSync(join(root, '.mplanignore'), 'plans/*\n!plans/ebook.mplan\n');
        expect(checked(await mplan(['check', '.', ...json], root))).toEqual([
            'bakery/plan.mplan', 'bakery/shared/market.mplan', 'bakery/shared/offer.mplan', 'bakery/shared/products.mplan', 'plans/ebook.mplan'
        ]);
    });

    it('does not check a file named on the command line that it ignores, and says so on stderr', async () => {
        writeFileSync(join(root, '.mplanignore'), 'ebook.mplan\n');
        const run = await mplan(['check', 'plans/ebook.mplan', 'plans/retail/phone.mplan', ...json], root);
        expect(run.code).toBe(0);
        expect(checked(run)).toEqual(['plans/retail/phone.mplan']);
        expect(run.stderr).toContain('mplan: plans/ebook.mplan: ignored by .mplanignore, not checked (--no-ignore checks it)\n');
        const forced = await mplan(['check', 'plans/ebook.mplan', '--no-ignore', ...json], root);
        expect(forced.code).toBe(1);
        expect(checked(forced)).toEqual(['plans/ebook.mplan']);
    });

    it('a folder whose plans are all ignored is not an error: nothing is checked', async () => {
        writeFileSync(join(root, '.mplanignore'), '*.mplan\n');
        const run = await mplan(['check', 'plans', ...json], root);
        expect(run.code).toBe(0);
        expect(checked(run)).toEqual([]);
    });

    it('still loads an ignored file a plan imports, to judge the plan, but does not report it', async () => {
        // A strategy that targets no one and that no tactic serves: warnings in the library.
        appendFileSync(join(root, 'bakery', 'shared', 'products.mplan'), '\nstrategy Orphan { statement "Nobody carries this out" }\n');
        const all = JSON.parse((await mplan(['check', 'bakery', ...json], root)).stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string }> }> };
        expect(all.files.find(file => file.path === 'bakery/shared/products.mplan')?.findings.map(f => f.ruleId)).toContain('strategy-without-tactics');

        writeFileSync(join(root, '.mplanignore'), 'bakery/shared/\n');
        const run = await mplan(['check', 'bakery/plan.mplan', ...json], root);
        expect(run.code).toBe(0);
        const result = JSON.parse(run.stdout) as { files: Array<{ path: string; findings: unknown[] }> };
        // The plan's names from the libraries still resolve, so it stays clean.
        expect(result.files).toEqual([{ path: 'bakery/plan.mplan', findings: [] }]);
    });

    it('--ignore-path reads another file, whose patterns are relative to its own folder', async () => {
        writeFileSync(join(root, 'plans', 'mplan.ignore'), 'retail/\n');
        expect(checked(await mplan(['check', '.', '--ignore-path', 'plans/mplan.ignore', ...json], root))).toEqual([
            'bakery/plan.mplan', 'bakery/shared/market.mplan', 'bakery/shared/offer.mplan', 'bakery/shared/products.mplan', 'plans/ebook.mplan'
        ]);
    });

    it('--ignore-path with a file that does not exist: one line, exit 2', async () => {
        expectOneCleanErrorLine(await mplan(['check', 'plans', '--ignore-path', 'none.ignore'], root), /^mplan: none\.ignore: cannot read the ignore file \(no such file\)$/);
    });
});

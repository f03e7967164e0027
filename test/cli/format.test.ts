import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mplan, ROOT } from './run.js';

const MESSY = `tactic LinkedInAds {serves OfficeCatering   channel ppc on linkedin // where the managers are
  budget 3_000 USD
        from 2027-02-01 to 2027-04-30 }



campaign Spring { budget 10_000 USD staff Ann 50 %, Raj from marketing ,sales
runs LinkedInAds }
`;

const FORMATTED = `tactic LinkedInAds {
    serves OfficeCatering
    channel ppc on linkedin // where the managers are
    budget 3_000 USD
    from 2027-02-01 to 2027-04-30
}

campaign Spring {
    budget 10_000 USD
    staff Ann 50%, Raj from marketing, sales
    runs LinkedInAds
}
`;

/** Ends before the product block is closed. */
const BROKEN = 'plan A {\n    goal "x"\n}\nproduct B { price 3 USD\n';

function tempDir(): string {
    return mkdtempSync(join(tmpdir(), 'mplan-'));
}

/** A folder holding the given files (paths relative to it). */
function project(files: Record<string, string | Buffer>): string {
    const dir = tempDir();
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return dir;
}

function read(dir: string, name: string): string {
    return readFileSync(join(dir, name), 'utf8');
}

/** The fenced mplan blocks of a docs page, in order. */
function mplanBlocks(page: string): string[] {
    return [...page.matchAll(/^```mplan\n([\s\S]*?)^```$/gm)].map(m => m[1]);
}

beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'cli.cjs'))) throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
});

describe('mplan format', () => {
    it('formats a messy plan in place into the house style and lists it', async () => {
        const dir = project({ 'messy.mplan': MESSY });
        const run = await mplan(['format', 'messy.mplan'], dir);
        expect(run).toEqual({ code: 0, stdout: 'formatted messy.mplan\n1 file formatted.\n', stderr: '' });
        expect(read(dir, 'messy.mplan')).toBe(FORMATTED);
    });

    it('turns the "before" of docs/formatting.md into its "after"', async () => {
        const [before, after] = mplanBlocks(readFileSync(join(ROOT, 'docs', 'formatting.md'), 'utf8'));
        const dir = project({ 'spring.mplan': before });
        expect((await mplan(['format'], dir)).code).toBe(0);
        expect(read(dir, 'spring.mplan')).toBe(after);
    });

    it('is idempotent: a formatted file is left as it is', async () => {
        const dir = project({ 'messy.mplan': MESSY });
        await mplan(['format'], dir);
        const mtime = statSync(join(dir, 'messy.mplan')).mtimeMs;
        const again = await mplan(['format'], dir);
        expect(again).toEqual({ code: 0, stdout: '1 file already formatted.\n', stderr: '' });
        expect(read(dir, 'messy.mplan')).toBe(FORMATTED);
        expect(statSync(join(dir, 'messy.mplan')).mtimeMs).toBe(mtime);
    });

    it('leaves the examples as they are: they are in the house style', async () => {
        // However many there are: examples come with the language.
        const count = readdirSync(join(ROOT, 'examples'), { recursive: true }).filter(name => String(name).endsWith('.mplan')).length;
        expect(count).toBeGreaterThan(0);
        expect(await mplan(['format', '--check', 'examples'])).toEqual({ code: 0, stdout: `${count} files already formatted.\n`, stderr: '' });
    });

    it('formats every plan under the working folder by default, shown relative to it', async () => {
        const dir = project({ 'plans/a.mplan': MESSY, 'plans/sub/b.mplan': FORMATTED, 'c.mplan': MESSY, 'notes.txt': 'not a plan {' });
        const run = await mplan(['format'], dir);
        expect(run).toEqual({ code: 0, stdout: 'formatted c.mplan\nformatted plans/a.mplan\n3 files: 2 formatted, 1 already formatted.\n', stderr: '' });
        expect(read(dir, 'plans/a.mplan')).toBe(FORMATTED);
        expect(read(dir, 'c.mplan')).toBe(FORMATTED);
        expect(read(dir, 'notes.txt')).toBe('not a plan {');
    });

    describe('--check', () => {
        it('lists the files that would change, changes nothing and exits 1', async () => {
            const dir = project({ 'a.mplan': MESSY, 'b.mplan': FORMATTED });
            const run = await mplan(['format', '--check'], dir);
            expect(run).toEqual({ code: 1, stdout: 'would format a.mplan\n2 files: 1 would be formatted, 1 already formatted. Run mplan format to format it.\n', stderr: '' });
            expect(read(dir, 'a.mplan')).toBe(MESSY);
        });

        it('exits 0 when every file is formatted', async () => {
            const dir = project({ 'a.mplan': FORMATTED, 'b.mplan': FORMATTED });
            expect(await mplan(['format', '--check', 'a.mplan', 'b.mplan'], dir)).toEqual({ code: 0, stdout: '2 files already formatted.\n', stderr: '' });
        });

        it('passes once mplan format has run', async () => {
            const dir = project({ 'a.mplan': MESSY, 'b.mplan': MESSY.replace(/\n/g, '\r\n') });
            expect((await mplan(['format', '--check'], dir)).code).toBe(1);
            expect((await mplan(['format'], dir)).code).toBe(0);
            expect((await mplan(['format', '--check'], dir)).code).toBe(0);
        });
    });

    describe('files it does not format', () => {
        it('reports a file with a syntax error on one line, leaves it alone, formats the others and exits 2', async () => {
            const dir = project({ 'plans/broken.mplan': BROKEN, 'plans/messy.mplan': MESSY });
            const run = await mplan(['format', 'plans'], dir);
            expect(run.code).toBe(2);
            expect(run.stderr).toBe("mplan: plans/broken.mplan: not formatted: syntax error at 4:24 Expected '}' after 'USD' to close product 'B' but found the end of the file.\n");
            expect(run.stdout).toBe('formatted plans/messy.mplan\n2 files: 1 formatted, 1 not formatted.\n');
            expect(read(dir, 'plans/broken.mplan')).toBe(BROKEN);
            expect(read(dir, 'plans/messy.mplan')).toBe(FORMATTED);
        });

        it('with --check, a syntax error still exits 2 (not 1), and the first error is the one named', async () => {
            const dir = project({ 'a.mplan': MESSY, 'b.mplan': 'plan A {\n    goal "never closed\n    currency @@\n}\n' });
            const run = await mplan(['format', '--check'], dir);
            expect(run.code).toBe(2);
            expect(run.stdout).toBe('would format a.mplan\n2 files: 1 would be formatted, 1 not formatted. Run mplan format to format it.\n');
            expect(run.stderr).toBe('mplan: b.mplan: not formatted: syntax error at 2:10 Text in quotes must end with a closing " on the same line.\n');
        });

        it('refuses a file that is not UTF-8 rather than damage it', async () => {
            const latin1 = Buffer.from('plan Caf\xe9 {\n  goal "Cr\xe8me"\n}\n', 'latin1');
            const dir = project({ 'latin1.mplan': latin1 });
            const run = await mplan(['format'], dir);
            expect(run).toEqual({ code: 2, stdout: '1 file not formatted.\n', stderr: 'mplan: latin1.mplan: not formatted: not UTF-8 text\n' });
            expect(readFileSync(join(dir, 'latin1.mplan')).equals(latin1)).toBe(true);
        });

        it('names a path that does not exist and formats nothing', async () => {
            const dir = project({ 'a.mplan': MESSY });
            expect(await mplan(['format', 'a.mplan', 'nope.mplan'], dir)).toEqual({ code: 2, stdout: '', stderr: 'mplan: nope.mplan: no such file or directory\n' });
            expect(read(dir, 'a.mplan')).toBe(MESSY);
        });
    });

    describe('what it keeps', () => {
        it('keeps Windows line endings (as the language server does)', async () => {
            const dir = project({ 'crlf.mplan': MESSY.replace(/\n/g, '\r\n') });
            expect((await mplan(['format'], dir)).code).toBe(0);
            expect(read(dir, 'crlf.mplan')).toBe(FORMATTED.replace(/\n/g, '\r\n'));
        });

        it('keeps a byte-order mark', async () => {
            const dir = project({ 'bom.mplan': `\uFEFF${MESSY}` });
            expect((await mplan(['format'], dir)).code).toBe(0);
            expect(read(dir, 'bom.mplan')).toBe(`\uFEFF${FORMATTED}`);
        });

        it("keeps the file's permissions", async () => {
            const dir = project({ 'a.mplan': MESSY });
            chmodSync(join(dir, 'a.mplan'), 0o640);
            expect((await mplan(['format'], dir)).code).toBe(0);
            expect(statSync(join(dir, 'a.mplan')).mode & 0o777).toBe(0o640);
            expect(read(dir, 'a.mplan')).toBe(FORMATTED);
        });
    });
});

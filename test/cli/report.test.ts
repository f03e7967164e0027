import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOneCleanErrorLine, mplan, PINNED, pinnedSettings, PLANS, ROOT } from './run.js';
import { COFFEE_CLUB, NO_FUNNEL } from '../economics-plans.js';

/** The plans' campaigns run in 2027: judge them on a fixed day, not today. */
const AS_OF = ['--as-of', '2027-01-15'];

/**
 * The settings the fixture plans are judged by (test/fixtures/README.md): the
 * findings, and the readiness scores and counts made of them, stay the same
 * when a rule is added to mplan.
 */
const PINNED_RULES = ['--config', PINNED];

/** The fixture plans (copies of the examples). */
const EXAMPLES = [
    { plan: 'test/fixtures/plans/corner-bakery/plan.mplan', name: 'CornerBakery', numbers: ['10,000 USD', '6,500 USD', '3,500 USD', '3,000 USD', '1,500 USD', '2,000 USD'] },
    { plan: 'test/fixtures/plans/phone-retailer.mplan', name: 'NordlysMobile', numbers: ['25,000 EUR', '22,000 EUR', '12,000 EUR', '8,000 EUR', '3,000 EUR'] },
    { plan: 'test/fixtures/plans/ebook-list.mplan', name: 'QuickSourdough', numbers: ['2,000 USD', '2,400 USD', '2,900 USD', '400 USD over'] }
];

function temp(): string {
    return mkdtempSync(join(tmpdir(), 'mplan-'));
}


/** The tags of a page that load a resource (scripts, styles, images, frames…), with their attributes. */
function loadingTags(html: string): string[] {
    return [...html.matchAll(/<(script|link|img|iframe|frame|object|embed|source|video|audio|track|image|use|base|form|input)\b[^>]*>/gi)].map(m => m[0]);
}

beforeAll(() => {
    if (!existsSync(join(ROOT, 'out', 'cli.cjs'))) throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
});

describe('mplan report', () => {
    for (const example of EXAMPLES) {
        it(`writes a self-contained HTML report of ${example.plan}, with its sections and numbers`, async () => {
            const dir = temp();
            const out = join(dir, 'report.html');
            const run = await mplan(['report', example.plan, '--out', out, ...AS_OF, ...PINNED_RULES]);
            expect(run).toEqual({ code: 0, stdout: `wrote ${out}\n`, stderr: '' });
            const html = readFileSync(out, 'utf8');
            expect(html).toMatch(/^<!DOCTYPE html>/);
            expect(html).toContain(`<h1>${example.name}</h1>`);
            for (const heading of ['Summary', 'Readiness', 'Budget', 'By strategy', 'By channel', 'By campaign', 'Money over time', 'Timeline', 'Funnel', 'Flows', 'By channel type', 'Findings']) {
                expect(html).toMatch(new RegExp(`<h[23]>${heading}</h[23]>`));
            }
            for (const number of example.numbers) expect(html, number).toContain(number);
            // Nothing is loaded from anywhere: no script, stylesheet, image or frame, no CSS url() or @import.
            expect(loadingTags(html)).toEqual([]);
            expect(html).not.toMatch(/url\(|@import/i);
            expect(html).not.toMatch(/\s(src|srcset|xlink:href|poster|action)=/i);
            // The only addresses are links (to the rule docs), and the policy forbids loading anything else.
            for (const [, tag] of html.matchAll(/<(\w+)[^>]*\shref="https?:/g)) expect(tag).toBe('a');
            expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
            expect(html).toContain('Judged as of</dt><dd>2027-01-15</dd>');
        });

        it(`writes the Markdown report of ${example.plan}, with the same sections and numbers`, async () => {
            const dir = temp();
            const run = await mplan(['report', example.plan, '--out', 'report.md', ...AS_OF, ...PINNED_RULES].map(arg => (arg === example.plan ? join(ROOT, arg) : arg)), dir);
            expect(run).toEqual({ code: 0, stdout: 'wrote report.md\n', stderr: '' });
            const text = readFileSync(join(dir, 'report.md'), 'utf8');
            const lines = text.split('\n');
            expect(lines[0]).toBe(`# Plan report: ${example.name}`);
            for (const heading of ['## Summary', '## Readiness', '## Budget', '### By strategy', '### By channel', '### By campaign', '## Money over time', '## Timeline', '## Funnel', '## Flows', '### By channel type', '## Findings']) {
                expect(lines).toContain(heading);
            }
            for (const number of example.numbers) expect(text, number).toContain(number);
        });
    }

    it('reports the flawed plan with exit 0: its findings are in the report, by area, with why and a link', async () => {
        const dir = temp();
        const run = await mplan(['report', 'test/fixtures/plans/ebook-list.mplan', '--out', join(dir, 'r.html'), ...AS_OF, ...PINNED_RULES]);
        expect(run.code).toBe(0);
        const html = readFileSync(join(dir, 'r.html'), 'utf8');
        expect(html).toContain('5 errors, 5 warnings, 1 info');
        expect(html).toContain('<li><strong>3</strong> tactics</li><li><strong>1</strong> campaign</li>');
        expect(html).toContain('<td>Funnel</td><td class="num">27</td>');
        expect(html).toContain('<h3>Offer</h3>');
        expect(html).toContain('<code>missing-guarantee</code>');
        // The rationale is quoted from the rule's docs page, shipped beside the CLI.
        expect(html).toContain('Most people will not buy online from a seller they do not know without a way to get their money back.');
        expect(html).toContain('<a href="https://github.com/mplan-dev/mplan/blob/main/docs/rules/missing-guarantee.md">');
        expect(html).toContain('ebook-list.mplan:94:22');
        const md = await mplan(['report', 'test/fixtures/plans/ebook-list.mplan', '--out', join(dir, 'r.md'), ...AS_OF, ...PINNED_RULES]);
        expect(md.code).toBe(0);
        const text = readFileSync(join(dir, 'r.md'), 'utf8');
        expect(text).toContain('| Funnel | 27 | 2 | 2 | 1 | 5 |');
        expect(text).toContain('> Most people will not buy online');
    });

    it('writes a subscription\'s money over time, month by month, and its objectives\' verdicts under the goal, its blocks by their titles', async () => {
        const dir = temp();
        writeFileSync(join(dir, 'coffee.mplan'), COFFEE_CLUB);
        expect(await mplan(['report', 'coffee.mplan', '--out', 'coffee.md', ...AS_OF], dir)).toEqual({ code: 0, stdout: 'wrote coffee.md\n', stderr: '' });
        const text = readFileSync(join(dir, 'coffee.md'), 'utf8');
        expect(text.split('\n')[0]).toBe('# Plan report: Coffee Club, year one');
        expect(text).toContain('- Objective **Paying subscribers**: not reached by 2027-12-31 (projected 779 of 1,000 active subscribers)');
        expect(text).toContain('## Money over time\n\nWhat the plan\'s own figures project over the first 12 months');
        expect(text).toContain('| 2027-01 | 1,000 USD | 200 | 200 | 4,000 USD | 2,000 USD |');
        expect(text).toContain('| **Total** | **6,000 USD** | **1,200** | – | **184,008 USD** | **92,004 USD** |');
        expect(text).toContain('- **Payback**, the months of margin that win back the CAC: 1 month');
        expect(text).toContain('| Spring launch | 1,000 USD per month (6,000 USD in all) | 6,000 USD |');
        expect(await mplan(['report', 'coffee.mplan', '--out', 'coffee.html', ...AS_OF], dir)).toEqual({ code: 0, stdout: 'wrote coffee.html\n', stderr: '' });
        const html = readFileSync(join(dir, 'coffee.html'), 'utf8');
        expect(html).toContain('<h1>Coffee Club, year one</h1>');
        expect(html).toMatch(/<h2>Money over time<\/h2>[\s\S]*<tr class="total"><th>Total<\/th><th class="num">6,000 USD<\/th>/);
        expect(loadingTags(html)).toEqual([]);
    });

    it('says in one line what a plan without a funnel lacks for a projection, and that its funnel is not assessed', async () => {
        const dir = temp();
        writeFileSync(join(dir, 'cakes.mplan'), NO_FUNNEL);
        expect((await mplan(['report', 'cakes.mplan', '--out', 'cakes.md', ...AS_OF], dir)).code).toBe(0);
        const text = readFileSync(join(dir, 'cakes.md'), 'utf8');
        expect(text).toContain('## Money over time\n\nNo projection: the plan has no funnel, so nothing counts visitors per month');
        expect(text).toMatch(/\| Funnel \| not assessed \(no funnel or flow\) \|/);
    });

    it('escapes a plan\'s <script> in both formats', async () => {
        const dir = temp();
        writeFileSync(join(dir, 'evil.mplan'), 'plan Evil {\n    goal "<script>alert(1)</script> and \\"><img src=x onerror=alert(1)>"\n}\nfunnel {\n    loyalty "<script>alert(2)</script>"\n}\n');
        expect((await mplan(['report', 'evil.mplan', '--out', 'evil.html'], dir)).code).toBe(0);
        expect((await mplan(['report', 'evil.mplan', '--out', 'evil.md'], dir)).code).toBe(0);
        const html = readFileSync(join(dir, 'evil.html'), 'utf8');
        expect(html).not.toMatch(/<script|<img/i);
        expect(html).toContain('<p class="goal">&lt;script&gt;alert(1)&lt;/script&gt; and &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>');
        expect(html).toContain('loyalty &quot;&lt;script&gt;alert(2)&lt;/script&gt;&quot;');
        const md = readFileSync(join(dir, 'evil.md'), 'utf8');
        // Each < that would open a tag is escaped; rendered as GitHub does, no tag comes of it.
        expect(md).not.toMatch(/(?<!\\)<(script|img)/i);
        expect(md).toContain('**Goal:** \\<script>alert(1)\\</script> and ">\\<img src=x onerror=alert(1)>');
        const rendered = new Marked({ gfm: true, async: false }).parse(md) as string;
        expect(rendered).not.toMatch(/<script|<img/i);
        expect(rendered).toContain('<p><strong>Goal:</strong> &lt;script&gt;alert(1)&lt;/script&gt; and &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>');
    });

    it('judges by the settings check uses: mplan.json in the folder, --config, --as-of', async () => {
        const dir = temp();
        writeFileSync(join(dir, 'plan.mplan'), readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8'));
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings({ rules: { 'missing-guarantee': 'off' } }));
        expect((await mplan(['report', 'plan.mplan', '--out', 'r.md', ...AS_OF], dir)).code).toBe(0);
        expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('| Offer | 90 | 0 | 1 | 0 | 1 |');
        writeFileSync(join(dir, 'strict.json'), pinnedSettings({ rules: { 'few-payment-options': 'error' }, asOf: '2027-03-01' }));
        expect((await mplan(['report', 'plan.mplan', '--out', 'r.md', '--config', 'strict.json'], dir)).code).toBe(0);
        const strict = readFileSync(join(dir, 'r.md'), 'utf8');
        expect(strict).toContain('| Offer | 50 | 2 | 0 | 0 | 2 |');
        expect(strict).toContain('**Judged as of:** 2027-03-01');
        expect((await mplan(['report', 'plan.mplan', '--out', 'r.md', '--config', 'strict.json', '--as-of', '2027-02-02'], dir)).code).toBe(0);
        expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('**Judged as of:** 2027-02-02');
    });

    it('replaces an existing report, keeping its permissions, and leaves no temporary file behind', async () => {
        const dir = temp();
        const out = join(dir, 'report.html');
        writeFileSync(out, 'old');
        chmodSync(out, 0o640);
        expect((await mplan(['report', join(PLANS, 'phone-retailer.mplan'), '--out', 'report.html', ...AS_OF, ...PINNED_RULES], dir)).code).toBe(0);
        expect(readFileSync(out, 'utf8')).toContain('<h1>NordlysMobile</h1>');
        expect(statSync(out).mode & 0o777).toBe(0o640);
        expect(readdirSync(dir)).toEqual(['report.html']);
    });
});

describe('mplan report: usage and file errors, one line each, exit 2', () => {
    const plan = join(PLANS, 'phone-retailer.mplan');

    it('needs exactly one plan file', async () => {
        expectOneCleanErrorLine(await mplan(['report', '--out', 'x.html']), /^mplan: report needs a plan file: mplan report PLAN --out FILE\.html\|FILE\.md$/);
        expectOneCleanErrorLine(await mplan(['report', plan, 'test/fixtures/plans/ebook-list.mplan', '--out', 'x.html']), /^mplan: report takes one plan file, not 2 \(/);
        expectOneCleanErrorLine(await mplan(['report', 'test/fixtures/plans', '--out', 'x.html']), /^mplan: test\/fixtures\/plans: is a folder; report takes one plan file$/);
        expectOneCleanErrorLine(await mplan(['report', 'nowhere.mplan', '--out', 'x.html']), /^mplan: nowhere\.mplan: no such file or directory$/);
        expectOneCleanErrorLine(await mplan(['report', 'README.md', '--out', 'x.html']), /^mplan: README\.md: not a plan file/);
    });

    it('refuses a library: it has no plan to report on', async () => {
        const dir = temp();
        const run = await mplan(['report', join(PLANS, 'corner-bakery', 'shared', 'market.mplan'), '--out', 'x.html'], dir);
        expectOneCleanErrorLine(run, /^mplan: .*market\.mplan: a library \(no plan block\), not a plan: report on a plan that imports it$/);
        expect(readdirSync(dir)).toEqual([]);
    });

    it('needs --out with .html or .md', async () => {
        expectOneCleanErrorLine(await mplan(['report', plan]), /^mplan: report needs --out FILE\.html or --out FILE\.md$/);
        expectOneCleanErrorLine(await mplan(['report', plan, '--out', 'report.pdf']), /^mplan: --out report\.pdf: the report is written as \.html or \.md/);
        expectOneCleanErrorLine(await mplan(['report', plan, '--out']), /^mplan: --out needs a value$/);
    });

    it('says so when the settings, the date or the output cannot be used', async () => {
        const dir = temp();
        writeFileSync(join(dir, 'broken.json'), '{ "rules": { "no-such-rule": "off" } }');
        expectOneCleanErrorLine(await mplan(['report', plan, '--out', 'r.html', '--config', 'broken.json'], dir), /^mplan: broken\.json:1:\d+: .*no-such-rule/);
        expectOneCleanErrorLine(await mplan(['report', plan, '--out', 'r.html', '--as-of', '2027-02-30'], dir), /^mplan: --as-of takes a date \(YYYY-MM-DD\): February 2027 has no day 30/);
        expectOneCleanErrorLine(await mplan(['report', plan, '--out', 'missing/r.html'], dir), /^mplan: missing\/r\.html: cannot write the report \(no such directory\)$/);
        mkdirSync(join(dir, 'folder.html'));
        expectOneCleanErrorLine(await mplan(['report', plan, '--out', 'folder.html'], dir), /^mplan: folder\.html: cannot write the report \(is a directory\)$/);
        expect(readdirSync(dir).sort()).toEqual(['broken.json', 'folder.html']);
    });
});

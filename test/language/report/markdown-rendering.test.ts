/**
 * The Markdown report and `mplan check --format markdown` as GitHub shows them
 * (issue 17, part 6): rendered with `marked` (CommonMark with GitHub's
 * extensions), plan text comes out as itself, with no markup of its own; and
 * the raw file reads as plain text: no backslash that the rendering does not
 * need (`4.62`, `(a)`, `snake_case` as written).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownCell } from '../../../src/language/report/escape.js';
import { mplan, PINNED, ROOT } from '../../cli/run.js';

const marked = new Marked({ gfm: true, async: false });

function html(markdown: string): string {
    return marked.parse(markdown) as string;
}

/** What a reader sees of some HTML: the tags gone, the entities decoded. */
function visible(fragment: string): string {
    return fragment.replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/**
 * The tags of some HTML, by name; a link GitHub makes of a bare web or mail
 * address (its text is its target) is left out: it shows the text as it is.
 */
function tags(fragment: string): string[] {
    const autolinks = fragment.replace(/<a href="(?:mailto:)?([^"]*)">([^<]*)<\/a>/g, (link, href: string, text: string) => (decodeURI(href) === visible(text) ? text : link));
    return [...autolinks.matchAll(/<([a-z][a-z0-9]*)\b/g)].map(match => match[1]);
}

/** Text as a reader sees it: runs of white space are one space. */
function spaced(text: string): string {
    return text.replace(/\s+/g, ' ').trim();
}

/**
 * The backslashes of a Markdown text that change nothing when rendered: each
 * escape is taken out in turn and the text rendered again. `\@` and `\#`
 * before a word and `\$` are kept out of it: they stop GitHub's mentions,
 * issue links and math, which marked does not have.
 */
function needlessBackslashes(markdown: string): string[] {
    const reference = html(markdown);
    const needless: string[] = [];
    for (let i = 0; i < markdown.length; i++) {
        if (markdown[i] !== '\\') continue;
        const escaped = markdown.slice(i, i + 2);
        i++;
        if (/^\\[@#$]/.test(escaped)) continue;
        if (html(markdown.slice(0, i - 1) + markdown.slice(i)) === reference) {
            needless.push(`${JSON.stringify(markdown.slice(Math.max(0, i - 30), i + 20))}`);
        }
    }
    return needless;
}

/** Each table of some HTML: its rows, each its cells' visible text. */
function tables(fragment: string): string[][][] {
    return [...fragment.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(table =>
        [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(row => [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(cell => spaced(visible(cell[1])))));
}

/** The example plans: examples/*.mplan and every examples/**\/plan.mplan. */
function examplePlans(): string[] {
    const found: string[] = [];
    const walk = (folder: string, top: boolean) => {
        for (const name of readdirSync(folder).sort()) {
            const full = join(folder, name);
            if (statSync(full).isDirectory()) walk(full, false);
            else if (top ? name.endsWith('.mplan') : name === 'plan.mplan') found.push(relative(ROOT, full));
        }
    };
    walk(join(ROOT, 'examples'), true);
    return found;
}

/** Strings a plan may hold that mean something to Markdown or HTML. */
const HOSTILE = [
    'a | b', '*bold*', '**strong**', '_under_', 'snake_case_name', '2 * 3 = 6', '~5% to ~8%', '~~gone~~',
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'a < b > c', '<!-- hidden -->', '<https://evil.example>',
    '`code`', '``two``', '[x](javascript:alert(1))', '![i](https://evil.example/p.png)', '[ref]', '[^1]',
    '# heading', '## two', '> quoted', '- item', '+ item', '* item', '1. first', '2) second', '---', '===', '***',
    'Funnel #', '#1 in town', '@team', 'mail hello@shop.example', 'cost $5 to $8', '&amp; &#38; &copy;', 'AT&T',
    'back\\slash', 'ends in \\', '\\*not bold\\*', '4.62', '(a)', '50% - 60%', 'Q&A: 3 > 2', 'line\nbreak', '    indented'
];

describe('escapeMarkdown against a Markdown renderer', () => {
    it('leaves plain punctuation alone: numbers, parentheses, dashes and underscores inside words', () => {
        for (const text of ['4.62', '(a)', 'Conversion 2.5% (first month)', '50% - 60%', 'snake_case', 'a > b', 'a < b', 'AT&T', 'Q&A', 'x + y = z', 'done!', 'it\'s "fine"', '1,000 USD', 'e-mail']) {
            expect(escapeMarkdown(text), text).toBe(text);
        }
    });

    it('escapes only where the rendering would change', () => {
        // A lone * or _ between spaces emphasises nothing.
        expect(escapeMarkdown('| * _ [x](javascript:alert(1))')).toBe('| * _ \\[x](javascript:alert(1))');
        expect(escapeMarkdown('<script>alert(1)</script>')).toBe('\\<script>alert(1)\\</script>');
        expect(escapeMarkdown('`code` ~~x~~ ![i](y) # h')).toBe('\\`code\\` \\~\\~x\\~\\~ !\\[i](y) # h');
        expect(escapeMarkdown('- item')).toBe('\\- item');
        expect(escapeMarkdown('1. item')).toBe('1\\. item');
        expect(escapeMarkdown('> quote')).toBe('\\> quote');
        expect(escapeMarkdown('# heading')).toBe('\\# heading');
        expect(escapeMarkdown('Funnel #')).toBe('Funnel \\#');
        expect(escapeMarkdown('&amp; & AT&T')).toBe('\\&amp; & AT&T');
        expect(escapeMarkdown('two\nlines')).toBe('two lines');
        expect(markdownCell('a | b')).toBe('a \\| b');
    });

    it.each(HOSTILE)('%j renders as itself in a paragraph, a list item, bold, a heading and a table cell', text => {
        const shown = spaced(text);
        const paragraph = html(escapeMarkdown(text));
        expect(tags(paragraph), paragraph).toEqual(['p']);
        expect(spaced(visible(paragraph))).toBe(shown);
        const item = html(`- ${escapeMarkdown(text)}`);
        expect(tags(item), item).toEqual(['ul', 'li']);
        expect(spaced(visible(item))).toBe(shown);
        const bold = html(`Goal: **${escapeMarkdown(text)}** now`);
        expect(tags(bold), bold).toEqual(['p', 'strong']);
        expect(spaced(visible(bold))).toBe(`Goal: ${shown} now`);
        const heading = html(`### ${escapeMarkdown(text)}`);
        expect(tags(heading), heading).toEqual(['h3']);
        expect(spaced(visible(heading))).toBe(shown);
        const table = html(`| Name | Value |\n| --- | ---: |\n| ${markdownCell(text)} | 1 |`);
        expect(tables(table), table).toEqual([[['Name', 'Value'], [shown, '1']]]);
        // No link but a bare address shown as itself; never a script or an image.
        expect(html(escapeMarkdown(text))).not.toMatch(/<(script|img)|href="(?!https?:|mailto:)/i);
    });

    it('any text of Markdown\'s special characters renders as itself, in a paragraph and in a cell', () => {
        const alphabet = fc.constantFrom(...'*_~`[]()<>&#@$|\\!-+=.:/ 1aZ;\n'.split(''));
        fc.assert(fc.property(fc.array(alphabet, { maxLength: 24 }).map(chars => chars.join('')), text => {
            const shown = spaced(text);
            const paragraph = html(`Said: ${escapeMarkdown(text)} end`);
            expect(tags(paragraph), paragraph).toEqual(['p']);
            expect(spaced(visible(paragraph)), paragraph).toBe(spaced(`Said: ${shown} end`));
            if (shown) {
                const table = html(`| Name |\n| --- |\n| ${markdownCell(text)} |`);
                expect(tables(table), table).toEqual([[['Name'], [shown]]]);
            }
        }), { numRuns: 1000 });
    });
});

describe('the Markdown report of each example', () => {
    it.each(examplePlans())('%s: no needless backslash, numbers as written, and tables GitHub can lay out', async plan => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-report-'));
        const run = await mplan(['report', plan, '--out', join(dir, 'report.md'), '--as-of', '2027-01-15']);
        expect(run.code, run.stderr).toBe(0);
        const text = readFileSync(join(dir, 'report.md'), 'utf8');
        expect(needlessBackslashes(text)).toEqual([]);
        expect(text).not.toMatch(/\\[.()-]/);
        const page = html(text);
        expect(tags(page)).not.toContain('script');
        for (const table of tables(page)) {
            expect(table.length).toBeGreaterThan(1);
            for (const row of table) expect(row.length, row.join(' | ')).toBe(table[0].length);
        }
        expect([...page.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map(match => match[1])).toEqual([
            'Summary', 'Readiness', 'Budget', 'Money over time', 'Timeline', 'Funnel', 'Flows', 'Compliance', 'Findings'
        ]);
    });
});

describe('mplan check --format markdown', () => {
    it('on the fixture plans: no needless backslash; each row\'s cells read as the JSON finding says', async () => {
        const run = await mplan(['check', 'test/fixtures/plans', '--format', 'markdown', '--config', PINNED, '--as-of', '2027-01-15']);
        expect(run.code).toBe(1);
        expect(needlessBackslashes(run.stdout)).toEqual([]);
        const json = JSON.parse((await mplan(['check', 'test/fixtures/plans', '--format', 'json', '--config', PINNED, '--as-of', '2027-01-15'])).stdout);
        const expected = json.files.flatMap((file: { path: string; findings: Array<{ line: number; column: number; severity: string; ruleId: string; message: string }> }) =>
            file.findings.map(f => [`${file.path}:${f.line}:${f.column}`, f.severity, f.ruleId, f.message]));
        const [table] = tables(html(run.stdout));
        expect(table.slice(1)).toEqual(expected);
    });
});

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlanReport } from '../../../src/language/report/build-report.js';
import { codeSpans, escapeHtml, escapeMarkdown } from '../../../src/language/report/escape.js';
import { READINESS_FORMULA, readinessScore } from '../../../src/language/report/readiness.js';
import { whyOf } from '../../../src/language/report/rationale.js';
import type { PlanReport } from '../../../src/language/report/report-data.js';
import { renderReportHtml } from '../../../src/language/report/render-html.js';
import { renderReportMarkdown } from '../../../src/language/report/render-markdown.js';
import type { Severity } from '../../../src/language/rules/index.js';
import { check, FIXTURE_PLANS, judgeBy, services } from '../../helpers.js';

const ROOT = join(__dirname, '..', '..', '..');

async function reportOf(files: Record<string, string>): Promise<PlanReport> {
    const checked = await check(files);
    return (await buildPlanReport(services.Mplan, checked.documents.get(Object.keys(files)[0])!))!;
}

/** The flawed plan (the fixture copy), judged by the rules its fixture settings pin: a new rule changes no number here. */
judgeBy();

function ebook(): Promise<PlanReport> {
    return reportOf({ 'ebook-list.mplan': readFileSync(join(FIXTURE_PLANS, 'ebook-list.mplan'), 'utf8') });
}

/** Every tag of a page that could load something: none may point anywhere but a link. */
function loadingTags(html: string): string[] {
    return [...html.matchAll(/<(script|link|img|iframe|frame|object|embed|source|video|audio|image|use|base|form|meta\s+http-equiv="refresh")\b[^>]*>/gi)].map(m => m[0]);
}

describe('the readiness formula', () => {
    const score = (rules: Record<string, Severity[]>) => readinessScore(new Map(Object.entries(rules)));

    it('takes 25 per error, 10 per warning and 3 per info off 100', () => {
        expect(score({})).toBe(100);
        expect(score({ a: ['error'] })).toBe(75);
        expect(score({ a: ['warning'], b: ['info'] })).toBe(87);
        expect(score({ a: ['error'], b: ['warning'], c: ['info'] })).toBe(62);
    });

    it('counts at most three findings of one rule, the heaviest first', () => {
        expect(score({ a: ['warning', 'warning', 'warning', 'warning', 'warning'] })).toBe(70);
        expect(score({ a: ['info', 'info', 'error', 'info', 'error'] })).toBe(100 - 25 - 25 - 3);
    });

    it('never goes below 0', () => {
        expect(score({ a: ['error', 'error', 'error'], b: ['error', 'error'] })).toBe(0);
    });

    it('is described in words with the same weights, in the report and in docs/report.md', () => {
        expect(READINESS_FORMULA).toContain('25 for an error, 10 for a warning and 3 for an info');
        expect(READINESS_FORMULA).toContain('at most 3 findings per rule');
        expect(readFileSync(join(ROOT, 'docs', 'report.md'), 'utf8')).toContain(`\n${READINESS_FORMULA}\n`);
    });
});

describe('escaping', () => {
    it('HTML: no plan text can open a tag, leave an attribute or end a CDATA section', () => {
        expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(escapeHtml('"><img src=x onerror=alert(1)>')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
        expect(escapeHtml("a ]]> b ' & c")).toBe('a ]]&gt; b &#39; &amp; c');
        expect(escapeHtml('bell\u0007 nul\u0000')).toBe('bell\uFFFD nul\uFFFD');
    });

    it('Markdown: no link, emphasis, cell break or raw HTML survives', () => {
        expect(escapeMarkdown('| * _ [x](javascript:alert(1))')).toBe('\\| \\* \\_ \\[x\\]\\(javascript:alert\\(1\\)\\)');
        expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
        expect(escapeMarkdown('a & b')).toBe('a &amp; b');
        expect(escapeMarkdown('`code` ~~x~~ ![i](y) # h')).toBe('\\`code\\` \\~\\~x\\~\\~ \\!\\[i\\]\\(y\\) \\# h');
        expect(escapeMarkdown('- item')).toBe('\\- item');
        expect(escapeMarkdown('1. item')).toBe('1\\. item');
        expect(escapeMarkdown('two\nlines')).toBe('two lines');
    });

    it('docs text keeps its code spans apart', () => {
        expect(codeSpans('Add `upsell A to B` now')).toEqual([
            { code: false, text: 'Add ' }, { code: true, text: 'upsell A to B' }, { code: false, text: ' now' }
        ]);
    });

    it('the rationale is the first paragraph of a docs page\'s "Why"', () => {
        const page = '# rule\n\n## Why\n\nFirst line\nsecond line.\n\nMore.\n\n## Incorrect\n';
        expect(whyOf(page)).toBe('First line second line.');
        expect(whyOf('# rule\n\n## Incorrect\n')).toBeUndefined();
        const real = readFileSync(join(ROOT, 'docs', 'rules', 'missing-guarantee.md'), 'utf8');
        expect(whyOf(real)).toMatch(/^Most people will not buy online/);
    });
});

describe('the HTML page', () => {
    it('is one self-contained page with every section, under a strict policy, without a script', async () => {
        const html = renderReportHtml(await ebook());
        expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
        for (const id of ['plan', 'summary', 'readiness', 'budget', 'timeline', 'funnel', 'findings']) expect(html).toContain(`id="${id}"`);
        expect(loadingTags(html)).toEqual([]);
        expect(html).not.toMatch(/url\(|@import/);
        expect(html).not.toMatch(/\sdata-(uri|line)=/);
        // Charts are inline SVG: readiness, three budget charts, the timeline, the funnel.
        expect(html.match(/<svg /g)).toHaveLength(6);
        // Links to the rule docs are plain links.
        expect(html).toContain('<a href="https://github.com/mplan-dev/mplan/blob/main/docs/rules/missing-guarantee.md">');
    });

    it('shows the numbers of the plan', async () => {
        const html = renderReportHtml(await ebook());
        expect(html).toContain('<h1>QuickSourdough</h1>');
        expect(html).toContain('2,000 USD');
        expect(html).toContain('2,400 USD');
        expect(html).toContain('400 USD over');
        expect(html).toContain('<td>Funnel</td><td class="num">27</td>');
        expect(html).toContain('ebook-list.mplan:94:22');
        // The typo is a language finding: no area scores it, so the reader is told.
        expect(html).toContain('<p class="warn">The plan has 1 language finding (syntax, names or imports; see Findings)');
    });

    it('for the preview: clickable items, theme colours, and the script and styles under one nonce', async () => {
        const report = await ebook();
        const html = renderReportHtml(report, { nonce: 'abc123', cspSource: 'vscode-webview://x', interactive: true, theme: 'vscode', script: 'console.log("</script><b>")' });
        expect(html).toContain(`content="default-src 'none'; style-src 'nonce-abc123' vscode-webview://x; img-src data: vscode-webview://x; script-src 'nonce-abc123'"`);
        expect(html).toContain('<style nonce="abc123">');
        expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="abc123">']);
        expect(html).toContain('console.log("<\\/script><b>")');
        expect(html).toContain('var(--vscode-editor-foreground)');
        // No inline style attribute: the policy would block it.
        expect(html).not.toMatch(/\sstyle="/);
        const campaign = report.budget.byCampaign[0].location!;
        expect(html).toContain(`data-uri="${campaign.uri}" data-line="${campaign.range.start.line}" data-character="0"`);
        const typo = report.findings.areas[0].rules[0].findings[0].location;
        expect(html).toContain(`data-uri="${typo.uri}" data-line="93" data-character="21"`);
    });

    it('the light theme uses no VS Code variable, and no script runs without a nonce', async () => {
        const html = renderReportHtml(await ebook(), { interactive: true, script: 'alert(1)' });
        expect(html).not.toContain('--vscode-');
        expect(html).not.toContain('<script');
    });
});

describe('the Markdown report', () => {
    it('has the same sections, as tables and a text timeline', async () => {
        const text = renderReportMarkdown(await ebook());
        for (const heading of ['# Plan report: QuickSourdough', '## Summary', '## Readiness', '## Budget', '### By strategy', '### By channel', '### By campaign', '## Timeline', '## Funnel', '## Findings', '### Offer', '#### `missing-guarantee`']) {
            expect(text.split('\n')).toContain(heading);
        }
        // The last column counts the rules that judged the area: the five funnel rules the fixture settings pin.
        expect(text).toContain('| Funnel | 27 | 2 | 2 | 1 | 5 |');
        expect(text).toContain('**The plan has 1 language finding \\(syntax, names or imports; see Findings\\)');
        expect(text).toContain('| Launch | 2,000 USD | 2,400 USD | 120% | 400 USD over | ForumPosts, InstagramAds |  |');
        expect(text).toContain('- 2027-01-15 to 2027-06-30: campaign **Launch**, review on 2027-07-15\n    - 2027-01-15 to 2027-06-30: tactic **ForumPosts**');
        expect(text).toContain('[Why it matters and how to fix it](https://github.com/mplan-dev/mplan/blob/main/docs/rules/missing-guarantee.md)');
    });
});

describe('the renderers are pure', () => {
    /** The modules a file imports at run time (type-only imports are erased), followed through relative imports. */
    function runtimeImports(file: string, seen = new Set<string>()): string[] {
        if (seen.has(file)) return [];
        seen.add(file);
        const source = readFileSync(file, 'utf8');
        const found: string[] = [];
        for (const match of source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
            if (match[1]) continue;
            const target = match[2];
            if (!target.startsWith('.')) {
                found.push(target);
                continue;
            }
            found.push(...runtimeImports(resolve(dirname(file), target.replace(/\.js$/, '.ts')), seen));
        }
        return found;
    }

    it('render-html and render-markdown load nothing from Langium or Node, so the extension can bundle them', () => {
        for (const name of ['render-html.ts', 'render-markdown.ts', 'report-data.ts', 'escape.ts', 'readiness.ts']) {
            expect(runtimeImports(join(ROOT, 'src', 'language', 'report', name)), name).toEqual([]);
        }
        // The check sees imports: build-report does load Langium.
        expect(runtimeImports(join(ROOT, 'src', 'language', 'report', 'build-report.ts'))).toContain('langium');
    });
});

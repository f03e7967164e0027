import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlanReport } from '../../../src/language/report/build-report.js';
import { codeSpans, escapeHtml, escapeMarkdown } from '../../../src/language/report/escape.js';
import { READINESS_FORMULA, READINESS_NOT_ASSESSED, readinessScore } from '../../../src/language/report/readiness.js';
import { whyOf } from '../../../src/language/report/rationale.js';
import type { PlanReport } from '../../../src/language/report/report-data.js';
import { renderReportHtml } from '../../../src/language/report/render-html.js';
import { renderReportMarkdown } from '../../../src/language/report/render-markdown.js';
import type { Severity } from '../../../src/language/rules/index.js';
import { check, FIXTURE_PLANS, judgeBy, services, TEST_SETTINGS } from '../../helpers.js';
import { COFFEE_CLUB, COFFEE_CLUB_RANGES, NO_FUNNEL } from '../../economics-plans.js';

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

    it('says that 100 means no findings, and when an area is not assessed, in the report and in docs/report.md', () => {
        expect(READINESS_FORMULA).toMatch(/^A score of 100 means that no rule of the area finds anything to improve/);
        expect(READINESS_NOT_ASSESSED).toContain('Market with no segment, Competition with no competitor or research block, Research and product with no research block or product, Offer with no offer, Strategy with no strategy or tactic, Campaign with no campaign, Funnel with no funnel or flow, Compliance with no market.');
        expect(readFileSync(join(ROOT, 'docs', 'report.md'), 'utf8')).toContain(`\n${READINESS_NOT_ASSESSED}\n`);
    });
});

describe('escaping', () => {
    it('HTML: no plan text can open a tag, leave an attribute or end a CDATA section', () => {
        expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(escapeHtml('"><img src=x onerror=alert(1)>')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
        expect(escapeHtml("a ]]> b ' & c")).toBe('a ]]&gt; b &#39; &amp; c');
        expect(escapeHtml('bell\u0007 nul\u0000')).toBe('bell\uFFFD nul\uFFFD');
    });

    it('Markdown: no link, emphasis, cell break or raw HTML survives (markdown-rendering.test.ts renders them)', () => {
        expect(escapeMarkdown('| * _ [x](javascript:alert(1))')).toBe('| * _ \\[x](javascript:alert(1))');
        expect(escapeMarkdown('<script>alert(1)</script>')).toBe('\\<script>alert(1)\\</script>');
        expect(escapeMarkdown('a & b')).toBe('a & b');
        expect(escapeMarkdown('`code` ~~x~~ ![i](y) # h')).toBe('\\`code\\` \\~\\~x\\~\\~ !\\[i](y) # h');
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
        for (const id of ['plan', 'summary', 'readiness', 'budget', 'money', 'timeline', 'funnel', 'findings']) expect(html).toContain(`id="${id}"`);
        expect(loadingTags(html)).toEqual([]);
        expect(html).not.toMatch(/url\(|@import/);
        expect(html).not.toMatch(/\sdata-(uri|line)=/);
        // Charts are inline SVG: readiness, four budget charts, the timeline, the funnel.
        expect(html.match(/<svg /g)).toHaveLength(7);
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
        for (const heading of ['# Plan report: QuickSourdough', '## Summary', '## Readiness', '## Budget', '### By strategy', '### By channel', '### By campaign', '## Money over time', '## Timeline', '## Funnel', '## Flows', '### By channel type', '## Findings', '### Offer', '#### `missing-guarantee`']) {
            expect(text.split('\n')).toContain(heading);
        }
        // The last column counts the rules that judged the area: the five funnel rules the fixture settings pin.
        expect(text).toContain('| Funnel | 27 | 2 | 2 | 1 | 5 |');
        expect(text).toContain('**The plan has 1 language finding (syntax, names or imports; see Findings)');
        expect(text).toContain('| Launch | 2,000 USD | 2,400 USD | 120% | 400 USD over | ForumPosts, InstagramAds |  |');
        expect(text).toContain('- 2027-01-15 to 2027-06-30: campaign **Launch**, review on 2027-07-15\n    - 2027-01-15 to 2027-06-30: tactic **ForumPosts**');
        expect(text).toContain('[Why it matters and how to fix it](https://github.com/mplan-dev/mplan/blob/main/docs/rules/missing-guarantee.md)');
    });
});

describe('money over time, objectives, readiness and titles, rendered', () => {
    // Every rule at its default level.
    judgeBy(TEST_SETTINGS);

    const coffee = () => reportOf({ 'plan.mplan': COFFEE_CLUB });

    it('Markdown: the plan by its title, each objective\'s verdict under the goal', async () => {
        const text = renderReportMarkdown(await coffee());
        expect(text.startsWith('# Plan report: Coffee Club, year one\n\n**Goal:** 1,000 paying subscribers by the end of 2027\n\n**Objectives, against the projection:**\n\n' +
            '- Objective **Paying subscribers**: not reached by 2027-12-31 (projected 779 of 1,000 active subscribers)\n' +
            '- Objective **New subscribers**: reached by 2027-12-31 (projected 1,200 of 1,000 customers)\n' +
            '- KPI **Acquisition cost**: reached over the first 12 months (projected 5 USD against at most 6 USD)\n' +
            '- Objective **Monthly revenue**: reached by 2027-06-30 (projected 21,192.65 USD a month of 20,000 USD a month)\n')).toBe(true);
        expect(text).toContain('- **Focus:** Monthly beans');
    });

    it('Markdown: the month-by-month table with a total row, by campaign, and the unit economics', async () => {
        const text = renderReportMarkdown(await coffee());
        const section = text.slice(text.indexOf('## Money over time'), text.indexOf('## Timeline'));
        expect(section).toContain('### Instagram funnel\n\nCustomers buy **Monthly beans** at 20 USD per month. 10,000 visitors a month, then subscribers 2%: 200 subscribers a month while the plan spends.');
        expect(section).toContain([
            '| Month | Spend | New customers | Paying subscribers | Revenue | Margin |',
            '| --- | ---: | ---: | ---: | ---: | ---: |',
            '| 2027-01 | 1,000 USD | 200 | 200 | 4,000 USD | 2,000 USD |',
            '| 2027-02 | 1,000 USD | 200 | 390 | 7,800 USD | 3,900 USD |'
        ].join('\n'));
        expect(section).toContain('| 2027-07 | 0 USD | 0 | 1,007 | 20,133 USD | 10,067 USD |');
        expect(section).toContain('| 2027-12 | 0 USD | 0 | 779 | 15,579 USD | 7,789 USD |\n| **Total** | **6,000 USD** | **1,200** | – | **184,008 USD** | **92,004 USD** |');
        expect(section).toContain('#### By campaign\n\n| Campaign | Spend | New customers | Revenue | Margin | CAC |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| Spring launch | 6,000 USD | 1,200 | 184,008 USD | 92,004 USD | 5 USD |');
        expect(section).toContain([
            '- **CAC**, the cost to acquire a paying customer: 5 USD',
            '- **LTV**, the margin one customer brings in over 12 months: 91.93 USD',
            '- **LTV:CAC**: 18.4x',
            '- **Payback**, the months of margin that win back the CAC: 1 month'
        ].join('\n'));
    });

    it('Markdown: ranges read "low to high", and what the projection leaves out is said', async () => {
        const ranges = renderReportMarkdown(await reportOf({ 'plan.mplan': COFFEE_CLUB_RANGES }));
        expect(ranges).toContain('| 2027-01 | 1,000 USD | 80 to 360 | 80 to 360 | 1,600 to 7,200 USD | 800 to 3,600 USD |');
        expect(ranges).toContain('- Objective **New subscribers**: uncertain by 2027-12-31: projected 480 to 2,160 of 1,000 customers\n');
        expect(ranges).toContain('- **Payback**, the months of margin that win back the CAC: 1 to 2 months');
        const plain = renderReportMarkdown(await reportOf({ 'plan.mplan': COFFEE_CLUB.replace('    churn 5% per month\n', '') }));
        expect(plain).toContain('Left out of the projection:\n- MonthlyBeans states no retention or churn: only its first payment is counted');
        // Without a churn nobody is counted as still paying: the column is left out.
        expect(plain).toContain('| Month | Spend | New customers | Revenue | Margin |');
    });

    it('Markdown: a budget per month with its total; titles in the budget and the timeline', async () => {
        const text = renderReportMarkdown(await coffee());
        expect(text).toContain('| Spring launch | 1,000 USD per month (6,000 USD in all) | 6,000 USD | 100% | 0 USD | Instagram ads |  |');
        expect(text).toContain('| Subscriptions first | 6,000 USD | 100% | Instagram ads |  |');
        expect(text).toContain('- 2027-01-01 to 2027-06-30: campaign **Spring launch**, review on 2027-07-15\n    - 2027-01-01 to 2027-06-30: tactic **Instagram ads**');
    });

    it('Markdown: no funnel, the missing projection in one line and the areas not assessed', async () => {
        const text = renderReportMarkdown(await reportOf({ 'plan.mplan': NO_FUNNEL }));
        expect(text).toContain('## Money over time\n\nNo projection: the plan has no funnel, so nothing counts visitors per month or says how they become customers: add a funnel with \'visitors 8_000 per month\' (the figure you expect) and its conversion rates.\n\n## Timeline');
        expect(text).toContain('- Objective **Cakes sold**: not judged: no projection, the plan has no funnel\n');
        expect(text).toContain('| Market | 100 (no findings) | 0 | 0 | 0 | 7 |');
        expect(text).toContain('| Competition | not assessed (no competitor or research block) | 0 | 1 | 0 | 3 |');
        expect(text).toMatch(/\| Funnel \| not assessed \(no funnel or flow\) \| 1 \| 2 \| 0 \| \d+ \|/);
        expect(text).toContain('An area is "not assessed", and has no score, when the plan declares nothing its rules read');
    });

    it('HTML: the title as the heading, the objectives under the goal, the money section with its chart and tables', async () => {
        const report = await coffee();
        const html = renderReportHtml(report);
        expect(html).toContain('<title>Plan report: Coffee Club, year one</title>');
        expect(html).toContain('<h1>Coffee Club, year one</h1>\n<p class="goal">1,000 paying subscribers by the end of 2027</p>\n<ul class="objectives"');
        expect(html).toContain('<li class="not-reached"><span class="kind">Objective</span> <strong>Paying subscribers</strong>: <span class="verdict">not reached by 2027-12-31 (projected 779 of 1,000 active subscribers)</span></li>');
        expect(html).toContain('<li class="reached"><span class="kind">KPI</span> <strong>Acquisition cost</strong>: <span class="verdict">reached over the first 12 months (projected 5 USD against at most 6 USD)</span></li>');
        const money = html.slice(html.indexOf('<section id="money">'), html.indexOf('<section id="timeline">'));
        expect(money).toContain('<h3>Instagram funnel</h3>');
        expect(money).toContain('aria-label="Spend and revenue by month"');
        expect(money.match(/<g class="row">/g)).toHaveLength(12);
        expect(money).toContain('<tr><td>2027-02</td><td class="num">1,000 USD</td><td class="num">200</td><td class="num">390</td><td class="num">7,800 USD</td><td class="num">3,900 USD</td></tr>');
        expect(money).toContain('<tr class="total"><th>Total</th><th class="num">6,000 USD</th><th class="num">1,200</th><th class="num">–</th><th class="num">184,008 USD</th><th class="num">92,004 USD</th></tr>');
        expect(money).toContain('<td>Spring launch</td><td class="num">6,000 USD</td><td class="num">1,200</td><td class="num">184,008 USD</td><td class="num">92,004 USD</td><td class="num">5 USD</td>');
        expect(money).toContain('<div class="card-title">LTV</div><div class="card-value">91.93 USD</div><div class="card-note">the margin one customer brings in over 12 months</div>');
        expect(money).toContain('<div class="card-title">Payback</div><div class="card-value">1 month</div>');
        expect(html).toContain('<td>Spring launch</td><td class="num">1,000 USD per month (6,000 USD in all)</td>');
        // The preview reveals the funnel and the campaign from their rows.
        const preview = renderReportHtml(report, { interactive: true, theme: 'vscode', nonce: 'n' });
        const objective = report.plan.objectives[0].location!;
        expect(preview).toContain(`<li class="not-reached" data-uri="${objective.uri}" data-line="25" data-character="4">`);
        expect(preview).toContain(`<div class="projection" data-uri="${report.money.funnels[0].location!.uri}" data-line="${report.money.funnels[0].location!.range.start.line}"`);
    });

    it('HTML: no funnel, the missing projection and the areas not assessed', async () => {
        const html = renderReportHtml(await reportOf({ 'plan.mplan': NO_FUNNEL }));
        expect(html).toContain('<section id="money">\n<h2>Money over time</h2>\n<p class="warn">No projection: the plan has no funnel, so nothing counts visitors per month');
        expect(html).toContain('<tr><td>Market</td><td class="num">100 (no findings)</td>');
        expect(html).toContain('<tr><td>Funnel</td><td class="num">not assessed (no funnel or flow)</td><td class="num">1</td><td class="num">2</td>');
        expect(html).toContain('class="muted">not assessed: the plan has no funnel or flow</text>');
        expect(html).toContain('<p class="note">An area is &quot;not assessed&quot;, and has no score, when the plan declares nothing its rules read');
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

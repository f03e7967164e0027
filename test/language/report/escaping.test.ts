import { AstUtils, GrammarAST, type AstNode } from 'langium';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { buildPlanReport } from '../../../src/language/report/build-report.js';
import { escapeHtml, escapeMarkdown } from '../../../src/language/report/escape.js';
import type { PlanReport } from '../../../src/language/report/report-data.js';
import { renderReportHtml } from '../../../src/language/report/render-html.js';
import { renderReportMarkdown } from '../../../src/language/report/render-markdown.js';
import { check, services } from '../../helpers.js';

/** Script, attribute break-out, CDATA end, a line break and Markdown that would link to script. */
const PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>]]>\n| * _ [x](javascript:alert(1))';
/** The payload as an mplan string literal. */
const S = JSON.stringify(PAYLOAD);

/**
 * A plan with the payload in every string of the grammar, and in a comment
 * inside a fact the report quotes; the name of its only missing import is the
 * payload too. Its flaws make rules quote the strings in their messages.
 */
const PLAN = `import ${JSON.stringify(PAYLOAD + '.mplan')}
plan Payload_plan-1 ${S} {
    goal ${S}
    currency USD
    focus Thing
    tracking consent ${S}
}
market Home ${S} {
    country US
    timezone ${S}
}
product Thing ${S} {
    price 10 USD
    tier Basic ${S} 10 USD share 50%
    benefit ${S}
    drawback ${S}
    drawback ${S} mitigated by ${S}
    improvement ${S}
    certified ${S}
}
segment Buyers ${S} {
    who ${S}
    from ${S}
    decides
    habits { social linkedin sites ${S} }
}
audience Lapsed ${S} {
    who ${S}
    of Buyers
    behaviour ${S}
    consent express recorded ${S}
}
competitor Rival ${S} {
    strength ${S}
    weakness ${S}
    we differ by ${S}
}
research ${S} {
    consulted ${S}
    finding ${S}
}
strategy Win ${S} {
    statement ${S}
    targets Buyers
    objective ${S}
    kpi ${S} owner ${S}
    message ${S}
}
tactic Ads ${S} {
    serves Win
    channel social on ${S}
    audience Buyers, Lapsed
    budget 100 USD
    from 2027-02-01 to 2027-03-01
    message ${S}
    keywords ${S}
    hashtags ${S}
    test ${S} metric clicks
    disclosure ${S}
    reward ${S} for honest reviews
    tracking consent ${S}
}
flow Nudge ${S} {
    channel email
    audience Lapsed
    trigger ${S}
    step after 1 day ${S} with reminder
    stop when ${S}
    hours weekdays 9:00 to 17:00 in ${S}
}
campaign Go ${S} {
    budget 50 USD
    staff ${S} 50% from ${S}
    runs Ads
    from 2027-02-01 to 2027-03-01
    results { sales 3 ${S} }
}
funnel ${S} {
    collect leads by optin form /* ${PAYLOAD.replace('\n', ' ')} */ offering ebook ${S}
    loyalty ${S}
    sender address ${S}
    // The funnel projects, so the display titles reach the money section too.
    visitors 1_000 per month
    conversion visitors to customers 5%
}
offer ${S} {
    guarantee ${S} 5 days claim ${S} refunds ${S} condition ${S}
    free sample ${S}
    payments card, ${S}
    security ${S}
}
`;

/** Every `Type.property` the grammar fills from a STRING token. */
function stringFields(): string[] {
    const fields = new Set<string>();
    for (const rule of services.Mplan.Grammar.rules) {
        if (!GrammarAST.isParserRule(rule)) continue;
        for (const node of AstUtils.streamAllContents(rule)) {
            if (!GrammarAST.isAssignment(node)) continue;
            const calls = [node.terminal, ...AstUtils.streamAllContents(node.terminal)];
            if (calls.some(call => GrammarAST.isRuleCall(call) && call.rule.ref?.name === 'STRING')) fields.add(`${rule.name}.${node.feature}`);
        }
    }
    return [...fields].sort();
}

/** The `Type.property` of every string value in a tree that holds the payload. */
function fieldsHolding(root: AstNode): string[] {
    const fields = new Set<string>();
    for (const node of AstUtils.streamAst(root)) {
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            if ([value].flat().some(v => v === PAYLOAD || v === PAYLOAD + '.mplan')) fields.add(`${node.$type}.${key}`);
        }
    }
    return [...fields].sort();
}

/** Every string of the report data that holds part of the payload. */
function dataStrings(value: unknown, key = ''): string[] {
    if (typeof value === 'string') return key !== 'uri' && value.includes('alert(1)') ? [value] : [];
    if (Array.isArray(value)) return value.flatMap(item => dataStrings(item, key));
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => dataStrings(v, k));
    return [];
}

async function payloadReport(): Promise<{ report: PlanReport; root: AstNode }> {
    const checked = await check({ 'plan.mplan': PLAN });
    const document = checked.documents.get('plan.mplan')!;
    return { report: (await buildPlanReport(services.Mplan, document))!, root: document.parseResult.value };
}

describe('plan text in the report', () => {
    it('the test plan holds the payload in every string field of the grammar', async () => {
        const { root } = await payloadReport();
        expect(fieldsHolding(root)).toEqual(stringFields());
    });

    it('reaches the report data through the goal, the titles, the objectives, the funnel\'s own words and the findings\' messages', async () => {
        const { report } = await payloadReport();
        expect(report.plan.goal).toBe(PAYLOAD);
        expect(report.plan.title).toBe(PAYLOAD);
        expect(report.plan.focus).toEqual([PAYLOAD]);
        expect(report.plan.objectives.map(o => [o.text, o.strategy])).toEqual([[PAYLOAD, PAYLOAD], [PAYLOAD, PAYLOAD]]);
        expect(report.budget.byCampaign.map(row => [row.title, row.tactics])).toEqual([[PAYLOAD, [PAYLOAD]]]);
        expect(report.timeline.items.map(item => item.title)).toEqual([PAYLOAD, PAYLOAD]);
        expect(report.funnel.funnels[0].title).toBe(PAYLOAD);
        const money = report.money.funnels[0];
        expect([money.title, money.projection?.product, money.projection?.campaigns[0].title]).toEqual([PAYLOAD, PAYLOAD, PAYLOAD]);
        const how = report.funnel.funnels[0].stages.flatMap(stage => stage.how);
        expect(how.filter(text => text.includes('<script>alert(1)</script>'))).toHaveLength(2);
        const messages = report.findings.areas.flatMap(area => area.rules.flatMap(rule => rule.findings.map(f => f.message)));
        expect(messages.filter(message => message.includes('<script>')).length).toBeGreaterThanOrEqual(3);
    });

    it('comes out of the HTML page escaped, wherever it is shown, in the file and in the preview', async () => {
        const { report } = await payloadReport();
        const strings = dataStrings(report);
        expect(strings.length).toBeGreaterThanOrEqual(6);
        for (const html of [renderReportHtml(report), renderReportHtml(report, { interactive: true, theme: 'vscode', nonce: 'n0nce' })]) {
            expect(html).not.toMatch(/<script|<img|\]\]>/i);
            expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;]]&gt;');
            expect(html).not.toContain('javascript:alert(1))"');
            for (const text of strings) expect(html, text).toContain(escapeHtml(text));
            expect(html).toContain(`<p class="goal">${escapeHtml(PAYLOAD)}</p>`);
        }
    });

    it('comes out of the Markdown report escaped: rendered as GitHub does, no HTML, no link, no broken table row, the text as written', async () => {
        const { report } = await payloadReport();
        const text = renderReportMarkdown(report);
        const html = new Marked({ gfm: true, async: false }).parse(text) as string;
        expect(html).not.toMatch(/<script|<img|<\/?b>/i);
        // No link can be made of it: the only links are the rules' docs pages.
        expect([...html.matchAll(/<a href="([^"]*)"/g)].map(m => m[1]).filter(href => !href.startsWith('https://'))).toEqual([]);
        expect(html).not.toContain('javascript:alert(1))"');
        // What a reader sees holds every plan text of the report, as written (its line break a space).
        const seen = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
        for (const value of dataStrings(report)) expect(seen, value).toContain(value.replace(/\s+/g, ' '));
        expect(html).toContain(`<p><strong>Goal:</strong> ${PAYLOAD.replace(/\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</p>`);
        // Each table row has as many cells as its header (an unescaped | or a line break would change that).
        for (const table of html.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
            const rows = [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(row => [...row[1].matchAll(/<t[hd][ >]/g)].length);
            expect(new Set(rows).size, table[0]).toBe(1);
        }
        // The line break in the payload starts no new line of its own.
        expect(text.split('\n').some(line => /^\\?\| \\?\* /.test(line))).toBe(false);
    });

    it('the plan\'s title heads the report, escaped; a plan name with Markdown characters is escaped too', async () => {
        const { report } = await payloadReport();
        expect(renderReportMarkdown(report)).toContain(`# Plan report: ${escapeMarkdown(PAYLOAD)}\n`);
        expect(renderReportHtml(report)).toContain(`<h1>${escapeHtml(PAYLOAD)}</h1>`);
        const checked = await check({ 'plan.mplan': 'plan Payload_plan-1 {\n    goal "Grow"\n}\n' });
        const untitled = (await buildPlanReport(services.Mplan, checked.documents.get('plan.mplan')!))!;
        // An underscore inside a name emphasises nothing: it stays as written.
        expect(renderReportMarkdown(untitled)).toContain('# Plan report: Payload_plan-1\n');
        expect(renderReportHtml(untitled)).toContain('<h1>Payload_plan-1</h1>');
    });

    it('a file name that is HTML is escaped where the report names it', async () => {
        const checked = await check({ '<img src=x onerror=alert(1)>.mplan': 'plan Named {\n    goal "Grow"\n}\n' });
        const report = (await buildPlanReport(services.Mplan, [...checked.documents.values()][0]))!;
        const html = renderReportHtml(report);
        expect(html).not.toContain('<img');
        expect(html).toContain('Made by mplan from &lt;img src=x onerror=alert(1)&gt;.mplan');
        expect(renderReportMarkdown(report)).toContain('Made by mplan from \\<img src=x onerror=alert(1)>.mplan');
    });
});

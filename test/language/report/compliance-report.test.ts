/**
 * The report's Compliance section ("Real plans, part 3"): each market the plan
 * names with its countries, law, languages, currency, zones and prices; each
 * provision the compliance rules check there, in force on the as-of day or
 * not, with the findings reported for that market; a plan without markets
 * says no law-specific check ran; every report says it is not legal advice.
 * Also the exchange rates beside the currency and how soon opt-outs are
 * honoured. Built from a linen shop selling in the US, Germany and France,
 * and Norway.
 */
import type { LangiumDocument } from 'langium';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Settings } from '../../../src/language/config/settings.js';
import { buildPlanReport, NO_MARKET, NOT_LEGAL_ADVICE } from '../../../src/language/report/build-report.js';
import type { MarketCompliance, PlanReport } from '../../../src/language/report/report-data.js';
import { escapeMarkdown } from '../../../src/language/report/escape.js';
import { renderReportHtml } from '../../../src/language/report/render-html.js';
import { renderReportMarkdown } from '../../../src/language/report/render-markdown.js';
import { publicRuleDocsUrl } from '../../../src/language/config/rule-docs.js';
import { check, services, TEST_SETTINGS } from '../../helpers.js';

const LINEN = `plan Linen "Linden & Loom" {
    goal "Sell 800 linen sheet sets in 2027"
    currency USD
    rate 1 EUR = 1.08 USD as of 2027-01-01
    rate 1 NOK = 0.095 USD as of 2027-01-02
}
market US "United States" {
    country US
    languages en, es
    currency USD
    timezones "America/New_York", "America/Los_Angeles"
}
market Core "Germany and France" {
    countries DE, FR
    languages de, fr
    currency EUR
    timezone "Europe/Berlin"
}
market NO "Norway" {
    language nb
    currency NOK
}
product SheetSet "Linen sheet set" {
    price 189 USD
    price 169 EUR in Core
    price 1_990 NOK in NO
}
segment Sleepers { who "Couples who sleep hot" }
tactic SearchAds "Search ads" {
    channel ppc on google
    audience Sleepers
    budget 1_500 USD per month
    from 2027-03-01 to 2027-08-31
}
flow Welcome "Welcome series" {
    channel email
    trigger signup
    step "Welcome to the mill" with story
    stop when unsubscribed
    unsubscribe within 2 business days
}
funnel {
    visitors 30_000 per month
    conversion visitors to customers 1%
    unsubscribe within 1 week
}
`;

afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));

async function built(text = LINEN, settings?: Partial<Settings>): Promise<{ document: LangiumDocument; report: () => Promise<PlanReport> }> {
    if (settings) services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, ...settings });
    const checked = await check(text);
    const document = checked.documents.get('plan.mplan')!;
    return { document, report: async () => (await buildPlanReport(services.Mplan, document))! };
}

/** A finding as a compliance rule reports it: its data names the markets and jurisdictions it is reported for. */
function finding(rule: string, line: number, message: string, markets: string[], jurisdictions?: string[]): Diagnostic {
    return {
        code: rule, severity: 2, source: 'mplan', message,
        range: { start: { line, character: 4 }, end: { line, character: 20 } },
        data: jurisdictions ? { markets, jurisdictions } : { markets }
    };
}

function market(report: PlanReport, name: string): MarketCompliance {
    const found = report.compliance.markets.find(m => m.name === name);
    expect(found, `market ${name} in the report`).toBeDefined();
    return found!;
}

describe('the compliance section of the report', () => {
    it('lists each market with its countries, the law it falls under, its languages, currency, zones and prices', async () => {
        const { compliance } = await (await built()).report();
        expect(compliance.none).toBeUndefined();
        expect(compliance.disclaimer).toBe(NOT_LEGAL_ADVICE);
        expect(compliance.markets.map(({ laws: _laws, location: _location, ...facts }) => facts)).toEqual([
            {
                name: 'US', title: 'United States', countries: [{ code: 'US', name: 'United States' }],
                jurisdictions: [{ code: 'US', name: 'United States' }],
                languages: [{ code: 'en', name: 'English' }, { code: 'es', name: 'Spanish' }],
                currency: 'USD', zones: ['America/New_York', 'America/Los_Angeles'], prices: []
            },
            {
                name: 'Core', title: 'Germany and France', countries: [{ code: 'DE', name: 'Germany' }, { code: 'FR', name: 'France' }],
                jurisdictions: [{ code: 'EU', name: 'European Union' }],
                languages: [{ code: 'de', name: 'German' }, { code: 'fr', name: 'French' }],
                currency: 'EUR', zones: ['Europe/Berlin'], prices: ['Linen sheet set: 169 EUR']
            },
            {
                name: 'NO', title: 'Norway', countries: [{ code: 'NO', name: 'Norway' }], jurisdictions: [],
                languages: [{ code: 'nb', name: 'Norwegian Bokmål' }], currency: 'NOK', zones: [], prices: ['Linen sheet set: 1,990 NOK']
            }
        ]);
        expect(market(await (await built()).report(), 'Core').location?.range.start).toEqual({ line: 12, character: 0 });
    });

    it('lists the provisions checked in each market, from the table of laws, in force on the as-of day', async () => {
        const report = await (await built()).report();
        expect(market(report, 'US').laws.map(law => [law.rule, law.jurisdiction, law.from, law.status])).toEqual([
            ['sms-without-consent', 'US', '2013-10-16', 'in force'],
            ['sms-quiet-hours', 'US', '1992-12-20', 'in force'],
            ['slow-unsubscribe', 'US', '2004-01-01', 'in force'],
            ['undisclosed-endorsement', 'US', '2009-12-01', 'in force'],
            ['incentivized-reviews', 'US', '2024-10-21', 'in force']
        ]);
        const green = market(report, 'Core').laws.find(law => law.rule === 'generic-green-claim')!;
        expect(green).toMatchObject({
            jurisdiction: 'EU', from: '2026-09-27', status: 'in force', findings: [],
            law: 'Directive (EU) 2024/825 (empowering consumers for the green transition), amending Directive 2005/29/EC', article: 'Annex I points 4a and 4c'
        });
        // Its docs page once the rule is in the registry; no link to a page that does not exist.
        expect(green.docsUrl).toBe(publicRuleDocsUrl('generic-green-claim'));
        // Norway falls under no jurisdiction mplan has rules for: nothing is checked there.
        expect(market(report, 'NO').laws).toEqual([]);
    });

    it('says a provision is not yet in force on the as-of day, and a pack switched off in mplan.json', async () => {
        const report = await (await built(LINEN, { asOf: '2026-06-01', packs: { EU: 'off' } })).report();
        const core = market(report, 'Core').laws;
        expect(core.every(law => law.status === 'pack off')).toBe(true);
        const early = await (await built(LINEN, { asOf: '2026-06-01' })).report();
        expect(market(early, 'Core').laws.find(law => law.rule === 'generic-green-claim')!.status).toBe('not yet');
        expect(market(early, 'Core').laws.find(law => law.rule === 'discount-without-prior-price')!.status).toBe('in force');
        expect(market(early, 'US').laws.every(law => law.status === 'in force')).toBe(true);
        const markdown = renderReportMarkdown(report);
        expect(markdown).toContain('| not checked: the EU pack is off in mplan.json | 0 |');
        expect(renderReportMarkdown(early)).toContain('| 2026-09-27 | not yet in force on the as-of day: checked for what runs from 2026-09-27 | 0 |');
    });

    it('puts each compliance finding under every market its data names, against the provision of its jurisdiction', async () => {
        const { document, report } = await built();
        document.diagnostics = [
            ...(document.diagnostics ?? []),
            finding('slow-unsubscribe', 54, "Flow 'Welcome' may take 3 weeks to honour an opt-out.", ['US'], ['US']),
            finding('undisclosed-endorsement', 41, "Tactic 'SearchAds' pays a creator and says nothing of it.", ['US', 'Core'], ['US', 'EU']),
            // A finding whose data names no jurisdiction counts under the rule's first provision in the market.
            finding('tracking-without-consent', 41, "Tactic 'SearchAds' tracks without consent.", ['Core'])
        ];
        const data = await report();
        const count = (name: string) => market(data, name).laws.filter(law => law.findings.length > 0).map(law => [law.rule, law.jurisdiction, law.findings.length]);
        expect(count('US')).toEqual([['slow-unsubscribe', 'US', 1], ['undisclosed-endorsement', 'US', 1]]);
        expect(count('Core')).toEqual([['undisclosed-endorsement', 'EU', 1], ['tracking-without-consent', 'EU', 1]]);
        expect(count('NO')).toEqual([]);
        const slow = market(data, 'US').laws.find(law => law.rule === 'slow-unsubscribe')!.findings[0];
        expect(slow).toMatchObject({ severity: 'warning', file: 'plan.mplan', line: 55, column: 5, message: "Flow 'Welcome' may take 3 weeks to honour an opt-out." });

        const markdown = renderReportMarkdown(data);
        expect(markdown).toContain("- **warning** `slow-unsubscribe` plan.mplan:55:5: Flow 'Welcome' may take 3 weeks to honour an opt-out.");
        expect(markdown).toMatch(/\| (\[`slow-unsubscribe`\]\([^)]+slow-unsubscribe\.md\)|`slow-unsubscribe`) \| CAN-SPAM Act of 2003, 15 U\.S\.C\. 7704\(a\)\(4\) \| 2004-01-01 \| in force \| 1 \|/);
        const html = renderReportHtml(data, { interactive: true });
        const section = html.slice(html.indexOf('<section id="compliance">'), html.indexOf('</section>', html.indexOf('<section id="compliance">')));
        expect(section).toMatch(/<li class="warning" data-uri="[^"]+" data-line="54" data-character="4"><span class="severity">warning<\/span> <code>slow-unsubscribe<\/code> <span class="where">plan.mplan:55:5<\/span> Flow &#39;Welcome&#39; may take 3 weeks/);
        expect(section).toContain('<td class="num">1</td></tr>');
    });

    it('renders each market in Markdown: its facts, the provisions checked, its findings, and that it is not legal advice', async () => {
        const markdown = renderReportMarkdown(await (await built()).report());
        const section = markdown.slice(markdown.indexOf('## Compliance'), markdown.indexOf('## Findings'));
        expect(section).toContain([
            '### Germany and France (Core)', '',
            '- **Countries:** DE (Germany), FR (France)',
            '- **Law checked:** European Union',
            '- **Languages:** de (German), fr (French)',
            '- **Currency:** EUR',
            '- **Time zones:** Europe/Berlin',
            '- **Prices:** Linen sheet set: 169 EUR'
        ].join('\n'));
        expect(section).toContain('| Rule | Law | Applies from | Status | Findings |');
        expect(section).toContain('No finding in this market.');
        expect(section).toContain('- **Law checked:** none: mplan has law-specific checks for the United States, Canada, the European Union and the United Kingdom only');
        expect(section).toContain(`**${NOT_LEGAL_ADVICE.replace(/\./g, '.')}**`);
        expect(section.indexOf('### United States (US)')).toBeLessThan(section.indexOf('### Germany and France (Core)'));
    });

    it('says no law-specific check ran when the plan names no market, and still that it is not legal advice', async () => {
        const data = await (await built('plan P { goal "Sell mugs" currency USD }\nproduct Mug { price 38 USD }\n')).report();
        expect(data.compliance).toEqual({ markets: [], none: NO_MARKET, disclaimer: NOT_LEGAL_ADVICE });
        const markdown = renderReportMarkdown(data);
        expect(markdown).toContain("## Compliance\n\nThe plan names no market, so no law-specific check ran. Add a 'market' block");
        expect(markdown).toContain('**Not legal advice: ');
        const html = renderReportHtml(data);
        expect(html).toContain('<p class="warn">The plan names no market, so no law-specific check ran.');
        expect(html).toContain('<p class="disclaimer">Not legal advice: ');
    });

    it('escapes every plan text of the section in HTML and Markdown', async () => {
        const data = await (await built()).report();
        const us = market(data, 'US');
        us.title = '<img src=x onerror=alert(1)>';
        us.zones = ['</td><script>alert(1)</script>'];
        us.prices = ['**bold** [link](javascript:alert(1))'];
        const html = renderReportHtml(data);
        const section = html.slice(html.indexOf('<section id="compliance">'), html.indexOf('</section>', html.indexOf('<section id="compliance">')));
        expect(section).not.toContain('<img');
        expect(section).not.toContain('<script>');
        expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;');
        const markdown = renderReportMarkdown(data);
        expect(markdown).toContain(`### ${escapeMarkdown(us.title)} (US)`);
        expect(markdown).toContain(`- **Prices:** ${escapeMarkdown(us.prices[0])}`);
        expect(markdown).not.toContain('**bold** [link](javascript:alert(1))');
    });

    it('shows the exchange rates beside the currency, and how soon flows and funnels honour an opt-out', async () => {
        const data = await (await built()).report();
        expect(data.plan.rates.map(rate => [rate.text, rate.asOf])).toEqual([['1 EUR = 1.08 USD', '2027-01-01'], ['1 NOK = 0.095 USD', '2027-01-02']]);
        expect(data.flows[0].unsubscribeWithin).toBe('2 business days');
        expect(data.funnel.funnels[0].unsubscribeWithin).toBe('1 week');
        const markdown = renderReportMarkdown(data);
        expect(markdown).toContain('- **Currency:** USD\n- **Exchange rates:** 1 EUR = 1.08 USD as of 2027-01-01; 1 NOK = 0.095 USD as of 2027-01-02');
        expect(markdown).toContain('1 step; at most 1 in one week; opt-outs honoured within 2 business days.');
        expect(markdown).toContain('Opt-outs are honoured within 1 week.');
        const html = renderReportHtml(data);
        expect(html).toContain('<div><dt>Exchange rates</dt><dd>1 EUR = 1.08 USD as of 2027-01-01; 1 NOK = 0.095 USD as of 2027-01-02</dd></div>');
        expect(html).toContain('opt-outs honoured within 2 business days.');
    });

    it('shows a product\'s prices in other markets beside the price the projection counts', async () => {
        const text = LINEN.replace('funnel {', 'funnel {\n    first purchase at customers').replace('currency USD\n    rate', 'currency USD\n    focus SheetSet\n    rate');
        const data = await (await built(text)).report();
        const projected = data.money.funnels[0].projection!;
        expect(projected.marketPrices).toEqual(['169 EUR in Core', '1,990 NOK in NO']);
        expect(renderReportMarkdown(data)).toContain('Customers buy **Linen sheet set** at 189 USD (and 169 EUR in Core; 1,990 NOK in NO; the projection counts the first price).');
    });

    // Runs once the rule is in the registry: a real finding, grouped by the data the rule gives it.
    it('groups what sms-quiet-hours finds on a US text flow under the US', async () => {
        const text = `${LINEN}flow Restock { channel sms market US consent written recorded trigger "back in stock" step "Your size is back" stop when purchased, unsubscribed }\n`;
        const data = await (await built(text)).report();
        const quiet = market(data, 'US').laws.find(law => law.rule === 'sms-quiet-hours')!;
        expect(quiet.findings).toHaveLength(1);
        expect(quiet.findings[0].line).toBe(47);
        expect(market(data, 'Core').laws.flatMap(law => law.findings)).toEqual([]);
    });
});

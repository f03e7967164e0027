import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'langium';
import { afterEach, describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol, type Range, type SymbolInformation, type WorkspaceSymbol } from 'vscode-languageserver/node';
import { MplanDocumentSymbolProvider } from '../../src/language/lsp/document-symbols.js';
import { services } from '../helpers.js';
import { BAKERY, LspClient, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });


/** SymbolKind names by number (SymbolKind is a set of constants, without reverse lookup). */
const KINDS = new Map<number, string>(Object.entries(SymbolKind).map(([name, kind]) => [kind as number, name]));

/** A range as `line:character-line:character`, 0-based as in LSP. */
function at(range: Range): string {
    return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

interface Outline {
    name: string;
    kind: string;
    detail?: string;
    range: string;
    selection: string;
    children?: Outline[];
}

/** Symbols as tests read them: the kind by name (Class, Function…), ranges as text. */
function outline(symbols: DocumentSymbol[]): Outline[] {
    return symbols.map(s => ({
        name: s.name,
        kind: KINDS.get(s.kind) ?? String(s.kind),
        ...(s.detail !== undefined ? { detail: s.detail } : {}),
        range: at(s.range),
        selection: at(s.selectionRange),
        ...(s.children ? { children: outline(s.children) } : {})
    }));
}

async function documentSymbols(path: string): Promise<Outline[]> {
    const text = readFileSync(path, 'utf8');
    await client!.open(uri(path), text);
    return outline(await client!.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri(path) } }));
}

/** Resolves once the server has published diagnostics for `target` (at start-up it judges every plan of the workspace). */
async function judged(target: string): Promise<void> {
    if (!client!.diagnostics.has(target)) await client!.nextDiagnostics(target);
}

describe('document symbols over LSP', () => {
    it('outline a plan by kind: the plan with its goal, the strategy with its objectives, tactics with their channel, the campaign with its period', async () => {
        client = await LspClient.start();
        expect(await documentSymbols(join(BAKERY, 'plan.mplan'))).toEqual([
            { name: 'CornerBakery', kind: 'File', detail: 'plan · Become the default caterer for downtown offices within two years', range: '10:0-15:1', selection: '10:5-10:17' },
            {
                name: 'OfficeCatering', kind: 'Key', detail: 'strategy · Own catering for downtown offices by being the only same-day option', range: '17:0-24:1', selection: '17:9-17:23',
                children: [
                    { name: 'Recurring office accounts', kind: 'Constant', detail: 'objective: 40 accounts by 2027-12-31', range: '20:4-20:81', selection: '20:14-20:41' },
                    { name: 'Repeat orders', kind: 'Constant', detail: 'objective: 60% repeat_rate by 2027-12-31', range: '21:4-21:73', selection: '21:14-21:29' }
                ]
            },
            { name: 'LinkedInAds', kind: 'Field', detail: 'tactic · ppc on linkedin', range: '26:0-34:1', selection: '26:7-26:18' },
            { name: 'LocalSearch', kind: 'Field', detail: 'tactic · seo on google', range: '36:0-43:1', selection: '36:7-36:18' },
            { name: 'BusinessJournalAd', kind: 'Field', detail: 'tactic · print on Downtown Business Journal', range: '45:0-52:1', selection: '45:7-45:24' },
            { name: 'SpringLaunch', kind: 'Event', detail: 'campaign · 2027-02-01 to 2027-06-30', range: '54:0-62:1', selection: '54:9-54:21' }
        ]);
    });

    it('show segments with who they are, competitors with how we differ, and unnamed research under its keyword', async () => {
        client = await LspClient.start();
        expect(await documentSymbols(join(BAKERY, 'shared', 'market.mplan'))).toEqual([
            { name: 'OfficeManagers', kind: 'Object', detail: 'segment · Office managers who order food for meetings', range: '3:0-17:1', selection: '3:8-3:22' },
            { name: 'TeamAssistants', kind: 'Object', detail: 'segment · Team assistants who suggest where the food comes from', range: '19:0-31:1', selection: '19:8-19:22' },
            { name: 'SweetCo', kind: 'Operator', detail: 'competitor · we differ by Same-day delivery', range: '33:0-38:1', selection: '33:11-33:18' },
            { name: 'OfficeEats', kind: 'Operator', detail: 'competitor · we differ by Baked the same morning, delivered by our own staff', range: '40:0-44:1', selection: '40:11-40:21' },
            { name: 'research', kind: 'Module', detail: '2 findings', range: '46:0-51:1', selection: '46:0-46:8' }
        ]);
    });

    it('show an unnamed offer with its guarantee and an unnamed funnel with its stages, and products with their price', async () => {
        client = await LspClient.start();
        expect(await documentSymbols(join(BAKERY, 'shared', 'offer.mplan'))).toEqual([
            { name: 'offer', kind: 'String', detail: 'guarantee: money back 30 days', range: '3:0-11:1', selection: '3:0-3:5' },
            { name: 'funnel', kind: 'Array', detail: 'visitors → leads → customers → repeat', range: '13:0-26:1', selection: '13:0-13:6' }
        ]);
        expect(await documentSymbols(join(BAKERY, 'shared', 'products.mplan'))).toEqual([
            { name: 'CateringBox', kind: 'Package', detail: 'product · 49 USD', range: '2:0-9:1', selection: '2:8-2:19' },
            { name: 'PastryPlatter', kind: 'Package', detail: 'product · 29 USD', range: '11:0-15:1', selection: '11:8-11:21' }
        ]);
    });

    it('keep the outline of a half-typed file, and follow edits', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/symbols/edit.mplan';
        await client.open(doc, 'segment Managers { who "Office managers" }\ncampaign ');
        const request = () => client!.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: doc } }).then(outline);
        expect(await request()).toEqual([
            { name: 'Managers', kind: 'Object', detail: 'segment · Office managers', range: '0:0-0:42', selection: '0:8-0:16' },
            { name: 'campaign', kind: 'Event', range: '1:0-1:8', selection: '1:0-1:8' }
        ]);
        await client.change(doc, 'segment Managers { who "Office managers" }\ncampaign Spring { from 2027-02-01 to 2027-06-30 }\n');
        expect(await request()).toEqual([
            { name: 'Managers', kind: 'Object', detail: 'segment · Office managers', range: '0:0-0:42', selection: '0:8-0:16' },
            { name: 'Spring', kind: 'Event', detail: 'campaign · 2027-02-01 to 2027-06-30', range: '1:0-1:49', selection: '1:9-1:15' }
        ]);
    });
});

describe('workspace symbols over LSP', () => {
    it('find blocks by name across all four files of a split plan, with their kind and place', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        await judged(uri(join(BAKERY, 'plan.mplan')));
        const found = await client.request<Array<SymbolInformation | WorkspaceSymbol>>('workspace/symbol', { query: 'Office' });
        const rows = found.map(s => `${s.name} ${KINDS.get(s.kind)} ${s.location.uri.slice(uri(BAKERY).length + 1)} ${'range' in s.location ? at(s.location.range) : ''}`).sort();
        expect(rows).toEqual([
            'OfficeCatering Key plan.mplan 17:9-17:23',
            'OfficeEats Operator shared/market.mplan 40:11-40:21',
            'OfficeManagers Object shared/market.mplan 3:8-3:22'
        ]);
    });

    it('list every named block of the workspace for an empty query', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        await judged(uri(join(BAKERY, 'plan.mplan')));
        const found = await client.request<Array<SymbolInformation | WorkspaceSymbol>>('workspace/symbol', { query: '' });
        expect(found.map(s => `${s.name} ${KINDS.get(s.kind)}`).sort()).toEqual([
            'BusinessJournalAd Field', 'CateringBox Package', 'CornerBakery File', 'LinkedInAds Field', 'LocalSearch Field',
            'OfficeCatering Key', 'OfficeEats Operator', 'OfficeManagers Object', 'PastryPlatter Package', 'SpringLaunch Event',
            'SweetCo Operator', 'TeamAssistants Object'
        ]);
    });
});

describe('document symbols (service)', () => {
    const provider = new MplanDocumentSymbolProvider(services.Mplan);
    const symbolsOf = (text: string) => {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file('/symbols/unit.mplan'));
        return outline(provider.getSymbols(document));
    };

    it('name research, funnels and offers by their name when they have one', () => {
        expect(symbolsOf('research Interviews { finding "a" }\nfunnel Newsletter { }\noffer Launch { guarantee "Satisfaction" 2 weeks }\n')).toEqual([
            { name: 'Interviews', kind: 'Module', detail: 'research · 1 finding', range: '0:0-0:35', selection: '0:9-0:19' },
            { name: 'Newsletter', kind: 'Array', detail: 'funnel', range: '1:0-1:21', selection: '1:7-1:17' },
            { name: 'Launch', kind: 'String', detail: 'offer · guarantee: Satisfaction 2 weeks', range: '2:0-2:49', selection: '2:6-2:12' }
        ]);
    });

    it('give each kind of block a kind of its own, read in plain words, and its keyword as the detail until more is written', () => {
        const text = 'plan P { currency EUR }\nproduct Box { }\nsegment S { }\ncompetitor C { }\nstrategy St { objective "Grow" }\ntactic T { channel email }\ncampaign K { }\nfunnel { }\noffer { }\nresearch { }\n';
        expect(symbolsOf(text).map(s => [s.name, s.kind, s.detail, s.children?.map(c => [c.name, c.kind, c.detail])])).toEqual([
            ['P', 'File', 'plan · currency EUR', undefined],
            ['Box', 'Package', 'product', undefined],
            ['S', 'Object', 'segment', undefined],
            ['C', 'Operator', 'competitor', undefined],
            ['St', 'Key', 'strategy', [['Grow', 'Constant', 'objective']]],
            ['T', 'Field', 'tactic · email', undefined],
            ['K', 'Event', 'campaign', undefined],
            ['funnel', 'Array', undefined, undefined],
            ['offer', 'String', undefined, undefined],
            ['research', 'Module', undefined, undefined]
        ]);
    });

    it('show a market as a namespace with its countries, and a product priced only per market with its first such price', () => {
        const text = 'market Europe "European Union" { countries DE, FR }\nmarket US { }\nmarket Nowhere { }\nproduct Mug { price 26 EUR in Europe price 28 USD in US }\n';
        expect(symbolsOf(text).map(s => [s.name, s.kind, s.detail])).toEqual([
            ['Europe', 'Namespace', 'market · European Union · DE, FR'],
            ['US', 'Namespace', 'market · US'],
            ['Nowhere', 'Namespace', 'market'],
            ['Mug', 'Package', 'product · 26 EUR in Europe']
        ]);
    });

    it('show a product\'s tiers beneath it, a KPI as a KPI, targets as written, and titles first in the detail', () => {
        const text = [
            'product CoffeeClub "Coffee Club" {',
            '    price 19 USD per month',
            '    tier Starter "One bag" 15 USD per month share 40%',
            '    tier Office 1_200 to 1_500 USD per year',
            '}',
            'product Grinder { price 39 to 49 USD variant Hand 45 USD }',
            'strategy Subscribers "Subscribers first" {',
            '    objective "Paying accounts" metric customers target at least 1_200 by 2027-12-31 owner "Ana Lima" review monthly',
            '    kpi "Acquisition cost" metric cac target at most 35 USD owner Ana review every 2 weeks',
            '    kpi "Return on ad spend" metric roas target 4x',
            '    kpi "Churn" metric churn target at most 2% a month review 3 times per month',
            '    kpi "Demos" target 30 to 40 per week',
            '    kpi "Watched"',
            '}',
            'funnel "Webinar funnel" { conversion visitors to buyers 2% }',
            'research "Customer interviews" { finding "a" }',
            ''
        ].join('\n');
        expect(symbolsOf(text).map(s => [s.name, s.kind, s.detail, s.children?.map(c => [c.name, c.kind, c.detail])])).toEqual([
            ['CoffeeClub', 'Package', 'product · Coffee Club · 19 USD per month', [
                ['Starter', 'Property', 'tier · One bag · 15 USD per month · share 40%'],
                ['Office', 'Property', 'tier · 1,200 to 1,500 USD per year']
            ]],
            ['Grinder', 'Package', 'product · 39 to 49 USD', [['Hand', 'Property', 'variant · 45 USD']]],
            ['Subscribers', 'Key', 'strategy · Subscribers first', [
                ['Paying accounts', 'Constant', 'objective: at least 1,200 customers by 2027-12-31, owner Ana Lima, reviewed monthly'],
                ['Acquisition cost', 'Number', 'KPI: at most 35 USD cac, owner Ana, reviewed every 2 weeks'],
                ['Return on ad spend', 'Number', 'KPI: 4x roas'],
                ['Churn', 'Number', 'KPI: at most 2% churn per month, reviewed 3 times per month'],
                ['Demos', 'Number', 'KPI: 30 to 40 per week'],
                ['Watched', 'Number', 'KPI']
            ]],
            ['Webinar funnel', 'Array', 'funnel · visitors → buyers', undefined],
            ['Customer interviews', 'Module', 'research · 1 finding', undefined]
        ]);
    });

    it('never fail on broken input', () => {
        for (const text of ['', 'segment', 'segment {', 'strategy S { objective ', 'tactic T { channel on', '}}}', 'product P { price 12 }', 'funnel { conversion visitors to']) {
            expect(() => symbolsOf(text)).not.toThrow();
            expect(symbolsOf(text).every(s => s.name.length > 0)).toBe(true);
        }
    });
});

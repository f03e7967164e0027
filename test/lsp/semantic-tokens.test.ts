import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type InitializeResult, type SemanticTokens,
    type SemanticTokensLegend
} from 'vscode-languageserver/node';
import { readFileSync } from 'node:fs';
import { URI } from 'langium';
import { services } from '../helpers.js';
import { LspClient, PLANS, ROOT } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

/**
 * What the server announces on initialize, read over a connection of our
 * own (the shared test client keeps the initialize result to itself).
 */
async function initializeResult(): Promise<InitializeResult> {
    const child = spawn(process.execPath, [join(ROOT, 'out', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', () => { /* the server's log */ });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    try {
        return await connection.sendRequest<InitializeResult>('initialize', {
            processId: process.pid, rootUri: null, workspaceFolders: null,
            capabilities: { textDocument: { semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } } }
        });
    } finally {
        await connection.sendRequest('shutdown').catch(() => undefined);
        await connection.sendNotification('exit').catch(() => undefined);
        connection.dispose();
        if (child.exitCode === null) child.kill();
    }
}

let legend: SemanticTokensLegend;
beforeAll(async () => {
    const result = await initializeResult();
    const provider = result.capabilities.semanticTokensProvider;
    if (!provider) throw new Error('the server announces no semantic tokens');
    legend = provider.legend;
});

/** Decodes tokens as `line:character text type[.modifier…]` (0-based positions), in document order. */
function decode(text: string, tokens: SemanticTokens): string[] {
    const lines = text.split('\n');
    const out: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
        const [deltaLine, deltaStart, length, type, modifiers] = tokens.data.slice(i, i + 5);
        line += deltaLine;
        character = deltaLine === 0 ? character + deltaStart : deltaStart;
        const names = legend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
        out.push(`${line}:${character} ${lines[line].slice(character, character + length)} ${[legend.tokenTypes[type], ...names].join('.')}`);
    }
    return out;
}

const DOC = 'file:///tmp/tokens/plan.mplan';

/** One block of each kind, references between them, and every kind of value. */
const PLAN = `// Tokens of every kind.
plan Demo {
    goal "Be known downtown"
    currency USD
    focus Box
}
/* Products
   and prices */
product Box { price 49 USD }
segment Managers {
    income 45_000 to 90_000 USD per year
    habits { tools email online weekdays 9:00 to 17:00 }
}
competitor SweetCo { we differ by "Same day" }
research Notes { studied SweetCo }
strategy Office {
    targets Managers
    objective "Accounts" metric accounts target 40% by 2027-12-31
}
tactic Ads { serves Office channel email on linkedin }
campaign Spring {
    runs Ads
    staff Ann 50% from marketing
    track leads
}
funnel Main { follow up weekly conversion visitors to leads 5% }
offer Deal { payments card }
`;

describe('semantic tokens over LSP', () => {
    it('the capability offers full and range requests, with a legend of standard types', () => {
        for (const type of ['namespace', 'struct', 'class', 'interface', 'type', 'method', 'function', 'event', 'enum', 'keyword', 'enumMember', 'number', 'string', 'property', 'variable', 'comment']) {
            expect(legend.tokenTypes).toContain(type);
        }
        expect(legend.tokenModifiers).toContain('declaration');
    });

    it('highlight names by kind, keywords, values from fixed lists, numbers, dates, times, percentages, text and free words', async () => {
        client = await LspClient.start({ capabilities: { textDocument: { semanticTokens: { requests: { full: true, range: true } } } } });
        await client.open(DOC, PLAN);
        const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: DOC } });
        expect(decode(PLAN, tokens)).toEqual([
            '0:0 // Tokens of every kind. comment',
            '1:0 plan keyword', '1:5 Demo namespace.declaration',
            '2:4 goal keyword', '2:9 "Be known downtown" string',
            '3:4 currency keyword', '3:13 USD enumMember',
            '4:4 focus keyword', '4:10 Box struct',
            '6:0 /* Products comment', '7:0    and prices */ comment',
            '8:0 product keyword', '8:8 Box struct.declaration', '8:14 price keyword', '8:20 49 number', '8:23 USD enumMember',
            '9:0 segment keyword', '9:8 Managers class.declaration',
            '10:4 income keyword', '10:11 45_000 number', '10:18 to keyword', '10:21 90_000 number', '10:28 USD enumMember', '10:32 per keyword', '10:36 year enumMember',
            '11:4 habits keyword', '11:13 tools keyword', '11:19 email variable', '11:25 online keyword', '11:32 weekdays enumMember', '11:41 9:00 number', '11:46 to keyword', '11:49 17:00 number',
            '13:0 competitor keyword', '13:11 SweetCo interface.declaration', '13:21 we keyword', '13:24 differ keyword', '13:31 by keyword', '13:34 "Same day" string',
            '14:0 research keyword', '14:9 Notes type.declaration', '14:17 studied keyword', '14:25 SweetCo interface',
            '15:0 strategy keyword', '15:9 Office method.declaration',
            '16:4 targets keyword', '16:12 Managers class',
            '17:4 objective keyword', '17:14 "Accounts" string', '17:25 metric keyword', '17:32 accounts property', '17:41 target keyword', '17:48 40 number', '17:50 % number', '17:52 by keyword', '17:55 2027-12-31 number',
            '19:0 tactic keyword', '19:7 Ads function.declaration', '19:13 serves keyword', '19:20 Office method', '19:27 channel keyword', '19:35 email enumMember', '19:41 on keyword', '19:44 linkedin variable',
            '20:0 campaign keyword', '20:9 Spring event.declaration',
            '21:4 runs keyword', '21:9 Ads function',
            '22:4 staff keyword', '22:10 Ann variable', '22:14 50 number', '22:16 % number', '22:18 from keyword', '22:23 marketing variable',
            '23:4 track keyword', '23:10 leads property',
            '25:0 funnel keyword', '25:7 Main enum.declaration', '25:14 follow keyword', '25:21 up keyword', '25:24 weekly enumMember',
            '25:31 conversion keyword', '25:42 visitors property', '25:51 to keyword', '25:54 leads property', '25:60 5 number', '25:61 % number',
            '26:0 offer keyword', '26:6 Deal type.declaration', '26:13 payments keyword', '26:22 card variable'
        ]);
    });

    it('highlight the facts of issue 14: titles, tiers by name, KPIs and objectives as keywords, ratios as numbers, owners and stages as words', async () => {
        const text = [
            'product Club "Coffee Club" {',
            '    tier Starter "One bag" 15 USD per month share 40%',
            '    churn 3% a month',
            '}',
            'strategy Subs {',
            '    kpi "ROAS" metric roas target at least 4x owner Ana review weekly',
            '}',
            'funnel { first purchase at buyers }',
            ''
        ].join('\n');
        client = await LspClient.start();
        await client.open(DOC, text);
        const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: DOC } });
        expect(decode(text, tokens)).toEqual([
            '0:0 product keyword', '0:8 Club struct.declaration', '0:13 "Coffee Club" string',
            '1:4 tier keyword', '1:9 Starter property.declaration', '1:17 "One bag" string', '1:27 15 number', '1:30 USD enumMember',
            '1:34 per keyword', '1:38 month enumMember', '1:44 share keyword', '1:50 40 number', '1:52 % number',
            '2:4 churn keyword', '2:10 3 number', '2:11 % number', '2:13 a keyword', '2:15 month enumMember',
            '4:0 strategy keyword', '4:9 Subs method.declaration',
            '5:4 kpi keyword', '5:8 "ROAS" string', '5:15 metric keyword', '5:22 roas property', '5:27 target keyword', '5:34 at keyword', '5:37 least keyword',
            '5:43 4 number', '5:44 x number', '5:46 owner keyword', '5:52 Ana variable', '5:56 review keyword', '5:63 weekly enumMember',
            '7:0 funnel keyword', '7:9 first keyword', '7:15 purchase keyword', '7:24 at keyword', '7:27 buyers property'
        ]);
    });

    it('highlight the facts of issue 15: audiences as segments are, flows as tactics are, hashtags and triggers as words, delays as numbers and units', async () => {
        const text = [
            'segment Managers { who "Managers" }',
            'audience Lapsed { of Managers within 90 days }',
            'tactic Ads { audience Managers, Lapsed hashtags #FreshLunch, "#office lunch" }',
            'flow Welcome {',
            '    channel sms audience Lapsed trigger signup',
            '    step after 2 hours "Hi" with tips stop when ordered',
            '}',
            ''
        ].join('\n');
        client = await LspClient.start();
        await client.open(DOC, text);
        const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: DOC } });
        expect(decode(text, tokens)).toEqual([
            '0:0 segment keyword', '0:8 Managers class.declaration', '0:19 who keyword', '0:23 "Managers" string',
            '1:0 audience keyword', '1:9 Lapsed class.declaration', '1:18 of keyword', '1:21 Managers class', '1:30 within keyword', '1:37 90 number', '1:40 days enumMember',
            // A tactic's audience names a segment or an audience: both are highlighted as segments are.
            '2:0 tactic keyword', '2:7 Ads function.declaration', '2:13 audience keyword', '2:22 Managers class', '2:32 Lapsed class',
            '2:39 hashtags keyword', '2:48 #FreshLunch variable', '2:61 "#office lunch" string',
            '3:0 flow keyword', '3:5 Welcome function.declaration',
            '4:4 channel keyword', '4:12 sms enumMember', '4:16 audience keyword', '4:25 Lapsed class', '4:32 trigger keyword', '4:40 signup variable',
            '5:4 step keyword', '5:9 after keyword', '5:15 2 number', '5:17 hours enumMember', '5:23 "Hi" string', '5:28 with keyword', '5:33 tips variable',
            '5:38 stop keyword', '5:43 when keyword', '5:48 ordered variable'
        ]);
    });

    it('highlight the facts of issue 16: markets as namespaces, codes and currencies as values, consent kinds and rewards as values', async () => {
        const text = [
            'plan Kiln { rate 1 EUR = 1.08 USD as of 2027-01-01 }',
            'market Europe { countries DE, FR languages de currency EUR timezone "Europe/Berlin" }',
            'product Mug { price 26 EUR in Europe certified "EU Ecolabel" }',
            'flow Texts { markets Europe consent written recorded "signed form" unsubscribe within 2 business days hours 9:00 to 20:00 in "Europe/Berlin" }',
            'tactic Reviews { reward "10% off" for honest reviews disclosure "#ad" }',
            'offer { discount 20% on Mug prior price 35 EUR }',
            ''
        ].join('\n');
        client = await LspClient.start();
        await client.open(DOC, text);
        const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: DOC } });
        expect(decode(text, tokens)).toEqual([
            '0:0 plan keyword', '0:5 Kiln namespace.declaration', '0:12 rate keyword', '0:17 1 number', '0:19 EUR enumMember', '0:25 1.08 number', '0:30 USD enumMember',
            '0:34 as keyword', '0:37 of keyword', '0:40 2027-01-01 number',
            '1:0 market keyword', '1:7 Europe namespace.declaration', '1:16 countries keyword', '1:26 DE enumMember', '1:30 FR enumMember',
            '1:33 languages keyword', '1:43 de enumMember', '1:46 currency keyword', '1:55 EUR enumMember', '1:59 timezone keyword', '1:68 "Europe/Berlin" string',
            '2:0 product keyword', '2:8 Mug struct.declaration', '2:14 price keyword', '2:20 26 number', '2:23 EUR enumMember', '2:27 in keyword', '2:30 Europe namespace',
            '2:37 certified keyword', '2:47 "EU Ecolabel" string',
            '3:0 flow keyword', '3:5 Texts function.declaration', '3:13 markets keyword', '3:21 Europe namespace', '3:28 consent keyword', '3:36 written enumMember',
            '3:44 recorded keyword', '3:53 "signed form" string', '3:67 unsubscribe keyword', '3:79 within keyword', '3:86 2 number', '3:88 business keyword', '3:97 days enumMember',
            '3:102 hours keyword', '3:108 9:00 number', '3:113 to keyword', '3:116 20:00 number', '3:122 in keyword', '3:125 "Europe/Berlin" string',
            '4:0 tactic keyword', '4:7 Reviews function.declaration', '4:17 reward keyword', '4:24 "10% off" string', '4:34 for keyword', '4:38 honest enumMember',
            '4:45 reviews keyword', '4:53 disclosure keyword', '4:64 "#ad" string',
            '5:0 offer keyword', '5:8 discount keyword', '5:17 20 number', '5:19 % number', '5:21 on keyword', '5:24 Mug struct', '5:28 prior keyword', '5:34 price keyword',
            '5:40 35 number', '5:43 EUR enumMember'
        ]);
    });

    it('a range request gives exactly the tokens of the full request that lie in the range', async () => {
        client = await LspClient.start();
        await client.open(DOC, PLAN);
        const full = decode(PLAN, await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: DOC } }));
        const range = decode(PLAN, await client.request<SemanticTokens>('textDocument/semanticTokens/range', {
            textDocument: { uri: DOC }, range: { start: { line: 15, character: 0 }, end: { line: 20, character: 0 } }
        }));
        expect(range).toEqual(full.filter(token => { const line = Number(token.split(':')[0]); return line >= 15 && line < 20; }));
        expect(range[0]).toBe('15:0 strategy keyword');
        expect(range.at(-1)).toBe('19:44 linkedin variable');
    });

    it('a half-typed plan still gets the tokens of what was read, and the server keeps answering', async () => {
        client = await LspClient.start();
        const text = 'segment Managers { who "Office managers" }\ncampaign Spring {\n    budget 10_000\n    runs \n';
        await client.open(DOC, text);
        const tokens = decode(text, await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: DOC } }));
        expect(tokens.slice(0, 5)).toEqual(['0:0 segment keyword', '0:8 Managers class.declaration', '0:19 who keyword', '0:23 "Office managers" string', '1:0 campaign keyword']);
        expect(tokens).toContain('1:9 Spring event.declaration');
        expect(tokens).toContain('2:11 10_000 number');
        const after = await client.change(DOC, 'segment Managers { who "Office managers" }\n');
        expect(after.map(d => d.code)).not.toContain('syntax-error');
        const fixed = decode('segment Managers { who "Office managers" }\n', await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: DOC } }));
        expect(fixed).toEqual(['0:0 segment keyword', '0:8 Managers class.declaration', '0:19 who keyword', '0:23 "Office managers" string']);
    });
});

describe('semantic tokens (service)', () => {
    it('every prefix of an example plan, as if typed from the start, gets well-formed tokens', async () => {
        const provider = services.Mplan.lsp.SemanticTokenProvider!;
        const text = readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8');
        for (let cut = 0; cut <= text.length; cut += 7) {
            const prefix = text.slice(0, cut);
            const document = services.shared.workspace.LangiumDocumentFactory.fromString(prefix, URI.file(`/tokens/prefix-${cut}.mplan`));
            const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
            const lines = prefix.split('\n');
            let line = 0;
            let character = 0;
            for (let i = 0; i < tokens.data.length; i += 5) {
                const [deltaLine, deltaStart, length] = tokens.data.slice(i, i + 5);
                line += deltaLine;
                character = deltaLine === 0 ? character + deltaStart : deltaStart;
                // Each token lies on one line of the text, after the one before it.
                expect(deltaLine > 0 || deltaStart > 0 || i === 0, `prefix of ${cut} characters`).toBe(true);
                expect(length > 0 && character + length <= lines[line].length, `prefix of ${cut} characters, line ${line}`).toBe(true);
            }
        }
    });
});

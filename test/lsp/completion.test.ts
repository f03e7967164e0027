import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type TextEdit } from 'vscode-languageserver';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { check, services } from '../helpers.js';
import { BAKERY, LspClient, MARKDOWN, pinnedSettings, ROOT, uri } from './client.js';
// @ts-expect-error: a plain ES module without types
import { generatePlan } from '../../bench/generate.mjs';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const SNIPPETS = { textDocument: { completion: { completionItem: { snippetSupport: true } } } };

/** The marker for the cursor in test texts. */
const CURSOR = '‸';

/**
 * A folder with the given files, and an mplan.json that fixes the day plans are judged by and pins the
 * rules they are judged by (test/fixtures/plans/mplan.json), so a new rule changes no diagnostics here.
 */
function workspace(files: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-completion-'));
    writeFileSync(join(dir, 'mplan.json'), pinnedSettings({ asOf: '2027-01-15' }));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

const opened = new WeakMap<LspClient, Set<string>>();

/**
 * Puts `textWithCursor` (with ‸ where the cursor is) into the document, as an
 * editor would (open, then change), and asks for completion at the cursor.
 */
async function complete(lsp: LspClient, doc: string, textWithCursor: string): Promise<CompletionItem[]> {
    const offset = textWithCursor.indexOf(CURSOR);
    if (offset < 0) throw new Error('no cursor in the text');
    const text = textWithCursor.replace(CURSOR, '');
    const docs = opened.get(lsp) ?? new Set<string>();
    opened.set(lsp, docs);
    if (docs.has(doc)) await lsp.change(doc, text); else await lsp.open(doc, text);
    docs.add(doc);
    const result = await lsp.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: doc }, position: positionAt(text, offset) });
    return Array.isArray(result) ? result : result?.items ?? [];
}

function labels(items: CompletionItem[], kind?: CompletionItemKind): string[] {
    return items.filter(i => kind === undefined || i.kind === kind).map(i => i.label);
}

/** The text once an item is accepted (its text edit applied). */
function accept(text: string, item: CompletionItem): string {
    const edit = item.textEdit as TextEdit;
    return TextDocument.applyEdits(TextDocument.create('file:///x', 'mplan', 1, text), [edit]);
}

const BLOCKS = ['market', 'product', 'segment', 'audience', 'competitor', 'research', 'strategy', 'tactic', 'flow', 'campaign', 'funnel', 'offer'];

describe('keywords over LSP', () => {
    it('offers the block keywords at top level (import only before the first block, plan only once)', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-top.mplan';
        const empty = await complete(client, doc, CURSOR);
        expect(labels(empty, CompletionItemKind.Keyword)).toEqual(['import', 'plan', ...BLOCKS]);
        expect(empty.find(i => i.label === 'segment' && i.kind === CompletionItemKind.Keyword)?.detail).toBe('a group of customers');
        const afterPlan = await complete(client, doc, `plan P {\n    goal "Grow"\n}\n${CURSOR}\n`);
        expect(labels(afterPlan, CompletionItemKind.Keyword)).toEqual(BLOCKS);
        // Between two blocks, without a plan in the file: plan is offered, import is not.
        const between = await complete(client, doc, `tactic A {\n}\n${CURSOR}\ncampaign C {\n}\n`);
        expect(labels(between, CompletionItemKind.Keyword)).toEqual(['plan', ...BLOCKS]);
    });

    it('offers the facts of a tactic, without the one-value facts it already states', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-tactic.mplan';
        const fresh = await complete(client, doc, `tactic Ads {\n    ${CURSOR}\n}\n`);
        expect(labels(fresh)).toEqual([
            'serves', 'channel', 'audience', 'budget', 'fee', 'commission', 'expect', 'from', 'hours', 'message',
            'publish', 'frequency', 'keywords', 'hashtags', 'test', 'reviews', 'rating', 'market', 'markets', 'consent', 'disclosure', 'reward', 'tracking'
        ]);
        expect(fresh.every(i => i.kind === CompletionItemKind.Keyword)).toBe(true);
        // budget, channel and a period are stated once: offering them again would make a syntax error.
        const stated = await complete(client, doc, `tactic Ads {\n    channel seo\n    budget 300 USD\n    from 2027-02-01 to 2027-03-01\n    ${CURSOR}\n}\n`);
        expect(labels(stated)).toEqual([
            'serves', 'audience', 'fee', 'commission', 'expect', 'hours', 'message', 'publish', 'frequency', 'keywords', 'hashtags', 'test', 'reviews', 'rating',
            'market', 'markets', 'consent', 'disclosure', 'reward', 'tracking'
        ]);
        // serves may be written again (another strategy).
        const serving = await complete(client, doc, `strategy S {\n}\ntactic Ads {\n    serves S\n    ${CURSOR}\n}\n`);
        expect(labels(serving)).toContain('serves');
    });

    it('explains each keyword with an example line in the reader\'s own names, as hover does', async () => {
        client = await LspClient.start({ capabilities: MARKDOWN });
        const doc = 'file:///tmp/complete-own-names.mplan';
        const items = await complete(client, doc, `strategy FreshToTheDoor {\n}\ntactic Ads {\n    ${CURSOR}\n}\n`);
        const serves = items.find(item => item.label === 'serves')!;
        const documentation = typeof serves.documentation === 'string' ? serves.documentation : serves.documentation?.value ?? '';
        expect(documentation).toContain('serves FreshToTheDoor');
        expect(documentation).not.toContain('OfficeCatering');
    });

    it('completes a half-typed keyword, replacing what was typed, even when the rest of the file is broken', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-half.mplan';
        const text = `tactic Ads {\n    channel seo\n    bud${CURSOR}\ncampaign C { budget 10`;
        const items = await complete(client, doc, text);
        expect(labels(items)).toEqual(['budget']);
        expect(items[0].textEdit).toEqual({ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 7 } }, newText: 'budget' });
        expect(accept(text.replace(CURSOR, ''), items[0])).toBe('tactic Ads {\n    channel seo\n    budget\ncampaign C { budget 10');
        // The keyword that is being typed over is still offered where the fact already stands.
        const retyped = await complete(client, doc, `tactic Ads {\n    bud${CURSOR}get 300 USD\n}\n`);
        expect(labels(retyped)).toEqual(['budget']);
    });

    it('offers channel names after channel, weekdays after on, cadences after revisit and follow up', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-values.mplan';
        const channels = await complete(client, doc, `tactic Ads {\n    channel ${CURSOR}\n}\n`);
        expect(labels(channels)).toEqual([
            'seo', 'ppc', 'social', 'email', 'blog', 'content', 'display', 'affiliate', 'video', 'forum', 'webinar', 'influencer',
            'podcast', 'sms', 'referral', 'retargeting', 'marketplace', 'reviews', 'push', 'messaging',
            'print', 'radio', 'tv', 'mail', 'postcard', 'event', 'outdoor', 'pr', 'phone'
        ]);
        expect(channels.find(i => i.label === 'seo')?.detail).toBe('online, earned: search engine optimisation');
        expect(channels.find(i => i.label === 'retargeting')?.detail).toBe('online, paid: ads to people who visited or acted');
        expect(channels.find(i => i.label === 'print')?.detail).toBe('offline, paid: print ads');
        const flowChannels = await complete(client, doc, `flow Welcome {\n    channel ${CURSOR}\n}\n`);
        expect(labels(flowChannels)).toEqual(['email', 'sms', 'push', 'messaging']);
        expect(flowChannels.find(i => i.label === 'sms')?.detail).toBe('online, owned: text messages to your list');
        const days = await complete(client, doc, `funnel {\n    follow up weekly on ${CURSOR}\n}\n`);
        expect(labels(days)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
        const hours = await complete(client, doc, `tactic Ads {\n    hours ${CURSOR}\n}\n`);
        expect(labels(hours)).toEqual(['daily', 'weekdays', 'weekends', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
        const revisit = await complete(client, doc, `plan P {\n    revisit ${CURSOR}\n}\n`);
        expect(labels(revisit)).toEqual(['daily', 'weekly', 'biweekly', 'monthly', 'quarterly', 'yearly', 'every', 'every … weeks', '… times per week']);
        const numbered = revisit.find(i => i.label === 'every … weeks')!;
        expect(numbered.kind).toBe(CompletionItemKind.Snippet);
        expect(accept(`plan P {\n    revisit \n}\n`, numbered)).toBe('plan P {\n    revisit every 2 weeks\n}\n');
        const units = await complete(client, doc, `funnel {\n    follow up every 2 ${CURSOR}\n}\n`);
        expect(labels(units)).toEqual(['day', 'days', 'week', 'weeks', 'month', 'months', 'quarter', 'quarters', 'year', 'years']);
    });

    it('offers nothing inside a comment or a string, and never fails on broken text', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-broken.mplan';
        expect(await complete(client, doc, `// notes on the ${CURSOR}\ntactic Ads {\n}\n`)).toEqual([]);
        expect(await complete(client, doc, `strategy S {\n    statement "Win the ${CURSOR}"\n}\n`)).toEqual([]);
        expect(await complete(client, doc, `strategy S { /* later: ${CURSOR} */ }\n`)).toEqual([]);
        // Every position of a file full of half-typed lines gets an answer, and the server keeps working.
        const broken = 'import "nowhere\nplan { goal\nsegment S { age 20 to\n  habits { search "x }\ntactic T { serves S, , channel on\n}}}\ncampaign { runs T from 2027-13-45 to\nfunnel { follow up every on at with\noffer { guarantee money back claim';
        await complete(client, doc, broken + CURSOR);
        for (let offset = 0; offset <= broken.length; offset += 3) {
            const result = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: doc }, position: positionAt(broken, offset) });
            expect(result === null || Array.isArray(result.items)).toBe(true);
        }
        expect(labels(await complete(client, doc, `tactic Ads {\n    ${CURSOR}\n}\n`))).toContain('serves');
    });
});

describe('names at references over LSP', () => {
    const files = {
        'lib.mplan': 'segment Students {\n    who "Students"\n}\nstrategy Awareness {\n    statement "Be known"\n    targets Students\n}\nproduct Course {\n    price 99 USD\n}\n',
        'other.mplan': 'strategy Hidden {\n    statement "Not imported by the plan"\n}\nsegment Retirees {\n    who "Retirees"\n}\n'
    };
    const plan = (cursorLine: string) =>
        `import "lib.mplan"\n\nplan School {\n    goal "Teach"\n}\nsegment Parents {\n    who "Parents"\n}\nstrategy Retention {\n    statement "Keep them"\n    targets Parents\n}\ntactic Posts {\n    serves Retention\n}\n${cursorLine}\n`;

    it('offers the strategies of the file and of the files it imports after serves, not those of other files', async () => {
        const dir = workspace(files);
        client = await LspClient.start({ workspace: dir });
        const doc = uri(join(dir, 'plan.mplan'));
        const items = await complete(client, doc, plan(`tactic Mail {\n    serves ${CURSOR}\n}`));
        expect(items.map(i => [i.label, i.detail])).toEqual([['Retention', 'strategy'], ['Awareness', 'strategy in lib.mplan']]);
        expect(items.map(i => i.textEdit)).toEqual(['Retention', 'Awareness'].map(newText => ({ range: { start: { line: 16, character: 11 }, end: { line: 16, character: 11 } }, newText })));
        expect(labels(items)).not.toContain('Hidden');
        // A strategy no tactic serves yet comes first.
        expect(items.find(i => i.label === 'Awareness')!.sortText! < items.find(i => i.label === 'Retention')!.sortText!).toBe(true);
        expect(items.find(i => i.label === 'Awareness')?.documentation).toBe('Be known');
    });

    it('offers segments after targets and audience, tactics after runs, products after focus, spinoff and upsell', async () => {
        const dir = workspace(files);
        client = await LspClient.start({ workspace: dir });
        const doc = uri(join(dir, 'plan.mplan'));
        expect(labels(await complete(client, doc, plan(`strategy Growth {\n    targets ${CURSOR}\n}`))).sort()).toEqual(['Parents', 'Students']);
        expect(labels(await complete(client, doc, plan(`tactic Mail {\n    audience ${CURSOR}\n}`))).sort()).toEqual(['Parents', 'Students']);
        expect(labels(await complete(client, doc, plan(`campaign Spring {\n    runs ${CURSOR}\n}`)))).toEqual(['Posts']);
        expect(labels(await complete(client, doc, plan(`product Tutoring {\n    spinoff ${CURSOR}\n}`)))).toEqual(['Course']);
        expect(labels(await complete(client, doc, plan(`funnel {\n    upsell ${CURSOR}\n}`)))).toEqual(['Course']);
        expect(labels(await complete(client, doc, `import "lib.mplan"\nplan School {\n    focus ${CURSOR}\n}\n`))).toEqual(['Course']);
    });

    it('leaves out the names the fact already lists and the block itself', async () => {
        const dir = workspace(files);
        client = await LspClient.start({ workspace: dir });
        const doc = uri(join(dir, 'plan.mplan'));
        expect(labels(await complete(client, doc, plan(`tactic Mail {\n    serves Retention, ${CURSOR}\n}`)))).toEqual(['Awareness']);
        // After influences, the segment is optional: the facts of a segment follow, but not Teachers itself.
        const influences = await complete(client, doc, plan(`segment Teachers {\n    influences ${CURSOR}\n}`));
        expect(influences.filter(i => i.kind !== CompletionItemKind.Keyword).map(i => i.label).sort()).toEqual(['Parents', 'Students']);
        expect(labels(influences, CompletionItemKind.Keyword)).toContain('who');
        expect(labels(await complete(client, doc, plan(`product Tutoring {\n    complements Course, ${CURSOR}\n}`)))).toEqual([]);
    });

    it('completes a half-typed name on the last line of a file whose block is not closed', async () => {
        const dir = workspace(files);
        client = await LspClient.start({ workspace: dir });
        const doc = uri(join(dir, 'plan.mplan'));
        const text = plan(`tactic Mail {\n    serves Aw${CURSOR}`);
        const items = await complete(client, doc, text);
        expect(labels(items)).toEqual(['Awareness']);
        const line = text.split('\n').findIndex(l => l.includes(CURSOR));
        expect(items[0].textEdit).toEqual({ range: { start: { line, character: 11 }, end: { line, character: 13 } }, newText: 'Awareness' });
    });

    it('offers, in the corner-bakery plan, the segments declared in shared/market.mplan', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        const path = join(BAKERY, 'plan.mplan');
        const text = readFileSync(path, 'utf8').replace('    targets OfficeManagers\n', `    targets OfficeManagers, ${CURSOR}\n`);
        const items = await complete(client, uri(path), text);
        expect(items.map(i => [i.label, i.detail])).toEqual([['TeamAssistants', 'segment in shared/market.mplan']]);
        expect(items[0].documentation).toBe('Team assistants who suggest where the food comes from');
    });

    it('offers the files to import: libraries not yet imported, never a plan or the file itself', async () => {
        const dir = workspace({ ...files, 'second-plan.mplan': 'plan Other {\n    goal "Other"\n}\n' });
        client = await LspClient.start({ workspace: dir });
        const doc = uri(join(dir, 'plan.mplan'));
        expect(labels(await complete(client, doc, `import ${CURSOR}\nplan School {\n}\n`)).sort()).toEqual(['"lib.mplan"', '"other.mplan"']);
        const half = await complete(client, doc, `import "lib.mplan"\nimport "ot${CURSOR}\nplan School {\n}\n`);
        expect(half.map(i => i.textEdit)).toEqual([{ range: { start: { line: 1, character: 7 }, end: { line: 1, character: 10 } }, newText: '"other.mplan"' }]);
    });
});

describe('the completion capability', () => {
    it('is one every client reads as offered (not `{}`, which Vim\'s ALE takes for none), triggered by an import\'s quote', async () => {
        const dir = workspace({ 'lib.mplan': 'segment Parents {\n    who "Parents"\n}\n' });
        client = await LspClient.start({ workspace: dir });
        const provider = client.initializeResult?.capabilities.completionProvider;
        // ALE 3.3: `if !empty(get(a:capabilities, 'completionProvider'))`; an empty object is empty.
        expect(provider && Object.keys(provider).length).toBeGreaterThan(0);
        expect(provider).toMatchObject({ triggerCharacters: ['"'], resolveProvider: false });
        // Typing the quote of an import asks for completion (triggerKind 2): the files to import.
        const doc = uri(join(dir, 'plan.mplan'));
        const text = 'import "\nplan School {\n}\n';
        await client.open(doc, text);
        const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
            textDocument: { uri: doc }, position: { line: 0, character: 8 }, context: { triggerKind: 2, triggerCharacter: '"' }
        });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        expect(items.map(i => i.label)).toEqual(['"lib.mplan"']);
    });
});

describe('completion documentation', () => {
    it('is plain text for a client that declares no Markdown for it (ALE: documentationFormat plaintext), Markdown for one that does', async () => {
        const text = `strategy S { statement "x" }\ntactic T {\n    ser${CURSOR}\n}\n`;
        client = await LspClient.start({ capabilities: { textDocument: { completion: { completionItem: { documentationFormat: ['plaintext'] } } } } });
        const plain = (await complete(client, 'file:///tmp/complete-doc.mplan', text)).find(i => i.label === 'serves');
        expect(plain?.documentation).toBe('serves: The strategies this tactic carries out.\n\n    serves S');
        await client.stop();
        client = await LspClient.start({ capabilities: MARKDOWN });
        const markdown = (await complete(client, 'file:///tmp/complete-doc.mplan', text)).find(i => i.label === 'serves');
        expect(markdown?.documentation).toEqual({ kind: 'markdown', value: '**serves**: The strategies this tactic carries out.\n\n```mplan\nserves S\n```' });
    });
});

describe('values over LSP', () => {
    it("offers the plan's currency after an amount", async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-currency.mplan';
        const items = await complete(client, doc, `plan P {\n    currency EUR\n}\ntactic Ads {\n    budget 300 ${CURSOR}\n}\n`);
        expect(items.map(i => [i.label, i.detail])).toEqual([['EUR', "the plan's currency"]]);
        const income = await complete(client, doc, `plan P {\n    currency EUR\n}\nsegment S {\n    income 30_000 to 60_000 ${CURSOR}\n}\n`);
        expect(labels(income)).toEqual(['EUR']);
    });

    it('offers, after channel … on, the platforms the segments of the tactic use for that channel', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        const path = join(BAKERY, 'plan.mplan');
        const original = readFileSync(path, 'utf8');
        const seo = await complete(client, uri(path), original.replace('channel seo on google', `channel seo on ${CURSOR}`));
        expect(seo.map(i => [i.label, i.detail])).toEqual([['google', 'used by OfficeManagers']]);
        const ppc = await complete(client, uri(path), original.replace('channel ppc on linkedin', `channel ppc on ${CURSOR}`));
        expect(labels(ppc)).toEqual(['google', 'linkedin', '"Downtown Business Journal"']);
        const more = await complete(client, uri(path), original.replace('channel ppc on linkedin', `channel ppc on linkedin, ${CURSOR}`));
        expect(labels(more)).toEqual(['google', '"Downtown Business Journal"']);
    });

    it('offers sales and satisfaction after track, and the tracked metrics in the results', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-track.mplan';
        expect(labels(await complete(client, doc, `campaign C {\n    track ${CURSOR}\n}\n`))).toEqual(['sales', 'satisfaction']);
        expect(labels(await complete(client, doc, `campaign C {\n    track sales, ${CURSOR}\n}\n`))).toEqual(['satisfaction']);
        expect(labels(await complete(client, doc, `campaign C {\n    track sales, nps\n    results {\n        sales 120\n        ${CURSOR}\n    }\n}\n`))).toEqual(['nps']);
    });
});

describe('stanzas over LSP', () => {
    it('offers a segment stanza with every facet, as a snippet with tab stops', async () => {
        client = await LspClient.start({ workspace: workspace(), capabilities: SNIPPETS });
        const doc = 'file:///tmp/complete-stanza.mplan';
        const items = await complete(client, doc, `plan P {\n    currency EUR\n}\nseg${CURSOR}`);
        const stanza = items.find(i => i.label === 'segment' && i.kind === CompletionItemKind.Snippet)!;
        expect(stanza.insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect(stanza.detail).toBe('a customer segment with every facet: who, decides, age, income, where from, how they shop, online habits');
        expect(stanza.textEdit).toEqual({
            range: { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } },
            newText: [
                'segment ${1:Name} {',
                '    who "${2:Who they are}"',
                '    decides',
                '    age ${3:25} to ${4:45}',
                '    income ${5:30_000} to ${6:60_000} EUR per year',
                '    from "${7:Where they come from}"',
                '    shops ${8|online,offline|}',
                '    habits {',
                '        search ${9:google}',
                '        social ${10:linkedin}',
                '        sites "${11:A site they read}"',
                '        online ${12|weekdays,daily,weekends|} ${13:9:00} to ${14:17:00}',
                '    \\}',
                '\\}$0'
            ].join('\n')
        });
    });

    it('offers the visible names as choices, and dates from the day plans are judged by', async () => {
        const dir = workspace({ 'lib.mplan': 'strategy Awareness {\n    statement "Be known"\n}\nstrategy Loyalty {\n    statement "Keep them"\n}\n' });
        client = await LspClient.start({ workspace: dir, capabilities: SNIPPETS });
        const doc = uri(join(dir, 'plan.mplan'));
        const items = await complete(client, doc, `import "lib.mplan"\ntactic Posts {\n    serves Loyalty\n}\ntac${CURSOR}`);
        const stanza = items.find(i => i.label === 'tactic' && i.kind === CompletionItemKind.Snippet)!;
        expect(stanza.textEdit?.newText).toBe([
            'tactic ${1:Name} {',
            // Awareness, which no tactic serves yet, is the first choice.
            '    serves ${2|Awareness,Loyalty|}',
            '    channel ${3|seo,ppc,social,email,content,display,print,event|} on ${4:google}',
            '    budget ${5:1_000} USD',
            // mplan.json sets asOf 2027-01-15: from the first of next month, for three months.
            '    from ${6:2027-02-01} to ${7:2027-04-30}',
            '    message "${8:What the ad says}"',
            '\\}$0'
        ].join('\n'));
    });

    // Clean under the pinned rules; that the stanzas pass every rule is held in test/language/examples.test.ts.
    it('writes plain text for clients without snippets: a whole plan written from stanzas alone is clean', async () => {
        const dir = workspace();
        client = await LspClient.start({ workspace: dir });
        const doc = uri(join(dir, 'plan.mplan'));
        let text = '';
        await client.open(doc, text);
        const order = ['product', 'product', 'segment', 'audience', 'competitor', 'research', 'plan', 'market', 'strategy', 'tactic', 'flow', 'campaign', 'funnel', 'offer'];
        for (const [i, kind] of order.entries()) {
            const items = await complete(client, doc, text + CURSOR);
            const stanza = items.find(item => item.label === kind && item.kind === CompletionItemKind.Snippet);
            expect(stanza?.insertTextFormat).toBe(InsertTextFormat.PlainText);
            expect(stanza?.textEdit?.newText).not.toMatch(/\$\{|\$0/);
            // The user names each block; the first product becomes Box, so that the two products differ.
            text = accept(text, stanza!).replace(/^(\w+) Name \{/m, (whole, keyword) => (i === 0 ? `${keyword} Box {` : whole)) + '\n\n';
        }
        const diagnostics = await client.change(doc, text);
        expect(text).toContain('upsell Box to Name');
        expect(text).toContain('guarantee money back 30 days\n        claim "How to claim it"\n        refunds "The full price"\n        paid within 3 days');
        expect(diagnostics.map(d => `${d.range.start.line + 1} ${d.code}: ${d.message}`)).toEqual([]);
    });

    it('offers a stanza for a block while its keyword is half typed, and none inside a block', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-stanza-where.mplan';
        const top = await complete(client, doc, `tactic Ads {\n}\ncamp${CURSOR}\n`);
        expect(top.map(i => [i.label, i.kind])).toEqual([['campaign', CompletionItemKind.Keyword], ['campaign', CompletionItemKind.Snippet]]);
        const inside = await complete(client, doc, `tactic Ads {\n    ${CURSOR}\n}\n`);
        expect(inside.filter(i => i.kind === CompletionItemKind.Snippet)).toEqual([]);
    });
});

describe('the facts of issue 14 over LSP', () => {
    /** A coffee subscription's plan; `line` goes into the block named by `into`, at the end. */
    const coffee = (into: 'product' | 'strategy' | 'funnel', line: string) => [
        'plan Roastery {',
        '    goal "Grow the coffee subscription"',
        '    currency USD',
        '}',
        'product CoffeeClub "Coffee Club" {',
        '    tier Starter 15 USD per month share 40%',
        '    churn 3% a month',
        ...(into === 'product' ? [`    ${line}`] : []),
        '}',
        'strategy Subscribers {',
        '    statement "Win home brewers with a free trial"',
        '    objective "Paying accounts" metric customers target at least 1_200 by 2027-12-31 owner "Ana Lima" review monthly',
        ...(into === 'strategy' ? [`    ${line}`] : []),
        '}',
        'campaign Launch {',
        '    budget 4_500 USD per month',
        '    staff Ben 50%, Chloe from marketing',
        '}',
        'funnel "Webinar funnel" {',
        '    visitors 8_000 to 12_000 per month',
        '    conversion visitors to registrations 4% to 6%',
        '    conversion registrations to attendees 40%',
        '    conversion attendees to buyers 8%',
        ...(into === 'funnel' ? [`    ${line}`] : []),
        '}',
        ''
    ].join('\n');

    it('offers per after a price, the units of time after per and a, and at least or at most after target', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-coffee-units.mplan';
        expect(labels(await complete(client, doc, coffee('product', `price 19 USD ${CURSOR}`)))).toContain('per');
        const units = ['day', 'days', 'week', 'weeks', 'month', 'months', 'quarter', 'quarters', 'year', 'years'];
        expect(labels(await complete(client, doc, coffee('product', `price 19 USD per ${CURSOR}`)))).toEqual(units);
        expect(labels(await complete(client, doc, coffee('product', `retention 97% a ${CURSOR}`)))).toEqual(units);
        expect(labels(await complete(client, doc, coffee('strategy', `kpi "Churn" metric churn target at most 2% per ${CURSOR}`)))).toEqual(units);
        const target = await complete(client, doc, coffee('strategy', `kpi "Acquisition cost" metric cac target ${CURSOR}`));
        expect(target.map(i => [i.label, i.detail])).toEqual([
            ['at least', 'a floor: reaching it or more is good'],
            ['at most', 'a ceiling: keeping to it or below is good']
        ]);
        // Half typed: `at` is replaced by the whole direction.
        const half = await complete(client, doc, coffee('strategy', `kpi "Acquisition cost" metric cac target at${CURSOR}`));
        expect(labels(half)).toEqual(['at least', 'at most']);
        expect(accept(coffee('strategy', 'kpi "Acquisition cost" metric cac target at'), half[1])).toContain('target at most\n');
        // After the figure: a range, a ratio, the plan's currency, per what, and the other parts of the KPI (not a second target).
        const figure = labels(await complete(client, doc, coffee('strategy', `kpi "Return on ad spend" metric roas target at least 4 ${CURSOR}`)));
        expect(figure.slice(0, 6)).toEqual(['to', 'x', 'USD', 'per', 'a', 'by']);
        expect(figure).toContain('owner');
        expect(figure).not.toContain('target');
    });

    it('offers kpi beside objective in a strategy, and nothing odd after tier or variant', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-coffee-facts.mplan';
        // (The statement is written already.)
        expect(labels(await complete(client, doc, coffee('strategy', CURSOR)))).toEqual(['targets', 'objective', 'kpi', 'message', 'promotes']);
        // A tier's name is the marketer's own word: nothing to offer, not every keyword of the language.
        expect(await complete(client, doc, coffee('product', `tier ${CURSOR}`))).toEqual([]);
        expect(await complete(client, doc, coffee('product', `variant ${CURSOR}`))).toEqual([]);
        expect(labels(await complete(client, doc, coffee('product', `tier Regular "Two bags" 19 ${CURSOR}`)))).toEqual(['to', 'USD']);
        const product = labels(await complete(client, doc, coffee('product', CURSOR)));
        expect(product).toEqual(expect.arrayContaining(['price', 'tier', 'variant', 'trial', 'margin', 'unit', 'retention', 'repeat']));
        // churn is stated already (a second one would be a syntax error); tiers may be many.
        expect(product).not.toContain('churn');
    });

    it('offers the funnel\'s own stages after first purchase at, expect and list, in the order of its conversion lines', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-coffee-stages.mplan';
        const first = await complete(client, doc, coffee('funnel', `first purchase at ${CURSOR}`));
        expect(first.map(i => [i.label, i.detail])).toEqual([
            ['visitors', 'a stage of this funnel'],
            ['registrations', 'a stage of this funnel'],
            ['attendees', 'a stage of this funnel'],
            ['buyers', 'a stage of this funnel: the first purchase, unless you say otherwise']
        ]);
        expect(labels(await complete(client, doc, coffee('funnel', `first purchase at att${CURSOR}`)))).toEqual(['attendees']);
        expect(labels(await complete(client, doc, coffee('funnel', `expect 400 ${CURSOR}`)))).toEqual(['to', 'visitors', 'registrations', 'attendees', 'buyers']);
        expect(labels(await complete(client, doc, coffee('funnel', `list 2_500 ${CURSOR}`)))).toEqual(['visitors', 'registrations', 'attendees', 'buyers']);
    });

    it('offers the people the plan names after owner: the owners of other objectives first, then the campaigns\' staff', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-coffee-owner.mplan';
        const owners = await complete(client, doc, coffee('strategy', `kpi "Acquisition cost" metric cac target at most 35 USD owner ${CURSOR}`));
        expect(owners.map(i => [i.label, i.detail])).toEqual([
            ['"Ana Lima"', 'owns the objective "Paying accounts"'],
            ['Ben', 'on the staff of Launch'],
            ['Chloe', 'on the staff of Launch']
        ]);
        const text = coffee('strategy', 'kpi "Acquisition cost" metric cac target at most 35 USD owner An');
        const half = await complete(client, doc, coffee('strategy', `kpi "Acquisition cost" metric cac target at most 35 USD owner An${CURSOR}`));
        expect(labels(half)).toEqual(['"Ana Lima"']);
        expect(accept(text, half[0])).toContain('owner "Ana Lima"\n');
    });
});

describe('the facts of issue 15 over LSP', () => {
    /** A plan with a segment, a behavioural audience, a tactic and a flow; `line` goes into the tactic or the flow. */
    const lunch = (into: 'tactic' | 'flow', line: string) => [
        'segment OfficeManagers { who "Office managers" }',
        'audience LapsedOffices { of OfficeManagers behaviour "no order in 90 days" }',
        'tactic Retarget {',
        ...(into === 'tactic' ? [`    ${line}`] : []),
        '}',
        'flow Welcome {',
        ...(into === 'flow' ? [`    ${line}`] : []),
        '}',
        ''
    ].join('\n');

    it('offers every channel after channel in a tactic, and only the four a flow sends by in a flow', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-issue15-channels.mplan';
        expect(labels(await complete(client, doc, lunch('tactic', `channel ${CURSOR}`)))).toEqual([
            'seo', 'ppc', 'social', 'email', 'blog', 'content', 'display', 'affiliate', 'video', 'forum', 'webinar', 'influencer',
            'podcast', 'sms', 'referral', 'retargeting', 'marketplace', 'reviews', 'push', 'messaging',
            'print', 'radio', 'tv', 'mail', 'postcard', 'event', 'outdoor', 'pr', 'phone'
        ]);
        const flowChannels = await complete(client, doc, lunch('flow', `channel ${CURSOR}`));
        expect(labels(flowChannels)).toEqual(['email', 'sms', 'push', 'messaging']);
        expect(flowChannels.every(item => item.kind === CompletionItemKind.EnumMember || item.kind === CompletionItemKind.Keyword)).toBe(true);
    });

    it('offers the facts of a flow, step, trigger and stop among them, and the units of a step\'s delay', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-issue15-flow.mplan';
        const facts = labels(await complete(client, doc, lunch('flow', CURSOR)), CompletionItemKind.Keyword);
        expect(facts).toEqual(['channel', 'audience', 'trigger', 'step', 'stop', 'hours', 'test', 'market', 'markets', 'consent', 'unsubscribe', 'from']);
        // Once a channel and a trigger stand, they are not offered again; a flow has many steps.
        const stated = labels(await complete(client, doc, lunch('flow', `channel sms\n    trigger signup\n    step "Hello"\n    ${CURSOR}`)), CompletionItemKind.Keyword);
        expect(stated).toContain('step');
        expect(stated).toContain('stop');
        expect(stated).not.toContain('channel');
        expect(stated).not.toContain('trigger');
        expect(labels(await complete(client, doc, lunch('flow', `stop ${CURSOR}`)))).toEqual(['when']);
        const units = labels(await complete(client, doc, lunch('flow', `step after 2 ${CURSOR}`)));
        expect(units).toEqual(['minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'quarter', 'quarters', 'year', 'years']);
    });

    it('offers segments and behavioural audiences after audience, in a tactic and in a flow, and segments after of', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-issue15-audience.mplan';
        expect(labels(await complete(client, doc, lunch('tactic', `audience ${CURSOR}`))).sort()).toEqual(['LapsedOffices', 'OfficeManagers']);
        expect(labels(await complete(client, doc, lunch('flow', `audience ${CURSOR}`))).sort()).toEqual(['LapsedOffices', 'OfficeManagers']);
        const text = `segment OfficeManagers { }\naudience LapsedOffices {\n    of ${CURSOR}\n}\n`;
        expect(labels(await complete(client, doc, text))).toEqual(['OfficeManagers']);
    });
});

describe('completion in a large plan', () => {
    it('reads only the block at the cursor: every tactic of a 10,000-line plan', async () => {
        const text: string = generatePlan(10_000);
        client = await LspClient.start();
        const doc = 'file:///tmp/complete-large.mplan';
        // The campaign's opening line, whatever follows its name (the generator gives campaigns a title: `campaign Campaign10 "Push 10" {`).
        const opening = /^campaign Campaign10\b[^\n]*\{\n/m.exec(text);
        expect(opening, 'the generated plan has a Campaign10').not.toBeNull();
        const at = opening!.index + opening![0].length;
        const items = await complete(client, doc, `${text.slice(0, at)}    runs ${CURSOR}\n${text.slice(at)}`);
        // Every tactic of the plan, except the four that Campaign10 runs already.
        const tactics = text.match(/^tactic \w+/gm)!.length;
        expect(items).toHaveLength(tactics - 4);
        expect(labels(items)).not.toContain('Tactic10_0');
        expect(labels(items)).toContain('Tactic11_0');
    });
});

describe('completion provider (service level)', () => {
    it('answers at every position of every example, and of every example cut short, without an internal error', async () => {
        const examples = join(ROOT, 'examples');
        const files: Record<string, string> = {
            'plan.mplan': readFileSync(join(examples, 'corner-bakery', 'plan.mplan'), 'utf8'),
            'shared/market.mplan': readFileSync(join(examples, 'corner-bakery', 'shared', 'market.mplan'), 'utf8'),
            'shared/offer.mplan': readFileSync(join(examples, 'corner-bakery', 'shared', 'offer.mplan'), 'utf8'),
            'shared/products.mplan': readFileSync(join(examples, 'corner-bakery', 'shared', 'products.mplan'), 'utf8'),
            'ebook-list.mplan': readFileSync(join(examples, 'ebook-list.mplan'), 'utf8'),
            'phone-retailer.mplan': readFileSync(join(examples, 'phone-retailer.mplan'), 'utf8')
        };
        // Each example also cut in the middle of its text, as a file being typed is.
        for (const [name, text] of Object.entries({ ...files })) files[name.replace('.mplan', '-cut.mplan')] = text.slice(0, Math.floor(text.length / 2));
        const checked = await check(files);
        const errors = vi.spyOn(console, 'error');
        try {
            let answered = 0;
            for (const document of checked.documents.values()) {
                const text = document.textDocument.getText();
                for (let offset = 0; offset <= text.length; offset++) {
                    const list = await services.Mplan.lsp.CompletionProvider!.getCompletion(document, {
                        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
                    });
                    expect(list).toBeDefined();
                    answered++;
                }
            }
            expect(answered).toBeGreaterThan(10_000);
            expect(errors).not.toHaveBeenCalled();
        } finally {
            errors.mockRestore();
        }
    });
});

describe('completion of markets, languages, time zones and consent', () => {
    /** The items offered at ‸ in a one-file plan, through the services. */
    async function offered(textWithCursor: string): Promise<CompletionItem[]> {
        const offset = textWithCursor.indexOf(CURSOR);
        const text = textWithCursor.replace(CURSOR, '');
        const checked = await check({ 'plan.mplan': text });
        const document = checked.documents.get('plan.mplan')!;
        const list = await services.Mplan.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
        });
        return list?.items ?? [];
    }
    const detailOf = (items: CompletionItem[], label: string) => items.find(item => item.label === label)?.detail;
    const sorted = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '') || a.label.localeCompare(b.label)).map(item => item.label);

    it('offers the country codes after countries with their names, the regions mplan knows the law of first, without those listed', async () => {
        const items = await offered(`plan Kiln { currency EUR }\nmarket Europe "European Union" {\n    countries DE, ${CURSOR}\n    currency EUR\n}\n`);
        expect(sorted(items).slice(0, 4)).toEqual(['EU', 'UK', 'US', 'CA']);
        expect(detailOf(items, 'EU')).toBe('European Union: its compliance checks run');
        expect(detailOf(items, 'FR')).toBe('France: European Union law');
        expect(detailOf(items, 'JP')).toBe('Japan');
        expect(detailOf(items, 'GB')).toBe('United Kingdom: its compliance checks run');
        expect(items.map(item => item.label)).not.toContain('DE');
        expect(items.length).toBeGreaterThan(240);
        // A half-typed code keeps the codes it may be.
        const typed = await offered(`market Nordics {\n    countries S${CURSOR}\n}\n`);
        expect(typed.map(item => item.label)).toEqual(expect.arrayContaining(['SE', 'SI', 'SK']));
        expect(typed.map(item => item.label)).not.toContain('DE');
    });

    it('offers the language codes after languages with their names', async () => {
        const items = await offered(`market Canada {\n    country CA\n    languages en, ${CURSOR}\n}\n`);
        expect(detailOf(items, 'fr')).toBe('French');
        expect(detailOf(items, 'es')).toBe('Spanish');
        expect(items.map(item => item.label)).not.toContain('en');
        expect(items.every(item => item.kind === CompletionItemKind.Value)).toBe(true);
    });

    it('offers quoted time zones after timezones, the market\'s countries\' first, and after the `in` of hours those of the markets reached', async () => {
        const text = `market NorthAmerica {\n    countries US, CA\n    timezones "America/New_York", ${CURSOR}\n}\n`;
        const items = await offered(text);
        // The zones of the market's countries come first (their sort text), the rest after.
        const first = items.filter(item => item.sortText?.startsWith('0')).map(item => item.label);
        expect(sorted(items).slice(0, first.length).sort()).toEqual([...first].sort());
        expect(first).toContain('"America/Chicago"');
        expect(first).toContain('"America/Toronto"');
        expect(first).not.toContain('"Europe/Berlin"');
        expect(items.map(item => item.label)).not.toContain('"America/New_York"');
        expect(detailOf(items, '"America/Chicago"')).toBe('United States, market NorthAmerica');
        expect(detailOf(items, '"Asia/Tokyo"')).toBe('time zone');
        // Half-typed in its quotes: the zones it may be, replacing what was typed and the closing quote.
        const typedText = `market Germany {\n    country DE\n    timezone "Europe/Be${CURSOR}"\n}\n`;
        const typed = await offered(typedText);
        const berlin = typed.find(item => item.label === '"Europe/Berlin"')!;
        expect(typed.map(item => item.label)).not.toContain('"America/Chicago"');
        expect(accept(typedText.replace(CURSOR, ''), berlin)).toBe(`market Germany {\n    country DE\n    timezone "Europe/Berlin"\n}\n`);
        const hours = await offered(`market US { }\nflow Reminders {\n    channel sms\n    markets US\n    hours weekdays 9:00 to 20:00 in ${CURSOR}\n}\n`);
        expect(sorted(hours)[0]).toMatch(/^"America\//);
        expect(detailOf(hours, '"America/Los_Angeles"')).toBe('United States, market US');
    });

    it('offers the plan\'s markets after markets, with their countries, and the kinds of consent after consent', async () => {
        const items = await offered(`market US { }\nmarket Europe "European Union" { countries EU }\ntactic Ads {\n    channel social\n    markets US, ${CURSOR}\n}\n`);
        expect(items.map(item => item.label)).toEqual(['Europe']);
        const both = await offered(`market US { }\nmarket Europe "European Union" { countries EU }\nsegment Makers {\n    markets ${CURSOR}\n}\n`);
        expect(both.map(item => item.label).sort()).toEqual(['Europe', 'US']);
        expect(both.find(item => item.label === 'Europe')?.documentation).toBe('European Union');
        expect(both.find(item => item.label === 'US')?.documentation).toBe('United States');
        const consent = await offered(`flow Reminders {\n    channel sms\n    consent ${CURSOR}\n}\n`);
        expect(consent.map(item => [item.label, item.detail])).toEqual([['express', 'kind of consent'], ['implied', 'kind of consent'], ['written', 'kind of consent']]);
        const reward = await offered(`tactic Reviews {\n    channel reviews on trustpilot\n    reward "10% off" for ${CURSOR}\n}\n`);
        expect(reward.map(item => item.label)).toEqual(['positive', 'honest', 'any', 'reviews']);
    });

    it('offers a market the plan\'s currency, those its exchange rates name and the usual ones', async () => {
        const items = await offered(`plan Kiln {\n    currency USD\n    rate 1 CHF = 1.12 USD as of 2027-01-01\n}\nmarket Swiss {\n    country CH\n    currency ${CURSOR}\n}\n`);
        expect(items.map(item => [item.label, item.detail])).toEqual([
            ['USD', "the plan's currency"], ['CHF', 'named by an exchange rate of the plan'], ['EUR', 'euro'], ['GBP', 'pound sterling'], ['CAD', 'Canadian dollar']
        ]);
    });

    it('offers the plan\'s currency in an exchange rate', async () => {
        const items = await offered(`plan Kiln {\n    currency USD\n    rate 1 EUR = 1.08 ${CURSOR}\n}\n`);
        expect(items.map(item => [item.label, item.detail])).toEqual([['USD', "the plan's currency"]]);
    });

    it('offers a market stanza where a block may start, with the plan\'s currency and the market it most likely means', async () => {
        const items = await offered(`plan Kiln {\n    currency EUR\n}\n${CURSOR}\n`);
        const stanza = items.find(item => item.label === 'market' && item.kind === CompletionItemKind.Snippet)!;
        expect(stanza.insertText).toBe('market Name {\n    countries EU\n    languages de\n    currency EUR\n    timezones "Europe/Berlin"\n}');
        expect(items.find(item => item.label === 'market' && item.kind === CompletionItemKind.Keyword)?.detail).toBe('where you sell, and whose law applies');
    });
});

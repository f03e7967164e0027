import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, SelectionRange } from 'vscode-languageserver/node';
import { URI } from 'langium';
import { services } from '../helpers.js';
import { BAKERY, LspClient, PLANS, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });


function at(range: Range): string {
    return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Each step of a chain, innermost first, as `range text` (the text only for one-line steps). */
function steps(text: string, selection: SelectionRange): string[] {
    const document = TextDocument.create('file:///x', 'mplan', 1, text);
    const out: string[] = [];
    for (let step: SelectionRange | undefined = selection; step; step = step.parent) {
        const selected = document.getText(step.range);
        out.push(selected.includes('\n') ? at(step.range) : `${at(step.range)} ${selected}`);
    }
    return out;
}

async function selectionRanges(target: string, text: string, positions: Position[]): Promise<SelectionRange[]> {
    await client!.open(target, text);
    return client!.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri: target }, positions });
}

function contains(outer: Range, inner: Range): boolean {
    const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return le(outer.start, inner.start) && le(inner.end, outer.end) && at(outer) !== at(inner);
}

describe('selection ranges over LSP', () => {
    it('grow from the word to its value, the fact, the block and the file, one answer per position', async () => {
        client = await LspClient.start();
        const path = join(BAKERY, 'plan.mplan');
        const text = readFileSync(path, 'utf8');
        const [raj, accounts, inQuotes, weekdays, tactic] = await selectionRanges(uri(path), text, [
            { line: 56, character: 20 }, { line: 20, character: 50 }, { line: 20, character: 20 }, { line: 32, character: 12 }, { line: 58, character: 30 }
        ]);
        // The staff fact holds everyone on the line: one pass through the campaign's list of facts.
        expect(steps(text, raj)).toEqual([
            '56:19-56:22 Raj', '56:19-56:27 Raj 100%', '56:4-56:58 staff Ann 50%, Raj 100% from marketing, sales, kitchen',
            '54:0-62:1', '7:0-62:1', '0:0-63:0'
        ]);
        // An objective's own facts (metric, target, date) come before the whole objective.
        expect(steps(text, accounts)).toEqual([
            '20:49-20:57 accounts', '20:42-20:57 metric accounts',
            '20:4-20:81 objective "Recurring office accounts" metric accounts target 40 by 2027-12-31',
            '17:0-24:1', '7:0-62:1', '0:0-63:0'
        ]);
        expect(steps(text, inQuotes).slice(0, 3)).toEqual([
            '20:15-20:40 Recurring office accounts', '20:14-20:41 "Recurring office accounts"',
            '20:4-20:81 objective "Recurring office accounts" metric accounts target 40 by 2027-12-31'
        ]);
        expect(steps(text, weekdays)).toEqual([
            '32:10-32:18 weekdays', '32:10-32:32 weekdays 9:00 to 12:00', '32:4-32:32 hours weekdays 9:00 to 12:00', '26:0-34:1', '7:0-62:1', '0:0-63:0'
        ]);
        expect(steps(text, tactic).slice(0, 3)).toEqual(['58:22-58:33 LocalSearch', '58:4-58:52 runs LinkedInAds, LocalSearch, BusinessJournalAd', '54:0-62:1']);
    });

    it('pass through nested groups: habits, and a campaign\'s results', async () => {
        client = await LspClient.start();
        const path = join(BAKERY, 'shared', 'market.mplan');
        const [site] = await selectionRanges(uri(path), readFileSync(path, 'utf8'), [{ line: 13, character: 20 }]);
        expect(steps(readFileSync(path, 'utf8'), site)).toEqual([
            '13:15-13:40 Downtown Business Journal', '13:14-13:41 "Downtown Business Journal"', '13:8-13:41 sites "Downtown Business Journal"',
            '10:4-16:5', '3:0-17:1', '3:0-51:1', '0:0-52:0'
        ]);
        const text = 'campaign Spring {\n    budget 10_000 USD\n    results {\n        leads 40 "from the form"\n        sales 12\n    }\n}\n';
        const [leads, results] = await selectionRanges('file:///tmp/selection/results.mplan', text, [{ line: 3, character: 15 }, { line: 2, character: 6 }]);
        expect(steps(text, leads)).toEqual(['3:14-3:16 40', '3:8-3:32 leads 40 "from the form"', '2:4-5:5', '0:0-6:1', '0:0-7:0']);
        expect(steps(text, results)).toEqual(['2:4-2:11 results', '2:4-5:5', '0:0-6:1', '0:0-7:0']);
    });

    it('at every position of every example, each range strictly contains the one before, out to the whole file', async () => {
        client = await LspClient.start();
        const files = [
            join(BAKERY, 'plan.mplan'), join(BAKERY, 'shared', 'market.mplan'), join(BAKERY, 'shared', 'offer.mplan'),
            join(BAKERY, 'shared', 'products.mplan'), join(PLANS, 'ebook-list.mplan'), join(PLANS, 'phone-retailer.mplan')
        ];
        for (const path of files) {
            const text = readFileSync(path, 'utf8');
            const document = TextDocument.create(uri(path), 'mplan', 1, text);
            const positions = Array.from({ length: text.length + 1 }, (_, offset) => document.positionAt(offset));
            const answers = await selectionRanges(uri(path), text, positions);
            expect(answers).toHaveLength(positions.length);
            const whole = at({ start: { line: 0, character: 0 }, end: document.positionAt(text.length) });
            answers.forEach((answer, i) => {
                const offset = document.offsetAt(positions[i]);
                let step: SelectionRange = answer;
                expect(document.offsetAt(step.range.start) <= offset && offset <= document.offsetAt(step.range.end), `${path} at ${offset}`).toBe(true);
                while (step.parent) {
                    expect(contains(step.parent.range, step.range), `${path} at ${offset}: ${at(step.parent.range)} around ${at(step.range)}`).toBe(true);
                    step = step.parent;
                }
                expect(at(step.range)).toBe(whole);
            });
        }
    });

    it('between words, just after a word, in a comment, and in a half-typed block', async () => {
        client = await LspClient.start();
        const text = '// Office catering.\ntactic Ads {\n    budget 3_000 USD\n\n    channel ppc\n}\ncampaign Spring {\n    runs Ads,\n';
        const [blank, afterWord, comment, broken] = await selectionRanges('file:///tmp/selection/edge.mplan', text, [
            { line: 3, character: 0 }, { line: 4, character: 15 }, { line: 0, character: 4 }, { line: 7, character: 6 }
        ]);
        expect(steps(text, blank)).toEqual(['1:0-5:1', '1:0-7:13', '0:0-8:0']);
        expect(steps(text, afterWord)).toEqual(['4:12-4:15 ppc', '4:4-4:15 channel ppc', '1:0-5:1', '1:0-7:13', '0:0-8:0']);
        expect(steps(text, comment)).toEqual(['0:0-0:19 // Office catering.', '0:0-8:0']);
        expect(steps(text, broken)[0]).toBe('7:4-7:8 runs');
        expect(steps(text, broken).at(-1)).toBe('0:0-8:0');
    });
});

describe('selection ranges (service)', () => {
    it('grow through the facts of issue 14: a tier\'s price, a range with its period, a KPI\'s target, owner and review', () => {
        const provider = services.Mplan.lspExtra.SelectionRangeProvider;
        const text = 'product Club "Coffee Club" {\n    tier Starter "One bag" 15 USD per month share 40%\n    churn 3% to 5% a month\n}\n' +
            'strategy S {\n    kpi "Cost" metric cac target at most 35 USD per month owner "Ana Lima" review every 2 weeks\n}\n';
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file('/selection/issue14.mplan'));
        const chain = (line: number, character: number) => steps(text, provider.getSelectionRanges(document, [{ line, character }])[0]).slice(0, -2);
        expect(chain(1, 30)).toEqual(['1:30-1:33 USD', '1:27-1:43 15 USD per month', '1:4-1:53 tier Starter "One bag" 15 USD per month share 40%', '0:0-3:1']);
        expect(chain(2, 15)).toEqual(['2:13-2:15 to', '2:10-2:26 3% to 5% a month', '2:4-2:26 churn 3% to 5% a month', '0:0-3:1']);
        const kpi = '5:4-5:95 kpi "Cost" metric cac target at most 35 USD per month owner "Ana Lima" review every 2 weeks';
        expect(chain(5, 48)).toEqual(['5:48-5:51 per', '5:26-5:57 target at most 35 USD per month', kpi, '4:0-6:1']);
        expect(chain(5, 70)).toEqual(['5:65-5:73 Ana Lima', '5:64-5:74 "Ana Lima"', '5:58-5:74 owner "Ana Lima"', kpi, '4:0-6:1']);
        expect(chain(5, 88)).toEqual(['5:88-5:89 2', '5:82-5:95 every 2 weeks', '5:75-5:95 review every 2 weeks', kpi, '4:0-6:1']);
    });

    it('every prefix of an example plan, as if typed from the start, gives growing chains at its start, middle and end', () => {
        const provider = services.Mplan.lspExtra.SelectionRangeProvider;
        const text = readFileSync(join(PLANS, 'phone-retailer.mplan'), 'utf8');
        for (let cut = 0; cut <= text.length; cut += 7) {
            const prefix = text.slice(0, cut);
            const document = services.shared.workspace.LangiumDocumentFactory.fromString(prefix, URI.file(`/selection/prefix-${cut}.mplan`));
            const positions = [0, cut >> 1, Math.max(0, cut - 1), cut].map(offset => document.textDocument.positionAt(offset));
            const answers = provider.getSelectionRanges(document, positions);
            expect(answers).toHaveLength(4);
            for (const answer of answers) {
                let step: SelectionRange = answer;
                while (step.parent) {
                    expect(contains(step.parent.range, step.range), `prefix of ${cut} characters`).toBe(true);
                    step = step.parent;
                }
                expect(document.textDocument.offsetAt(step.range.end)).toBe(cut);
            }
        }
    });
});

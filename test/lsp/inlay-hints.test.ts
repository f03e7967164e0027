import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LangiumDocument } from 'langium';
import type { InlayHint, Range } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { MplanInlayHintProvider } from '../../src/language/lsp/inlay-hints.js';
import { check, services } from '../helpers.js';
import { BAKERY, LspClient, uri } from './client.js';
import { BEAN_BOX, LEDGERLY, PHOTO_COURSE } from '../economics-plans.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const EVERYTHING: Range = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

function hintsFor(file: string, range: Range = EVERYTHING): Promise<InlayHint[] | null> {
    return client!.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri: file }, range });
}

/** A hint as the tests read it: 0-based line and character, and the label. */
function shown(hints: InlayHint[] | null | undefined): Array<[number, number, string]> {
    return (hints ?? []).map(hint => [hint.position.line, hint.position.character, String(hint.label)]);
}

/** Where `snippet` (its `nth` occurrence) ends in `text`: the 0-based line and character a hint after it stands at. */
function after(text: string, snippet: string, nth = 0): [number, number] {
    let index = -1;
    for (let i = 0; i <= nth; i++) index = text.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`no ${snippet} in the text`);
    const lines = text.slice(0, index + snippet.length).split('\n');
    return [lines.length - 1, lines[lines.length - 1].length];
}

const OVER_BUDGET = `campaign Launch {
    budget 2_000 USD
    runs Posts, Newsletter, Ads
}
tactic Posts { budget 0 USD }
tactic Newsletter { budget 500 USD }
tactic Ads { budget 2_400 USD }
`;

describe('inlay hints over LSP', () => {
    it('show a campaign\'s planned spend and share of its budget, and each tactic\'s share of the campaign', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        const plan = uri(join(BAKERY, 'plan.mplan'));
        await client.open(plan, readFileSync(join(BAKERY, 'plan.mplan'), 'utf8'));
        const hints = await hintsFor(plan);
        // plan.mplan lines 31, 41, 50: the tactics' budgets; line 56: the campaign's.
        expect(shown(hints)).toEqual([
            [30, 20, '30% of SpringLaunch'],
            [40, 20, '15% of SpringLaunch'],
            [49, 20, '20% of SpringLaunch'],
            [55, 21, 'planned 6,500 USD (65%)']
        ]);
        expect(hints!.every(hint => hint.paddingLeft === true)).toBe(true);
    });

    it('say plainly by how much a campaign is over budget', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/inlay-over.mplan';
        await client.open(doc, OVER_BUDGET);
        expect(shown(await hintsFor(doc))).toEqual([
            [...after(OVER_BUDGET, 'budget 2_000 USD'), 'planned 2,900 USD (145%): 900 USD over budget'],
            [...after(OVER_BUDGET, 'budget 0 USD'), '0% of Launch'],
            [...after(OVER_BUDGET, 'budget 500 USD'), '25% of Launch'],
            [...after(OVER_BUDGET, 'budget 2_400 USD'), '120% of Launch']
        ]);
    });

    it('answer only for the requested range', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        const plan = uri(join(BAKERY, 'plan.mplan'));
        await client.open(plan, readFileSync(join(BAKERY, 'plan.mplan'), 'utf8'));
        // The campaign only (lines 55 to 63).
        expect(shown(await hintsFor(plan, { start: { line: 54, character: 0 }, end: { line: 63, character: 0 } }))).toEqual([[55, 21, 'planned 6,500 USD (65%)']]);
        // The middle tactic's budget line only.
        expect(shown(await hintsFor(plan, { start: { line: 40, character: 0 }, end: { line: 41, character: 0 } }))).toEqual([[40, 20, '15% of SpringLaunch']]);
        // A range that stops before the end of the amount, and one with no budget in it.
        expect(await hintsFor(plan, { start: { line: 55, character: 0 }, end: { line: 55, character: 12 } })).toEqual([]);
        expect(await hintsFor(plan, { start: { line: 0, character: 0 }, end: { line: 26, character: 0 } })).toEqual([]);
    });

    it('give a budget per month in all, the customers a funnel wins a month and what a subscriber is worth', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/inlay-coffee.mplan';
        await client.open(doc, BEAN_BOX);
        expect(shown(await hintsFor(doc))).toEqual([
            [...after(BEAN_BOX, 'price 19 USD per month'), 'LTV 105 to 116 USD (margin, 12 months)'],
            [...after(BEAN_BOX, 'budget 1_500 USD per month'), '= 4,500 USD in all, 75% of SpringLaunch'],
            [...after(BEAN_BOX, 'budget 500 USD per month'), '= 1,500 USD in all, 25% of SpringLaunch'],
            [...after(BEAN_BOX, 'budget 2_000 USD per month'), '= 6,000 USD in all, planned 6,000 USD (100%)'],
            [...after(BEAN_BOX, 'first purchase at subscribers'), '→ 100 to 210 subscribers per month']
        ]);
        // The funnel only.
        const [line] = after(BEAN_BOX, 'funnel "Subscription funnel"');
        expect(shown(await hintsFor(doc, { start: { line, character: 0 }, end: { line: line + 5, character: 0 } }))).toEqual([[...after(BEAN_BOX, 'first purchase at subscribers'), '→ 100 to 210 subscribers per month']]);
    });

    it('say nothing where the amounts are missing, and follow edits', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/inlay-missing.mplan';
        await client.open(doc, 'campaign NoBudget { runs Ads }\ncampaign NoCosts { budget 100 USD runs Posts }\ntactic Ads { budget 50 USD }\ntactic Posts { channel forum }\ntactic Unused { budget 10 USD }\n');
        expect(shown(await hintsFor(doc))).toEqual([]);
        const fixed = 'campaign NoBudget { budget 200 USD runs Ads }\ntactic Ads { budget 50 USD }\n';
        await client.change(doc, fixed);
        expect(shown(await hintsFor(doc))).toEqual([[...after(fixed, 'budget 200 USD'), 'planned 50 USD (25%)'], [...after(fixed, 'budget 50 USD'), '25% of NoBudget']]);
        await client.change(doc, 'campaign NoBudget { budget 200 USD runs Ads }\ntactic Ads { budget 5');
        expect(shown(await hintsFor(doc))).toEqual([]);
    });
});

/** A plan of about `lines` lines: groups of four tactics and the campaign that runs them. */
function largePlan(lines: number): string {
    const out = ['plan Large { currency USD }'];
    for (let group = 0; out.length < lines; group++) {
        const tactics = [0, 1, 2, 3].map(i => `T${group}x${i}`);
        tactics.forEach((name, i) => out.push(`tactic ${name} {`, '    channel seo', `    budget ${(i + 1) * 100 + group % 7} USD`, '}'));
        out.push(`campaign C${group} {`, `    budget ${1_000 + group % 500} USD`, `    runs ${tactics.join(', ')}`, '}');
    }
    return out.join('\n') + '\n';
}

function hints(document: LangiumDocument, provider = new MplanInlayHintProvider(services.Mplan), range: Range = EVERYTHING): Array<[number, number, string]> {
    return shown(provider.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range }));
}

describe('inlay hints', () => {
    it('give a library tactic\'s share of the campaigns of the plans that import it', async () => {
        const tactics = 'tactic Ads { budget 1_500 USD }\ntactic Posts { budget 100 USD }\n';
        const autumn = 'import "tactics.mplan"\nplan Autumn { currency USD }\ncampaign Autumn { budget 6_000 USD runs Ads, Posts }\n';
        const checked = await check({
            'tactics.mplan': tactics,
            'spring.mplan': 'import "tactics.mplan"\nplan Spring { currency USD }\ncampaign Spring { budget 3_000 USD runs Ads }\n',
            'autumn.mplan': autumn
        });
        const library = checked.documents.get('tactics.mplan')!;
        expect(hints(library)).toEqual([[...after(tactics, '1_500 USD'), '50% of Spring, 25% of Autumn'], [...after(tactics, 'budget 100 USD'), '2% of Autumn']]);
        expect(hints(checked.documents.get('autumn.mplan')!)).toEqual([[...after(autumn, '6_000 USD'), 'planned 1,600 USD (27%)']]);
        // Without the plan model, only the campaigns of the file itself are known.
        expect(hints(library, new MplanInlayHintProvider())).toEqual([]);
    });

    it('stand after the whole budget fact of a budget per month, not between its amount and its period, nor at the end of its line', async () => {
        // The budget fact is followed on its line by the period and the tactics run: the hint stands right after `per month`.
        const text = [
            'campaign Launch { budget 3_000 USD per month  from 2027-02-01 to 2027-04-30  runs Ads, Guides }',
            'tactic Ads { channel social on instagram  budget 1_500 USD per month  from 2027-02-01 to 2027-04-30 }',
            'tactic Guides {',
            '    channel seo',
            '    budget 500 USD per month from 2027-02-01 to 2027-04-30',
            '}',
            ''
        ].join('\n');
        expect(hints((await check(text)).documents.get('plan.mplan')!)).toEqual([
            // Three months: 9,000 USD in all, against 4,500 + 1,500 USD of tactics.
            [...after(text, 'budget 3_000 USD per month'), '= 9,000 USD in all, planned 6,000 USD (67%)'],
            [...after(text, 'budget 1_500 USD per month'), '= 4,500 USD in all, 50% of Launch'],
            [...after(text, 'budget 500 USD per month'), '= 1,500 USD in all, 17% of Launch']
        ]);
    });

    it('keep amounts in other currencies apart', async () => {
        const text = 'campaign Mixed { budget 1_000 USD runs Ads, Print }\ncampaign Euro { budget 1_000 USD runs Print }\ntactic Ads { budget 300 USD }\ntactic Print { budget 200 EUR }\n';
        const checked = await check(text);
        expect(hints(checked.documents.get('plan.mplan')!)).toEqual([
            [...after(text, '1_000 USD'), 'planned 300 USD + 200 EUR: not all in USD'],
            [...after(text, '1_000 USD', 1), 'planned 200 EUR: not in USD'],
            [...after(text, 'budget 300 USD'), '30% of Mixed']
        ]);
    });

    it('count a tactic run twice once, and name at most four campaigns', async () => {
        const campaigns = Array.from({ length: 6 }, (_, i) => `campaign C${i} { budget ${(i + 1) * 1000} USD runs Ads${i === 0 ? ', Ads' : ''} }`).join('\n');
        const text = `tactic Ads { budget 500 USD }\n${campaigns}\n`;
        const found = hints((await check(text)).documents.get('plan.mplan')!);
        expect(found[0]).toEqual([...after(text, 'budget 500 USD'), '50% of C0, 25% of C1, 17% of C2 and 3 more']);
        expect(found[1]).toEqual([...after(text, 'budget 1000 USD'), 'planned 500 USD (50%)']);
        expect(found).toHaveLength(7);
    });

    it('look only at the blocks of the range in a 10,000-line plan, and at all of them for the whole plan', async () => {
        const text = largePlan(10_000);
        const checked = await check(text);
        const document = checked.documents.get('plan.mplan')!;
        const provider = new MplanInlayHintProvider(services.Mplan);
        const all = hints(document, provider);
        const budgets = text.split('\n').filter(line => /^\s+budget /.test(line)).length;
        expect(all.length).toBe(budgets);
        const window: Range = { start: { line: 5000, character: 0 }, end: { line: 5040, character: 0 } };
        const some = hints(document, provider, window);
        expect(some.length).toBeGreaterThan(0);
        expect(some).toEqual(all.filter(([line]) => line >= 5000 && line < 5040));
    });
});

describe('inlay hints on money over time', () => {
    it('of a SaaS: what a customer is worth after the last tier, the budget in all, the trials and the paying customers they give', async () => {
        const document = (await check(LEDGERLY)).documents.get('plan.mplan')!;
        expect(hints(document)).toEqual([
            [...after(LEDGERLY, 'tier Team "Team of five" 45 EUR per month share 25%'), 'LTV 185 EUR (margin, 12 months)'],
            [...after(LEDGERLY, 'budget 4_000 EUR per month'), '= 12,000 EUR in all'],
            // No conversion line and no `first purchase at`: the hint follows the count.
            [...after(LEDGERLY, 'expect 500 trials per month'), '→ 500 trials per month, 100 paying']
        ]);
    });

    it('of a webinar: each product\'s worth (the course with its upsell) and the buyers a month', async () => {
        const document = (await check(PHOTO_COURSE)).documents.get('plan.mplan')!;
        expect(hints(document)).toEqual([
            [...after(PHOTO_COURSE, 'price 300 USD'), 'LTV 342 USD (margin, 12 months)'],
            [...after(PHOTO_COURSE, 'price 1_200 USD'), 'LTV 720 USD (margin, 12 months)'],
            [...after(PHOTO_COURSE, 'first purchase at buyers'), '→ 24 buyers per month']
        ]);
        // Without the plan model the upsell's funnel is not known: the course is worth its own margin.
        expect(hints(document, new MplanInlayHintProvider())[0]).toEqual([...after(PHOTO_COURSE, 'price 300 USD'), 'LTV 270 USD (margin, 12 months)']);
    });

    it('of a funnel counted from its visitors, and one that starts from a list', async () => {
        const text = `plan Bakery { currency USD }
product Box { price 49 USD }
funnel Orders {
    visitors 2_000 to 3_000 per month
    conversion visitors to orders 2% to 3%
}
funnel Newsletter {
    list 1_200 subscribers
    conversion subscribers to customers 5%
}
`;
        expect(hints((await check(text)).documents.get('plan.mplan')!)).toEqual([
            [...after(text, 'visitors 2_000 to 3_000 per month'), '→ 40 to 90 orders per month'],
            [...after(text, 'list 1_200 subscribers'), '→ 60 customers once from the list']
        ]);
    });

    it('say nothing of a one-off price that is all a customer brings, or of a budget per month with no period', async () => {
        const text = 'plan Shop { currency USD }\nproduct Box { price 49 USD }\ntactic Ads { channel ppc on google  budget 300 USD per month }\ncampaign Spring { budget 1_000 USD per month  runs Ads }\n';
        expect(hints((await check(text)).documents.get('plan.mplan')!)).toEqual([]);
        // With a margin, the value is the margin.
        const margin = text.replace('price 49 USD', 'price 49 USD  margin 50%');
        expect(hints((await check(margin)).documents.get('plan.mplan')!)).toEqual([[...after(margin, 'price 49 USD'), 'LTV 24.50 USD (margin, 12 months)']]);
    });
});

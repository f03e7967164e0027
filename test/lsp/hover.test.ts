import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { md } from '../../src/language/lsp/hover.js';
import { check, CLEAN_PLAN, services } from '../helpers.js';
import { BAKERY, LspClient, PLANS, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });


function hoverAt(file: string, line: number, character: number): Promise<Hover | null> {
    return client!.request<Hover | null>('textDocument/hover', { textDocument: { uri: file }, position: { line, character } });
}

function markdown(hover: Hover | null | undefined): string | undefined {
    return hover ? (hover.contents as MarkupContent).value : undefined;
}

const SEGMENT_HOVER = [
    '**segment OfficeManagers** · shared/market\\.mplan\\:4',
    '',
    '> Office managers who order food for meetings',
    '',
    '- **Age:** 28 to 50',
    '- **Spending power:** earns 45,000 to 90,000 USD per year',
    '- **Role:** makes the buying decision',
    '- **Buys:** online',
    '- **Habits:** search google; social linkedin; sites Downtown Business Journal; tools outlook, teams; online weekdays 9:00 to 17:00',
    '- **Targeted by:** OfficeCatering'
].join('\n');

describe('hover over LSP', () => {
    it('explains a keyword in plain words, with a line that uses it', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/hover-keyword.mplan';
        await client.open(doc, 'offer {\n    guarantee money back 30 days claim "Reply" refunds "All"\n}\n');
        const hover = await hoverAt(doc, 1, 8);
        expect(hover).toEqual({
            contents: {
                kind: 'markdown',
                value: '**guarantee**: A promise to give the money back (or another promise, in quotes) if the buyer is not satisfied: for how long, how to claim it and what is refunded.\n\n'
                    + '```mplan\nguarantee money back 30 days claim "Reply to the order e-mail" refunds "The full price"\n```'
            },
            range: { start: { line: 1, character: 4 }, end: { line: 1, character: 13 } }
        });
    });

    it('explains a keyword by where it stands: `from` in a period, in a segment', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/hover-from.mplan';
        await client.open(doc, 'segment S { from "Downtown" }\ntactic T { from 2027-02-01 to 2027-03-31 }\n');
        expect(markdown(await hoverAt(doc, 0, 13))).toBe('**from**: Where the people of this segment come from: places, companies, groups.\n\n```mplan\nfrom "Downtown office towers", "Business park on the ring road"\n```');
        const period = await hoverAt(doc, 1, 11);
        expect(markdown(period)).toBe('**from**: A period: from the first day to the last, both included, as YYYY-MM-DD.\n\n```mplan\nfrom 2027-02-01 to 2027-04-30\n```');
        expect(period?.range).toEqual({ start: { line: 1, character: 11 }, end: { line: 1, character: 15 } });
        // A keyword used as a plain word (a platform called "email") is not explained as the keyword.
        await client.change(doc, 'segment S { habits { tools email } }\n');
        expect(await hoverAt(doc, 0, 29)).toBeNull();
    });

    it('summarises a block a reference names in another file of the plan', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        const plan = uri(join(BAKERY, 'plan.mplan'));
        await client.open(plan, readFileSync(join(BAKERY, 'plan.mplan'), 'utf8'));
        const segment = await hoverAt(plan, 19, 14);
        expect(segment).toEqual({ contents: { kind: 'markdown', value: SEGMENT_HOVER }, range: { start: { line: 19, character: 12 }, end: { line: 19, character: 26 } } });
        expect(markdown(await hoverAt(plan, 23, 13))).toBe([
            '**product CateringBox** · shared/products\\.mplan\\:3',
            '',
            '- **Price:** 49 USD',
            '- **Benefits:** "Baked the same morning"; "Delivered by 11\\:30 for lunch meetings"',
            '- **Spin-offs:** PastryPlatter'
        ].join('\n'));
    });

    it('summarises a block on its own name, in a library, with what the plan importing it says of it', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        const market = uri(join(BAKERY, 'shared', 'market.mplan'));
        await client.open(market, readFileSync(join(BAKERY, 'shared', 'market.mplan'), 'utf8'));
        const hover = await hoverAt(market, 3, 8);
        expect(markdown(hover)).toBe(SEGMENT_HOVER.replace(' · shared/market\\.mplan\\:4', ''));
        expect(hover?.range).toEqual({ start: { line: 3, character: 8 }, end: { line: 3, character: 22 } });
    });

    it('gives a campaign\'s budget, planned spend, what is left and its period', async () => {
        client = await LspClient.start({ workspace: BAKERY });
        const plan = uri(join(BAKERY, 'plan.mplan'));
        await client.open(plan, readFileSync(join(BAKERY, 'plan.mplan'), 'utf8'));
        const hover = await hoverAt(plan, 54, 9);
        expect(hover).toEqual({
            contents: {
                kind: 'markdown',
                value: [
                    '**campaign SpringLaunch**',
                    '',
                    '- **Budget:** 10,000 USD',
                    '- **Planned:** 6,500 USD (65% of the budget) for LinkedInAds 3,000 USD, LocalSearch 1,500 USD, BusinessJournalAd 2,000 USD',
                    '- **Left:** 3,500 USD',
                    '- **Period:** 2027-02-01 to 2027-06-30'
                ].join('\n')
            },
            range: { start: { line: 54, character: 9 }, end: { line: 54, character: 21 } }
        });
        // On the reference in `runs`: the tactic, its share of the campaign.
        expect(markdown(await hoverAt(plan, 58, 12))).toBe([
            '**tactic LinkedInAds**',
            '',
            '- **Channel:** ppc on linkedin',
            '- **Budget:** 3,000 USD',
            '- **Serves:** OfficeCatering',
            '- **Run by:** SpringLaunch (30% of its budget)',
            '- **Period:** 2027-02-01 to 2027-04-30'
        ].join('\n'));
    });

    it('gives the overrun of a campaign whose tactics cost more than its budget', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/hover-overrun.mplan';
        await client.open(doc, readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8'));
        // ebook-list.mplan (the fixture copy) line 90: `campaign Launch {`; `Newsleter` is misspelt and costs nothing.
        expect(markdown(await hoverAt(doc, 89, 10))).toBe([
            '**campaign Launch**',
            '',
            '- **Budget:** 2,000 USD',
            '- **Planned:** 2,400 USD (120% of the budget) for ForumPosts 0 USD, InstagramAds 2,400 USD',
            '- **Over budget by:** 400 USD',
            '- **Period:** 2027-01-15 to 2027-06-30'
        ].join('\n'));
    });

    it('says nothing on spaces, comments, text in quotes and past the end of a line', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/hover-nothing.mplan';
        await client.open(doc, '// a comment\nstrategy S {\n    statement "Be first"\n}\n');
        expect(await hoverAt(doc, 2, 2)).toBeNull();
        expect(await hoverAt(doc, 0, 5)).toBeNull();
        expect(await hoverAt(doc, 2, 18)).toBeNull();
        expect(await hoverAt(doc, 1, 40)).toBeNull();
        expect(markdown(await hoverAt(doc, 1, 9))).toBe('**strategy S**\n\n> Be first\n\n- **Targets:** no segment yet\n- **Served by:** no tactic yet');
    });
});

async function hover(document: LangiumDocument, line: number, character: number): Promise<string | undefined> {
    const result = await services.Mplan.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: { line, character } });
    return markdown(result);
}

/** The position of the `nth` occurrence of `word` in `text` (0-based line and character). */
function find(text: string, word: string, nth = 0): { line: number; character: number } {
    let index = -1;
    for (let i = 0; i <= nth; i++) index = text.indexOf(word, index + 1);
    if (index < 0) throw new Error(`no ${word} in the text`);
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

async function hoverOn(text: string, word: string, nth = 0): Promise<string | undefined> {
    const checked = await check(text);
    const { line, character } = find(text, word, nth);
    return hover(checked.documents.get('plan.mplan')!, line, character);
}

describe('hover summaries', () => {
    it('of a strategy: its statement, targets, the tactics serving it, message and objectives', async () => {
        const text = 'strategy Win {\n    statement "Be the only same-day option"\n    targets Managers\n    message "Fresh"\n    objective "Accounts" metric accounts target 40 by 2027-12-31\n}\nsegment Managers { who "Managers" }\ntactic Ads { serves Win }\ntactic Posts { serves Win }\n';
        expect(await hoverOn(text, 'Win')).toBe([
            '**strategy Win**',
            '',
            '> Be the only same\\-day option',
            '',
            '- **Targets:** Managers',
            '- **Served by:** Ads, Posts',
            '- **Message:** "Fresh"',
            '- **Objectives:** "Accounts": 40 accounts by 2027-12-31'
        ].join('\n'));
    });

    it('of a strategy nobody serves and that targets nobody', async () => {
        expect(await hoverOn('strategy Alone { }\n', 'Alone')).toBe('**strategy Alone**\n\n- **Targets:** no segment yet\n- **Served by:** no tactic yet');
    });

    it('of a campaign without budget, without tactics, and with tactics in another currency', async () => {
        expect(await hoverOn('campaign Bare { }\n', 'Bare')).toBe('**campaign Bare**\n\n- **Budget:** none yet\n- **Planned:** nothing yet: the campaign runs no tactic');
        const text = 'campaign Mixed { budget 1_000 USD runs Ads, Print }\ntactic Ads { budget 300 USD }\ntactic Print { budget 200 EUR }\n';
        expect(await hoverOn(text, 'Mixed')).toBe([
            '**campaign Mixed**',
            '',
            '- **Budget:** 1,000 USD',
            '- **Planned:** 300 USD \\+ 200 EUR for Ads 300 USD, Print 200 EUR',
            '- **Left:** cannot be told: the tactics cost money in other currencies than USD'
        ].join('\n'));
        const unpriced = 'campaign Free { budget 500 USD runs Posts }\ntactic Posts { channel social }\n';
        expect(await hoverOn(unpriced, 'Free')).toBe('**campaign Free**\n\n- **Budget:** 500 USD\n- **Planned:** no amounts yet: Posts (no budget)');
    });

    it('of a tactic no campaign runs, and of one two campaigns run', async () => {
        expect(await hoverOn('tactic Idle { channel seo }\n', 'Idle')).toBe('**tactic Idle**\n\n- **Channel:** seo\n- **Budget:** none yet\n- **Serves:** no strategy yet\n- **Run by:** no campaign yet');
        const text = 'tactic Ads { channel ppc on google, "Financial Times" budget 250 USD }\ncampaign A { budget 1_000 USD runs Ads }\ncampaign B { budget 500 EUR runs Ads, Ads }\n';
        expect(await hoverOn(text, 'Ads')).toBe('**tactic Ads**\n\n- **Channel:** ppc on google, Financial Times\n- **Budget:** 250 USD\n- **Serves:** no strategy yet\n- **Run by:** A (25% of its budget), B');
    });

    it('of a product, a competitor and the plan', async () => {
        const checked = await check(CLEAN_PLAN);
        const document = checked.documents.get('plan.mplan')!;
        const at = (word: string, nth = 0) => { const p = find(CLEAN_PLAN, word, nth); return hover(document, p.line, p.character); };
        expect(await at('Box')).toBe('**product Box**\n\n- **Price:** 49 USD\n- **Benefits:** "Fresh"\n- **Spin-offs:** Platter');
        expect(await at('SweetCo')).toBe('**competitor SweetCo**\n\n- **Strengths:** "Lower prices"\n- **Weaknesses:** "Two\\-day delivery"\n- **We differ by:** "Same\\-day delivery"');
        expect(await at('Bakery')).toBe('**plan Bakery**\n\n- **Goal:** "Be the caterer of downtown offices"\n- **Currency:** USD');
        // `studied SweetCo` names the competitor too.
        expect(await at('SweetCo', 1)).toBe(await at('SweetCo'));
    });

    it('of a subscription with a title, tiers (with the share of buyers of each), a trial and its economics; of a product priced by its variants', async () => {
        const text = [
            'product CoffeeClub "Coffee Club" {',
            '    price 19 USD per month',
            '    tier Starter "One bag" 15 USD per month share 40%',
            '    tier Office 39 to 49 USD per month',
            '    trial 14 days converts 20% to 30%',
            '    margin 60%',
            '    unit cost 7 USD',
            '    churn 3% a month',
            '}',
            'product Grinder { variant Hand 45 USD variant Electric 120 USD repeat purchase 5% per year }',
            ''
        ].join('\n');
        expect(await hoverOn(text, 'CoffeeClub')).toBe([
            '**product CoffeeClub** "Coffee Club"',
            '',
            '- **Price:** 19 USD per month',
            '- **Tiers:** Starter "One bag" 15 USD per month \\(40%\\), Office 39 to 49 USD per month',
            '- **Trial:** 14 days, 20% to 30% go on to pay',
            '- **Margin:** 60%',
            '- **Unit cost:** 7 USD',
            '- **Churn:** 3% per month',
            '- **Benefits:** none yet'
        ].join('\n'));
        expect(await hoverOn(text, 'Grinder')).toBe([
            '**product Grinder**',
            '',
            '- **Price:** from its variants',
            '- **Variants:** Hand 45 USD, Electric 120 USD',
            '- **Repeat purchases:** 5% per year',
            '- **Benefits:** none yet'
        ].join('\n'));
    });

    it('of a strategy with objectives and KPIs, their targets as written, owners and reviews; of budgets per month', async () => {
        const text = [
            'strategy Subscribers "Subscribers first" {',
            '    objective "Paying accounts" metric customers target at least 1_200 by 2027-12-31 owner "Ana Lima" review monthly',
            '    kpi "Acquisition cost" metric cac target at most 35 USD owner Ana review weekly',
            '    kpi "Return on ad spend" metric roas target at least 4x',
            '}',
            'tactic Guides { budget 1_500 USD per month }',
            'campaign Launch { budget 4_500 USD per month }',
            ''
        ].join('\n');
        expect(await hoverOn(text, 'Subscribers')).toBe([
            '**strategy Subscribers** "Subscribers first"',
            '',
            '- **Targets:** no segment yet',
            '- **Served by:** no tactic yet',
            '- **Objectives:** "Paying accounts": at least 1200 customers by 2027-12-31, owner Ana Lima, reviewed monthly',
            '- **KPIs:** "Acquisition cost": at most 35 USD cac, owner Ana, reviewed weekly; "Return on ad spend": at least 4x roas'
        ].join('\n'));
        expect((await hoverOn(text, 'Guides'))?.split('\n')).toContain('- **Budget:** 1,500 USD per month');
        expect((await hoverOn(text, 'Launch'))?.split('\n')).toContain('- **Budget:** 4,500 USD per month');
    });

    it('of a segment that influences another, and one with no facts yet', async () => {
        const text = 'segment Assistants { influences Managers spends 20 USD per week shops offline }\nsegment Managers { }\n';
        expect(await hoverOn(text, 'Assistants')).toBe('**segment Assistants**\n\n- **Spending power:** spends 20 USD per week\n- **Role:** influences Managers\n- **Buys:** in shops\n- **Targeted by:** no strategy yet');
        expect(await hoverOn(text, 'Managers', 1)).toBe('**segment Managers**\n\n- **Targeted by:** no strategy yet');
    });

    it('never lets plan text become links, images, HTML or emphasis', async () => {
        const text = 'segment Evil { who "[click](http://evil.example) <img src=x onerror=alert(1)> **loud** `code` # heading" }\n';
        const value = await hoverOn(text, 'Evil');
        expect(value).toBe('**segment Evil**\n\n> \\[click\\]\\(http\\://evil\\.example\\) \\<img src=x onerror=alert\\(1\\)\\> \\*\\*loud\\*\\* \\`code\\` \\# heading\n\n- **Targeted by:** no strategy yet');
        expect(md('a_b-c.d!e|f~g&h@i{j}k+l')).toBe('a\\_b\\-c\\.d\\!e\\|f\\~g\\&h\\@i\\{j\\}k\\+l');
    });

    it('says nothing for a reference that names no block, and for blocks it has no summary of', async () => {
        const text = 'tactic T { serves Nowhere }\nfunnel Sales { }\n';
        expect(await hoverOn(text, 'Nowhere')).toBeUndefined();
        expect(await hoverOn(text, 'Sales')).toBeUndefined();
    });

    it('never fails on half-typed text: every position of prefixes of a plan', async () => {
        const lines = readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8').split('\n').slice(20, 100);
        let answered = 0;
        for (let cut = 1; cut <= lines.length; cut += 3) {
            const prefix = lines.slice(0, cut).join('\n') + (cut % 2 ? ' campaign X { budget 10 runs Newsletter' : '');
            const document = (await check(prefix)).documents.get('plan.mplan')!;
            const prefixLines = prefix.split('\n');
            for (let line = Math.max(0, prefixLines.length - 4); line < prefixLines.length; line++) {
                for (let character = 0; character <= prefixLines[line].length; character++) {
                    if (await hover(document, line, character)) answered++;
                }
            }
        }
        expect(answered).toBeGreaterThan(100);
    });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { md, plainText } from '../../src/language/lsp/hover.js';
import { MplanInlayHintProvider } from '../../src/language/lsp/inlay-hints.js';
import { check, CLEAN_PLAN, judgeBy, services, TEST_SETTINGS } from '../helpers.js';
import { BAKERY, LspClient, MARKDOWN, PLANS, uri } from './client.js';
import { BEAN_BOX, LEDGERLY, PHOTO_COURSE } from '../economics-plans.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });


function hoverAt(file: string, line: number, character: number): Promise<Hover | null> {
    return client!.request<Hover | null>('textDocument/hover', { textDocument: { uri: file }, position: { line, character } });
}

function markdown(hover: Hover | null | undefined): string | undefined {
    return hover ? (hover.contents as MarkupContent).value : undefined;
}

const SEGMENT_HOVER = [
    '**segment OfficeManagers** · shared/market.mplan:4',
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
        client = await LspClient.start({ capabilities: MARKDOWN });
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
        client = await LspClient.start({ capabilities: MARKDOWN });
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
        client = await LspClient.start({ workspace: BAKERY, capabilities: MARKDOWN });
        const plan = uri(join(BAKERY, 'plan.mplan'));
        await client.open(plan, readFileSync(join(BAKERY, 'plan.mplan'), 'utf8'));
        const segment = await hoverAt(plan, 19, 14);
        expect(segment).toEqual({ contents: { kind: 'markdown', value: SEGMENT_HOVER }, range: { start: { line: 19, character: 12 }, end: { line: 19, character: 26 } } });
        expect(markdown(await hoverAt(plan, 23, 13))).toBe([
            '**product CateringBox** · shared/products.mplan:3',
            '',
            '- **Price:** 49 USD',
            '- **Benefits:** "Baked the same morning"; "Delivered by 11:30 for lunch meetings"',
            '- **Spin-offs:** PastryPlatter',
            // 49 USD, and 60% of customers buy again (the funnel's `conversion customers to repeat 60%`).
            '- **LTV over 12 months:** 78.40 USD of revenue',
            '- **CAC:** 27.78 USD',
            '- **Payback:** 1 month',
            '- **Notes:** CateringBox states no margin or unit cost: its value is counted as revenue; the upsell from CateringBox to PastryPlatter gives no share of buyers who take it: it is not counted'
        ].join('\n'));
    });

    it('gives plain text to a client that does not declare Markdown (Vim\'s ALE, eglot without markdown-mode)', async () => {
        // ALE 3.3 declares `contentFormat: ['plaintext']`; a client may also declare no hover capability at all.
        for (const capabilities of [{ textDocument: { hover: { contentFormat: ['plaintext'] } } }, {}]) {
            client = await LspClient.start({ workspace: BAKERY, capabilities });
            const plan = uri(join(BAKERY, 'plan.mplan'));
            await client.open(plan, readFileSync(join(BAKERY, 'plan.mplan'), 'utf8'));
            const segment = await hoverAt(plan, 19, 14);
            expect(segment?.contents).toEqual({ kind: 'plaintext', value: [
                'segment OfficeManagers · shared/market.mplan:4',
                '',
                '> Office managers who order food for meetings',
                '',
                '- Age: 28 to 50',
                '- Spending power: earns 45,000 to 90,000 USD per year',
                '- Role: makes the buying decision',
                '- Buys: online',
                '- Habits: search google; social linkedin; sites Downtown Business Journal; tools outlook, teams; online weekdays 9:00 to 17:00',
                '- Targeted by: OfficeCatering'
            ].join('\n') });
            // A keyword: its meaning, then the example line indented, with no fence.
            const keyword = await hoverAt(plan, 19, 6);
            expect(keyword?.contents).toEqual({ kind: 'plaintext', value: 'targets: The segments the strategy is aimed at.\n\n    targets OfficeManagers, TeamAssistants' });
            await client.stop();
            client = undefined;
        }
    });

    it('writes a keyword\'s example with the names of the reader\'s plan, not of another', async () => {
        client = await LspClient.start({ capabilities: MARKDOWN });
        const doc = 'file:///tmp/hover-example-names.mplan';
        const text = [
            'segment HomeBakers { who "People who bake at home" }',
            'segment Cafes { who "Small cafes" }',
            'strategy ListFirst { statement "Build a list" targets HomeBakers, Cafes }',
            'tactic Newsletter { serves ListFirst channel email }',
            'campaign Launch { runs Newsletter }',
            ''
        ].join('\n');
        await client.open(doc, text);
        const at = async (line: number, word: string) => markdown(await hoverAt(doc, line, text.split('\n')[line].indexOf(word) + 1));
        expect(await at(3, 'serves')).toContain('```mplan\nserves ListFirst\n```');
        expect(await at(2, 'targets')).toContain('```mplan\ntargets HomeBakers, Cafes\n```');
        expect(await at(4, 'runs')).toContain('```mplan\nruns Newsletter, LocalSearch\n```');
        // The example's own block keeps its name; the names it refers to are the plan's.
        expect(await at(3, 'tactic')).toContain('```mplan\ntactic LinkedInAds { serves ListFirst channel ppc on linkedin budget 3_000 USD }\n```');
        // Where the plan has no block of the kind, the example stays as the reference has it.
        expect(await at(2, 'strategy')).toContain('```mplan\nstrategy OfficeCatering { statement "Own catering for downtown offices" targets HomeBakers }\n```');
    });

    it('summarises a block on its own name, in a library, with what the plan importing it says of it', async () => {
        client = await LspClient.start({ workspace: BAKERY, capabilities: MARKDOWN });
        const market = uri(join(BAKERY, 'shared', 'market.mplan'));
        await client.open(market, readFileSync(join(BAKERY, 'shared', 'market.mplan'), 'utf8'));
        const hover = await hoverAt(market, 3, 8);
        expect(markdown(hover)).toBe(SEGMENT_HOVER.replace(' · shared/market.mplan:4', ''));
        expect(hover?.range).toEqual({ start: { line: 3, character: 8 }, end: { line: 3, character: 22 } });
    });

    it('gives a campaign\'s budget, planned spend, what is left and its period', async () => {
        client = await LspClient.start({ workspace: BAKERY, capabilities: MARKDOWN });
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
                    '- **Period:** 2027-02-01 to 2027-06-30',
                    // 10,000 USD spread over the 150 days: 28 of them in February, 31 in March, ….
                    '- **Spend by month:** 2027-02: 1,867 USD; 2027-03: 2,067 USD; 2027-04: 2,000 USD; 2027-05: 2,067 USD; 2027-06: 2,000 USD',
                    '- **Projected over 12 months from 2027-02:** 360 customers, 28,224 USD revenue, CAC 27.78 USD'
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
        client = await LspClient.start({ capabilities: MARKDOWN });
        const doc = 'file:///tmp/hover-overrun.mplan';
        await client.open(doc, readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8'));
        // ebook-list.mplan (the fixture copy) line 90: `campaign Launch {`; `Newsleter` is misspelt and costs nothing.
        expect(markdown(await hoverAt(doc, 89, 10))).toBe([
            '**campaign Launch**',
            '',
            '- **Budget:** 2,000 USD',
            '- **Planned:** 2,400 USD (120% of the budget) for ForumPosts 0 USD, InstagramAds 2,400 USD',
            '- **Over budget by:** 400 USD',
            '- **Period:** 2027-01-15 to 2027-06-30',
            '- **Spend by month:** 2027-01: 204 USD; 2027-02: 335 USD; 2027-03: 371 USD; 2027-04: 359 USD; 2027-05: 371 USD; 2027-06: 359 USD'
        ].join('\n'));
    });

    it('summarises a block on its display title and an objective on its words', async () => {
        client = await LspClient.start({ capabilities: MARKDOWN });
        const doc = 'file:///tmp/hover-coffee.mplan';
        await client.open(doc, BEAN_BOX);
        const at = (word: string) => { const p = find(BEAN_BOX, word); return hoverAt(doc, p.line, p.character + 1); };
        const title = await at('"Coffee Club subscription"');
        expect(markdown(title)?.split('\n').slice(0, 3)).toEqual(['**Coffee Club subscription** (product CoffeeClub)', '', '- **Price:** 19 USD per month']);
        // The whole title, quotes included, is what the hover stands for.
        const { line, character } = find(BEAN_BOX, '"Coffee Club subscription"');
        expect(title?.range).toEqual({ start: { line, character }, end: { line, character: character + '"Coffee Club subscription"'.length } });
        expect(markdown(await at('"Paying subscribers"'))).toBe([
            '**objective** "Paying subscribers"',
            '',
            '- **Target:** at least 1,000 customers by 2027-12-31',
            '- **Owner:** Ana Lima',
            '- **Review:** monthly',
            '- **Strategy:** Subscribers'
        ].join('\n'));
    });

    it('says nothing on spaces, comments, text in quotes and past the end of a line', async () => {
        client = await LspClient.start({ capabilities: MARKDOWN });
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

describe('hover on the words of issue 15 over LSP', () => {
    const PLAN = [
        'segment OfficeManagers { who "Office managers" }',
        'audience LapsedOffices { of OfficeManagers within 90 days }',
        'tactic Retarget {',
        '    channel retargeting on instagram',
        '    audience LapsedOffices',
        '}',
        'tactic Stars {',
        '    channel reviews on trustpilot',
        '    reviews 20 per month',
        '}',
        'flow Welcome {',
        '    channel sms',
        '    audience LapsedOffices',
        '    trigger signup',
        '    step after 2 hours "Still there?" with reminder',
        '    stop when ordered',
        '}',
        ''
    ].join('\n');

    /** The hover at the `nth` occurrence of a word of PLAN (its first character). */
    async function on(doc: string, word: string, nth = 0): Promise<string | undefined> {
        const lines = PLAN.split('\n');
        let seen = 0;
        for (const [line, text] of lines.entries()) {
            for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                if (/\w/.test(text[at - 1] ?? '') || /\w/.test(text[at + word.length] ?? '')) continue;
                if (seen++ === nth) return markdown(await hoverAt(doc, line, at));
            }
        }
        throw new Error(`no ${word} #${nth} in the plan`);
    }

    it('explains a flow\'s step, trigger and stop, and the retargeting channel, with a line that uses each', async () => {
        client = await LspClient.start({ capabilities: MARKDOWN });
        const doc = 'file:///tmp/hover-issue15.mplan';
        await client.open(doc, PLAN);
        expect(await on(doc, 'step')).toBe('**step**: One message of the flow: after how long (`after 2 days`, counted from the step before, or from the trigger for the first), its subject in quotes, and `with` what it holds.'
            + '\n\n```mplan\nstep after 1 day "Your lunch is waiting" with reminder\n```');
        expect(await on(doc, 'trigger')).toBe('**trigger**: What starts the flow for one person: a word, or words in quotes (`signup`, `"cart abandoned"`).\n\n```mplan\ntrigger "cart abandoned"\n```');
        expect(await on(doc, 'stop')).toBe('**stop**: Starts `stop when`: what takes a person out of the flow, such as buying or unsubscribing: words, or words in quotes.\n\n```mplan\nstop when ordered, unsubscribed\n```');
        expect(await on(doc, 'retargeting')).toBe('**retargeting**: A channel: ads shown again to people who visited your site or left a cart.\n\n```mplan\nchannel retargeting on instagram\n```');
        // A step's delay in hours is a unit of time there, not the hours a flow sends in.
        expect(await on(doc, 'hours')).toMatch(/^\*\*hours\*\*: A unit of time for a step's delay/);
    });

    it('explains audience, channel and sms by where they stand: a block, a tactic, a flow', async () => {
        client = await LspClient.start({ capabilities: MARKDOWN });
        const doc = 'file:///tmp/hover-issue15-where.mplan';
        await client.open(doc, PLAN);
        expect(await on(doc, 'audience', 0)).toMatch(/^\*\*audience\*\*: People defined by what they did, or did not do/);
        expect(await on(doc, 'audience', 1)).toMatch(/^\*\*audience\*\*: The segments and audiences this tactic reaches\./);
        expect(await on(doc, 'audience', 2)).toMatch(/^\*\*audience\*\*: The segments and audiences this flow writes to\./);
        const tacticChannel = await on(doc, 'channel', 0);
        expect(tacticChannel).toMatch(/^\*\*channel\*\*: How the tactic reaches people: `seo`, `ppc`, .*`retargeting`.* or `phone`\. Name the platforms after `on`\./);
        expect(await on(doc, 'channel', 2)).toMatch(/^\*\*channel\*\*: What the flow sends its messages by: `email`, `sms`, `push` or `messaging`\./);
        expect(await on(doc, 'sms')).toBe('**sms**: The flow sends text messages.\n\n```mplan\nchannel sms\n```');
        // reviews: the channel, and the fact of the same tactic.
        expect(await on(doc, 'reviews', 0)).toMatch(/^\*\*reviews\*\*: A channel: asking buyers to review you on review sites/);
        expect(await on(doc, 'reviews', 1)).toBe('**reviews**: How many new reviews the tactic aims for, per month or another period; after `reward … for`, the reviews the reward is for.\n\n```mplan\nreviews 20 per month\n```');
        expect(await on(doc, 'within')).toMatch(/^\*\*within\*\*: How recently the people of this audience did what sets them apart/);
    });
});

describe('hover summaries', () => {
    it('of a strategy: its statement, targets, the tactics serving it, message and objectives', async () => {
        const text = 'strategy Win {\n    statement "Be the only same-day option"\n    targets Managers\n    message "Fresh"\n    objective "Accounts" metric accounts target 40 by 2027-12-31\n}\nsegment Managers { who "Managers" }\ntactic Ads { serves Win }\ntactic Posts { serves Win }\n';
        expect(await hoverOn(text, 'Win')).toBe([
            '**strategy Win**',
            '',
            '> Be the only same-day option',
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
            '- **Planned:** 300 USD + 200 EUR for Ads 300 USD, Print 200 EUR',
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

    it('of a flow: its timeline from trigger to stop, its busiest week; of an audience: what they did and who reaches them', async () => {
        const text = `segment HomeCooks { who "Home cooks" }
audience CartAbandoners "Left a mug in the cart" {
    of HomeCooks
    who "Shoppers who left a mug in the cart"
    behaviour "added a mug to the cart and left"
    within 7 days
    size 300 to 500
}
flow AbandonedCart "Abandoned cart" {
    channel email
    audience CartAbandoners
    trigger "cart abandoned"
    step after 1 hour "Your mug is waiting" with reminder
    step after 1 day with story
    stop when purchased
}
tactic Retarget { channel retargeting on instagram audience CartAbandoners frequency cap 3 per week }
`;
        expect(await hoverOn(text, 'AbandonedCart')).toBe([
            '**Abandoned cart** (flow AbandonedCart)',
            '',
            '- **Channel:** email',
            '- **Reaches:** CartAbandoners',
            '- **Timeline:** trigger "cart abandoned" → after 1 hour: "Your mug is waiting" with reminder → day 1 with story → stops when purchased',
            '- **Busiest week:** 2 messages to one person'
        ].join('\n'));
        const audience = await hoverOn(text, 'CartAbandoners');
        expect(audience?.split('\n')).toEqual([
            '**Left a mug in the cart** (audience CartAbandoners)',
            '',
            '> Shoppers who left a mug in the cart',
            '',
            '- **Did:** "added a mug to the cart and left"',
            '- **Within:** the last 7 days',
            '- **Size:** 300 to 500 people',
            '- **Drawn from:** HomeCooks',
            '- **Reached by:** Retarget, AbandonedCart'
        ]);
        expect(await hoverOn(text, 'Retarget')).toContain('- **Frequency cap:** 3 per week per person');
    });

    it('of a tactic with an influencer fee and of one with a commission, each counted over the period', async () => {
        const text = `product Mug { price 40 USD }
strategy OwnShop { promotes Mug }
tactic Creators { channel influencer on instagram fee 600 USD per month from 2027-03-01 to 2027-05-31 }
tactic Partners { serves OwnShop channel affiliate commission 10% per sale expect 50 sales per month from 2027-03-01 to 2027-05-31 }
tactic Loose { channel affiliate commission 8% per sale }
campaign Spring { budget 3_000 USD runs Creators, Partners }
`;
        expect(await hoverOn(text, 'Creators')).toContain('- **Budget:** none\n- **Fee:** 600 USD per month, 1,800 USD in all from 2027-03-01 to 2027-05-31');
        expect(await hoverOn(text, 'Partners')).toContain('- **Commission:** 10% per sale of 40 USD on 50 sales per month: 200 USD per month, 600 USD in all from 2027-03-01 to 2027-05-31');
        expect(await hoverOn(text, 'Loose')).toContain("- **Commission:** 8% per sale; not counted as spend: it says no sales to pay it on (add 'expect 40 sales per month')");
        expect(await hoverOn(text, 'Spring')).toContain('- **Planned:** 2,400 USD (80% of the budget) for Creators fee 1,800 USD, Partners commission 600 USD');
    });

    it('of a product, a competitor and the plan', async () => {
        const checked = await check(CLEAN_PLAN);
        const document = checked.documents.get('plan.mplan')!;
        const at = (word: string, nth = 0) => { const p = find(CLEAN_PLAN, word, nth); return hover(document, p.line, p.character); };
        expect(await at('Box')).toBe([
            '**product Box**',
            '',
            '- **Price:** 49 USD',
            '- **Benefits:** "Fresh"',
            '- **Spin-offs:** Platter',
            '- **LTV over 12 months:** 49 USD of revenue',
            '- **Notes:** Box states no margin or unit cost: its value is counted as revenue; the upsell from Box to Platter gives no share of buyers who take it: it is not counted'
        ].join('\n'));
        expect(await at('SweetCo')).toBe('**competitor SweetCo**\n\n- **Strengths:** "Lower prices"\n- **Weaknesses:** "Two-day delivery"\n- **We differ by:** "Same-day delivery"');
        expect(await at('Bakery')).toBe('**plan Bakery**\n\n- **Goal:** "Be the caterer of downtown offices"\n- **Currency:** USD\n- **Markets:** US');
        // `studied SweetCo` names the competitor too.
        expect(await at('SweetCo', 1)).toBe(await at('SweetCo'));
    });

    it('of a subscription whose tiers give a range and not all a share, with a trial converting a range and churn a month; of a product with variants and a tier', async () => {
        // (Titles, tiers that all give a share, a single trial rate and variants alone are held in "hover on money over time".)
        const text = [
            'product CoffeeClub "Coffee Club" {',
            '    tier Starter "One bag" 15 USD per month share 40%',
            '    tier Office 39 to 49 USD per month',
            '    trial 14 days converts 20% to 30%',
            '    margin 60%',
            '    unit cost 7 USD',
            '    churn 3% a month',
            '}',
            'product Grinder { variant Hand 45 USD  variant Electric 120 USD  tier Care "Yearly service" 30 USD per year  repeat purchase 5% per year }',
            ''
        ].join('\n');
        expect(await hoverOn(text, 'CoffeeClub')).toBe([
            '**Coffee Club** (product CoffeeClub)',
            '',
            '- **Tiers:** Starter "One bag" 15 USD per month (40% of buyers), Office 39 to 49 USD per month',
            '- **Trial:** 14 days, 20% to 30% of trials convert',
            '- **Margin:** 60%',
            '- **Unit cost:** 7 USD',
            '- **Churn:** 3% per month',
            '- **Benefits:** none yet',
            // 15 USD (the cheapest tier) to 49 USD (the dearest tier's high end) a month, 97% still paying each month after: × (1 − 0.97¹²) / 0.03, 60% of it margin.
            '- **LTV over 12 months:** 91.85 to 300.03 USD of margin (153 to 500 USD of revenue)',
            '- **Notes:** the tier Office of CoffeeClub gives no share: the cheapest and dearest tiers bound the price'
        ].join('\n'));
        const grinder = await hoverOn(text, 'Grinder');
        expect(grinder).toContain('\n- **Tiers and variants:** Hand 45 USD, Electric 120 USD, Care "Yearly service" 30 USD per year\n');
        expect(grinder).toContain('\n- **Repeat purchase:** 5% per year\n');
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
            '**Subscribers first** (strategy Subscribers)',
            '',
            '- **Targets:** no segment yet',
            '- **Served by:** no tactic yet',
            '- **Objectives:** "Paying accounts": at least 1,200 customers by 2027-12-31, owner Ana Lima, reviewed monthly',
            '- **KPIs:** "Acquisition cost": at most 35 USD cac, owner Ana, reviewed weekly; "Return on ad spend": at least 4x roas'
        ].join('\n'));
        // Budgets per month with no period: as written, and why there is no total yet.
        expect((await hoverOn(text, 'Guides'))?.split('\n')).toContain('- **Budget:** 1,500 USD per month; no period yet to count it over');
        expect((await hoverOn(text, 'Launch'))?.split('\n')).toContain('- **Budget:** 4,500 USD per month; no period yet to count it over');
    });

    it('of a segment that influences another, and one with no facts yet', async () => {
        const text = 'segment Assistants { influences Managers spends 20 USD per week shops offline }\nsegment Managers { }\n';
        expect(await hoverOn(text, 'Assistants')).toBe('**segment Assistants**\n\n- **Spending power:** spends 20 USD per week\n- **Role:** influences Managers\n- **Buys:** in shops\n- **Targeted by:** no strategy yet');
        expect(await hoverOn(text, 'Managers', 1)).toBe('**segment Managers**\n\n- **Targeted by:** no strategy yet');
    });

    it('never lets plan text become links, images, HTML or emphasis', async () => {
        const text = 'segment Evil { who "[click](http://evil.example) <img src=x onerror=alert(1)> **loud** `code` # heading" }\n';
        const value = await hoverOn(text, 'Evil');
        expect(value).toBe('**segment Evil**\n\n> \\[click](http\\://evil.example) \\<img src=x onerror=alert(1)> \\*\\*loud\\*\\* \\`code\\` # heading\n\n- **Targeted by:** no strategy yet');
        // Rendered by a CommonMark + GFM renderer, every text reads as written: no link, image, HTML, emphasis, code, heading, list or quote.
        const texts = [
            '[click](http://evil.example) <img src=x onerror=alert(1)> **loud** `code` # heading', '# heading', '- item', '+ item', '1. first', '2) second',
            '> quoted', '---', '***', '___', 'under_scored _emph_ *emph* ~~gone~~ ~gone~', 'see www.example.com or https://example.com/a', 'ann@example.com',
            'fish &amp; chips &copy; 1 < 2', 'a \\* b \\\\ c', '![img](x.png)', '<https://x.y>', '=== not a heading'
        ];
        for (const text of texts) {
            const html = marked.parse(`**segment S** · ${md(text)}`, { async: false, gfm: true });
            expect(html, text).not.toMatch(/<(?!\/?(?:p|strong)>)/);
            expect(decodeHtml(html.replace(/<[^>]+>/g, '')).trim(), text).toBe(`segment S · ${text.trim()}`);
            const quoted = marked.parse(`> ${md(text)}`, { async: false, gfm: true });
            expect(quoted, text).not.toMatch(/<(?!\/?(?:p|blockquote)>)/);
            // As plain text (for clients without Markdown), the text is back as written.
            expect(plainText(`**segment S** · ${md(text)}`), text).toBe(`segment S · ${text}`);
        }
        // And nothing else is escaped: dots, colons, hyphens, brackets and pluses read as they are in editors that show escapes.
        expect(md('shared/market.mplan:4')).toBe('shared/market.mplan:4');
        expect(md('Delivered by 11:30 for lunch meetings (same-day, 5+ boxes) {in town} | 100% #1!')).toBe('Delivered by 11:30 for lunch meetings (same-day, 5+ boxes) {in town} | 100% #1!');
        expect(md('a_b-c.d!e|f~g&h@i{j}k+l')).toBe('a_b-c.d!e|f\\~g&h\\@i{j}k+l');
    });

    it('says nothing for a reference that names no block, and for blocks it has no summary of', async () => {
        const text = 'tactic T { serves Nowhere }\noffer Spring { }\n';
        expect(await hoverOn(text, 'Nowhere')).toBeUndefined();
        expect(await hoverOn(text, 'Spring')).toBeUndefined();
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

describe('hover on money over time', () => {
    it('of a coffee subscription: its price per month, margin and churn, what a customer is worth, the CAC and payback', async () => {
        expect(await hoverOn(BEAN_BOX, 'CoffeeClub')).toBe([
            '**Coffee Club subscription** (product CoffeeClub)',
            '',
            '- **Price:** 19 USD per month',
            '- **Margin:** 60%',
            '- **Churn:** 3% to 5% per month',
            '- **Benefits:** "Roasted the week it ships"',
            // 11.40 USD of margin a month, kept at 95% (97%) a month: 11.40 × (1 − 0.95¹²) / 0.05 to 11.40 × (1 − 0.97¹²) / 0.03.
            '- **LTV over 12 months:** 105 to 116 USD of margin (175 to 194 USD of revenue)',
            // 6,000 USD for 630 (300) subscribers: 8,000 to 12,000 visitors × 5% × 25% to 35%, three months.
            '- **CAC:** 9.52 to 20 USD',
            '- **Payback:** 1 to 2 months'
        ].join('\n'));
    });

    it('of a tactic and a campaign with budgets per month: the total over the period, the spend by month and the projection', async () => {
        expect(await hoverOn(BEAN_BOX, 'InstagramAds')).toBe([
            '**tactic InstagramAds**',
            '',
            '- **Channel:** social on instagram',
            '- **Budget:** 1,500 USD per month, 4,500 USD in all from 2027-02-01 to 2027-04-30',
            '- **Serves:** Subscribers',
            // 4,500 of the campaign's 6,000 USD, both counted in all.
            '- **Run by:** SpringLaunch (75% of its budget)',
            '- **Period:** 2027-02-01 to 2027-04-30'
        ].join('\n'));
        expect(await hoverOn(BEAN_BOX, 'SpringLaunch')).toBe([
            '**Spring launch** (campaign SpringLaunch)',
            '',
            '- **Budget:** 2,000 USD per month, 6,000 USD in all from 2027-02-01 to 2027-04-30',
            '- **Planned:** 6,000 USD (100% of the budget) for InstagramAds 4,500 USD (1,500 USD per month), BrewGuides 1,500 USD (500 USD per month)',
            '- **Left:** 0 USD',
            '- **Period:** 2027-02-01 to 2027-04-30',
            '- **Spend by month:** 2027-02 to 2027-04: 2,000 USD a month',
            // Three cohorts of 100 (210) subscribers paying 19 USD, 95% (97%) of them still paying each month after.
            '- **Projected over 12 months from 2027-02:** 300 to 630 customers, 49,100 to 113,506 USD revenue, 29,460 to 68,104 USD margin, CAC 9.52 to 20 USD'
        ].join('\n'));
    });

    it('of a funnel in its own words: counts, stages and rates, the purchase, customers per month and the projection', async () => {
        expect(await hoverOn(BEAN_BOX, '"Subscription funnel"')).toBe([
            '**Subscription funnel** (funnel)',
            '',
            '- **Counts:** 8,000 to 12,000 visitors per month',
            '- **Stages:** visitors → signups (5%) → subscribers (25% to 35%)',
            '- **First purchase:** subscribers',
            '- **Customers:** 100 to 210 subscribers per month',
            '- **Sells:** CoffeeClub',
            '- **Projected over 12 months from 2027-02:** 300 to 630 customers, 49,100 to 113,506 USD revenue, 29,460 to 68,104 USD margin, for 6,000 USD of campaign spend',
            '- **CAC:** 9.52 to 20 USD',
            '- **LTV:** 105 to 116 USD of margin per customer',
            '- **Payback:** 1 to 2 months'
        ].join('\n'));
    });

    it('of a funnel with neither name nor title: on its keyword, the summary above what the keyword means', async () => {
        const text = BEAN_BOX.replace('funnel "Subscription funnel" {', 'funnel {');
        const value = await hoverOn(text, 'funnel {');
        expect(value).toMatch(/^\*\*funnel\*\*\n\n- \*\*Counts:\*\* 8,000 to 12,000 visitors per month\n/);
        expect(value).toContain('- **Payback:** 1 to 2 months\n\n---\n\n**funnel**: ');
        // A funnel with a title answers on the title; its keyword means the keyword only.
        expect(await hoverOn(BEAN_BOX, 'funnel "Subscription')).not.toContain('Payback');
    });

    it('of objectives and KPIs: the target as written, with direction, unit, deadline, owner and review', async () => {
        expect(await hoverOn(BEAN_BOX, '"Acquisition cost"')).toBe('**kpi** "Acquisition cost"\n\n- **Target:** at most 35 USD cac\n- **Owner:** Ana\n- **Review:** weekly\n- **Strategy:** Subscribers');
        expect(await hoverOn(BEAN_BOX, '"Churn"')).toBe('**kpi** "Churn"\n\n- **Target:** at most 4% churn per month\n- **Owner:** nobody yet\n- **Review:** not planned yet\n- **Strategy:** Subscribers');
        const text = 'strategy Grow {\n    objective "Monthly revenue" metric revenue target 20_000 USD per month review every 2 weeks\n    kpi "ROAS" metric roas target at least 4x review 2 times per month\n}\n';
        expect(await hoverOn(text, '"Monthly revenue"')).toBe('**objective** "Monthly revenue"\n\n- **Target:** 20,000 USD revenue per month, no deadline yet\n- **Owner:** nobody yet\n- **Review:** every 2 weeks\n- **Strategy:** Grow');
        // In the strategy's summary each one's review follows its target (objectives and KPIs apart).
        expect(await hoverOn(text, 'Grow')).toBe([
            '**strategy Grow**',
            '',
            '- **Targets:** no segment yet',
            '- **Served by:** no tactic yet',
            '- **Objectives:** "Monthly revenue": 20,000 USD revenue per month, reviewed every 2 weeks',
            '- **KPIs:** "ROAS": at least 4x roas, reviewed 2 times per month'
        ].join('\n'));
        expect(await hoverOn(text, '"ROAS"')).toContain('- **Review:** 2 times per month');
    });

    it('of a SaaS with tiers and a trial: the tiers with their shares, the trial, and a funnel that counts trials', async () => {
        expect(await hoverOn(LEDGERLY, 'Ledgerly "Ledgerly accounting"')).toBe([
            '**Ledgerly accounting** (product Ledgerly)',
            '',
            '- **Tiers:** Solo 15 EUR per month (75% of buyers), Team "Team of five" 45 EUR per month (25% of buyers)',
            '- **Trial:** 30 days, 20% of trials convert',
            '- **Unit cost:** 3 EUR',
            '- **Retention:** 97% per month',
            '- **Benefits:** "Books closed in ten minutes a month"',
            // Paying from the month after the trial: 22.50 EUR (19.50 EUR of margin) a month, kept at 97%, for 11 months.
            '- **LTV over 12 months:** 185 EUR of margin (214 EUR of revenue)',
            // 12,000 EUR for 3 × 500 trials × 20%.
            '- **CAC:** 40 EUR',
            '- **Payback:** 4 months'
        ].join('\n'));
        expect(await hoverOn(LEDGERLY, 'Trials')).toBe([
            '**funnel Trials**',
            '',
            '- **Counts:** 500 trials per month',
            '- **First purchase:** trials (a trial: the product\'s trial conversion makes them paying)',
            '- **Customers:** 500 trials per month, 100 paying',
            '- **Sells:** Ledgerly',
            '- **Projected over 12 months from 2027-03:** 300 customers, 59,028 EUR revenue, 51,158 EUR margin, for 12,000 EUR of campaign spend',
            '- **CAC:** 40 EUR',
            '- **LTV:** 185 EUR of margin per customer',
            '- **Payback:** 4 months'
        ].join('\n'));
        expect(await hoverOn(LEDGERLY, 'Launch')).toBe([
            '**campaign Launch**',
            '',
            '- **Budget:** 4,000 EUR per month, 12,000 EUR in all from 2027-03-01 to 2027-05-31',
            '- **Planned:** nothing yet: the campaign runs no tactic',
            '- **Period:** 2027-03-01 to 2027-05-31',
            '- **Spend by month:** 2027-03 to 2027-05: 4,000 EUR a month',
            '- **Projected over 12 months from 2027-03:** 300 customers, 59,028 EUR revenue, 51,158 EUR margin, CAC 40 EUR'
        ].join('\n'));
        // Before the plan spends, the trials still give paying customers; the projection says what it waits for.
        const unspent = LEDGERLY.replace(/campaign Launch \{[^}]*\}\n/, '');
        const trials = await hoverOn(unspent, 'Trials');
        expect(trials).toContain('- **Customers:** 500 trials per month, 100 paying\n');
        expect(trials).toContain('- **Projection:** none: no campaign or tactic states a budget, so nothing says what the plan spends');
                // Without shares the tiers bound the price, and the hover says so.
        const unshared = LEDGERLY.replace(' share 75%', '').replace(' share 25%', '');
        expect(await hoverOn(unshared, 'Ledgerly "Ledgerly accounting"')).toContain('- **Notes:** the tiers of Ledgerly give no shares: the cheapest and dearest tiers bound the price');
    });

    it('of a course sold through a webinar: the upsell counts in what a buyer is worth', async () => {
        expect(await hoverOn(PHOTO_COURSE, 'Course "Photography')).toBe([
            '**Photography in 30 days** (product Course)',
            '',
            '- **Price:** 300 USD',
            '- **Margin:** 90%',
            '- **Benefits:** none yet',
            // 270 USD of margin, and 10% of buyers take coaching at 720 USD of margin.
            '- **LTV over 12 months:** 342 USD of margin (420 USD of revenue), with the upsell to Coaching',
            // 9,000 USD for 3 × 6,000 × 10% × 40% × 10% = 72 buyers.
            '- **CAC:** 125 USD',
            '- **Payback:** 1 month'
        ].join('\n'));
        // Coaching is sold only as the upsell: what it is worth, no CAC of its own.
        expect(await hoverOn(PHOTO_COURSE, 'Coaching {')).toBe('**product Coaching**\n\n- **Price:** 1,200 USD\n- **Margin:** 60%\n- **Benefits:** none yet\n- **LTV over 12 months:** 720 USD of margin (1,200 USD of revenue)');
        expect(await hoverOn(PHOTO_COURSE, '"Webinar funnel"')).toBe([
            '**Webinar funnel** (funnel)',
            '',
            '- **Counts:** 6,000 visitors per month',
            '- **Stages:** visitors → registrations (10%) → attendees (40%) → buyers (10%)',
            '- **First purchase:** buyers',
            '- **Customers:** 24 buyers per month',
            '- **Upsells:** Course to Coaching (10% of buyers)',
            '- **Sells:** Course',
            '- **Projected over 12 months from 2027-04:** 72 customers, 30,240 USD revenue, 24,624 USD margin, for 9,000 USD of tactic budgets',
            '- **CAC:** 125 USD',
            '- **LTV:** 342 USD of margin per customer',
            '- **Payback:** 1 month'
        ].join('\n'));
    });

    it('of prices as written: a range, variants, repeat purchases, retention per billing period', async () => {
        const text = `product Ring "Silver ring" {
    variant Plain 39 USD
    variant Engraved "With your words" 49 USD
    unit cost 15 USD
    repeat purchase 24%
}

product Journal {
    price 12 to 18 USD per quarter
    retention 90%
}
`;
        expect(await hoverOn(text, 'Ring')).toBe([
            '**Silver ring** (product Ring)',
            '',
            '- **Variants:** Plain 39 USD, Engraved "With your words" 49 USD',
            '- **Unit cost:** 15 USD',
            '- **Repeat purchase:** 24% per year',
            '- **Benefits:** none yet',
            // The cheapest variant with 24 USD of margin at the low end, the dearest with 34 USD at the high; 2% a month buy again.
            '- **LTV over 12 months:** 29.28 to 41.48 USD of margin (47.58 to 59.78 USD of revenue)',
            '- **Notes:** the tiers of Ring give no shares: the cheapest and dearest tiers bound the price'
        ].join('\n'));
        const journal = await hoverOn(text, 'Journal');
        expect(journal).toContain('- **Price:** 12 to 18 USD per quarter\n- **Retention:** 90% per quarter\n');
        expect(journal).toContain('- **Notes:** Journal states no margin or unit cost: its value is counted as revenue');
    });

    it('never fails on half-typed prices, rates, budgets and funnels, nor do the inlay hints', async () => {
        const provider = new MplanInlayHintProvider(services.Mplan);
        const everything = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
        let answered = 0;
        for (const plan of [BEAN_BOX, LEDGERLY, PHOTO_COURSE]) {
            // Cut inside words and values as well as between lines.
            for (let cut = 5; cut <= plan.length; cut += 11) {
                const prefix = plan.slice(0, cut);
                const document = (await check(prefix)).documents.get('plan.mplan')!;
                expect(() => provider.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything })).not.toThrow();
                const lines = prefix.split('\n');
                const line = lines.length - 1;
                for (let character = 0; character <= lines[line].length; character++) {
                    if (await hover(document, line, character)) answered++;
                }
            }
        }
        expect(answered).toBeGreaterThan(100);
    });

    it('of a budget per month with no period, and of a funnel it cannot project, saying why', async () => {
        const text = `plan Bakery { currency USD }
product Box { price 49 USD }
tactic Ads { channel ppc on google  budget 300 USD per month }
funnel Orders {
    visitors 2_000 per month
    conversion visitors to orders 2%
}
`;
        expect(await hoverOn(text, 'Ads')).toContain('- **Budget:** 300 USD per month; no period yet to count it over\n');
        expect(await hoverOn(text, 'Orders')).toBe([
            '**funnel Orders**',
            '',
            '- **Counts:** 2,000 visitors per month',
            '- **Stages:** visitors → orders (2%)',
            '- **First purchase:** orders (by its name; \'first purchase at\' names another)',
            '- **Customers:** 40 orders per month',
            "- **Projection:** none: the tactic Ads has a budget but no dates ('from … to …') to spend it in"
        ].join('\n'));
        const noCount = text.replace('    visitors 2_000 per month\n', '');
        expect(await hoverOn(noCount, 'Orders')).toContain("- **Projection:** none: no funnel counts visitors per month: add 'visitors 8_000 per month' (or 'expect 400 leads per month') with the figure you expect");
    });
});

/** The text of HTML entities as a browser shows it (the few marked writes). */
function decodeHtml(html: string): string {
    return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('hover on markets, prices per market and exchange rates', () => {
    const KILN = `plan Kiln "Kiln & Co" {
    goal "Sell stoneware in North America and Europe"
    currency USD
    rate 1 EUR = 1.08 USD as of 2027-01-01
    rate 1 CAD = 0.73 USD as of 2027-01-01
    tracking consent "Cookie banner: pixels fire only after opt-in"
}
market NorthAmerica "North America" {
    countries US, CA
    languages en, fr
    currency USD
    timezones "America/New_York", "America/Toronto"
}
market Europe "European Union" {
    countries EU
    languages de, fr
    currency EUR
}
market Japan {
    country JP
    language ja
}
product Mug {
    price 28 USD
    price 26 EUR in Europe
    price 36 to 39 CAD in NorthAmerica
    certified "EU Ecolabel"
}
tactic Creators {
    channel influencer on instagram
    markets Europe
    fee 600 EUR
    disclosure "#ad in the first line"
}
flow Reminders {
    channel sms
    markets NorthAmerica
    consent written recorded "signed web form"
    unsubscribe within 2 business days
}
`;

    describe('on the as-of day of the tests, 2027-01-15', () => {
        it('of a market: its countries and law, languages, currency, zones, each compliance check with its law and day, and who names it', async () => {
            const text = await hoverOn(KILN, 'NorthAmerica');
            expect(text).toContain('**North America** (market NorthAmerica)');
            expect(text).toContain('- **Countries:** United States (US), Canada (CA)');
            expect(text).toContain('- **Languages:** English (en), French (fr)');
            expect(text).toContain('- **Currency:** USD');
            expect(text).toContain('- **Time zones:** "America/New_York", "America/Toronto"');
            expect(text).toContain('- **Law:** United States, Canada');
            expect(text).toContain('  - `sms-quiet-hours` (US): Telephone Consumer Protection Act (47 U.S.C. 227), FCC rule, 47 CFR 64.1200(c)(1), from 1992-12-20');
            expect(text).toContain("  - `implied-consent-expired` (CA): Canada's Anti-Spam Legislation (S.C. 2010, c. 23), s. 10(10), from 2014-07-01");
            expect(text).not.toContain('GDPR');
            expect(text).toContain('- **Named by:** Reminders');
            expect(text).toContain('Not legal advice');
        });

        it('of a market mplan knows no law of: only the generic checks run', async () => {
            expect(await hoverOn(KILN, 'Japan')).toBe([
                '**market Japan**',
                '',
                '- **Country:** Japan (JP)',
                '- **Language:** Japanese (ja)',
                '- **Law:** no jurisdiction mplan has compliance checks for: only the generic checks run here',
                '',
                'Not legal advice: mplan names the provisions a reviewer would check, nothing more.'
            ].join('\n'));
        });

        it('of a product with prices per market and certifications, of the plan with its rates and markets, of a tactic and a flow with theirs', async () => {
            const product = await hoverOn(KILN, 'Mug');
            expect(product).toContain('- **Price:** 28 USD\n- **Price in Europe:** 26 EUR\n- **Price in NorthAmerica:** 36 to 39 CAD');
            expect(product).toContain('- **Certified:** "EU Ecolabel"');
            const plan = await hoverOn(KILN, 'Kiln');
            expect(plan).toContain('- **Exchange rates:** 1 EUR = 1.08 USD as of 2027-01-01; 1 CAD = 0.73 USD as of 2027-01-01');
            expect(plan).toContain('- **Markets:** NorthAmerica, Europe, Japan');
            expect(plan).toContain('- **Tracking consent:** "Cookie banner: pixels fire only after opt-in"');
            const tactic = await hoverOn(KILN, 'Creators');
            expect(tactic).toContain('- **Markets:** Europe');
            expect(tactic).toContain('- **Disclosure:** "#ad in the first line"');
            const flow = await hoverOn(KILN, 'Reminders');
            expect(flow).toContain('- **Markets:** NorthAmerica');
            expect(flow).toContain('- **Consent:** written, recorded ("signed web form")');
            expect(flow).toContain('- **Opt-outs honoured within:** 2 business days');
        });

        it('of a tactic that names no market: the markets it reaches, said to be inherited', async () => {
            const text = `${KILN}tactic Search {
    channel ppc on google
}
`;
            expect(await hoverOn(text, 'Search')).toContain('- **Markets:** NorthAmerica, Europe, Japan (not named here)');
        });

        it('a plan without markets: its hover has no Markets line, and a tactic none either', async () => {
            expect(await hoverOn('plan Solo {\n    currency USD\n}\ntactic Ads {\n    channel ppc\n}\n', 'Solo')).toBe('**plan Solo**\n\n- **Goal:** none yet\n- **Currency:** USD');
            expect(await hoverOn('plan Solo {\n    currency USD\n}\ntactic Ads {\n    channel ppc\n}\n', 'Ads')).not.toContain('Markets');
        });
    });

    it('explains the new keywords where they stand: currency of a market, markets of a flow, in of hours, tracking consent, a kind of consent', async () => {
        const text = `${KILN}tactic Retargeting {\n    channel retargeting on instagram\n    tracking consent "Consent Mode"\n    hours weekdays 9:00 to 20:00 in "Europe/Berlin"\n}\n`;
        expect(await hoverOn(text, 'currency', 1)).toMatch(/^\*\*currency\*\*: The currency buyers in this market pay in/);
        expect(await hoverOn(text, 'currency', 0)).toMatch(/^\*\*currency\*\*: The currency the plan adds up/);
        expect(await hoverOn(text, 'markets NorthAmerica')).toMatch(/^\*\*markets\*\*: The markets the flow reaches, by their names\. Without it, the flow writes to the markets of the segments it reaches/);
        expect(await hoverOn(text, 'in "Europe/Berlin"')).toMatch(/^\*\*in\*\*: The time zone the hours are in/);
        expect(await hoverOn(text, 'in Europe')).toMatch(/^\*\*in\*\*: The markets this price is charged in/);
        expect(await hoverOn(text, 'consent "Consent Mode"')).toMatch(/^\*\*consent\*\*: Part of `tracking consent`: how this tactic's people agree/);
        expect(await hoverOn(text, 'written recorded')).toMatch(/^\*\*written\*\*: Prior express written consent/);
        // The example of `markets` is written with the reader's own markets.
        expect(await hoverOn(text, 'markets Europe')).toContain('```mplan\nmarkets NorthAmerica, Europe\n```');
    });

    describe('before the green-claims directive applies, with the EU pack off', () => {
        judgeBy({ ...TEST_SETTINGS, asOf: '2026-06-01', packs: { EU: 'off' } });

        it('marks the checks not yet in force on the as-of day and those whose pack is off', async () => {
            const text = await hoverOn(KILN, 'Europe "European Union"');
            expect(text).toContain('  - `generic-green-claim`: Directive (EU) 2024/825 (empowering consumers for the green transition), amending Directive 2005/29/EC, Annex I points 4a and 4c, from 2026-09-27; not yet in force on 2026-06-01; off: the EU pack is off in mplan.json');
            expect(text).toContain('  - `discount-without-prior-price`: Price Indication Directive 98/6/EC, as amended by Directive (EU) 2019/2161, art. 6a, from 2022-05-28; off: the EU pack is off in mplan.json');
        });
    });
});

import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CstUtils, GrammarAST, URI, type LeafCstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/language/generated/ast.js';
import { KEYWORD_DOCS } from '../../src/language/lsp/keyword-docs.js';
import { classify } from '../../src/language/lsp/semantic-tokens.js';
import { collectKeywords } from '../../src/language/syntax/token-builder.js';
import { STANZAS, type StanzaContext } from '../../src/language/lsp/snippets.js';
import { CLEAN_PLAN, services } from '../helpers.js';
import { ROOT, scopeOf, tokenise, type Token } from './textmate.js';
// @ts-expect-error: a plain ES module without types
import * as untypedTextmate from '../../scripts/textmate.mjs';

const { loadGrammar, render } = untypedTextmate as { loadGrammar(file?: string): Promise<unknown>; render(grammar: unknown): string };

/** Every example plan, and the design sketch, by their path from the repository root. */
function examples(): string[] {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap(name => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : name.endsWith('.mplan') ? [full] : [];
    });
    return [...walk(join(ROOT, 'examples')), join(ROOT, 'test', 'fixtures', 'design-sketch.mplan')]
        .map(file => relative(ROOT, file)).sort();
}

/**
 * A plan the parser reads without an error, written as nobody formats one:
 * blocks on one line, lists carried over lines by a trailing comma or
 * started on the line after their keyword, keywords as free words (`tools
 * email`, `track from`), comments between facts, escapes in strings.
 */
const UNUSUAL_PLAN = `plan   Odd{goal "a{b} \\"q\\"" currency EUR focus A,B revisit 3 times per week}
product A{price 1.5 EUR spinoff B,
  B complements B}
segment S{influences T age 1 to 2 income 1 EUR to 2 EUR per month spends 3 EUR per day
  habits{tools email,social online monday 9:00 to 10:00 sites "x",y}}
campaign C{staff Ann,Bob 20% from pr track leads,
   visitors results{leads 3 % "x" sales 4} review on 2027-01-01 runs
   T1 /* c */ promotes A // d
   promotes
     A, B
   track
     from
}
funnel F{collect leads by checkbox at checkout ticked offering guide "g" double optin follow up every 2 weeks on monday at 9:00 with tips,
 story close with call to action conversion a to b 1% confirm by email loyalty "l"}
offer{guarantee "custom" 2 weeks condition "c" free trial 14 days payments card, email}
research R{studied "x", Y consulted Z}
strategy St { objective "o" target 5% by 2027-01-01 metric m targets S, S2 promotes A }
tactic T1 { channel email on email, "x" hours daily 9:00 to 10:00 budget 5 EUR serves St}
`;

/**
 * A subscription's plan with the facts of issue 14: titles, prices per
 * month, tiers and variants, a trial, margin, unit cost, churn, repeat
 * purchases, KPIs with direction, ratio, unit, owner and review, budgets per
 * month, funnel ranges, counts, a list and the first purchase.
 */
const SUBSCRIPTION_PLAN = `plan Roastery "Roastery: year one" {
    goal "Grow the coffee subscription"
    currency USD
}
product CoffeeClub "Coffee Club" {
    price 19 USD per month
    tier Starter "One bag" 15 USD per month share 40%
    tier Office 39 to 49 USD per month
    trial 14 days converts 20% to 30%
    margin 60%
    unit cost 7 USD
    churn 3% to 5% a month
}
product Grinder {
    variant Hand "Hand grinder" 45 USD share 70%
    retention 90% per year
    repeat purchases 5% per year
}
strategy Subscribers "Subscribers first" {
    objective "Paying accounts" metric customers target at least 1_200 by 2027-12-31 owner "Ana Lima" review monthly
    kpi "Acquisition cost" metric cac target at most 35 USD owner Ana review weekly
    kpi "Return on ad spend" metric roas target at least 4x review every 2 weeks
    kpi "Churn" metric churn target at most 2% a month
    kpi "Demos" metric demos target 30 to 40 per week
}
tactic Guides { budget 1_500 USD per month }
campaign Launch { budget 4_500 USD per month staff Ana 50% }
funnel Webinar "Webinar funnel" {
    visitors 8_000 to 12_000 per month
    expect 300 to 500 registrations per month
    list 2_500 subscribers
    conversion visitors to registrations 4% to 6%
    conversion registrations to buyers 8%
    first purchase at buyers
    upsell CoffeeClub to Grinder 10%
}
research "Customer interviews" { finding "Home brewers want fresh beans" }
offer "Launch offer" { payments card }
`;

/**
 * A plan with the facts of issue 15: a behavioural audience, tactics that
 * reach it (`audience` starts a fact there, not a block), fees, commissions,
 * expected sales, cadences, frequency caps, keywords, hashtags over lines,
 * A/B tests, reviews and ratings, a flow with delayed steps and a stop, and
 * staff, departments and payments in quotes.
 */
const ISSUE_15_PLAN = `plan Lunch { currency USD }
segment OfficeManagers { who "Office managers" }
audience LapsedOffices "Lapsed offices" {
    who "Offices that ordered once"
    of OfficeManagers
    behavior "no order in 90 days"
    within 90 days
    size 300 to 500
}
audience NewOffices { of OfficeManagers behaviour signup }
tactic Retarget {
    channel retargeting on instagram
    audience LapsedOffices, OfficeManagers
    frequency cap 3 a week
    fee 600 USD per month
    commission 10% per sale
    commission 12 USD per sale
    expect 40 to 60 sales per month
    publish every 2 weeks
    keywords "office catering", lunch
    hashtags #FreshLunch, "#office lunch",
        #Catering
    test "Price in the headline" metric clicks
    reviews 20 per month
    rating 4.6 of 5
}
flow Welcome "Welcome series" {
    channel sms
    audience
        LapsedOffices
    trigger "cart abandoned"
    step "Hello" with welcome
    step after 30 minutes "Still there?" with reminder, faq
    step after 2 days
    stop when ordered, "they book a tasting"
    hours weekdays 10:00 to 19:00
    test "Emoji in the subject"
}
campaign Spring { staff "Ana Lima" 50%, Raj from marketing, "customer service" }
offer { payments card, "Apple Pay" }
`;

/**
 * Plans to colour: the examples, the design sketch, the rule tests' clean
 * plan, an unusually written one, a plan with the facts of issue 14, and
 * every completion stanza as it is inserted (each block with all its facts).
 */
function plans(): Array<{ name: string; text: string }> {
    const context: StanzaContext = {
        currency: 'EUR', names: () => [], dates: { start: '2027-02-01', end: '2027-04-30', review: '2027-05-10' }, minGuaranteeDays: 14
    };
    return [
        ...examples().map(file => ({ name: file, text: readFileSync(join(ROOT, file), 'utf8') })),
        { name: 'the clean plan of the rule tests', text: CLEAN_PLAN },
        { name: 'a plan written as the parser allows but nobody formats', text: UNUSUAL_PLAN },
        { name: 'a subscription plan with the facts of issue 14', text: SUBSCRIPTION_PLAN },
        { name: 'a plan with the facts of issue 15', text: ISSUE_15_PLAN },
        ...STANZAS.map(stanza => ({ name: `the ${stanza.keyword} stanza`, text: stanza.render(context).plain }))
    ];
}

/** A scope that colours a word as a keyword: a keyword of its own, a block, or a value from a fixed list. */
/** What a failure of the committed grammar says first: after a change of the Langium grammar, it may be stale. */
const STALE = 'the committed TextMate grammar (syntaxes/mplan.tmLanguage.json) colours these wrongly; after a change of the Langium grammar, run npm run generate first';

const KEYWORD_SCOPE = /^(keyword\.|storage\.type\.|constant\.language\.)/;

/** The tokens of the first line of a text that contains `line`. */
async function lineTokens(text: string, line: string): Promise<Token[]> {
    const index = text.split('\n').findIndex(l => l.includes(line));
    if (index < 0) throw new Error(`no line with ${line}`);
    return (await tokenise(text)).filter(token => token.line === index + 1);
}

/** The innermost scope of each word of a line, as `word=scope` (whitespace left out). */
async function scopesOfLine(text: string, line: string): Promise<string[]> {
    return (await lineTokens(text, line)).filter(t => t.text.trim()).map(t => `${t.text.trim()}=${scopeOf(t)}`);
}

/**
 * What the parser says a token is, as a pattern for the TextMate scope it
 * must have: the class the language server's semantic highlighting gives
 * it, and for names the kind of block they declare or refer to.
 */
function expectedScope(leaf: LeafCstNode): RegExp {
    if (leaf.hidden) return /^(comment\.|punctuation\.definition\.comment\.)/;
    const source = leaf.grammarSource!;
    if (GrammarAST.isCrossReference(source)) {
        return new RegExp(`^variable\\.other\\.reference\\.${source.type.ref!.name.toLowerCase()}\\.mplan$`);
    }
    const assignment = GrammarAST.isAssignment(source.$container) ? source.$container : undefined;
    if (GrammarAST.isRuleCall(source) && assignment?.feature === 'name') {
        const rule = source.$container;
        let container: object | undefined = rule;
        while (container && !GrammarAST.isParserRule(container)) container = (container as GrammarAST.AbstractElement).$container;
        return new RegExp(`^entity\\.name\\.type\\.${(container as GrammarAST.ParserRule).name.toLowerCase()}\\.mplan$`);
    }
    const tokenClass = classify(source);
    switch (tokenClass?.type) {
        case undefined: return /^punctuation\./;
        case 'keyword': return /^(keyword\.other|keyword\.control|storage\.type)\./;
        case 'enumMember': return /^(constant\.language\.|keyword\.other\.unit\.currency\.)/;
        case 'number': return /^(constant\.numeric\.|keyword\.other\.unit\.(percentage|ratio)\.)/;
        case 'string': return /^(string\.quoted\.|punctuation\.definition\.string\.|constant\.character\.escape\.)/;
        case 'property': case 'variable': return /^variable\.other\.word\.mplan$/;
        default: throw new Error(`no TextMate scope for a ${tokenClass?.type} token`);
    }
}

/** The leaf tokens of a parsed text (comments included), by line (0-based). */
function leavesByLine(text: string): Map<number, LeafCstNode[]> {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.file(join(ROOT, 'plan.mplan')));
    expect(document.parseResult.lexerErrors).toEqual([]);
    expect(document.parseResult.parserErrors).toEqual([]);
    const byLine = new Map<number, LeafCstNode[]>();
    for (const leaf of CstUtils.flattenCst(document.parseResult.value.$cstNode!)) {
        for (let line = leaf.range.start.line; line <= leaf.range.end.line; line++) {
            if (!byLine.has(line)) byLine.set(line, []);
            byLine.get(line)!.push(leaf);
        }
    }
    return byLine;
}

/** The parser's token under a TextMate token's first character. */
function leafAt(byLine: Map<number, LeafCstNode[]>, token: Token): LeafCstNode | undefined {
    const line = token.line - 1;
    return byLine.get(line)?.find(leaf => {
        const { start, end } = leaf.range;
        const afterStart = line > start.line || token.start >= start.character;
        const beforeEnd = line < end.line || token.start < end.character;
        return afterStart && beforeEnd;
    });
}

describe('the TextMate grammar', () => {
    it('follows the Langium grammar: a keyword added there is coloured once npm run generate has run', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        const langium = readFileSync(join(ROOT, 'src', 'language', 'mplan.langium'), 'utf8')
            .replace(`'goal' goal=STRING`, `'goal' goal=STRING\n        | 'sponsor' sponsor=STRING`);
        expect(langium).toContain(`'sponsor'`);
        writeFileSync(join(dir, 'mplan.langium'), langium);
        const generated = render(await loadGrammar(join(dir, 'mplan.langium')));
        const line = 'plan P { sponsor "Acme" }';
        const before = (await tokenise(line)).find(t => t.text.trim() === 'sponsor')!;
        const after = (await tokenise(line, generated)).find(t => t.text === 'sponsor')!;
        expect(scopeOf(before)).toBe('');
        expect(scopeOf(after)).toBe('keyword.other.mplan');
    });

    it('colours every keyword of the Langium grammar as a keyword, alone and in the line its docs show', async () => {
        const keywords = new Set<string>();
        for (const rule of services.Mplan.Grammar.rules) collectKeywords(rule, keywords);
        expect(keywords.size).toBeGreaterThan(150);
        const wrong: string[] = [];
        for (const keyword of [...keywords].sort()) {
            const docs = KEYWORD_DOCS[keyword];
            const usages = docs ? [docs.usage, ...Object.values(docs.in ?? {}).map(d => d.usage)] : [];
            for (const text of [keyword, ...usages]) {
                const scopes = (await tokenise(text)).filter(t => t.text === keyword).map(scopeOf);
                if (!scopes.some(scope => KEYWORD_SCOPE.test(scope))) wrong.push(`${keyword} in '${text}': ${scopes.join(', ') || 'not a token'}`);
            }
        }
        expect(wrong, STALE).toEqual([]);
    });

    describe.each(plans())('on $name', ({ text }) => {

        it('leaves no word, number or sign uncoloured', async () => {
            const bare = (await tokenise(text)).filter(t => t.text.trim() && scopeOf(t) === '').map(t => `${t.line}: ${t.text}`);
            expect(bare).toEqual([]);
        });

        it('colours each token as the parser reads it', async () => {
            const byLine = leavesByLine(text);
            const wrong: string[] = [];
            for (const token of await tokenise(text)) {
                if (!token.text.trim()) continue;
                const leaf = leafAt(byLine, token);
                const scope = scopeOf(token);
                if (!leaf) {
                    wrong.push(`${token.line}:${token.start + 1} '${token.text}' is ${scope}, outside any token of the parser`);
                    continue;
                }
                const expected = expectedScope(leaf);
                if (!expected.test(scope)) wrong.push(`${token.line}:${token.start + 1} '${token.text}' is ${scope || 'plain'}, expected ${expected.source}`);
            }
            expect(wrong, STALE).toEqual([]);
        });
    });

    describe('on representative tokens', () => {
        const phone = readFileSync(join(ROOT, 'examples', 'phone-retailer.mplan'), 'utf8');

        it('a block keyword and the name it declares', async () => {
            expect(await scopesOfLine(phone, 'segment BusyProfessionals {')).toEqual([
                'segment=storage.type.segment.mplan', 'BusyProfessionals=entity.name.type.segment.mplan', '{=punctuation.section.block.begin.mplan'
            ]);
        });

        it('references, by the kind of block they name', async () => {
            expect(await scopesOfLine(phone, 'runs SearchAds')).toEqual([
                'runs=keyword.other.mplan',
                'SearchAds=variable.other.reference.tactic.mplan', ',=punctuation.separator.comma.mplan',
                'FinancialNewsDisplay=variable.other.reference.tactic.mplan', ',=punctuation.separator.comma.mplan',
                'ExecutiveNewsletter=variable.other.reference.tactic.mplan'
            ]);
            expect(await scopesOfLine(phone, 'upsell FlagshipPhone to CarePlan')).toEqual([
                'upsell=keyword.other.mplan', 'FlagshipPhone=variable.other.reference.product.mplan',
                'to=keyword.other.mplan', 'CarePlan=variable.other.reference.product.mplan'
            ]);
            expect(await scopesOfLine(phone, 'studied CarrierStores')).toEqual([
                'studied=keyword.other.mplan', 'CarrierStores=variable.other.reference.competitor.mplan', ',=punctuation.separator.comma.mplan',
                'MarketplaceSellers=variable.other.reference.competitor.mplan'
            ]);
        });

        it('strings, money, numbers, percentages, dates and times', async () => {
            expect(await scopesOfLine(phone, 'goal "Be the first')).toEqual([
                'goal=keyword.other.mplan', '"=punctuation.definition.string.begin.mplan',
                'Be the first shop busy professionals think of for a new flagship phone=string.quoted.double.mplan',
                '"=punctuation.definition.string.end.mplan'
            ]);
            expect(await scopesOfLine(phone, 'budget 12_000 EUR')).toEqual([
                'budget=keyword.other.mplan', '12_000=constant.numeric.mplan', 'EUR=keyword.other.unit.currency.mplan'
            ]);
            expect(await scopesOfLine(phone, 'staff Mia 100%')).toEqual([
                'staff=keyword.other.mplan', 'Mia=variable.other.word.mplan', '100=constant.numeric.mplan', '%=keyword.other.unit.percentage.mplan',
                ',=punctuation.separator.comma.mplan', 'Jonas=variable.other.word.mplan', '50=constant.numeric.mplan', '%=keyword.other.unit.percentage.mplan',
                'from=keyword.other.mplan', 'marketing=variable.other.word.mplan', ',=punctuation.separator.comma.mplan',
                'sales=variable.other.word.mplan', ',=punctuation.separator.comma.mplan', 'support=variable.other.word.mplan'
            ]);
            expect(await scopesOfLine(phone, 'from 2027-03-01 to 2027-08-31')).toEqual([
                'from=keyword.other.mplan', '2027-03-01=constant.numeric.date.mplan', 'to=keyword.other.mplan', '2027-08-31=constant.numeric.date.mplan'
            ]);
            expect(await scopesOfLine(phone, 'hours weekdays 8:00 to 19:00')).toEqual([
                'hours=keyword.other.mplan', 'weekdays=constant.language.dayset.mplan', '8:00=constant.numeric.time.mplan',
                'to=keyword.other.mplan', '19:00=constant.numeric.time.mplan'
            ]);
        });

        it('values from a fixed list, and free words', async () => {
            expect(await scopesOfLine(phone, 'channel ppc on google')).toEqual([
                'channel=keyword.other.mplan', 'ppc=constant.language.channel.mplan', 'on=keyword.other.mplan', 'google=variable.other.word.mplan'
            ]);
            expect(await scopesOfLine(phone, 'conversion visitors to leads 3%')).toEqual([
                'conversion=keyword.other.mplan', 'visitors=variable.other.word.mplan', 'to=keyword.other.mplan', 'leads=variable.other.word.mplan',
                '3=constant.numeric.mplan', '%=keyword.other.unit.percentage.mplan'
            ]);
        });

        it('comments', async () => {
            expect(await scopesOfLine(phone, '// Nordlys Mobile')).toEqual([
                '//=punctuation.definition.comment.mplan', 'Nordlys Mobile: high-end smartphones for busy professionals.=comment.line.double-slash.mplan'
            ]);
        });
    });

    describe('on the facts of issue 14', () => {
        it('KPIs and tiers start with keywords; a tier\'s name is declared; a ratio\'s x is the unit of its number', async () => {
            expect(await scopesOfLine(SUBSCRIPTION_PLAN, 'kpi "Return on ad spend"')).toEqual([
                'kpi=keyword.other.mplan', '"=punctuation.definition.string.begin.mplan', 'Return on ad spend=string.quoted.double.mplan',
                '"=punctuation.definition.string.end.mplan', 'metric=keyword.other.mplan', 'roas=variable.other.word.mplan',
                'target=keyword.other.mplan', 'at=keyword.other.mplan', 'least=keyword.other.mplan', '4=constant.numeric.mplan',
                'x=keyword.other.unit.ratio.mplan', 'review=keyword.other.mplan', 'every=keyword.other.mplan', '2=constant.numeric.mplan',
                'weeks=constant.language.timeunit.mplan'
            ]);
            expect(await scopesOfLine(SUBSCRIPTION_PLAN, 'tier Starter')).toEqual([
                'tier=keyword.other.mplan', 'Starter=entity.name.type.tier.mplan', '"=punctuation.definition.string.begin.mplan',
                'One bag=string.quoted.double.mplan', '"=punctuation.definition.string.end.mplan', '15=constant.numeric.mplan',
                'USD=keyword.other.unit.currency.mplan', 'per=keyword.other.mplan', 'month=constant.language.timeunit.mplan',
                'share=keyword.other.mplan', '40=constant.numeric.mplan', '%=keyword.other.unit.percentage.mplan'
            ]);
            expect((await scopesOfLine(SUBSCRIPTION_PLAN, 'objective "Paying accounts"'))[0]).toBe('objective=keyword.other.mplan');
            expect(await scopesOfLine(SUBSCRIPTION_PLAN, 'first purchase at')).toEqual([
                'first=keyword.other.mplan', 'purchase=keyword.other.mplan', 'at=keyword.other.mplan', 'buyers=variable.other.word.mplan'
            ]);
            // The word x stands apart and is a free word; `4x` on a line of its own is still a ratio.
            expect(await scopesOfLine('strategy S {\n    kpi "x" metric x\n    4x\n}', 'metric x')).toEqual([
                'kpi=keyword.other.mplan', '"=punctuation.definition.string.begin.mplan', 'x=string.quoted.double.mplan',
                '"=punctuation.definition.string.end.mplan', 'metric=keyword.other.mplan', 'x=variable.other.word.mplan'
            ]);
            expect(await scopesOfLine('strategy S {\n    kpi "x" metric x\n    4x\n}', '4x')).toEqual(['4=constant.numeric.mplan', 'x=keyword.other.unit.ratio.mplan']);
        });
    });

    describe('on the facts of issue 15', () => {
        it('an audience block declares its name; in a tactic or a flow, audience is a fact naming what it reaches', async () => {
            expect(await scopesOfLine(ISSUE_15_PLAN, 'audience LapsedOffices "Lapsed offices" {')).toEqual([
                'audience=storage.type.audience.mplan', 'LapsedOffices=entity.name.type.audience.mplan',
                '"=punctuation.definition.string.begin.mplan', 'Lapsed offices=string.quoted.double.mplan', '"=punctuation.definition.string.end.mplan',
                '{=punctuation.section.block.begin.mplan'
            ]);
            expect(await scopesOfLine(ISSUE_15_PLAN, 'audience LapsedOffices, OfficeManagers')).toEqual([
                'audience=keyword.other.mplan', 'LapsedOffices=variable.other.reference.reachable.mplan', ',=punctuation.separator.comma.mplan',
                'OfficeManagers=variable.other.reference.reachable.mplan'
            ]);
        });

        it('hashtags are words of the tactic\'s own, on the line of the fact and on the line a comma carries it to', async () => {
            expect(await scopesOfLine(ISSUE_15_PLAN, 'hashtags #FreshLunch')).toEqual([
                'hashtags=keyword.other.mplan', '#FreshLunch=variable.other.word.mplan', ',=punctuation.separator.comma.mplan',
                '"=punctuation.definition.string.begin.mplan', '#office lunch=string.quoted.double.mplan', '"=punctuation.definition.string.end.mplan',
                ',=punctuation.separator.comma.mplan'
            ]);
            expect(await scopesOfLine(ISSUE_15_PLAN, '#Catering')).toEqual(['#Catering=variable.other.word.mplan']);
        });

        it('a flow\'s channel, step delays and stop', async () => {
            const [channel, sms] = await scopesOfLine(ISSUE_15_PLAN, 'channel sms');
            expect(channel).toBe('channel=keyword.other.mplan');
            // A value of a fixed list, as in a tactic (the colour of a channel, wherever it stands).
            expect(sms).toMatch(/^sms=constant\.language\.(flow)?channel\.mplan$/);
            expect(await scopesOfLine(ISSUE_15_PLAN, 'step after 30 minutes')).toEqual([
                'step=keyword.other.mplan', 'after=keyword.other.mplan', '30=constant.numeric.mplan', 'minutes=constant.language.delayunit.mplan',
                '"=punctuation.definition.string.begin.mplan', 'Still there?=string.quoted.double.mplan', '"=punctuation.definition.string.end.mplan',
                'with=keyword.other.mplan', 'reminder=variable.other.word.mplan', ',=punctuation.separator.comma.mplan', 'faq=variable.other.word.mplan'
            ]);
        });
    });

    describe('on lines the examples do not have', () => {
        it('escapes in strings, and a string left open ends with its line', async () => {
            const text = 'goal "Say \\"hi\\" first"\nbenefit "open\nbenefit "closed"';
            expect(await scopesOfLine(text, 'goal')).toEqual([
                'goal=keyword.other.mplan', '"=punctuation.definition.string.begin.mplan', 'Say=string.quoted.double.mplan',
                '\\"=constant.character.escape.mplan', 'hi=string.quoted.double.mplan', '\\"=constant.character.escape.mplan',
                'first=string.quoted.double.mplan', '"=punctuation.definition.string.end.mplan'
            ]);
            expect((await scopesOfLine(text, 'closed'))[0]).toBe('benefit=keyword.other.mplan');
        });

        it('a block comment over several lines, and the code after it', async () => {
            const text = '/* draft:\n   plan Old { }\n*/ product Box {\n}';
            const tokens = (await tokenise(text)).filter(t => t.text.trim());
            expect(tokens.filter(t => t.line === 2).map(scopeOf)).toEqual(['comment.block.mplan']);
            expect((await scopesOfLine(text, 'product'))).toEqual([
                '*/=punctuation.definition.comment.end.mplan', 'product=storage.type.product.mplan', 'Box=entity.name.type.product.mplan',
                '{=punctuation.section.block.begin.mplan'
            ]);
        });

        it('a list carried over lines by a trailing comma, and the fact after it', async () => {
            const text = 'campaign Spring {\n    runs Ads,\n        Mail\n    from 2027-02-01 to 2027-03-01\n    track sales,\n        leads\n}';
            expect(await scopesOfLine(text, 'Mail')).toEqual(['Mail=variable.other.reference.tactic.mplan']);
            expect((await scopesOfLine(text, 'from'))[0]).toBe('from=keyword.other.mplan');
            expect(await scopesOfLine(text, 'leads')).toEqual(['leads=variable.other.word.mplan']);
        });

        it('free words that are keywords elsewhere, and keywords that are values in one place', async () => {
            expect(await scopesOfLine('tools email, social', 'tools')).toEqual([
                'tools=keyword.other.mplan', 'email=variable.other.word.mplan', ',=punctuation.separator.comma.mplan', 'social=variable.other.word.mplan'
            ]);
            expect(await scopesOfLine('channel email', 'channel')).toEqual(['channel=keyword.other.mplan', 'email=constant.language.channel.mplan']);
            expect(await scopesOfLine('confirm by email', 'confirm')).toContain('email=constant.language.confirmation.mplan');
            expect(await scopesOfLine('unsubscribe link in every email', 'email')).toContain('email=keyword.other.mplan');
            expect(await scopesOfLine('social linkedin', 'social')).toEqual(['social=keyword.other.mplan', 'linkedin=variable.other.word.mplan']);
        });

        it('a results block: each result is a metric, its number and a note', async () => {
            expect(await scopesOfLine('results { sales 120 "good" leads 30 }', 'results')).toEqual([
                'results=keyword.other.mplan', '{=punctuation.section.block.begin.mplan', 'sales=variable.other.word.mplan', '120=constant.numeric.mplan',
                '"=punctuation.definition.string.begin.mplan', 'good=string.quoted.double.mplan', '"=punctuation.definition.string.end.mplan',
                'leads=variable.other.word.mplan', '30=constant.numeric.mplan', '}=punctuation.section.block.end.mplan'
            ]);
        });

        it('optional names: a keyword that follows is still a keyword', async () => {
            expect(await scopesOfLine('research { finding "x" }', 'research')).toContain('research=storage.type.research.mplan');
            expect(await scopesOfLine('influences age 20 to 30', 'influences')).toEqual([
                'influences=keyword.other.mplan', 'age=keyword.other.mplan', '20=constant.numeric.mplan', 'to=keyword.other.mplan', '30=constant.numeric.mplan'
            ]);
            expect(await scopesOfLine('income 45_000 to 90_000 USD per year', 'income')).toEqual([
                'income=keyword.other.mplan', '45_000=constant.numeric.mplan', 'to=keyword.other.mplan', '90_000=constant.numeric.mplan',
                'USD=keyword.other.unit.currency.mplan', 'per=keyword.other.mplan', 'year=constant.language.timeunit.mplan'
            ]);
            expect(await scopesOfLine('guarantee money back 30 days', 'guarantee')).toContain('days=constant.language.timeunit.mplan');
        });

        it('names with hyphens and digits, and keywords inside names', async () => {
            expect(await scopesOfLine('segment plan-makers2 { }', 'segment')).toContain('plan-makers2=entity.name.type.segment.mplan');
            expect(await scopesOfLine('targets planners, re-run', 'targets')).toEqual([
                'targets=keyword.other.mplan', 'planners=variable.other.reference.segment.mplan', ',=punctuation.separator.comma.mplan',
                're-run=variable.other.reference.segment.mplan'
            ]);
        });
    });
});

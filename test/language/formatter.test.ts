import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isReference, URI, type AstNode, type LangiumDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { CLEAN_PLAN, check, services } from '../helpers.js';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const OPTIONS: FormattingOptions = { tabSize: 4, insertSpaces: true };

let counter = 0;
function parse(text: string): LangiumDocument {
    return services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///formatter/doc${counter++}.mplan`));
}

/** The edits the formatter returns for the whole file, or for `range`. */
async function editsFor(text: string, range?: Range, options: FormattingOptions = OPTIONS): Promise<TextEdit[]> {
    const formatter = services.Mplan.lsp.Formatter!;
    const document = parse(text);
    const textDocument = { uri: document.uri.toString() };
    return range
        ? await formatter.formatDocumentRange(document, { textDocument, options, range })
        : await formatter.formatDocument(document, { textDocument, options });
}

/** The text once the formatter's edits are applied, as an editor applies them. */
async function format(text: string, range?: Range, options?: FormattingOptions): Promise<string> {
    return TextDocument.applyEdits(TextDocument.create('file:///x.mplan', 'mplan', 1, text), await editsFor(text, range, options));
}

/** Lines `from` to `to` (0-based, both included) as a range, the way editors send a selection of whole lines. */
function lines(from: number, to: number): Range {
    return { start: { line: from, character: 0 }, end: { line: to + 1, character: 0 } };
}

/** Formats, and checks that formatting the result changes nothing more. */
async function formatted(text: string): Promise<string> {
    const result = await format(text);
    expect(await editsFor(result), 'formatting twice changes nothing').toEqual([]);
    return result;
}

/** What a plan says, without positions: every value of every node, references by the name written. */
function values(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(values);
    if (isReference(node)) return { ref: node.$refText };
    if (node && typeof node === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$') && key !== '$type') continue;
            out[key] = values(value);
        }
        return out;
    }
    return node;
}

function astOf(text: string): unknown {
    return values(parse(text).parseResult.value as AstNode);
}

/** The findings of a set of files, without positions (also those in messages: "line 41"), sorted. */
async function findingsOf(files: Record<string, string>): Promise<string[]> {
    const result = await check(files);
    return Object.keys(files).flatMap(file => result.findings(file).map(f => `${file} ${f.rule} ${f.severity} ${f.message.replace(/line \d+/g, 'line N')}`)).sort();
}

/** The text without any whitespace: formatting may change nothing else. */
function ink(text: string): string {
    return text.replace(/\s+/g, '');
}

/**
 * A plan with each block on one line, as someone in a hurry writes it: every
 * line joins the one before it (two spaces between), except after a comment
 * and around blank lines.
 */
function squash(text: string): string {
    const out: string[] = [];
    for (const line of text.split('\n')) {
        const previous = out.at(-1);
        if (previous !== undefined && previous.trim() !== '' && !previous.includes('//') && line.trim() !== '' && !line.trim().startsWith('//')) {
            out[out.length - 1] = previous + '  ' + line.trim();
        } else {
            out.push(line.trim());
        }
    }
    return out.join('\n');
}

function exampleFiles(dir = EXAMPLES): string[] {
    return readdirSync(dir).flatMap(name => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? exampleFiles(full) : name.endsWith('.mplan') ? [full] : [];
    });
}

function generatedPlan(lines: number): string {
    return execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), String(lines)], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

describe('the formatter: layout', () => {
    it('writes each fact on its own line, four spaces in, one space between words, none before , and %', async () => {
        expect(await formatted('campaign C {budget  10_000 USD   staff Ann 50 % ,Raj from marketing ,sales runs A,B\ttrack sales}\n')).toBe(
            'campaign C {\n' +
            '    budget 10_000 USD\n' +
            '    staff Ann 50%, Raj from marketing, sales\n' +
            '    runs A, B\n' +
            '    track sales\n' +
            '}\n');
    });

    it('expands one-line blocks, nested blocks one level further in', async () => {
        expect(await formatted('segment S { who "x" habits { social linkedin  online weekdays 9:00 to 17:00 } age 28 to 50 }\n')).toBe(
            'segment S {\n' +
            '    who "x"\n' +
            '    habits {\n' +
            '        social linkedin\n' +
            '        online weekdays 9:00 to 17:00\n' +
            '    }\n' +
            '    age 28 to 50\n' +
            '}\n');
        expect(await formatted('campaign C { results { sales 340 "orders"  satisfaction 92 % } budget 1 USD }\n')).toBe(
            'campaign C {\n' +
            '    results {\n' +
            '        sales 340 "orders"\n' +
            '        satisfaction 92%\n' +
            '    }\n' +
            '    budget 1 USD\n' +
            '}\n');
    });

    it('puts a guarantee\'s terms on lines of their own, one level under the guarantee', async () => {
        expect(await formatted('offer { guarantee money back 30 days claim "Reply" refunds "All" paid within 3 days condition "Unopened" payments card }\n')).toBe(
            'offer {\n' +
            '    guarantee money back 30 days\n' +
            '        claim "Reply"\n' +
            '        refunds "All"\n' +
            '        paid within 3 days\n' +
            '        condition "Unopened"\n' +
            '    payments card\n' +
            '}\n');
        expect(await formatted('offer {\n  guarantee "Replacement" 1 year\n  free trial "14 days"   14 days\n}\n')).toBe(
            'offer {\n    guarantee "Replacement" 1 year\n    free trial "14 days" 14 days\n}\n');
    });

    it('keeps the parts of one fact on one line: objectives, follow-ups, lead capture, drawbacks', async () => {
        const text = 'strategy S {\n' +
            '    objective "Accounts"   metric accounts  target 40 by 2027-12-31\n' +
            '    objective "Repeat" target 60 % metric repeat_rate\n' +
            '}\n' +
            'funnel {\n' +
            '    collect leads by checkbox at checkout   unticked\n' +
            '    collect leads by optin form offering ebook "Menus" double optin\n' +
            '    follow up every 2 weeks on tuesday at 10:00 with tips ,story\n' +
            '    close 3 times per week with call to action\n' +
            '    conversion visitors to leads 5 %\n' +
            '}\n' +
            'product P { drawback "Slow"   mitigated by "Express tier" }\n';
        expect(await formatted(text)).toBe('strategy S {\n' +
            '    objective "Accounts" metric accounts target 40 by 2027-12-31\n' +
            '    objective "Repeat" target 60% metric repeat_rate\n' +
            '}\n' +
            'funnel {\n' +
            '    collect leads by checkbox at checkout unticked\n' +
            '    collect leads by optin form offering ebook "Menus" double optin\n' +
            '    follow up every 2 weeks on tuesday at 10:00 with tips, story\n' +
            '    close 3 times per week with call to action\n' +
            '    conversion visitors to leads 5%\n' +
            '}\n' +
            'product P {\n' +
            '    drawback "Slow" mitigated by "Express tier"\n' +
            '}\n');
    });

    it('keeps at most one blank line between blocks and between facts, none inside the braces\' edges', async () => {
        const text = '\n\n\nplan P {\n\n\n    goal "x"\n\n\n\n    currency USD\n    focus A\n\n}\n\n\n\nproduct A {\n    price 1 USD\n}\nproduct B {\n    price 2 USD\n}\n\n\n';
        expect(await formatted(text)).toBe(
            'plan P {\n    goal "x"\n\n    currency USD\n    focus A\n}\n\nproduct A {\n    price 1 USD\n}\nproduct B {\n    price 2 USD\n}\n');
    });

    it('keeps imports at the top as written, each on its line', async () => {
        expect(await formatted('import   "shared/market.mplan" import "shared/offer.mplan"\n\n\nplan P { goal "x" }')).toBe(
            'import "shared/market.mplan"\nimport "shared/offer.mplan"\n\nplan P {\n    goal "x"\n}\n');
    });

    it('writes an empty block as {}', async () => {
        expect(await formatted('research {\n\n}\noffer { }\n')).toBe('research {}\noffer {}\n');
    });

    it('indents with four spaces whatever the editor asks for, and replaces tabs', async () => {
        const text = 'tactic T {\n\tserves S\n\t\tchannel seo\n}\n';
        const expected = 'tactic T {\n    serves S\n    channel seo\n}\n';
        expect(await format(text, undefined, { tabSize: 2, insertSpaces: false })).toBe(expected);
        expect(await format(text, undefined, { tabSize: 8, insertSpaces: true })).toBe(expected);
    });

    it('ends the file with exactly one line break, and keeps Windows (and old Mac) line endings', async () => {
        expect(await formatted('tactic T { serves S }')).toBe('tactic T {\n    serves S\n}\n');
        expect(await formatted('tactic T {\r\n  serves S   channel seo\r\n}\r\n\r\n\r\n')).toBe('tactic T {\r\n    serves S\r\n    channel seo\r\n}\r\n');
        expect(await formatted('tactic T {\r  serves S   channel seo\r}')).toBe('tactic T {\r    serves S\r    channel seo\r}\r');
    });

    it('tidies a file of comments only, and leaves a file of blank lines alone', async () => {
        expect(await formatted('// a   \n\n\n   // b')).toBe('// a\n\n// b\n');
        expect(await editsFor('   \n\n  ')).toEqual([]);
    });

    it('removes spaces at the ends of lines', async () => {
        expect(await formatted('tactic T {   \n    serves S   \n}   \n')).toBe('tactic T {\n    serves S\n}\n');
    });

    it('keeps free words that are keywords as written (track leads, tools email)', async () => {
        expect(await formatted('campaign C { track leads,email , from }\nsegment S { habits { tools email,  "Financial Times" } }\n')).toBe(
            'campaign C {\n    track leads, email, from\n}\nsegment S {\n    habits {\n        tools email, "Financial Times"\n    }\n}\n');
    });

    it('turns the "before" example of docs/formatting.md into its "after"', async () => {
        const page = readFileSync(join(ROOT, 'docs', 'formatting.md'), 'utf8');
        const examples = [...page.matchAll(/```mplan\n([\s\S]*?)```/g)].map(match => match[1]);
        expect(examples).toHaveLength(2);
        expect(await formatted(examples[0])).toBe(examples[1]);
        expect(astOf(examples[1])).toEqual(astOf(examples[0]));
    });

    it('returns no edits for a file that is already formatted, and for an empty one', async () => {
        expect(await editsFor('tactic T {\n    serves S\n}\n')).toEqual([]);
        expect(await editsFor('')).toEqual([]);
    });

    it('returns small edits: only the gaps that change', async () => {
        const edits = await editsFor('tactic T {\n  serves S\n      channel seo\n}\n');
        expect(edits).toEqual([
            { range: { start: { line: 0, character: 10 }, end: { line: 1, character: 2 } }, newText: '\n    ' },
            { range: { start: { line: 1, character: 10 }, end: { line: 2, character: 6 } }, newText: '\n    ' }
        ]);
    });
});

/** A coffee subscription's plan with the facts of issue 14, formatted. */
const SUBSCRIPTION_PLAN = [
    'plan Roastery "Roastery: year one" {',
    '    goal "Grow the coffee subscription to 1,200 paying accounts"',
    '    currency USD',
    '    focus CoffeeClub',
    '}',
    'product CoffeeClub "Coffee Club subscription" {',
    '    price 19 USD per month',
    '    tier Starter "One bag a month" 15 USD per month share 40%',
    '    tier Regular 19 USD per month share 45%',
    '    tier Office "Office pack" 39 to 49 USD per month share 15%',
    '    trial 14 days converts 20% to 30%',
    '    margin 60%',
    '    unit cost 7 USD',
    '    churn 3% to 5% a month',
    '}',
    'product Grinder {',
    '    variant Hand "Hand grinder" 45 USD share 70%',
    '    variant Electric 120 USD',
    '    repeat purchase 5% per year',
    '}',
    'strategy Subscribers "Subscribers first" {',
    '    statement "Win home brewers with a free trial, keep them with fresh roasts"',
    '    objective "Paying accounts" metric customers target at least 1_200 by 2027-12-31 owner "Ana Lima" review monthly',
    '    kpi "Acquisition cost" metric cac target at most 35 USD owner Ana review weekly',
    '    kpi "Return on ad spend" metric roas target at least 4x review monthly',
    '    kpi "Churn" metric churn target at most 2% a month owner Ana',
    '    kpi "Monthly revenue" metric revenue target 20_000 to 24_000 USD per month',
    '}',
    'tactic BrewGuides "Brew guides" {',
    '    serves Subscribers',
    '    channel ppc on google',
    '    budget 1_500 USD per month',
    '}',
    'campaign Launch {',
    '    budget 4_500 USD per month',
    '    staff Ana 50%, Ben from marketing',
    '    from 2027-03-01 to 2027-05-31',
    '    runs BrewGuides',
    '}',
    'funnel Webinar "Webinar funnel" {',
    '    visitors 8_000 to 12_000 per month',
    '    expect 400 registrations per month',
    '    list 2_500 subscribers',
    '    conversion visitors to registrations 4% to 6%',
    '    conversion registrations to attendees 40%',
    '    conversion attendees to buyers 8%',
    '    first purchase at buyers',
    '    upsell CoffeeClub to Grinder 10%',
    '}',
    ''
].join('\n');

describe('the formatter: the facts of issue 14', () => {
    it('lays out a subscription plan written in a hurry: one fact a line, tiers one a line, single spaces, none before % and a ratio\'s x', async () => {
        const messy = 'plan  Roastery   "Roastery: year one"{goal "Grow the coffee subscription to 1,200 paying accounts" currency USD focus CoffeeClub}\n' +
            'product CoffeeClub\t"Coffee Club subscription"  {  price 19  USD per   month tier Starter "One bag a month" 15 USD per month share 40 %\n' +
            '  tier Regular 19 USD per month share 45%  tier Office  "Office pack" 39  to 49 USD per month share 15 %\n' +
            '    trial 14 days converts 20 %to 30% margin 60 % unit   cost 7 USD churn 3 % to 5% a   month}\n' +
            'product Grinder { variant Hand "Hand grinder" 45 USD share 70%variant Electric 120 USD repeat  purchase 5 % per year }\n' +
            'strategy Subscribers "Subscribers first" { statement "Win home brewers with a free trial, keep them with fresh roasts"\n' +
            '  objective "Paying accounts" metric customers target at  least 1_200 by 2027-12-31 owner "Ana Lima"  review monthly kpi "Acquisition cost"\n' +
            '      metric cac target at most 35 USD owner Ana review weekly\n' +
            'kpi "Return on ad spend" metric roas target at least 4 x review monthly   kpi "Churn" metric churn target at most 2 % a month owner Ana\n' +
            '   kpi "Monthly revenue" metric revenue target 20_000 to 24_000 USD per month }\n' +
            'tactic BrewGuides "Brew guides" { serves Subscribers channel ppc on google budget 1_500 USD  per month }\n' +
            'campaign Launch { budget 4_500 USD per month staff Ana 50 % ,Ben from marketing from 2027-03-01 to 2027-05-31 runs BrewGuides }\n' +
            'funnel Webinar  "Webinar funnel"{\n' +
            '        visitors 8_000 to 12_000 per month expect 400 registrations per month list 2_500 subscribers\n' +
            '  conversion visitors to registrations 4 % to 6 % conversion registrations to attendees 40%\n' +
            '  conversion attendees to buyers 8% first purchase at buyers upsell CoffeeClub to Grinder 10 %\n' +
            '}';
        const result = await formatted(messy);
        expect(result).toBe(SUBSCRIPTION_PLAN);
        expect(astOf(result)).toEqual(astOf(messy));
    });

    it('finds the subscription plan already formatted', async () => {
        const { lexerErrors, parserErrors } = parse(SUBSCRIPTION_PLAN).parseResult;
        expect([...lexerErrors, ...parserErrors]).toEqual([]);
        expect(await editsFor(SUBSCRIPTION_PLAN)).toEqual([]);
    });

    it('writes a ratio\'s x right after its number, but keeps the word x apart (a metric, a stage)', async () => {
        expect(await formatted('strategy S { kpi "ROAS" metric x target 4 \n x }\nfunnel { expect 400 x per month list 20 x first purchase at x }\n')).toBe(
            'strategy S {\n' +
            '    kpi "ROAS" metric x target 4x\n' +
            '}\n' +
            'funnel {\n' +
            '    expect 400 x per month\n' +
            '    list 20 x\n' +
            '    first purchase at x\n' +
            '}\n');
    });

    it('puts a title one space after the name, or after the keyword of a block without one', async () => {
        expect(await formatted('research"Customer interviews"{finding "x"}\noffer   "Launch offer" {}\nsegment S\n"Home brewers" { who "x" }\n')).toBe(
            'research "Customer interviews" {\n' +
            '    finding "x"\n' +
            '}\n' +
            'offer "Launch offer" {}\n' +
            'segment S "Home brewers" {\n' +
            '    who "x"\n' +
            '}\n');
    });

    it('changes no finding of the subscription plan', async () => {
        const squashed = SUBSCRIPTION_PLAN.replace(/\n\s*/g, '  ');
        expect(await findingsOf({ 'plan.mplan': await format(squashed) })).toEqual(await findingsOf({ 'plan.mplan': SUBSCRIPTION_PLAN }));
    });
});

describe('the formatter: comments', () => {
    it('keeps a comment at the end of its line, one space after the fact', async () => {
        expect(await formatted('tactic T { serves S   // the only strategy\n  channel seo /* for now */ budget 10 USD }\n')).toBe(
            'tactic T {\n' +
            '    serves S // the only strategy\n' +
            '    channel seo /* for now */\n' +
            '    budget 10 USD\n' +
            '}\n');
    });

    it('indents a comment on its own line like the fact under it, and above a } like the block\'s facts', async () => {
        expect(await formatted('segment S {\n// who they are\nwho "x"\n  habits {\n// where\n      social x\n   // more later\n  }\n      // end of segment\n}\n')).toBe(
            'segment S {\n' +
            '    // who they are\n' +
            '    who "x"\n' +
            '    habits {\n' +
            '        // where\n' +
            '        social x\n' +
            '        // more later\n' +
            '    }\n' +
            '    // end of segment\n' +
            '}\n');
    });

    it('keeps comments between blocks at the left margin, with their blank lines (at most one)', async () => {
        expect(await formatted('   // Header\n   // of the plan\n\n\n\nplan P { goal "x" }\n\n\n    // Products\nproduct A { price 1 USD }\n// last words\n\n\n')).toBe(
            '// Header\n' +
            '// of the plan\n' +
            '\n' +
            'plan P {\n' +
            '    goal "x"\n' +
            '}\n' +
            '\n' +
            '// Products\n' +
            'product A {\n' +
            '    price 1 USD\n' +
            '}\n' +
            '// last words\n');
    });

    it('moves a block comment with its inner lines, and keeps a comment after { on that line', async () => {
        expect(await formatted('tactic T { // why this tactic\n/* first line\n   second line\n\n   fourth */\nserves S\n}\n')).toBe(
            'tactic T { // why this tactic\n' +
            '    /* first line\n' +
            '       second line\n' +
            '\n' +
            '       fourth */\n' +
            '    serves S\n' +
            '}\n');
        expect(await formatted('tactic T {\n            /* first\n               second */\n    serves S\n}\n')).toBe(
            'tactic T {\n    /* first\n       second */\n    serves S\n}\n');
    });

    it('keeps a block comment in front of the fact it stands before on its line', async () => {
        expect(await formatted('  /* a\n     b */ tactic T {\n  /* x */ serves S\n  serves /* y */ S2 }\n')).toBe(
            '/* a\n   b */ tactic T {\n    /* x */ serves S\n    serves /* y */ S2\n}\n');
    });

    it('indents the rest of a fact one level further when a comment splits it', async () => {
        expect(await formatted('strategy S {\n    objective "Accounts" // counted monthly\n    metric accounts target 40\n    message "m"\n}\n')).toBe(
            'strategy S {\n' +
            '    objective "Accounts" // counted monthly\n' +
            '        metric accounts target 40\n' +
            '    message "m"\n' +
            '}\n');
    });

    it('keeps an empty block with a comment open', async () => {
        expect(await formatted('research {   // to do\n}\nresearch {\n// to do\n   }\n')).toBe('research { // to do\n}\nresearch {\n    // to do\n}\n');
    });

    it('drops spaces at the end of a // comment, never its words', async () => {
        expect(await formatted('// note   \ntactic T {\n    serves S // why \t\n}\n')).toBe('// note\ntactic T {\n    serves S // why\n}\n');
    });

    it('keeps a suppression comment and the line it silences together, as they are', async () => {
        const text = 'segment S {\n' +
            '    // mplan-disable-next-line segment-incomplete\n' +
            '    who "x"  from "y" habits { social x }\n' +
            '    age 1 to 2 shops online\n' +
            '}\n' +
            '// mplan-disable-next-line tactic-without-strategy\n' +
            'tactic T {  channel seo budget 10 USD }\n' +
            '  tactic U { channel seo } // mplan-disable-next-line tactic-without-strategy\n' +
            '\n' +
            'tactic V { channel seo }\n';
        expect(await formatted(text)).toBe('segment S {\n' +
            '    // mplan-disable-next-line segment-incomplete\n' +
            '    who "x" from "y" habits { social x }\n' +
            '    age 1 to 2\n' +
            '    shops online\n' +
            '}\n' +
            '// mplan-disable-next-line tactic-without-strategy\n' +
            'tactic T { channel seo budget 10 USD }\n' +
            'tactic U { channel seo } // mplan-disable-next-line tactic-without-strategy\n' +
            '\n' +
            'tactic V {\n' +
            '    channel seo\n' +
            '}\n');
    });

    it('silences the same findings after formatting as before', async () => {
        const text = CLEAN_PLAN + '// mplan-disable-next-line tactic-without-strategy\ntactic Flyers { channel print budget 0 USD }\n' +
            'tactic Posters { channel outdoor } // mplan-disable-next-line missing-guarantee\n';
        const before = await findingsOf({ 'plan.mplan': text });
        expect(before.join('\n')).toContain('tactic-without-strategy');
        expect(before.join('\n')).toContain('unused-suppression');
        expect(await findingsOf({ 'plan.mplan': await formatted(text) })).toEqual(before);
    });
});

describe('the formatter: meaning', () => {
    it('finds the examples already formatted: no edits', async () => {
        for (const file of exampleFiles()) {
            expect(await editsFor(readFileSync(file, 'utf8')), relative(ROOT, file)).toEqual([]);
        }
    });

    it('changes neither the parsed values nor the findings of the examples, reformatted from a squashed layout', async () => {
        const files = Object.fromEntries(exampleFiles().map(file => [relative(EXAMPLES, file), readFileSync(file, 'utf8')]));
        const squashed: Record<string, string> = {};
        const reformatted: Record<string, string> = {};
        for (const [name, text] of Object.entries(files)) {
            squashed[name] = squash(text);
            expect(squashed[name].split('\n').length, name).toBeLessThan(text.split('\n').length / 2);
            reformatted[name] = await formatted(squashed[name]);
            expect(astOf(reformatted[name]), name).toEqual(astOf(text));
            expect(astOf(reformatted[name]), name).toEqual(astOf(squashed[name]));
            expect(reformatted[name], name).toBe(text);
        }
        expect(await findingsOf(reformatted)).toEqual(await findingsOf(squashed));
    });

    it('changes neither the parsed values nor the findings of a generated 2,000-line plan', async () => {
        const text = generatedPlan(2000);
        const result = await formatted(text);
        expect(result).not.toBe(text); // one-line habits and guarantee are written out
        expect(result).toContain('    habits {\n        search google\n        social linkedin, instagram\n        sites "Financial Times"\n        online weekdays 9:00 to 17:00\n    }\n');
        expect(astOf(result)).toEqual(astOf(text));
        expect(ink(result)).toBe(ink(text));
        expect(await findingsOf({ 'plan.mplan': result })).toEqual(await findingsOf({ 'plan.mplan': text }));
    });

    it('changes neither the parsed values nor the findings of the rule tests\' clean plan', async () => {
        const result = await formatted(CLEAN_PLAN);
        expect(astOf(result)).toEqual(astOf(CLEAN_PLAN));
        // The same findings as before (none: test/language/examples.test.ts holds CLEAN_PLAN to every rule).
        expect(await findingsOf({ 'plan.mplan': result })).toEqual(await findingsOf({ 'plan.mplan': CLEAN_PLAN }));
    });

    it('formats a 100,000-line plan, and formats it only once', async () => {
        const text = generatedPlan(100_000);
        const result = await format(text);
        expect(result.split('\n').length).toBeGreaterThan(100_000);
        expect(ink(result)).toBe(ink(text));
        expect(await editsFor(result)).toEqual([]);
    }, 120_000);
});

/** Pseudo-random numbers from a fixed seed, so that a failure can be reproduced. */
function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = Math.imul(a ^ (a >>> 15), a | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The same tokens with random whitespace between them (a line break after a // comment). */
function scramble(text: string, seed: number): string {
    const next = random(seed);
    const lexed = services.Mplan.parser.Lexer.tokenize(text);
    const tokens = [...lexed.tokens, ...lexed.hidden].sort((a, b) => a.startOffset - b.startOffset);
    const spaces = [' ', '  ', '\n', '\n\n\n', ' \t ', '\n      ', '   \n\n  '];
    let out = '';
    for (const token of tokens) {
        if (out !== '') {
            const gap = spaces[Math.floor(next() * spaces.length)];
            out += out.endsWith('*/') || !/\/\/[^\n]*$/.test(out.slice(out.lastIndexOf('\n') + 1)) ? gap : '\n' + gap.trimStart();
        }
        out += token.image;
    }
    return out;
}

describe('the formatter: whitespace in any shape', () => {
    const text = readFileSync(join(EXAMPLES, 'ebook-list.mplan'), 'utf8').replace('offer {', '/* what we promise,\n   and how */ offer { // the offer\n')
        + readFileSync(join(EXAMPLES, 'corner-bakery', 'shared', 'offer.mplan'), 'utf8').replace(/^import .*$/m, '');

    it('gives the same tokens and values, and a result that formatting leaves as it is', async () => {
        const ast = astOf(text);
        for (let seed = 1; seed <= 40; seed++) {
            const scrambled = scramble(text, seed);
            expect(ink(scrambled)).toBe(ink(text));
            const result = await format(scrambled);
            expect(ink(result), `seed ${seed}`).toBe(ink(text));
            expect(astOf(result), `seed ${seed}`).toEqual(ast);
            expect(await editsFor(result), `seed ${seed}: formatting twice`).toEqual([]);
            // Only blank lines and where comments stand depend on the input: without them, every layout gives one result.
            expect(result.replace(/\n\n/g, '\n').replace(/\s*\/\*[\s\S]*?\*\/\s*|\s*\/\/[^\n]*\n\s*/g, ' '), `seed ${seed}`)
                .toBe((await format(text)).replace(/\n\n/g, '\n').replace(/\s*\/\*[\s\S]*?\*\/\s*|\s*\/\/[^\n]*\n\s*/g, ' '));
        }
    });
});

describe('the formatter: syntax errors', () => {
    it('formats the lines above the first syntax error and leaves the rest as written', async () => {
        const text = 'tactic T { serves S }\nproduct P {\n  price 10 USD\n  benefit\n   improvement "x" }\ncampaign C { budget 1 USD }\n';
        expect(await format(text)).toBe(
            'tactic T {\n    serves S\n}\nproduct P {\n    price 10 USD\n    benefit\n   improvement "x" }\ncampaign C { budget 1 USD }\n');
    });

    it('leaves the file alone when the error is on its first line', async () => {
        expect(await editsFor('tactic { serves S }\ntactic T {   serves S }\n')).toEqual([]);
    });

    it('stops before a character the language does not know', async () => {
        const text = 'tactic T {   serves S }\ntactic U { serves # S }\ntactic V {   serves S }\n';
        expect(await format(text)).toBe('tactic T {\n    serves S\n}\ntactic U { serves # S }\ntactic V {   serves S }\n');
    });

    it('formats a block whose closing brace is not typed yet', async () => {
        expect(await format('tactic T {\n  serves S  channel seo\n')).toBe('tactic T {\n    serves S\n    channel seo\n');
    });

    it('never fails and never changes a word on half-typed text: every prefix of an example', async () => {
        const text = readFileSync(join(EXAMPLES, 'corner-bakery', 'shared', 'offer.mplan'), 'utf8') + readFileSync(join(EXAMPLES, 'corner-bakery', 'plan.mplan'), 'utf8').replace(/^import .*$/gm, '');
        for (let end = 0; end <= text.length; end += 7) {
            const prefix = text.slice(0, end);
            const result = await format(prefix);
            expect(ink(result), `cut at ${end}`).toBe(ink(prefix));
            expect(await format(prefix, lines(2, 12)), `cut at ${end}, lines 2 to 12`).toSatisfy((r: string) => ink(r) === ink(prefix));
        }
    });
});

describe('the formatter: a range', () => {
    const text = 'tactic T { serves S   channel seo }\n' +   // 0
        'tactic U {\n' +                                   // 1
        '  serves S\n' +                                   // 2
        '        channel   seo\n' +                        // 3
        '  budget 10 USD   \n' +                           // 4
        '}\n' +                                            // 5
        'tactic V { serves S }\n';                         // 6

    it('formats only the lines of the range', async () => {
        expect(await format(text, lines(2, 3))).toBe('tactic T { serves S   channel seo }\n' +
            'tactic U {\n' +
            '    serves S\n' +
            '    channel seo\n' +
            '  budget 10 USD   \n' +
            '}\n' +
            'tactic V { serves S }\n');
    });

    it('writes out a one-line block in the range without touching its neighbours', async () => {
        expect(await format(text, lines(0, 0))).toBe('tactic T {\n    serves S\n    channel seo\n}\n' + text.slice(text.indexOf('tactic U')));
        expect(await format(text, lines(6, 6))).toBe(text.slice(0, text.indexOf('tactic V')) + 'tactic V {\n    serves S\n}\n');
    });

    it('takes in the line where a selection ends, unless it ends at the line\'s start', async () => {
        const selection: Range = { start: { line: 3, character: 4 }, end: { line: 4, character: 3 } };
        const expected = text.replace('        channel   seo\n  budget 10 USD   \n', '    channel seo\n    budget 10 USD\n');
        expect(await format(text, selection)).toBe(expected);
        expect(await format(text, lines(3, 3))).toBe(text.replace('        channel   seo\n', '    channel seo\n'));
    });

    it('moves the first block of the file to the margin when the range starts below blank lines', async () => {
        expect(await format('\n\n   tactic T {\n  serves S\n}\n', lines(2, 3))).toBe('\n\ntactic T {\n    serves S\n}\n');
    });

    it('does not join a line of the range to a line outside it', async () => {
        expect(await format('research {\n\n}\n', lines(2, 2))).toBe('research {\n\n}\n');
        expect(await format('offer {\n   payments card  ,\n paypal\n}\n', lines(1, 1))).toBe('offer {\n    payments card,\n paypal\n}\n');
    });

    it('formats a range above a syntax error, and nothing from the error on', async () => {
        const broken = text + 'tactic W { serves }\n';
        expect(await format(broken, lines(2, 3))).toBe(await format(text, lines(2, 3)) + 'tactic W { serves }\n');
        expect(await editsFor(broken, lines(7, 7))).toEqual([]);
    });

    it('never changes a line outside the range, wherever the range is, and formats the way whole-file formatting does', async () => {
        const plan = squash(readFileSync(join(EXAMPLES, 'ebook-list.mplan'), 'utf8'))
            .replace('offer {', '   // The offer\n\n\n  /* what we promise,\n       and how */ offer {')
            .replace('tactic ForumPosts', '// mplan-disable-next-line tactic-without-strategy\ntactic ForumPosts') + '\n\n';
        const whole = await format(plan);
        const before = plan.split('\n');
        for (let first = 0; first < before.length; first += 2) {
            for (const size of [0, 1, 4, 15]) {
                const last = Math.min(first + size, before.length - 1);
                const result = await format(plan, lines(first, last));
                const after = result.split('\n');
                const below = before.length - 1 - last;
                expect(after.slice(0, first), `lines ${first} to ${last}`).toEqual(before.slice(0, first));
                expect(after.slice(after.length - below), `lines ${first} to ${last}`).toEqual(before.slice(before.length - below));
                expect(await format(result), `lines ${first} to ${last}, then the whole file`).toBe(whole);
            }
        }
    });

    it('agrees with whole-file formatting on the lines it covers', async () => {
        const whole = await format(text);
        expect(await format(text, lines(0, 6))).toBe(whole);
    });
});

describe('the formatter: the facts of issue 16', () => {
    const THREE_MARKETS = [
        'plan Kiln "Kiln & Co" {',
        '    currency USD',
        '    rate 1 EUR = 1.08 USD as of 2027-01-01',
        '    rate 1 CAD = 0.73 USD as of 2027-01-01',
        '    tracking consent "Cookie banner: pixels fire only after opt-in"',
        '}',
        '',
        'market NorthAmerica "North America" {',
        '    countries US, CA',
        '    languages en, fr',
        '    currency USD',
        '    timezones "America/New_York", "America/Toronto"',
        '}',
        '',
        'product Mug {',
        '    price 28 USD',
        '    price 26 EUR per month in NorthAmerica',
        '    certified "EU Ecolabel", "Blue Angel"',
        '}',
        '',
        'flow Texts {',
        '    channel sms',
        '    markets NorthAmerica',
        '    consent written recorded "signed web form"',
        '    unsubscribe within 2 business days',
        '    hours weekdays 9:00 to 20:00 in "America/New_York"',
        '    from 2027-01-01 to 2027-12-31',
        '}',
        '',
        'tactic Reviews {',
        '    channel reviews on trustpilot',
        '    reward "10% off the next order" for honest reviews',
        '    disclosure "#ad in the first line"',
        '}',
        '',
        'offer {',
        '    discount 20% on Mug prior price 35 USD',
        '    discount 5 USD',
        '    market NorthAmerica',
        '}',
        ''
    ].join('\n');

    it('lays out markets, rates, per-market prices, consent, opt-out delays, rewards and discounts written in a hurry', async () => {
        const messy = 'plan Kiln "Kiln & Co"{currency USD rate 1 EUR=1.08 USD as of 2027-01-01 rate 1   CAD =  0.73 USD as  of 2027-01-01\n' +
            ' tracking   consent "Cookie banner: pixels fire only after opt-in"}\n\n' +
            'market NorthAmerica "North America" { countries US ,CA languages en,fr currency USD timezones "America/New_York" , "America/Toronto" }\n\n' +
            'product Mug { price 28 USD price 26 EUR per month in NorthAmerica certified "EU Ecolabel","Blue Angel" }\n\n' +
            'flow Texts { channel sms markets NorthAmerica consent written   recorded "signed web form" unsubscribe within 2 business  days\n' +
            '    hours weekdays 9:00 to 20:00 in "America/New_York" from 2027-01-01 to 2027-12-31 }\n\n' +
            'tactic Reviews { channel reviews on trustpilot reward "10% off the next order" for honest\n reviews disclosure "#ad in the first line" }\n\n' +
            'offer { discount 20 % on Mug prior price 35 USD discount 5 USD market NorthAmerica }\n';
        const result = await formatted(messy);
        expect(result).toBe(THREE_MARKETS);
        expect(astOf(result)).toEqual(astOf(messy));
        expect(await editsFor(THREE_MARKETS)).toEqual([]);
    });
});

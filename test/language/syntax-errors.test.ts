import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GrammarAST } from 'langium';
import { describe, expect, it } from 'vitest';
import { MplanGrammar } from '../../src/language/generated/grammar.js';
import { typoDistance, didYouMean } from '../../src/language/syntax/did-you-mean.js';
import { grammarWords } from '../../src/language/syntax/grammar-words.js';
import { describeTokenType, TERMINAL_WORDS } from '../../src/language/syntax/parser-errors.js';
import { blockHeading, headingAnchor, LANGUAGE_REFERENCE, referenceLink, WORD_LIST_DOCS } from '../../src/language/syntax/reference-anchors.js';
import { CLEAN_PLAN, check, fixesFor, services, type Checked, type Found } from '../helpers.js';

/** The syntax-error findings of a check. */
function syntaxErrors(result: Checked, file?: string): Found[] {
    return result.findings(file).filter(f => f.rule === 'syntax-error');
}

const PLAN_HEADER = `plan CornerBakery {
    goal "Become the default caterer for downtown offices"
    currency USD
}
`;

/** The internal names of the grammar's terminals (ID, WORD, STRING, …): never in a message. */
const TERMINALS = MplanGrammar().rules.filter(GrammarAST.isTerminalRule).filter(rule => !rule.hidden).map(rule => rule.name);
const INTERNAL_NAME = new RegExp(`\\b(${[...TERMINALS, 'EOF'].join('|')})\\b`);

describe('syntax errors name the word written before the error and the word found', () => {
    it('a budget per month written twice: the second "per" after "month"', async () => {
        const result = await check(`${PLAN_HEADER}
tactic SpringAds {
    channel social on instagram
    budget 500 USD per month per month
    from 2027-03-01 to 2027-05-31
}
`);
        expect(syntaxErrors(result)).toEqual([expect.objectContaining({
            line: 8, column: 30, endColumn: 33,
            message: "Unexpected 'per' after 'month' in tactic 'SpringAds'. A fact of a tactic starts with 'serves', 'channel', 'audience', 'budget', 'fee', 'commission', … (all of them: docs/language.md#tactic), and '}' closes the block."
        })]);
    });

    it('a department of two words: the second word found after the first, with how to write it', async () => {
        const result = await check(`${PLAN_HEADER}
campaign Launch {
    staff Ann 50% from customer service
    from 2027-03-01 to 2027-05-31
}
`);
        const [error] = syntaxErrors(result);
        expect(error).toMatchObject({ line: 7, column: 33 });
        expect(error.message).toBe("Unexpected 'service' after 'customer' in campaign 'Launch'. A name or word is one word: write customer-service, or separate the items of a list with commas. "
            + "A fact of a campaign starts with 'budget', 'staff', 'from', 'runs', 'promotes', 'track', 'review', 'results', 'market' or 'markets', and '}' closes the block.");
        expect(error.message).not.toContain("after 'service'");
    });

    it('a budget without its currency asks for a currency code, not "a name"', async () => {
        const result = await check(`${PLAN_HEADER}
campaign Launch {
    budget 500
    track leads, sales
}
`);
        expect(syntaxErrors(result)).toEqual([expect.objectContaining({
            line: 8, column: 5, message: "Expected a currency code such as USD or EUR after '500' but found 'track'."
        })]);
    });

    it('a budget without an amount asks for an amount with its currency', async () => {
        const result = await check(`${PLAN_HEADER}
campaign Launch {
    budget USD
}
`);
        expect(syntaxErrors(result)[0].message).toBe("Expected an amount with its currency, such as 1_500 USD after 'budget' but found 'USD'.");
    });

    it('a margin in words asks for a percentage', async () => {
        const result = await check(`${PLAN_HEADER}
product Box {
    price 49 USD
    margin high
}
`);
        expect(syntaxErrors(result)[0].message).toBe("Expected a percentage such as 20% after 'margin' but found 'high'.");
    });

    it('a tracked metric in quotes asks for a word, never for \'WORD\'', async () => {
        const result = await check(`${PLAN_HEADER}
campaign Launch {
    track "repeat orders"
}
`);
        expect(syntaxErrors(result)[0].message).toBe("Expected a word after 'track' but found '\"repeat orders\"'.");
    });

    it('staff and departments in quotes are no error: a name of several words', async () => {
        const result = await check(`${PLAN_HEADER}
campaign Launch {
    staff "Ann Lee" 50% from "customer service"
}
`);
        expect(syntaxErrors(result)).toEqual([]);
    });

    it('after error recovery, the word before the error is still the one written before it', async () => {
        // chevrotain hands over the token its recovery stopped at ('Ann', after 'ownr'): the message must not.
        const result = await check(`${PLAN_HEADER}
strategy Offices {
    statement "Win the office managers of downtown"
    objective "Sign 20 offices" metric customers target 20 by 2027-06-30 review monthly quarterly
}
`);
        expect(syntaxErrors(result)).toEqual([expect.objectContaining({
            line: 8, column: 89,
            message: "Unexpected 'quarterly' after 'monthly' in strategy 'Offices'. A fact of a strategy starts with 'statement', 'targets', 'objective', 'kpi', 'message' or 'promotes', and '}' closes the block."
        })]);
    });

    it('an unclosed block names the block it leaves open', async () => {
        const result = await check(`${PLAN_HEADER}
product Box {
    price 49 USD
`);
        expect(syntaxErrors(result)[0].message).toBe("Expected '}' after 'USD' to close product 'Box' but found the end of the file.");
    });

    it('a date with a one-digit day says how a date is written', async () => {
        const result = await check(`${PLAN_HEADER}
tactic SpringAds {
    from 2027-03-01 to 2027-05-3
}
`);
        expect(syntaxErrors(result).map(f => [f.line, f.column, f.message])).toEqual([
            [7, 24, "Expected a date (YYYY-MM-DD) after 'to' but found '2027'."],
            [7, 28, "Unexpected '-': a date is written YYYY-MM-DD (2027-06-30), and numbers cannot be negative in a plan."],
            [7, 31, "Unexpected '-': a date is written YYYY-MM-DD (2027-06-30), and numbers cannot be negative in a plan."]
        ]);
    });

    it('every error of every one-word deletion from a clean plan names the word before it and no internal name', () => {
        // Each word of CLEAN_PLAN deleted in turn: the word a message says the error comes after is the
        // last word that ends before the error in the text, whatever recovery did before.
        const parser = services.Mplan.parser.LangiumParser;
        const lexer = services.Mplan.parser.Lexer;
        const tokens = lexer.tokenize(CLEAN_PLAN).tokens;
        let checked = 0;
        for (const token of tokens) {
            const text = CLEAN_PLAN.slice(0, token.startOffset) + CLEAN_PLAN.slice(token.endOffset! + 1);
            const words = lexer.tokenize(text).tokens;
            for (const error of parser.parse(text).parserErrors) {
                expect(error.message, `without '${token.image}' at ${token.startOffset}`).not.toMatch(INTERNAL_NAME);
                expect(error.message).not.toMatch(/one of \d+ more/);
                const after = /after '([^']*)'/.exec(error.message);
                if (!after) continue;
                const at = error.token.startOffset >= 0 ? error.token.startOffset : text.length;
                const before = words.filter(word => word.endOffset! < at).at(-1)?.image ?? '';
                const shown = before.length > 30 ? before.slice(0, 27) + '...' : before;
                expect(after[1], `${error.message} (without '${token.image}' at ${token.startOffset})`).toBe(shown);
                checked++;
            }
        }
        expect(checked).toBeGreaterThan(100);
    });
});

describe('words a marketer knows', () => {
    it('every terminal of the grammar, and the end of the file, has words of its own', () => {
        expect(TERMINALS.length).toBeGreaterThan(4);
        for (const name of [...TERMINALS, 'EOF']) {
            expect(TERMINAL_WORDS[name], `terminal ${name} has no words in TERMINAL_WORDS (src/language/syntax/parser-errors.ts)`).toBeDefined();
            expect(describeTokenType(name)).not.toMatch(INTERNAL_NAME);
            expect(describeTokenType(name)).not.toContain("'");
        }
        expect(describeTokenType('budget')).toBe("'budget'");
    });

    it('a long list of allowed words shows its first few and where to read all of them', async () => {
        const result = await check(`${PLAN_HEADER}
tactic SpringAds {
    channel newspaper
}
`);
        expect(syntaxErrors(result)[0].message).toBe("Expected a channel after 'channel' but found 'newspaper': 'seo', 'ppc', 'social', 'email', 'blog', 'content', … (all of them: docs/language.md#channels).");
    });

    it('a list of up to ten words is written in full', async () => {
        const result = await check(`${PLAN_HEADER}
tactic SpringAds {
    budget 500 USD per fortnight
}
`);
        expect(syntaxErrors(result)[0].message).toBe("Expected 'day', 'days', 'week', 'weeks', 'month', 'months', 'quarter', 'quarters', 'year' or 'years' after 'per' but found 'fortnight'.");
    });

    it('the reference links follow GitHub\'s anchors and land on headings of docs/language.md: every list and every block', () => {
        expect(headingAnchor('Channels')).toBe('channels');
        expect(headingAnchor('Days of the week')).toBe('days-of-the-week');
        expect(headingAnchor('`budget`: money, per month')).toBe('budget-money-per-month');
        const reference = readFileSync(join(__dirname, '..', '..', LANGUAGE_REFERENCE), 'utf8');
        const anchors = new Set([...reference.matchAll(/^#+ (.+)$/gm)].map(m => headingAnchor(m[1])));
        for (const [key, doc] of Object.entries(WORD_LIST_DOCS)) expect(anchors, `docs/language.md has no heading "${doc.title}" (${key})`).toContain(headingAnchor(doc.title));
        for (const keyword of grammarWords(MplanGrammar()).blockKeywords) {
            expect(anchors, `docs/language.md has no heading for the block '${keyword}'`).toContain(headingAnchor(blockHeading(keyword)));
        }
        expect(referenceLink('Channels')).toBe('docs/language.md#channels');
    });

    it('every closed list of words the grammar has is named in words and in the reference', () => {
        for (const rule of grammarWords(MplanGrammar()).lists.keys()) {
            expect(WORD_LIST_DOCS[rule], `list ${rule}: give it a title in WORD_LIST_DOCS (reference-anchors.ts)`).toBeDefined();
        }
    });
});

describe('syntax errors in the facts of issue 15', () => {
    /** The syntax errors of a text, as `line:column message`. */
    async function errors(text: string): Promise<string[]> {
        return syntaxErrors(await check(text)).map(f => `${f.line}:${f.column} ${f.message}`);
    }

    it('a flow takes only the channels a flow sends by, and names them', async () => {
        expect(await errors('flow Welcome {\n    channel seo\n}\n')).toEqual(["2:13 Expected 'email', 'sms', 'push' or 'messaging' after 'channel' but found 'seo'."]);
        expect(await errors('flow Welcome {\n    channel sns\n}\n')).toEqual(["2:13 Unknown word 'sns' in flow 'Welcome': did you mean 'sms'?"]);
    });

    it('a step\'s delay needs its unit, and a misspelled unit is named', async () => {
        expect(await errors('flow Welcome {\n    step after 2 "Hello"\n}\n')).toEqual([
            "2:18 Expected a unit of time after '2' but found '\"Hello\"': 'minute', 'minutes', 'hour', 'hours', 'day', 'days', … (all of them: docs/language.md#units-of-a-delay)."
        ]);
        expect(await errors('flow Welcome {\n    step after 2 hourz\n}\n')).toEqual(["2:18 Unknown word 'hourz' in flow 'Welcome': did you mean 'hour' or 'hours'?"]);
        expect(await errors('flow Welcome {\n    stop purchased\n}\n')).toEqual(["2:10 Expected 'when' after 'stop' but found 'purchased'."]);
    });

    it('a commission is a percentage or an amount, said so when neither is written', async () => {
        expect(await errors('tactic Partners {\n    commission 10 per sale\n}\n')).toEqual([
            "2:16 Expected a percentage such as 20% or an amount with its currency, such as 1_500 USD after 'commission' but found '10 per'."
        ]);
        expect(await errors('tactic Partners {\n    commission 10% per sale\n}\ntactic Blogs {\n    commission 12 USD per sale\n}\n')).toEqual([]);
    });

    it('a # alone is no hashtag: the message says how one is written', async () => {
        expect((await errors('tactic Posts {\n    hashtags #, #Lunch\n}\n'))[0]).toBe('2:14 A hashtag is written with its word right after the # (#FreshLunch), or in quotes when it holds a space ("#slow living").');
        expect(await errors('tactic Posts {\n    hashtags\n}\n')).toEqual(["3:1 Expected a hashtag such as #FreshLunch, a word or text in double quotes after 'hashtags' but found '}'."]);
    });
});

describe('did you mean', () => {
    it('measures typos with swapped letters as one edit, and scales the limit with the word', () => {
        expect(typoDistance('emial', 'email')).toBe(1);
        expect(typoDistance('budgt', 'budget')).toBe(1);
        expect(didYouMean('podcst', ['podcast', 'post'])).toEqual(['podcast']);
        expect(didYouMean('tx', ['tv', 'pr'])).toEqual([]);
        expect(didYouMean('email', ['email', 'mail'])).toEqual([]);
    });

    it('a misspelled fact keyword, at the word, with a quick fix to the keyword', async () => {
        const text = `${PLAN_HEADER}
tactic SpringAds {
    channel social on instagram
    budgt 500 USD per month
}
`;
        const result = await check(text);
        expect(syntaxErrors(result)).toEqual([expect.objectContaining({
            line: 8, column: 5, endColumn: 10, message: "Unknown word 'budgt' in tactic 'SpringAds': did you mean 'budget'?"
        })]);
        const fixes = await fixesFor(result, 'syntax-error');
        expect(fixes).toEqual([{ title: "Change 'budgt' to 'budget'", preferred: true, result: text.replace('budgt', 'budget') }]);
        expect((await check(fixes[0].result)).rules()).not.toContain('syntax-error');
    });

    it('a misspelled keyword of a market, of consent and of a reward, each with its quick fix', async () => {
        const text = `${PLAN_HEADER}
market NorthAmerica {
    countrys US, CA
    timezone "America/New_York"
}
flow Reminders {
    channel sms
    consent writen recorded
}
tactic Reviews {
    channel reviews on trustpilot
    reward "10% off the next order" for honnest reviews
}
`;
        const result = await check(text);
        expect(syntaxErrors(result).map(error => [error.line, error.message])).toEqual([
            [7, "Unknown word 'countrys' in market 'NorthAmerica': did you mean 'country'?"],
            [12, "Unknown word 'writen' in flow 'Reminders': did you mean 'written'?"],
            [16, "Unknown word 'honnest' in tactic 'Reviews': did you mean 'honest'?"]
        ]);
        // Each quick fix in turn, the first finding's each time, until the plan parses.
        const titles: string[] = [];
        let fixed = result;
        for (let round = 0; round < 3; round++) {
            const [fix] = await fixesFor(fixed, 'syntax-error');
            titles.push(fix.title);
            fixed = await check(fix.result);
        }
        expect(titles).toEqual(["Change 'countrys' to 'country'", "Change 'writen' to 'written'", "Change 'honnest' to 'honest'"]);
        expect(fixed.rules()).not.toContain('syntax-error');
    });

    it('a price cut short at the end of the file asks for the closing brace, as any unclosed block does', async () => {
        const result = await check(`${PLAN_HEADER}
market Europe { countries EU }
product Mug {
    price 28 EUR in Europe
    price 30 USD
`);
        expect(syntaxErrors(result)[0].message).toBe("Expected '}' after 'USD' to close product 'Mug' but found the end of the file.");
        // Where the text ends, as for any unclosed block: not at the word the parser chose between prices by.
        const lines = result.documents.get('plan.mplan')!.textDocument.getText().trimEnd().split('\n');
        expect(syntaxErrors(result)[0]).toMatchObject({ line: lines.length, column: lines[lines.length - 1].length + 1 });
    });

    it('the words of markets, rates, prices per market, discounts and time zones are asked for in words', async () => {
        const result = await check(`${PLAN_HEADER}
market Europe {
    countries
}
market Germany {
    timezone Europe
}
product Mug {
    price EUR in Europe
}
offer {
    discount 20 on Mug
}
`);
        expect(syntaxErrors(result).map(error => error.message)).toEqual([
            "Expected a country or region code such as US, DE, EU or UK after 'countries' but found '}'.",
            'Expected a time zone in quotes, such as "America/New_York" or "Europe/Berlin" after \'timezone\' but found \'Europe\'.',
            "After 'price' comes an amount with its currency, such as 1_500 USD, but found 'EUR'.",
            "Expected '%' or a currency code such as USD or EUR after '20' but found 'on'."
        ]);
        const rate = await check('plan Kiln {\n    currency USD\n    rate 1 = 1.08 USD as of 2027-01-01\n}\n');
        expect(syntaxErrors(rate)[0].message).toBe("Expected a currency code such as USD or EUR after '1' but found '='.");
    });

    it('misspelled channel keyword and channel word', async () => {
        const result = await check(`${PLAN_HEADER}
tactic SpringAds {
    chanel social
}
tactic Newsletter {
    channel emial
}
`);
        expect(syntaxErrors(result).map(f => [f.line, f.column, f.message])).toEqual([
            [7, 5, "Unknown word 'chanel' in tactic 'SpringAds': did you mean 'channel'?"],
            [10, 13, "Unknown word 'emial' in tactic 'Newsletter': did you mean 'email'?"]
        ]);
    });

    it('a misspelled second word of a two-word phrase', async () => {
        const result = await check(`${PLAN_HEADER}
strategy Offices {
    objective "Sign 40 offices" metric customers target at lest 40 by 2027-06-30
}
`);
        expect(syntaxErrors(result)).toEqual([expect.objectContaining({ line: 7, column: 60, message: "Unknown word 'lest' in strategy 'Offices': did you mean 'least'?" })]);
        const [fix] = await fixesFor(result, 'syntax-error');
        expect(fix.result).toContain('target at least 40 by 2027-06-30');
    });

    it('a misspelled block keyword', async () => {
        const result = await check(`${PLAN_HEADER}
tactc SpringAds {
    channel social
}
`);
        expect(syntaxErrors(result)[0]).toMatchObject({ line: 6, column: 1, message: "Unknown word 'tactc': did you mean 'tactic'?" });
    });
});

describe('a syntax error never makes a rule report a fact as missing that is written there', () => {
    const STRATEGY = (objective: string) => `${PLAN_HEADER.replace('currency USD', 'currency USD\n    revisit monthly')}
strategy Offices {
    statement "Win the office managers of downtown"
${objective}
}
`;

    it('an objective with a deadline and a misspelled word after it: only the syntax error', async () => {
        const result = await check(STRATEGY('    objective "Sign 20 offices" metric customers target 20 by 2027-06-30 ownr Ann'));
        const inBlock = result.findings().filter(f => f.line >= 7 && f.line <= 10);
        expect(inBlock.filter(f => f.rule !== 'strategy-without-tactics' && f.rule !== 'strategy-without-target' && f.rule !== 'untargeted-segment'))
            .toEqual([expect.objectContaining({ rule: 'syntax-error', line: 9, message: "Unknown word 'ownr' in strategy 'Offices': did you mean 'owner'?" })]);
    });

    it('an objective whose deadline follows a misspelled word: no false "no deadline"', async () => {
        const result = await check(STRATEGY('    objective "Sign 40 offices" metric customers target at lest 40 by 2027-06-30 owner Ann'));
        expect(result.rules()).toContain('syntax-error');
        expect(result.rules()).not.toContain('objective-not-measurable');
        expect(result.rules()).not.toContain('kpi-without-owner');
    });

    it('the same missing deadline in a block without a syntax error is still reported', async () => {
        const result = await check(STRATEGY('    objective "Sign 40 offices" metric customers target 40 owner Ann') + `
strategy Lunches {
    statement "Sell lunch boxes"
    objective "Sell 100 boxes" metric sales target at lest 100 owner Ann
}
`);
        expect(result.findings().filter(f => f.rule === 'objective-not-measurable')).toEqual([expect.objectContaining({ line: 9 })]);
    });
});

describe('an empty file', () => {
    const EMPTY = 'This file is empty: a plan starts with `plan Name { goal "…" }`; `mplan init` writes a starter plan.';

    it.each([
        ['nothing at all', ''],
        ['only blank lines', '\n  \n\t\n'],
        ['only comments', '// the plan for the spring season\n/* to be written */\n']
    ])('%s: one finding at line 1', async (_, text) => {
        const result = await check(text);
        expect(result.findings()).toEqual([expect.objectContaining({ rule: 'syntax-error', severity: 'error', line: 1, column: 1, message: EMPTY })]);
    });

    it('a library that imports nothing and has no blocks is empty too; one with blocks or imports is not', async () => {
        const result = await check({ 'plan.mplan': `import "lib.mplan"\n${CLEAN_PLAN}`, 'lib.mplan': '// shared segments, one day\n', 'more.mplan': 'import "lib.mplan"\n' });
        expect(syntaxErrors(result, 'lib.mplan').map(f => f.message)).toEqual([EMPTY]);
        expect(syntaxErrors(result, 'more.mplan')).toEqual([]);
        expect(syntaxErrors(result, 'plan.mplan')).toEqual([]);
    });
});

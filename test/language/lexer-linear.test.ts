/**
 * Lexing is linear on every input (issue 18): STRING and ML_COMMENT, whose
 * regexes fail after reading to the end of the line or text, are lexed by
 * matchers that remember what a failed read found
 * (src/language/syntax/linear-terminals.ts). These tests hold the matchers to
 * the grammar's regexes, the lexer's tokens to those of the regex lexer on
 * every example and bench plan, and count the work on the long runs that made
 * the regex lexer quadratic: counts of characters read, tokens and errors,
 * never times.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer as ChevrotainLexer, type ICustomPattern, type IToken, type TokenType } from 'chevrotain';
import fc from 'fast-check';
import { GrammarAST, GrammarUtils, RegExpUtils } from 'langium';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types
import { generatePlan as untypedGeneratePlan, generateWorkspace as untypedGenerateWorkspace } from '../../bench/generate.mjs';
import { blockCommentMatcher, ML_COMMENT_SOURCE, resetScanCount, scanCount, STRING_SOURCE, stringMatcher } from '../../src/language/syntax/linear-terminals.js';
import { MplanTokenBuilder } from '../../src/language/syntax/token-builder.js';
import { CLEAN_PLAN, check, services } from '../helpers.js';

const generatePlan = untypedGeneratePlan as (lines: number, seed?: number) => string;
const generateWorkspace = untypedGenerateWorkspace as (plans: number, libraries: number) => Map<string, string>;
const ROOT = join(__dirname, '..', '..');
const grammar = services.Mplan.Grammar;
const lexer = services.Mplan.parser.Lexer;
const terminals = grammar.rules.filter(GrammarAST.isTerminalRule);
const terminalRegex = (name: string): RegExp => GrammarUtils.terminalRegex(terminals.find(rule => rule.name === name)!);

/** The lexer as Langium builds it from the grammar alone: every terminal its regex. */
function regexLexer(): ChevrotainLexer {
    const tokens = new MplanTokenBuilder().buildTokens(grammar) as TokenType[];
    for (const token of tokens) {
        if (token.name !== 'STRING' && token.name !== 'ML_COMMENT') continue;
        token.PATTERN = terminalRegex(token.name);
        delete token.START_CHARS_HINT;
        delete token.LINE_BREAKS;
    }
    return new ChevrotainLexer(tokens, { positionTracking: 'full' });
}

/** Everything a token says: kind, text and place. */
function shape(token: IToken): string {
    return `${token.tokenType.name} ${JSON.stringify(token.image)} ${token.startOffset}-${token.endOffset} ${token.startLine}:${token.startColumn}-${token.endLine}:${token.endColumn}`;
}

interface Lexed { tokens: string[]; hidden: string[]; errors: string[] }

function lexWithMatchers(text: string): Lexed {
    const result = lexer.tokenize(text);
    return { tokens: result.tokens.map(shape), hidden: result.hidden.map(shape), errors: result.errors.map(e => `${e.offset}+${e.length} ${e.line}:${e.column}`) };
}

const reference = regexLexer();
function lexWithRegexes(text: string): Lexed {
    const result = reference.tokenize(text);
    return { tokens: result.tokens.map(shape), hidden: (result.groups.hidden ?? []).map(shape), errors: result.errors.map(e => `${e.offset}+${e.length} ${e.line}:${e.column}`) };
}

/** Every .mplan file under a folder. */
function plansUnder(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return plansUnder(path);
        return name.endsWith('.mplan') ? [path] : [];
    });
}

/** What the lexer meets when one opener is written many times. */
const FAMILIES: Record<string, (n: number) => string> = {
    'a quote then escaped quotes': n => '"' + '\\"'.repeat(n),
    'quotes each followed by a backslash': n => '"\\'.repeat(n),
    'block comment openers': n => '/* '.repeat(n),
    'block comment openers without spaces': n => '/*'.repeat(n),
    'block comment openers on their own lines': n => '/*\n'.repeat(n),
    'a goal with an unclosed quote on every line': n => 'goal "Sell more \\" \\"\n'.repeat(n),
    'quotes and comment openers mixed': n => '"/* \\"'.repeat(n)
};

describe('the matchers accept exactly what the grammar\'s regexes accept', () => {
    it('the grammar still defines STRING and ML_COMMENT as the matchers implement them', () => {
        // If this fails, the grammar changed a terminal: change its matcher in linear-terminals.ts with it.
        expect([terminalRegex('STRING').source, terminalRegex('STRING').flags]).toEqual([STRING_SOURCE, '']);
        expect([terminalRegex('ML_COMMENT').source, terminalRegex('ML_COMMENT').flags]).toEqual([ML_COMMENT_SOURCE, '']);
    });

    it('the services\' lexer uses them (not the regexes)', () => {
        const definition = lexer.definition;
        for (const name of ['STRING', 'ML_COMMENT']) {
            expect(definition[name].PATTERN).not.toBeInstanceOf(RegExp);
            expect(typeof (definition[name].PATTERN as ICustomPattern).exec).toBe('function');
        }
    });

    it('at every offset of random text, read in order as the lexer reads it', () => {
        const alphabet = fc.constantFrom('"', '\\', '/', '*', '\n', '\r', '\u2028', ' ', 'a', '}');
        const stringRegex = new RegExp(STRING_SOURCE, 'y');
        const commentRegex = new RegExp(ML_COMMENT_SOURCE, 'y');
        fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map(chars => chars.join('')), text => {
            const tokens: IToken[] = [];
            for (let offset = 0; offset <= text.length; offset++) {
                stringRegex.lastIndex = offset;
                commentRegex.lastIndex = offset;
                expect(stringMatcher.exec(text, offset, tokens, {})?.[0] ?? null).toBe(stringRegex.exec(text)?.[0] ?? null);
                expect(blockCommentMatcher.exec(text, offset, tokens, {})?.[0] ?? null).toBe(commentRegex.exec(text)?.[0] ?? null);
            }
        }), { seed: 18, numRuns: 3000 });
    });

    it('what a matcher remembers of one text never answers for another', () => {
        const [string, comment] = [stringMatcher, blockCommentMatcher];
        // The same length, the same openers: only the closing quote and `*/` differ.
        expect(string.exec('"a\\"b\\"c', 0, [], {})).toBeNull();
        expect(string.exec('"a\\"b"\\"c', 3, [], {})?.[0]).toBe('"b"');
        expect(comment.exec('/* a /* b ', 0, [], {})).toBeNull();
        expect(comment.exec('/* a /* */', 5, [], {})?.[0]).toBe('/* */');
    });
});

describe('the lexer gives the same tokens as the regex lexer', () => {
    it('on every example and fixture plan, the design sketch and CLEAN_PLAN', () => {
        const files = [...plansUnder(join(ROOT, 'examples')), ...plansUnder(join(ROOT, 'test', 'fixtures'))];
        expect(files.length).toBeGreaterThan(8);
        for (const text of [...files.map(file => readFileSync(file, 'utf8')), CLEAN_PLAN]) {
            const lexed = lexWithMatchers(text);
            expect(lexed.tokens.length).toBeGreaterThan(20);
            expect(lexed).toEqual(lexWithRegexes(text));
        }
    });

    it('on the bench plans and a bench workspace', () => {
        const texts = [generatePlan(2_000), generatePlan(300, 7), ...generateWorkspace(20, 3).values()];
        for (const text of texts) expect(lexWithMatchers(text)).toEqual(lexWithRegexes(text));
    });

    it('on comments, quotes and escapes in every arrangement, valid and broken, with every line end', () => {
        const pieces = fc.constantFrom('"', '\\', '\\"', '/*', '*/', '/', '*', '//', '\n', '\r\n', '\r', '\u2028', ' ', 'goal', 'plan P {', '}', '2027-01-31', '12:30', '1_000.5', '5%', 'é', '\u0000');
        fc.assert(fc.property(fc.array(pieces, { maxLength: 60 }).map(parts => parts.join('')), text => {
            expect(lexWithMatchers(text)).toEqual(lexWithRegexes(text));
        }), { seed: 18, numRuns: 2000 });
    });

    it('on the long runs, at a size the regex lexer still manages', () => {
        for (const family of Object.values(FAMILIES)) {
            const text = family(300);
            expect(lexWithMatchers(text)).toEqual(lexWithRegexes(text));
        }
    });
});

describe('lexing a long run of openers reads each character a bounded number of times', () => {
    /** Characters the matchers read, tokens and errors, lexing `text` once. */
    function work(text: string): { scanned: number; tokens: number; errors: number } {
        resetScanCount();
        const result = lexer.tokenize(text);
        return { scanned: scanCount(), tokens: result.tokens.length + result.hidden.length, errors: result.errors.length };
    }

    for (const [name, family] of Object.entries(FAMILIES)) {
        it(`${name}: the matchers read at most twice the text, and work, tokens and errors grow in proportion to n`, () => {
            // Every count is a·n + b: the growth from n to 8n is 7 times the growth from n to 2n.
            // The regex lexer read about n²/2 characters on these (16 times more at 8n than at 2n).
            const n = 2_400;
            const [once, twice, eight] = [n, 2 * n, 8 * n].map(size => ({ text: family(size), counts: work(family(size)) }));
            expect(once.counts.scanned).toBeGreaterThan(0);
            for (const { text, counts } of [once, twice, eight]) expect(counts.scanned).toBeLessThanOrEqual(2 * text.length);
            for (const count of ['scanned', 'tokens', 'errors'] as const) {
                expect(eight.counts[count] - once.counts[count]).toBe(7 * (twice.counts[count] - once.counts[count]));
            }
        });
    }

    it('"\\" 64,000 times: one error for the whole line, one read of it', () => {
        const text = '"' + '\\"'.repeat(64_000);
        expect(work(text)).toEqual({ scanned: text.length, tokens: 0, errors: 1 });
    });

    it('64,000 `/* `: one error per opener, and the search for `*/` is done once', () => {
        const text = '/* '.repeat(64_000);
        expect(work(text)).toEqual({ scanned: text.length - 2, tokens: 0, errors: 64_000 });
    });
});

describe('no other terminal can fail after reading far', () => {
    /**
     * For each terminal's regex and a long run of each prefix of the language, the
     * places where the regex fails although the next 64 characters could still
     * begin a match: a failed attempt there reads at least that far, so n such
     * places cost n × the run. Only STRING and ML_COMMENT have them, and they
     * have the matchers above.
     */
    const RUNS = ['"', '\\"', '"\\', '/*', '/* ', '*/', '//', '/', '2027-', '2027-01-', '2027-01-0', '12:', '1:2', '1.', '1_', '1.2.', 'a-', '_', '5%', '-', ' ', 'a', '\n'];
    const WINDOW = 64;

    it('every terminal but STRING and ML_COMMENT fails within a few characters of where it starts', () => {
        const farFailing = new Set<string>();
        for (const terminal of terminals) {
            const regex = GrammarUtils.terminalRegex(terminal);
            const sticky = new RegExp(regex.source, regex.flags + 'y');
            const viable = '^' + regex.source + '$';
            for (const run of RUNS) {
                const text = run.repeat(Math.ceil(3 * WINDOW / run.length));
                for (let offset = 0; offset + WINDOW <= text.length; offset++) {
                    sticky.lastIndex = offset;
                    if (sticky.test(text)) continue;
                    if (RegExpUtils.partialMatches(viable, text.slice(offset, offset + WINDOW))) farFailing.add(terminal.name);
                }
            }
        }
        expect([...farFailing].sort()).toEqual(['ML_COMMENT', 'STRING']);
    });
});

describe('what a user sees for the long runs', () => {
    it('a goal whose quote never closes, followed by 2,000 escaped quotes: one syntax error at the opening quote', async () => {
        const result = await check(`plan Bakery {\n    goal "${'\\"'.repeat(2_000)}\n}\n`);
        const lexing = result.findings().filter(f => f.rule === 'syntax-error' && f.message.includes('closing "'));
        expect(lexing).toEqual([expect.objectContaining({ line: 2, column: 10, message: 'Text in quotes must end with a closing " on the same line.' })]);
    });

    it('a comment that is never closed is named as one, at its opener', async () => {
        const result = await check('plan Bakery {\n    goal "Sell bread"\n}\n/* draft: more tactics later\n');
        expect(result.findings().filter(f => f.rule === 'syntax-error')[0]).toEqual(expect.objectContaining({
            line: 4, column: 1,
            message: 'A comment that starts with /* must end with */, and this one is never closed (a comment on one line can start with // instead).'
        }));
    });
});

/**
 * The extremes, deterministically: lines of 1 MB, names of 100,000
 * characters, braces nested 10,000 deep, numbers no double holds, days that
 * do not exist, unicode that reorders, combines or is not even valid UTF-16,
 * every kind of line end, a byte-order mark, NUL, and plans of thousands of
 * blocks. extremes-size.test.ts and extremes-text.test.ts run them through
 * every service (harness.ts) within the bound, which grows with the size.
 */
import { CLEAN_PLAN } from '../helpers.js';
import { LONG_RUN, Tally } from './config.js';
import { checkFormatterKeepsMeaning, exercise, hasSyntaxErrors, slowestSteps, type Files } from './harness.js';
import { applyMutation, HOSTILE, lex, SEEDS } from './mutations.js';
import { fuzzCase } from './property.js';

const MB = 1_000_000;

/**
 * A count for CI, or a larger one for a long run (`npm run fuzz -- --all`):
 * the cases whose cost grows fastest are kept smaller in CI, where the whole
 * fuzz suite must stay well under a minute.
 */
const size = (ci: number, long: number): number => LONG_RUN ? long : ci;
const count = (n: number): string => n.toLocaleString('en-US');
const P = CLEAN_PLAN;

/** A case: a name and its files. */
export interface Extreme {
    name: string;
    files: Files;
}

const plan = (text: string): Files => ({ 'plan.mplan': text });

/** Every token of a type in a text replaced by `by`. */
function replaceAll(text: string, type: string, by: string): string {
    const tokens = lex(text).filter(t => t.type === type).reverse();
    return tokens.reduce((out, t) => out.slice(0, t.start) + by + out.slice(t.end), text);
}

/** The places a short text is inserted at: the start, a string, a name, a comment, between two words, the end. */
const INSERTIONS: Array<[string, (inserted: string) => string]> = [
    ['at the start of the file', s => s + P],
    ['in a string', s => P.replace('"Fresh"', `"Fr${s}esh"`)],
    ['in a name', s => P.replace('segment Managers', `segment Man${s}agers`)],
    ['in a comment', s => P.replace('plan Bakery {', `plan Bakery { // a ${s} comment`)],
    ['between two words', s => P.replace('budget 3000 USD', `budget${s}3000 USD`)],
    ['at the end of the file', s => P + s]
];

const LONG_NAME = 'M'.repeat(100_000);

/** The extremes of size, built from CLEAN_PLAN: long lines and names, deep nesting, many blocks and files. */
export function extremesOfSize(): Extreme[] {
    return [
        { name: 'a goal of 1 MB on one line', files: plan(P.replace('"Be the caterer of downtown offices"', `"${'x'.repeat(MB)}"`)) },
        { name: 'a line comment of 1 MB', files: plan(P + '// ' + 'c'.repeat(MB) + '\n') },
        { name: '1 MB of spaces between two words', files: plan(P.replace('currency USD', `currency${' '.repeat(MB)}USD`)) },
        { name: 'a line of 1 MB of facts', files: plan(P + 'product Many { ' + 'benefit "x" '.repeat(MB / 12) + '}\n') },
        { name: `a line of ${count(size(30_000, 300_000))} words in one list`, files: plan(P + 'campaign Words { track ' + 'w, '.repeat(size(30_000, 300_000)) + 'w }\n') },
        { name: 'a string of 1 MB never closed', files: plan(P + 'product Open { benefit "' + 'x'.repeat(MB)) },
        { name: 'a block comment of 1 MB never closed', files: plan(P + '/* ' + 'x'.repeat(MB)) },
        // Not 1 MB: the lexer tries every token at each character it cannot read (about 8 µs a
        // character), and completion lexes the block around the cursor again: a run of 1 MB takes a minute.
        { name: `${count(size(20_000, 200_000))} characters that are not part of the language`, files: plan(P + '§'.repeat(size(20_000, 200_000))) },
        { name: `${count(size(250, 1_000))} KB of blocks without a line break`, files: plan(P.replace(/\n/g, ' ').repeat(Math.floor(size(250, 1_000) * 1_000 / P.length))) },
        { name: 'a segment named with 100,000 characters, and targeted by that name', files: plan(P.replace(/Managers/g, LONG_NAME)) },
        { name: 'a reference of 100,000 characters to nothing', files: plan(P.replace('targets Managers', `targets ${LONG_NAME}`)) },
        { name: 'a free word of 100,000 characters', files: plan(P.replace('track sales', `track ${'s'.repeat(100_000)}`)) },
        { name: 'a currency code of 100,000 characters', files: plan(P.replace('price 49 USD', `price 49 ${'U'.repeat(100_000)}`)) },
        { name: '10,000 opening braces in a block', files: plan(P.replace('currency USD', 'currency USD ' + '{'.repeat(10_000))) },
        { name: '10,000 closing braces in a block', files: plan(P.replace('currency USD', 'currency USD ' + '}'.repeat(10_000))) },
        { name: 'braces nested 10,000 deep at the top', files: plan('{'.repeat(10_000) + '}'.repeat(10_000) + P) },
        // 2,000 in long runs too: from about 2,500, the build parses the text without recovery (the
        // stack would overflow), which leaves one block, so completion parses the whole text itself and
        // overflows (it catches that and offers nothing, logging the error), a known limit.
        { name: 'a block and a stray brace 2,000 times over', files: plan('plan P { } }\n'.repeat(2_000)) },
        { name: `${count(size(5_000, 20_000))} braces closed before they open`, files: plan(P + '} {'.repeat(size(5_000, 20_000))) },
        { name: `${count(size(2_000, 10_000))} habits blocks nested in a segment`, files: plan(P.replace('age 28 to 50', 'habits { '.repeat(size(2_000, 10_000)) + '}'.repeat(size(2_000, 10_000)))) },
        { name: `${count(size(2_000, 10_000))} blocks opened and never closed`, files: plan(P + 'tactic T { '.repeat(size(2_000, 10_000))) },
        { name: `an import of itself ${count(size(2_000, 10_000))} times`, files: plan('import "plan.mplan"\n'.repeat(size(2_000, 10_000)) + P) },
        { name: `${count(size(100, 1_000))} copies of the plan in one file (every name declared as often)`, files: plan(P.repeat(size(100, 1_000))) },
        { name: `${count(size(3_000, 20_000))} products, each a spin-off of the next`, files: plan(P + Array.from({ length: size(3_000, 20_000) }, (_, i) => `product P${i} { price ${i} USD spinoff P${i + 1} }\n`).join('')) },
        { name: `${count(size(1_000, 5_000))} campaigns running the same tactic, staffed by the same person`, files: plan(P + Array.from({ length: size(1_000, 5_000) }, (_, i) => `campaign C${i} { budget 1 USD runs Ads staff Ann 50% from 2027-02-01 to 2027-03-01 }\n`).join('')) },
        { name: `a plan importing a ring of ${count(size(100, 300))} libraries`, files: ring(size(100, 300)) }
    ];
}

/**
 * The pathological families of issue 18 (bench/pathological.mjs measures the
 * same): long runs of comment lines (130,000 overflowed the stack), many small
 * blocks with a comment each (quadratic), and the one-line runs the lexer was
 * quadratic on: `"` then `\"` repeated, `/* ` repeated, an unterminated `"a`
 * per line, and a string of escapes.
 */
export function extremesPathological(): Extreme[] {
    const comments = size(130_000, 300_000);
    const blocks = size(5_000, 40_000);
    const quotes = size(1_500, 64_000);
    const openers = size(3_000, 64_000);
    const unterminated = size(2_000, 20_000);
    const escapes = size(50_000, 500_000);
    return [
        { name: `${count(comments)} comment lines in a row, alone`, files: plan(Array.from({ length: comments }, (_, i) => (i % 10 === 0 ? `// idea ${i}` : '//')).join('\n') + '\n') },
        { name: `${count(comments)} comment lines in a row, then the plan`, files: plan('//\n'.repeat(comments) + P) },
        { name: `${count(blocks)} small blocks with a comment each`, files: plan(P + Array.from({ length: blocks }, (_, i) => `// bread of day ${i}\nproduct Bread${i} { price 3 USD } // fresh\n`).join('')) },
        { name: `a quote then ${count(quotes)} escaped quotes, never closed`, files: plan(P + 'product Q { benefit "' + '\\"'.repeat(quotes) + '\n') },
        { name: `${count(openers)} comment openers on one line`, files: plan(P + '/* '.repeat(openers) + '\n') },
        { name: `${count(unterminated)} unterminated strings, one per line`, files: plan(P.replace('goal "Be the caterer of downtown offices"', 'goal "a\n'.repeat(unterminated) + 'goal "Be the caterer of downtown offices"')) },
        { name: `a string of ${count(escapes)} escapes`, files: plan(P.replace('"Be the caterer of downtown offices"', '"' + '\\"\\\\'.repeat(escapes / 2) + '"')) }
    ];
}

/** A plan whose import leads into a ring of `count` libraries, each importing the next and declaring the same blocks. */
function ring(count: number): Files {
    const library = P.replace(/plan Bakery \{[^}]*\}\n/, '');
    const files: Files = { 'plan.mplan': 'import "lib0.mplan"\n' + P };
    for (let i = 0; i < count; i++) files[`lib${i}.mplan`] = `import "lib${(i + 1) % count}.mplan"\n${library}`;
    return files;
}

/** The extremes of text: numbers, days, unicode and controls in every kind of place, line ends, BOM and NUL in the whole corpus. */
export function extremesOfText(): Extreme[] {
    const cases: Extreme[] = [
        { name: 'a day 0000-00-00 and one after 9999', files: plan(P.replace('from 2027-02-01 to 2027-04-30', 'from 0000-00-00 to 99999-12-31')) }
    ];
    for (const value of HOSTILE.numbers) cases.push({ name: `every number written ${JSON.stringify(value.length > 20 ? value.slice(0, 20) + '…' : value)}`, files: plan(replaceAll(P, 'NUMBER', value)) });
    for (const value of HOSTILE.dates) cases.push({ name: `every day written ${value}`, files: plan(replaceAll(P, 'DATE', value)) });
    for (const value of [...HOSTILE.unicode, ...HOSTILE.controls]) {
        for (const [where, make] of INSERTIONS) cases.push({ name: `${JSON.stringify(value)} ${where}`, files: plan(make(value)) });
    }
    for (const seed of SEEDS) {
        for (const [what, change] of [
            ['with Windows line ends', (t: string) => applyMutation(t, { kind: 'line-ends', to: '\r\n' })],
            ['with old Mac line ends', (t: string) => applyMutation(t, { kind: 'line-ends', to: '\r' })],
            ['with mixed line ends', (t: string) => applyMutation(t, { kind: 'line-ends', to: 'mixed' })],
            ['with a byte-order mark', (t: string) => '\uFEFF' + t],
            ['with a byte-order mark and Windows line ends', (t: string) => '\uFEFF' + t.replace(/\n/g, '\r\n')],
            ['with NUL between every line', (t: string) => t.replace(/\n/g, '\n\0')],
            ['with NUL for every space', (t: string) => t.replace(/ /g, '\0')],
            ['with tabs for every space', (t: string) => t.replace(/ /g, '\t')],
            ['on a single line', (t: string) => t.replace(/\/\/[^\n]*/g, '').replace(/\n/g, ' ')]
        ] as const) {
            cases.push({ name: `${seed.name} ${what}`, files: Object.fromEntries(Object.entries(seed.files).map(([path, text]) => [path, change(text)])) });
        }
    }
    return cases;
}

/** Runs each case through every service; those that parse are held to the formatter's promise. */
export async function runExtremes(property: string, cases: Extreme[], file: string): Promise<void> {
    const tally = new Tally(property);
    for (const { name, files } of cases) {
        await fuzzCase(tally, `${property}: ${name}`, files, async () => {
            const started = performance.now();
            try {
                const { documents } = await exercise(files, { cursors: 1 });
                if (documents.every(document => !hasSyntaxErrors(document))) await checkFormatterKeepsMeaning(files, documents);
                if (process.env.FUZZ_DEBUG) console.log(`${Math.round(performance.now() - started)} ms ${name}: ${slowestSteps(4)}`);
            } catch (error) {
                throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
            }
        });
    }
    tally.end(file);
}

/**
 * Mutations of plan text, as fast-check arbitraries: what a half-typed line,
 * a bad paste, a broken editor or a hostile file does to a plan. Token-level
 * ones (delete, duplicate, swap a word) use the language's own lexer;
 * character-level ones cut, insert and replace anywhere. Each mutation is a
 * small record (kind and parameters), so a counterexample prints as what was
 * done rather than as a wall of text; `applyMutation` does it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { RULES } from '../../src/language/rules/index.js';
import { CLEAN_PLAN, services } from '../helpers.js';

const ROOT = join(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
    return readdirSync(dir).sort().flatMap(name => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? filesUnder(full) : name.endsWith('.mplan') ? [full] : [];
    });
}

/** A seed of the corpus: a name and its files (path to text), the file that is mutated first. */
export interface Seed {
    name: string;
    files: Record<string, string>;
}

/**
 * The seed corpus: every example (examples/**, a folder as one workspace with
 * its plan first), the language sketch of the design brief
 * (test/fixtures/design-sketch.mplan, with the market it imports) and the
 * tests' CLEAN_PLAN.
 */
export const SEEDS: readonly Seed[] = (() => {
    const seeds: Seed[] = [];
    const examples = join(ROOT, 'examples');
    for (const name of readdirSync(examples).sort()) {
        const full = join(examples, name);
        if (statSync(full).isDirectory()) {
            const files = filesUnder(full).sort((a, b) => Number(b.endsWith('plan.mplan')) - Number(a.endsWith('plan.mplan')));
            seeds.push({ name: `examples/${name}`, files: Object.fromEntries(files.map(file => [relative(full, file), readFileSync(file, 'utf8')])) });
        } else if (name.endsWith('.mplan')) {
            seeds.push({ name: `examples/${name}`, files: { [name]: readFileSync(full, 'utf8') } });
        }
    }
    const market = join(examples, 'corner-bakery', 'shared', 'market.mplan');
    seeds.push({
        name: 'test/fixtures/design-sketch.mplan',
        files: { 'design-sketch.mplan': readFileSync(join(ROOT, 'test', 'fixtures', 'design-sketch.mplan'), 'utf8'), 'shared/market.mplan': readFileSync(market, 'utf8') }
    });
    seeds.push({ name: 'CLEAN_PLAN', files: { 'plan.mplan': CLEAN_PLAN } });
    return seeds;
})();

/** Where a token of a text is, and what kind it is (the lexer's name: ID, NUMBER, DATE, STRING, a keyword…). */
interface Lexed {
    start: number;
    end: number;
    type: string;
}

/** The tokens of a text, comments included, in order; what the lexer cannot read is left out. */
export function lex(text: string): Lexed[] {
    const result = services.Mplan.parser.Lexer.tokenize(text);
    return [...result.tokens, ...result.hidden]
        .map(token => ({ start: token.startOffset, end: token.startOffset + token.image.length, type: token.tokenType.name }))
        .sort((a, b) => a.start - b.start);
}

/** Strings that break things: numbers no double holds, days that do not exist, unicode that reorders or combines, controls. */
export const HOSTILE = {
    numbers: ['1e400', '9999999999999999999999', '1' + '0'.repeat(400), '0.' + '0'.repeat(400) + '1', '-5', '1.', '.5', '1_000_000_000_000_000_000', 'NaN', 'Infinity', '0x10', '1__'],
    dates: ['2027-02-30', '0000-00-00', '9999-99-99', '2027-13-01', '2028-02-29', '2027-02-29', '1900-02-29', '2027-1-1', '20270101', '2027-00-10'],
    unicode: [
        '\u202E', '\u202Ereversed\u202C', '\u200F', '\u061C', 'שלום', 'مرحبا', 'e' + '\u0301'.repeat(64), '\u0301', '😀', '𝔸𝔹', '\u{10FFFF}',
        '\uD800', '\uDFFF', 'a\uD83Dz', '\u200B', '\u2028', '\u2029', '\u0085', '\u00A0', '\uFEFF', '\uFFFD', '\uFFFF', 'İ', 'ß', 'ǅ'
    ],
    controls: ['\0', '\u0001', '\u0007', '\b', '\u000B', '\f', '\u001B[31m', '\u007F', '\r', '\r\n', '\n\r', '\t']
};

/** One change to a text. Positions are fractions of the text (0 to 1), so a mutation applies to any text. */
export type Mutation =
    | { kind: 'delete-token'; at: number }
    | { kind: 'duplicate-token'; at: number }
    | { kind: 'swap-tokens'; at: number; with: number }
    | { kind: 'replace-token'; at: number; type: 'NUMBER' | 'DATE' | 'ID' | 'STRING' | 'any'; by: string }
    | { kind: 'truncate'; at: number }
    /** `text` inserted, `times` times over (a long run prints short in a counterexample). */
    | { kind: 'insert'; at: number; text: string; times?: number }
    | { kind: 'delete-range'; at: number; length: number }
    | { kind: 'braces'; at: number; brace: '{' | '}'; count: number }
    | { kind: 'remove-braces'; which: '{' | '}'; nth: number }
    | { kind: 'line-ends'; to: '\r\n' | '\r' | 'mixed' | '\n' }
    | { kind: 'bom' }
    | { kind: 'repeat'; at: number; length: number; times: number };

/** The token a fraction points at, among the tokens of a type. */
function tokenAt(tokens: Lexed[], at: number, type?: string): Lexed | undefined {
    const candidates = type && type !== 'any' ? tokens.filter(t => t.type === type) : tokens;
    return candidates.length === 0 ? undefined : candidates[Math.min(candidates.length - 1, Math.floor(at * candidates.length))];
}

const offset = (text: string, at: number) => Math.min(text.length, Math.floor(at * (text.length + 1)));

/** Does a mutation to a text. A mutation that finds nothing to act on (no NUMBER to replace) leaves the text as it is. */
export function applyMutation(text: string, mutation: Mutation): string {
    switch (mutation.kind) {
        case 'delete-token': {
            const token = tokenAt(lex(text), mutation.at);
            return token ? text.slice(0, token.start) + text.slice(token.end) : text;
        }
        case 'duplicate-token': {
            const token = tokenAt(lex(text), mutation.at);
            return token ? text.slice(0, token.end) + ' ' + text.slice(token.start, token.end) + text.slice(token.end) : text;
        }
        case 'swap-tokens': {
            const tokens = lex(text);
            const a = tokenAt(tokens, mutation.at), b = tokenAt(tokens, mutation.with);
            if (!a || !b || a === b) return text;
            const [first, second] = a.start < b.start ? [a, b] : [b, a];
            return text.slice(0, first.start) + text.slice(second.start, second.end) + text.slice(first.end, second.start) + text.slice(first.start, first.end) + text.slice(second.end);
        }
        case 'replace-token': {
            const token = tokenAt(lex(text), mutation.at, mutation.type);
            if (!token) return text;
            const by = mutation.type === 'STRING' ? JSON.stringify(mutation.by) : mutation.by;
            return text.slice(0, token.start) + by + text.slice(token.end);
        }
        case 'truncate':
            return text.slice(0, offset(text, mutation.at));
        case 'insert': {
            const at = offset(text, mutation.at);
            return text.slice(0, at) + mutation.text.repeat(mutation.times ?? 1) + text.slice(at);
        }
        case 'delete-range': {
            const at = offset(text, mutation.at);
            return text.slice(0, at) + text.slice(at + mutation.length);
        }
        case 'braces': {
            const at = offset(text, mutation.at);
            return text.slice(0, at) + mutation.brace.repeat(mutation.count) + text.slice(at);
        }
        case 'remove-braces': {
            const places = [...text.matchAll(mutation.which === '{' ? /\{/g : /\}/g)].map(m => m.index);
            if (places.length === 0) return text;
            const at = places[mutation.nth % places.length];
            return text.slice(0, at) + text.slice(at + 1);
        }
        case 'line-ends': {
            const lines = text.split(/\r\n|\r|\n/);
            if (mutation.to !== 'mixed') return lines.join(mutation.to);
            const ends = ['\n', '\r\n', '\r'];
            return lines.reduce((out, line, i) => i === 0 ? line : out + ends[i % 3] + line, '');
        }
        case 'bom':
            return '\uFEFF' + text;
        case 'repeat': {
            const at = offset(text, mutation.at);
            return text.slice(0, at) + text.slice(at, at + mutation.length).repeat(mutation.times) + text.slice(at);
        }
    }
}

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** Text to insert: hostile strings, random code points, braces, bits of the language, or a long run of one of them. */
const insertion: fc.Arbitrary<{ text: string; times?: number }> = fc.oneof(
    fc.constantFrom(...HOSTILE.unicode, ...HOSTILE.controls),
    fc.string({ unit: 'binary', maxLength: 16 }),
    fc.string({ unit: fc.constantFrom('{', '}', '"', '/', '*', '%', ',', ' ', '\n', '\\', '-', '_', ':', '0', 'a'), maxLength: 24 }),
    fc.constantFrom('"', '/*', '*/', '//', '"unterminated', 'plan P {', 'import "x.mplan"', 'campaign C { budget 1 USD', '} }', 'from', 'to', '%', ',', 'mplan-disable-next-line', '// mplan-disable-next-line no-such-rule\n', '// mplan-disable syntax-error'),
    // Suppression comments naming real rules: the engine drops what they silence, the formatter keeps their lines.
    fc.tuple(fc.constantFrom('next-line', 'file'), fc.uniqueArray(fc.constantFrom(...RULES.map(rule => rule.id)), { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', ' -- why\n', '', '\r\n'))
        .map(([kind, ids, end]) => `// mplan-disable-${kind} ${ids.join(', ')}${end}`),
    fc.tuple(fc.constantFrom('a', ' ', '{', '"x" ', 'x, ', '\u0301', '😀', '\n', '// c\n', 'word '), fc.integer({ min: 100, max: 3_000 })).map(([text, times]) => ({ text, times })),
    // The pathological families of issue 18 (extremes-pathological.test.ts has them at full size).
    fc.tuple(fc.constantFrom('//\n', '\\"', '/* ', '"a\n', '\\\\', '// c\nproduct P { price 1 USD }\n'), fc.integer({ min: 100, max: 3_000 })).map(([text, times]) => ({ text, times }))
).map(inserted => typeof inserted === 'string' ? { text: inserted } : inserted);

/**
 * One mutation of any kind, sized so that a case stays a plan of normal size
 * (runs of up to 3,000 units): the sizes of the extremes (1 MB lines, names of
 * 100,000 characters, 10,000 braces) are tried deterministically in
 * extremes.test.ts.
 */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 4, arbitrary: at.map(a => ({ kind: 'delete-token' as const, at: a })) },
    { weight: 2, arbitrary: at.map(a => ({ kind: 'duplicate-token' as const, at: a })) },
    { weight: 2, arbitrary: fc.tuple(at, at).map(([a, b]) => ({ kind: 'swap-tokens' as const, at: a, with: b })) },
    { weight: 1, arbitrary: fc.tuple(at, fc.constantFrom(...HOSTILE.numbers)).map(([a, by]) => ({ kind: 'replace-token' as const, at: a, type: 'NUMBER' as const, by })) },
    { weight: 1, arbitrary: fc.tuple(at, fc.constantFrom(...HOSTILE.dates)).map(([a, by]) => ({ kind: 'replace-token' as const, at: a, type: 'DATE' as const, by })) },
    { weight: 1, arbitrary: fc.tuple(at, fc.oneof(fc.constantFrom(...HOSTILE.unicode), fc.string({ unit: 'binary', maxLength: 8 }))).map(([a, by]) => ({ kind: 'replace-token' as const, at: a, type: 'ID' as const, by })) },
    { weight: 1, arbitrary: fc.tuple(at, fc.oneof(fc.constantFrom(...HOSTILE.unicode), fc.string({ unit: 'binary', maxLength: 30 }))).map(([a, by]) => ({ kind: 'replace-token' as const, at: a, type: 'STRING' as const, by })) },
    { weight: 3, arbitrary: at.map(a => ({ kind: 'truncate' as const, at: a })) },
    { weight: 4, arbitrary: fc.tuple(at, insertion).map(([a, inserted]) => ({ kind: 'insert' as const, at: a, ...inserted })) },
    { weight: 2, arbitrary: fc.tuple(at, fc.integer({ min: 1, max: 200 })).map(([a, length]) => ({ kind: 'delete-range' as const, at: a, length })) },
    { weight: 2, arbitrary: fc.tuple(at, fc.constantFrom('{' as const, '}' as const), fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 100, max: 3000 }))).map(([a, brace, count]) => ({ kind: 'braces' as const, at: a, brace, count })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('{' as const, '}' as const), fc.nat(100)).map(([which, nth]) => ({ kind: 'remove-braces' as const, which, nth })) },
    { weight: 1, arbitrary: fc.constantFrom('\r\n' as const, '\r' as const, 'mixed' as const, '\n' as const).map(to => ({ kind: 'line-ends' as const, to })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
    { weight: 1, arbitrary: fc.tuple(at, fc.integer({ min: 1, max: 80 }), fc.integer({ min: 2, max: 50 })).map(([a, length, times]) => ({ kind: 'repeat' as const, at: a, length, times })) }
);

/** One to three mutations, done in order. */
export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.array(mutationArb, { minLength: 1, maxLength: 3 });

/** Mutations done to a text, in order. */
export function applyMutations(text: string, mutations: readonly Mutation[]): string {
    return mutations.reduce(applyMutation, text);
}

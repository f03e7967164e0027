/**
 * Incremental re-parsing under fuzzing: a plan (from the seed corpus, or
 * generated and written messily or in the house style) is edited once, by a
 * keystroke-sized change or by one of the mutations of mutations.ts. Whenever
 * the edited block is re-parsed alone, the tree must equal a full parse of the
 * new text (test/language/tree-shape.ts); otherwise the whole text is parsed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, reparse } from '../language/tree-shape.js';
import { planFileArb, printCanonical, printMessy } from './arbitraries.js';
import { assertParameters, PROPERTY_TIMEOUT, Tally } from './config.js';
import { applyMutation, mutationArb, SEEDS } from './mutations.js';

/** A keystroke-sized edit: somewhere in the text (unbiased: not mostly its ends), delete a few characters, insert a few. */
const keystrokeArb = fc.record({
    at: fc.noBias(fc.nat({ max: 999_999 })).map(n => n / 1_000_000),
    removed: fc.nat({ max: 6 }),
    inserted: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('\n', '\r\n', ' ', '"', '}', '{', '// c\n', '/* c */', '9', 'x', 'goal "g"\n', 'é😀'))
});

const textArb = fc.oneof(
    fc.constantFrom(...SEEDS.flatMap(seed => Object.values(seed.files))),
    fc.tuple(planFileArb, fc.boolean()).map(([file, messy]) => messy ? printMessy(file) : printCanonical(file))
);

describe('incremental re-parsing, fuzzed', () => {
    it('one edit of a seed or a generated plan: re-parsed alone only when that equals a full parse', () => {
        const tally = new Tally('incremental edits');
        let incremental = 0;
        fc.assert(fc.property(textArb, fc.oneof({ arbitrary: keystrokeArb, weight: 3 }, { arbitrary: mutationArb, weight: 1 }), (text, edit) => {
            const edited = 'kind' in edit
                ? applyMutation(text, edit)
                : (at => text.slice(0, at) + edit.inserted + text.slice(at + edit.removed))(Math.floor(edit.at * text.length));
            const started = performance.now();
            if (reparse(parse(text), edited)) incremental++;
            tally.count(performance.now() - started);
        }), assertParameters('incremental edits'));
        tally.end(__filename);
        // The property is only worth its cases if many of them take the incremental path.
        expect(incremental).toBeGreaterThan(60);
    }, PROPERTY_TIMEOUT);
});

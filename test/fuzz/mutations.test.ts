/**
 * Fuzzing with broken plans: the seed corpus (the examples, the design
 * sketch, CLEAN_PLAN) and generated plans, mutated (mutations.ts), judged by
 * random settings (as-of day, rule levels, thresholds). Whatever the text,
 * every service answers within the bound without throwing, and where the
 * mutated text still parses, the formatter keeps what it says.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { planFileArb, printCanonical, printMessy, settingsArb } from './arbitraries.js';
import { assertParameters, PROPERTY_TIMEOUT, Tally } from './config.js';
import { build, checkFormatterKeepsMeaning, checkQuickFixes, exercise, withSettings, type Files } from './harness.js';
import { applyMutations, mutationsArb, SEEDS } from './mutations.js';
import { fuzzCase } from './property.js';

/** Runs a case, tries a quick fix, and, where the files still parse, holds the formatter to what they say. */
async function brokenCase(files: Files, salt: number): Promise<void> {
    const { documents } = await exercise(files, { salt });
    await checkQuickFixes(files, documents, 1, salt);
    await checkFormatterKeepsMeaning(files, await build(files));
}

describe('mutated plans', () => {
    it('the seed corpus with words deleted, doubled, swapped or replaced, cut, hostile text inserted, braces unbalanced, line ends changed', async () => {
        const tally = new Tally('mutated seeds');
        // Seeds by name, so that a counterexample prints as the seed's name and the mutations.
        await fc.assert(fc.asyncProperty(fc.constantFrom(...SEEDS.map(s => s.name)), fc.nat(), mutationsArb, settingsArb, async (name, which, mutations, settings) => {
            const seed = SEEDS.find(s => s.name === name)!;
            const paths = Object.keys(seed.files);
            const path = paths[which % paths.length];
            const files = { ...seed.files, [path]: applyMutations(seed.files[path], mutations) };
            await fuzzCase(tally, 'mutated seeds', files, () => withSettings(settings, () => brokenCase(files, which)));
        }), assertParameters('mutated seeds'));
        tally.end(__filename);
    }, PROPERTY_TIMEOUT);

    it('generated plans, written messily or in the house style, mutated the same ways', async () => {
        const tally = new Tally('mutated generated plans');
        await fc.assert(fc.asyncProperty(planFileArb, fc.boolean(), mutationsArb, settingsArb, async (file, messy, mutations, settings) => {
            const files = { [file.path]: applyMutations(messy ? printMessy(file) : printCanonical(file), mutations) };
            await fuzzCase(tally, 'mutated generated plans', files, () => withSettings(settings, () => brokenCase(files, file.layoutSeed)));
        }), assertParameters('mutated generated plans'));
        tally.end(__filename);
    }, PROPERTY_TIMEOUT);
});

/**
 * Truncation at every offset, for the seed corpus: each file of a seed cut
 * after 0, 1, 2, … characters, up to its whole length, as a file is while it
 * is being typed from the top, or after a write that stopped half-way. Not
 * sampled: every cut of every file. The file is cut in place, the other
 * files of its workspace (corner-bakery's) staying as they are, and rebuilt
 * the way the language server rebuilds on a keystroke: the file is parsed
 * again, and it and the files that import it are linked and judged again.
 *
 * Every cut is built and judged by every rule, and gets the model, the
 * formatter, the outline, folding, semantic tokens, and completion and hover
 * at the end of the text, where the typing is; every 32nd cut also gets the
 * rest (the report, selection ranges, inlay hints, code actions, completion
 * and hover elsewhere). A cut that parses is held to the formatter's promise.
 */
import { Tally } from './config.js';
import { askEverything, build, checkFormatterKeepsMeaning, guarded, hasSyntaxErrors, rebuildOne, type Files } from './harness.js';
import type { Seed } from './mutations.js';
import { fuzzCase } from './property.js';

/** Every how many cuts the full set of services is asked. */
const FULL_EVERY = 32;

/**
 * Cuts every file of a seed at every offset of one parity (`half` 0: the even
 * offsets, 1: the odd ones), so that two test files share the work and run
 * side by side. Returns the number of cuts.
 */
export async function sweepTruncations(seed: Seed, half: 0 | 1, file: string): Promise<number> {
    const property = `every cut of ${seed.name} (${half === 0 ? 'even' : 'odd'} offsets)`;
    const tally = new Tally(property);
    const paths = Object.keys(seed.files);
    let cuts = 0;
    for (const path of paths) {
        const text = seed.files[path];
        await build(seed.files);
        for (let offset = half; offset <= text.length; offset += 2) {
            const files: Files = { ...seed.files, [path]: text.slice(0, offset) };
            const level = (offset >> 1) % FULL_EVERY === 0 || offset === text.length ? 'full' : 'light';
            await fuzzCase(tally, property, files, async () => {
                const { documents } = await guarded(files, async () => {
                    const document = await rebuildOne(path, files[path]);
                    await askEverything(document, { level, cursors: 1, salt: offset });
                    return [document];
                });
                if (!hasSyntaxErrors(documents[0])) {
                    // The formatter's promise is checked on a fresh build; the sweep then goes on from it.
                    await checkFormatterKeepsMeaning(files, await build(files));
                    await build(files);
                }
            });
            cuts++;
        }
    }
    tally.end(file);
    return cuts;
}

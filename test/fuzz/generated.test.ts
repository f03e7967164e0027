/**
 * Fuzzing with valid plans generated from the grammar (arbitraries.ts): they
 * parse, every service answers them within the bound, and the formatter writes
 * them exactly in its style without changing what they say.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { messyFiles, planFileArb, printCanonical, printMessy, workspaceArb, type GeneratedFile } from './arbitraries.js';
import { assertParameters, PROPERTY_TIMEOUT, Tally } from './config.js';
import { checkFormatterKeepsMeaning, exercise, formatEditsOf, formatted, FuzzFailure, hasSyntaxErrors } from './harness.js';
import { fuzzCase } from './property.js';
import type { LangiumDocument } from 'langium';

/** The first line where two texts differ, for a failure message. */
function firstDifference(expected: string, actual: string): string {
    const a = expected.split(/\r\n|\r|\n/), b = actual.split(/\r\n|\r|\n/);
    const line = a.findIndex((text, i) => text !== b[i]);
    if (line < 0 && a.length === b.length) return `the line ends differ: expected ${JSON.stringify(expected.match(/\r\n|\r|\n/)?.[0])}, got ${JSON.stringify(actual.match(/\r\n|\r|\n/)?.[0])}`;
    const at = line < 0 ? a.length : line;
    return `line ${at + 1}: expected ${JSON.stringify(a[at])}, got ${JSON.stringify(b[at])}`;
}

function syntaxErrors(document: LangiumDocument): string {
    const { lexerErrors, parserErrors } = document.parseResult;
    return [...lexerErrors.map(e => `${e.line}:${e.column} ${e.message}`), ...parserErrors.map(e => `${e.token.startLine}:${e.token.startColumn} ${e.message}`)].join('; ');
}

/** A generated file must parse, and the formatter must write its messy print as the canonical one. */
async function holdsItsStyle(file: GeneratedFile, document: LangiumDocument): Promise<void> {
    if (hasSyntaxErrors(document)) throw new FuzzFailure('parser', `a plan generated from the grammar does not parse: ${syntaxErrors(document)}`);
    const canonical = printCanonical(file);
    const result = await formatted(document);
    if (result !== canonical) {
        throw new FuzzFailure('formatter', `did not write ${file.path} in its style, ${firstDifference(canonical, result)}\n--- formatted:\n${result}\n--- expected:\n${canonical}`);
    }
    const again = await formatEditsOf(canonical);
    if (again.length > 0) throw new FuzzFailure('formatter', `changes a plan already in its style: ${JSON.stringify(again.slice(0, 3))}`);
}

describe('generated plans', () => {
    it('parse; every service answers within the bound; the formatter writes them in its style and keeps what they say', async () => {
        const tally = new Tally('generated plans');
        await fc.assert(fc.asyncProperty(planFileArb, async file => {
            const files = { [file.path]: printMessy(file) };
            await fuzzCase(tally, 'generated plans', files, async () => {
                const { documents } = await exercise(files, { salt: file.layoutSeed });
                await holdsItsStyle(file, documents[0]);
                await checkFormatterKeepsMeaning(files, documents);
            });
        }), assertParameters('generated plans'));
        tally.end(__filename);
    }, PROPERTY_TIMEOUT);

    it('workspaces of files that import each other (cycles, missing and foreign files included): the same', async () => {
        const tally = new Tally('generated workspaces');
        await fc.assert(fc.asyncProperty(workspaceArb, async generated => {
            const files = messyFiles(generated);
            await fuzzCase(tally, 'generated workspaces', files, async () => {
                const { documents } = await exercise(files, { salt: generated[0].layoutSeed, cursors: 2 });
                for (const [i, file] of generated.entries()) await holdsItsStyle(file, documents[i]);
                await checkFormatterKeepsMeaning(files, documents);
            });
        }), assertParameters('generated workspaces'));
        tally.end(__filename);
    }, PROPERTY_TIMEOUT);
});

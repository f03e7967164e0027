/**
 * Fuzzing with valid plans generated from the grammar (arbitraries.ts): they
 * parse, every service answers them within the bound, and the formatter writes
 * them exactly in its style without changing what they say.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { messyFiles, planFileArb, printCanonical, printMessy, settingsArb, workspaceArb, type GeneratedFile } from './arbitraries.js';
import { assertParameters, PROPERTY_TIMEOUT, Tally } from './config.js';
import { build, checkFormatterKeepsMeaning, checkQuickFixes, exercise, formatEditsOf, formatted, FuzzFailure, hasSyntaxErrors, withSettings } from './harness.js';
import { fuzzCase } from './property.js';
import type { LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';

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
    // Formatting a selection of the whole file is formatting the file (but for the line breaks at its end:
    // a selection that ends at the start of a line leaves that line out); of lines of a formatted file, nothing.
    const messy = document.textDocument;
    const all = { start: { line: 0, character: 0 }, end: messy.positionAt(messy.getText().length) };
    const selected = TextDocument.applyEdits(messy, await formatEditsOf(messy.getText(), all));
    if (selected.trimEnd() !== canonical.trimEnd()) throw new FuzzFailure('range formatter', `formatting a selection of the whole file differs from formatting the file, ${firstDifference(canonical, selected)}\n--- formatted:\n${selected}`);
    const lines = canonical.split(/\r\n|\r|\n/).length;
    const from = file.layoutSeed % lines, to = Math.min(lines - 1, from + (file.layoutSeed >> 8) % 5);
    const some = await formatEditsOf(canonical, { start: { line: from, character: 0 }, end: { line: to + 1, character: 0 } });
    if (some.length > 0) throw new FuzzFailure('range formatter', `changes lines ${from + 1} to ${to + 1} of a plan already in its style: ${JSON.stringify(some.slice(0, 3))}`);
}

describe('generated plans', () => {
    it('parse; every service answers within the bound; quick fixes keep them readable and silencing silences; the formatter writes them in its style and keeps what they say', async () => {
        const tally = new Tally('generated plans');
        await fc.assert(fc.asyncProperty(planFileArb, async file => {
            const files = { [file.path]: printMessy(file) };
            await fuzzCase(tally, 'generated plans', files, async () => {
                const { documents } = await exercise(files, { salt: file.layoutSeed });
                await holdsItsStyle(file, documents[0]);
                await checkQuickFixes(files, documents, 2, file.layoutSeed);
                await checkFormatterKeepsMeaning(files, await build(files));
            });
        }), assertParameters('generated plans'));
        tally.end(__filename);
    }, PROPERTY_TIMEOUT);

    it('workspaces of files that import each other (cycles, missing and foreign files included), judged by random settings: the same', async () => {
        const tally = new Tally('generated workspaces');
        await fc.assert(fc.asyncProperty(workspaceArb, settingsArb, async (generated, settings) => {
            const files = messyFiles(generated);
            await fuzzCase(tally, 'generated workspaces', files, () => withSettings(settings, async () => {
                const { documents } = await exercise(files, { salt: generated[0].layoutSeed, cursors: 2 });
                for (const [i, file] of generated.entries()) await holdsItsStyle(file, documents[i]);
                await checkFormatterKeepsMeaning(files, documents);
            }));
        }), assertParameters('generated workspaces'));
        tally.end(__filename);
    }, PROPERTY_TIMEOUT);
});

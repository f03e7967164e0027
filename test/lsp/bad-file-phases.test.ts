/**
 * One bad file never stops the others, in every phase of a build (parse,
 * index, scopes, link, index references, validate): the language server's
 * document builder (src/language/workspace/document-builder.ts) sets a file
 * whose phase throws aside, with one finding on it, and builds every other
 * file as it would without it. No client can make a later phase throw (that
 * takes a bug in mplan), so this test makes one throw in-process, with the
 * services the server and the CLI use; test/lsp/robustness.test.ts does the
 * parse phase over a real stdio connection.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, it } from 'vitest';
import type { Document } from '../../src/language/generated/ast.js';
import { createMplanServices } from '../../src/language/mplan-module.js';
import { CLEAN_PLAN, MemoryFileSystem } from '../helpers.js';

const fileSystem = new MemoryFileSystem();
const { shared, Mplan } = createMplanServices({ fileSystemProvider: () => fileSystem });
const PLAN = URI.file('/workspace/plan.mplan');
const BAD = URI.file('/workspace/extra.mplan');
/** The bad file: a library the plan does not import, with a block of its own. */
const EXTRA = 'tactic Flyers {\n    channel print\n}\n';

const restore: Array<() => void> = [];
afterEach(async () => {
    for (const undo of restore.splice(0)) undo();
    await clearDocuments(shared);
});

/** Makes `method` of `target` throw for the bad file only, until the test ends. */
function breakFor<T extends object>(target: T, method: keyof T & string): void {
    const original = target[method] as unknown as (...args: unknown[]) => unknown;
    (target as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
        const first = args[0] as LangiumDocument | URI | undefined;
        const uri = first && 'uri' in first ? first.uri : first;
        if (uri?.toString() === BAD.toString()) throw new TypeError('Cannot read properties of undefined (reading \'kind\')');
        return original.apply(this, args);
    };
    restore.push(() => { (target as Record<string, unknown>)[method] = original; });
}

async function build(): Promise<{ plan: LangiumDocument<Document>; bad: LangiumDocument<Document> }> {
    fileSystem.write(PLAN, CLEAN_PLAN);
    fileSystem.write(BAD, EXTRA);
    const documents = [PLAN, BAD].map(uri => {
        const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(fileSystem.readFileSync(uri), uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { plan: documents[0], bad: documents[1] };
}

const shown = (document: LangiumDocument) => (document.diagnostics ?? []).map(d => ({ code: d.code, line: d.range.start.line, message: d.message }));

const PHASES: Array<[string, () => void, string]> = [
    ['indexing', () => breakFor(shared.workspace.IndexManager, 'updateContent'), 'indexing its names'],
    ['scopes', () => breakFor(Mplan.references.ScopeComputation, 'collectLocalSymbols'), 'computing its scopes'],
    ['linking', () => breakFor(Mplan.references.Linker, 'link'), 'linking its references'],
    ['indexing references', () => breakFor(shared.workspace.IndexManager, 'updateReferences'), 'indexing its references'],
    ['validation', () => breakFor(Mplan.validation.DocumentValidator, 'validateDocument'), 'judging it']
];

describe('a file whose build throws', () => {
    it('the files as they are, without a fault: the plan is clean, the library has one finding of its own', async () => {
        const { plan, bad } = await build();
        expect(shown(plan)).toEqual([]);
        expect(shown(bad).map(d => d.code)).toEqual(['tactic-without-strategy']);
    });

    for (const [phase, breakIt, words] of PHASES) {
        it(`in ${phase}: one finding on it, and the other file is built and judged as without it`, async () => {
            breakIt();
            const { plan, bad } = await build();
            expect(plan.state).toBe(DocumentState.Validated);
            expect(shown(plan)).toEqual([]);
            expect(shown(bad)).toEqual([{
                code: 'syntax-error',
                line: 0,
                message: `mplan could not check this file: an internal error while ${words} (Cannot read properties of undefined (reading 'kind')); please report it. The other files are checked as usual.`
            }]);
            // Its names are not seen by the others: it is an empty file to them.
            const exported = shared.workspace.IndexManager.allElements().filter(d => d.documentUri.toString() === BAD.toString()).toArray();
            expect(exported).toEqual([]);
            // Once the fault is gone, a change of the file builds it as usual.
            for (const undo of restore.splice(0)) undo();
            fileSystem.write(BAD, EXTRA + '// changed\n');
            await shared.workspace.DocumentBuilder.update([BAD], []);
            expect(shown(bad).map(d => d.code)).toEqual(['tactic-without-strategy']);
        });
    }

    it('in parsing (its text cannot be read): one finding that says why, and the plan is judged', async () => {
        const readFile = fileSystem.readFile.bind(fileSystem);
        fileSystem.readFile = async uri => {
            if (uri.toString() === BAD.toString()) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
            return readFile(uri);
        };
        restore.push(() => { fileSystem.readFile = readFile; });
        const { plan, bad } = await build();
        // A change of the bad file on disk: the builder reads it again, and cannot.
        await shared.workspace.DocumentBuilder.update([BAD], []);
        expect(shown(plan)).toEqual([]);
        expect(shown(bad)).toEqual([{ code: 'syntax-error', line: 0, message: 'mplan could not check this file: permission denied. The other files are checked as usual.' }]);
    });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, LocationLink, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { BAKERY, fixtureWorkspace, LspClient, PINNED, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const PLAN = join(BAKERY, 'plan.mplan');
const MARKET = join(BAKERY, 'shared', 'market.mplan');
const OFFER = join(BAKERY, 'shared', 'offer.mplan');
const PRODUCTS = join(BAKERY, 'shared', 'products.mplan');

function read(path: string): string {
    return readFileSync(path, 'utf8');
}

/** The position of the `nth` occurrence of `needle` in `text` (plus `shift` characters). */
function at(text: string, needle: string, nth = 0, shift = 0): Position {
    let index = -1;
    for (let i = 0; i <= nth; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`'${needle}' occurs fewer than ${nth + 1} times`);
    }
    const before = text.slice(0, index + shift).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

function range(line: number, start: number, end: number): Range {
    return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * Opens the corner-bakery plan (the fixture copy) in a server started on its folder: the other three files
 * are read from disk. Judged by the pinned rules, under which the plan is clean.
 */
async function openBakery(): Promise<LspClient> {
    const started = await LspClient.start({ workspace: BAKERY, initializationOptions: PINNED });
    const diagnostics = await started.open(uri(PLAN), read(PLAN));
    expect(diagnostics).toEqual([]);
    return started;
}

/** Locations and location links alike, as file and range. */
function targets(result: Array<Location | LocationLink> | Location | null): Array<{ uri: string; range: Range }> {
    if (!result) return [];
    const list = Array.isArray(result) ? result : [result];
    return list.map(item => ('targetUri' in item ? { uri: item.targetUri, range: item.targetSelectionRange } : { uri: item.uri, range: item.range }));
}

function sorted(locations: Array<{ uri: string; range: Range }>): string[] {
    return locations.map(l => `${l.uri.slice(l.uri.lastIndexOf('/corner-bakery/') + 15)}:${l.range.start.line + 1}:${l.range.start.character + 1}-${l.range.end.character + 1}`).sort();
}

/** A workspace edit applied to texts (by URI). */
function apply(edit: WorkspaceEdit, texts: Record<string, string>): Record<string, string> {
    const result = { ...texts };
    for (const [target, edits] of Object.entries(edit.changes ?? {})) {
        if (result[target] === undefined) throw new Error(`an edit for a file not given: ${target}`);
        result[target] = TextDocument.applyEdits(TextDocument.create(target, 'mplan', 1, result[target]), edits as TextEdit[]);
    }
    return result;
}

/** The error a request is refused with. */
async function refusal(request: Promise<unknown>): Promise<{ code: number; message: string }> {
    try {
        await request;
    } catch (error) {
        return error as { code: number; message: string };
    }
    throw new Error('the request was not refused');
}

describe('go to definition over LSP', () => {
    it('goes from a segment named in plan.mplan to its declaration in shared/market.mplan', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const result = await client.request<Location[] | LocationLink[]>('textDocument/definition', {
            textDocument: { uri: uri(PLAN) }, position: at(plan, 'targets OfficeManagers', 0, 'targets Office'.length)
        });
        expect(targets(result)).toEqual([{ uri: uri(MARKET), range: range(3, 8, 22) }]);
    });

    it('goes from a product in an imported library (offer.mplan) to products.mplan, through the import of an import', async () => {
        client = await openBakery();
        const offer = read(OFFER);
        await client.open(uri(OFFER), offer);
        const result = await client.request<Location[] | LocationLink[]>('textDocument/definition', {
            textDocument: { uri: uri(OFFER) }, position: at(offer, 'PastryPlatter')
        });
        expect(targets(result)).toEqual([{ uri: uri(PRODUCTS), range: range(11, 8, 21) }]);
    });

    it('finds nothing for a name that refers to nothing, and for a keyword', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/nav-unresolved.mplan';
        const text = 'tactic Loose {\n    serves Nowhere\n    channel seo\n}\n';
        await client.open(doc, text);
        expect(targets(await client.request('textDocument/definition', { textDocument: { uri: doc }, position: at(text, 'Nowhere', 0, 2) }))).toEqual([]);
        expect(targets(await client.request('textDocument/definition', { textDocument: { uri: doc }, position: at(text, 'channel', 0, 2) }))).toEqual([]);
    });
});

describe('go to definition for clients with and without location links', () => {
    it('gives links to a client that declares linkSupport, and locations on the name to one that does not (Vim\'s ALE)', async () => {
        const plan = read(PLAN);
        const position = at(plan, 'targets OfficeManagers', 0, 'targets Office'.length);
        // ALE 3.3 declares `definition: { linkSupport: false }` and jumped to a link's targetRange: the start of the block.
        client = await LspClient.start({ workspace: BAKERY, initializationOptions: PINNED, capabilities: { textDocument: { definition: { linkSupport: false } } } });
        await client.open(uri(PLAN), plan);
        expect(await client.request('textDocument/definition', { textDocument: { uri: uri(PLAN) }, position })).toEqual([{ uri: uri(MARKET), range: range(3, 8, 22) }]);
        await client.stop();
        client = await LspClient.start({ workspace: BAKERY, initializationOptions: PINNED, capabilities: { textDocument: { definition: { linkSupport: true } } } });
        await client.open(uri(PLAN), plan);
        const [link] = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: uri(PLAN) }, position });
        expect(link).toMatchObject({ targetUri: uri(MARKET), targetSelectionRange: range(3, 8, 22) });
        expect(link.targetRange.end.line).toBeGreaterThan(3);
    });
});

describe('find references over LSP', () => {
    const CATERING_BOX = [
        'plan.mplan:14:11-22', // focus CateringBox
        'plan.mplan:24:14-25', // strategy: promotes CateringBox
        'plan.mplan:60:14-25', // campaign: promotes CateringBox
        'shared/offer.mplan:19:12-23', // upsell CateringBox to PastryPlatter
        'shared/products.mplan:15:17-28' // complements CateringBox
    ];

    it('lists every use of a product across the files of the plan, from its declaration', async () => {
        client = await openBakery();
        const products = read(PRODUCTS);
        await client.open(uri(PRODUCTS), products);
        const position = at(products, 'product CateringBox', 0, 'product Cat'.length);
        const withDeclaration = await client.request<Location[]>('textDocument/references', {
            textDocument: { uri: uri(PRODUCTS) }, position, context: { includeDeclaration: true }
        });
        expect(sorted(withDeclaration)).toEqual([...CATERING_BOX, 'shared/products.mplan:3:9-20'].sort());
        const withoutDeclaration = await client.request<Location[]>('textDocument/references', {
            textDocument: { uri: uri(PRODUCTS) }, position, context: { includeDeclaration: false }
        });
        expect(sorted(withoutDeclaration)).toEqual([...CATERING_BOX].sort());
    });

    it('lists the same uses from a reference in another file', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const result = await client.request<Location[]>('textDocument/references', {
            textDocument: { uri: uri(PLAN) }, position: at(plan, 'focus CateringBox', 0, 'focus '.length), context: { includeDeclaration: false }
        });
        expect(sorted(result)).toEqual([...CATERING_BOX].sort());
    });

    it('after edits inside blocks (re-parsed alone), lists the uses where they are now, a new one included', async () => {
        client = await openBakery();
        let plan = read(PLAN);
        // Two comment lines typed into the plan block move everything after it down; a new use is added in a strategy.
        plan = plan.replace('revisit every quarter', 'revisit every quarter\n    // one\n    // two');
        await client.change(uri(PLAN), plan);
        const strategyPromotes = plan.indexOf('promotes CateringBox');
        plan = plan.slice(0, strategyPromotes) + 'promotes CateringBox\n    ' + plan.slice(strategyPromotes);
        const diagnostics = await client.change(uri(PLAN), plan);
        expect(diagnostics.filter(d => d.code === 'syntax-error')).toEqual([]);
        const result = await client.request<Location[]>('textDocument/references', {
            textDocument: { uri: uri(PLAN) }, position: at(plan, 'focus CateringBox', 0, 'focus '.length), context: { includeDeclaration: false }
        });
        expect(sorted(result)).toEqual([
            'plan.mplan:14:11-22', 'plan.mplan:26:14-25', 'plan.mplan:27:14-25', 'plan.mplan:63:14-25',
            'shared/offer.mplan:19:12-23', 'shared/products.mplan:15:17-28'
        ].sort());
    });

    it('lists the uses of a segment: targets and audiences in plan.mplan, the influencer in market.mplan, not the text of a string', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const result = await client.request<Location[]>('textDocument/references', {
            textDocument: { uri: uri(PLAN) }, position: at(plan, 'audience OfficeManagers', 1, 'audience '.length), context: { includeDeclaration: true }
        });
        expect(sorted(result)).toEqual([
            'plan.mplan:20:13-27', 'plan.mplan:30:14-28', 'plan.mplan:40:14-28', 'plan.mplan:49:14-28',
            'shared/market.mplan:22:16-30', 'shared/market.mplan:4:9-23'
        ]);
    });
});

describe('rename over LSP', () => {
    it('prepares a rename on a name or a reference, with the range of the name', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const onReference = await client.request<Range>('textDocument/prepareRename', { textDocument: { uri: uri(PLAN) }, position: at(plan, 'targets OfficeManagers', 0, 12) });
        expect(onReference).toEqual(range(19, 12, 26));
        const onDeclaration = await client.request<Range>('textDocument/prepareRename', { textDocument: { uri: uri(PLAN) }, position: at(plan, 'tactic LocalSearch', 0, 'tactic '.length) });
        expect(onDeclaration).toEqual(range(36, 7, 18));
        // The cursor just after the name still renames it.
        const afterName = await client.request<Range>('textDocument/prepareRename', { textDocument: { uri: uri(PLAN) }, position: at(plan, 'tactic LocalSearch', 0, 'tactic LocalSearch'.length) });
        expect(afterName).toEqual(range(36, 7, 18));
    });

    it('refuses to prepare a rename on a keyword, a free word or a name that refers to nothing, and says why', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const keyword = await refusal(client.request('textDocument/prepareRename', { textDocument: { uri: uri(PLAN) }, position: at(plan, 'serves OfficeCatering', 0, 2) }));
        expect(keyword.message).toBe('Put the cursor on the name of a block, or on a name that refers to one, to rename it.');
        const platform = await refusal(client.request('textDocument/prepareRename', { textDocument: { uri: uri(PLAN) }, position: at(plan, 'on linkedin', 0, 5) }));
        expect(platform.message).toBe('Put the cursor on the name of a block, or on a name that refers to one, to rename it.');
        const broken = plan.replace('serves OfficeCatering\n    channel ppc', 'serves OfficeCaterin\n    channel ppc');
        await client.change(uri(PLAN), broken);
        const unresolved = await refusal(client.request('textDocument/prepareRename', { textDocument: { uri: uri(PLAN) }, position: at(broken, 'OfficeCaterin\n', 0, 3) }));
        expect(unresolved.message).toBe("'OfficeCaterin' refers to no strategy this file can see, so there is nothing to rename. Declare it, or import the file that does.");
    });

    it('renames a segment in its file and in every file that names it, and the plan stays clean', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
            textDocument: { uri: uri(PLAN) }, position: at(plan, 'audience OfficeManagers', 2, 'audience Off'.length), newName: 'OfficeBuyers'
        });
        const changes = Object.fromEntries(Object.entries(edit.changes ?? {}).map(([file, edits]) => [file, edits.map(e => `${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.character + 1} ${e.newText}`).sort()]));
        expect(changes).toEqual({
            [uri(PLAN)]: ['20:13-27 OfficeBuyers', '30:14-28 OfficeBuyers', '40:14-28 OfficeBuyers', '49:14-28 OfficeBuyers'],
            [uri(MARKET)]: ['22:16-30 OfficeBuyers', '4:9-23 OfficeBuyers']
        });
        const renamed = apply(edit, { [uri(PLAN)]: plan, [uri(MARKET)]: read(MARKET) });
        expect(renamed[uri(MARKET)]).toContain('"r/OfficeManagers"');
        expect(renamed[uri(MARKET)]).not.toMatch(/segment OfficeManagers|influences OfficeManagers/);
        // The editor applies the edit to both files. With only market.mplan changed, the plan names a segment
        // that is gone; once plan.mplan changes too, both files are clean again.
        const stale = client.nextDiagnostics(uri(PLAN), d => d.some(x => x.code === 'unresolved-reference'));
        await client.open(uri(MARKET), renamed[uri(MARKET)]);
        await stale;
        const market = client.nextDiagnostics(uri(MARKET));
        expect(await client.change(uri(PLAN), renamed[uri(PLAN)])).toEqual([]);
        expect(await market).toEqual([]);
    });

    it('renames a product used in four files from a reference in the plan', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
            textDocument: { uri: uri(PLAN) }, position: at(plan, 'focus CateringBox', 0, 'focus '.length), newName: 'LunchBox'
        });
        const renamed = apply(edit, { [uri(PLAN)]: plan, [uri(OFFER)]: read(OFFER), [uri(PRODUCTS)]: read(PRODUCTS) });
        expect(Object.keys(edit.changes ?? {}).sort()).toEqual([uri(PLAN), uri(OFFER), uri(PRODUCTS)].sort());
        expect(renamed[uri(PLAN)].match(/LunchBox/g)).toHaveLength(3);
        expect(renamed[uri(OFFER)]).toContain('upsell LunchBox to PastryPlatter');
        expect(renamed[uri(PRODUCTS)]).toContain('product LunchBox {');
        expect(renamed[uri(PRODUCTS)]).toContain('complements LunchBox');
        expect(Object.values(renamed).join('\n')).not.toContain('CateringBox');
    });

    it('refuses a name another block of the same kind already has in the same file', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const error = await refusal(client.request('textDocument/rename', {
            textDocument: { uri: uri(PLAN) }, position: at(plan, 'targets OfficeManagers', 0, 10), newName: 'TeamAssistants'
        }));
        expect(error.message).toBe("Another segment in shared/market.mplan is already named 'TeamAssistants' (line 20): two segments with one name would make the plan ambiguous. Choose another name.");
    });

    it('refuses a name that is not a name, or that is a word of the language', async () => {
        client = await openBakery();
        const plan = read(PLAN);
        const position = at(plan, 'tactic LocalSearch', 0, 'tactic '.length);
        const spaced = await refusal(client.request('textDocument/rename', { textDocument: { uri: uri(PLAN) }, position, newName: 'Local Search' }));
        expect(spaced.message).toBe("'Local Search' cannot be the name of a tactic: a name starts with a letter (or '_') and holds only letters, digits, '_' and '-', with no spaces.");
        const digit = await refusal(client.request('textDocument/rename', { textDocument: { uri: uri(PLAN) }, position, newName: '2ndSearch' }));
        expect(digit.message).toContain("'2ndSearch' cannot be the name of a tactic");
        const keyword = await refusal(client.request('textDocument/rename', { textDocument: { uri: uri(PLAN) }, position, newName: 'budget' }));
        expect(keyword.message).toBe("'budget' is one of mplan's own words, so it cannot name a tactic. Choose another name.");
        // A name that differs from a keyword by case is a name.
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri(PLAN) }, position, newName: 'Budget' });
        expect(edit.changes?.[uri(PLAN)]?.map(e => e.newText)).toEqual(['Budget', 'Budget']);
    });
});

describe('rename collisions across files', () => {
    /** A workspace: a library of segments, a plan that imports it, and an unrelated file. */
    function workspace(): string {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-rename-'));
        writeFileSync(join(dir, 'lib.mplan'), 'segment Buyers {\n    who "Buyers"\n}\n');
        writeFileSync(join(dir, 'plan.mplan'), 'import "lib.mplan"\n\nplan P {\n    goal "Sell"\n}\n\nsegment Locals {\n    who "Locals"\n}\n\nstrategy S {\n    statement "Win"\n    targets Buyers, Locals\n}\n');
        writeFileSync(join(dir, 'other.mplan'), 'segment Tourists {\n    who "Visitors"\n}\n');
        return dir;
    }

    it('refuses, in a library, a name that a plan importing it already uses: the plan would see both', async () => {
        const dir = workspace();
        client = await LspClient.start({ workspace: dir });
        const lib = read(join(dir, 'lib.mplan'));
        await client.open(uri(join(dir, 'lib.mplan')), lib);
        const error = await refusal(client.request('textDocument/rename', {
            textDocument: { uri: uri(join(dir, 'lib.mplan')) }, position: at(lib, 'Buyers'), newName: 'Locals'
        }));
        expect(error.message).toBe("Another segment is already named 'Locals' (plan.mplan, line 7), and plan.mplan sees both: two segments with one name would make the plan ambiguous. Choose another name.");
    });

    it('refuses, in a plan, the name of a block of an imported file', async () => {
        const dir = workspace();
        client = await LspClient.start({ workspace: dir });
        const plan = read(join(dir, 'plan.mplan'));
        await client.open(uri(join(dir, 'plan.mplan')), plan);
        const error = await refusal(client.request('textDocument/rename', {
            textDocument: { uri: uri(join(dir, 'plan.mplan')) }, position: at(plan, 'Buyers, Locals', 0, 'Buyers, '.length), newName: 'Buyers'
        }));
        expect(error.message).toBe("Another segment is already named 'Buyers' (lib.mplan, line 1), and plan.mplan sees both: two segments with one name would make the plan ambiguous. Choose another name.");
    });

    it('accepts a name used only in a file the plan does not import, and renames the references of every file', async () => {
        const dir = workspace();
        client = await LspClient.start({ workspace: dir });
        const lib = read(join(dir, 'lib.mplan'));
        await client.open(uri(join(dir, 'lib.mplan')), lib);
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
            textDocument: { uri: uri(join(dir, 'lib.mplan')) }, position: at(lib, 'Buyers', 0, 6), newName: 'Tourists'
        });
        expect(edit.changes).toEqual({
            [uri(join(dir, 'lib.mplan'))]: [{ range: range(0, 8, 14), newText: 'Tourists' }],
            [uri(join(dir, 'plan.mplan'))]: [{ range: range(12, 12, 18), newText: 'Tourists' }]
        });
    });

    it('keeps a renamed copy of the example clean when applied to the files on disk', async () => {
        const dir = fixtureWorkspace('corner-bakery', {}, 'mplan-rename-bakery-');
        client = await LspClient.start({ workspace: dir });
        const planPath = join(dir, 'plan.mplan');
        const plan = read(planPath);
        expect(await client.open(uri(planPath), plan)).toEqual([]);
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
            textDocument: { uri: uri(planPath) }, position: at(plan, 'serves OfficeCatering', 0, 'serves '.length), newName: 'DowntownOffices'
        });
        expect(Object.keys(edit.changes ?? {})).toEqual([uri(planPath)]);
        const renamed = apply(edit, { [uri(planPath)]: plan })[uri(planPath)];
        expect(renamed.match(/DowntownOffices/g)).toHaveLength(4);
        expect(await client.change(uri(planPath), renamed)).toEqual([]);
    });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { LspClient, PLANS, ROOT, uri } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const OPTIONS: FormattingOptions = { tabSize: 4, insertSpaces: true };

/** Asks the server to format a document (or a range of it) and applies its edits as an editor would. */
async function formatOver(lsp: LspClient, doc: string, text: string, range?: Range, options = OPTIONS): Promise<{ edits: TextEdit[]; result: string }> {
    const edits = range
        ? await lsp.request<TextEdit[] | null>('textDocument/rangeFormatting', { textDocument: { uri: doc }, options, range })
        : await lsp.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri: doc }, options });
    return { edits: edits ?? [], result: TextDocument.applyEdits(TextDocument.create(doc, 'mplan', 1, text), edits ?? []) };
}

/** What diagnostics say, without where: formatting moves them, but must not change them. */
function said(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => `${d.code} ${(typeof d.message === 'string' ? d.message : d.message.value).replace(/line \d+/g, 'line N')}`).sort();
}

const MESSY = `   // Spring campaign for the bakery.
import "shared.mplan"
tactic LinkedInAds {serves OfficeCatering   channel ppc on linkedin // where the managers are
  budget 3_000 USD
        from 2027-02-01 to 2027-04-30 }



campaign Spring { budget 10_000 USD staff Ann 50 %, Raj from marketing ,sales
runs LinkedInAds
  /* results once it has run */
  results { sales 340 "orders"  satisfaction 92 % } }
offer { guarantee money back 30 days claim "Reply to the receipt" refunds "The full price" payments card, paypal }
`;

const FORMATTED = `// Spring campaign for the bakery.
import "shared.mplan"
tactic LinkedInAds {
    serves OfficeCatering
    channel ppc on linkedin // where the managers are
    budget 3_000 USD
    from 2027-02-01 to 2027-04-30
}

campaign Spring {
    budget 10_000 USD
    staff Ann 50%, Raj from marketing, sales
    runs LinkedInAds
    /* results once it has run */
    results {
        sales 340 "orders"
        satisfaction 92%
    }
}
offer {
    guarantee money back 30 days
        claim "Reply to the receipt"
        refunds "The full price"
    payments card, paypal
}
`;

describe('formatting over LSP', () => {
    it('formats a whole plan: one fact a line, four spaces a level, comments kept; a second request finds nothing to change', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/format-plan.mplan';
        await client.open(doc, MESSY);
        const { result } = await formatOver(client, doc, MESSY);
        expect(result).toBe(FORMATTED);
        await client.change(doc, result);
        expect((await formatOver(client, doc, result)).edits).toEqual([]);
    });

    it('uses four spaces whatever tab settings the editor sends', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/format-tabs.mplan';
        const text = 'tactic T {\n\tserves S\n}\n';
        await client.open(doc, text);
        expect((await formatOver(client, doc, text, undefined, { tabSize: 2, insertSpaces: false })).result).toBe('tactic T {\n    serves S\n}\n');
    });

    it('formats only the lines of a range', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/format-range.mplan';
        await client.open(doc, MESSY);
        // Lines 3 to 4: the budget and the period of LinkedInAds.
        const { result, edits } = await formatOver(client, doc, MESSY, { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } });
        const before = MESSY.split('\n');
        const after = result.split('\n');
        expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
        expect(after.slice(3, 6)).toEqual(['    budget 3_000 USD', '    from 2027-02-01 to 2027-04-30', '}']);
        expect(after.slice(6)).toEqual(before.slice(5));
        expect(edits.every(edit => edit.range.start.line >= 3 && edit.range.end.line <= 4)).toBe(true);
    });

    it('leaves a file alone from its first syntax error on, and formats what is above it', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/format-broken.mplan';
        const text = 'tactic T {   serves S }\ncampaign C {\n  budget 10\n}\ntactic U {   serves S }\n';
        const diagnostics = await client.open(doc, text);
        expect(diagnostics.map(d => d.code)).toContain('syntax-error');
        expect((await formatOver(client, doc, text)).result).toBe('tactic T {\n    serves S\n}\ncampaign C {\n    budget 10\n}\ntactic U {   serves S }\n');
        const first = 'tactic {   serves S }\ntactic U {   serves S }\n';
        await client.change(doc, first);
        expect((await formatOver(client, doc, first)).edits).toEqual([]);
    });

    it('finds the example plans already formatted', async () => {
        const workspace = join(ROOT, 'examples', 'corner-bakery');
        client = await LspClient.start({ workspace });
        const files = [join(workspace, 'plan.mplan'), ...readdirSync(join(workspace, 'shared')).map(name => join(workspace, 'shared', name)), join(ROOT, 'examples', 'ebook-list.mplan'), join(ROOT, 'examples', 'phone-retailer.mplan')];
        for (const file of files) {
            const text = readFileSync(file, 'utf8');
            await client.open(uri(file), text);
            expect((await formatOver(client, uri(file), text)).edits, file).toEqual([]);
        }
    });

    it('changes no finding: the same diagnostics before and after, suppressions included', async () => {
        client = await LspClient.start();
        const doc = 'file:///tmp/format-findings.mplan';
        const text = readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8')
            .replace(/\n {4}/g, '  ')
            .replace('tactic ForumPosts', '// mplan-disable-next-line tactic-without-strategy\ntactic ForumPosts')
            + 'tactic Flyers { channel print } // mplan-disable-next-line tactic-without-strategy\n';
        const before = await client.open(doc, text);
        expect(before.map(d => d.code)).toEqual(expect.arrayContaining(['budget-overrun', 'unresolved-reference', 'unused-suppression']));
        expect(before.filter(d => d.code === 'tactic-without-strategy').map(d => d.message)).toEqual([expect.stringContaining('Flyers')]);
        const { result } = await formatOver(client, doc, text);
        // The silenced line keeps its facts (only its spacing is tidied), so the comment still silences them.
        expect(result).toContain('// mplan-disable-next-line tactic-without-strategy\ntactic ForumPosts { channel forum on "r/Sourdough" audience HomeBakers');
        expect(result).toContain('tactic Newsletter {\n    serves ListFirst\n    channel email\n');
        const after = await client.change(doc, result);
        expect(said(after)).toEqual(said(before));
    });
});

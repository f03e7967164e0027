import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const DOC = 'file:///tmp/actions-plan.mplan';
const TEXT = 'strategy Office { statement "Own office catering" }\nstrategy Online { statement "Sell online" }\n    tactic Flyers { channel print }\n';

async function actionsFor(diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client!.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: DOC }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
}

describe('code actions over LSP', () => {
    it('offer every fix the rule declares, then silencing the rule on that line', async () => {
        client = await LspClient.start();
        const diagnostics = await client.open(DOC, TEXT);
        const finding = diagnostics.find(d => d.code === 'tactic-without-strategy')!;
        const actions = await actionsFor(finding);
        expect(actions.map(a => a.title)).toEqual(["Serve strategy 'Office'", "Serve strategy 'Online'", "Silence 'tactic-without-strategy' on this line"]);
        expect(actions.every(a => a.diagnostics?.[0].code === 'tactic-without-strategy')).toBe(true);
    });

    it('silencing inserts a suppression comment with the line\'s indentation, and the finding goes away', async () => {
        client = await LspClient.start();
        const diagnostics = await client.open(DOC, TEXT);
        const silence = (await actionsFor(diagnostics.find(d => d.code === 'tactic-without-strategy')!)).at(-1)!;
        const edited = TextDocument.applyEdits(TextDocument.create(DOC, 'mplan', 1, TEXT), silence.edit!.changes![DOC]);
        expect(edited.split('\n')[2]).toBe('    // mplan-disable-next-line tactic-without-strategy');
        const after = await client.change(DOC, edited);
        expect(after.map(d => d.code)).not.toContain('tactic-without-strategy');
        expect(after.map(d => d.code)).not.toContain('unused-suppression');
    });

    it('still offers a suggestion as a quick fix, never preferred, beside a preferred safe fix', async () => {
        client = await LspClient.start();
        // A tea shop's plan: no way to pay named yet, and a misspelt strategy.
        const shop = [
            'plan TeaCorner {',
            '    goal "Become the favourite loose-leaf tea shop of the offices around Market Square"',
            '    currency EUR',
            '}',
            'strategy LocalRegulars { statement "Turn the offices nearby into weekly regulars" }',
            'tactic LunchFlyers { serves LocalRegulers channel print budget 300 EUR }',
            'offer { guarantee money back 30 days }',
            ''
        ].join('\n');
        const diagnostics = await client.open(DOC, shop);
        const [payments] = (await actionsFor(diagnostics.find(d => d.code === 'few-payment-options')!)).filter(a => a.kind === 'quickfix');
        expect(payments).toMatchObject({ title: 'Add payment methods: card and paypal (check that you accept them)', isPreferred: false });
        const edited = TextDocument.applyEdits(TextDocument.create(DOC, 'mplan', 1, shop), payments.edit!.changes![DOC]);
        expect(edited).toContain('offer { payments card, paypal guarantee money back 30 days }');
        const [typo] = await actionsFor(diagnostics.find(d => d.code === 'unresolved-reference')!);
        expect(typo).toMatchObject({ title: "Change to 'LocalRegulars'", kind: 'quickfix', isPreferred: true });
    });

    it('offers no silencing for a syntax error', async () => {
        client = await LspClient.start();
        const diagnostics = await client.open(DOC, 'segment {\n}\n');
        const actions = await actionsFor(diagnostics.find(d => d.code === 'syntax-error')!);
        expect(actions).toEqual([]);
    });
});

describe('code actions for clients that send no data or no diagnostics (Vim\'s ALE)', () => {
    // A strategy that targets nobody (its fix reads the finding's data: the segments it may target) and a misspelt keyword.
    const PLAN = [
        'segment Managers { who "Office managers" }',
        'strategy Office { statement "Own office catering" }',
        'tactic Flyers { serves Office channel print }',
        'segmnt Cafes { who "Small cafes" }',
        ''
    ].join('\n');
    const titles = (actions: CodeAction[]) => actions.map(a => a.title);
    const request = (range: Diagnostic['range'], diagnostics: unknown[]) =>
        client!.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: DOC }, range, context: { diagnostics } });

    it('offers the same fixes for a diagnostic sent back without its data, as ALE sends it', async () => {
        client = await LspClient.start();
        const diagnostics = await client.open(DOC, PLAN);
        const finding = diagnostics.find(d => d.code === 'strategy-without-target')!;
        expect(finding.data).toBeDefined();
        const withData = await actionsFor(finding);
        expect(titles(withData)).toEqual(["Target segment 'Managers'", "Silence 'strategy-without-target' on this line"]);
        // ALE 3.3 (codefix.vim) sends code, message and range, and no data, no severity, no source.
        const sentByAle = { code: finding.code, message: finding.message, range: finding.range };
        const withoutData = await request({ start: finding.range.start, end: finding.range.start }, [sentByAle]);
        expect(titles(withoutData)).toEqual(titles(withData));
        expect(withoutData[0].edit).toEqual(withData[0].edit);
        // The actions name the diagnostic as the client sent it, so that it recognises it.
        expect(withoutData[0].diagnostics).toEqual([sentByAle]);
    });

    it('fixes the finding where it is now when the client sends it from an older text (eglot sends Flymake\'s last findings)', async () => {
        client = await LspClient.start();
        const before = await client.open(DOC, 'segment Extra { who "x" }\n' + PLAN);
        const stale = before.find(d => d.code === 'syntax-error')!;
        expect(stale.range.start.line).toBe(4);
        // The first line is deleted; the client has not yet had the new findings and sends the old one.
        await client.change(DOC, PLAN);
        const actions = await request({ start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, [stale]);
        expect(titles(actions)).toEqual(["Change 'segmnt' to 'segment'"]);
        const fixed = TextDocument.applyEdits(TextDocument.create(DOC, 'mplan', 1, PLAN), actions[0].edit!.changes![DOC]);
        expect(fixed.split('\n')[3]).toBe('segment Cafes { who "Small cafes" }');
        // A finding the server no longer has gets no action.
        const gone = { ...stale, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } } };
        expect(await request(gone.range, [gone])).toEqual([]);
    });

    it('finds its own findings for the range when the request has no diagnostics (the cursor on a word)', async () => {
        client = await LspClient.start();
        const diagnostics = await client.open(DOC, PLAN);
        const typo = diagnostics.find(d => d.code === 'syntax-error')!;
        // The cursor on the word `Office` of line 2 (ALE sends the word's range, and no diagnostics).
        const onWord = await request({ start: { line: 1, character: 9 }, end: { line: 1, character: 15 } }, []);
        expect(titles(onWord)).toEqual(["Target segment 'Managers'", "Silence 'strategy-without-target' on this line"]);
        const edited = TextDocument.applyEdits(TextDocument.create(DOC, 'mplan', 1, PLAN), onWord[0].edit!.changes![DOC]);
        expect(edited.split('\n')[1]).toContain('targets Managers');
        // On the misspelt keyword: the syntax error's own fix, which reads what was meant from its data.
        const onTypo = await request({ start: typo.range.start, end: typo.range.start }, []);
        expect(titles(onTypo)).toEqual(["Change 'segmnt' to 'segment'"]);
        const fixed = TextDocument.applyEdits(TextDocument.create(DOC, 'mplan', 1, PLAN), onTypo[0].edit!.changes![DOC]);
        expect(fixed.split('\n')[3]).toBe('segment Cafes { who "Small cafes" }');
        // Where there is no finding, nothing.
        expect(await request({ start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, [])).toEqual([]);
    });
});

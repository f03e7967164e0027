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

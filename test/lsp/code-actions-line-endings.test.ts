/**
 * Quick fixes keep the line endings of the file they edit: over a real stdio
 * connection, a plan saved with CRLF (Windows) or CR (old Mac) line endings
 * gets fixes and suppression comments in those endings, never a lone LF.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from './client.js';

let client: LspClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const DOC = 'file:///tmp/line-endings-plan.mplan';

/** A caterer's strategies and a tactic that serves none yet: its fixes add `serves …` on a line of its own. */
const LINES = [
    'strategy Office {',
    '    statement "Own office catering downtown"',
    '}',
    'strategy Online {',
    '    statement "Sell party boxes online"',
    '}',
    'tactic Flyers {',
    '    channel print',
    '}',
    ''
];

async function actionsFor(diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client!.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: DOC }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
}

function endings(text: string): string[] {
    return [...new Set(text.match(/\r\n|\r|\n/g) ?? [])].map(eol => JSON.stringify(eol));
}

describe('quick fixes in the file\'s own line endings', () => {
    for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
        it(`${name}: each fix and the suppression comment insert ${name} line endings only`, async () => {
            client = await LspClient.start();
            const text = LINES.join(eol);
            const diagnostics = await client.open(DOC, text);
            const finding = diagnostics.find(d => d.code === 'tactic-without-strategy')!;
            expect(finding.range.start.line).toBe(6);
            const actions = await actionsFor(finding);
            expect(actions.map(a => a.title)).toEqual(["Serve strategy 'Office'", "Serve strategy 'Online'", "Silence 'tactic-without-strategy' on this line"]);
            const results = actions.map(action => TextDocument.applyEdits(TextDocument.create(DOC, 'mplan', 1, text), action.edit!.changes![DOC]));
            for (const result of results) expect(endings(result)).toEqual([JSON.stringify(eol)]);
            // The same lines as an LF file gets, in this file's ending.
            expect(results[0].split(eol).slice(6, 10)).toEqual(['tactic Flyers {', '    serves Office', '    channel print', '}']);
            expect(results[2].split(eol)[6]).toBe('// mplan-disable-next-line tactic-without-strategy');
            const after = await client.change(DOC, results[0]);
            expect(after.map(d => d.code)).not.toContain('tactic-without-strategy');
        });
    }
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentSymbol, Hover } from 'vscode-languageserver/node';
import { afterEach, describe, expect, it } from 'vitest';
import { cliFindingsOfText, crashSigns, findingsOf, generatePlan, loggedErrors, StressClient } from './harness.js';

let client: StressClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

/** How many edits the storm sends: one per character typed. */
const EDITS = 3_000;

/**
 * The text a user types into the plan, one character at a time: small
 * tactics that serve no strategy, so that the intermediate texts have
 * findings (and half-typed lines syntax errors) that keep changing.
 */
function typedText(length: number): string {
    let text = '';
    for (let i = 0; text.length < length; i++) text += `tactic Typed${i} {\n    channel seo\n    budget ${100 + i} USD\n}\n`;
    return text.slice(0, length);
}

describe('a storm of edits', () => {
    it(`ends with the diagnostics of the final text, stays responsive, and drops stale work (${EDITS} full-text edits of a 500-line plan)`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-storm-'));
        const path = join(dir, 'plan.mplan');
        const base = generatePlan(500);
        writeFileSync(path, base);
        const uri = pathToFileURL(path).toString();
        client = await StressClient.start({ workspace: dir });
        const started = performance.now();
        await client.open(uri, base);
        await client.settled(uri);
        const publishedBefore = client.publishes.get(uri) ?? 0;

        // Type at the end of the plan, one character per edit, each edit sending the whole text (full sync).
        const typed = typedText(EDITS);
        const sent: Array<Promise<void>> = [];
        let midway: Promise<DocumentSymbol[]> | undefined;
        for (let i = 1; i <= EDITS; i++) {
            sent.push(client.change(uri, base + typed.slice(0, i)));
            // The user asks for the outline while typing: answered, not starved by the storm.
            if (i === EDITS / 2) midway = client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        }
        // The last edit adds a block no earlier text has, so its findings are the final text's alone.
        const finalText = base + typed + '\ntactic FinalTouch { channel seo }\n';
        sent.push(client.change(uri, finalText));
        await Promise.all(sent);

        const expected = await cliFindingsOfText(finalText);
        expect(expected.map(f => f.message).join('\n')).toContain('FinalTouch');
        await client.waitFor(uri, d => JSON.stringify(findingsOf(d)) === JSON.stringify(expected), 'equal to mplan check of the final text', 60_000);

        expect((await midway!).map(s => s.name)).toContain('Generated');
        // Responsive: requests about the final text are answered.
        const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        expect(symbols.map(s => s.name)).toContain('FinalTouch');
        const lines = finalText.split('\n');
        const line = lines.findIndex(l => l.startsWith('tactic FinalTouch'));
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
        expect(JSON.stringify(hover?.contents ?? null)).toMatch(/tactic/i);
        await client.settled(uri);

        // What is on screen last is the final text's findings, and no later build changed it.
        expect(findingsOf(client.diagnostics.get(uri)!)).toEqual(expected);
        const publishes = (client.publishes.get(uri) ?? 0) - publishedBefore;
        expect(publishes).toBeGreaterThanOrEqual(1);
        // Stale work is cancelled: most edits never reach a published result.
        expect(publishes).toBeLessThan(EDITS / 10);
        expect(client.alive).toBe(true);
        expect(loggedErrors(client.logs)).toEqual([]);
        expect(crashSigns(client.stderr)).toEqual([]);
        console.info(`stress storm: ${EDITS + 1} edits survived, ${publishes} publishes (${(100 * publishes / (EDITS + 1)).toFixed(1)} % of edits), ${Math.round(performance.now() - started)} ms`);
    }, 120_000);
});

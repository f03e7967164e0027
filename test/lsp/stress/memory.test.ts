import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugMemory } from '../../../src/server/debug-requests.js';
import { pinnedSettings } from '../client.js';
import { crashSigns, generatePlan, loggedErrors, StressClient } from './harness.js';

let client: StressClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

const MEMORY = 'mplan/debug/memory';

/** How many edits are sent before the server is asked to build them all and answer. */
const BURST = 10;

/**
 * Sends `count` small incremental edits, typing a character into the goal
 * and deleting it again, so the text is the same after every pair, with a
 * hover now and then; every BURST edits it waits until they are built.
 */
async function typeAndErase(client: StressClient, uri: string, text: string, count: number): Promise<void> {
    const line = text.split('\n').findIndex(l => l.includes('goal "'));
    const character = text.split('\n')[line].indexOf('goal "') + 'goal "'.length;
    const at = { line, character };
    for (let i = 0; i < count; i++) {
        const change = i % 2 === 0
            ? { range: { start: at, end: at }, text: 'x' }
            : { range: { start: at, end: { line, character: character + 1 } }, text: '' };
        void client.edit(uri, [change]);
        if (i % 100 === 99) void client.request('textDocument/hover', { textDocument: { uri }, position: { line: line + 2, character: 6 } });
        if (i % BURST === BURST - 1) await client.settled(uri);
    }
}

describe('the server\'s memory', () => {
    it('after 10,000 edits is within 20 % of what it was after 100', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-memory-'));
        const path = join(dir, 'plan.mplan');
        const text = generatePlan(100);
        writeFileSync(path, text);
        // Judged by the pinned rules (test/fixtures/plans/mplan.json), which the generated plan passes.
        writeFileSync(join(dir, 'mplan.json'), pinnedSettings());
        const uri = pathToFileURL(path).toString();
        client = await StressClient.start({ workspace: dir, nodeArgs: ['--expose-gc'], env: { MPLAN_DEBUG_MEMORY: '1' } });
        const started = performance.now();
        await client.open(uri, text);
        await typeAndErase(client, uri, text, 100);
        const early = await client.request<DebugMemory>(MEMORY, {});
        expect(early.collected).toBe(true);
        await typeAndErase(client, uri, text, 9_900);
        const late = await client.request<DebugMemory>(MEMORY, {});
        const ratio = late.heapUsed / early.heapUsed;
        const grew = (space: string) => (late.spaces[space] ?? 0) - (early.spaces[space] ?? 0);
        console.info(`stress memory: heap ${mb(early.heapUsed)} after 100 edits, ${mb(late.heapUsed)} after 10,000 (ratio ${ratio.toFixed(3)}; compiled code ${mb(grew('code_space') + grew('trusted_space'))} of the growth, objects ${mb(grew('old_space'))}), ${client.publishes.get(uri)} publishes, ${Math.round(performance.now() - started)} ms`);
        expect(ratio).toBeLessThan(1.2);
        // The edits were built, not only received: the text is back to the plan, which the pinned rules pass.
        expect(client.diagnostics.get(uri)).toEqual([]);
        expect((client.publishes.get(uri) ?? 0)).toBeGreaterThanOrEqual(10_000 / BURST);
        expect(loggedErrors(client.logs)).toEqual([]);
        expect(crashSigns(client.stderr)).toEqual([]);
    }, 180_000);

    it('is not answered to a server started without MPLAN_DEBUG_MEMORY=1', async () => {
        client = await StressClient.start({ env: { MPLAN_DEBUG_MEMORY: '' } });
        await expect(client.request(MEMORY, {})).rejects.toThrow(/Unhandled method mplan\/debug\/memory/);
        expect(client.alive).toBe(true);
    });
});

function mb(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

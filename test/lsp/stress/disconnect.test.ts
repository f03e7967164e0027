import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { crashSigns, generatePlan, StressClient, within, type Exit } from './harness.js';

let client: StressClient | undefined;
afterEach(async () => {
    if (client?.alive) client.child.kill();
    client?.connection.dispose();
    client = undefined;
});

/** How long a server may take to notice its client is gone; only a hang exceeds it (the watchdog polls every 3 s). */
const EXIT_DEADLINE_MS = 15_000;

/** LSP: a server exits with 1 when it got no shutdown request before its input ended, with 0 when it did. */
const NO_SHUTDOWN: Exit = { code: 1, signal: null };
const AFTER_SHUTDOWN: Exit = { code: 0, signal: null };

/**
 * Opens a 500-line plan and sends `count` full-text edits without waiting,
 * then a request that is still pending when the test cuts the client off.
 */
async function busy(client: StressClient, count: number): Promise<Promise<unknown>> {
    const uri = 'file:///tmp/mplan-disconnect/plan.mplan';
    const text = generatePlan(500);
    await client.open(uri, text);
    for (let i = 0; i < count; i++) void client.change(uri, text.replace('goal "', `goal "${i}`));
    const pending = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    pending.catch(() => { /* never answered: the client is gone */ });
    return pending;
}

/** How the server ended, or a failure naming what it printed when it did not end in time. */
async function exitOf(client: StressClient): Promise<Exit> {
    const exit = await within(client.exited, EXIT_DEADLINE_MS);
    if (!exit) throw new Error(`the server was still running ${EXIT_DEADLINE_MS} ms after its client went away; stderr:\n${client.stderr}`);
    return exit;
}

describe('a client that goes away mid-request', () => {
    it('closing its end of stdin with edits in flight: the server exits at once, as LSP says (1 without shutdown), with no crash', async () => {
        client = await StressClient.start();
        await busy(client, 300);
        client.child.stdin!.end();
        expect(await exitOf(client)).toEqual(NO_SHUTDOWN);
        expect(crashSigns(client.stderr)).toEqual([]);
    });

    it('dying with both pipes closed while the server writes diagnostics into them: no crash from the broken pipe', async () => {
        client = await StressClient.start();
        await busy(client, 300);
        // The client stops reading first: the server's next writes meet a closed pipe (EPIPE).
        client.child.stdout!.destroy();
        for (let i = 0; i < 50; i++) void client.change('file:///tmp/mplan-disconnect/plan.mplan', `tactic T${i} { channel seo }\n`);
        await new Promise(resolve => setImmediate(resolve));
        client.child.stdin!.destroy();
        expect(await exitOf(client)).toEqual(NO_SHUTDOWN);
        expect(crashSigns(client.stderr), client.stderr.slice(-1500)).toEqual([]);
    });

    it('an editor process that vanishes without closing the pipes: the server notices its parent is gone and exits', async () => {
        const editor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        const editorExited = new Promise(resolve => editor.on('exit', resolve));
        client = await StressClient.start({ processId: editor.pid });
        await busy(client, 300);
        editor.kill('SIGKILL');
        await editorExited;
        expect(await exitOf(client)).toEqual(NO_SHUTDOWN);
        expect(crashSigns(client.stderr)).toEqual([]);
    });

    it('asking for shutdown and then closing the pipe before `exit`: the server exits with 0', async () => {
        client = await StressClient.start();
        await busy(client, 300);
        await client.request('shutdown', null);
        client.child.stdin!.end();
        expect(await exitOf(client)).toEqual(AFTER_SHUTDOWN);
        expect(crashSigns(client.stderr)).toEqual([]);
    });
});

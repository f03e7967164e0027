// Language-server latency, measured over a real stdio connection: the time
// from a didChange to the diagnostics of that change, median after warm-up.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');
const server = fileURLToPath(new URL('../out/server.cjs', import.meta.url));

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Starts the server on a workspace folder (or none) and returns a small client. */
async function start(workspace) {
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const waiters = [];
    const published = new Map();
    connection.onNotification('textDocument/publishDiagnostics', params => {
        published.set(params.uri, (published.get(params.uri) ?? 0) + 1);
        for (const waiter of [...waiters]) if (waiter.test(params)) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(params); }
    });
    connection.onRequest(() => null);
    connection.listen();
    const rootUri = workspace ? pathToFileURL(workspace).toString() : null;
    await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'w' }] : null });
    await connection.sendNotification('initialized', {});
    const next = test => new Promise(resolve => waiters.push({ test, resolve }));
    return {
        published,
        next,
        async stop() { connection.dispose(); child.kill(); },
        async open(uri, text) { const p = next(d => d.uri === uri); await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mplan', version: 1, text } }); return p; },
        async change(uri, version, text) { const p = next(d => d.uri === uri); await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }); return p; }
    };
}

/** Median ms from an edit to its diagnostics, for `edits` edits of one document after `warmup` ones. */
async function editLatency(client, uri, text, edits, warmup = 3) {
    await client.open(uri, text);
    const samples = [];
    for (let i = 0; i < warmup + edits; i++) {
        // A realistic keystroke: one more letter typed into the plan's goal, near the
        // top of the file (everything after it moves); the whole document is sent (full sync).
        const edited = text.replace('goal "', `goal "${'typing'.repeat(8).slice(0, i + 1)}`);
        const t = performance.now();
        await client.change(uri, i + 2, edited);
        if (i >= warmup) samples.push(performance.now() - t);
    }
    return median(samples);
}

/**
 * Runs the LSP measurements: edits of single plans of the given sizes, and
 * (unless quick) an edit of a library shared by a 1,000-file workspace.
 */
export async function measureLsp({ generatePlan, generateWorkspace, sizes, quick }) {
    const results = { editToDiagnosticsMs: {} };
    for (const lines of sizes) {
        const client = await start();
        const uri = `file:///bench/plan-${lines}.mplan`;
        results.editToDiagnosticsMs[lines] = Math.round(await editLatency(client, uri, generatePlan(lines), lines >= 100_000 ? 5 : 15, lines >= 100_000 ? 2 : 3) * 10) / 10;
        await client.stop();
    }
    if (!quick) {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-bench-ws-'));
        try {
            const files = generateWorkspace(1000, 10);
            for (const [path, text] of files) {
                mkdirSync(dirname(join(dir, path)), { recursive: true });
                writeFileSync(join(dir, path), text);
            }
            const t0 = performance.now();
            const client = await start(dir);
            const all = [...files.keys()].map(p => pathToFileURL(join(dir, p)).toString());
            while (!all.every(u => client.published.has(u))) await client.next(() => true);
            results.workspaceStartMs = Math.round(performance.now() - t0);
            const library = pathToFileURL(join(dir, 'shared/market0.mplan')).toString();
            const dependents = all.filter(u => /plan\d*0\.mplan$/.test(u) && u.includes('/plans/')); // plans importing market0
            const text = files.get('shared/market0.mplan');
            await client.open(library, text);
            const own = [];
            const everyDependent = [];
            for (let i = 0; i < 8; i++) {
                const edited = text.replace('who "', `who "${'typing'.slice(0, i + 1)}`);
                const before = new Map(dependents.map(u => [u, client.published.get(u) ?? 0]));
                const t = performance.now();
                await client.change(library, i + 2, edited);
                const ownMs = performance.now() - t;
                while (!dependents.every(u => (client.published.get(u) ?? 0) > before.get(u))) await client.next(() => true);
                if (i >= 2) { own.push(ownMs); everyDependent.push(performance.now() - t); }
            }
            results.libraryEdit = { dependents: dependents.length, ownDiagnosticsMs: Math.round(median(own) * 10) / 10, allDependentsMs: Math.round(median(everyDependent)) };
            await client.stop();
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }
    return results;
}

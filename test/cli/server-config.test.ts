import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver/node';
import { ROOT } from './run.js';

let server: ChildProcess | undefined;
let connection: MessageConnection | undefined;

afterAll(() => {
    connection?.dispose();
    server?.kill();
});

describe('the language server and the project file', () => {
    it('reads mplan.json at start, and follows its changes without a restart', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-lsp-config-'));
        const plan = pathToFileURL(join(dir, 'plan.mplan')).toString();
        const config = pathToFileURL(join(dir, 'mplan.json')).toString();
        writeFileSync(join(dir, 'plan.mplan'), 'plan P {\n    goal "g"\n}\nproduct A { spinoff B }\nproduct B { benefit "b" }\n');
        writeFileSync(join(dir, 'mplan.json'), '{ "rules": { "missing-guarantee": "off" } }');

        server = spawn(process.execPath, [join(ROOT, 'out', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        const waiting: Array<{ test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            for (const waiter of [...waiting]) {
                if (waiter.test(params)) {
                    waiting.splice(waiting.indexOf(waiter), 1);
                    waiter.resolve(params);
                }
            }
        });
        const next = (test: (p: PublishDiagnosticsParams) => boolean) => new Promise<PublishDiagnosticsParams>(resolve => waiting.push({ test, resolve }));
        connection.listen();

        const first = next(p => p.uri === plan);
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'w' }] });
        await connection.sendNotification('initialized', {});
        expect((await first).diagnostics.map(d => d.code)).not.toContain('missing-guarantee');

        writeFileSync(join(dir, 'mplan.json'), '{ "rules": { "missing-guarantee": "info" } }');
        const second = next(p => p.uri === plan && p.diagnostics.some(d => d.code === 'missing-guarantee'));
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
        expect((await second).diagnostics.find(d => d.code === 'missing-guarantee')?.severity).toBe(3);

        writeFileSync(join(dir, 'mplan.json'), '{ "rules": { "missing-guarantee": "loud" } }');
        const broken = next(p => p.uri === config && p.diagnostics.length > 0);
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
        expect((await broken).diagnostics).toEqual([expect.objectContaining({
            severity: 1, code: 'mplan-config', range: { start: { line: 0, character: 34 }, end: { line: 0, character: 40 } },
            message: 'the level of \'missing-guarantee\' must be one of off, info, warning, error, not "loud"'
        })]);
    });
});

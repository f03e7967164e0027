/**
 * What `mplan mcp` refuses and survives (issue 21, Safety): nothing outside
 * the project folder it was started in is read (paths, globs, given names,
 * imports, links), nothing is written unless a tool is asked to write, and a
 * bad input (malformed arguments, an unknown tool, text over the limits,
 * garbage on the wire) is a tool error of one line while the server goes on.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mplan, ROOT } from '../cli/run.js';
import { call, connectMcp, fixtureProject, startMcp, structured, textOf, type McpSession } from './client.js';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-PROJECT';

let project: string;
let outside: string;
let session: McpSession;

/** Every file under a folder with its bytes and modification time. */
function snapshot(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile()) files[full] = `${statSync(full).mtimeMs} ${readFileSync(full, 'utf8')}`;
        }
    };
    walk(folder);
    return files;
}

/** A tool error as the server must give it: one line, starting `mplan: `, no stack trace. */
function expectOneLineError(result: { isError?: boolean; content: unknown[] }, pattern: RegExp): void {
    expect(result.isError).toBe(true);
    const text = textOf(result as never);
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toMatch(pattern);
    expect(text).not.toMatch(/\n\s+at |internal error/);
    expect(text).not.toContain(SECRET);
}

beforeAll(async () => {
    project = fixtureProject();
    // A plan beside the project, and a link inside the project that leads to it.
    outside = join(dirname(project), 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.mplan'), `plan Secret { goal "${SECRET}" }\n`);
    symlinkSync(join(outside, 'secret.mplan'), join(project, 'leak.mplan'));
    writeFileSync(join(project, 'imports-leak.mplan'), 'import "leak.mplan"\n\nplan Leaky {\n    goal "Grow"\n}\n');
    session = await startMcp(project);
}, 30_000);

afterAll(async () => {
    await session?.close();
});

describe('reads only inside the project folder', () => {
    it('refuses a path, an absolute path and a glob outside the project', async () => {
        expectOneLineError(await call(session, 'check', { paths: ['../outside/secret.mplan'] }), /^mplan: path '\.\.\/outside\/secret\.mplan' is outside the project folder .*; mplan mcp reads only files inside it$/);
        expectOneLineError(await call(session, 'check', { paths: [join(outside, 'secret.mplan')] }), /is outside the project folder/);
        expectOneLineError(await call(session, 'check', { paths: ['../outside/*.mplan'] }), /^mplan: path '\.\.\/outside' is outside the project folder/);
        expectOneLineError(await call(session, 'summarize', { plan: '../outside/secret.mplan' }), /is outside the project folder/);
        expectOneLineError(await call(session, 'format', { paths: ['/etc'] }), /is outside the project folder/);
    });

    it('does not follow a link inside the project that leads out of it', async () => {
        expectOneLineError(await call(session, 'check', { paths: ['leak.mplan'] }), /^mplan: leak\.mplan: cannot read \(a link to a file outside the project folder, not read\)$/);
        // Imported through the link: the import is unresolved, the file unread.
        const checked = await structured<{ files: Array<{ path: string; findings: Array<{ ruleId: string; message: string }> }> }>(session, 'check', { paths: ['imports-leak.mplan'] });
        expect(JSON.stringify(checked)).not.toContain(SECRET);
        expect(checked.files[0].findings.find(f => f.ruleId === 'unresolved-import')?.message).toMatch(/outside the project folder/);
    });

    it('refuses a given file named outside the project, and does not read an import that leads out of it', async () => {
        expectOneLineError(await call(session, 'check', { files: [{ path: '../outside/draft.mplan', text: 'plan A {}' }] }), /^mplan: file '\.\.\/outside\/draft\.mplan' is outside the project folder/);
        expectOneLineError(await call(session, 'check', { files: [{ path: 'notes.txt', text: 'plan A {}' }] }), /^mplan: file 'notes\.txt': a plan file's name ends in \.mplan$/);
        const draft = 'import "../outside/secret.mplan"\n\nplan Draft {\n    goal "Grow"\n}\n';
        const checked = await structured<{ files: Array<{ path: string; findings: Array<{ ruleId: string }> }> }>(session, 'check', { files: [{ path: 'draft.mplan', text: draft }] });
        expect(checked.files.map(file => file.path)).toEqual(['draft.mplan']);
        expect(checked.files[0].findings.map(f => f.ruleId)).toContain('unresolved-import');
        expect(JSON.stringify(checked)).not.toContain(SECRET);
    });

    it('holds given text to the size limit of a plan file', async () => {
        const big = `plan Big { goal "${'x'.repeat(5 * 1024 * 1024)}" }`;
        expectOneLineError(await call(session, 'check', { files: [{ path: 'big.mplan', text: big }] }), /^mplan: file 'big\.mplan': too big for a plan file: 5\.0 MB, over the limit of 5\.0 MB$/);
    });
});

describe('writes nothing unless asked', () => {
    it('leaves every file of the project as it was after every tool that does not write', async () => {
        const before = snapshot(project);
        const ebook = { paths: ['ebook-list.mplan'] };
        await structured(session, 'check', {});
        await structured(session, 'apply_fixes', ebook);
        await structured(session, 'format', { paths: ['.'] });
        await structured(session, 'summarize', { plan: 'ebook-list.mplan' });
        await structured(session, 'report', { plan: 'ebook-list.mplan' });
        await structured(session, 'list_rules');
        await structured(session, 'explain_rule', { rule: 'missing-guarantee' });
        expect(snapshot(project)).toEqual(before);
    });
});

describe('a bad input is a tool error, never the end of the server', () => {
    it('answers malformed arguments, an unknown tool, a bad date and bad settings with one line each, then goes on', async () => {
        expectOneLineError(await call(session, 'check', { paths: 5 }), /^mplan: Input validation error: Invalid arguments for tool check: .*paths/);
        // Two problems, one line: each named with where it is.
        expectOneLineError(await call(session, 'check', { files: [{ path: 1 }] }), /^mplan: Input validation error: Invalid arguments for tool check: .* at files\[0\]\.path; .* at files\[0\]\.text$/);
        expectOneLineError(await call(session, 'explain_rule', {}), /Invalid arguments for tool explain_rule: .*rule/);
        expectOneLineError(await call(session, 'apply_fixes', { write: 'yes' }), /Invalid arguments for tool apply_fixes/);
        expectOneLineError(await call(session, 'no_such_tool', {}), /Tool no_such_tool not found/);
        expectOneLineError(await call(session, 'check', { asOf: '2027-02-30' }), /^mplan: asOf takes a date \(YYYY-MM-DD\): /);
        expectOneLineError(await call(session, 'check', { files: [] }), /^mplan: files is empty/);
        expectOneLineError(await call(session, 'check', { files: [{ path: 'a.mplan', text: '' }], paths: ['.'] }), /^mplan: give either files .* or paths/);
        expectOneLineError(await call(session, 'check', { paths: ['missing.mplan'] }), /^mplan: missing\.mplan: no such file or directory$/);
        expectOneLineError(await call(session, 'summarize', {}), /^mplan: name the plan/);
        // Text that is no plan at all is judged, not a failure.
        const garbage = await structured<{ summary: { errors: number } }>(session, 'check', { files: [{ path: 'g.mplan', text: '\u0000}{"\u202e' + '{'.repeat(2000) }] });
        expect(garbage.summary.errors).toBeGreaterThan(0);
        // Still serving.
        expect((await session.client.listTools()).tools).toHaveLength(7);
        expect(session.stderr()).not.toMatch(/internal error|\n\s+at /);
    });

    it('a broken mplan.json is a tool error naming it', async () => {
        const copy = fixtureProject();
        writeFileSync(join(copy, 'mplan.json'), '{ "rules": ');
        const mine = await startMcp(copy);
        try {
            expectOneLineError(await call(mine, 'check', {}), /^mplan: mplan\.json:1:/);
            expect((await mine.client.listTools()).tools).toHaveLength(7);
        } finally {
            await mine.close();
        }
    });

    it('survives lines on its input that are not JSON-RPC and answers the next request', async () => {
        const server = spawn(process.execPath, [join(ROOT, 'bin', 'mplan.cjs'), 'mcp'], { cwd: project, stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        server.stdout.on('data', chunk => { stdout += String(chunk); });
        const answered = new Promise<void>(resolve => server.stdout.on('data', () => { if (stdout.includes('"id":7')) resolve(); }));
        server.stdin.write('this is not json\n{"jsonrpc":"2.0","id":1,"method":"no/such"}\n[1,2\n');
        server.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }) + '\n');
        await answered;
        const answer = stdout.trim().split('\n').map(line => JSON.parse(line) as { id?: number; result?: { serverInfo?: { name: string } } }).find(message => message.id === 7);
        expect(answer?.result?.serverInfo?.name).toBe('mplan');
        server.stdin.end();
        const code = await new Promise<number | null>(resolve => server.on('exit', resolve));
        expect(code).toBe(0);
    });
});

describe('starting it', () => {
    it('mplan-mcp is the same server', async () => {
        const other = await startMcp(project, 'mplan-mcp');
        try {
            expect((await other.client.listTools()).tools.map(tool => tool.name)).toContain('check');
        } finally {
            await other.close();
        }
    });

    it('serves the project folder it is given, wherever it is started', async () => {
        const other = await connectMcp(process.execPath, [join(ROOT, 'bin', 'mplan-mcp.cjs'), 'project'], dirname(project));
        try {
            const checked = await structured<{ files: Array<{ path: string }> }>(other, 'check', { paths: ['ebook-list.mplan'] });
            expect(checked.files.map(file => file.path)).toEqual(['ebook-list.mplan']);
            expectOneLineError(await call(other, 'check', { paths: ['../outside/secret.mplan'] }), /is outside the project folder/);
        } finally {
            await other.close();
        }
    });

    it('a wrong command line is one line and exit 2', async () => {
        const cases: Array<[string[], RegExp]> = [
            [['mcp', 'a', 'b'], /^mplan: takes one project folder, not 2 \(a, b\)$/],
            [['mcp', 'missing'], /^mplan: missing: no such folder$/],
            [['mcp', 'ebook-list.mplan'], /^mplan: ebook-list\.mplan: not a folder; give the project folder$/],
            [['mcp', '--stdio'], /^mplan: unknown option '--stdio' for mplan mcp\./]
        ];
        for (const [args, pattern] of cases) {
            const run = await mplan(args, project);
            expect(run.code, args.join(' ')).toBe(2);
            expect(run.stdout).toBe('');
            expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
            expect(run.stderr.trimEnd()).toMatch(pattern);
        }
        const bin = await new Promise<{ code: number | null; stderr: string }>(resolve => {
            const child = spawn(process.execPath, [join(ROOT, 'bin', 'mplan-mcp.cjs'), '--stdio'], { cwd: project });
            let stderr = '';
            child.stderr.on('data', chunk => { stderr += String(chunk); });
            child.on('exit', code => resolve({ code, stderr }));
        });
        expect(bin).toEqual({ code: 2, stderr: "mplan-mcp: unknown option '--stdio' (mplan-mcp --help shows the usage)\n" });
    });
});

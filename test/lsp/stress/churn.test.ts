import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cliFindings, crashSigns, findingsOf, loggedErrors, seeded, StressClient } from './harness.js';

let client: StressClient | undefined;
afterEach(async () => { await client?.stop(); client = undefined; });

/** How many library files the churn moves between (lib0.mplan ... lib5.mplan). */
const LIBS = 6;
/** How many operations the churn makes. */
const OPERATIONS = 400;
const SEED = 20270115;

/** LSP FileChangeType. */
const CREATED = 1, CHANGED = 2, DELETED = 3;

/**
 * A library in one of a few shapes: clean, importing the next library (so
 * chains and cycles come and go), with a reference to nothing, half typed.
 */
function libraryText(k: number, shape: number): string {
    const next = `lib${(k + 1) % LIBS}.mplan`;
    switch (shape % 4) {
        case 0: return `segment Seg${k} { who "Group ${k}" }\nstrategy Strat${k} {\n    statement "Win group ${k}"\n    targets Seg${k}\n}\n`;
        case 1: return `import "${next}"\nsegment Seg${k} { who "Group ${k}" }\nstrategy Strat${k} {\n    statement "Win group ${k}"\n    targets Seg${k}, Seg${(k + 1) % LIBS}\n}\n`;
        case 2: return `strategy Strat${k} {\n    statement "Win nobody"\n    targets Nobody\n}\n`;
        default: return `segment Seg${k} { who "Gro`;
    }
}

/** The plan: imports of the chosen libraries (present or not) and a tactic serving each library's strategy. */
function planText(imports: number[], budget: number): string {
    const lines = imports.map(k => `import "lib${k}.mplan"`);
    lines.push('plan Churn {', '    goal "Survive the churn"', '    currency USD', '}');
    for (let k = 0; k < LIBS; k++) lines.push(`tactic Tactic${k} {`, `    serves Strat${k}`, '    channel seo', `    budget ${budget + k} USD`, '}');
    return lines.join('\n') + '\n';
}

describe('open, close, change, rename and delete churn', () => {
    it(`never kills the server, ends with what mplan check says of the final workspace, and clears deleted files (${OPERATIONS} seeded operations)`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-churn-'));
        const rnd = seeded(SEED);
        const pick = (n: number) => Math.floor(rnd() * n);
        const fileOf = (name: string) => ({ path: join(dir, name), uri: pathToFileURL(join(dir, name)).toString() });
        const names = ['plan.mplan', ...Array.from({ length: LIBS }, (_, k) => `lib${k}.mplan`)];
        writeFileSync(fileOf('plan.mplan').path, planText([0, 1, 2], 100));
        for (let k = 0; k < 3; k++) writeFileSync(fileOf(`lib${k}.mplan`).path, libraryText(k, k));

        client = await StressClient.start({ workspace: dir });
        const started = performance.now();
        // Whether the server asks for file operations: it does not, so they are sent as a client might anyway.
        const fileOperations = client.capabilities.workspace?.fileOperations;
        const open = new Set<string>();
        const everDeleted = new Set<string>();
        const watched = (uri: string, type: number) => client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
        const counts = new Map<string, number>();

        for (let op = 0; op < OPERATIONS; op++) {
            const name = names[pick(names.length)];
            const file = fileOf(name);
            const k = name === 'plan.mplan' ? -1 : Number(name.slice(3, -6));
            const onDisk = existsSync(file.path);
            const newText = () => k < 0 ? planText(Array.from({ length: LIBS }, (_, i) => i).filter(() => rnd() < 0.5), 100 * (1 + pick(5))) : libraryText(k, pick(4));
            const kind = ['write', 'write', 'delete', 'rename', 'open', 'edit', 'edit', 'close'][pick(8)];
            counts.set(kind, (counts.get(kind) ?? 0) + 1);
            if (kind === 'write') {
                writeFileSync(file.path, newText());
                void watched(file.uri, onDisk ? CHANGED : CREATED);
            } else if (kind === 'delete' && onDisk && k >= 0) {
                if (open.has(name) && rnd() < 0.5) { void client.close(file.uri); open.delete(name); }
                rmSync(file.path);
                everDeleted.add(name);
                void watched(file.uri, DELETED);
                void client.notify('workspace/didDeleteFiles', { files: [{ uri: file.uri }] });
            } else if (kind === 'rename' && onDisk && k >= 0) {
                const target = fileOf(`lib${pick(LIBS)}.mplan`);
                if (target.path === file.path || existsSync(target.path)) continue;
                if (open.has(name)) { void client.close(file.uri); open.delete(name); }
                renameSync(file.path, target.path);
                everDeleted.add(name);
                void client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: file.uri, type: DELETED }, { uri: target.uri, type: CREATED }] });
                void client.notify('workspace/didRenameFiles', { files: [{ oldUri: file.uri, newUri: target.uri }] });
            } else if (kind === 'open' && onDisk && !open.has(name)) {
                void client.open(file.uri, readFileSync(file.path, 'utf8'));
                open.add(name);
            } else if (kind === 'edit' && open.has(name)) {
                // An unsaved edit: the editor's text, not the file's, until it is closed.
                void client.change(file.uri, newText());
            } else if (kind === 'close' && open.has(name)) {
                void client.close(file.uri);
                open.delete(name);
            }
            // Now and then the user waits for the server; mostly the churn goes on without waiting.
            if (op % 50 === 49) await client.settled(fileOf('plan.mplan').uri);
        }
        // At last a library goes for good, open or not, and the editor closes what is open:
        // from now on the server judges the files as they are on disk.
        const last = names.find(name => name !== 'plan.mplan' && existsSync(fileOf(name).path));
        if (last) {
            rmSync(fileOf(last).path);
            everDeleted.add(last);
            void watched(fileOf(last).uri, DELETED);
        }
        for (const name of open) void client.close(fileOf(name).uri);
        await client.settled(fileOf('plan.mplan').uri);
        expect(client.alive).toBe(true);

        const present = names.filter(name => existsSync(fileOf(name).path));
        const expected = await cliFindings(present, dir);
        for (const name of present) {
            expect({ name, findings: findingsOf(client.diagnostics.get(fileOf(name).uri) ?? []) }).toEqual({ name, findings: expected.get(fileOf(name).path) });
        }
        // Every library deleted (or renamed away) and not back at the end: its problems are cleared.
        const gone = [...everDeleted].filter(name => !present.includes(name));
        expect(gone.length).toBeGreaterThan(0);
        for (const name of gone) expect({ name, diagnostics: client.diagnostics.get(fileOf(name).uri) ?? [] }).toEqual({ name, diagnostics: [] });
        // The churn made findings to compare: the final workspace is not clean.
        expect([...expected.values()].flat().length).toBeGreaterThan(0);
        expect(loggedErrors(client.logs)).toEqual([]);
        expect(crashSigns(client.stderr)).toEqual([]);
        expect(fileOperations).toBeUndefined();
        const exit = await client.stop();
        expect(exit).toEqual({ code: 0, signal: null });
        const vanished = client.logs.filter(log => log.message.includes('cannot read')).length;
        console.info(`stress churn: ${OPERATIONS} operations (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}), ${present.length} files at the end, ${gone.length} deleted, ${vanished} files gone before the server read them, ${Math.round(performance.now() - started)} ms`);
    }, 120_000);

    it('survives a file reported changed that is gone by the time it is read: it is left out, as if deleted', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-churn-'));
        const lib = join(dir, 'lib0.mplan'), plan = join(dir, 'plan.mplan');
        writeFileSync(lib, libraryText(0, 2));
        writeFileSync(plan, planText([0], 100));
        client = await StressClient.start({ workspace: dir });
        const libUri = pathToFileURL(lib).toString(), planUri = pathToFileURL(plan).toString();
        await client.settled(planUri);
        expect(findingsOf(client.diagnostics.get(libUri) ?? []).map(f => f.rule)).toContain('unresolved-reference');
        // Some watchers report a file that went away as changed (an atomic save, a checkout half done).
        rmSync(lib);
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: libUri, type: CHANGED }] });
        await client.waitFor(planUri, d => d.some(x => x.code === 'unresolved-import'), 'reporting the missing import');
        await client.settled(planUri);
        expect(client.alive).toBe(true);
        expect(client.diagnostics.get(libUri)).toEqual([]);
        expect(client.logs.map(log => log.message)).toEqual([expect.stringMatching(/^mplan: cannot read .*lib0\.mplan \(ENOENT\); it is left out until it changes again\.$/)]);
        expect(client.logs[0].type).toBe(2);
        // It comes back: the server reads it again.
        writeFileSync(lib, libraryText(0, 0));
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: libUri, type: CREATED }] });
        await client.waitFor(planUri, d => !d.some(x => x.code === 'unresolved-import'), 'without the missing import');
        expect(findingsOf(client.diagnostics.get(planUri)!)).toEqual((await cliFindings(['plan.mplan'], dir)).get(plan));
        expect(crashSigns(client.stderr)).toEqual([]);
    });
});

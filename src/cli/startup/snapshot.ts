/**
 * The start-up snapshot seen from the language bundle (out/cli-main.cjs).
 * When Node.js builds a snapshot of this bundle (`node --build-snapshot`, see
 * build.ts), `prepareSnapshot` warms the language up with a real check of two
 * example plans: the bundle is evaluated, the lexer and the parser are built
 * and their code compiled, and the parser is handed over to the services of
 * the next check, the one of the run that starts from the snapshot.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import ebookList from '../../../examples/ebook-list.mplan';
import phoneRetailer from '../../../examples/phone-retailer.mplan';
import { handOverParser, keepNextParser } from '../../language/syntax/parser-handover.js';
import type { CommandResult } from '../results.js';
import { PING_ANSWER, PING_REQUEST, START_DEBUG } from './cache.js';

/** Plans of every kind of block, one clean and one with findings (and an unresolved name). */
const WARM_UP_PLANS: ReadonlyArray<readonly [string, string]> = [
    ['ebook-list.mplan', ebookList],
    ['phone-retailer.mplan', phoneRetailer]
];

/** Whether the snapshot holds a warm parser ready for the next check; set by the warm-up. */
let ready = false;

/** Whether Node.js is building a start-up snapshot of this bundle. */
export function buildingSnapshot(): boolean {
    // Node.js 24 answers 1 or 0, not a boolean.
    return Boolean(v8.startupSnapshot?.isBuildingSnapshot());
}

/**
 * Makes this bundle a start-up snapshot: `main` runs when a process starts
 * from it, after the warm-up has run here. A warm-up that fails fails the
 * build of the snapshot (and the runs start the ordinary way).
 */
export function prepareSnapshot(main: () => Promise<void>, run: (argv: string[], cwd: string) => Promise<CommandResult>): void {
    v8.startupSnapshot.setDeserializeMainFunction(() => startFromSnapshot(main));
    void warmUp(run).then(handedOver => {
        ready = handedOver;
    });
}

/** Checks the warm-up plans in a folder of their own, keeping the parser it builds; true when handed over. */
async function warmUp(run: (argv: string[], cwd: string) => Promise<CommandResult>): Promise<boolean> {
    const dir = mkdtempSync(path.join(tmpdir(), 'mplan-warm-up-'));
    try {
        for (const [name, text] of WARM_UP_PLANS) writeFileSync(path.join(dir, name), text);
        keepNextParser();
        const result = await run(['check', '--as-of', '2027-01-15', '--no-color', ...WARM_UP_PLANS.map(([name]) => name)], dir);
        if (result.exitCode === 2) throw new Error(`the warm-up check failed: ${result.stderr.trim()}`);
        return handOverParser();
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * The run started from the snapshot (`node --snapshot-blob <blob> -- <args>`):
 * process.argv becomes what the CLI expects (node, script, args), and the
 * builder's trial start gets its answer instead of a command.
 */
function startFromSnapshot(main: () => Promise<void>): void {
    process.argv = [process.execPath, __filename, ...process.argv.slice(1)];
    if (process.env[PING_REQUEST]) {
        process.stdout.write(ready ? PING_ANSWER : 'the warm-up did not hand over a parser\n');
        return;
    }
    if (process.env[START_DEBUG]) process.stderr.write(`mplan: started from the start-up snapshot ${process.execArgv[1] ?? ''}\n`);
    void main();
}

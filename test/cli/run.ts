import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { expect } from 'vitest';
import { pinnedSettings, type ExtraSettings } from '../pinned.js';

export const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'mplan.cjs');

/**
 * The plans the CLI tests run on (copies of the examples, test/fixtures/README.md)
 * and the settings that pin the rules they are judged by: `"*": "off"`, then
 * the language rules and the flawed plan's rules at their default levels. Run
 * in PLANS, mplan reads them as the folder's mplan.json; from elsewhere, pass
 * `--config PINNED`. A rule added to mplan changes no output of these runs.
 */
export { FIXTURE_PLANS as PLANS, PINNED_CONFIG as PINNED, pinnedSettings } from '../pinned.js';

/** A settings file of its own (in a new temporary folder) holding `pinnedSettings(settings)`; its path, for --config. */
export function pinnedSettingsFile(settings: ExtraSettings = {}): string {
    const file = join(mkdtempSync(join(tmpdir(), 'mplan-settings-')), 'mplan.json');
    writeFileSync(file, pinnedSettings(settings));
    return file;
}

/**
 * The rules that read the starter plan's dates (`mplan init` counts them from
 * the day it runs): with the pinned ones, what the init tests judge the
 * starter by (test/language/examples.test.ts holds it to every rule).
 */
export const STARTER_DATE_RULES = {
    'campaign-without-schedule': 'warning', 'tactic-outside-schedule': 'warning', 'no-review': 'warning', 'missing-results': 'warning'
};

export interface Run { code: number; stdout: string; stderr: string }

/** Runs the built `mplan` binary, as a user would. */
export function mplan(args: string[], cwd = ROOT): Promise<Run> {
    return new Promise(resolve => {
        execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
    });
}

/** A usage or file error as the CLI must give it: exit 2, one line on stderr matching `pattern`, no stack trace or internal error. */
export function expectOneCleanErrorLine(run: { code: number | string; stdout: string; stderr: string }, pattern: RegExp): void {
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\n\s+at |Error:|internal error/);
}

/** Starts a language server by `command`, sends `initialize` and returns the capabilities it answers with. */
export async function initializeServer(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
    const server = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.listen();
    try {
        const result = await connection.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(cwd).toString(), capabilities: {} });
        return (result as { capabilities: Record<string, unknown> }).capabilities;
    } finally {
        connection.dispose();
        server.kill();
    }
}

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'mplan.cjs');

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

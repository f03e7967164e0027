/**
 * Pathological files through the built CLI (issue 18): a file of 130,000
 * comment lines in a row overflowed the stack in Langium's CST builder, and
 * `mplan check` then reported nothing for the other plans of the folder;
 * `mplan format` said "internal error". One bad file never stops the others
 * (docs/robustness.md): it is judged like any other file, and every other
 * file is judged too.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mplan, PINNED, PLANS } from './run.js';

/** A folder with 130,000 comment lines in a row in one file, beside the flawed example plan. */
function folder(): { dir: string; comments: string } {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-pathological-'));
    const lines: string[] = [];
    for (let i = 0; i < 130_000; i++) lines.push(i % 10 === 0 ? `// idea ${i / 10}: ask the regulars` : '//');
    const comments = lines.join('\n') + '\n';
    writeFileSync(join(dir, 'notes.mplan'), comments);
    copyFileSync(join(PLANS, 'ebook-list.mplan'), join(dir, 'ebook-list.mplan'));
    return { dir, comments };
}

describe('130,000 comment lines in a row', () => {
    const { dir, comments } = folder();

    it('mplan check . reports the other plan\'s findings and judges the comment file like an empty one', async () => {
        const run = await mplan(['check', '.', '--config', PINNED, '--as-of', '2027-01-15'], dir);
        expect(run.stderr).toBe('');
        expect(run.stdout).not.toMatch(/cannot read|Maximum call stack|internal error/);
        // The flawed plan's findings are all there (the same as when it is checked alone).
        const alone = await mplan(['check', 'ebook-list.mplan', '--config', PINNED, '--as-of', '2027-01-15'], dir);
        const findings = (text: string) => text.split('\n').filter(line => line.startsWith('ebook-list.mplan:'));
        expect(findings(alone.stdout).length).toBeGreaterThan(5);
        expect(findings(run.stdout)).toEqual(findings(alone.stdout));
        expect(run.stdout).toMatch(/^ebook-list\.mplan:\d+:\d+ +error +No tactic named 'Newsleter'.*unresolved-reference$/m);
        // The comment file holds no block: it gets what an empty file gets.
        expect(run.stdout).toMatch(/^notes\.mplan:1:1 +error +This file is empty: a plan starts with `plan Name \{ goal "…" \}`.*syntax-error$/m);
        expect(run.stdout).toMatch(/^2 files checked in /m);
        expect(run.code).toBe(1);
    }, 60_000);

    it('mplan check --format json gives the comment file one finding and the plan its own', async () => {
        const run = await mplan(['check', '.', '--config', PINNED, '--as-of', '2027-01-15', '--format', 'json'], dir);
        const report = JSON.parse(run.stdout) as unknown;
        const text = JSON.stringify(report);
        expect(text).toContain('notes.mplan');
        expect(text).toContain('ebook-list.mplan');
        expect(text).toContain('budget-overrun');
        expect(run.code).toBe(1);
    }, 60_000);

    it('mplan format leaves it as it is, without an internal error', async () => {
        const run = await mplan(['format', 'notes.mplan'], dir);
        expect(run.stderr).not.toMatch(/internal error|Maximum call stack|\n\s+at /);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/already formatted/);
        expect(readFileSync(join(dir, 'notes.mplan'), 'utf8')).toBe(comments);
    }, 60_000);
});

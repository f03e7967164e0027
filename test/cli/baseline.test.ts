import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { mplan, PINNED, PLANS, type Run, expectOneCleanErrorLine } from './run.js';

/** The plans' campaigns run in 2027: judge them on a fixed day, not today. */
const AS_OF = ['--as-of', '2027-01-15'];

interface Finding { ruleId: string; message: string; line: number }
interface JsonRun { files: Array<{ path: string; findings: Finding[] }>; baseline?: { matched: number } }

/**
 * A project with the flawed fixture plan (11 findings) and the clean one, in
 * plans/, and the fixture plans' mplan.json, which pins the rules they are
 * judged by (test/fixtures/README.md).
 */
function project(): string {
    const root = mkdtempSync(join(tmpdir(), 'mplan-'));
    mkdirSync(join(root, 'plans'));
    cpSync(join(PLANS, 'ebook-list.mplan'), join(root, 'plans', 'ebook.mplan'));
    cpSync(join(PLANS, 'phone-retailer.mplan'), join(root, 'plans', 'phone.mplan'));
    cpSync(PINNED, join(root, 'mplan.json'));
    return root;
}

function findings(run: Run): string[] {
    const json = JSON.parse(run.stdout) as JsonRun;
    return json.files.flatMap(file => file.findings.map(f => `${file.path}:${f.line} ${f.ruleId}`));
}


let root: string;

beforeEach(() => {
    root = project();
});

describe('mplan check --write-baseline', () => {
    it('records every finding in a versioned, sorted JSON file and exits 0', async () => {
        const run = await mplan(['check', 'plans', ...AS_OF, '--write-baseline', 'mplan-baseline.json'], root);
        expect(run).toEqual({ code: 0, stdout: 'wrote 11 findings to mplan-baseline.json\n', stderr: '' });
        const text = readFileSync(join(root, 'mplan-baseline.json'), 'utf8');
        const baseline = JSON.parse(text) as { version: number; findings: Array<Record<string, unknown>> };
        expect(text).toBe(JSON.stringify(baseline, null, 2) + '\n');
        expect(baseline.version).toBe(1);
        expect(baseline.findings).toHaveLength(11);
        for (const entry of baseline.findings) {
            expect(Object.keys(entry)).toEqual(['file', 'line', 'ruleId', 'message', 'fingerprint']);
            expect(entry.file).toBe('plans/ebook.mplan');
            expect(entry.fingerprint).toMatch(/^[0-9a-f]{16}$/);
        }
        const lines = baseline.findings.map(entry => entry.line as number);
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
        // The same findings give the same file, byte for byte.
        await mplan(['check', 'plans', ...AS_OF, '--write-baseline', 'again.json'], root);
        expect(readFileSync(join(root, 'again.json'), 'utf8')).toBe(text);
    });

    it('records the paths relative to the baseline\'s folder, with /', async () => {
        mkdirSync(join(root, 'ci'));
        await mplan(['check', 'plans/ebook.mplan', ...AS_OF, '--write-baseline', 'ci/baseline.json'], root);
        const baseline = JSON.parse(readFileSync(join(root, 'ci', 'baseline.json'), 'utf8')) as { findings: Array<{ file: string }> };
        expect(new Set(baseline.findings.map(entry => entry.file))).toEqual(new Set(['../plans/ebook.mplan']));
    });

    it('a baseline that cannot be written: one line, exit 2', async () => {
        expectOneCleanErrorLine(await mplan(['check', 'plans', ...AS_OF, '--write-baseline', 'no/such/folder/baseline.json'], root),
            /^mplan: no\/such\/folder\/baseline\.json: cannot write the baseline \(no such directory\)$/);
    });
});

describe('mplan check --baseline', () => {
    beforeEach(async () => {
        await mplan(['check', 'plans', ...AS_OF, '--write-baseline', 'mplan-baseline.json'], root);
    });

    it('reports nothing and passes when every finding is recorded, and says how many were', async () => {
        const run = await mplan(['check', 'plans', ...AS_OF, '--baseline', 'mplan-baseline.json'], root);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^2 files checked .*11 in the baseline/m);
        expect(run.stdout).not.toContain('plans/ebook.mplan:');
        const json = JSON.parse((await mplan(['check', 'plans', ...AS_OF, '--baseline', 'mplan-baseline.json', '--format', 'json'], root)).stdout) as JsonRun;
        expect(json.baseline).toEqual({ matched: 11 });
    });

    it('still matches after lines are added above the findings and the plan is re-indented', async () => {
        const file = join(root, 'plans', 'ebook.mplan');
        const text = readFileSync(file, 'utf8');
        writeFileSync(file, '// Notes added later\n// and more notes\n\n' + text.replace(/^( {4})/gm, '  '));
        const json = await mplan(['check', 'plans', ...AS_OF, '--baseline', 'mplan-baseline.json', '--format', 'json'], root);
        expect(json.code).toBe(0);
        expect(findings(json)).toEqual([]);
        expect((JSON.parse(json.stdout) as JsonRun).baseline).toEqual({ matched: 11 });
    });

    it('reports only the new findings, and fails on a new error', async () => {
        const file = join(root, 'plans', 'phone.mplan');
        writeFileSync(file, readFileSync(file, 'utf8') + '\ntactic Flyers { serves Nowhere channel print on "Daily News" budget 100 USD from 2027-02-01 to 2027-02-28 }\n');
        const run = await mplan(['check', 'plans', ...AS_OF, '--baseline', 'mplan-baseline.json', '--format', 'json'], root);
        expect(run.code).toBe(1);
        const lines = readFileSync(file, 'utf8').split('\n').length - 1;
        expect(findings(run)).toContain(`plans/phone.mplan:${lines} unresolved-reference`);
        expect(findings(run).every(finding => finding.startsWith('plans/phone.mplan:'))).toBe(true);
    });

    it('counts: two recorded identical findings absorb two, and a third is new', async () => {
        const tactic = (name: string) => `tactic ${name} { serves Nowhere channel print on "Daily News" budget 100 USD from 2027-02-01 to 2027-02-28 }\n`;
        const file = join(root, 'plans', 'phone.mplan');
        const clean = readFileSync(file, 'utf8');
        writeFileSync(file, clean + tactic('A') + tactic('B'));
        await mplan(['check', 'plans', ...AS_OF, '--write-baseline', 'mplan-baseline.json'], root);
        writeFileSync(file, clean + tactic('A') + tactic('B') + tactic('C'));
        const run = await mplan(['check', 'plans', ...AS_OF, '--baseline', 'mplan-baseline.json', '--format', 'json'], root);
        const unresolved = findings(run).filter(finding => finding.endsWith('unresolved-reference'));
        // 'No strategy named Nowhere', on the same text, three times: the last one is new.
        expect(unresolved).toEqual([`plans/phone.mplan:${clean.split('\n').length + 2} unresolved-reference`]);
    });

    it('treats a finding whose flagged text changed as new, though its message did not', async () => {
        // The plan-wide findings flag the plan's name, and their messages do not mention it.
        const recorded = JSON.parse(readFileSync(join(root, 'mplan-baseline.json'), 'utf8')) as { findings: Finding[] };
        const onName = recorded.findings.filter(entry => entry.line === 21).map(entry => `plans/ebook.mplan:21 ${entry.ruleId}`);
        expect(onName.length).toBeGreaterThan(0);
        const file = join(root, 'plans', 'ebook.mplan');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^plan (\w+)/m, 'plan $1Renamed'));
        const run = await mplan(['check', 'plans', ...AS_OF, '--baseline', 'mplan-baseline.json', '--format', 'json'], root);
        expect(findings(run).sort()).toEqual(onName.sort());
    });

    it('finds the files from another working directory: the paths are relative to the baseline', async () => {
        const run = await mplan(['check', '.', ...AS_OF, '--baseline', '../mplan-baseline.json', '--config', '../mplan.json', '--format', 'json'], join(root, 'plans'));
        expect(run.code).toBe(0);
        expect((JSON.parse(run.stdout) as JsonRun).baseline).toEqual({ matched: 11 });
    });

    it('a missing or broken baseline: one line, exit 2', async () => {
        expectOneCleanErrorLine(await mplan(['check', 'plans', '--baseline', 'none.json'], root),
            /^mplan: none\.json: cannot read the baseline \(no such file\)$/);
        writeFileSync(join(root, 'broken.json'), '{ "version": 1, ');
        expectOneCleanErrorLine(await mplan(['check', 'plans', '--baseline', 'broken.json'], root), /^mplan: broken\.json: not a baseline: invalid JSON \(.+\)$/);
        writeFileSync(join(root, 'future.json'), '{ "version": 2, "findings": [] }');
        expectOneCleanErrorLine(await mplan(['check', 'plans', '--baseline', 'future.json'], root),
            /^mplan: future\.json: not a baseline: version 2 is not supported \(this mplan reads version 1\)$/);
        writeFileSync(join(root, 'shape.json'), '{ "version": 1, "findings": [{ "file": "a.mplan", "ruleId": "x", "message": "m" }] }');
        expectOneCleanErrorLine(await mplan(['check', 'plans', '--baseline', 'shape.json'], root), /^mplan: shape\.json: not a baseline: findings\[0\]\.fingerprint must be a string$/);
    });
});

import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseArgs, valueOf, type ParsedArgs } from '../../src/cli/args.js';
import { mplan, PINNED, PLANS, ROOT } from '../cli/run.js';
const PAGE = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');

interface Block { language: string; text: string }

/** The fenced code blocks of the page, with their language. */
function codeBlocks(page: string): Block[] {
    return [...page.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(m => ({ language: m[1], text: m[2] }));
}

/**
 * The mplan command lines in a piece of text: what follows `npx mplan` (or
 * `npx --no-install mplan`) up to the end of the shell command (a comment,
 * `;`, `|`, `&&`, `||`), as arguments.
 */
function mplanCommands(text: string): string[][] {
    const commands: string[][] = [];
    for (const match of text.matchAll(/\bnpx (?:--no-install )?mplan((?: [^\n#;|&]*)?)/g)) {
        commands.push(match[1].trim().split(/\s+/).filter(Boolean).map(word => word.replace(/^(['"])(.*)\1$/, '$2')));
    }
    return commands;
}

const blocks = codeBlocks(PAGE);
const commands = blocks.flatMap(block => mplanCommands(block.text));

describe('docs/ci.md', () => {
    it('has code blocks with mplan commands in them', () => {
        expect(blocks.length).toBeGreaterThan(5);
        expect(commands.length).toBeGreaterThan(15);
    });

    it.each(commands.map(args => [args.join(' '), args]))('`mplan %s` uses only options that exist', (_shown, args) => {
        const parsed = parseArgs(args as string[]);
        expect(parsed, String(parsed)).not.toBeTypeOf('string');
    });

    it('names only output formats that mplan check has', async () => {
        const formats = new Set(commands.map(args => parseArgs(args)).map(parsed => valueOf(parsed as ParsedArgs, 'format')).filter(f => f !== undefined));
        expect([...formats].sort()).toEqual(['github', 'junit', 'sarif']);
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        // The flawed fixture plan, judged by the rules its mplan.json pins (test/fixtures/README.md).
        copyFileSync(join(PLANS, 'ebook-list.mplan'), join(dir, 'plan.mplan'));
        copyFileSync(PINNED, join(dir, 'mplan.json'));
        for (const format of formats) {
            const run = await mplan(['check', '--format', format!, '--as-of', '2027-01-15'], dir);
            // The flawed plan's findings, reported (exit 1), not a usage error (exit 2, a line starting 'mplan:').
            expect(run.stderr, format).not.toMatch(/^mplan: /m);
            expect(run.code, format).toBe(1);
            expect(run.stdout, format).toContain('missing-guarantee');
        }
    });

    it('shows the commands the CI issue asks for', () => {
        const shown = commands.map(args => args.join(' '));
        for (const expected of [
            'check --format sarif --output mplan.sarif', 'check --format github', 'check --format junit --output junit.xml',
            'check --write-baseline mplan-baseline.json', 'check --baseline mplan-baseline.json', 'format --check'
        ]) {
            expect(shown, expected).toContain(expected);
        }
    });

    it('has YAML blocks that parse', () => {
        const yamlBlocks = blocks.filter(block => block.language === 'yaml');
        expect(yamlBlocks.length).toBeGreaterThanOrEqual(3);
        for (const block of yamlBlocks) expect(() => parseYaml(block.text), block.text).not.toThrow();
    });

    it('uploads the SARIF file the GitHub workflow writes, and reports the JUnit file GitLab CI writes', () => {
        const workflow = parseYaml(blocks.find(block => block.text.startsWith('name: mplan'))!.text);
        const steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> = workflow.jobs['code-scanning'].steps;
        const sarifOutput = valueOf(parseArgs(mplanCommands(steps.find(step => step.run?.includes('--format sarif'))!.run!)[0]) as ParsedArgs, 'output');
        const upload = steps.find(step => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
        expect(upload.with!.sarif_file).toBe(sarifOutput);
        expect(workflow.jobs['code-scanning'].permissions['security-events']).toBe('write');
        expect(workflow.jobs.annotations.steps.map((step: { run?: string }) => step.run)).toContain('npx mplan check --format github');

        const gitlab = parseYaml(blocks.find(block => block.text.startsWith('mplan:\n'))!.text);
        const junitOutput = valueOf(parseArgs(mplanCommands(gitlab.mplan.script.join('\n'))[0]) as ParsedArgs, 'output');
        expect(gitlab.mplan.artifacts.reports.junit).toBe(junitOutput);
    });

    it('has both pre-commit hooks: a plain Git hook and a pre-commit framework local hook', () => {
        expect(blocks.some(block => block.language === 'sh' && block.text.startsWith('#!/bin/sh\n') && /mplan format --check/.test(block.text))).toBe(true);
        const framework = parseYaml(blocks.find(block => block.text.startsWith('repos:\n'))!.text);
        expect(framework.repos[0].repo).toBe('local');
        expect(framework.repos[0].hooks.map((hook: { id: string }) => hook.id)).toEqual(['mplan-format', 'mplan-check']);
    });

    it('shows the workflow that publishes the playground as it is, and it tests the site before publishing web/', () => {
        const file = readFileSync(join(ROOT, '.github', 'workflows', 'playground.yml'), 'utf8');
        expect(blocks.some(block => block.language === 'yaml' && block.text === file), 'docs/ci.md shows .github/workflows/playground.yml as it is').toBe(true);
        const workflow = parseYaml(file);
        const steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> = workflow.jobs.build.steps;
        const runs = steps.map(step => step.run).filter(Boolean);
        const at = (text: string) => runs.findIndex(run => run === text);
        expect(at('npm run build:web')).toBeGreaterThan(at('npm ci'));
        expect(at('node test/web/run.mjs')).toBeGreaterThan(at('npm run build:web'));
        expect(at('node test/web/run.mjs')).toBeGreaterThan(at('npm run build'));
        const upload = steps.findIndex(step => step.uses?.startsWith('actions/upload-pages-artifact@'));
        expect(upload).toBeGreaterThan(steps.findIndex(step => step.run === 'node test/web/run.mjs'));
        expect(steps[upload].with!.path).toBe('web');
        expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
        expect(workflow.jobs.deploy.needs).toBe('build');
        expect(workflow.jobs.deploy.steps.some((step: { uses?: string }) => step.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
        // What it builds and tests exists here.
        const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
        expect(scripts['build:web']).toContain('scripts/build-web.mjs');
    });

    it('links the pages on checking and on output formats', () => {
        expect(PAGE).toContain('](checking.md)');
        expect(PAGE).toContain('](output-formats.md)');
    });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/index.js';
import { readZip, type ZipEntry } from './zip.js';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'extension', 'package.json'), 'utf8'));

let entries: ZipEntry[];

/** `npm run package`'s packaging step (the build is done by `npm test`'s pretest). */
beforeAll(async () => {
    const vsix = join(mkdtempSync(join(tmpdir(), 'mplan-vsix-')), 'mplan.vsix');
    await new Promise<void>((resolve, reject) => {
        execFile(process.execPath, [join(ROOT, 'scripts', 'package-extension.mjs'), vsix], { cwd: ROOT }, (error, _stdout, stderr) =>
            error ? reject(new Error(`packaging failed: ${stderr}`)) : resolve());
    });
    entries = readZip(vsix);
}, 120_000);

function entry(name: string): ZipEntry {
    const found = entries.find(e => e.name === name);
    if (!found) throw new Error(`${name} is not in the package: ${entries.map(e => e.name).join(', ')}`);
    return found;
}

describe('the VS Code extension package (.vsix)', () => {
    it('holds only what the extension needs', () => {
        const names = entries.map(e => e.name).sort();
        const expected = [
            '[Content_Types].xml',
            'extension.vsixmanifest',
            'extension/changelog.md',
            'extension/dist/browser.js',
            'extension/dist/extension.cjs',
            'extension/dist/server.cjs',
            'extension/dist/worker.js',
            'extension/icons/mplan-file.svg',
            'extension/icons/mplan.png',
            'extension/images/vscode-diagnostics.png',
            'extension/images/vscode-preview.png',
            'extension/language-configuration.json',
            'extension/LICENSE.txt',
            'extension/package.json',
            'extension/readme.md',
            'extension/schemas/mplan.schema.json',
            'extension/syntaxes/mplan.tmLanguage.json',
            'extension/walkthrough/check.md',
            'extension/walkthrough/new-plan.md',
            'extension/walkthrough/open-folder.md',
            'extension/walkthrough/preview.md',
            ...RULES.map(rule => `extension/docs/rules/${rule.id}.md`)
        ].sort();
        expect(names).toEqual(expected);
    });

    it('is small: bundles without source maps or node_modules', () => {
        const total = entries.reduce((sum, e) => sum + e.compressedSize, 0);
        expect(total).toBeLessThan(1_500_000);
        expect(entries.some(e => e.name.endsWith('.map') || e.name.includes('node_modules'))).toBe(false);
    });

    it('carries the manifest as written, with the version of the mplan package', () => {
        const packed = JSON.parse(entry('extension/package.json').read().toString('utf8'));
        const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
        expect(packed.version).toBe(root.version);
        expect(packed.contributes).toEqual(manifest.contributes);
    });

    it('every file the manifest names is in the package', () => {
        const c = manifest.contributes;
        const named: string[] = [
            manifest.main, manifest.icon,
            ...c.languages.flatMap((l: { configuration: string; icon: { light: string; dark: string } }) => [l.configuration, l.icon.light, l.icon.dark]),
            ...c.grammars.map((g: { path: string }) => g.path),
            ...c.jsonValidation.map((j: { url: string }) => j.url),
            ...c.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown: string } }> }) => w.steps.map(step => step.media.markdown))
        ];
        for (const file of named) entry(`extension/${file.replace(/^\.\//, '')}`);
    });

    it.each(['extension/dist/extension.cjs', 'extension/dist/browser.js'])('every command the manifest declares is registered by %s, and no other', bundleName => {
        const bundle = entry(bundleName).read().toString('utf8');
        const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
        const registered = [...new Set([...bundle.matchAll(/registerCommand\(\s*"(mplan\.[A-Za-z]+)"/g)].map(m => m[1]))].sort();
        expect(registered).toEqual(declared);
    });

    it('has a browser entry for VS Code for the Web, which starts the worker server it carries', () => {
        expect(manifest.browser).toBe('./dist/browser.js');
        const bundle = entry('extension/dist/browser.js').read().toString('utf8');
        expect(bundle).toContain('"worker.js"');
        const worker = entry('extension/dist/worker.js').read().toString('utf8');
        // The server's requests for files, answered by the browser entry through workspace.fs.
        for (const request of ['mplan/fs/readFile', 'mplan/fs/readDirectory']) {
            expect(worker, request).toContain(request);
            expect(bundle, request).toContain(request);
        }
        expect(worker).not.toMatch(/require\("(node:)?(fs|path|child_process)"\)/);
    });

    it('the settings schema it validates mplan.json with is the one `mplan schema` prints', () => {
        expect(entry('extension/schemas/mplan.schema.json').read().toString('utf8'))
            .toBe(readFileSync(join(ROOT, 'schemas', 'mplan.schema.json'), 'utf8'));
    });

    it('colours with the generated TextMate grammar of syntaxes/, at the path its manifest names', () => {
        expect(manifest.contributes.grammars.map((g: { path: string }) => g.path)).toEqual(['./syntaxes/mplan.tmLanguage.json']);
        expect(entry('extension/syntaxes/mplan.tmLanguage.json').read().toString('utf8'))
            .toBe(readFileSync(join(ROOT, 'syntaxes', 'mplan.tmLanguage.json'), 'utf8'));
    });

    it('shows the README\'s images offline: each is a file of the package, linked relative to it', () => {
        const readme = entry('extension/readme.md').read().toString('utf8');
        const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(m => m[1]);
        expect(images).toEqual(['images/vscode-diagnostics.png', 'images/vscode-preview.png']);
        for (const image of images) {
            const packed = entry(`extension/${image}`).read();
            expect(packed.equals(readFileSync(join(ROOT, 'docs', image)))).toBe(true);
            // A PNG, as the Marketplace and VS Code show it.
            expect(packed.subarray(1, 4).toString('latin1')).toBe('PNG');
        }
    });

    it('links to pages, never to a .git URL (the repository link of the Marketplace and the extension view)', () => {
        const packed = JSON.parse(entry('extension/package.json').read().toString('utf8'));
        const vsixManifest = entry('extension.vsixmanifest').read().toString('utf8');
        const links = [packed.repository.url, packed.homepage, packed.bugs.url, ...vsixManifest.matchAll(/https?:\/\/[^"<\s]+/g)].map(String);
        expect(links.filter(link => /\.git(\b|$)/.test(link) && !/github\.com\/?$/.test(link))).toEqual([]);
        expect(packed.repository.url).toBe('https://github.com/mplan-dev/mplan');
    });

    it('has a walkthrough from an empty folder to a plan and its preview, each step with its page and a command the extension has', () => {
        const [walkthrough] = manifest.contributes.walkthroughs;
        const steps = walkthrough.steps as Array<{ id: string; description: string; media: { markdown: string }; completionEvents: string[] }>;
        expect(steps.map(step => step.id)).toEqual(['openFolder', 'newPlan', 'check', 'preview']);
        const declared = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
        for (const step of steps) {
            const [command] = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map(m => m[1]);
            expect(command, step.id).toBeDefined();
            if (command.startsWith('mplan.')) expect(declared.has(command), command).toBe(true);
            expect(entry(`extension/${step.media.markdown}`).read().toString('utf8')).toMatch(/^# /);
        }
        expect(steps.find(step => step.id === 'newPlan')!.completionEvents).toEqual(['onCommand:mplan.newPlan']);
        expect(steps.find(step => step.id === 'preview')!.completionEvents).toEqual(['onCommand:mplan.openPreview']);
    });
});

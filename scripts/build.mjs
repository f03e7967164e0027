// Bundles the CLI and the language server with esbuild (CommonJS, one file
// each, so they start fast). Run after `langium generate` (see npm run build).
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildExtensionBrowser, buildWorker } from './build-web.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

const options = {
    bundle: true,
    platform: 'node',
    // Prefer ES modules: jsonc-parser's UMD build loads parts of itself by dynamic require.
    mainFields: ['module', 'main'],
    target: 'node22',
    format: 'cjs',
    sourcemap: true,
    minify: !process.env.MPLAN_NO_MINIFY,
    logLevel: 'warning',
    // MPLAN_MAIN_HASH (the hash of out/cli-main.cjs, see startUpSnapshot below) is empty in a
    // watch build: the entry then never starts from a snapshot of a bundle that has changed since.
    define: { MPLAN_VERSION: JSON.stringify(pkg.version), MPLAN_MAIN_HASH: '""' },
    // The start-up snapshot's warm-up plans (src/cli/startup/snapshot.ts) are bundled as text.
    loader: { '.mplan': 'text' },
    // `node --build-snapshot out/cli-main.cjs` runs the bundle without a `module` (only require,
    // __filename and __dirname): it gets one of its own there, and keeps Node's everywhere else.
    // The bundles are strict (their sources are ES modules): the banner keeps "use strict" first.
    banner: { js: '"use strict";var module = typeof module === "object" ? module : { exports: {} };' },
    entryPoints: {
        // cli.cjs answers --version and --help and loads cli-main.cjs for everything else.
        cli: 'src/cli/bin.ts',
        'cli-main': 'src/cli/main.ts',
        // A worker thread of a parallel `mplan check` (src/cli/parallel.ts starts it beside cli-main.cjs).
        'check-worker': 'src/cli/check-worker.ts',
        server: 'src/server/bin.ts',
        // The MCP server for AI assistants (`mplan mcp`, bin/mplan-mcp.cjs), with the MCP SDK bundled in.
        mcp: 'src/mcp/bin.ts',
        // The language core as a library (createMplanServices, loadPlans, RULES…), used by the benchmark.
        core: 'src/language/index.ts'
    },
    outdir: 'out',
    external: ['./cli-main.cjs', './mcp.cjs'],
    outExtension: { '.js': '.cjs' }
};

// The VS Code extension (extension/): its client bundle, with `vscode` provided by the editor.
const extensionOptions = {
    ...options,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'extension/dist',
    external: ['vscode']
};

/**
 * The extension package carries its own copy of the server and of the files
 * the server reads beside its bundle (../docs/rules), the settings' schema,
 * the TextMate grammar (generated into syntaxes/ by `npm run generate`) and
 * the licence. These copies are build output (see .gitignore).
 */
function copyIntoExtension() {
    mkdirSync('extension/dist', { recursive: true });
    copyFileSync('out/server.cjs', 'extension/dist/server.cjs');
    rmSync('extension/docs', { recursive: true, force: true });
    cpSync('docs/rules', 'extension/docs/rules', { recursive: true });
    mkdirSync('extension/schemas', { recursive: true });
    copyFileSync('schemas/mplan.schema.json', 'extension/schemas/mplan.schema.json');
    mkdirSync('extension/syntaxes', { recursive: true });
    copyFileSync('syntaxes/mplan.tmLanguage.json', 'extension/syntaxes/mplan.tmLanguage.json');
    copyFileSync('LICENSE', 'extension/LICENSE');
    // The screenshots the extension's README shows, offline from the installed extension (the .vsix
    // carries them): those it names, not every image of docs/ (the playground's is not the extension's).
    rmSync('extension/images', { recursive: true, force: true });
    mkdirSync('extension/images', { recursive: true });
    const named = new Set([...readFileSync('extension/README.md', 'utf8').matchAll(/\]\(images\/([\w.-]+)\)/g)].map(match => match[1]));
    for (const name of named) copyFileSync(join('docs/images', name), join('extension/images', name));
}

/**
 * The start-up snapshot (src/cli/startup/): the entry, out/cli.cjs, is built
 * again knowing the hash of the language bundle, so that it starts only from
 * a snapshot of that very bundle; then the snapshot is built for this Node.js
 * into the user's cache folder (runs on another Node.js build their own). A
 * snapshot that cannot be built is said, and is no failure of the build.
 */
async function startUpSnapshot() {
    const hash = createHash('sha256').update(readFileSync('out/cli-main.cjs')).digest('hex');
    await esbuild.build({
        ...options,
        entryPoints: { cli: 'src/cli/bin.ts' },
        define: { ...options.define, MPLAN_MAIN_HASH: JSON.stringify(hash) }
    });
    if (process.env.MPLAN_SNAPSHOT === '0') return;
    const result = spawnSync(process.execPath, ['out/cli.cjs'], { env: { ...process.env, MPLAN_SNAPSHOT_BUILD: '1' }, encoding: 'utf8' });
    process.stdout.write(result.stdout || `mplan: start-up snapshot not built: ${result.stderr || result.error}\n`);
}

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    const extensionContext = await esbuild.context(extensionOptions);
    await extensionContext.watch();
} else {
    await esbuild.build(options);
    await startUpSnapshot();
    await esbuild.build(extensionOptions);
    // VS Code for the Web: the extension's `browser` entry and the server in a web worker.
    await buildExtensionBrowser('extension/dist/browser.js');
    await buildWorker('extension/dist/worker.js');
    copyIntoExtension();
}

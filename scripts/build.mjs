// Bundles the CLI and the language server with esbuild (CommonJS, one file
// each, so they start fast). Run after `langium generate` (see npm run build).
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

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
    define: { MPLAN_VERSION: JSON.stringify(pkg.version) },
    entryPoints: {
        // cli.cjs answers --version and --help and loads cli-main.cjs for everything else.
        cli: 'src/cli/bin.ts',
        'cli-main': 'src/cli/main.ts',
        // A worker thread of a parallel `mplan check` (src/cli/parallel.ts starts it beside cli-main.cjs).
        'check-worker': 'src/cli/check-worker.ts',
        server: 'src/server/bin.ts',
        // The language core as a library (createMplanServices, loadPlans, RULES…), used by the benchmark.
        core: 'src/language/index.ts'
    },
    outdir: 'out',
    external: ['./cli-main.cjs'],
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
 * the server reads beside its bundle (../docs/rules), the settings' schema
 * and the licence. These copies are build output (see .gitignore).
 */
function copyIntoExtension() {
    mkdirSync('extension/dist', { recursive: true });
    copyFileSync('out/server.cjs', 'extension/dist/server.cjs');
    rmSync('extension/docs', { recursive: true, force: true });
    cpSync('docs/rules', 'extension/docs/rules', { recursive: true });
    mkdirSync('extension/schemas', { recursive: true });
    copyFileSync('schemas/mplan.schema.json', 'extension/schemas/mplan.schema.json');
    copyFileSync('LICENSE', 'extension/LICENSE');
}

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    const extensionContext = await esbuild.context(extensionOptions);
    await extensionContext.watch();
} else {
    await esbuild.build(options);
    await esbuild.build(extensionOptions);
    copyIntoExtension();
}

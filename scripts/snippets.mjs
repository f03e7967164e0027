// Writes the VS Code extension's snippets, extension/snippets/mplan.code-snippets,
// from the language server's completion stanzas (src/language/lsp/snippets.ts)
// through src/extension/snippets-file.ts: a block's snippet is written once.
// test/extension/snippets.test.ts fails when the committed file is not what
// this script writes.
//
//   node scripts/snippets.mjs            write the file
//   node scripts/snippets.mjs --check    exit 1 if the committed file is stale
//   node scripts/snippets.mjs --stdout   print the file instead
//
// The sources are TypeScript: esbuild (the project's bundler) compiles the two
// modules in memory, so the script needs no build of its own.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGenerated } from './generated-file.mjs';
import * as esbuild from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_FILE = join(ROOT, 'extension/snippets/mplan.code-snippets');

/** The snippets file's text, from the TypeScript sources. */
async function snippetsText() {
    const result = await esbuild.build({
        stdin: {
            contents: [
                "export { STANZAS } from './src/language/lsp/snippets.ts';",
                "export { snippetsFile } from './src/extension/snippets-file.ts';"
            ].join('\n'),
            resolveDir: ROOT,
            loader: 'ts'
        },
        bundle: true,
        format: 'esm',
        platform: 'node',
        write: false,
        logLevel: 'error'
    });
    const code = result.outputFiles[0].text;
    const module = await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
    return module.snippetsFile(module.STANZAS);
}

async function main(args) {
    const text = await snippetsText();
    return writeGenerated(OUTPUT_FILE, text, args, { root: ROOT, source: 'the stanzas', script: 'scripts/snippets.mjs' });
}

process.exitCode = await main(process.argv.slice(2));

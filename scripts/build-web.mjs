// Builds the playground, a static site, into web/ (npm run build:web; not committed):
//   web/index.html, web/style.css    the page (src/web/static/)
//   web/app.js                       the page's one script (src/web/main.ts: CodeMirror 6, the LSP
//                                    client, the report renderer, the examples)
//   web/boot.js                      the page's first script: starts the worker (src/web/boot.ts)
//   web/worker.js                    the language server in a web worker (src/server/browser.ts)
//   web/rules/<id>.md, <id>.html     the rule pages (docs/rules), linked from every finding
// Everything is bundled for the browser platform, so a Node API anywhere in it fails the build.
// Run after `langium generate` (npm run build:web runs it).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, process.env.MPLAN_WEB_OUT ?? 'web');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Every .mplan file of examples/, by its path there (`corner-bakery/plan.mplan`), for the page's "Examples". */
function examples(dir = join(ROOT, 'examples')) {
    return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) return examples(full);
        return entry.name.endsWith('.mplan') ? [[relative(join(ROOT, 'examples'), full), readFileSync(full, 'utf8')]] : [];
    }).sort(([a], [b]) => a.localeCompare(b));
}

/** `import { EXAMPLES } from 'mplan:examples'`: the examples as they are at build time. */
const examplesPlugin = {
    name: 'mplan-examples',
    setup(build) {
        build.onResolve({ filter: /^mplan:examples$/ }, args => ({ path: args.path, namespace: 'mplan-examples' }));
        build.onLoad({ filter: /.*/, namespace: 'mplan-examples' }, () => ({
            contents: `export const EXAMPLES = ${JSON.stringify(Object.fromEntries(examples()))};`,
            loader: 'js',
            watchFiles: examples().map(([file]) => join(ROOT, 'examples', file))
        }));
    }
};

const common = {
    bundle: true,
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari17'],
    mainFields: ['browser', 'module', 'main'],
    minify: !process.env.MPLAN_NO_MINIFY,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { MPLAN_VERSION: JSON.stringify(pkg.version) }
};

/** A rule's page as HTML: the Markdown of docs/rules under the site's strict policy (no script at all). */
function rulePage(id, markdown) {
    const body = marked.parse(markdown.replace(/\]\(([a-z0-9-]+)\.md\)/g, ']($1.html)'), { async: false });
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self' data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${id}: an mplan rule</title>
<link rel="stylesheet" href="../style.css">
</head>
<body class="rule-page">
<main>
<p><a href="../index.html">mplan playground</a> · <a href="index.html">all rules</a></p>
${body}
</main>
</body>
</html>
`;
}

function rulePages() {
    const dir = join(ROOT, 'docs', 'rules');
    mkdirSync(join(OUT, 'rules'), { recursive: true });
    const ids = readdirSync(dir).filter(f => f.endsWith('.md')).map(f => f.slice(0, -3)).sort();
    for (const id of ids) {
        const markdown = readFileSync(join(dir, `${id}.md`), 'utf8');
        // The Markdown too: the worker reads a page's "Why" for the report (src/language/report/rationale.ts).
        writeFileSync(join(OUT, 'rules', `${id}.md`), markdown);
        writeFileSync(join(OUT, 'rules', `${id}.html`), rulePage(id, markdown));
    }
    const list = ids.map(id => `- [${id}](${id}.html)`).join('\n');
    writeFileSync(join(OUT, 'rules', 'index.html'), rulePage('Rules', `# The rules of mplan\n\n${list}\n`));
}

/** The language server for a web worker, into `outfile` (the playground's and the VS Code for the Web extension's). */
export async function buildWorker(outfile) {
    await esbuild.build({ ...common, entryPoints: [join(ROOT, 'src/server/browser.ts')], outfile, format: 'iife' });
}

/** The extension's `browser` entry (VS Code for the Web), with `vscode` from the editor. */
export async function buildExtensionBrowser(outfile) {
    await esbuild.build({ ...common, entryPoints: [join(ROOT, 'src/extension/browser.ts')], outfile, format: 'cjs', external: ['vscode'] });
}

export async function buildWeb() {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    await buildWorker(join(OUT, 'worker.js'));
    await esbuild.build({ ...common, entryPoints: { app: join(ROOT, 'src/web/main.ts') }, outdir: OUT, format: 'esm', plugins: [examplesPlugin] });
    await esbuild.build({ ...common, entryPoints: { boot: join(ROOT, 'src/web/boot.ts') }, outdir: OUT, format: 'iife' });
    cpSync(join(ROOT, 'src/web/static'), OUT, { recursive: true });
    rulePages();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWeb();

// Writes every generated file that is committed, each from the source it follows,
// so that the two cannot drift apart:
//
//   npm run generate              write the files that are out of date
//   npm run generate -- --check   list the files that are out of date and exit 1 (0 when none is)
//
// A test (test/generated.test.ts) runs the check, so a change to a source whose
// generated file was not written again fails with the file's name and this command.
//
// To generate one more file, add one entry to GENERATORS: its path from the
// repository root, what it is generated from, and a function returning its text.
// The TypeScript sources are compiled in memory by esbuild (the project's bundler):
// the generators need the build's `langium generate` output (src/language/generated/,
// which `npm run generate` runs first), not the bundles.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { languageReference } from './generate-language-reference.mjs';
import { loadGrammar, render as textmateGrammar } from './textmate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The command that writes the generated files again, as the stale messages name it. */
export const COMMAND = 'npm run generate';

/**
 * The generated files. `text(context)` returns a file's text; `context.root` is the
 * repository root whose file is judged (for a file that is generated only in part,
 * such as the README's rule table), `context.sources()` the TypeScript sources.
 */
export const GENERATORS = [
    {
        path: 'schemas/mplan.schema.json',
        from: 'the rule registry (src/language/config/schema.ts)',
        text: async ({ sources }) => {
            const { configSchema, RULES } = await sources();
            return JSON.stringify(configSchema(RULES), null, 2) + '\n';
        }
    },
    {
        path: 'README.md',
        from: 'the rule registry (the table of rules)',
        text: async ({ root, sources }) => withRuleTable(readFileSync(join(root, 'README.md'), 'utf8'), (await sources()).RULES)
    },
    {
        path: 'syntaxes/mplan.tmLanguage.json',
        from: 'the Langium grammar (src/language/mplan.langium, by scripts/textmate.mjs)',
        text: async () => textmateGrammar(await loadGrammar())
    },
    {
        path: 'docs/language.md',
        from: 'the grammar, the keyword docs and the stage and metric words (by scripts/generate-language-reference.mjs)',
        text: async ({ sources }) => languageReference(await languageSources(sources))
    }
];

/** What the language reference is made from: the grammar, the keyword docs, and the parser to check its examples. */
async function languageSources(sources) {
    const { createMplanServices, EmptyFileSystem, ...rest } = await sources();
    const mplan = createMplanServices(EmptyFileSystem).Mplan;
    const parses = text => {
        const result = mplan.parser.LangiumParser.parse(text);
        return result.lexerErrors.length === 0 && result.parserErrors.length === 0;
    };
    return { ...rest, grammar: mplan.Grammar, parses };
}

/** The header of the README's rule table; the table runs to the first line that is no table row. */
const RULE_TABLE_HEADER = '| rule | severity | what it reports |\n|---|---|---|\n';

/** The README's text with its rule table made from the registry. */
function withRuleTable(readme, rules) {
    const start = readme.indexOf(RULE_TABLE_HEADER);
    if (start < 0) throw new Error(`README.md has no rule table (a line "${RULE_TABLE_HEADER.split('\n')[0]}")`);
    let end = start + RULE_TABLE_HEADER.length;
    while (readme.startsWith('|', end)) end = readme.indexOf('\n', end) + 1 || readme.length;
    const rows = rules.map(rule => `| \`${rule.id}\` | ${rule.severity} | ${rule.description.replace(/\|/g, '\\|')} |\n`);
    return readme.slice(0, start) + RULE_TABLE_HEADER + rows.join('') + readme.slice(end);
}

let compiled;

/** The TypeScript modules the generators read, compiled once. */
function sources() {
    compiled ??= (async () => {
        if (!existsSync(join(ROOT, 'src/language/generated/ast.ts'))) {
            throw new Error('src/language/generated/ is missing: run `npm run build` (or `npx langium generate`) first');
        }
        const result = await esbuild.build({
            stdin: {
                contents: [
                    "export { RULES } from './src/language/rules/index.ts';",
                    "export { configSchema } from './src/language/config/schema.ts';",
                    "export { STANZAS } from './src/language/lsp/snippets.ts';",
                    "export { KEYWORD_DOCS, keywordDoc, wordLists, WORD_LIST_DOCS, headingAnchor, STAGE_DOCS, TRIAL_STAGE_DOC, METRIC_DOCS } from './src/language/lsp/keyword-docs.ts';",
                    "export { STAGES, STAGE_WORDS, TRIAL_WORDS } from './src/language/model/funnel-stages.ts';",
                    "export { METRIC_WORDS, metricUnit } from './src/language/model/objectives.ts';",
                    "export { ONLINE_CHANNELS } from './src/language/model/channels.ts';",
                    "export { createMplanServices } from './src/language/mplan-module.ts';",
                    "export { EmptyFileSystem } from 'langium';"
                ].join('\n'),
                resolveDir: ROOT,
                loader: 'ts'
            },
            bundle: true,
            format: 'esm',
            platform: 'node',
            mainFields: ['module', 'main'],
            write: false,
            logLevel: 'error'
        });
        return import('data:text/javascript;base64,' + Buffer.from(result.outputFiles[0].text).toString('base64'));
    })();
    return compiled;
}

/** Each generated file with its text as generated and as found under `root` (undefined when missing). */
async function compare(root, generators) {
    const context = { root, sources };
    return Promise.all(generators.map(async generator => {
        const file = join(root, generator.path);
        return {
            ...generator,
            file,
            text: await generator.text(context),
            current: existsSync(file) ? readFileSync(file, 'utf8') : undefined
        };
    }));
}

/** The paths of the generated files under `root` that are not what their generator gives. */
export async function staleFiles(root = ROOT, generators = GENERATORS) {
    return (await compare(root, generators)).filter(f => f.text !== f.current).map(f => f.path);
}

/** The message for a stale file. */
export function staleMessage(path) {
    return `${path} is out of date: run ${COMMAND}`;
}

/** Writes the generated files under `root` that are out of date; their paths. */
export async function generate(root = ROOT, generators = GENERATORS) {
    const written = [];
    for (const f of await compare(root, generators)) {
        if (f.text === f.current) continue;
        mkdirSync(dirname(f.file), { recursive: true });
        writeFileSync(f.file, f.text);
        written.push(f.path);
    }
    return written;
}

async function main(args) {
    const unknown = args.filter(arg => arg !== '--check');
    if (unknown.length > 0) {
        process.stderr.write(`generate: unknown argument ${unknown[0]} (usage: ${COMMAND} [-- --check])\n`);
        return 2;
    }
    if (args.includes('--check')) {
        const stale = await staleFiles();
        for (const path of stale) process.stderr.write(staleMessage(path) + '\n');
        if (stale.length === 0) process.stdout.write(`generate: all ${GENERATORS.length} generated files are up to date\n`);
        return stale.length > 0 ? 1 : 0;
    }
    const written = await generate();
    for (const path of written) process.stdout.write(`generate: wrote ${path}\n`);
    if (written.length === 0) process.stdout.write(`generate: all ${GENERATORS.length} generated files were up to date\n`);
    return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    process.exitCode = await main(process.argv.slice(2));
}

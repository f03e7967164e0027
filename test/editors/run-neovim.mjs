#!/usr/bin/env node
// The mplan language server in a real editor: runs a headless Neovim (0.7 or newer, Debian 12's
// is 0.7.2) with test/editors/neovim.lua against the built server (out/server.cjs) and checks
// what a user of Neovim sees: the findings with their rule ids and lines, hover, go to
// definition (within a file and across files) and completion. A second run loads the Neovim 0.7
// set-up of docs/editors.md as it is written, and checks that it starts the server for a plan,
// at the project's root, and shows its findings.
//
// Usage: npm run test:neovim (builds first), or node test/editors/run-neovim.mjs after a build;
// MPLAN_NVIM=/path/to/nvim picks another Neovim.
// Prints one line per check and a closing line `neovim: N passed, M failed`; exits 1 on any
// failure (also when nvim is missing or too old), 0 otherwise.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEditor } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The plans the editor opens: test/fixtures/plans (copies of the examples), whose mplan.json at the
// root pins the rules they are judged by, so that a new rule or a changed example changes nothing here.
const PLANS = join(ROOT, 'test', 'fixtures', 'plans');
const SERVER = join(ROOT, 'out', 'server.cjs');
const SCRIPT = join(ROOT, 'test', 'editors', 'neovim.lua');
const DOCS = join(ROOT, 'docs', 'editors.md');
const NVIM = process.env.MPLAN_NVIM ?? 'nvim';
/** One nvim run may take this long before it is stopped (it normally takes well under a second). */
const RUN_TIMEOUT_MS = 120_000;

const outcomes = [];

function check(name, fn) {
    try {
        fn();
        outcomes.push({ name, ok: true });
        console.log(`  ok    ${name}`);
    } catch (error) {
        outcomes.push({ name, ok: false });
        console.log(`  FAIL  ${name}\n        ${String(error instanceof Error ? error.message : error).split('\n').join('\n        ')}`);
    }
}

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

function finish() {
    const passed = outcomes.filter(o => o.ok).length;
    const failed = outcomes.length - passed;
    console.log(`neovim: ${passed} passed, ${failed} failed`);
    process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

function fatal(message) {
    outcomes.push({ name: 'set-up', ok: false });
    console.log(`  FAIL  set-up\n        ${message}`);
    finish();
}

// --- preconditions: an nvim of 0.7 or newer, a built server ---------------------------------

const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
if (version.error) fatal(`cannot run ${NVIM} (${version.error.code ?? version.error.message}): install Neovim 0.7 or newer (Debian: apt-get install neovim)`);
const versionMatch = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(version.stdout);
if (!versionMatch) fatal(`cannot read the version of ${NVIM}: ${version.stdout.split('\n')[0]}`);
const [major, minor] = [Number(versionMatch[1]), Number(versionMatch[2])];
if (major === 0 && minor < 7) fatal(`${NVIM} is ${versionMatch[0]}; the test needs Neovim 0.7 or newer`);
if (!existsSync(SERVER)) fatal(`${SERVER} is missing: run npm run build first`);
console.log(`neovim: ${versionMatch[0]}, node ${process.version}`);

const work = mkdtempSync(join(tmpdir(), 'mplan-neovim-'));
// MPLAN_NVIM_KEEP=1 keeps what the runs recorded (results.json, Neovim's lsp.log) for a look.
if (process.env.MPLAN_NVIM_KEEP) console.log(`neovim: keeping ${work}`);
else process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/**
 * Runs nvim headless with neovim.lua; resolves with its exit code, output and the results it
 * wrote. Neovim gets a home of its own (no user config, plugins or shada).
 */
async function runNvim(name, { init = 'NONE', env = {} }) {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'results.json');
    const xdg = {
        XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'),
        XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache')
    };
    const args = ['--headless', '-u', init, '-i', 'NONE', '-n', '--noplugin', '-S', SCRIPT];
    const run = await runEditor(NVIM, args, {
        cwd: env.MPLAN_NVIM_CWD ?? ROOT, env: { ...process.env, ...xdg, ...env, MPLAN_NVIM_OUT: out }, out, timeoutMs: RUN_TIMEOUT_MS
    });
    // Lua cannot tell an empty list from an empty table: read both as lists where lists are meant.
    const results = run.results;
    if (results) for (const key of ['errors', 'steps', 'diagnostics', 'compiled']) if (key in results && !Array.isArray(results[key])) results[key] = [];
    const lspLog = join(xdg.XDG_CACHE_HOME, 'nvim', 'lsp.log');
    return { ...run, lspLog: existsSync(lspLog) ? readFileSync(lspLog, 'utf8').trim() : '' };
}

/** Fails every named check with the same reason when a run produced nothing to judge. */
function runProblem(run) {
    if (run.timedOut) return `nvim did not finish within ${RUN_TIMEOUT_MS / 1000} s`;
    if (!run.results) return `nvim wrote no results (exit ${run.code ?? run.signal})${run.output ? `\n${run.output}` : ''}`;
    return undefined;
}

/** The errors neovim.lua recorded for a step (a time-out, an error answer, …), as a failure. */
function assertStepRan(results, step) {
    const errors = results.errors.filter(e => e.startsWith(`${step}:`));
    assert(errors.length === 0, errors.join('\n'));
    assert(results.steps.includes(step), `the step "${step}" did not run`);
}

/** Lua writes an empty list as {}: read anything that is not a list as an empty one. */
function list(value) {
    return Array.isArray(value) ? value : [];
}

function fileOf(uriOrPath) {
    return uriOrPath.startsWith('file://') ? fileURLToPath(uriOrPath) : uriOrPath;
}

// The findings ebook-list.mplan lists at its top, as (line: rule) pairs.
function expectedFindings(text) {
    const found = [];
    for (const match of text.matchAll(/^\/\/\s+(\d+):\s+([a-z-]+)\s/gm)) found.push({ line: Number(match[1]), code: match[2] });
    return found;
}

// --- run 1: the features, with the server started as the brief's Neovim 0.7 set-up does -------

const ebookPath = join(PLANS, 'ebook-list.mplan');
const ebookText = readFileSync(ebookPath, 'utf8');
const ebookLines = ebookText.split('\n');
const lineOf = (lines, pattern) => lines.findIndex(l => pattern.test(l)) + 1;

const features = await runNvim('features', {
    env: {
        MPLAN_NVIM_MODE: 'features',
        MPLAN_NVIM_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']),
        MPLAN_NVIM_ROOT: PLANS,
        MPLAN_NVIM_CWD: PLANS,
        MPLAN_NVIM_FILE: ebookPath,
        MPLAN_NVIM_OTHER_FILE: join(PLANS, 'corner-bakery', 'plan.mplan')
    }
});
const featuresProblem = runProblem(features);
const r = features.results;

check('diagnostics: the findings of ebook-list.mplan, with rule ids as codes, on their lines', () => {
    assert(!featuresProblem, featuresProblem);
    assertStepRan(r, 'diagnostics');
    assert(r.filetype === 'mplan', `the buffer's filetype is ${JSON.stringify(r.filetype)}, not mplan`);
    const shown = r.diagnostics;
    const describe = d => `${d.line}: ${d.code}`;
    for (const [code, line, severity] of [['missing-guarantee', 21, 1], ['tactic-without-strategy', 66, 2]]) {
        const d = shown.find(x => x.code === code);
        assert(d, `no ${code} among ${shown.map(describe).join(', ')}`);
        assert(d.line === line, `${code} is on line ${d.line}, expected ${line}`);
        assert(d.severity === severity, `${code} has severity ${d.severity}, expected ${severity} (${severity === 1 ? 'error' : 'warning'})`);
        assert(d.source === 'mplan', `${code} comes from ${JSON.stringify(d.source)}, expected "mplan"`);
        assert(d.message.length > 20, `${code} has no real message: ${JSON.stringify(d.message)}`);
    }
    // tactic-without-strategy points at the tactic's name on its line.
    const tactic = shown.find(x => x.code === 'tactic-without-strategy');
    const nameCol = ebookLines[65].indexOf('ForumPosts') + 1;
    assert(tactic.col === nameCol && tactic.end_col === nameCol + 'ForumPosts'.length,
        `tactic-without-strategy covers columns ${tactic.col}-${tactic.end_col}, expected the name ForumPosts at ${nameCol}-${nameCol + 10}`);
    // Every finding the file lists at its top is shown on its line, and every diagnostic has a rule id.
    const expected = expectedFindings(ebookText);
    assert(expected.length >= 10, `could not read the findings listed at the top of ebook-list.mplan (${expected.length})`);
    const missing = expected.filter(e => !shown.some(d => d.code === e.code && d.line === e.line));
    assert(missing.length === 0, `not shown: ${missing.map(describe).join(', ')}; shown: ${shown.map(describe).join(', ')}`);
    const noCode = shown.filter(d => typeof d.code !== 'string' || d.code === '');
    assert(noCode.length === 0, `diagnostics without a rule id: ${noCode.map(d => `${d.line}: ${d.message}`).join('; ')}`);
});

check('hover: a reference (ListFirst after serves) and a keyword (serves) show what they are', () => {
    assert(!featuresProblem, featuresProblem);
    assertStepRan(r, 'hover');
    const reference = list(r.hover.reference).join('\n');
    assert(reference.trim() !== '', 'hovering ListFirst in "serves ListFirst" shows nothing');
    assert(/ListFirst|Build a list of home bakers/.test(reference), `hovering ListFirst shows text that is not about the strategy ListFirst:\n${reference}`);
    const keyword = list(r.hover.keyword).join('\n');
    assert(keyword.trim() !== '', 'hovering the keyword serves shows nothing');
    assert(/strateg/i.test(keyword), `hovering serves shows text that does not say it names a strategy:\n${keyword}`);
});

check('hover: Markdown without stray escapes, which Neovim 0.7 shows as they are (shared/market\\.mplan\\:4)', () => {
    assert(!featuresProblem, featuresProblem);
    assertStepRan(r, 'definition');
    const other = list(r.hover_other_file).join('\n');
    assert(other.includes('**segment OfficeManagers** · shared/market.mplan:4'), `hovering OfficeManagers in corner-bakery/plan.mplan shows:\n${other}`);
    assert(other.includes('online weekdays 9:00 to 17:00'), `the segment's hours are not shown as written:\n${other}`);
    for (const [what, lines] of [['ListFirst', r.hover.reference], ['serves', r.hover.keyword], ['OfficeManagers', r.hover_other_file]]) {
        const text = list(lines).join('\n');
        assert(!text.includes('\\'), `hovering ${what} shows a backslash:\n${text}`);
    }
});

check('definition: jumps to the strategy in the same file and to a segment in an imported file', () => {
    assert(!featuresProblem, featuresProblem);
    assertStepRan(r, 'definition');
    const same = r.definition.same_file;
    assert(Array.isArray(same.result) && same.result.length === 1, `expected one location for ListFirst, got ${JSON.stringify(same.result)}`);
    const strategyLine = lineOf(ebookLines, /^strategy ListFirst \{/);
    const target = same.result[0];
    assert(fileOf(target.targetUri ?? target.uri) === ebookPath, `ListFirst is defined in ${target.targetUri ?? target.uri}, expected ${ebookPath}`);
    const range = target.targetSelectionRange ?? target.range;
    assert(range.start.line + 1 === strategyLine, `ListFirst is defined on line ${range.start.line + 1}, expected ${strategyLine}`);
    assert(same.jumped_to.file === ebookPath && same.jumped_to.line === strategyLine && same.jumped_to.word === 'ListFirst',
        `after go to definition the cursor is at ${JSON.stringify(same.jumped_to)}, expected ListFirst on line ${strategyLine} of ${ebookPath}`);

    const market = join(PLANS, 'corner-bakery', 'shared', 'market.mplan');
    const segmentLine = lineOf(readFileSync(market, 'utf8').split('\n'), /^segment OfficeManagers \{/);
    const other = r.definition.other_file;
    assert(Array.isArray(other.result) && other.result.length === 1, `expected one location for OfficeManagers, got ${JSON.stringify(other.result)}`);
    const otherTarget = other.result[0];
    assert(fileOf(otherTarget.targetUri ?? otherTarget.uri) === market, `OfficeManagers is defined in ${otherTarget.targetUri ?? otherTarget.uri}, expected ${market}`);
    assert(other.jumped_to.file === market && other.jumped_to.line === segmentLine && other.jumped_to.word === 'OfficeManagers',
        `after go to definition the cursor is at ${JSON.stringify(other.jumped_to)}, expected OfficeManagers on line ${segmentLine} of ${market}`);
});

check('completion: after a newly typed "serves ", the strategies and nothing of another kind', () => {
    assert(!featuresProblem, featuresProblem);
    assertStepRan(r, 'completion');
    const labels = list(r.completion.labels);
    assert(labels.includes('ListFirst'), `completion offers ${JSON.stringify(labels)}, not the strategy ListFirst`);
    const wrongKind = labels.filter(l => ['HomeBakers', 'Newsletter', 'InstagramAds', 'ForumPosts', 'SourdoughBook', 'Launch', 'QuickSourdough', 'FreeRecipeBlogs'].includes(l));
    assert(wrongKind.length === 0, `completion after serves offers names that are not strategies: ${wrongKind.join(', ')}`);
});

check('quick fix (vim.lsp.buf.code_action): the typo Newsleter is offered its fix, which applies', () => {
    assert(!featuresProblem, featuresProblem);
    assertStepRan(r, 'code action');
    const titles = list(r.code_action.titles);
    assert(titles.includes("Change to 'Newsletter'"), `the server offers: ${JSON.stringify(titles)}`);
    assert(/runs ForumPosts, Newsletter, InstagramAds/.test(r.code_action.line), `after the fix the line reads ${JSON.stringify(r.code_action.line)}`);
});

check('formatting (vim.lsp.buf.formatting): a carelessly written line is put right', () => {
    assert(!featuresProblem, featuresProblem);
    assertStepRan(r, 'formatting');
    assert(r.formatted === '    serves ListFirst', `after formatting the line reads ${JSON.stringify(r.formatted)}`);
});

check('capabilities: the server offers what docs/editors.md promises', () => {
    assert(!featuresProblem, featuresProblem);
    const missing = Object.entries(r.capabilities ?? {}).filter(([, offered]) => !offered).map(([name]) => name);
    assert(r.capabilities && missing.length === 0, `the server does not offer: ${missing.join(', ') || 'anything (no capabilities recorded)'}`);
});

if (featuresProblem || r.errors.length > 0) {
    if (features.output) console.log(`--- nvim output ---\n${features.output}`);
    if (features.lspLog) console.log(`--- Neovim's lsp.log ---\n${features.lspLog.split('\n').slice(-40).join('\n')}`);
}

// --- run 2: docs/editors.md's Neovim 0.7 set-up, as written -----------------------------------

const docsText = readFileSync(DOCS, 'utf8');
const luaBlocks = [...docsText.matchAll(/```lua\n([\s\S]*?)```/g)].map(m => m[1]);
const setup07 = luaBlocks.find(b => b.includes('vim.lsp.start_client'));

// A project as a user has one: mplan.json at its root (turning one rule off), plans in a folder
// below it, and mplan-language-server on the PATH (here: the built server with this node).
const project = join(work, 'project');
mkdirSync(join(project, 'plans'), { recursive: true });
copyFileSync(ebookPath, join(project, 'plans', 'ebook-list.mplan'));
writeFileSync(join(project, 'mplan.json'), JSON.stringify({ rules: { 'missing-guarantee': 'off' } }, null, 2) + '\n');
const bin = join(work, 'bin');
mkdirSync(bin, { recursive: true });
const shim = join(bin, 'mplan-language-server');
writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath.replaceAll("'", "'\\''")}' '${SERVER.replaceAll("'", "'\\''")}' "$@"\n`);
chmodSync(shim, 0o755);
const init = join(work, 'init.lua');
writeFileSync(init, setup07 ?? '');

const docsRun = setup07 ? await runNvim('docs', {
    init,
    env: {
        MPLAN_NVIM_MODE: 'docs',
        MPLAN_NVIM_FILE: join(project, 'plans', 'ebook-list.mplan'),
        MPLAN_NVIM_CWD: work,
        MPLAN_NVIM_DOCS_BLOCKS: JSON.stringify(luaBlocks),
        PATH: `${bin}:${process.env.PATH}`
    }
}) : undefined;

check('docs: the Neovim 0.7 set-up of docs/editors.md starts the server at the project root and shows findings', () => {
    assert(setup07, 'docs/editors.md has no ```lua block with vim.lsp.start_client (the Neovim 0.7 set-up)');
    const problem = runProblem(docsRun);
    assert(!problem, problem);
    const d = docsRun.results;
    const compileErrors = d.compiled.filter(c => c !== true);
    assert(compileErrors.length === 0, `Lua blocks of docs/editors.md that do not compile: ${compileErrors.join('; ')}`);
    assertStepRan(d, 'docs set-up');
    assert(d.filetype === 'mplan', `a .mplan file gets filetype ${JSON.stringify(d.filetype)}, not mplan`);
    assert(d.client.name === 'mplan', `the client is named ${d.client.name}`);
    assert(JSON.stringify(d.client.cmd) === JSON.stringify(['mplan-language-server', '--stdio']), `the server is started as ${JSON.stringify(d.client.cmd)}`);
    assert(d.client.root_dir === project, `the root is ${d.client.root_dir}, expected the folder with mplan.json, ${project}`);
    const codes = d.diagnostics.map(x => x.code);
    assert(codes.includes('tactic-without-strategy'), `no tactic-without-strategy among ${codes.join(', ')}`);
    assert(!codes.includes('missing-guarantee'), 'missing-guarantee is shown although the project\'s mplan.json turns it off');
});

if (docsRun && (runProblem(docsRun) || docsRun.results.errors.length > 0)) {
    if (docsRun.output) console.log(`--- nvim output (docs) ---\n${docsRun.output}`);
    if (docsRun.lspLog) console.log(`--- Neovim's lsp.log (docs) ---\n${docsRun.lspLog.split('\n').slice(-40).join('\n')}`);
}

finish();

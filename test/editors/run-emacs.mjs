#!/usr/bin/env node
// The mplan language server in Emacs with eglot (Debian 12: emacs 28.2, elpa-eglot 1.9,
// elpa-markdown-mode 2.5), set up exactly as docs/editors.md says: its init file is the docs' elisp
// block, mplan-language-server is on the PATH (the built server), the project (a copy of the
// fixture plans) is a git repository, and Emacs runs test/editors/emacs.el. Checks what an Emacs
// user sees: Flymake's findings with their rule ids, hover without Markdown's marks (with
// markdown-mode, and without it, when eglot asks for plain text), completion-at-point, go to
// definition within and across files, a quick fix picked from eglot-code-actions, formatting,
// imenu, and no warning window.
//
// Usage: node test/editors/run-emacs.mjs after a build (npm run test:editors builds first);
// MPLAN_EMACS=/path/to/emacs picks another Emacs. Prints one line per check and
// `emacs: N passed, M failed`; exits 1 on any failure (also when Emacs or eglot is missing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, assertStepRan, checks, docBlocks, expectedFindings, list, ROOT, runEditor, runProblem, SERVER, userWorld } from './harness.mjs';

const EMACS = process.env.MPLAN_EMACS ?? 'emacs';
const SCRIPT = join(ROOT, 'test', 'editors', 'emacs.el');
const { check, fatal, finish } = checks('emacs');

const version = spawnSync(EMACS, ['--version'], { encoding: 'utf8' });
if (version.error) fatal(`cannot run ${EMACS} (${version.error.code ?? version.error.message}): install Emacs and eglot (Debian: apt-get install emacs-nox elpa-eglot elpa-markdown-mode)`);
if (!existsSync(SERVER)) fatal(`${SERVER} is missing: run npm run build first`);

// --- the set-up of docs/editors.md, as written: its one elisp block is the init file ------------

const blocks = docBlocks('elisp');
if (blocks.length !== 1 || !blocks[0].includes('eglot-server-programs')) fatal(`docs/editors.md should have one elisp block, the Emacs set-up with eglot-server-programs (found ${blocks.length})`);
const { project, home, bin, work } = userWorld('mplan-emacs-');
const init = join(home, '.emacs.d', 'init.el');
mkdirSync(join(home, '.emacs.d'), { recursive: true });
writeFileSync(init, blocks[0]);
// Emacs finds the project root from the git repository.
const git = spawnSync('git', ['init', '-q', project], { encoding: 'utf8' });
if (git.status !== 0) fatal(`git init failed: ${git.stderr}`);
console.log(`emacs: ${version.stdout.split('\n')[0]}; the set-up of docs/editors.md: ~/.emacs.d/init.el`);

const ebookPath = join(project, 'ebook-list.mplan');
const ebookText = readFileSync(ebookPath, 'utf8');
const ebookLines = ebookText.split('\n');
const lineOf = (lines, pattern) => lines.findIndex(l => pattern.test(l)) + 1;

function runEmacs(mode) {
    const out = join(work, `${mode}.json`);
    // An interactive Emacs activates the installed packages (Debian's elpa-*) before the init file;
    // --batch skips that, so it is done here first.
    return runEditor(EMACS, ['--batch', '--eval', '(package-activate-all)', '-l', init, '-l', SCRIPT], {
        cwd: project,
        out,
        env: {
            ...process.env, HOME: home, PATH: `${bin}:${process.env.PATH}`,
            MPLAN_EMACS_OUT: out, MPLAN_EMACS_MODE: mode, MPLAN_EMACS_FILE: ebookPath,
            MPLAN_EMACS_OTHER_FILE: join(project, 'corner-bakery', 'plan.mplan')
        }
    });
}

const [run, plainRun] = await Promise.all([runEmacs('features'), runEmacs('plain')]);
const problem = runProblem(run, 'emacs');
const r = run.results;

check('the docs\' set-up: a plan opens in mplan-mode and eglot starts the server at the project root', () => {
    assert(!problem, problem);
    assertStepRan(r, 'features');
    assert(r.mode === 'mplan-mode', `a .mplan file opens in ${r.mode}`);
    assert(r.root.replace(/\/$/, '') === project, `eglot started the server at ${r.root}, expected the git repository ${project}`);
});

check('diagnostics: Flymake shows the findings of ebook-list.mplan on their lines, with their rule ids', () => {
    assert(!problem, problem);
    assertStepRan(r, 'diagnostics');
    const shown = list(r.diagnostics).map(d => ({ ...d, code: /^mplan \[([a-z-]+)\]: /.exec(d.text)?.[1] }));
    const describe = d => `${d.line}: ${d.code}`;
    const noCode = shown.filter(d => !d.code);
    assert(noCode.length === 0, `findings without "mplan [rule-id]: ": ${noCode.map(d => d.text).join('; ')}`);
    const expected = expectedFindings(ebookText);
    const missing = expected.filter(e => !shown.some(d => d.code === e.code && d.line === e.line));
    assert(expected.length >= 10 && missing.length === 0, `not shown: ${missing.map(describe).join(', ')}; shown: ${shown.map(describe).join(', ')}`);
    const tactic = shown.find(d => d.code === 'tactic-without-strategy');
    assert(tactic.type === 'eglot-warning', `tactic-without-strategy shows as ${tactic.type}`);
    assert(tactic.col === ebookLines[tactic.line - 1].indexOf('ForumPosts') + 1, `tactic-without-strategy starts at column ${tactic.col}, not on the name ForumPosts`);
});

function checkHover(results, how) {
    assertStepRan(results, 'hover');
    const reference = results.hover.reference;
    const keyword = results.hover.keyword;
    assert(/strategy ListFirst/.test(reference) && /Build a list of home bakers/.test(reference), `hovering ListFirst ${how} shows:\n${reference}`);
    assert(/strateg/i.test(keyword) && /serves ListFirst/.test(keyword) && !/OfficeCatering/.test(keyword), `hovering serves ${how} shows:\n${keyword}`);
    for (const [what, text] of [['ListFirst', reference], ['serves', keyword]]) {
        assert(!/\\|\*\*|```/.test(text), `hovering ${what} ${how} shows Markdown's marks (a backslash, ** or a fence):\n${text}`);
    }
}

check('hover with markdown-mode: the strategy and the keyword, formatted, with no stray marks or escapes', () => {
    assert(!problem, problem);
    assert(r.markdown === true, 'markdown-mode is not installed (Debian: apt-get install elpa-markdown-mode)');
    checkHover(r, 'with markdown-mode');
});

check('hover without markdown-mode: eglot asks for plain text and gets it', () => {
    const plainProblem = runProblem(plainRun, 'emacs (without markdown-mode)');
    assert(!plainProblem, plainProblem);
    assertStepRan(plainRun.results, 'plain');
    assert(plainRun.results.markdown === false, 'markdown-mode was still there');
    checkHover(plainRun.results, 'without markdown-mode');
});

check('completion (completion-at-point): after a newly typed "serves ", the strategy, inserted', () => {
    assert(!problem, problem);
    assertStepRan(r, 'completion');
    const candidates = list(r.completion.candidates);
    assert(candidates.includes('ListFirst'), `completion offers ${JSON.stringify(candidates)}, not the strategy ListFirst`);
    const wrongKind = candidates.filter(l => ['HomeBakers', 'Newsletter', 'InstagramAds', 'ForumPosts', 'SourdoughBook', 'Launch'].includes(l));
    assert(wrongKind.length === 0, `completion after serves offers names that are not strategies: ${wrongKind.join(', ')}`);
    assert(r.completion.after === '    serves ListFirst', `after completion the line reads ${JSON.stringify(r.completion.after)}`);
});

check('quick fix (eglot-code-actions): the typo Newsleter is offered its fix, which is applied', () => {
    assert(!problem, problem);
    assertStepRan(r, 'code action');
    const offered = list(r.code_action.offered);
    assert(offered.includes("Change to 'Newsletter'"), `eglot offers: ${JSON.stringify(offered)}`);
    assert(/runs ForumPosts, Newsletter, InstagramAds/.test(r.code_action.line), `after the fix the line reads ${JSON.stringify(r.code_action.line)}`);
});

check('formatting (eglot-format-buffer): a carelessly written line is put right', () => {
    assert(!problem, problem);
    assertStepRan(r, 'formatting');
    assert(r.formatted === '    serves ListFirst', `after formatting the line reads ${JSON.stringify(r.formatted)}`);
});

check('imenu: the blocks grouped by kinds that read in plain words, none a programmer\'s word', () => {
    assert(!problem, problem);
    assertStepRan(r, 'imenu');
    const groups = Object.fromEntries(list(r.imenu).map(g => [g.group, list(g.names)]));
    const programmer = Object.keys(groups).filter(g => ['Class', 'Method', 'Function', 'Namespace', 'Struct', 'Interface', 'Enum', 'Variable', 'Constructor'].includes(g));
    assert(programmer.length === 0, `imenu groups blocks under ${programmer.join(', ')}: ${JSON.stringify(groups)}`);
    assert(JSON.stringify(groups.Key) === JSON.stringify(['ListFirst']) && groups.Field?.includes('ForumPosts') && groups.Object?.includes('HomeBakers'),
        `imenu lists: ${JSON.stringify(groups)}`);
});

check('go to definition (M-.): the strategy in the same file, a segment in an imported file', () => {
    assert(!problem, problem);
    assertStepRan(r, 'definition');
    const strategyLine = lineOf(ebookLines, /^strategy ListFirst \{/);
    const same = r.definition.same_file;
    assert(same.file === ebookPath && same.line === strategyLine && same.word === 'ListFirst', `after M-. point is at ${JSON.stringify(same)}, expected ListFirst on line ${strategyLine}`);
    const market = join(project, 'corner-bakery', 'shared', 'market.mplan');
    const segmentLine = lineOf(readFileSync(market, 'utf8').split('\n'), /^segment OfficeManagers \{/);
    const other = r.definition.other_file;
    assert(other?.file === market && other.line === segmentLine && other.word === 'OfficeManagers', `after M-. point is at ${JSON.stringify(other)}, expected OfficeManagers on line ${segmentLine} of ${market}`);
});

check('no warning window: eglot has nothing to warn about (it warned of an unsupported registration)', () => {
    assert(!problem, problem);
    const warnings = list(r.warnings);
    assert(warnings.length === 0, `eglot warned: ${warnings.join('; ')}`);
});

for (const [name, each] of [['emacs', run], ['emacs without markdown-mode', plainRun]]) {
    if (runProblem(each, name) || list(each.results?.errors).length > 0) {
        if (each.output) console.log(`--- ${name} output ---\n${each.output.slice(-3000)}`);
        if (list(each.results?.errors).length) console.log(`--- ${name} errors ---\n${each.results.errors.join('\n')}`);
    }
}
finish();

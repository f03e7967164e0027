#!/usr/bin/env node
// The mplan language server in Vim with ALE (Debian 12: vim 9.0, vim-ale 3.3), set up exactly as
// docs/editors.md says: its vimrc, ftdetect and ale_linters blocks are written into an empty home,
// mplan-language-server is on the PATH (the built server), and Vim runs test/editors/vim.vim on a
// copy of the fixture plans. Checks what a Vim user sees: the findings with their rule ids, hover
// as plain text, completion with CTRL-X CTRL-O, go to definition within and across files, and a
// quick fix picked from :ALECodeAction and applied. (ALE does not ask servers to format: the docs
// say so.)
//
// Usage: node test/editors/run-vim.mjs after a build (npm run test:editors builds first);
// MPLAN_VIM=/path/to/vim picks another Vim. Prints one line per check and `vim: N passed, M failed`;
// exits 1 on any failure (also when Vim or ALE is missing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assert, assertStepRan, checks, docBlocks, expectedFindings, list, ROOT, runEditor, runProblem, SERVER, userWorld } from './harness.mjs';

const VIM = process.env.MPLAN_VIM ?? 'vim';
const SCRIPT = join(ROOT, 'test', 'editors', 'vim.vim');
const { check, fatal, finish } = checks('vim');

const version = spawnSync(VIM, ['--version'], { encoding: 'utf8' });
if (version.error) fatal(`cannot run ${VIM} (${version.error.code ?? version.error.message}): install Vim 8 or newer and ALE (Debian: apt-get install vim vim-ale)`);
const versionLine = version.stdout.split('\n')[0];
if (!existsSync(SERVER)) fatal(`${SERVER} is missing: run npm run build first`);

// --- the set-up of docs/editors.md, as written --------------------------------------------------

// Each Vim block of the Vim section starts with a comment naming its file (`" ~/.vimrc`).
const files = docBlocks('vim').map(block => ({ path: /^" ~\/(\S+)\n/.exec(block)?.[1], text: block })).filter(f => f.path);
const { project, home, bin, work } = userWorld('mplan-vim-');
for (const file of files) {
    mkdirSync(dirname(join(home, file.path)), { recursive: true });
    writeFileSync(join(home, file.path), file.text);
}
const vimrc = files.find(f => f.path === '.vimrc');
if (!vimrc || !files.some(f => f.path === '.vim/ftdetect/mplan.vim') || !files.some(f => f.path === '.vim/ale_linters/mplan/mplan.vim')) {
    fatal(`docs/editors.md has no Vim blocks for ~/.vimrc, ~/.vim/ftdetect/mplan.vim and ~/.vim/ale_linters/mplan/mplan.vim (found: ${files.map(f => f.path).join(', ') || 'none'})`);
}
console.log(`vim: ${versionLine}; the set-up of docs/editors.md: ${files.map(f => `~/${f.path}`).join(', ')}`);

const ebookPath = join(project, 'ebook-list.mplan');
const ebookText = readFileSync(ebookPath, 'utf8');
const ebookLines = ebookText.split('\n');
const lineOf = (lines, pattern) => lines.findIndex(l => pattern.test(l)) + 1;
const out = join(work, 'results.json');
const run = await runEditor(VIM, ['--not-a-term', '-n', '-i', 'NONE', '-S', SCRIPT], {
    cwd: project,
    out,
    env: {
        ...process.env, HOME: home, PATH: `${bin}:${process.env.PATH}`, TERM: 'dumb',
        MPLAN_VIM_OUT: out, MPLAN_VIM_FILE: ebookPath, MPLAN_VIM_OTHER_FILE: join(project, 'corner-bakery', 'plan.mplan')
    }
});
const problem = runProblem(run, 'vim');
const r = run.results;

check('the docs\' set-up: a plan gets the mplan file type and ALE starts the server at the project root', () => {
    assert(!problem, problem);
    assertStepRan(r, 'diagnostics');
    assert(r.filetype === 'mplan', `a .mplan file gets filetype ${JSON.stringify(r.filetype)}, not mplan`);
    assert(JSON.stringify(r.roots) === JSON.stringify([project]), `ALE started the server at ${JSON.stringify(r.roots)}, expected the folder with mplan.json, ${project}`);
});

check('diagnostics: the findings of ebook-list.mplan on their lines, each with its rule id', () => {
    assert(!problem, problem);
    assertStepRan(r, 'diagnostics');
    const shown = list(r.diagnostics);
    const describe = d => `${d.line}: ${d.code}`;
    const expected = expectedFindings(ebookText);
    assert(expected.length >= 10, `could not read the findings listed at the top of ebook-list.mplan (${expected.length})`);
    const missing = expected.filter(e => !shown.some(d => d.code === e.code && d.line === e.line));
    assert(missing.length === 0, `not shown: ${missing.map(describe).join(', ')}; shown: ${shown.map(describe).join(', ')}`);
    const tactic = shown.find(d => d.code === 'tactic-without-strategy');
    assert(tactic.type === 'W', `tactic-without-strategy shows as ${tactic.type}, expected W (a warning)`);
    assert(shown.find(d => d.code === 'missing-guarantee')?.type === 'E', 'missing-guarantee does not show as an error');
    const nameCol = ebookLines[tactic.line - 1].indexOf('ForumPosts') + 1;
    assert(tactic.col === nameCol, `tactic-without-strategy starts at column ${tactic.col}, expected the name ForumPosts at ${nameCol}`);
    // With the docs' g:ale_echo_msg_format, the message ends in the rule id.
    assert(/\[tactic-without-strategy\]$/.test(r.echoed), `on the tactic's line ALE echoes ${JSON.stringify(r.echoed)}, without the rule id at its end`);
});

check('hover (:ALEHover): the strategy ListFirst and the keyword serves, as plain text with no stray escapes', () => {
    assert(!problem, problem);
    assertStepRan(r, 'hover');
    const reference = list(r.hover.reference).join('\n');
    assert(/strategy ListFirst/.test(reference), `hovering ListFirst shows:\n${reference}`);
    assert(/Build a list of home bakers/.test(reference), `hovering ListFirst does not show its statement:\n${reference}`);
    const keyword = list(r.hover.keyword).join('\n');
    assert(/strateg/i.test(keyword), `hovering serves shows text that does not say it names a strategy:\n${keyword}`);
    // The example uses the plan's own strategy, not one of another plan.
    assert(/serves ListFirst/.test(keyword) && !/OfficeCatering/.test(keyword), `the example of serves is not the plan's own:\n${keyword}`);
    for (const [what, text] of [['ListFirst', reference], ['serves', keyword]]) {
        assert(!/\\|\*\*|```/.test(text), `hovering ${what} shows Markdown's marks (a backslash, ** or a fence):\n${text}`);
    }
});

check('completion (CTRL-X CTRL-O): after a newly typed "serves ", the strategy, inserted', () => {
    assert(!problem, problem);
    assertStepRan(r, 'completion');
    const menu = list(r.completion.matches);
    assert(menu.includes('ListFirst'), `completion offers ${JSON.stringify(menu)}, not the strategy ListFirst`);
    const wrongKind = menu.filter(l => ['HomeBakers', 'Newsletter', 'InstagramAds', 'ForumPosts', 'SourdoughBook', 'Launch'].includes(l));
    assert(wrongKind.length === 0, `completion after serves offers names that are not strategies: ${wrongKind.join(', ')}`);
    assert(r.completion.after === '    serves ListFirst', `after CTRL-X CTRL-O the line reads ${JSON.stringify(r.completion.after)}`);
});

check('quick fix (:ALECodeAction): the typo Newsleter is offered its fix, which is applied and the finding goes', () => {
    assert(!problem, problem);
    assertStepRan(r, 'code action');
    const prompt = list(r.code_action.prompts).join('\n');
    assert(/Change to 'Newsletter'/.test(prompt), `ALE lists these fixes:\n${prompt}`);
    assert(/runs ForumPosts, Newsletter, InstagramAds/.test(r.code_action.line), `after the fix the line reads ${JSON.stringify(r.code_action.line)}`);
    const codes = list(r.code_action.after).map(d => d.code);
    assert(!codes.includes('unresolved-reference') && codes.includes('tactic-without-strategy'), `after the fix ALE shows ${codes.join(', ')}`);
});

check('go to definition (:ALEGoToDefinition): the strategy in the same file, a segment in an imported file', () => {
    assert(!problem, problem);
    assertStepRan(r, 'definition');
    const strategyLine = lineOf(ebookLines, /^strategy ListFirst \{/);
    const same = r.definition.same_file;
    assert(same.file === ebookPath && same.line === strategyLine && same.word === 'ListFirst', `after go to definition the cursor is at ${JSON.stringify(same)}, expected ListFirst on line ${strategyLine}`);
    const market = join(project, 'corner-bakery', 'shared', 'market.mplan');
    const segmentLine = lineOf(readFileSync(market, 'utf8').split('\n'), /^segment OfficeManagers \{/);
    const other = r.definition.other_file;
    assert(other.file === market && other.line === segmentLine && other.word === 'OfficeManagers', `after go to definition the cursor is at ${JSON.stringify(other)}, expected OfficeManagers on line ${segmentLine} of ${market}`);
});

if (problem || r.errors.length > 0) {
    if (run.output) console.log(`--- vim output ---\n${run.output.slice(-3000)}`);
    if (r?.errors.length) console.log(`--- errors ---\n${r.errors.join('\n')}`);
}
finish();

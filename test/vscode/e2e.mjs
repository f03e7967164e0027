#!/usr/bin/env node
// The VS Code extension in a real VS Code: code-server (VS Code 1.139 in a browser) driven by
// Debian's Chromium through playwright-core. Installs the packaged extension (out/mplan-vscode.vsix,
// from `npm run package`) into a fresh code-server, opens a copy of examples/ and checks what a
// user sees: the findings of ebook-list.mplan with their rule ids in the Problems panel, hover
// text on a keyword and on a name, a quick fix that applies and takes its problem away, the
// plan preview with the plan's numbers; then, in an empty folder, the walkthrough, its New Plan and
// preview buttons, and block completion only where a block may start.
//
// Usage: npm run package && node test/vscode/e2e.mjs [--update-docs-images]
//   --update-docs-images  also write docs/images/vscode-diagnostics.png and vscode-preview.png
// Environment: MPLAN_VSIX (another package to test), MPLAN_CODE_SERVER (the code-server binary;
// default: the one scripts/code-server.sh installs into the tools folder, installing it when
// missing), MPLAN_CHROMIUM (default /usr/bin/chromium), MPLAN_E2E_TIMEOUT_S (the deadline of the
// whole run once code-server is installed, default 300), MPLAN_E2E_KEEP=1 (keep the temp folders).
//
// Prints one line per check passed; on the first failure prints `e2e: FAIL <check>: <why>`, saves
// test-artifacts/e2e/failure.png and the logs, and exits 1. Screenshots of every step go to
// test-artifacts/e2e/. Nothing waits a fixed time: every wait is for an event or a state, with a
// deadline.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCodeServer, freePort, poll, runCommand, STEP_MS, USER_SETTINGS } from './code-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VSIX = resolve(process.env.MPLAN_VSIX ?? join(ROOT, 'out', 'mplan-vscode.vsix'));
const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
const DOCS_IMAGES = join(ROOT, 'docs', 'images');
const CHROMIUM = process.env.MPLAN_CHROMIUM ?? '/usr/bin/chromium';
const DEADLINE_S = Number(process.env.MPLAN_E2E_TIMEOUT_S ?? 300);
/** How long one step may wait for the UI (VS Code starting, the server answering, a widget opening). */
/** The flags of the issue: a headless Chromium that reaches nothing but code-server. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };

const { chromium } = createRequire(import.meta.url)('playwright-core');

// --- arguments ------------------------------------------------------------------------------

const options = process.argv.slice(2);
const updateDocsImages = options.includes('--update-docs-images');
const unknown = options.filter(o => o !== '--update-docs-images');
if (unknown.length > 0) {
    console.error(`e2e: unknown option ${unknown[0]} (the only option is --update-docs-images)`);
    process.exit(2);
}

// --- the run's state, for the clean-up ------------------------------------------------------

/** Everything the clean-up must stop or remove; filled as the run goes. */
const state = { work: undefined, codeServer: undefined, context: undefined, page: undefined, check: 'set-up', finished: false };

function log(message) {
    console.log(`e2e: ${message}`);
}

/** Runs a check and prints its line when it passes; a failure ends the run (see main). */
async function check(name, fn) {
    state.check = name;
    await fn();
    log(`${name} ok`);
}

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

/** Resolves with the value of `promise`, or undefined when it takes longer than `ms`. */
function within(promise, ms) {
    let timer;
    return Promise.race([
        promise.catch(() => undefined),
        new Promise(done => { timer = setTimeout(done, ms); })
    ]).finally(() => clearTimeout(timer));
}

/**
 * Stops Chromium and code-server and removes the temporary folders. Chromium: closing the context
 * ends its process group (playwright-core started it detached and kills the group on exit if the
 * close does not finish). code-server: SIGTERM to its process group (it runs under setsid), then
 * SIGKILL if it is still there after a few seconds.
 */
async function cleanUp() {
    if (state.context) {
        const context = state.context;
        state.context = undefined;
        await within(context.close(), 10_000);
    }
    if (state.codeServer) {
        const child = state.codeServer;
        state.codeServer = undefined;
        if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise(done => child.once('exit', done));
            killGroup(child.pid, 'SIGTERM');
            if (await within(exited.then(() => true), 5_000) === undefined) killGroup(child.pid, 'SIGKILL');
        }
    }
    if (state.work && !process.env.MPLAN_E2E_KEEP) rmSync(state.work, { recursive: true, force: true });
    else if (state.work) log(`kept ${state.work}`);
}

function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    } catch (error) {
        if (error.code !== 'ESRCH') throw error;
    }
}

/**
 * The first failure: a screenshot and the logs as artefacts, one clear line, the clean-up, exit 1.
 * Runs once, whether the failure is a check's, the deadline's or a signal's.
 */
async function fail(message, exitCode = 1) {
    if (state.finished) return;
    state.finished = true;
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = state.page ? await within(state.page.screenshot({ path: join(ARTIFACTS, 'failure.png') }).then(() => true), 10_000) : undefined;
    const saved = saveLogs();
    console.error(`e2e: FAIL ${state.check}: ${oneLine(message)}`);
    if (shot || saved) console.error(`e2e: ${[shot ? 'failure.png' : '', saved ? 'logs' : ''].filter(Boolean).join(' and ')} in ${ARTIFACTS}`);
    await cleanUp();
    process.exit(exitCode);
}

/**
 * A failure in one line: playwright-core's errors come with a call log in colour; keep their
 * first line and what they were waiting for.
 */
function oneLine(message) {
    const lines = message.replace(/\x1b\[[0-9;]*m/g, '').split('\n').map(line => line.trim()).filter(Boolean);
    const waiting = lines.find(line => line.startsWith('- waiting for'));
    return waiting ? `${lines[0]} (${waiting.slice(2)})` : lines[0] ?? message;
}

/** Copies code-server's log and VS Code's logs (extension host, the mplan output channel) to the artefacts; tells whether there were any. */
function saveLogs() {
    if (!state.work) return false;
    const serverLog = join(state.work, 'code-server.log');
    if (existsSync(serverLog)) copyFileSync(serverLog, join(ARTIFACTS, 'code-server.log'));
    const logs = join(state.work, 'user-data', 'logs');
    if (existsSync(logs)) cpSync(logs, join(ARTIFACTS, 'vscode-logs'), { recursive: true });
    return existsSync(serverLog);
}

process.on('SIGINT', () => void fail('interrupted (SIGINT)', 130));
// Should the run end any other way (a crash), code-server must not outlive it.
process.on('exit', () => {
    if (state.codeServer) killGroup(state.codeServer.pid, 'SIGKILL');
});
process.on('SIGTERM', () => void fail('terminated (SIGTERM)', 143));

// --- preconditions --------------------------------------------------------------------------

/** The findings ebook-list.mplan lists in its header comment, as (line, rule id) pairs. */
function listedFindings(text) {
    return [...text.matchAll(/^\/\/\s+(\d+):\s+([a-z-]+)\s/gm)].map(m => ({ line: Number(m[1]), code: m[2] }));
}

/** The 1-based line of the first line matching `pattern`, and the 1-based column of `word` in it. */
function positionOf(lines, pattern, word) {
    const index = lines.findIndex(l => pattern.test(l));
    assert(index >= 0, `no line matches ${pattern}`);
    const column = lines[index].indexOf(word);
    assert(column >= 0, `line ${index + 1} has no '${word}'`);
    return { line: index + 1, column: column + 1 };
}

// --- code-server ----------------------------------------------------------------------------

/** The fresh folders of one run: code-server's user data, extensions and config, Chromium's profile, the workspace. */
function makeWorkArea(port) {
    const work = mkdtempSync(join(tmpdir(), 'mplan-e2e-'));
    state.work = work;
    const dirs = {
        work,
        userData: join(work, 'user-data'),
        extensions: join(work, 'extensions'),
        config: join(work, 'config.yaml'),
        profile: join(work, 'chromium-profile'),
        // A copy, so that the quick fix never edits the repository's examples.
        workspace: join(work, 'examples')
    };
    mkdirSync(join(dirs.userData, 'User'), { recursive: true });
    mkdirSync(dirs.extensions);
    cpSync(join(ROOT, 'examples'), dirs.workspace, { recursive: true });
    writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    // The settings of code-server.mjs; the cursor does not blink (the hover finds it).
    writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, 'editor.cursorBlinking': 'solid' }, null, 4));
    return dirs;
}

/**
 * The environment of code-server: this Node first on PATH (its native modules are built for it),
 * and its own XDG folders, so that it writes nothing into the user's home.
 */
function codeServerEnv(dirs) {
    return {
        ...process.env,
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        XDG_CONFIG_HOME: join(dirs.work, 'xdg-config'),
        XDG_DATA_HOME: join(dirs.work, 'xdg-data'),
        XDG_CACHE_HOME: join(dirs.work, 'xdg-cache')
    };
}

function codeServerArgs(dirs) {
    return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** `code-server --install-extension out/mplan-vscode.vsix` into the fresh extensions folder (no network needed). */
function installExtension(codeServer, dirs) {
    const result = spawnSync(process.execPath, [codeServer, ...codeServerArgs(dirs), '--install-extension', VSIX, '--force'], {
        encoding: 'utf8', env: codeServerEnv(dirs), timeout: 120_000
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    assert(result.status === 0, `code-server --install-extension exited ${result.status ?? result.signal ?? result.error?.message}: ${output}`);
    assert(/successfully installed/i.test(output), `code-server --install-extension did not say it installed the extension: ${output}`);
    const installed = readdirSync(dirs.extensions).filter(name => existsSync(join(dirs.extensions, name, 'package.json')));
    const manifests = installed.map(name => JSON.parse(readFileSync(join(dirs.extensions, name, 'package.json'), 'utf8')));
    const manifest = manifests.find(m => m.contributes?.languages?.some(l => l.id === 'mplan'));
    assert(manifest, `no installed extension contributes the mplan language (installed: ${installed.join(', ') || 'nothing'})`);
    return manifest;
}

/** Starts code-server in a session of its own (setsid), so that its whole process group can be stopped. */
function startCodeServer(codeServer, dirs) {
    const output = openSync(join(dirs.work, 'code-server.log'), 'a');
    const child = spawn(process.execPath, [codeServer, ...codeServerArgs(dirs), '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override'], {
        detached: true, stdio: ['ignore', output, output], env: codeServerEnv(dirs)
    });
    state.codeServer = child;
    return child;
}

/** Waits until code-server answers on its port (its health check), or fails when it exits or the time runs out. */
async function waitForCodeServer(child, port, dirs) {
    const deadline = Date.now() + STEP_MS;
    let exited = false;
    child.once('exit', () => { exited = true; });
    for (;;) {
        if (exited) throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it answered: ${readFileSync(join(dirs.work, 'code-server.log'), 'utf8').trim().split('\n').slice(-5).join(' | ')}`);
        try {
            const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
            if (response.ok) return;
        } catch {
            // Not listening yet (connection refused): try again.
        }
        if (Date.now() > deadline) throw new Error(`code-server did not answer on 127.0.0.1:${port} within ${STEP_MS / 1000} s`);
        await new Promise(done => setTimeout(done, 100));
    }
}

// --- the UI ---------------------------------------------------------------------------------

/** Waits until `probe` (run in the page) returns true; on time-out, fails with what `describe` says it saw. */
async function waitInPage(page, what, probe, arg, describe) {
    try {
        await page.waitForFunction(probe, arg, { timeout: STEP_MS, polling: 100 });
    } catch (error) {
        const seen = describe ? await within(describe(), 5_000) : undefined;
        throw new Error(`${what}: not within ${STEP_MS / 1000} s${seen ? `; seen: ${seen}` : ''}${/Timeout/.test(error.message) ? '' : ` (${error.message.split('\n')[0]})`}`);
    }
}

/** Moves the cursor of the active editor to a line and column with "Go to Line/Column" (Ctrl+G). */
async function goTo(page, { line, column }) {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_MS });
    await input.fill(`:${line}:${column}`);
    // Enter acts on the list's row, which follows the typed text: pressed before the row says this
    // line, it is lost (seen in CI on a loaded machine: the box stayed open with ':48:9' in it).
    await page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line} at column ${column}` }).first().waitFor({ state: 'visible', timeout: STEP_MS });
    await input.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
    const status = page.locator('#status\\.editor\\.selection');
    await waitInPage(page, `the cursor at line ${line}, column ${column}`,
        expected => document.getElementById('status.editor.selection')?.textContent?.includes(expected) ?? false,
        `Ln ${line}, Col ${column}`, () => status.textContent());
}

/**
 * The problems the Problems panel shows (not their related-information rows), each with its
 * message, source, code (the rule id), position and severity icon. Runs in the page.
 */
function readProblemsPanel() {
    const text = (row, selector) => row.querySelector(selector)?.textContent?.trim() ?? '';
    return [...document.querySelectorAll('.markers-panel .monaco-list-row')]
        .filter(row => row.querySelector('.marker-source'))
        .map(row => {
            const icon = row.querySelector('.marker-icon')?.className ?? '';
            const at = /Ln (\d+), Col (\d+)/.exec(text(row, '.marker-line'));
            return {
                message: text(row, '.marker-message'),
                source: text(row, '.marker-source'),
                code: text(row, '.marker-code'),
                line: at ? Number(at[1]) : undefined,
                column: at ? Number(at[2]) : undefined,
                // The icon's class names the severity (marker-icon error, codicon-warning, …).
                severity: /\berror\b|codicon-error/.test(icon) ? 'error' : /\bwarning\b|codicon-warning/.test(icon) ? 'warning' : /\binfo\b|codicon-info/.test(icon) ? 'info' : icon
            };
        });
}

function problemsPanel(page) {
    return page.evaluate(readProblemsPanel);
}

const describeProblems = problems => problems.map(p => `${p.line}: ${p.source}(${p.code}) ${p.severity}`).join(', ') || 'none';

/**
 * Shows the Problems panel maximized (its list draws only the rows in view), polls its problems
 * until `ok` accepts them, saves a screenshot and gives the editor its room and the focus back.
 */
async function allProblems(page, what, ok, screenshotName) {
    // Ctrl+Shift+M shows the panel (and would hide it when it is already in front).
    if (!await page.locator('.markers-panel').isVisible()) await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: STEP_MS });
    await runCommand(page, 'View: Toggle Maximized Panel');
    const problems = await poll(what, () => problemsPanel(page), ok, describeProblems);
    await screenshot(page, screenshotName);
    await runCommand(page, 'View: Toggle Maximized Panel');
    await runCommand(page, 'View: Focus Active Editor Group');
    return problems;
}

/**
 * Hovers the mouse over the word at `position` of the active editor, as a user does, and waits
 * until the hover that opens shows what `ok` accepts (first it may say "Loading..."); returns its
 * text. The cursor, put there first, shows where the word is drawn.
 */
async function hoverText(page, position, what, ok) {
    await goTo(page, position);
    const cursor = page.locator('.monaco-editor.focused .cursors-layer .cursor').first();
    const box = await cursor.boundingBox({ timeout: STEP_MS });
    assert(box, `the cursor at line ${position.line} is not drawn`);
    await page.mouse.move(box.x + box.width + 3, box.y + box.height / 2);
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content');
    return poll(`a hover at line ${position.line}, column ${position.column} that ${what}`,
        async () => (await hover.allInnerTexts()).join('\n').trim(), ok, text => JSON.stringify(text ?? ''));
}

/** Moves the mouse off the editor and waits until no hover is open. */
async function closeHover(page) {
    await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content').first().waitFor({ state: 'hidden', timeout: STEP_MS });
}

/**
 * The plan's numbers as written: each tactic's budget, and each campaign's budget and planned
 * spend (the budgets of the declared tactics it runs), in whole USD. Read from the text, so the
 * preview is held to the plan rather than to a copy of its figures.
 */
function planBudgets(text) {
    const amount = raw => Number(raw.replace(/_/g, ''));
    const tactics = new Map([...text.matchAll(/^tactic (\w+) \{([^}]*)\}/gm)]
        .map(m => [m[1], /\bbudget ([\d_]+) USD/.exec(m[2])])
        .filter(([, budget]) => budget)
        .map(([name, budget]) => [name, amount(budget[1])]));
    const campaigns = new Map([...text.matchAll(/^campaign (\w+) \{([^}]*)\}/gm)].flatMap(m => {
        const budget = /\bbudget ([\d_]+) USD/.exec(m[2]);
        if (!budget) return [];
        const runs = /\bruns ([\w, ]+)/.exec(m[2])?.[1].split(',').map(name => name.trim()) ?? [];
        const planned = runs.reduce((sum, name) => sum + (tactics.get(name) ?? 0), 0);
        return [[m[1], { budget: amount(budget[1]), planned }]];
    }));
    return { tactics, campaigns };
}

/** An amount as mplan writes it for people: 2,400 USD. */
function usd(amount) {
    return `${amount.toLocaleString('en-US')} USD`;
}

/** The text of the preview's table rows that name the campaign Launch. */
async function campaignRows(preview) {
    return (await preview.locator('tr', { hasText: 'Launch' }).allInnerTexts()).map(row => row.replace(/\s+/g, ' '));
}

/** The text of the webview frame whose first heading is 'budget-overrun', if one is showing. */
async function rulePageText(page) {
    for (const frame of page.frames()) {
        try {
            const heading = await frame.locator('h1').first().innerText({ timeout: 200 });
            if (heading.trim() === 'budget-overrun') return await frame.locator('body').innerText({ timeout: 1_000 });
        } catch {
            // Not this frame (no heading yet, or detached).
        }
    }
    return undefined;
}

/** The pids of this run's mplan language servers (the extension's copy of the server bundle). */
function serverPids() {
    const pids = [];
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        let command;
        try {
            command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        } catch {
            continue;
        }
        // This run's only (its extensions folder): another run on the machine has servers of its own.
        if (command.includes(`${state.work}/extensions/mplan.mplan-vscode-`) && command.includes('dist/server.cjs')) pids.push(Number(entry));
    }
    return pids;
}

async function screenshot(page, name) {
    const path = join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path });
    return path;
}

// --- the run --------------------------------------------------------------------------------

async function main() {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    assert(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    assert(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set MPLAN_CHROMIUM`);
    const codeServer = findCodeServer();

    // From here on the run has a deadline, so that CI never hangs.
    setTimeout(() => void fail(`the run did not finish within ${DEADLINE_S} s`), DEADLINE_S * 1000).unref();

    const port = await freePort();
    const dirs = makeWorkArea(port);
    const ebookText = readFileSync(join(dirs.workspace, 'ebook-list.mplan'), 'utf8');
    const ebookLines = ebookText.split('\n');

    let manifest;
    await check('the .vsix installs into code-server from the file (--install-extension, no marketplace)', () => {
        manifest = installExtension(codeServer, dirs);
    });
    const language = manifest.contributes.languages.find(l => l.id === 'mplan');

    const child = startCodeServer(codeServer, dirs);
    await waitForCodeServer(child, port, dirs);
    log(`code-server ${JSON.parse(readFileSync(join(dirname(codeServer), '..', 'code-server', 'package.json'), 'utf8')).version} answers on 127.0.0.1:${port}`);

    const context = await chromium.launchPersistentContext(dirs.profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: VIEWPORT,
        // Its own XDG folders too: Chromium writes crash reports and caches there, not in the profile.
        env: { ...process.env, XDG_CONFIG_HOME: join(dirs.work, 'xdg-config'), XDG_CACHE_HOME: join(dirs.work, 'xdg-cache') },
        // The run's own handlers close the browser in order (see fail and cleanUp).
        handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false
    });
    state.context = context;
    const page = context.pages()[0] ?? await context.newPage();
    state.page = page;

    await check('VS Code opens the workspace in Chromium', async () => {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`, { timeout: STEP_MS });
        await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: STEP_MS });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ebook-list.mplan' }).waitFor({ state: 'visible', timeout: STEP_MS });
    });

    await check(`opening ebook-list.mplan gives it the language '${language.aliases?.[0] ?? language.id}'`, async () => {
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: STEP_MS });
        await input.fill('ebook-list.mplan');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ebook-list.mplan' }).first().waitFor({ state: 'visible', timeout: STEP_MS });
        await input.press('Enter');
        await page.locator('.tabs-container .tab.active', { hasText: 'ebook-list.mplan' }).waitFor({ state: 'visible', timeout: STEP_MS });
        const name = language.aliases?.[0] ?? language.id;
        await waitInPage(page, `the status bar naming the language ${name}`,
            expected => document.getElementById('status.editor.mode')?.textContent?.trim() === expected,
            name, () => page.locator('#status\\.editor\\.mode').textContent());
    });

    const expected = listedFindings(ebookText);
    assert(expected.length >= 10, `could not read the findings listed at the top of ebook-list.mplan (${expected.length})`);
    await check(`the Problems panel shows the ${expected.length} findings ebook-list.mplan lists, with rule ids and lines`, async () => {
        const shows = (problems, { code, line }) => problems.some(p => p.code === code && p.line === line);
        const problems = await allProblems(page, `the findings ${expected.map(e => `${e.line}: ${e.code}`).join(', ')}`,
            shown => expected.every(e => shows(shown, e)), '1-problems-panel');
        // Every problem comes from mplan and names a rule of the registry, with the rule's severity
        // (the examples have no settings file that would change it).
        const { ruleById } = createRequire(import.meta.url)(join(ROOT, 'out', 'core.cjs'));
        for (const p of problems) {
            assert(p.source === 'mplan', `a problem from ${JSON.stringify(p.source)}, not mplan: ${p.message}`);
            const rule = ruleById(p.code);
            assert(rule, `a problem whose code is not a rule id: ${JSON.stringify(p.code)} (${p.message})`);
            assert(p.severity === rule.severity, `${p.code} shows as ${p.severity}, the rule's severity is ${rule.severity}`);
        }
        assert(problems.length === expected.length, `${problems.length} problems shown, the file lists ${expected.length}: ${describeProblems(problems)}`);
    });

    // The README's picture: the editor with its squiggles, the hover of one, the Problems panel below.
    const typo = positionOf(ebookLines, /^\s+runs .*Newsleter/, 'Newsleter');
    await check(`hovering the squiggle under 'Newsleter' (line ${typo.line}) shows its problem and rule id`, async () => {
        await hoverText(page, typo, "shows the problem with 'Newsleter' and its rule id",
            text => text.includes("'Newsleter'") && text.includes('unresolved-reference'));
        await screenshot(page, '2-diagnostics');
        await closeHover(page);
    });

    const serves = positionOf(ebookLines, /^\s+serves ListFirst/, 'serves');
    await check(`hovering the keyword 'serves' (line ${serves.line}) explains it`, async () => {
        // The keyword, what it means in words, then a line of mplan that uses it.
        await hoverText(page, serves, "names the keyword, says what it means and shows a line that uses it", text => {
            const [meaning, ...usage] = text.replace(/^serves:?/, '').trim().split('\n').filter(Boolean);
            return /^serves\b/.test(text) && meaning?.length >= 20 && usage.some(line => /\bserves\s+\w+/.test(line));
        });
        await screenshot(page, '3-hover-keyword');
        await closeHover(page);
    });

    const listFirst = { line: serves.line, column: ebookLines[serves.line - 1].indexOf('ListFirst') + 1 };
    const statement = /strategy ListFirst \{\s*statement "([^"]+)"/.exec(ebookText)?.[1];
    assert(statement, 'ebook-list.mplan has no strategy ListFirst with a statement');
    await check(`hovering the name 'ListFirst' (line ${listFirst.line}) summarizes the strategy`, async () => {
        await hoverText(page, listFirst, `names the strategy and quotes its statement "${statement}"`,
            text => /strategy ListFirst/.test(text) && text.includes(statement));
        await screenshot(page, '4-hover-name');
        await closeHover(page);
    });

    const budgets = planBudgets(ebookText);
    const launch = budgets.campaigns.get('Launch');
    assert(launch, 'ebook-list.mplan has no campaign Launch with a budget');
    const plan = /^plan\s+(\w+)/m.exec(ebookText)?.[1];
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await check(`"mplan: Open Plan Preview" shows the plan's budgets beside the editor (campaign Launch: ${usd(launch.budget)} budget, ${usd(launch.planned)} planned)`, async () => {
        await runCommand(page, 'mplan: Open Plan Preview');
        await page.locator('.tabs-container .tab', { hasText: `Preview ${plan}` }).waitFor({ state: 'visible', timeout: STEP_MS });
        const amounts = [...budgets.tactics.values()].map(usd);
        await poll(`the tactics' budgets ${amounts.join(', ')} in the preview`, () => preview.locator('body').innerText({ timeout: 2_000 }),
            body => amounts.every(a => body.includes(a)), body => JSON.stringify(body?.slice(0, 300)));
        await poll(`the campaign Launch with ${usd(launch.budget)} budget and ${usd(launch.planned)} planned`, () => campaignRows(preview),
            rows => rows.some(row => row.includes(usd(launch.budget)) && row.includes(usd(launch.planned))), rows => rows.join(' | ') || 'no row names Launch');
        // The README's picture: the plan and its preview side by side, without the side bar and panel.
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        await runCommand(page, 'View: Toggle Panel Visibility');
        await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: STEP_MS });
        await screenshot(page, '5-preview');
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        await runCommand(page, 'View: Toggle Panel Visibility');
        await runCommand(page, 'View: Focus Active Editor Group');
    });

    const fixTitle = "Change to 'Newsletter'";
    await check(`the quick fix "${fixTitle}" (Ctrl+. on line ${typo.line}) applies and unresolved-reference leaves the Problems panel`, async () => {
        await goTo(page, typo);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: fixTitle }).first();
        await fix.waitFor({ state: 'visible', timeout: STEP_MS });
        await screenshot(page, '6-quick-fix-menu');
        await fix.click();
        await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: STEP_MS });
        // The edit is in the document: saved, the file on disk has the tactic's real name.
        await page.keyboard.press('Control+S');
        const file = join(dirs.workspace, 'ebook-list.mplan');
        const fixedLine = ebookLines[typo.line - 1].replace('Newsleter', 'Newsletter');
        await poll('the saved file with the fix', () => readFileSync(file, 'utf8').split('\n')[typo.line - 1], line => line === fixedLine);
        const rest = expected.filter(e => e.code !== 'unresolved-reference');
        await allProblems(page, 'the Problems panel without unresolved-reference and with the other findings',
            shown => !shown.some(p => p.code === 'unresolved-reference') && rest.every(e => shown.some(p => p.code === e.code && p.line === e.line)),
            '7-quick-fix-applied');
    });

    // The fix makes the campaign run the Newsletter too: its planned spend grows by that budget.
    const fixedPlan = planBudgets(readFileSync(join(dirs.workspace, 'ebook-list.mplan'), 'utf8')).campaigns.get('Launch');
    await check(`the preview follows the edit: campaign Launch now plans ${usd(fixedPlan.planned)}`, async () => {
        assert(fixedPlan.planned !== launch.planned, `the fix did not change the campaign's planned spend (${usd(launch.planned)})`);
        await poll(`the campaign Launch with ${usd(fixedPlan.planned)} planned`, () => campaignRows(preview),
            rows => rows.some(row => row.includes(usd(fixedPlan.budget)) && row.includes(usd(fixedPlan.planned))), rows => rows.join(' | ') || 'no row names Launch');
        await screenshot(page, '8-preview-after-fix');
    });

    const launchLine = ebookLines.findIndex(line => /^campaign\s+Launch\b/.test(line)) + 1;
    await check(`clicking the campaign Launch in the preview reveals it in the editor (line ${launchLine})`, async () => {
        assert(launchLine > 0, 'ebook-list.mplan has no campaign Launch');
        await goTo(page, { line: 1, column: 1 });
        await preview.locator(`tr[data-uri][data-line="${launchLine - 1}"]`).first().click();
        const status = page.locator('#status\\.editor\\.selection');
        await waitInPage(page, `the cursor on line ${launchLine}`,
            expected => document.getElementById('status.editor.selection')?.textContent?.startsWith(expected) ?? false,
            `Ln ${launchLine},`, () => status.textContent());
    });

    const overrun = expected.find(e => e.code === 'budget-overrun');
    await check(`"mplan: Explain Rule" on the budget-overrun finding (line ${overrun?.line}) shows that rule's page`, async () => {
        assert(overrun, 'ebook-list.mplan lists no budget-overrun finding');
        // On the amount the finding underlines: `budget 2_000 USD`.
        const column = ebookLines[overrun.line - 1].search(/\d/) + 1;
        await runCommand(page, 'View: Focus Active Editor Group');
        await goTo(page, { line: overrun.line, column });
        await runCommand(page, 'mplan: Explain Rule');
        await page.locator('.tabs-container .tab', { hasText: 'budget-overrun.md' }).waitFor({ state: 'visible', timeout: STEP_MS });
        // Webviews are frames: the rule page is the one whose heading is the rule id (the plan
        // preview's is the plan's name).
        await poll('the rule page: a heading budget-overrun and its Why section', () => rulePageText(page),
            body => body !== undefined && body.includes('Why') && body.includes('Default severity: error'), body => JSON.stringify(body?.slice(0, 200)));
        await screenshot(page, '9-explain-rule');
        await runCommand(page, 'View: Close Editor');
    });

    await check('"mplan: Export Plan Report" writes the report where the save dialog says', async () => {
        const target = join(dirs.workspace, 'exported-report.html');
        await runCommand(page, 'View: Focus Active Editor Group');
        await page.keyboard.press('Control+Shift+P');
        const palette = page.locator('.quick-input-widget input');
        await palette.waitFor({ state: 'visible', timeout: STEP_MS });
        await palette.fill('>mplan: Export Plan Report');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'mplan: Export Plan Report' }).first().click();
        // code-server's save dialog is VS Code's simple file dialog: a quick input holding a path.
        const pathInput = page.locator('.quick-input-widget input');
        await waitInPage(page, 'the save dialog with a path ending in -report.html',
            () => (document.querySelector('.quick-input-widget input')?.value ?? '').endsWith('-report.html'), undefined, () => pathInput.inputValue());
        await pathInput.fill(target);
        await pathInput.press('Enter');
        await page.locator('.notifications-toasts', { hasText: 'Wrote the report of' }).waitFor({ state: 'visible', timeout: STEP_MS });
        await poll('the exported report on disk', () => (existsSync(target) ? readFileSync(target, 'utf8') : ''),
            html => html.startsWith('<!DOCTYPE html>') && html.includes('<title>Plan report: QuickSourdough</title>') && html.includes("default-src 'none'"),
            html => JSON.stringify(html.slice(0, 120)));
    });

    await check('a language server that dies is restarted, with a message, and the findings come back', async () => {
        const servers = serverPids();
        assert(servers.length === 1, `expected one mplan language server process, found ${servers.length}`);
        process.kill(servers[0], 'SIGKILL');
        await page.locator('.notifications-toasts', { hasText: 'The mplan language server stopped unexpectedly and was restarted.' })
            .waitFor({ state: 'visible', timeout: STEP_MS });
        await poll('a new language server process', serverPids, pids => pids.length === 1 && pids[0] !== servers[0]);
        const rest = expected.filter(e => e.code !== 'unresolved-reference');
        await allProblems(page, 'the findings again, from the new server',
            shown => rest.every(e => shown.some(p => p.code === e.code && p.line === e.line)), '11-after-restart');
    });

    // A first-time user: an empty folder, the walkthrough, its New Plan button, a clean plan, completion
    // in it, and the walkthrough's preview button.
    const empty = join(dirs.work, 'my-first-plan');
    mkdirSync(empty);
    const newPlan = join(empty, 'plan.mplan');
    await check('in an empty folder, the walkthrough "Your first marketing plan" shows its steps', async () => {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(empty)}`, { timeout: STEP_MS });
        await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: STEP_MS });
        await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible', timeout: STEP_MS });
        // "Welcome: Open Walkthrough..." asks which walkthrough, in a second quick pick.
        await page.keyboard.press('Control+Shift+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: STEP_MS });
        await input.fill('>Welcome: Open Walkthrough');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Welcome: Open Walkthrough' }).first().click();
        const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Your first marketing plan' }).first();
        await pick.waitFor({ state: 'visible', timeout: STEP_MS });
        await pick.click();
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
        const titles = ['Open a folder for your plan', 'Create a plan', 'Make it yours, checked as you type', 'See the plan as a whole'];
        await poll('the walkthrough with its four steps', () => page.locator('.gettingStartedContainer').innerText({ timeout: 2_000 }),
            text => titles.every(title => text.includes(title)), text => JSON.stringify(text?.slice(0, 300)));
        await screenshot(page, '16-walkthrough');
    });

    /** Clicks a step of the walkthrough, then the button its description offers. */
    const walkthroughButton = async (step, button) => {
        const welcome = page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first();
        if (!/\bactive\b/.test(await welcome.getAttribute('class') ?? '')) await welcome.click();
        const stepRow = page.locator('.getting-started-step:visible', { hasText: step }).first();
        // The Welcome page may show its overview again: the walkthrough is one of its entries.
        const shown = await stepRow.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
        if (!shown) {
            await screenshot(page, `walkthrough-before-${button.replace(/\W+/g, '-')}`);
            await page.locator('.getting-started-category:visible', { hasText: 'Your first marketing plan' }).first().click();
        }
        await stepRow.click();
        const link = page.locator('.getting-started-step.expanded .button-link, .getting-started-step.expanded a', { hasText: button }).first();
        await link.waitFor({ state: 'visible', timeout: STEP_MS });
        await link.click();
    };

    await check('its "New Plan" button writes plan.mplan in the folder and opens it: a plan with no finding', async () => {
        await walkthroughButton('Create a plan', 'New Plan');
        await page.locator('.tabs-container .tab.active', { hasText: 'plan.mplan' }).waitFor({ state: 'visible', timeout: STEP_MS });
        await poll('plan.mplan on disk', () => (existsSync(newPlan) ? readFileSync(newPlan, 'utf8') : ''), text => /^plan MyPlan \{/m.test(text),
            text => JSON.stringify(text.slice(0, 80)));
        const lines = readFileSync(newPlan, 'utf8').split('\n');
        // Once the server has judged it (a hover on a name answers), the editor shows no squiggle.
        const segment = positionOf(lines, /^segment HomeBrewers \{/, 'HomeBrewers');
        await hoverText(page, segment, 'summarizes the segment HomeBrewers', text => /segment HomeBrewers/.test(text));
        await closeHover(page);
        const squiggles = await page.locator('.monaco-editor.focused .squiggly-error, .monaco-editor.focused .squiggly-warning, .monaco-editor.focused .squiggly-info').count();
        assert(squiggles === 0, `the new plan shows ${squiggles} squiggles`);
        await screenshot(page, '17-new-plan');
    });

    await check('its "Open Plan Preview" button shows the new plan\'s preview', async () => {
        await walkthroughButton('See the plan as a whole', 'Open Plan Preview');
        await page.locator('.tabs-container .tab', { hasText: 'Preview MyPlan' }).waitFor({ state: 'visible', timeout: STEP_MS });
        // Webviews are frames (the walkthrough's pages too): the preview is the one whose heading is the plan's name.
        const headings = async () => {
            const found = [];
            for (const frame of page.frames()) {
                try {
                    found.push((await frame.locator('h1').first().innerText({ timeout: 200 })).trim());
                } catch {
                    // No heading in this frame (yet), or it is detached.
                }
            }
            return found;
        };
        await poll('the preview of MyPlan', headings, found => found.includes('MyPlan'), found => found.join(', ') || 'no heading');
        await screenshot(page, '18-walkthrough-preview');
        await page.locator('.tabs-container .tab', { hasText: 'plan.mplan' }).first().click();
    });

    await check('completion offers a whole block where a block may start, and none inside a block', async () => {
        const lines = readFileSync(newPlan, 'utf8').split('\n');
        const rows = page.locator('.editor-widget.suggest-widget .monaco-list-row');
        // Each suggestion's label and icon (the icon says its kind: a snippet, a keyword, a word of the file).
        const suggestions = () => rows.evaluateAll(elements => elements.map(row => ({
            label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
            icon: row.querySelector('.suggest-icon')?.className ?? ''
        })));
        const describe = shown => shown.map(s => `${s.label} (${/codicon-symbol-(\w+)/.exec(s.icon)?.[1] ?? s.icon})`).join(', ');
        const suggestOnNewLine = async (typed, name) => {
            await page.keyboard.press('End');
            await page.keyboard.press('Enter');
            await page.keyboard.press('Home');
            await page.keyboard.press('Shift+End');
            await page.keyboard.type(typed);
            await page.keyboard.press('Control+Space');
            await rows.first().waitFor({ state: 'visible', timeout: STEP_MS });
            const shown = await poll(`suggestions after '${typed}'`, suggestions, list => list.length > 0, describe);
            await screenshot(page, name);
            await page.keyboard.press('Escape');
            return shown;
        };
        const isBlock = s => /^(plan|product|segment|competitor|research|strategy|tactic|campaign|funnel|offer)$/.test(s.label) && /codicon-symbol-snippet/.test(s.icon);
        // At the top level, after the last block: the segment block, as a snippet.
        await runCommand(page, 'View: Focus Active Editor Group');
        await page.keyboard.press('Control+End');
        const top = await suggestOnNewLine('seg', '19-suggest-top-level');
        assert(top.some(s => s.label === 'segment' && isBlock(s)), `at the top level, completion offers no segment block: ${describe(top)}`);
        // Inside the segment HomeBrewers, on a line of its own: its facts, never a block.
        await goTo(page, positionOf(lines, /^segment HomeBrewers \{/, 'segment'));
        const inside = await suggestOnNewLine('    s', '20-suggest-in-block');
        assert(!inside.some(isBlock), `inside a segment, completion offers a block: ${describe(inside.filter(isBlock))}`);
        assert(inside.some(s => s.label === 'spends'), `inside a segment, completion does not offer its fact spends: ${describe(inside)}`);
    });

    if (updateDocsImages) {
        mkdirSync(DOCS_IMAGES, { recursive: true });
        copyFileSync(join(ARTIFACTS, '2-diagnostics.png'), join(DOCS_IMAGES, 'vscode-diagnostics.png'));
        copyFileSync(join(ARTIFACTS, '5-preview.png'), join(DOCS_IMAGES, 'vscode-preview.png'));
        log(`wrote ${join('docs', 'images', 'vscode-diagnostics.png')} and ${join('docs', 'images', 'vscode-preview.png')}`);
    }
}

try {
    await main();
    state.finished = true;
    await cleanUp();
    log('all checks passed');
    process.exit(0);
} catch (error) {
    await fail(error instanceof Error ? error.message : String(error));
}

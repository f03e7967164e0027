#!/usr/bin/env node
// The extension's `browser` entry in a web extension host: code-server (as test/vscode/e2e.mjs
// installs and drives it) with the extension forced into the browser's web worker extension host
// (`remote.extensionKind: ["web"]`, so VS Code runs dist/browser.js, not dist/extension.cjs), in
// Debian's Chromium. Checks what a user of vscode.dev sees: the findings of ebook-list.mplan with
// their rule ids in the Problems panel while no Node language server runs (they come from the
// worker, dist/worker.js), a plan over several files (corner-bakery, its imports read through
// workspace.fs) judged without an unresolved import, and the plan preview.
//
// Usage: npm run package && node test/vscode/web-host.mjs
// Environment: as e2e.mjs (MPLAN_VSIX, MPLAN_CODE_SERVER, MPLAN_CHROMIUM). On the first failure:
// `web-host: FAIL <check>: <why>`, test-artifacts/web-host/failure.png, exit 1.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCodeServer, freePort, poll, runCommand, STEP_MS, USER_SETTINGS } from './code-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VSIX = resolve(process.env.MPLAN_VSIX ?? join(ROOT, 'out', 'mplan-vscode.vsix'));
const ARTIFACTS = join(ROOT, 'test-artifacts', 'web-host');
const CHROMIUM = process.env.MPLAN_CHROMIUM ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };
const EXTENSION_ID = 'mplan.mplan-vscode';
const { chromium } = createRequire(import.meta.url)('playwright-core');

const state = { work: undefined, codeServer: undefined, context: undefined, page: undefined, check: 'set-up', console: [] };

function log(message) {
    console.log(`web-host: ${message}`);
}

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

async function check(name, fn) {
    state.check = name;
    await fn();
    log(`${name} ok`);
}

/** The pids of Node language servers of the extension (dist/server.cjs): there must be none. */
function nodeServerPids() {
    return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).filter(entry => {
        try {
            const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
            // This run's (its extensions folder): another run on the machine has servers of its own.
            return command.includes(`${state.work}/extensions/${EXTENSION_ID}-`) && command.includes('dist/server.cjs');
        } catch {
            return false;
        }
    });
}

function readProblemsPanel() {
    const text = (row, selector) => row.querySelector(selector)?.textContent?.trim() ?? '';
    return [...document.querySelectorAll('.markers-panel .monaco-list-row')].filter(row => row.querySelector('.marker-source')).map(row => {
        const at = /Ln (\d+), Col (\d+)/.exec(text(row, '.marker-line'));
        return { message: text(row, '.marker-message'), source: text(row, '.marker-source'), code: text(row, '.marker-code'), line: at ? Number(at[1]) : undefined };
    });
}

/** Every problem of the Problems panel: its list draws only the rows in view, so it is scrolled through with the wheel. */
async function allProblems(page) {
    const seen = new Map();
    const box = await page.locator('.markers-panel').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0, still = 0; i < 40 && still < 3; i++) {
        const before = seen.size;
        for (const p of await page.evaluate(readProblemsPanel)) seen.set(`${p.code}@${p.line}@${p.message}`, p);
        still = seen.size === before ? still + 1 : 0;
        await page.mouse.wheel(0, 250);
        await new Promise(done => setTimeout(done, 100));
    }
    await page.mouse.wheel(0, -100_000);
    return [...seen.values()];
}

async function openFile(page, name) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_MS });
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name.split('/').pop() }).first().waitFor({ state: 'visible', timeout: STEP_MS });
    await input.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name.split('/').pop() }).waitFor({ state: 'visible', timeout: STEP_MS });
    // The editor has the focus, so what comes next (the command palette) sees its language.
    await page.locator('.monaco-editor.focused').first().waitFor({ state: 'visible', timeout: STEP_MS });
}

async function main() {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    assert(existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    const codeServer = findCodeServer();
    setTimeout(() => void fail(new Error('the run did not finish within 300 s')), 300_000).unref();
    const port = await freePort();
    const work = mkdtempSync(join(tmpdir(), 'mplan-web-host-'));
    state.work = work;
    const dirs = { userData: join(work, 'user-data'), extensions: join(work, 'extensions'), config: join(work, 'config.yaml'), workspace: join(work, 'examples') };
    mkdirSync(join(dirs.userData, 'User'), { recursive: true });
    mkdirSync(dirs.extensions);
    cpSync(join(ROOT, 'examples'), dirs.workspace, { recursive: true });
    writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
        // VS Code for the Web's way: the extension runs in the browser's web worker extension host.
        'remote.extensionKind': { [EXTENSION_ID]: ['web'] },
        ...USER_SETTINGS
    }, null, 4));
    const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_DATA_HOME: join(work, 'xdg-data'), XDG_CACHE_HOME: join(work, 'xdg-cache') };
    const args = ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

    await check('the .vsix installs into code-server', () => {
        const result = spawnSync(process.execPath, [codeServer, ...args, '--install-extension', VSIX, '--force'], { encoding: 'utf8', env, timeout: 120_000 });
        assert(result.status === 0, `--install-extension exited ${result.status}: ${result.stderr}`);
    });
    const output = openSync(join(work, 'code-server.log'), 'a');
    state.codeServer = spawn(process.execPath, [codeServer, ...args, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
        { detached: true, stdio: ['ignore', output, output], env });
    await poll('code-server answering', () => fetch(`http://127.0.0.1:${port}/healthz`).then(r => r.ok), ok => ok === true);

    state.context = await chromium.launchPersistentContext(join(work, 'chromium-profile'), {
        executablePath: CHROMIUM, headless: true, viewport: VIEWPORT,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        env: { ...process.env, XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_CACHE_HOME: join(work, 'xdg-cache') }
    });
    const page = state.context.pages()[0] ?? await state.context.newPage();
    state.page = page;
    // The web worker extension host logs to the page's console: kept for a failure.
    page.on('console', message => state.console.push(`${message.type()}: ${message.text()}`));

    await check('VS Code opens the workspace', async () => {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`, { timeout: STEP_MS });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ebook-list.mplan' }).waitFor({ state: 'visible', timeout: STEP_MS });
    });

    const listed = [...readFileSync(join(dirs.workspace, 'ebook-list.mplan'), 'utf8').matchAll(/^\/\/\s+(\d+):\s+([a-z-]+)\s/gm)].map(m => ({ line: Number(m[1]), code: m[2] }));
    await check(`the Problems panel shows the ${listed.length} findings of ebook-list.mplan with rule ids, from the worker (no Node server runs)`, async () => {
        await openFile(page, 'ebook-list.mplan');
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: STEP_MS });
        // Maximized: the list draws only the rows in view.
        await runCommand(page, 'View: Toggle Maximized Panel');
        const problems = await poll('the listed findings', () => allProblems(page),
            shown => listed.every(e => shown.some(p => p.code === e.code && p.line === e.line)),
            shown => (shown ?? []).map(p => `${p.line}: ${p.code}`).join(', ') || 'none');
        assert(problems.every(p => p.source === 'mplan'), 'a problem not from mplan');
        await page.screenshot({ path: join(ARTIFACTS, '1-problems.png') });
        await runCommand(page, 'View: Toggle Maximized Panel');
        await runCommand(page, 'View: Focus Active Editor Group');
        assert(nodeServerPids().length === 0, 'a Node language server (dist/server.cjs) runs: the extension did not run in the web worker host');
    });

    await check('a plan over several files (corner-bakery/plan.mplan) reads its imports through workspace.fs', async () => {
        await openFile(page, 'corner-bakery/plan.mplan');
        await runCommand(page, 'mplan: Open Plan Preview');
        const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        const planName = /^plan\s+(\w+)/m.exec(readFileSync(join(dirs.workspace, 'corner-bakery', 'plan.mplan'), 'utf8'))[1];
        // The report of a plan whose imports resolve: its segments and budget come from the imported files.
        const body = await poll(`the preview of ${planName}`, () => preview.locator('body').innerText({ timeout: 2_000 }),
            text => text.includes(planName) && /Budget/i.test(text), text => JSON.stringify(text?.slice(0, 200)));
        await page.screenshot({ path: join(ARTIFACTS, '2-preview.png') });
        // The files with problems are those the CLI finds something in, on the same day: the split
        // plan's files among them only if the CLI judges them so (an unread import would add them).
        const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'mplan.cjs'), 'check', dirs.workspace, '--format', 'json', '--as-of', '2027-01-15'], { encoding: 'utf8' });
        const judged = JSON.parse(run.stdout).files.filter(f => f.findings.length > 0).map(f => f.path.split('/').pop()).sort();
        assert(!judged.includes('plan.mplan'), `the CLI finds something in corner-bakery/plan.mplan: ${run.stdout.slice(0, 300)}`);
        await page.keyboard.press('Control+Shift+M');
        await runCommand(page, 'View: Toggle Maximized Panel');
        const files = () => page.evaluate(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
            .filter(row => !row.querySelector('.marker-source')).map(row => row.querySelector('.label-name')?.textContent?.trim()).filter(Boolean).sort());
        await poll(`the Problems panel's files to be the CLI's (${judged.join(', ')})`, files, shown => JSON.stringify(shown) === JSON.stringify(judged));
        await runCommand(page, 'View: Toggle Maximized Panel');
        assert(!/not judged|no plan/i.test(body.slice(0, 100)), 'the preview shows no report');
    });

    await check('"mplan: New Plan" writes the starter plan through workspace.fs and opens it (the walkthrough\'s button)', async () => {
        const target = join(dirs.workspace, 'plan.mplan');
        assert(!existsSync(target), 'the workspace already has a plan.mplan at its root');
        await runCommand(page, 'mplan: New Plan');
        await poll('plan.mplan on disk', () => (existsSync(target) ? readFileSync(target, 'utf8') : ''), text => /^plan MyPlan \{/m.test(text),
            text => JSON.stringify(text.slice(0, 80)));
        await page.locator('.tabs-container .tab.active', { hasText: 'plan.mplan' }).waitFor({ state: 'visible', timeout: STEP_MS });
    });
}

async function cleanUp() {
    await state.context?.close().catch(() => undefined);
    if (state.codeServer) {
        try { process.kill(-state.codeServer.pid, 'SIGTERM'); } catch { /* gone */ }
    }
    if (state.work) rmSync(state.work, { recursive: true, force: true });
}

async function fail(error) {
    console.error(`web-host: FAIL ${state.check}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    await state.page?.screenshot({ path: join(ARTIFACTS, 'failure.png') }).catch(() => undefined);
    writeFileSync(join(ARTIFACTS, 'console.log'), state.console.join('\n') + '\n');
    if (state.work && existsSync(join(state.work, 'user-data', 'logs'))) cpSync(join(state.work, 'user-data', 'logs'), join(ARTIFACTS, 'vscode-logs'), { recursive: true });
    await cleanUp();
    process.exit(1);
}

try {
    await main();
    await cleanUp();
    log('all checks passed');
    process.exit(0);
} catch (error) {
    await fail(error);
}

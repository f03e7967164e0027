/**
 * What the two code-server drivers share (e2e.mjs: the desktop extension; web-host.mjs: its
 * browser entry in the web worker extension host): finding code-server, a free port, the settings
 * of a user who has seen VS Code before, waiting for what a page shows, and the command palette.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How long one step of a driver may take. */
export const STEP_MS = 60_000;

/**
 * Settings of a user who has seen VS Code before: no trust prompt, no welcome page, no tips or
 * chat side bar, nothing that goes online; date-dependent rules judge by the day the examples are
 * written for.
 */
export const USER_SETTINGS = Object.freeze({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'mplan.asOf': '2027-01-15'
});

/**
 * The code-server binary: MPLAN_CODE_SERVER, or the one scripts/code-server.sh installs into the
 * tools folder (it installs only when missing, and prints the path).
 */
export function findCodeServer() {
    if (process.env.MPLAN_CODE_SERVER) return process.env.MPLAN_CODE_SERVER;
    const result = spawnSync('bash', [join(ROOT, 'scripts', 'code-server.sh')], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60_000
    });
    const path = result.stdout?.trim().split('\n').pop();
    if (result.status !== 0 || !path) throw new Error(`scripts/code-server.sh could not install code-server (exit ${result.status ?? result.signal ?? result.error?.message})`);
    return path;
}

/** A TCP port that is free now, on the loopback interface. */
export function freePort() {
    return new Promise((done, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => done(port));
        });
    });
}

/**
 * Polls `read` until `ok` accepts what it returns, as expect.poll does; on time-out, fails with
 * what it read last (as `describe` words it), or the error reading it.
 */
export async function poll(what, read, ok, describe = value => JSON.stringify(value)) {
    const deadline = Date.now() + STEP_MS;
    for (;;) {
        let value;
        let problem;
        try {
            value = await read();
            if (ok(value)) return value;
        } catch (error) {
            problem = error instanceof Error ? error.message.split('\n')[0] : String(error);
        }
        if (Date.now() > deadline) throw new Error(`${what}: not within ${STEP_MS / 1000} s; seen: ${problem ?? describe(value)}`);
        await new Promise(done => setTimeout(done, 100));
    }
}

/** Runs a command of the command palette by its title, as a user types it. */
export async function runCommand(page, title) {
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + STEP_MS;
    for (;;) {
        await page.keyboard.press('Control+Shift+P');
        await input.waitFor({ state: 'visible', timeout: STEP_MS });
        await input.fill(`>${title}`);
        const wait = Math.max(1, Math.min(5_000, deadline - Date.now()));
        if (await row.waitFor({ state: 'visible', timeout: wait }).then(() => true, () => false)) break;
        if (Date.now() >= deadline) {
            const offered = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
            throw new Error(`the command palette offers no '${title}' (it offers: ${JSON.stringify(offered.slice(0, 5))})`);
        }
        // The palette lists the commands whose 'when' held as it opened: opened while the focus was
        // still on its way into an editor that had just opened (editorLangId not set yet), it leaves
        // out the editor's commands for good (seen in CI). Closed and opened again, it asks again.
        await page.keyboard.press('Escape');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
    }
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
}

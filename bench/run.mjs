// `npm run bench`: mplan's performance on this machine, measured by the
// project itself and reproducible with public tools. Every figure is a median
// of several runs after a warm-up; ratios are taken within one run.
//
//   npm run bench              the full suite (a few minutes)
//   npm run bench -- --quick   small sizes only, in seconds (run by CI so the suite keeps working)
//
// Results: a table on the terminal, and bench/results.json.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePlan, generateWorkspace } from './generate.mjs';
import { measureLsp } from './lsp.mjs';
import { pathologicalTable } from './pathological.mjs';
import { measureYaml } from './yaml-baseline.mjs';
import { measureWeb } from './web.mjs';

const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const runs = quick ? 3 : 7;
const cli = fileURLToPath(new URL('../bin/mplan.cjs', import.meta.url));
const phasesScript = fileURLToPath(new URL('./phases.mjs', import.meta.url));
const pathologicalScript = fileURLToPath(new URL('./pathological.mjs', import.meta.url));
const smallPlan = fileURLToPath(new URL('../examples/phone-retailer.mplan', import.meta.url));
const AS_OF = ['--as-of', '2027-01-15'];

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median wall time in ms of a whole process, after one warm-up run; fails loudly on an unexpected exit code. */
function time(args, expectedStatus = 0) {
    const samples = [];
    for (let i = 0; i <= runs; i++) {
        const start = performance.now();
        const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
        const elapsed = performance.now() - start;
        if (result.status !== expectedStatus) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`);
        if (i > 0) samples.push(elapsed);
    }
    return median(samples);
}

/** The in-process phases of one size in a fresh process, and its retained heap in another (with --expose-gc). */
function phases(lines) {
    const run = args => {
        const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
        if (result.status !== 0) throw new Error(`phases ${lines}: ${result.stderr}`);
        return JSON.parse(result.stdout);
    };
    // More runs below 100k lines: they take milliseconds, and their medians move with every collection.
    const timing = run([phasesScript, String(lines), String(lines >= 100_000 ? 5 : Math.max(runs, 15))]);
    const heap = run(['--expose-gc', phasesScript, String(lines), '--heap']);
    return { ...timing, retainedBytesPerSourceByte: heap.retainedBytesPerSourceByte, peakRssMB: Math.max(timing.peakRssMB, heap.peakRssMB) };
}

/** The pathological families (bench/pathological.mjs) at n, 2n, 4n and 8n, in a process of their own. */
function pathological() {
    const result = spawnSync(process.execPath, ['--expose-gc', pathologicalScript, '--json', ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (result.status !== 0) throw new Error(`pathological: ${result.stderr}`);
    return JSON.parse(result.stdout);
}

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const dir = mkdtempSync(join(tmpdir(), 'mplan-bench-'));
try {
    const nodeStart = time(['-e', '0']);
    const cliVersion = time([cli, '--version']);
    const cliSmall = time([cli, 'check', smallPlan, ...AS_OF]);
    const checks = [];
    for (const lines of sizes) {
        const file = join(dir, `plan-${lines}.mplan`);
        writeFileSync(file, generatePlan(lines));
        const whole = time([cli, 'check', file, ...AS_OF]);
        const inProcess = phases(lines);
        const yamlMs = lines >= 10_000 ? measureYaml(lines, lines >= 100_000 ? 3 : runs) : undefined;
        checks.push({ ...inProcess, wholeProcessMs: Math.round(whole), yamlMs: yamlMs === undefined ? undefined : round(yamlMs) });
    }
    const patho = pathological();
    const lsp = await measureLsp({ generatePlan, generateWorkspace, sizes: quick ? [1_000] : [10_000, 100_000], quick });
    const web = await measureWeb({ quick });
    const at = lines => checks.find(c => Math.abs(c.lines - lines) < lines * 0.05);
    const c10k = at(10_000), c100k = at(100_000);
    const targets = [];
    const target = (name, value, limit, pass) => targets.push({ name, value, limit, met: pass });
    for (const c of [c10k, c100k].filter(Boolean)) {
        target(`full check / parse-only at ${c.lines} lines`, c.fullOverParse, '≤ 1.5', c.fullOverParse <= 1.5);
        target(`YAML + ajv / mplan full check at ${c.lines} lines`, round(c.yamlMs / c.phasesMs.total, 2), '≥ 2', c.yamlMs / c.phasesMs.total >= 2);
        target(`retained heap per source byte at ${c.lines} lines`, c.retainedBytesPerSourceByte, '≤ 30', c.retainedBytesPerSourceByte <= 30);
    }
    if (c10k && c100k) target('scaling: full check 100k / 10k', round(c100k.phasesMs.total / c10k.phasesMs.total, 2), '≤ 12', c100k.phasesMs.total / c10k.phasesMs.total <= 12);
    target('CLI on a small plan / node -e 0', round(cliSmall / nodeStart, 2), '≤ 2', cliSmall / nodeStart <= 2);
    for (const [lines, ms] of Object.entries(lsp.editToDiagnosticsMs)) {
        const limit = Number(lines) >= 100_000 ? 300 : 30;
        if (Number(lines) >= 10_000) target(`edit → diagnostics at ${Number(lines).toLocaleString('en-US')} lines (ms)`, ms, `≤ ${limit}`, ms <= limit);
    }
    for (const f of patho.families) target(`pathological: ${f.name}, full check 8n / n`, f.ratios[2] ?? 'capped', '≤ 10', f.met);
    if (lsp.libraryEdit) target('edit → diagnostics, library of the 1,000-file workspace (ms)', lsp.libraryEdit.allDependentsMs, '≤ 100', lsp.libraryEdit.allDependentsMs <= 100);
    target('playground: page load to first findings, flawed example, cold cache (ms)', web.pageLoadToFirstFindingsMs, '≤ 1000', web.pageLoadToFirstFindingsMs <= 1000);
    target('playground: keystroke → findings, 1,000-line plan in the worker (ms)', web.keystrokeToFindings1000LinesMs, '≤ 50', web.keystrokeToFindings1000LinesMs <= 50);
    target('playground: transferred for the first findings, gzip (KB)', web.transferredKB.byFirstFindings, '≤ 1024', web.transferredKB.byFirstFindings <= 1024);

    const results = {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
        quick,
        runs,
        nodeStartMs: round(nodeStart),
        cliVersionMs: round(cliVersion),
        cliSmallPlanMs: round(cliSmall),
        checks,
        lsp,
        pathological: patho,
        web,
        targets
    };
    writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');

    const out = [];
    out.push(`mplan benchmark${quick ? ' (quick)' : ''}: ${results.machine.cpus} × ${results.machine.cpu}, Node ${process.version}; medians of ${runs} runs after a warm-up (in-process phases: at least 15 below 100k lines, 5 at 100k)`);
    out.push('', '| lines | lex | parse only | full check | link | rules | full / parse | whole process | YAML + ajv | heap B/byte | peak RSS MB |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const c of checks) {
        const p = c.phasesMs;
        out.push(`| ${c.lines} | ${p.lex} | ${p.parseOnly} | ${p.total} | ${p.link} | ${p.rules} | ${c.fullOverParse} | ${c.wholeProcessMs} | ${c.yamlMs ?? ''} | ${c.retainedBytesPerSourceByte} | ${c.peakRssMB} |`);
    }
    out.push('', `Whole process: node -e 0 ${results.nodeStartMs} ms, mplan --version ${results.cliVersionMs} ms, mplan check on a small plan ${results.cliSmallPlanMs} ms.`);
    out.push('', '| language server, edit → diagnostics | ms |', '|---|---:|');
    for (const [lines, ms] of Object.entries(lsp.editToDiagnosticsMs)) out.push(`| edit in a ${Number(lines).toLocaleString('en-US')}-line plan | ${ms} |`);
    if (lsp.libraryEdit) {
        out.push(`| edit in a library of a 1,000-file workspace: its own diagnostics | ${lsp.libraryEdit.ownDiagnosticsMs} |`);
        out.push(`| … until all ${lsp.libraryEdit.dependents} plans importing it are judged again | ${lsp.libraryEdit.allDependentsMs} |`);
        out.push(`| start-up: every file of the 1,000-file workspace judged | ${lsp.workspaceStartMs} |`);
    }
    out.push('', '| playground (Chromium, bench/web.mjs) | measured |', '|---|---:|');
    out.push(`| page load → first findings, flawed example, cold cache | ${web.pageLoadToFirstFindingsMs} ms |`);
    out.push(`| keystroke → findings, ${web.planLines}-line plan in the worker | ${web.keystrokeToFindings1000LinesMs} ms |`);
    out.push(`| transferred (gzip) by the first findings / in all | ${web.transferredKB.byFirstFindings} KB / ${web.transferredKB.all} KB |`);
    out.push(`| where a load's time goes (ms from navigation) | ${Object.entries(web.profile).filter(([k]) => !k.startsWith('/rules/')).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
    out.push('', ...pathologicalTable(patho));
    out.push('', '| target | measured | limit | met |', '|---|---:|---|---|');
    for (const t of targets) out.push(`| ${t.name} | ${t.value} | ${t.limit} | ${t.met ? 'yes' : 'no'} |`);
    console.log(out.join('\n'));
} finally {
    rmSync(dir, { recursive: true, force: true });
}

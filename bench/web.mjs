// The playground's targets (issue 20), in Debian's Chromium driven by playwright-core against
// web/ (rebuilt here by scripts/build-web.mjs) served gzipped by scripts/serve-web.mjs:
// - page load to first findings for the flawed example (ebook-list.mplan, the page's default),
//   cold cache (a fresh browser context per run), from navigation start to the first findings
//   drawn (the page's `data-first-findings-ms`, performance.now() in the page);
// - keystroke to findings in a 1,000-line plan in the worker: a raw LSP client in the page sends
//   one typed letter as an incremental change (as CodeMirror's client does) and waits for the
//   diagnostics of that version;
// - the bytes transferred (gzip, as a static host sends them) for everything the page loaded by
//   its first findings, and in all once the preview is drawn.
// `node bench/web.mjs [--quick]` prints JSON; bench/run.mjs runs it and puts it in its table.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildWeb } from '../scripts/build-web.mjs';
import { serveWeb } from '../scripts/serve-web.mjs';
import { generatePlan } from './generate.mjs';

const { chromium } = createRequire(import.meta.url)('playwright-core');
const CHROMIUM = process.env.MPLAN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One cold load: ms to first findings (and the page's marks on the way), the gzip bytes sent by then and in all. */
async function coldLoad(browser, url, sent) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    sent.length = 0;
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.firstFindingsMs !== undefined && Number(document.body.dataset.findings) > 0, undefined, { timeout: 60_000, polling: 10 });
    const byFirstFindings = sent.reduce((sum, r) => sum + r.bytes, 0);
    const marks = await page.evaluate(() => Object.fromEntries([
        ...performance.getEntriesByType('navigation').map(n => [['response end', n.responseEnd], ['DOM content loaded', n.domContentLoadedEventEnd]]).flat(),
        ...performance.getEntriesByType('resource').map(r => [`${new URL(r.name).pathname} loaded`, r.responseEnd]),
        ...performance.getEntriesByType('mark').map(m => [m.name.replace('mplan:', ''), m.startTime])
    ].map(([k, v]) => [k, Math.round(v)])));
    const firstFindingsMs = marks['first-findings'];
    await page.waitForFunction(() => document.querySelector('#preview')?.srcdoc.includes('QuickSourdough'), undefined, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const all = sent.reduce((sum, r) => sum + r.bytes, 0);
    const files = Object.fromEntries(sent.map(r => [r.path, r.bytes]));
    await context.close();
    return { firstFindingsMs, byFirstFindings, all, files, marks };
}

/** In the page: ms from a typed letter to its diagnostics in a plan of `text`, median of `edits` after `warmup`. */
function keystrokesInPage({ text, edits, warmup }) {
    return new Promise((done, fail) => {
        const worker = new Worker('worker.js');
        const uri = 'file:///bench/plan.mplan';
        const send = message => worker.postMessage({ jsonrpc: '2.0', ...message });
        const samples = [];
        let version = 1;
        let sentAt = 0;
        const at = text.indexOf('goal "') + 'goal "'.length;
        const line = text.slice(0, at).split('\n').length - 1;
        const column = at - text.lastIndexOf('\n', at - 1) - 1;
        const type = () => {
            version++;
            sentAt = performance.now();
            const character = column + version - 2;
            send({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }] } });
        };
        setTimeout(() => fail(new Error('no diagnostics within 60 s')), 60_000);
        worker.onmessage = ({ data: m }) => {
            if (m.method === 'mplan/fs/readFile') send({ id: m.id, result: { missing: true } });
            else if (m.method === 'mplan/fs/readDirectory') send({ id: m.id, result: [] });
            else if (m.id === 1 && !m.method) {
                send({ method: 'initialized', params: {} });
                send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'mplan', version: 1, text } } });
            } else if (m.id !== undefined && m.method) send({ id: m.id, result: null });
            else if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) {
                if (m.params.version !== undefined && m.params.version !== version) return;
                if (version > 1 && version - 1 > warmup) samples.push(performance.now() - sentAt);
                if (samples.length >= edits) {
                    worker.terminate();
                    done(samples);
                } else type();
            }
        };
        send({ id: 1, method: 'initialize', params: { processId: null, rootUri: 'file:///bench/', capabilities: {}, workspaceFolders: [{ uri: 'file:///bench/', name: 'bench' }] } });
    });
}

export async function measureWeb({ quick = false } = {}) {
    await buildWeb();
    const sent = [];
    const { server, url } = await serveWeb({ port: 0, onSend: (path, bytes) => sent.push({ path, bytes }) });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
        const loads = [];
        for (let i = 0; i < (quick ? 2 : 7); i++) loads.push(await coldLoad(browser, url, sent));
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(url);
        const text = generatePlan(1_000);
        const samples = await page.evaluate(keystrokesInPage, { text, edits: quick ? 5 : 30, warmup: 3 });
        await context.close();
        const last = loads[loads.length - 1];
        return {
            pageLoadToFirstFindingsMs: Math.round(median(loads.map(l => l.firstFindingsMs))),
            keystrokeToFindings1000LinesMs: Math.round(median(samples) * 10) / 10,
            planLines: text.split('\n').length,
            transferredKB: { byFirstFindings: Math.round(median(loads.map(l => l.byFirstFindings)) / 1024), all: Math.round(last.all / 1024) },
            files: Object.fromEntries(Object.entries(last.files).map(([path, bytes]) => [path, Math.round(bytes / 102.4) / 10])),
            // Where the time of a load goes (the median load's marks, ms from navigation start).
            profile: loads.sort((a, b) => a.firstFindingsMs - b.firstFindingsMs)[Math.floor(loads.length / 2)].marks
        };
    } finally {
        await browser.close();
        server.close();
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    console.log(JSON.stringify(await measureWeb({ quick: process.argv.includes('--quick') }), null, 2));
}

// One size, in a fresh process: the time of each phase
// of checking a generated plan, in one process, as medians after warm-up, and
// the memory it keeps. Prints JSON. Used by bench/run.mjs.
//
//   node bench/phases.mjs LINES [RUNS]               the phases, as medians
//   node --expose-gc bench/phases.mjs LINES --heap   retained heap per source byte, alone

import { createRequire } from 'node:module';
import { generatePlan } from './generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../out/core.cjs');
const lines = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 7);
const heapOnly = process.argv.includes('--heap');
const text = generatePlan(lines);
const bytes = Buffer.byteLength(text);

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Services as the CLI sets them up: no index of references. */
function services() {
    const { shared, Mplan } = core.createMplanServices(core.EmptyFileSystem);
    shared.workspace.IndexManager.indexReferences = false;
    Mplan.config.SettingsProvider.set({ ...core.DEFAULT_SETTINGS, asOf: '2027-01-15' });
    return { shared, Mplan };
}

const checker = services();

/**
 * One full check with warm services (as in a long-running process; the
 * whole-process figure covers the cold start): parse, index, scopes, link,
 * validate (plan model and rules), with the time of each phase. The document
 * is removed again afterwards.
 */
async function fullCheck(n) {
    const { shared, Mplan } = checker;
    const marks = {};
    const t0 = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, core.URI.file(`/bench/plan-${n}.mplan`));
    marks.parse = performance.now() - t0;
    shared.workspace.LangiumDocuments.addDocument(document);
    let last = performance.now();
    const listeners = [];
    const phase = (state, name) => listeners.push(shared.workspace.DocumentBuilder.onBuildPhase(state, () => {
        const now = performance.now();
        marks[name] = now - last;
        last = now;
    }));
    phase(core.DocumentState.IndexedContent, 'index');
    phase(core.DocumentState.ComputedScopes, 'scopes');
    phase(core.DocumentState.Linked, 'link');
    phase(core.DocumentState.IndexedReferences, 'references');
    phase(core.DocumentState.Validated, 'validate');
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    marks.total = performance.now() - t0;
    if (document.diagnostics.length > 0) throw new Error(`the generated plan has findings: ${document.diagnostics[0].message}`);
    // The validation phase split: the plan model, then the rules.
    const model = Mplan.model.PlanModelProvider.get(document);
    let t = performance.now();
    new core.PlanModel(document, model.files, model.lookups, model.settings);
    marks.model = performance.now() - t;
    t = performance.now();
    core.runRules(model, core.RULES);
    marks.rules = performance.now() - t;
    shared.workspace.LangiumDocuments.deleteDocument(document.uri);
    shared.workspace.IndexManager.remove(document.uri);
    for (const listener of listeners) listener.dispose();
    return { marks };
}

if (heapOnly) {
    // Retained heap, in a process of its own: what one checked plan keeps
    // alive (AST, CST, index, model), per byte of source. The process has
    // checked a small plan before, then removed it, so what every check
    // shares exists already and does not count: the services, the parser and
    // its lookahead caches, and the code V8 compiles on first use (about 1 MB,
    // which would be 4 bytes per byte at 10k lines).
    const warm = services();
    const first = warm.shared.workspace.LangiumDocumentFactory.fromString(generatePlan(1_000), core.URI.file('/bench/warm-up.mplan'));
    warm.shared.workspace.LangiumDocuments.addDocument(first);
    await warm.shared.workspace.DocumentBuilder.build([first], { validation: true });
    await warm.shared.workspace.DocumentBuilder.update([], [first.uri]);
    // A build after the removal lets the caches of the removed plan go (they are cleared by builds).
    const tiny = warm.shared.workspace.LangiumDocumentFactory.fromString('plan Warm { goal "g" }', core.URI.file('/bench/tiny.mplan'));
    warm.shared.workspace.LangiumDocuments.addDocument(tiny);
    await warm.shared.workspace.DocumentBuilder.build([tiny], { validation: true });
    globalThis.gc?.();
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const document = warm.shared.workspace.LangiumDocumentFactory.fromString(text, core.URI.file('/bench/heap.mplan'));
    warm.shared.workspace.LangiumDocuments.addDocument(document);
    await warm.shared.workspace.DocumentBuilder.build([document], { validation: true });
    warm.Mplan.model.PlanModelProvider.get(document);
    globalThis.gc?.();
    globalThis.gc?.();
    const retained = process.memoryUsage().heapUsed - heapBefore;
    if (!document.diagnostics) throw new Error('not validated');
    process.stdout.write(JSON.stringify({ retainedBytesPerSourceByte: Math.round(retained / bytes * 10) / 10, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
    process.exit(0);
}

const samples = { lex: [], parseOnly: [], parse: [], index: [], scopes: [], link: [], references: [], validate: [], model: [], rules: [], total: [] };
const { Mplan } = checker;
for (let i = 0; i <= runs; i++) {
    let t = performance.now();
    Mplan.parser.Lexer.tokenize(text);
    const lex = performance.now() - t;
    t = performance.now();
    Mplan.parser.LangiumParser.parse(text);
    const parseOnly = performance.now() - t;
    const { marks } = await fullCheck(i);
    if (i === 0) continue; // warm-up
    samples.lex.push(lex);
    samples.parseOnly.push(parseOnly);
    for (const key of Object.keys(marks)) samples[key].push(marks[key]);
}

const round = value => Math.round(value * 10) / 10;
const result = { lines: text.split('\n').length - 1, bytes, phasesMs: {} };
for (const [key, values] of Object.entries(samples)) result.phasesMs[key] = round(median(values));
result.fullOverParse = Math.round(result.phasesMs.total / result.phasesMs.parseOnly * 100) / 100;
result.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify(result) + '\n');

// Pathological input (issue 18): for each family of text that once made
// mplan quadratic or overflow the stack, the full check (parse, index, link,
// validation) at sizes n, 2n, 4n and 8n, and the ratios of 2n, 4n and 8n to n.
// Linear is 2, 4 and 8; the target is an 8× ratio of at most 10. Each size
// is a median of three runs in one warm process (`out/core.cjs`).
//
//   node --expose-gc bench/pathological.mjs [--quick] [--json]
//
// prints the table (or, with --json, the results; bench/run.mjs runs it so).
// With --expose-gc, a garbage collection runs before each check, so that one
// left over from the size before does not land in the next.
//
// A size whose check would take more than CAP_MS (predicted from the sizes
// before it, as if quadratic from there) is not run but reported as capped,
// with the prediction: the family is then plainly not linear, and the bench
// keeps to about a minute.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The families: a name, the n of the full and the quick run, and the text for a size. */
export const FAMILIES = [
    {
        name: 'comment lines in a row',
        n: 40_000, quick: 5_000,
        text: n => Array.from({ length: n }, (_, i) => (i % 10 === 0 ? `// idea ${i}: ask the regulars` : '//')).join('\n') + '\n'
    },
    {
        name: 'small blocks, a comment each',
        n: 5_000, quick: 500,
        text: n => Array.from({ length: n }, (_, i) => `// the bread of day ${i}\nproduct Bread${i} { price 3 EUR }`).join('\n') + '\n'
    },
    {
        name: '`"` then `\\"` repeated (one line)',
        n: 4_000, quick: 500,
        text: n => 'plan P { goal "' + '\\"'.repeat(n) + '\n'
    },
    {
        name: '`/* ` repeated (one line)',
        n: 4_000, quick: 500,
        text: n => '/* '.repeat(n) + '\n'
    },
    {
        name: 'unterminated quotes `"a`, one per line',
        n: 2_000, quick: 250,
        text: n => 'plan P {\n' + '    goal "a\n'.repeat(n) + '}\n'
    },
    {
        name: 'escapes in one string',
        n: 100_000, quick: 12_500,
        text: n => 'plan P {\n    goal "' + '\\"\\\\'.repeat(n) + '"\n}\n'
    }
];

const SCALES = [1, 2, 4, 8];
export const CAP_MS = 20_000;
export const TARGET_RATIO = 10;

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Measures every family; `runs` samples per size after a warm-up. */
export async function measurePathological({ quick = false, runs = 3 } = {}) {
    const core = require('../out/core.cjs');
    const { shared, Mplan } = core.createMplanServices(core.EmptyFileSystem);
    shared.workspace.IndexManager.indexReferences = false;
    Mplan.config.SettingsProvider.set({ ...core.DEFAULT_SETTINGS, asOf: '2027-01-15' });
    let counter = 0;
    /** One full check of `text` in ms; the document is removed afterwards. */
    const check = async text => {
        const uri = core.URI.file(`/bench/pathological-${counter++}.mplan`);
        globalThis.gc?.();
        const start = performance.now();
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const elapsed = performance.now() - start;
        if (!document.diagnostics) throw new Error('not validated');
        shared.workspace.LangiumDocuments.deleteDocument(uri);
        shared.workspace.IndexManager.remove(uri);
        return elapsed;
    };
    const families = [];
    for (const family of FAMILIES) {
        const begun = performance.now();
        const n = quick ? family.quick : family.n;
        for (let i = 0; i < 2; i++) await check(family.text(n)); // warm-up
        const sizes = [];
        for (const scale of SCALES) {
            const size = n * scale;
            const text = family.text(size);
            const last = sizes.at(-1);
            // As if quadratic from the last size measured: (size / last size)² times its time.
            const predicted = last?.ms !== undefined ? last.ms * (size / last.size) ** 2 : 0;
            if (last && (last.ms === undefined || predicted * runs > CAP_MS * 2 || predicted > CAP_MS)) {
                sizes.push({ size, bytes: Buffer.byteLength(text), ms: undefined, capped: last.ms === undefined ? 'a smaller size was capped' : `would take about ${Math.round(predicted / 1000)} s` });
                continue;
            }
            const samples = [];
            const first = await check(text);
            // A slow size is measured once: its ratio is far from linear anyway.
            const count = first > 2_000 ? 1 : runs;
            samples.push(first);
            for (let i = 1; i < count; i++) samples.push(await check(text));
            sizes.push({ size, bytes: Buffer.byteLength(text), ms: Math.round(median(samples) * 10) / 10 });
        }
        const base = sizes[0].ms;
        const ratios = sizes.slice(1).map(s => (s.ms === undefined || !base ? undefined : Math.round(s.ms / base * 100) / 100));
        const eightfold = ratios[2];
        if (process.env.MPLAN_BENCH_TRACE) process.stderr.write(`${family.name}: ${Math.round(performance.now() - begun)} ms\n`);
        families.push({ name: family.name, n, sizes, ratios, met: eightfold !== undefined && eightfold <= TARGET_RATIO });
    }
    return { scales: SCALES, target: `8× ratio ≤ ${TARGET_RATIO}`, families };
}

/** The results as Markdown lines, for bench/run.mjs. */
export function pathologicalTable(result) {
    const out = ['| pathological family (full check) | n | n (ms) | 2n | 4n | 8n | 2× / 4× / 8× ratio | 8× ≤ 10 |', '|---|---:|---:|---:|---:|---:|---|---|'];
    for (const f of result.families) {
        const cell = s => (s.ms === undefined ? `capped (${s.capped})` : String(s.ms));
        const ratios = f.ratios.map(r => (r === undefined ? '–' : r)).join(' / ');
        out.push(`| ${f.name} | ${f.n.toLocaleString('en-US')} | ${f.sizes.map(cell).join(' | ')} | ${ratios} | ${f.met ? 'yes' : 'no'} |`);
    }
    return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const result = await measurePathological({ quick: process.argv.includes('--quick') });
    console.log(process.argv.includes('--json') ? JSON.stringify(result) : pathologicalTable(result).join('\n'));
}

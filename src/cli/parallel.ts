/**
 * Parallel checking of independent plans, in worker threads, where it pays.
 *
 * The findings of a file depend on more than the file: a plan is judged with
 * its imports, and a library with every plan that imports it (the plan
 * model's `reach`). So files are split into groups that share nothing: the
 * connected parts of the import graph, read cheaply with a regular
 * expression. Each worker judges some groups together, in services of its
 * own. The result must be exactly what one process would print, so the run
 * is then verified with what the workers really loaded and linked:
 *
 * - a file loaded by two workers means the cheap reading missed an import
 *   that ties them (an import in an odd spelling): their groups are judged
 *   again together;
 * - an unresolved name is reported with the first file, anywhere in the
 *   run, that declares it (`declaredAnywhere` in the plan model: the one
 *   lookup that spans the whole run): when that file is another worker's,
 *   the two are judged again together.
 *
 * Files come back in the order one process loads them: the files named, in
 * order, then their imports, breadth first.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { URI } from 'langium';
import { resolveImportPath } from '../language/scoping/imports.js';
import { readPlanFile } from '../host/read.js';
import { linkConfinement } from './files.js';
import { today, type Settings } from '../language/config/settings.js';
import type { CheckedFile, CheckedRun } from './results.js';
import type { ProgressCounts } from './progress.js';

/**
 * Without --jobs, runs of fewer named files than this are checked in one
 * process. On the 2-core machine it was measured on (docs/checking.md: a
 * 1,000-file workspace of ten independent teams), a second thread never made
 * a check faster: the check is short (about a second), and a worker's start,
 * its own warm-up of the language and the garbage collection of two heaps
 * cost more than the half of the work it takes over. So without --jobs a
 * check stays in one process; measure again before lowering this.
 */
export const PARALLEL_MIN_FILES = Number.POSITIVE_INFINITY;

/** What a worker is asked: named files (in the run's order), the settings and the folders imports stay in. */
export interface BatchRequest {
    files: string[];
    settings: Settings;
    roots: string[];
}

/** A file a worker judged, with what the verification needs. */
export interface JudgedFile extends CheckedFile {
    uri: string;
    /** The URIs of the files its imports load, in the order written. */
    imports: string[];
    /** The names it declares, as `Type\nName`, in the index's order. */
    declares: string[];
    /** The names it refers to that do not resolve, as `Type\nName`. */
    unresolved: string[];
}

export interface BatchResult {
    documents: JudgedFile[];
    problems: Array<{ file: string; message: string }>;
}

/** What a worker posts: progress now and then, then its result or why it failed. */
export type WorkerMessage =
    | { kind: 'progress'; counts: ProgressCounts }
    | { kind: 'done'; result: BatchResult }
    | { kind: 'failed'; message: string };

/**
 * How many batches a run is judged in at once: this thread and worker threads
 * for the others. `--jobs 1` means one (in process); `--jobs N` up to N,
 * however small the run; without it, as many as there are cores, and only
 * for runs of at least PARALLEL_MIN_FILES files. Never more than the
 * independent groups.
 */
export function workerCount(files: number, groups: number, jobs: number | undefined, cores: number): number {
    const wanted = jobs ?? (files >= PARALLEL_MIN_FILES ? cores : 1);
    const count = Math.min(wanted, groups);
    return count >= 2 ? count : 1;
}

/**
 * Checks the files in worker threads when that pays. Otherwise it returns why
 * the run is to be made in this process: too small, one core, one group,
 * --jobs 1, or a worker that failed (the caller then checks in process, as if
 * no worker had been tried).
 */
export async function checkInParallel(
    files: string[], settings: Settings, roots: string[], jobs: number | undefined, onProgress: (counts: ProgressCounts) => void, judgeHere: JudgeBatch
): Promise<CheckedRun | string> {
    const cores = availableParallelism();
    if (jobs === 1) return '--jobs 1';
    if (jobs === undefined && files.length < PARALLEL_MIN_FILES) return Number.isFinite(PARALLEL_MIN_FILES) ? `fewer than ${PARALLEL_MIN_FILES} files` : 'no --jobs';
    if (jobs === undefined && cores < 2) return 'one core';
    const groups = importGroups(files, roots);
    const workers = workerCount(files.length, groups.length, jobs, cores);
    if (workers < 2) return 'one group: the files import each other';
    // Every worker judges by the same day, even across midnight.
    const shared: Settings = { ...settings, asOf: settings.asOf ?? today() };
    const progress = new ProgressSum(onProgress);
    let batches = binPack(groups, workers).map(batch => batch.sort((a, b) => a - b).map(index => files[index]));
    let results: Array<BatchResult | undefined> = batches.map(() => undefined);
    let regrouped = 0;
    const started: Worker[] = [];
    const position = new Map(files.map((file, index) => [file, index]));
    try {
        for (;;) {
            // The first batch to judge is judged in this thread, which has the language loaded already.
            const first = results.findIndex(result => !result);
            const pending = batches.map((batch, index) => results[index]
                ? undefined
                : (index === first ? judgeHere : inWorker(started))({ files: batch, settings: shared, roots }, progress.part(batch.length)));
            const done = await Promise.all(pending);
            results = results.map((result, index) => result ?? done[index]);
            const merged = mergesNeeded(files, results as BatchResult[]);
            if (merged.length === batches.length) break;
            regrouped++;
            const next: { batches: string[][]; results: Array<BatchResult | undefined> } = { batches: [], results: [] };
            for (const set of merged) {
                next.batches.push(set.flatMap(index => batches[index]).sort((a, b) => position.get(a)! - position.get(b)!));
                next.results.push(set.length === 1 ? results[set[0]] : undefined);
            }
            ({ batches, results } = next);
        }
    } catch (error) {
        await Promise.all(started.map(worker => worker.terminate()));
        return `a worker failed (${error instanceof Error ? error.message : String(error)})`;
    }
    const run = assemble(files, results as BatchResult[]);
    const again = regrouped > 0 ? `, regrouped ${regrouped} time${regrouped === 1 ? '' : 's'}` : '';
    return { ...run, plan: `checked ${run.checked.length} files in ${groups.length} independent groups, ${workers} at a time (this thread and ${workers - 1} worker${workers === 2 ? '' : 's'})${again}` };
}

/** An import statement's path, as the grammar's STRING writes it (escapes allowed). */
const IMPORT = /\bimport\s+"((?:[^"\\\r\n]|\\.)*)"/g;

/** A group of named files (indices into the run's files) that share no import, and its size in characters. */
interface Group {
    members: number[];
    size: number;
}

/**
 * The named files split into independent groups: two files are in one group
 * when one imports the other, directly or through other files, or both
 * import a common file. Imports are read with a regular expression, which
 * may see an import in a comment (harmless: a group is only bigger) or miss
 * one in an unusual spelling (caught by the verification).
 */
export function importGroups(files: string[], roots: string[]): Group[] {
    const rootUris = roots.map(root => URI.file(root));
    const confine = linkConfinement(roots, files);
    const parent = new Map<string, string>();
    const find = (key: string): string => {
        let root = key;
        while (parent.get(root) !== root) root = parent.get(root)!;
        for (let node = key; node !== root;) {
            const next = parent.get(node)!;
            parent.set(node, root);
            node = next;
        }
        return root;
    };
    const sizes = new Map<string, number>();
    const queue = files.map(file => URI.file(file));
    const seen = new Set<string>();
    for (const uri of queue) seen.add(uri.toString());
    for (let i = 0; i < queue.length; i++) {
        const key = queue[i].toString();
        if (!parent.has(key)) parent.set(key, key);
        let text: string;
        try {
            // At once: small files, read one after the other (see CheckFileSystem in check.ts), as plan files, inside the project.
            confine(queue[i].fsPath);
            text = readPlanFile(queue[i].fsPath);
        } catch {
            continue; // The loader reports it, or leaves it to unresolved-import.
        }
        sizes.set(key, text.length);
        for (const match of text.matchAll(IMPORT)) {
            // The import rule of the language (imports.ts): an import it refuses is never read.
            const { uri: target, problem } = resolveImportPath(queue[i], match[1].replace(/\\(.)/g, '$1'), rootUris);
            if (problem) continue;
            const targetKey = target.toString();
            if (!parent.has(targetKey)) parent.set(targetKey, targetKey);
            parent.set(find(targetKey), find(key));
            if (!seen.has(targetKey)) {
                seen.add(targetKey);
                queue.push(target);
            }
        }
    }
    const byRoot = new Map<string, Group>();
    files.forEach((file, index) => {
        const root = find(URI.file(file).toString());
        const group = byRoot.get(root) ?? { members: [], size: 0 };
        group.members.push(index);
        byRoot.set(root, group);
    });
    for (const [key, size] of sizes) {
        const group = byRoot.get(find(key));
        if (group) group.size += size;
    }
    return [...byRoot.values()];
}

/** The groups dealt to `bins` workers, biggest first to the least loaded, so that they finish together. */
function binPack(groups: Group[], bins: number): number[][] {
    const loads = Array.from({ length: bins }, () => ({ size: 0, members: [] as number[] }));
    for (const group of [...groups].sort((a, b) => b.size - a.size || a.members[0] - b.members[0])) {
        const lightest = loads.reduce((best, bin) => (bin.size < best.size ? bin : best));
        lightest.size += group.size;
        lightest.members.push(...group.members);
    }
    return loads.map(bin => bin.members).filter(members => members.length > 0);
}

/** Judges a batch: check.ts's judgeBatch, in this thread or in a worker. */
export type JudgeBatch = (request: BatchRequest, onProgress: (counts: ProgressCounts) => void) => Promise<BatchResult>;

/** Judges batches in worker threads of their own (out/check-worker.cjs, beside this bundle), each added to `started`. */
const inWorker = (started: Worker[]): JudgeBatch => (request, onProgress) => {
    return new Promise((resolve, reject) => {
        const worker = new Worker(path.join(__dirname, 'check-worker.cjs'), { workerData: request });
        started.push(worker);
        let settled = false;
        worker.on('message', (message: WorkerMessage) => {
            if (message.kind === 'progress') {
                onProgress(message.counts);
            } else {
                settled = true;
                if (message.kind === 'done') resolve(message.result); else reject(new Error(message.message));
            }
        });
        worker.on('error', error => {
            settled = true;
            reject(error);
        });
        worker.on('exit', code => {
            if (!settled) reject(new Error(`a check worker stopped (exit code ${code})`));
        });
    });
};

/** The progress of several workers, summed into one line's counts. */
class ProgressSum {
    private readonly parts: ProgressCounts[] = [];

    constructor(private readonly onProgress: (counts: ProgressCounts) => void) {}

    /** A listener for one more batch, of `files` named files. */
    part(files: number): (counts: ProgressCounts) => void {
        const index = this.parts.push({ read: 0, toRead: files, linked: 0, judged: 0, toJudge: 0 }) - 1;
        return counts => {
            this.parts[index] = counts;
            const sum = (key: keyof ProgressCounts) => this.parts.reduce((total, part) => total + part[key], 0);
            this.onProgress({ read: sum('read'), toRead: sum('toRead'), linked: sum('linked'), judged: sum('judged'), toJudge: sum('toJudge') });
        };
    }
}

/**
 * The order one process loads the files in: the named files that could be
 * read, in order, then breadth first through each file's imports.
 */
function loadOrder(files: string[], documents: Map<string, JudgedFile>): string[] {
    const order: string[] = [];
    const seen = new Set<string>();
    const add = (uri: string) => {
        if (documents.has(uri) && !seen.has(uri)) {
            seen.add(uri);
            order.push(uri);
        }
    };
    for (const file of files) add(URI.file(file).toString());
    for (let i = 0; i < order.length; i++) documents.get(order[i])!.imports.forEach(add);
    // Nothing is left over when the workers loaded what one process would; keep any other file, in a stable order.
    [...documents.keys()].sort().forEach(add);
    return order;
}

function documentsOf(results: BatchResult[]): Map<string, JudgedFile> {
    const documents = new Map<string, JudgedFile>();
    for (const result of results) for (const document of result.documents) documents.set(document.uri, document);
    return documents;
}

/**
 * The batches that must be judged together for the run to equal one
 * process's, as sets of batch indices (every batch in exactly one set; all
 * sets of one when the run is exact).
 */
function mergesNeeded(files: string[], results: BatchResult[]): number[][] {
    const parent = results.map((_, index) => index);
    const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index])));
    const union = (a: number, b: number) => { parent[find(a)] = find(b); };
    const owner = new Map<string, number>();
    results.forEach((result, batch) => {
        for (const document of result.documents) {
            const other = owner.get(document.uri);
            if (other !== undefined) union(other, batch); else owner.set(document.uri, batch);
        }
    });
    const documents = documentsOf(results);
    // For each declared name, the batch of the first file declaring it in the run's order.
    const firstDeclarer = new Map<string, number>();
    for (const uri of loadOrder(files, documents)) {
        for (const name of documents.get(uri)!.declares) {
            if (!firstDeclarer.has(name)) firstDeclarer.set(name, owner.get(uri)!);
        }
    }
    results.forEach((result, batch) => {
        for (const document of result.documents) {
            for (const name of document.unresolved) {
                const declarer = firstDeclarer.get(name);
                if (declarer !== undefined && find(declarer) !== find(batch)) union(declarer, batch);
            }
        }
    });
    const sets = new Map<number, number[]>();
    results.forEach((_, batch) => {
        const root = find(batch);
        sets.set(root, [...(sets.get(root) ?? []), batch]);
    });
    return [...sets.values()];
}

/** The workers' results as one run: files in one process's order, problems in the order of the files named. */
function assemble(files: string[], results: BatchResult[]): Omit<CheckedRun, 'plan'> {
    const documents = documentsOf(results);
    const checked = loadOrder(files, documents).map(uri => {
        const { file, findings, text } = documents.get(uri)!;
        return { file, findings, text };
    });
    const position = new Map(files.map((file, index) => [file, index]));
    const problems = results.flatMap(result => result.problems)
        .sort((a, b) => (position.get(a.file) ?? 0) - (position.get(b.file) ?? 0));
    return { checked, problems };
}

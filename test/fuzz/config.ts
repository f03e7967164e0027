/**
 * How much fuzzing runs, with which seed, and what a run leaves behind.
 *
 * In CI (no FUZZ_* variables) every property runs a fixed number of cases from
 * a fixed seed, so a run is the same every time. `npm run fuzz`
 * (scripts/fuzz.mjs) sets:
 * - FUZZ_SEED: a number, or `random`;
 * - FUZZ_RUNS: the cases of a run in all, shared out between the sampled
 *   properties in the proportions of CI_RUNS;
 * - FUZZ_STATS: a folder where each test file writes the cases and time of
 *   its properties (the figures of docs/robustness.md);
 * - FUZZ_HEARTBEAT: a folder where each worker writes the case it is on, so
 *   that a case that hangs (a loop never returns to the test) can be named
 *   by the script that watches it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';

/** The seed of CI runs: any fixed number will do; this one is the tests' as-of day. */
export const CI_SEED = 20270115;

/** The cases each sampled property runs in CI: a few thousand in all, well under a minute. */
export const CI_RUNS = {
    'generated plans': 300,
    'generated workspaces': 150,
    'mutated seeds': 500,
    'mutated generated plans': 300,
    'incremental edits': 400
} as const;

export type SampledProperty = keyof typeof CI_RUNS;

function seedFromEnv(): number {
    const value = process.env.FUZZ_SEED;
    if (value === undefined || value === '') return CI_SEED;
    if (value === 'random') return Math.floor(Math.random() * 0x7fffffff);
    const seed = Number(value);
    if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or 'random', not '${value}'`);
    return seed;
}

/** The seed of this run. */
export const SEED = seedFromEnv();

/** Whether this is a long run (`npm run fuzz`) rather than CI's fixed one. */
export const LONG_RUN = process.env.FUZZ_RUNS !== undefined && process.env.FUZZ_RUNS !== '';

/** The cases a sampled property runs: its CI count, or its share of FUZZ_RUNS. */
export function runsOf(property: SampledProperty): number {
    if (!LONG_RUN) return CI_RUNS[property];
    const total = Number(process.env.FUZZ_RUNS);
    if (!Number.isFinite(total) || total <= 0) throw new Error(`FUZZ_RUNS must be a positive number, not '${process.env.FUZZ_RUNS}'`);
    const all = Object.values(CI_RUNS).reduce((sum, n) => sum + n, 0);
    return Math.max(1, Math.round((total * CI_RUNS[property]) / all));
}

/** How long vitest lets one property run: long runs are not bounded (each case still is). */
export const PROPERTY_TIMEOUT = LONG_RUN ? 24 * 60 * 60 * 1000 : 10 * 60 * 1000;

/** The parameters of fc.assert for a property: this run's seed and cases. A failure is shrunk to a small counterexample. */
export function assertParameters(property: SampledProperty): fc.Parameters<unknown> {
    return { seed: SEED, numRuns: runsOf(property) };
}

// ------------------------------------------------------------------------------------ figures

interface Figure {
    property: string;
    cases: number;
    ms: number;
    /** The slowest case, in ms. */
    slowest: number;
}

const figures: Figure[] = [];

/** Counts the cases of a property and their time, for the figures of a run. */
export class Tally {
    private readonly figure: Figure;
    private readonly started = performance.now();

    constructor(property: string) {
        this.figure = { property, cases: 0, ms: 0, slowest: 0 };
        figures.push(this.figure);
    }

    /** One case done, in `ms`. */
    count(ms: number): void {
        this.figure.cases++;
        this.figure.slowest = Math.max(this.figure.slowest, ms);
    }

    /** The property is done: its wall time is counted, its heartbeat removed. */
    end(file: string): void {
        this.figure.ms = performance.now() - this.started;
        writeFigures(file);
        stopHeartbeat();
    }
}

/** Writes this test file's figures to FUZZ_STATS, when set. */
function writeFigures(file: string): void {
    const folder = process.env.FUZZ_STATS;
    if (!folder) return;
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${basename(file).replace(/\.test\.ts$/, '')}.json`), JSON.stringify({ seed: SEED, figures }, null, 2) + '\n');
}

// ------------------------------------------------------------------------------------ heartbeat

const heartbeatFile = () => process.env.FUZZ_HEARTBEAT ? join(process.env.FUZZ_HEARTBEAT, `${process.pid}.json`) : undefined;

/** Before each case of a long run: what is being tried now, for the watchdog to name if it never finishes. */
export function heartbeat(property: string, files: Record<string, string>): void {
    const file = heartbeatFile();
    if (!file) return;
    mkdirSync(process.env.FUZZ_HEARTBEAT!, { recursive: true });
    writeFileSync(file, JSON.stringify({ property, seed: SEED, files }));
}

function stopHeartbeat(): void {
    const file = heartbeatFile();
    if (file) rmSync(file, { force: true });
}

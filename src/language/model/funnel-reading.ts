/**
 * A funnel read as the marketer wrote it: its own stage words, the rates
 * between them, which stage is the first purchase, the path that leads there
 * and how many people enter it each month. The funnel rules, the projection
 * (economics.ts), the report and the hovers all read a funnel through here.
 *
 * Every rate and count may be a range (`2% to 4%`, `8_000 to 12_000`): each
 * is a Span, low end first.
 */
import type { AstNode } from 'langium';
import type { Conversion, Funnel } from '../generated/ast.js';
import { isTrialStage, stageOf, type Stage } from './funnel-stages.js';
import { monthsPerUnit } from './budgets.js';

/** A figure that may be uncertain: both ends, low ≤ high (equal when the plan gives one number). */
export interface Span {
    low: number;
    high: number;
}

/** A span from two ends in any order. */
export function spanOf(a: number, b: number = a): Span {
    return a <= b ? { low: a, high: b } : { low: b, high: a };
}

/** A percentage as written (`value` and, for a range, `high`) as a span of fractions. */
export function shareOf(percent: { value: number; high?: number } | undefined): Span | undefined {
    if (!percent || typeof percent.value !== 'number' || !Number.isFinite(percent.value)) return undefined;
    return spanOf(percent.value / 100, (percent.high ?? percent.value) / 100);
}

/** One conversion line, complete. */
export interface Step {
    from: string;
    to: string;
    /** The share of `from` that becomes `to`, as fractions. */
    rate: Span;
    node: Conversion;
}

/** Where a funnel's count of people comes from. */
export interface Entry {
    /** The stage counted (lower case). */
    stage: string;
    /** People reaching that stage each month. */
    perMonth: Span;
    node: AstNode;
    property: string;
}

export interface FunnelReading {
    funnel: Funnel;
    /** The complete conversion lines (a half-typed one is no step), in source order. */
    steps: Step[];
    /** The stage of the first purchase, lower case: stated (`first purchase at`), named (a word such as `customers`), or a trial stage the funnel ends at. */
    purchase?: { stage: string; how: 'stated' | 'named' | 'trial' };
    /** For each stage that leads to the purchase, the steps from it to the purchase (empty for the purchase itself). */
    toPurchase: Map<string, Step[]>;
    /** The counted stage nearest to the purchase, with its count per month. */
    entry?: Entry;
    /** The steps from the entry to the purchase. */
    path?: Step[];
    /** People reaching the purchase stage each month, from the entry. */
    perMonth?: Span;
    /** People reaching the purchase stage once, from the list the plan starts with. */
    fromList?: Span;
    /** The funnel's own share of customers who buy again (`conversion customers to repeat 60%`). */
    repeat?: { rate: Span; node: Conversion };
}

/** The share of people at the end of a path of steps: the product of the rates. */
export function pathRate(steps: readonly Step[]): Span {
    return steps.reduce((acc, step) => ({ low: acc.low * step.rate.low, high: acc.high * step.rate.high }), { low: 1, high: 1 });
}

/** The stage word a funnel's `visitors` count stands for: the word its lines use for visitors, else `visitors`. */
function visitorsWord(steps: readonly Step[]): string {
    for (const step of steps) if (stageOf(step.from) === 'visitors') return step.from;
    return 'visitors';
}

function perMonth(value: number | undefined, high: number | undefined, per: string | undefined): Span | undefined {
    const months = monthsPerUnit(per);
    if (typeof value !== 'number' || !Number.isFinite(value) || !months) return undefined;
    return spanOf(value / months, (high ?? value) / months);
}

const cache = new WeakMap<Funnel, FunnelReading>();

/** A funnel's reading; computed once per funnel node (a node is replaced when its text changes). */
export function readFunnel(funnel: Funnel): FunnelReading {
    let reading = cache.get(funnel);
    if (!reading) {
        reading = read(funnel);
        cache.set(funnel, reading);
    }
    return reading;
}

function read(funnel: Funnel): FunnelReading {
    const steps: Step[] = [];
    for (const conversion of funnel.conversions) {
        if (!conversion.from || !conversion.to || typeof conversion.rate !== 'number') continue;
        steps.push({
            from: conversion.from.toLowerCase(),
            to: conversion.to.toLowerCase(),
            rate: spanOf(conversion.rate / 100, (conversion.rateHigh ?? conversion.rate) / 100),
            node: conversion
        });
    }
    const reading: FunnelReading = { funnel, steps, toPurchase: new Map() };
    const repeat = steps.find(step => stageOf(step.from) === 'customers' && stageOf(step.to) === 'repeat');
    if (repeat) reading.repeat = { rate: repeat.rate, node: repeat.node };

    const leaving = new Set(steps.map(step => step.from));
    const counted = [...funnel.counts.map(count => count.stage), funnel.listStage].filter((word): word is string => Boolean(word)).map(word => word.toLowerCase());
    const words = [...new Set([...steps.flatMap(step => [step.from, step.to]), ...counted])];
    if (funnel.purchaseStage) reading.purchase = { stage: funnel.purchaseStage.toLowerCase(), how: 'stated' };
    else {
        const named = words.find(word => stageOf(word) === 'customers');
        const trial = words.find(word => isTrialStage(word) && !leaving.has(word));
        if (named) reading.purchase = { stage: named, how: 'named' };
        else if (trial) reading.purchase = { stage: trial, how: 'trial' };
    }
    const purchase = reading.purchase?.stage;
    if (!purchase) return reading;

    // Backwards from the purchase, breadth first: the shortest way from each stage to it.
    reading.toPurchase.set(purchase, []);
    const queue = [purchase];
    while (queue.length > 0) {
        const stage = queue.shift()!;
        const rest = reading.toPurchase.get(stage)!;
        for (const step of steps) {
            if (step.to !== stage || reading.toPurchase.has(step.from)) continue;
            reading.toPurchase.set(step.from, [step, ...rest]);
            queue.push(step.from);
        }
    }

    // The counts the funnel gives, nearest to the purchase first.
    const entries: Entry[] = [];
    const visitors = perMonth(funnel.visitors, funnel.visitorsHigh, funnel.visitorsPer);
    if (visitors) entries.push({ stage: visitorsWord(steps).toLowerCase(), perMonth: visitors, node: funnel, property: 'visitors' });
    for (const count of funnel.counts) {
        const value = perMonth(count.value, count.high, count.per);
        if (value && count.stage) entries.push({ stage: count.stage.toLowerCase(), perMonth: value, node: count, property: 'value' });
    }
    let best: { entry: Entry; path: Step[] } | undefined;
    for (const entry of entries) {
        const path = reading.toPurchase.get(entry.stage);
        if (path && (!best || path.length < best.path.length)) best = { entry, path };
    }
    if (best) {
        reading.entry = best.entry;
        reading.path = best.path;
        const rate = pathRate(best.path);
        reading.perMonth = { low: best.entry.perMonth.low * rate.low, high: best.entry.perMonth.high * rate.high };
    }
    if (funnel.listSize !== undefined && funnel.listStage) {
        const path = reading.toPurchase.get(funnel.listStage.toLowerCase());
        if (path) {
            const rate = pathRate(path);
            reading.fromList = { low: funnel.listSize * rate.low, high: funnel.listSize * rate.high };
        }
    }
    return reading;
}

/**
 * Which of the four stages (visitors, leads, customers, repeat buyers) a word
 * of a funnel plays in that funnel: the purchase stage is the customers'
 * stage whatever it is called (`subscribers`, `buyers`, `paying`); a word
 * mplan knows keeps its stage; any other word on the way to the purchase is
 * a lead (`registrations`, `attendees`, `demos`). Undefined for a word the
 * funnel does not place.
 */
export function roleOf(reading: FunnelReading, word: string | undefined): Stage | undefined {
    if (!word) return undefined;
    const lower = word.toLowerCase();
    if (reading.purchase?.stage === lower) return 'customers';
    const known = stageOf(lower);
    if (known) return known === 'customers' && reading.purchase && reading.purchase.stage !== lower && reading.toPurchase.has(lower) ? 'leads' : known;
    return reading.toPurchase.has(lower) ? 'leads' : undefined;
}

/** The share of people at `from` who reach `to` along the funnel's rates (the shortest way), if they are linked. */
export function chainRate(reading: FunnelReading, from: string, to: string): Span | undefined {
    const start = from.toLowerCase(), goal = to.toLowerCase();
    const seen = new Set([start]);
    const queue: Array<{ stage: string; rate: Span }> = [{ stage: start, rate: { low: 1, high: 1 } }];
    while (queue.length > 0) {
        const at = queue.shift()!;
        if (at.stage === goal) return at.stage === start ? undefined : at.rate;
        for (const step of reading.steps) {
            if (step.from !== at.stage || seen.has(step.to)) continue;
            seen.add(step.to);
            queue.push({ stage: step.to, rate: { low: at.rate.low * step.rate.low, high: at.rate.high * step.rate.high } });
        }
    }
    return undefined;
}

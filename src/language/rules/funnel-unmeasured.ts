import type { Funnel, Product } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import type { Finding, Fix, Rule } from './rule.js';
import { readFunnel, type Step } from '../model/funnel-reading.js';
import { isTrialStage, STAGES, stageOf, type Stage } from '../model/funnel-stages.js';
import { judgingPlan, soldProduct } from '../model/economics.js';
import { formatNumber, listed } from '../wording.js';
import { unitName } from '../model/budgets.js';
import { insertFact } from './edits.js';
import { funnelHead } from './funnel-economics-util.js';

/** Where a funnel shows that it has a stage, to place a finding on. */
type Evidence = Pick<Finding, 'node' | 'property' | 'keyword'>;

/** A stage of a funnel, in its own word: where it shows, and how the funnel counts it if it does. */
interface StageSeen {
    /** The word as the funnel writes it (first use). */
    word: string;
    evidence: Evidence;
    /** How the funnel counts the people at this stage when no conversion line names it: "400 registrations a month". */
    count?: string;
    /** The stage is counted as visitors (`visitors 4_000 per month`). */
    visitors?: boolean;
}

/**
 * The stages a funnel has, by lower-case word, in the order it shows them: the words of its
 * conversion lines (the stage a line leads to first, as it is entered there), the stage its
 * `visitors` count stands for, the stages it counts (`expect 400 registrations per month`) and the
 * stage of the list it starts with.
 */
function stagesOf(funnel: Funnel, steps: readonly Step[]): Map<string, StageSeen> {
    const stages = new Map<string, StageSeen>();
    const add = (word: string | undefined, seen: Omit<StageSeen, 'word'>, written = word) => {
        if (!word || !written) return;
        const key = word.toLowerCase();
        if (!stages.has(key)) stages.set(key, { word: written, ...seen });
    };
    for (const step of steps) {
        add(step.node.to, { evidence: { node: step.node, property: 'to' } });
        add(step.node.from, { evidence: { node: step.node, property: 'from' } });
    }
    if (funnel.visitors !== undefined) {
        const word = steps.find(step => stageOf(step.from) === 'visitors')?.node.from ?? 'visitors';
        add(word, { evidence: { node: funnel, property: 'visitors' }, visitors: true });
    }
    for (const count of funnel.counts) {
        if (!count.stage || typeof count.value !== 'number') continue;
        const value = count.high !== undefined && count.high !== count.value ? `${formatNumber(count.value)} to ${formatNumber(count.high)}` : formatNumber(count.value);
        add(count.stage, { evidence: { node: count, property: 'stage' }, count: `${value} ${count.stage} a ${count.per ? unitName(count.per) : 'period'}` });
    }
    if (funnel.listStage && funnel.listSize !== undefined) {
        add(funnel.listStage, { evidence: { node: funnel, property: 'listStage' }, count: `a list of ${formatNumber(funnel.listSize)} ${funnel.listStage}` });
    }
    return stages;
}

/** The words from which a chain of rates leads to `target`, each with the number of steps it takes. */
function leadingTo(steps: readonly Step[], target: string): Map<string, number> {
    const distance = new Map<string, number>([[target, 0]]);
    const queue = [target];
    while (queue.length > 0) {
        const word = queue.shift()!;
        for (const step of steps) {
            if (step.to !== word || distance.has(step.from)) continue;
            distance.set(step.from, distance.get(word)! + 1);
            queue.push(step.from);
        }
    }
    return distance;
}

/** The words a chain of rates reaches from `start`, `start` left out. */
function reachedFrom(steps: readonly Step[], start: string): Set<string> {
    const reached = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
        const word = queue.shift()!;
        for (const step of steps) {
            if (step.from !== word || reached.has(step.to) || step.to === start) continue;
            reached.add(step.to);
            queue.push(step.to);
        }
    }
    return reached;
}

/** Whether the product the funnel sells (else any product the plan reaches) says how many trials convert. */
function trialConverts(model: PlanModel, funnel: Funnel): Product | undefined {
    const plan = judgingPlan(model);
    const sold = plan === null ? undefined : soldProduct(plan, funnel, model.reach);
    if (sold) return sold.trialConverts ? sold : undefined;
    return model.reach.products.find(product => product.trialConverts);
}

/** How a product's trial would read with a conversion rate: its own duration, else an example. */
function trialFact(model: PlanModel, funnel: Funnel): string {
    const plan = judgingPlan(model);
    const trial = (plan === null ? undefined : soldProduct(plan, funnel, model.reach))?.trial;
    return trial && typeof trial.amount === 'number' ? `trial ${formatNumber(trial.amount)} ${trial.unit} converts 20%` : 'trial 14 days converts 20%';
}

/** The first funnel of the file whose text holds a position. */
function funnelAt(model: PlanModel, position: { line: number; character: number }): Funnel | undefined {
    const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return model.own.funnels.find(funnel => {
        const range = funnel.$cstNode?.range;
        return range && before(range.start, position) && before(position, range.end);
    });
}

const UNMEASURED = 'with a step unmeasured you cannot see where people drop out';

export const funnelUnmeasured: Rule = {
    id: 'funnel-unmeasured',
    severity: 'info',
    area: 'funnel',
    scope: 'file',
    reportsMissingFacts: true,
    basis: 'beyond (AIDA stage metrics)',
    description: "A funnel with no expected conversion rate, a stage of its own words with no rate onward to the first purchase, or stages that never reach a purchase.",
    check(model, report) {
        for (const funnel of model.own.funnels) {
            const reading = readFunnel(funnel);
            const steps = reading.steps;
            const stages = stagesOf(funnel, steps);

            if (funnel.conversions.length === 0) {
                // A count of the purchase itself (`expect 40 orders per month`, `expect 500 trials per month`) needs no rate.
                const purchase = reading.purchase?.stage;
                const counted = [...stages.entries()].find(([word, seen]) => seen.count && word !== purchase && stageOf(word) !== 'customers');
                const counts = funnel.captures.length > 0 ? 'collects leads' : funnel.visitors !== undefined ? 'counts visitors' : counted ? `counts ${counted[1].word}` : undefined;
                if (counts) {
                    const example = funnel.captures.length > 0 || funnel.visitors !== undefined
                        ? "'conversion visitors to leads 3%' and 'conversion leads to customers 5%'"
                        : `'conversion ${counted![1].word} to ${funnel.purchaseStage ?? 'customers'} 5%'`;
                    report({
                        ...funnelHead(funnel),
                        message: `The funnel ${counts} but sets no expected conversion rate: without one you cannot tell whether it works, nor which step loses people. Add the rates you expect, such as ${example}.`,
                        data: { stages: [] }
                    });
                    continue;
                }
                // Trials counted at the purchase are still measured by the product's rate of trials that pay.
                if (!purchase) continue;
            }

            const leaving = new Set(steps.map(step => step.from));
            // The stage the chain must reach: the first purchase, else (a closing step asks for the sale) customers.
            let target = reading.purchase?.stage ?? (funnel.closes.length > 0 ? 'customers' : undefined);
            if (!target) {
                // Stages of the funnel's own words that lead nowhere: one of them is the purchase, but which?
                const ends = [...new Set(steps.map(step => step.to))].filter(word => !leaving.has(word) && stageOf(word) === undefined);
                if (ends.length > 0) {
                    const written = ends.map(word => stages.get(word)!.word);
                    const last = written[written.length - 1];
                    report({
                        ...funnelHead(funnel),
                        message: "The funnel's stages never reach a purchase: none is called customers, buyers, sales or orders, and no 'first purchase at' says which one is. " +
                            `Without it, what the funnel earns and what a customer costs cannot be counted. If ${listed(written.map(w => `'${w}'`), 'or')} is the first purchase, say so: 'first purchase at ${last}'.`,
                        data: { ends: written }
                    });
                    continue;
                }
                // Only stages of the four known ones: the chain is measured up to the furthest of them.
                const known = (stage: Stage) => [...stages.keys()].find(word => stageOf(word) === stage);
                const furthest = [...STAGES].reverse().find(stage => stage !== 'repeat' && known(stage));
                target = furthest && known(furthest);
                if (!target) continue;
            }

            const toTarget = leadingTo(steps, target);
            const after = reachedFrom(steps, target);
            const stageTo = stages.get(target)?.word ?? target;
            // A capture collects leads: a stage of their own when the funnel names none between its visitors and the purchase.
            if (funnel.captures.length > 0 && stageOf(target) !== 'leads') {
                const middle = [...stages.keys()].some(word => word !== target && !after.has(word) && stageOf(word) !== 'visitors' && stageOf(word) !== 'repeat');
                if (!middle) stages.set('leads', { word: 'leads', evidence: { node: funnel.captures[0] } });
            }
            const converting = trialConverts(model, funnel);

            for (const [word, seen] of stages) {
                if (word === target || after.has(word) || toTarget.has(word) || leaving.has(word) || stageOf(word) === 'repeat') continue;
                const trial = isTrialStage(word);
                // A trial that leads nowhere is measured by the product's own rate of trials that pay.
                if (trial && converting) continue;
                let next = stageTo;
                if (seen.visitors || stageOf(word) === 'visitors') {
                    // Visitors become the first stage of the measured chain that is not visitors too.
                    let best: [string, number] | undefined;
                    for (const [other, distance] of toTarget) if (stageOf(other) !== 'visitors' && (!best || distance > best[1])) best = [other, distance];
                    if (best) next = stages.get(best[0])?.word ?? best[0];
                }
                const add = `Add 'conversion ${seen.word} to ${next} 5%'`;
                const message = seen.count && !seen.visitors
                    ? `The funnel counts ${seen.count} but no rate leads from ${seen.word} to ${next}: the count says nothing about sales until one does. ${add} (or a rate into a stage that leads there), with the rate you expect.`
                    : trial
                        ? `The funnel has ${seen.word} but no rate at which they become ${next}, and the product does not say how many trials convert: ${UNMEASURED}. ${add}, or state it on the product, such as '${trialFact(model, funnel)}', with the rate you expect.`
                        : `The funnel has ${seen.word} but no rate at which they become ${next}: ${UNMEASURED}. ${add}, with the rate you expect.`;
                report({ ...seen.evidence, message, data: { stage: word, next } });
            }

            // A funnel that ends at its trials is measured by the rate at which trials pay.
            const ending = stages.get(target);
            if (reading.purchase && isTrialStage(reading.purchase.stage) && !converting) {
                // A `first purchase at trials` that no line or count uses is reported on the funnel.
                const seen = ending ?? { word: target, evidence: funnelHead(funnel) };
                report({
                    ...seen.evidence,
                    message: `The funnel ends at ${seen.word}, but nothing says how many of them become paying customers: without that rate neither its customers nor what they earn can be counted. ` +
                        `State it on the product, such as '${trialFact(model, funnel)}', or add 'conversion ${seen.word} to customers 20%', with the rate you expect.`,
                    data: { stage: target, next: 'customers' }
                });
            }
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const ends = finding.data?.ends;
        if (!Array.isArray(ends)) return [];
        const funnel = funnelAt(model, finding.range.start);
        if (!funnel) return [];
        const fixes: Fix[] = [];
        // Only words the funnel itself uses: which of them is the first purchase is the marketer's call.
        for (const word of ends) {
            if (typeof word !== 'string' || word === '') continue;
            const edit = insertFact(model, funnel, `first purchase at ${word}`);
            if (edit) fixes.push({ title: `Make '${word}' the first purchase (check that it is where customers first pay)`, kind: 'suggestion', edits: [edit] });
        }
        return fixes;
    }
};

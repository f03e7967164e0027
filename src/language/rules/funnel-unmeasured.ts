import type { Conversion, Funnel } from '../generated/ast.js';
import type { Finding, Rule } from './rule.js';
import { STAGES, stageName, stageOf, type Stage } from '../model/funnel-stages.js';

/** Where a funnel shows that it has a stage, to place a finding on. */
type Evidence = Pick<Finding, 'node' | 'property' | 'keyword'>;

/**
 * The stages (visitors, leads, customers, repeat buyers) a funnel has: the ones
 * its conversion lines name, visitors when it counts them, leads when it
 * collects them, customers when a closing step asks for the sale. Each with
 * the place that shows it, and the word the funnel uses for it.
 */
function stagesOf(funnel: Funnel): Map<Stage, { evidence: Evidence; word: string }> {
    const stages = new Map<Stage, { evidence: Evidence; word: string }>();
    const add = (stage: Stage | undefined, evidence: Evidence, word: string) => {
        if (stage && !stages.has(stage)) stages.set(stage, { evidence, word });
    };
    for (const conversion of funnel.conversions) {
        add(stageOf(conversion.to), { node: conversion, property: 'to' }, conversion.to);
        add(stageOf(conversion.from), { node: conversion, property: 'from' }, conversion.from);
    }
    if (funnel.visitors !== undefined) add('visitors', { node: funnel, property: 'visitors' }, 'visitors');
    if (funnel.captures.length > 0) add('leads', { node: funnel.captures[0] }, 'leads');
    if (funnel.closes.length > 0) add('customers', { node: funnel.closes[0] }, 'customers');
    return stages;
}

function head(funnel: Funnel): Evidence {
    return funnel.name ? { node: funnel, property: 'name' } : { node: funnel, keyword: 'funnel' };
}

export const funnelUnmeasured: Rule = {
    id: 'funnel-unmeasured',
    severity: 'info',
    area: 'funnel',
    scope: 'file',
    basis: 'beyond (AIDA stage metrics)',
    description: 'A funnel with no expected conversion rate, or a stage (visitors, leads, customers, repeat buyers) with no rate into the next.',
    check(model, report) {
        for (const funnel of model.own.funnels) {
            if (funnel.conversions.length === 0) {
                const counts = funnel.captures.length > 0 ? 'collects leads' : funnel.visitors !== undefined ? 'counts visitors' : undefined;
                if (!counts) continue;
                report({
                    ...head(funnel),
                    message: `The funnel ${counts} but sets no expected conversion rate: without one you cannot tell whether it works, nor which step loses people. Add the rates you expect, such as 'conversion visitors to leads 3%' and 'conversion leads to customers 5%'.`,
                    data: { stages: [] }
                });
                continue;
            }
            const stages = stagesOf(funnel);
            const present = STAGES.filter(stage => stages.has(stage));
            const leaving = new Set(funnel.conversions.map((c: Conversion) => stageOf(c.from)).filter(Boolean));
            for (let i = 0; i < present.length - 1; i++) {
                const stage = present[i];
                if (leaving.has(stage)) continue;
                const { evidence, word } = stages.get(stage)!;
                const next = stages.get(present[i + 1])!;
                report({
                    ...evidence,
                    message: `The funnel has ${stageName(stage)} but no rate at which they become ${stageName(present[i + 1])}: with a step unmeasured you cannot see where people drop out. Add 'conversion ${word} to ${next.word} 5%', with the rate you expect.`,
                    data: { stage, next: present[i + 1] }
                });
            }
        }
    }
};

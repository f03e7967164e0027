import type { Segment } from '../generated/ast.js';
import { blockNamedAt } from './edits.js';
import { addTarget, isInfluencerOnly } from './market-util.js';
import type { Fix, Rule } from './rule.js';

export const untargetedSegment: Rule = {
    id: 'untargeted-segment',
    severity: 'info',
    area: 'market',
    scope: 'file',
    basis: 'beyond (SOSTAC traceability)',
    description: 'A segment that no strategy of the plan targets.',
    check(model, report) {
        // Only a plan says which strategies there are: a file no plan takes in is not judged.
        if (model.reach.plans.length === 0) return;
        const targeted = (segment: Segment | undefined): boolean => segment !== undefined && (model.strategiesTargeting.get(segment)?.length ?? 0) > 0;
        // The strategies a fix can edit: this file's, naming a segment this file declares.
        const strategies = model.own.strategies.filter(s => s.name).map(s => s.name);
        for (const segment of model.own.segments) {
            if (!segment.name || targeted(segment)) continue;
            // An influencer is reached as part of the decision it sways: the strategy for its decider covers it.
            if (isInfluencerOnly(segment) && targeted(segment.influences?.ref)) continue;
            report({
                node: segment,
                property: 'name',
                message: `No strategy targets segment '${segment.name}': either it is dead weight in the plan or a strategy for it is missing. Add it to a strategy's 'targets', or remove it.`,
                data: { segment: segment.name, strategies }
            });
        }
    },
    fixKinds: ['safe'],
    fix(model, finding) {
        const segment = blockNamedAt(model.own.segments, finding.range);
        const names = (finding.data?.strategies as string[] | undefined) ?? [];
        if (!segment) return [];
        return names.flatMap((name): Fix[] => {
            const strategy = model.own.strategies.find(s => s.name === name);
            const edit = strategy && addTarget(model, strategy, segment.name);
            return edit ? [{ title: `Target it from strategy '${name}'`, kind: 'safe', edits: [edit], preferred: names.length === 1 }] : [];
        });
    }
};

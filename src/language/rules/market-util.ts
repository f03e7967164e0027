// Helpers shared by the market rules (who buys): which segments a tactic
// reaches, who only influences, and the fix that adds a target. How platforms
// and online hours compare is a fact of the model (model/habits.ts).
import { segmentsReached } from '../model/audiences.js';
import type { Segment, Strategy, Tactic } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import type { TextEdit } from 'vscode-languageserver-types';
import { insertFact } from './edits.js';

/**
 * The segments a tactic is aimed at: its `audience` when it names one,
 * otherwise the segments targeted by the strategies it serves. Unresolved
 * names count nothing (unresolved-reference reports them); each segment once.
 */
export function segmentsReachedBy(tactic: Tactic): Segment[] {
    if (tactic.audience.length > 0) return segmentsReached(tactic.audience);
    const found = new Set<Segment>();
    for (const serves of tactic.serves) {
        for (const target of serves.ref?.targets ?? []) if (target.ref) found.add(target.ref);
    }
    return [...found];
}

/** True when the tactic names its audience itself rather than inheriting it from its strategies. */
export function aimsByAudience(tactic: Tactic): boolean {
    return tactic.audience.length > 0;
}

/**
 * Over the plan's reach: for each segment, the tactics aimed at it that pass
 * `filter`, in source order. Built once per call, linear in the plan's size.
 */
export function tacticsReaching(model: PlanModel, filter: (tactic: Tactic) => boolean): Map<Segment, Tactic[]> {
    const map = new Map<Segment, Tactic[]>();
    for (const tactic of model.reach.tactics) {
        if (!filter(tactic)) continue;
        for (const segment of segmentsReachedBy(tactic)) {
            const list = map.get(segment);
            if (list) list.push(tactic); else map.set(segment, [tactic]);
        }
    }
    return map;
}

/** An influencer: marked `influences` and not also marked `decides`. */
export function isInfluencerOnly(segment: Segment): boolean {
    return segment.influencer && !segment.decides;
}

// ---------------------------------------------------------------------- edits

/**
 * Adds a segment to what a strategy targets: after its last target when it
 * has some, else as a new `targets` fact.
 */
export function addTarget(model: PlanModel, strategy: Strategy, segment: string): TextEdit | undefined {
    const last = strategy.targets[strategy.targets.length - 1]?.$refNode;
    if (last) return { range: { start: last.range.end, end: last.range.end }, newText: `, ${segment}` };
    return insertFact(model, strategy, `targets ${segment}`);
}

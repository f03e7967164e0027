/**
 * Who a tactic or a flow reaches: a segment, or a behavioural audience
 * (`audience CartAbandoners { of HomeBakers … }`), which reaches the segments
 * it is drawn from. The market rules judge a tactic against those segments'
 * habits however it names them.
 */
import { isAudience, isSegment, type Reachable, type Segment } from '../generated/ast.js';
import type { Reference } from 'langium';

/** The segments one audience reference reaches: the segment itself, or the segments an audience is drawn from. */
export function segmentsOf(reachable: Reachable | undefined): Segment[] {
    if (!reachable) return [];
    if (isSegment(reachable)) return [reachable];
    if (isAudience(reachable)) return reachable.segments.flatMap(ref => (ref.ref ? [ref.ref] : []));
    return [];
}

/** The segments a list of audience references reaches, each once, in order. */
export function segmentsReached(refs: ReadonlyArray<Reference<Reachable>>): Segment[] {
    // Most lists name one or two segments: a plain array, no set, no copies.
    const found: Segment[] = [];
    const add = (segment: Segment) => { if (!found.includes(segment)) found.push(segment); };
    for (const ref of refs) {
        const reached = ref.ref;
        if (isSegment(reached)) add(reached);
        else if (isAudience(reached)) for (const segment of reached.segments) if (segment.ref) add(segment.ref);
    }
    return found;
}

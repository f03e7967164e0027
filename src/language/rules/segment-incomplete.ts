import type { Segment } from '../generated/ast.js';

import type { Rule } from './rule.js';
import { listed } from '../wording.js';

/** The facets of a segment 000 #1 asks for: key (as in `data.missing`), test, and the words of the message. */
const FACETS: ReadonlyArray<{ key: string; present: (s: Segment) => boolean; words: string; write: string }> = [
    { key: 'who', present: s => (s.who ?? '').trim() !== '', words: 'who they are', write: `'who "…"'` },
    { key: 'from', present: s => s.origins.some(o => o.trim() !== ''), words: 'where they come from', write: `'from "…"'` },
    { key: 'spending', present: s => s.income !== undefined || s.spends !== undefined, words: 'how much they can spend', write: `'income … per year' (or 'spends …')` },
    { key: 'age', present: s => s.age !== undefined, words: 'their age group', write: `'age … to …'` }
];

export const segmentIncomplete: Rule = {
    id: 'segment-incomplete',
    severity: 'warning',
    area: 'market',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '000 #1',
    description: 'A segment that does not say who they are, where they come from, what they can spend or their age group.',
    check(model, report) {
        for (const segment of model.own.segments) {
            if (!segment.name) continue;
            const missing = FACETS.filter(facet => !facet.present(segment));
            if (missing.length === 0) continue;
            report({
                node: segment,
                property: 'name',
                message: `Segment '${segment.name}' does not say ${listed(missing.map(f => f.words), 'or')}: without it you cannot tell whether they will buy or how to reach them. Add ${listed(missing.map(f => f.write))}.`,
                data: { segment: segment.name, missing: missing.map(f => f.key) }
            });
        }
    }
};

import { addImport } from './edits.js';
import type { Rule } from './rule.js';

/** Edit distance between two names, ignoring case; small and bounded inputs only. */
export function editDistance(a: string, b: string): number {
    const x = a.toLowerCase(), y = b.toLowerCase();
    let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
    for (let i = 1; i <= x.length; i++) {
        const current = [i];
        for (let j = 1; j <= y.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[y.length];
}

/** The visible names closest to `name`, best first: at most three, and only plausible ones. */
export function nearestNames(name: string, candidates: Iterable<string>): string[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    const scored: Array<[string, number]> = [];
    for (const candidate of new Set(candidates)) {
        if (Math.abs(candidate.length - name.length) > limit) continue;
        const distance = editDistance(name, candidate);
        if (distance <= limit) scored.push([candidate, distance]);
    }
    return scored.sort((p, q) => p[1] - q[1] || p[0].localeCompare(q[0])).slice(0, 3).map(([candidate]) => candidate);
}

const KIND_WORDS: Record<string, string> = {
    Product: 'product', Segment: 'segment', Competitor: 'competitor', Strategy: 'strategy', Tactic: 'tactic', Campaign: 'campaign'
};

export const unresolvedReference: Rule = {
    id: 'unresolved-reference',
    severity: 'error',
    area: 'language',
    scope: 'file',
    description: 'A name that refers to nothing, such as `serves Foo` where no strategy Foo is declared or imported.',
    check(model, report) {
        for (const reference of model.document.references) {
            const error = reference.error;
            if (!error) continue;
            const info = error.info;
            const name = reference.$refText;
            const type = model.lookups.referenceType(info);
            const kind = KIND_WORDS[type] ?? type.toLowerCase();
            const visible = model.lookups.scopeOf(info).getAllElements().map(d => d.name);
            const suggestions = nearestNames(name, visible);
            let message = `No ${kind} named '${name}' is declared in this file or the files it imports.`;
            // Only a file this one may import (inside the project) is proposed.
            const elsewhere = model.lookups.declaredAnywhere(type, name).filter(d => model.lookups.mayImport(model.document.uri, d.documentUri));
            const declaredIn = elsewhere.length > 0 ? model.pathOf(elsewhere[0].documentUri) : undefined;
            if (declaredIn) {
                message += ` One is declared in ${declaredIn}: import that file.`;
            } else if (suggestions.length > 0) {
                message += ` Did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?`;
            }
            report({
                node: info.container,
                property: info.property,
                index: info.index,
                range: reference.$refNode?.range,
                message,
                data: { refText: name, kind: type, suggestions, ...(declaredIn ? { declaredIn } : {}) }
            });
        }
    },
    fix(model, finding) {
        const declaredIn = finding.data?.declaredIn as string | undefined;
        if (declaredIn) {
            return [{ title: `Import '${declaredIn}'`, edits: [addImport(model, declaredIn)], preferred: true }];
        }
        const suggestions = (finding.data?.suggestions as string[] | undefined) ?? [];
        return suggestions.map((suggestion, index) => ({
            title: `Change to '${suggestion}'`,
            edits: [{ range: finding.range, newText: suggestion }],
            preferred: index === 0 && suggestions.length === 1
        }));
    }
};

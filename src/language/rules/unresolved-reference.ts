import { nearestNames } from '../model/names.js';
import { addImport } from './edits.js';
import type { Fix, Rule } from './rule.js';

const KIND_WORDS: Record<string, string> = {
    Product: 'product', Segment: 'segment', Competitor: 'competitor', Strategy: 'strategy', Tactic: 'tactic', Campaign: 'campaign',
    Reachable: 'segment or audience', Audience: 'audience', Flow: 'flow'
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
    fixKinds: ['safe'],
    fix(model, finding) {
        const declaredIn = finding.data?.declaredIn as string | undefined;
        if (declaredIn) {
            return [{ title: `Import '${declaredIn}'`, kind: 'safe', edits: [addImport(model, declaredIn)], preferred: true }];
        }
        const suggestions = (finding.data?.suggestions as string[] | undefined) ?? [];
        return suggestions.map((suggestion, index): Fix => ({
            title: `Change to '${suggestion}'`,
            kind: 'safe',
            edits: [{ range: finding.range, newText: suggestion }],
            preferred: index === 0 && suggestions.length === 1
        }));
    }
};

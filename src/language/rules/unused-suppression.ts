import type { Rule } from './rule.js';

export const unusedSuppression: Rule = {
    id: 'unused-suppression',
    severity: 'warning',
    area: 'language',
    scope: 'file',
    description: 'A comment that silences a rule where that rule finds nothing (or names no rule).',
    check() {
        // Judges the other rules' results: see review.
    },
    review(model, usage, report) {
        for (const suppression of usage.suppressions) {
            const used = usage.used.get(suppression) ?? new Set<string>();
            const where = suppression.kind === 'file' ? 'in this file' : 'on the next line';
            if (suppression.ids.length === 0) {
                report({ node: model.root, range: suppression.range, message: `This suppression names no rule: write the ids of the rules to silence ${where}, e.g. 'mplan-disable-${suppression.kind} no-free-offer'.`, data: { ids: [] } });
                continue;
            }
            for (const { id, range } of suppression.ids) {
                if (!usage.isKnown(id)) {
                    report({ node: model.root, range, message: `There is no rule '${id}' to silence (mplan rules lists them).`, data: { id } });
                } else if (usage.isActive(id) && !used.has(id)) {
                    report({ node: model.root, range, message: `'${id}' finds nothing ${where}, so this suppression silences nothing: remove it.`, data: { id } });
                }
            }
        }
    }
};

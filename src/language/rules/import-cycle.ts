import type { Rule } from './rule.js';

export const importCycle: Rule = {
    id: 'import-cycle',
    severity: 'warning',
    area: 'language',
    scope: 'file',
    description: 'Files importing each other in a cycle.',
    check(model, report) {
        for (const imp of model.imports) {
            const cycle = model.lookups.cycleThrough(model.document, imp);
            if (cycle) {
                report({
                    node: imp.node,
                    property: 'path',
                    message: `This import closes a cycle: ${cycle.map(uri => model.pathOf(uri)).join(' → ')}.`
                });
            }
        }
    }
};

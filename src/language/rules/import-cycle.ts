import type { Rule } from './rule.js';

export const importCycle: Rule = {
    id: 'import-cycle',
    severity: 'warning',
    area: 'language',
    scope: 'file',
    description: 'Files importing each other in a cycle.',
    rationale: `Imports say which file builds on which: a plan on its libraries, a library on a more
general one. When files import each other in a circle, no file comes first, and a change to any of them
changes all of them. mplan reads such files once each and never loops, but the structure is almost
always a mistake: move what both need into a library that imports neither.`,
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

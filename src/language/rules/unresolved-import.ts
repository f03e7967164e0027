import { PLAN_FILE_EXTENSION } from '../scoping/imports.js';
import type { Rule } from './rule.js';

export const unresolvedImport: Rule = {
    id: 'unresolved-import',
    severity: 'error',
    area: 'language',
    scope: 'file',
    description: 'An imported file that does not exist or is not a plan file.',
    check(model, report) {
        for (const imp of model.imports) {
            if (imp.problem === 'not-a-plan-file') {
                report({ node: imp.node, property: 'path', message: `'${imp.node.path}' is not a plan file: imports name ${PLAN_FILE_EXTENSION} files.` });
            } else if (imp.problem === 'not-found') {
                report({ node: imp.node, property: 'path', message: `Cannot find '${imp.node.path}' (looked for ${model.pathOf(imp.uri)}, relative to this file).` });
            }
        }
    }
};

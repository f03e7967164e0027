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
            const path = imp.node.path;
            switch (imp.problem) {
                case 'not-a-plan-file':
                    report({ node: imp.node, property: 'path', message: `'${path}' is not a plan file: imports name ${PLAN_FILE_EXTENSION} files.` });
                    break;
                case 'not-relative':
                    report({ node: imp.node, property: 'path', message: `'${path}' is not a relative path: an import names a ${PLAN_FILE_EXTENSION} file relative to this file, with '/' between folders. It was not read.` });
                    break;
                case 'outside-root':
                    report({ node: imp.node, property: 'path', message: `'${path}' leads outside the project folder (${imp.root?.fsPath ?? 'this folder'}): imports are read only from inside it. It was not read.` });
                    break;
                case 'unsaved':
                    report({ node: imp.node, property: 'path', message: `This document is not saved in a folder, so it cannot import files: save it in the project first.` });
                    break;
                case 'unreadable':
                    report({ node: imp.node, property: 'path', message: `Cannot read '${path}' (${imp.reason}).` });
                    break;
                case 'not-found':
                    report({ node: imp.node, property: 'path', message: `Cannot find '${path}' (looked for ${model.pathOf(imp.uri)}, relative to this file).` });
                    break;
            }
        }
    }
};

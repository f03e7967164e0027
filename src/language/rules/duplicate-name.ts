import type { AstNode } from 'langium';
import type { Rule } from './rule.js';

/** How many of the other blocks of the same name a finding points to. */
const MAX_RELATED = 10;

function kindOf(node: AstNode): string {
    return node.$type.toLowerCase();
}

function nameOf(node: AstNode): string | undefined {
    return (node as { name?: string }).name || undefined;
}

export const duplicateName: Rule = {
    id: 'duplicate-name',
    severity: 'error',
    area: 'language',
    scope: 'file',
    description: 'Two blocks of the same kind and name visible in one plan, or a plan that imports another plan.',
    check(model, report) {
        // A block of this file that shares its kind and name with another visible block.
        for (const element of model.root.elements ?? []) {
            const name = nameOf(element);
            if (!name || element.$type === 'Plan') continue;
            const named = model.lookups.named(model.document, element.$type, name);
            if (named.length < 2) continue;
            const others = named.filter(d => d.node !== element);
            if (others.length === 0 || !others[0].node) continue;
            const kind = kindOf(element);
            report({
                node: element,
                property: 'name',
                message: `There is more than one ${kind} named '${name}' (another is at ${model.where(others[0].node)}). Give each ${kind} its own name.`,
                // A few of the others: with n blocks of one name, listing every other one in each of the n
                // findings would grow with n² (3,000 pasted copies of a plan made diagnostics of gigabytes).
                related: others.slice(0, MAX_RELATED).flatMap(d => d.node ? [{ node: d.node, message: `the other ${kind} '${name}'` }] : [])
            });
        }
        // A second plan block in this file, or a plan brought in by an import.
        for (const plan of model.own.plans.slice(1)) {
            report({
                node: plan,
                property: 'name',
                message: `This file already holds the plan '${model.own.plans[0].name}' (at ${model.where(model.own.plans[0])}); a file holds at most one plan. Move this one to a file of its own.`
            });
        }
        for (const imp of model.imports) {
            const imported = imp.document?.parseResult.value.elements?.find(e => e.$type === 'Plan');
            if (imported) {
                report({
                    node: imp.node,
                    property: 'path',
                    message: `'${imp.node.path}' holds the plan '${nameOf(imported) ?? ''}'; a file imports libraries only, never another plan.`
                });
            }
        }
        // Two blocks that meet only in imported files (each file reports its own duplicates):
        // reported on the import that brings the second one into this plan.
        if (!model.isPlan) return;
        const own = new Set((model.root.elements ?? []).map(e => `${e.$type} ${nameOf(e)}`));
        const first = new Map<string, AstNode>();
        for (const file of model.files.slice(1)) {
            for (const element of file.parseResult.value.elements ?? []) {
                const name = nameOf(element);
                if (!name || element.$type === 'Plan') continue;
                const key = `${element.$type} ${name}`;
                const earlier = first.get(key);
                if (!earlier) {
                    first.set(key, element);
                    continue;
                }
                if (own.has(key) || model.fileOf(earlier) === file) continue;
                const via = model.imports.find(imp => imp.document && model.lookups.closure(imp.document).includes(file));
                if (!via) continue;
                const kind = kindOf(element);
                report({
                    node: via.node,
                    property: 'path',
                    message: `Through this import the plan sees two ${kind} blocks named '${name}', at ${model.where(earlier)} and ${model.where(element)}. Rename one of them.`,
                    related: [{ node: earlier, message: `${kind} '${name}'` }, { node: element, message: `${kind} '${name}'` }]
                });
            }
        }
    }
};

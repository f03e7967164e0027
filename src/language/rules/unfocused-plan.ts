import type { Reference } from 'langium';
import type { Product, Strategy } from '../generated/ast.js';
import type { Rule } from './rule.js';

/** Distinct products, in the order first named; an unresolved name counts by its text. */
class ProductList {
    private readonly seen = new Set<Product | string>();
    readonly names: string[] = [];

    /** Adds the products of a list of references; returns the names that were new. */
    add(refs: Array<Reference<Product>>): string[] {
        const added: string[] = [];
        for (const ref of refs) {
            const key = ref.ref ?? ref.$refText;
            if (!key || this.seen.has(key)) continue;
            this.seen.add(key);
            const name = ref.ref?.name ?? ref.$refText;
            this.names.push(name);
            added.push(name);
        }
        return added;
    }

    get size(): number {
        return this.names.length;
    }
}

function listed(names: string[]): string {
    return names.length > 6 ? `${names.slice(0, 6).join(', ')}, …` : names.join(', ');
}

export const unfocusedPlan: Rule = {
    id: 'unfocused-plan',
    severity: 'warning',
    area: 'research',
    scope: 'file',
    basis: '000 intro',
    description: 'A campaign, or the plan\'s focus, that pushes more products at once than the focus limit.',
    check(model, report) {
        const limit = model.settings.thresholds.maxProductsPerCampaign;

        const plan = model.plan;
        if (plan) {
            const focus = new ProductList();
            focus.add(plan.focus);
            if (focus.size > limit) {
                report({
                    node: plan,
                    keyword: 'focus',
                    message: `The plan focuses on ${focus.size} products (${listed(focus.names)}), more than the focus limit of ${limit}: a plan that tries to sell everything at once focuses on nothing. Name at most ${limit} in 'focus'.`,
                    data: { products: focus.names, limit }
                });
            }
        }

        for (const campaign of model.own.campaigns) {
            // What the campaign promotes itself, then what the strategies its tactics serve promote.
            const products = new ProductList();
            products.add(campaign.promotes);
            const strategies = new Set<Strategy>();
            const related: Array<{ node: Strategy; message: string }> = [];
            for (const run of campaign.runs) {
                for (const serves of run.ref?.serves ?? []) {
                    const strategy = serves.ref;
                    if (!strategy || strategies.has(strategy)) continue;
                    strategies.add(strategy);
                    const added = products.add(strategy.promotes);
                    if (added.length > 0) {
                        related.push({ node: strategy, message: `strategy '${strategy.name}', served by this campaign's tactics, promotes ${added.join(', ')}` });
                    }
                }
            }
            if (products.size <= limit) continue;
            const through = related.length > 0 ? `, counting what the strategies its tactics serve promote` : '';
            report({
                node: campaign,
                property: 'name',
                message: `Campaign '${campaign.name}' pushes ${products.size} products at once (${listed(products.names)}${through}), more than the focus limit of ${limit}: selling too many things at the same time spreads the effort thin. Keep it to ${limit} and give the others a campaign of their own.`,
                data: { products: products.names, limit },
                related: related.length > 0 ? related : undefined
            });
        }
    }
};

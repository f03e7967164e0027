import type { AstNode } from 'langium';
import type { Market, Product, Strategy, Tactic } from '../generated/ast.js';
import { genericGreenClaims, neutralityClaims } from '../model/claims.js';
import { segmentMarkets, type Applying } from '../model/markets.js';
import type { PlanModel } from '../model/plan-model.js';
import { listed } from '../wording.js';
import { applying, applyingOnAsOf, blockLabel, complianceData, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const RULE = 'generic-green-claim';

/** One text of the plan that may carry a claim, where it is and what it concerns. */
interface ClaimText {
    node: AstNode;
    property: string;
    index?: number;
    text: string;
    /** "the benefit of product 'Mug'" */
    where: string;
    /** The products the claim is about. */
    products: Product[];
    applies: () => Applying[];
}

function refs<T>(list: ReadonlyArray<{ ref?: T }>): T[] {
    return list.flatMap(one => (one.ref ? [one.ref] : []));
}

function certified(product: Product): boolean {
    return product.certifications.some(label => label.trim() !== '');
}

/** The plan's focus, else every product of the plan: what a claim not tied to a product is about. */
function planProducts(model: PlanModel): Product[] {
    const focus = model.reach.plans.flatMap(plan => refs(plan.focus));
    return focus.length > 0 ? focus : model.reach.products;
}

function orPlan(model: PlanModel, products: Product[]): Product[] {
    const unique = [...new Set(products)];
    return unique.length > 0 ? unique : planProducts(model);
}

/** The markets a product is sold in: those of its market prices when it has no price for everyone, else all of the plan's. */
function productMarkets(model: PlanModel, product: Product): Market[] {
    if (product.price || product.marketPrices.length === 0) return model.marketLookup.markets;
    return [...new Set(product.marketPrices.flatMap(price => refs(price.markets)))];
}

/** The markets a strategy sells in: those of the segments it targets (all of the plan's when it targets none). */
function strategyMarkets(model: PlanModel, strategy: Strategy): Market[] {
    const segments = refs(strategy.targets);
    if (segments.length === 0) return model.marketLookup.markets;
    return [...new Set(segments.flatMap(segment => segmentMarkets(segment, model.marketLookup)))];
}

/** The products a tactic's message is about: those its strategies and its campaigns promote. */
function tacticProducts(model: PlanModel, tactic: Tactic): Product[] {
    const promoted = [
        ...refs(tactic.serves).flatMap(strategy => refs(strategy.promotes)),
        ...(model.campaignsRunning.get(tactic) ?? []).flatMap(campaign => refs(campaign.promotes))
    ];
    return orPlan(model, promoted);
}

function textsOf(model: PlanModel): ClaimText[] {
    const texts: ClaimText[] = [];
    for (const product of model.own.products) {
        const applies = () => applyingOnAsOf(model, RULE, productMarkets(model, product));
        const about = [product];
        if (product.title) texts.push({ node: product, property: 'title', text: product.title, where: `the title of product '${product.name}'`, products: about, applies });
        product.benefits.forEach((text, index) => texts.push({ node: product, property: 'benefits', index, text, where: `the benefit of product '${product.name}'`, products: about, applies }));
        product.improvements.forEach((text, index) => texts.push({ node: product, property: 'improvements', index, text, where: `the improvement of product '${product.name}'`, products: about, applies }));
    }
    for (const strategy of model.own.strategies) {
        if (strategy.message === undefined) continue;
        texts.push({
            node: strategy, property: 'message', text: strategy.message, where: `the message of strategy '${strategy.name}'`,
            products: orPlan(model, refs(strategy.promotes)), applies: () => applyingOnAsOf(model, RULE, strategyMarkets(model, strategy))
        });
    }
    for (const tactic of model.own.tactics) {
        if (tactic.message === undefined) continue;
        texts.push({
            node: tactic, property: 'message', text: tactic.message, where: `the message of tactic '${tactic.name}'`,
            products: tacticProducts(model, tactic), applies: () => applying(model, RULE, tactic)
        });
    }
    for (const flow of model.own.flows) {
        flow.steps.forEach((step, index) => {
            if (step.subject === undefined) return;
            texts.push({
                node: step, property: 'subject', text: step.subject, where: `the subject of step ${index + 1} of flow '${flow.name}'`,
                products: planProducts(model), applies: () => applying(model, RULE, flow)
            });
        });
    }
    for (const offer of model.own.offers) {
        const guarantee = offer.guarantee;
        if (!guarantee) continue;
        const products = orPlan(model, offer.discounts.flatMap(discount => refs(discount.products)));
        const applies = () => applying(model, RULE, offer);
        if (guarantee.kind !== undefined) texts.push({ node: guarantee, property: 'kind', text: guarantee.kind, where: `the guarantee of ${blockLabel(model, offer)}`, products, applies });
        if (guarantee.claim !== undefined) texts.push({ node: guarantee, property: 'claim', text: guarantee.claim, where: `the guarantee claim of ${blockLabel(model, offer)}`, products, applies });
    }
    return texts;
}

function quoted(words: Array<{ text: string }>): string {
    return listed([...new Set(words.map(word => `"${word.text}"`))]);
}

/** "product 'Mug' states no certification", "none of the products it concerns (Mug and Plate) states a certification" */
function uncertified(claim: ClaimText): string {
    const names = claim.products.map(product => `'${product.name}'`);
    if (claim.products.length === 1) return `product ${names[0]} states no certification`;
    if (claim.products.length === 0) return 'the plan names no product with a certification';
    return `none of the products it concerns (${listed(names)}) states a certification`;
}

export const genericGreenClaim: Rule = {
    id: RULE,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'A generic environmental claim (eco-friendly, sustainable, green) with no certified product behind it, or a climate-neutrality claim.',
    check(model, report) {
        if (model.marketLookup.markets.length === 0) return;
        for (const claim of textsOf(model)) {
            const neutral = neutralityClaims(claim.text);
            const generic = claim.products.some(certified) ? [] : genericGreenClaims(claim.text);
            if (neutral.length === 0 && generic.length === 0) continue;
            const applies = claim.applies();
            if (applies.length === 0) continue;
            const where = claim.where.charAt(0).toUpperCase() + claim.where.slice(1);
            const cite = underLaw(applies);
            const greenAdvice = `Say what exactly is better and by how much ("packed in 80% recycled cardboard"), or add 'certified "…"' with the label the product holds.`;
            const neutralAdvice = 'Say what you cut yourself ("delivered by cargo bike") and leave offsetting out of the claim.';
            const certifiedOnly = 'banned unless the environmental performance it claims is recognised (a certified label such as the EU Ecolabel)';
            const offsetting = 'banned where it rests on offsetting emissions, whatever label the product holds';
            const message = neutral.length === 0
                ? `${where} says ${quoted(generic)}, a generic environmental claim, and ${uncertified(claim)}. Such a claim is ${certifiedOnly}: ${cite}. ${greenAdvice}`
                : generic.length === 0
                    ? `${where} says ${quoted(neutral)}, a claim of neutral or positive climate impact. Such a claim is ${offsetting}: ${cite}. ${neutralAdvice}`
                    : `${where} says ${quoted(generic)}, a generic environmental claim while ${uncertified(claim)}, and ${quoted(neutral)}, a claim of neutral or positive climate impact. The first is ${certifiedOnly}, the second is ${offsetting}: ${cite}. ${greenAdvice} ${neutralAdvice}`;
            report({
                node: claim.node,
                property: claim.property,
                index: claim.index,
                message,
                data: { ...complianceData(applies), claims: [...generic, ...neutral].map(word => word.text), neutrality: neutral.length > 0 }
            });
        }
    }
};

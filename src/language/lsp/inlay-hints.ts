import { GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { isCampaign, isFunnel, isProduct, isTactic, type Campaign, type Document, type Funnel, type Product, type Tactic } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import { tacticsRun, campaignSpend, type PlanModel, type PlanModelProvider } from '../model/plan-model.js';
import { budgetTotal, costInAll } from '../model/budgets.js';
import { customerValue } from '../model/economics.js';
import { readFunnel } from '../model/funnel-reading.js';
import { DEFAULT_SETTINGS } from '../config/settings.js';
import { formatMoney, sumIn, type Amount, type MoneySum, type Rates } from '../model/values.js';
import { percentText } from '../wording.js';
import { customersPerMonth, customersText, exactMoney, funnelsSelling, lifetimeValue, moneySpan, productSold } from './figures.js';

/** What a campaign plans to spend (the tactics it runs) against its budget. */
export interface BudgetUse {
    /** The campaign's budget, when it has one. */
    budget?: Amount;
    /** The tactics it runs, each once, in the order written. */
    tactics: Tactic[];
    /** What those tactics cost, per currency. */
    planned: MoneySum;
    /** The planned spend in the budget's currency, when all of it is in that currency or converts at a declared rate. */
    spent?: number;
    /** Spent over budget (1.45 is 145%), when the budget is more than zero. */
    ratio?: number;
    /** What is left of the budget, or (negative) by how much it is overrun. */
    left?: number;
}

/** A campaign's budget (in all, for a budget per month) against what its tactics cost, as budget-overrun judges it. */
export function budgetUse(campaign: Campaign, rates?: Rates): BudgetUse {
    const budget = budgetTotal(campaign);
    const tactics = tacticsRun(campaign);
    const planned = campaignSpend(campaign);
    const use: BudgetUse = { budget, tactics, planned };
    // Other currencies count at the plan's declared rates, and only with them.
    const spent = budget && !planned.isEmpty ? sumIn(planned, budget.currency, rates) : undefined;
    if (!budget || spent === undefined) return use;
    use.spent = cents(spent);
    use.left = cents(budget.amount - use.spent);
    if (budget.amount > 0) use.ratio = use.spent / budget.amount;
    return use;
}

/** A tactic's budget as a share of a campaign's budget (both in all), when both are known in one currency. */
export function tacticShare(tactic: Tactic, campaign: Campaign): number | undefined {
    const cost = costInAll(tactic), budget = budgetTotal(campaign);
    if (!cost || !budget || cost.currency !== budget.currency || !(budget.amount > 0)) return undefined;
    return cost.amount / budget.amount;
}

function cents(amount: number): number {
    return Math.round(amount * 100) / 100;
}

/** The label after a campaign's budget: "planned 2,900 USD (145%): 900 USD over budget". */
export function campaignLabel(campaign: Campaign, rates?: Rates): string | undefined {
    const use = budgetUse(campaign, rates);
    const budget = use.budget;
    if (!budget || use.planned.isEmpty) return undefined;
    if (use.spent === undefined) {
        const some = use.planned.currencies.includes(budget.currency);
        return `planned ${use.planned.toString()}: ${some ? 'not all' : 'not'} in ${budget.currency}`;
    }
    const money = (amount: number) => formatMoney({ amount, currency: budget.currency });
    let label = `planned ${money(use.spent)}`;
    if (use.ratio !== undefined) label += ` (${percentText(use.ratio)})`;
    if (use.left !== undefined && use.left < 0) label += `: ${money(-use.left)} over budget`;
    return label;
}

/** How many campaigns a tactic's label names before it says "and N more". */
const CAMPAIGNS_SHOWN = 3;

/** The label after a tactic's budget: "30% of SpringLaunch, 12% of Autumn". */
export function tacticLabel(tactic: Tactic, campaigns: readonly Campaign[]): string | undefined {
    const parts: string[] = [];
    const seen = new Set<Campaign>();
    for (const campaign of campaigns) {
        if (seen.has(campaign)) continue;
        seen.add(campaign);
        const share = tacticShare(tactic, campaign);
        if (share !== undefined && campaign.name) parts.push(`${percentText(share)} of ${campaign.name}`);
    }
    if (parts.length === 0) return undefined;
    if (parts.length <= CAMPAIGNS_SHOWN + 1) return parts.join(', ');
    return `${parts.slice(0, CAMPAIGNS_SHOWN).join(', ')} and ${parts.length - CAMPAIGNS_SHOWN} more`;
}

/** The label after a budget per month: "= 4,500 USD in all"; undefined for a budget in all, or one with no period to count it over. */
export function totalLabel(block: Campaign | Tactic): string | undefined {
    if (!block.budgetPer) return undefined;
    const total = budgetTotal(block);
    return total ? `= ${exactMoney(total.amount, total.currency)} in all` : undefined;
}

/** The label of a funnel: the paying customers it wins each month, "→ 24 buyers per month". */
export function funnelLabel(funnel: Funnel, product: Product | undefined): string | undefined {
    const customers = customersPerMonth(funnel, product);
    return customers ? `→ ${customersText(customers)}` : undefined;
}

/**
 * The label after a product's price: what one customer is worth over the
 * horizon, "LTV 91.92 USD (margin, 12 months)"; nothing where that is the
 * price itself (a one-off sale with no margin, repeat purchase or upsell).
 */
export function productLabel(product: Product, horizon: number, funnel: Funnel | undefined): string | undefined {
    const value = customerValue(product, horizon, funnel);
    if (!value) return undefined;
    const upsell = funnel?.upsells.some(u => u.from?.ref === product && u.to?.ref && u.rate);
    const repeat = product.repeat || (funnel && readFunnel(funnel).repeat);
    if (!value.margin && !value.recurring && !repeat && !upsell) return undefined;
    const ltv = lifetimeValue(value);
    return `LTV ${moneySpan(ltv.span, value.currency)} (${ltv.basis}, ${horizon} months)`;
}

/**
 * Totals as inlay hints: after a campaign's budget, what its tactics cost
 * and the share of the budget ("planned 6,500 USD (65%)"), with the overrun
 * when there is one; after a tactic's budget, its share of each campaign
 * that runs it ("30% of SpringLaunch"); after a budget per month, the
 * budget in all over the block's period ("= 4,500 USD in all"); on a funnel,
 * the customers it wins each month, after its first purchase stage or the
 * count it starts from ("→ 24 buyers per month"); after a product's price,
 * a customer's lifetime value over the horizon ("LTV 91.92 USD (margin, 12
 * months)"). Only the blocks of the requested range are looked at; nothing
 * is said where an amount is missing or amounts are in different currencies.
 */
export class MplanInlayHintProvider implements InlayHintProvider {
    /** Who runs which tactic and what the funnels sell, across the plan; without it, the file itself. */
    protected readonly models: PlanModelProvider | undefined;

    constructor(services?: MplanServices) {
        this.models = services?.model.PlanModelProvider;
    }

    getInlayHints(document: LangiumDocument, params: InlayHintParams): InlayHint[] {
        const root = document.parseResult?.value as Document | undefined;
        const hints: InlayHint[] = [];
        if (!root?.elements) return hints;
        const text = document.textDocument;
        const from = text.offsetAt(params.range.start), to = text.offsetAt(params.range.end);
        let running: Map<Tactic, Campaign[]> | undefined;
        let model: PlanModel | undefined | null;
        const modelOf = () => model === undefined ? (model = this.models?.get(document as LangiumDocument<Document>) ?? null) : model;
        const add = (at: number, label: string | undefined) => {
            if (label) hints.push({ position: text.positionAt(at), label, paddingLeft: true });
        };
        for (const element of root.elements) {
            const cst = element?.$cstNode;
            if (!cst || cst.end < from) continue;
            if (cst.offset > to) break;
            if (isCampaign(element) || isTactic(element)) {
                const at = budgetEnd(element);
                if (at === undefined || at < from || at > to) continue;
                let label: string | undefined;
                if (isCampaign(element)) {
                    label = campaignLabel(element, modelOf()?.rates);
                } else {
                    running ??= this.campaignsRunning(document as LangiumDocument<Document>);
                    label = tacticLabel(element, running.get(element) ?? []);
                }
                add(at, [totalLabel(element), label].filter(Boolean).join(', '));
            } else if (isFunnel(element)) {
                const at = funnelHintEnd(element);
                if (at === undefined || at < from || at > to) continue;
                const current = modelOf();
                // The product tells how many trials convert; it is known from the plan model only.
                add(at, funnelLabel(element, current ? productSold(current, element) : undefined));
            } else if (isProduct(element)) {
                const at = priceEnd(element);
                if (at === undefined || at < from || at > to) continue;
                const current = modelOf();
                const horizon = (current?.settings ?? DEFAULT_SETTINGS).thresholds.horizonMonths;
                // The funnel that sells the product adds its upsells and repeat purchases.
                add(at, productLabel(element, horizon, current ? funnelsSelling(current, element)[0] : undefined));
            }
        }
        return hints;
    }

    /** For each tactic, the campaigns that run it: across the plan when the plan model is at hand. */
    protected campaignsRunning(document: LangiumDocument<Document>): Map<Tactic, Campaign[]> {
        if (this.models) return this.models.get(document).campaignsRunning;
        const running = new Map<Tactic, Campaign[]>();
        for (const element of document.parseResult.value.elements ?? []) {
            if (!isCampaign(element)) continue;
            for (const tactic of tacticsRun(element)) {
                const list = running.get(tactic);
                if (list) list.push(element); else running.set(tactic, [element]);
            }
        }
        return running;
    }
}

/** Where a block's budget ends (after `per month` for a budget per month), when its amount is written out in full. */
function budgetEnd(block: Campaign | Tactic): number | undefined {
    const budget = block.budget;
    if (!budget || typeof budget.amount !== 'number' || !budget.currency) return undefined;
    const per = block.budgetPer ? GrammarUtils.findNodeForProperty(block.$cstNode, 'budgetPer') : undefined;
    return (per ?? budget.$cstNode)?.end;
}

/** Where a funnel's hint goes: after its first purchase stage when it names one, else after the count its customers are reckoned from. */
function funnelHintEnd(funnel: Funnel): number | undefined {
    const stated = GrammarUtils.findNodeForProperty(funnel.$cstNode, 'purchaseStage');
    if (stated) return stated.end;
    const reading = readFunnel(funnel);
    const entry = reading.entry;
    if (entry?.property === 'visitors') return lastOf(funnel.$cstNode, ['visitorsPer', 'visitorsHigh', 'visitors']);
    if (entry) return entry.node.$cstNode?.end;
    if (reading.fromList) return lastOf(funnel.$cstNode, ['listStage']);
    return undefined;
}

/** Where the first of `properties` a node has written ends. */
function lastOf(cst: CstNode | undefined, properties: readonly string[]): number | undefined {
    for (const property of properties) {
        const node = GrammarUtils.findNodeForProperty(cst, property);
        if (node) return node.end;
    }
    return undefined;
}

/** Where a product's price ends (or its last tier's, for a product priced by tiers). */
function priceEnd(product: Product): number | undefined {
    const node: AstNode | undefined = product.price ?? product.tiers[product.tiers.length - 1];
    return node?.$cstNode?.end;
}

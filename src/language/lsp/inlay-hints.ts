import { GrammarUtils, type LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { isCampaign, isTactic, type Campaign, type Document, type Tactic } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import { tacticsRun, campaignSpend, amountOf, type PlanModelProvider } from '../model/plan-model.js';
import { formatMoney, type Amount, type MoneySum } from '../model/values.js';
import { percentText } from '../wording.js';

/** What a campaign plans to spend (the tactics it runs) against its budget. */
export interface BudgetUse {
    /** The campaign's budget, when it has one. */
    budget?: Amount;
    /** The tactics it runs, each once, in the order written. */
    tactics: Tactic[];
    /** What those tactics cost, per currency. */
    planned: MoneySum;
    /** The planned spend in the budget's currency, when all of it is in that currency. */
    spent?: number;
    /** Spent over budget (1.45 is 145%), when the budget is more than zero. */
    ratio?: number;
    /** What is left of the budget, or (negative) by how much it is overrun. */
    left?: number;
}

/** A campaign's budget against what its tactics cost, as budget-overrun judges it. */
export function budgetUse(campaign: Campaign): BudgetUse {
    const budget = amountOf(campaign.budget);
    const tactics = tacticsRun(campaign);
    const planned = campaignSpend(campaign);
    const use: BudgetUse = { budget, tactics, planned };
    if (!budget || planned.isEmpty || planned.currencies.some(code => code !== budget.currency)) return use;
    use.spent = cents(planned.in(budget.currency));
    use.left = cents(budget.amount - use.spent);
    if (budget.amount > 0) use.ratio = use.spent / budget.amount;
    return use;
}

/** A tactic's budget as a share of a campaign's budget, when both are known in one currency. */
export function tacticShare(tactic: Tactic, campaign: Campaign): number | undefined {
    const cost = amountOf(tactic.budget), budget = amountOf(campaign.budget);
    if (!cost || !budget || cost.currency !== budget.currency || !(budget.amount > 0)) return undefined;
    return cost.amount / budget.amount;
}

function cents(amount: number): number {
    return Math.round(amount * 100) / 100;
}

/** The label after a campaign's budget: "planned 2,900 USD (145%): 900 USD over budget". */
export function campaignLabel(campaign: Campaign): string | undefined {
    const use = budgetUse(campaign);
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

/**
 * Budget totals as inlay hints: after a campaign's budget, what its tactics
 * cost and the share of the budget ("planned 6,500 USD (65%)"), with the
 * overrun when there is one; after a tactic's budget, its share of each
 * campaign that runs it ("30% of SpringLaunch"). Only the blocks of the
 * requested range are looked at; nothing is said where an amount is missing
 * or amounts are in different currencies.
 */
export class MplanInlayHintProvider implements InlayHintProvider {
    /** Who runs which tactic across the plan; without it, the campaigns of the file itself. */
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
        for (const element of root.elements) {
            const cst = element?.$cstNode;
            if (!cst || cst.end < from) continue;
            if (cst.offset > to) break;
            const at = (isCampaign(element) || isTactic(element)) ? budgetEnd(element) : undefined;
            if (at === undefined || at < from || at > to) continue;
            let label: string | undefined;
            if (isCampaign(element)) {
                label = campaignLabel(element);
            } else if (isTactic(element)) {
                running ??= this.campaignsRunning(document as LangiumDocument<Document>);
                label = tacticLabel(element, running.get(element) ?? []);
            }
            if (label) hints.push({ position: text.positionAt(at), label, paddingLeft: true });
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

/** Where a block's budget fact ends (the hint goes there: after `per month` too), when its amount is written out in full. */
function budgetEnd(block: Campaign | Tactic): number | undefined {
    if (!amountOf(block.budget)) return undefined;
    const end = block.budget?.$cstNode?.end;
    const per = block.budgetPer ? GrammarUtils.findNodeForProperty(block.$cstNode, 'budgetPer')?.end : undefined;
    return per ?? end;
}

/**
 * Why a funnel cannot be projected: the first fact `project` (economics.ts)
 * needs and the plan does not give, in one line a marketer can act on ("no
 * campaign or tactic with a budget has dates: SpringLaunch"). The report
 * says it where the projection would be, instead of leaving the section out.
 * Follows `project` step by step; it never judges a funnel that projects.
 */
import type { Campaign, Funnel, Tactic } from '../generated/ast.js';
import { commissionGap, monthsPerUnit, spendParts, type Budgeted } from './budgets.js';
import type { Blocks, PlanModel } from './plan-model.js';
import { tacticsRun } from './plan-model.js';
import { judgingPlan, priceCurrency, projectFunnel, soldProduct } from './economics.js';
import { readFunnel } from './funnel-reading.js';
import { isTrialStage, stageOf } from './funnel-stages.js';
import { periodOf } from './periods.js';
import { listed, someNames } from '../wording.js';

/** A block's name as a sentence shows it: its title when it has one, else its name. */
function shown(block: { name?: string; title?: string }): string {
    return block.title ?? block.name ?? '';
}

/**
 * What stops the projection of a funnel, in one line (no final period);
 * undefined when the funnel projects.
 */
export function projectionGap(model: PlanModel, funnel: Funnel): string | undefined {
    if (projectFunnel(model, funnel)) return undefined;
    const plan = judgingPlan(model);
    if (plan === null) return 'the file is shared by several plans: each plan projects it with its own spend';
    const reach = model.reach;
    const product = soldProduct(plan, funnel, reach);
    if (!product) {
        return reach.products.length === 0
            ? 'the plan has no product, so nothing says what a customer pays'
            : `the plan has ${reach.products.length} products and names none in its 'focus': say which one the funnel sells`;
    }
    const currency = priceCurrency(product);
    if (!currency) return `${shown(product)} states no price`;
    if (plan?.currency && plan.currency !== currency) return `${shown(product)} is priced in ${currency} while the plan counts in ${plan.currency}`;

    const reading = readFunnel(funnel);
    if (!reading.perMonth && !reading.fromList) return funnelGap(funnel, reading.purchase?.stage, reading.toPurchase);
    const spend = spendGap(reach, currency);
    if (spend) return spend;
    if (reading.purchase && isTrialStage(reading.purchase.stage) && !product.trialConverts) {
        return `the funnel's first purchase is at ${reading.purchase.stage}, but ${shown(product)} states no share of trials that convert (such as 'trial 14 days converts 20%')`;
    }
    return 'the funnel cannot be projected';
}

/** Why a funnel gives no people reaching the purchase each month: no count, a count without a unit, no purchase stage, no path to it. */
function funnelGap(funnel: Funnel, purchase: string | undefined, toPurchase: ReadonlyMap<string, unknown>): string {
    const counted: string[] = [];
    if (funnel.visitors !== undefined) counted.push('visitors');
    for (const count of funnel.counts) if (count.stage) counted.push(count.stage.toLowerCase());
    if (funnel.listSize !== undefined && funnel.listStage) counted.push(funnel.listStage.toLowerCase());
    if (counted.length === 0) {
        return 'no funnel counts visitors per month: add \'visitors 8_000 per month\' (or \'expect 400 leads per month\') with the figure you expect';
    }
    if (funnel.visitors !== undefined && !monthsPerUnit(funnel.visitorsPer) && counted.length === 1) {
        return 'the funnel counts visitors but not per what: write \'visitors … per month\'';
    }
    if (!purchase) {
        return 'no stage of the funnel is the first purchase: add a conversion to customers (or buyers, orders, …), or name the stage with \'first purchase at\'';
    }
    // The visitors count stands for the word the conversion lines use for visitors (`traffic`, `visits`).
    const reached = counted.filter(stage => toPurchase.has(stage) || (stage === 'visitors' && [...toPurchase.keys()].some(word => stageOf(word) === 'visitors')));
    if (reached.length === 0) {
        return `no conversion lines lead from ${listed([...new Set(counted)], 'or')} to ${purchase}: add the rate of each step`;
    }
    if (funnel.visitors !== undefined && !monthsPerUnit(funnel.visitorsPer)) {
        return 'the funnel counts visitors but not per what: write \'visitors … per month\'';
    }
    return `the funnel's counts do not reach ${purchase}`;
}

/**
 * Why the plan has no spend month by month in `currency`, following
 * economics.spendPlan: a budget in another currency, a budget without dates,
 * or no budget at all.
 */
function spendGap(reach: Blocks, currency: string): string | undefined {
    const undated: Array<Campaign | Tactic> = [], foreign: string[] = [];
    let budgeted = false;
    const uncountable: string[] = [];
    const take = (block: Campaign | Tactic, money: Budgeted['budget']) => {
        if (!money || !money.amount) return;
        budgeted = true;
        if (money.currency !== currency) foreign.push(`${shown(block)} (${money.currency})`);
        else if (!periodOf(block)) undated.push(block);
    };
    const takeTactic = (tactic: Tactic) => {
        const gap = commissionGap(tactic);
        if (gap) uncountable.push(`the commission of ${shown(tactic)} cannot be counted: ${gap}`);
        for (const part of spendParts(tactic)) take(tactic, part.budget);
    };
    if (reach.campaigns.length > 0) {
        for (const campaign of reach.campaigns) {
            if (campaign.budget) take(campaign, campaign.budget);
            else for (const tactic of tacticsRun(campaign)) takeTactic(tactic);
        }
    } else {
        for (const tactic of reach.tactics) takeTactic(tactic);
    }
    if (uncountable.length > 0) return uncountable[0];
    if (foreign.length > 0) return `budgets in another currency than the price (${currency}) cannot be added: ${someNames(foreign)}`;
    if (undated.length === 1) {
        const block = undated[0];
        return `the ${block.$type === 'Campaign' ? 'campaign' : 'tactic'} ${shown(block)} has a budget but no dates ('from … to …') to spend it in`;
    }
    if (undated.length > 1) {
        const kinds = new Set(undated.map(block => block.$type));
        const what = kinds.size > 1 ? 'campaigns and tactics' : kinds.has('Campaign') ? 'campaigns' : 'tactics';
        return `the ${what} have no dates: ${someNames(undated.map(shown))} have a budget but no period ('from … to …') to spend it in`;
    }
    if (!budgeted) {
        return reach.campaigns.length > 0
            ? 'no campaign states a budget, nor do the tactics they run'
            : 'no campaign or tactic states a budget, so nothing says what the plan spends';
    }
    return undefined;
}

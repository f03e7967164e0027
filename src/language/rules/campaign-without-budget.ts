import type { Campaign } from '../generated/ast.js';
import { campaignSpend, type PlanModel } from '../model/plan-model.js';
import { formatMoney } from '../model/values.js';
import { blockNamedAt, insertFact } from './edits.js';
import { planCurrency } from './campaign-util.js';
import type { Rule } from './rule.js';
import { sourceAmount } from '../wording.js';

/** The round amount a placeholder budget is written with. */
const PLACEHOLDER = 1_000;

/** What the campaign's tactics cost, when they are all budgeted in the plan's currency. */
function tacticCost(model: PlanModel, campaign: Campaign): { amount: number; currency: string } | undefined {
    const cost = campaignSpend(campaign);
    const currency = planCurrency(model);
    if (cost.currencies.length !== 1) return undefined;
    const [only] = cost.currencies;
    if (currency && only !== currency) return undefined;
    return { amount: cost.in(only), currency: only };
}

export const campaignWithoutBudget: Rule = {
    id: 'campaign-without-budget',
    severity: 'warning',
    area: 'campaign',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001 (what is your budget?)',
    description: 'A campaign that states no budget.',
    check(model, report) {
        for (const campaign of model.own.campaigns) {
            if (campaign.budget) continue;
            const cost = tacticCost(model, campaign);
            const hint = cost && cost.amount > 0 ? ` Its tactics cost ${formatMoney(cost)}.` : '';
            report({
                node: campaign,
                property: 'name',
                message: `Campaign '${campaign.name}' has no budget: nobody can tell what it may spend or whether its tactics fit. Add 'budget' with the amount set aside.${hint}`,
                data: cost && cost.amount > 0 ? { cost: cost.amount, currency: cost.currency } : undefined
            });
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const campaign = blockNamedAt(model.own.campaigns, finding.range);
        if (!campaign || campaign.budget) return [];
        const cost = tacticCost(model, campaign);
        if (cost && cost.amount > 0) {
            const fact = `budget ${sourceAmount(cost.amount)} ${cost.currency}`;
            const edit = insertFact(model, campaign, fact);
            return edit ? [{ title: `Add '${fact}', what its tactics cost (check that it is the amount you set aside)`, kind: 'suggestion', edits: [edit] }] : [];
        }
        const currency = planCurrency(model) ?? (cost?.currency);
        if (!currency) return [];
        const fact = `budget ${sourceAmount(PLACEHOLDER)} ${currency}`;
        const edit = insertFact(model, campaign, fact);
        return edit ? [{ title: `Add a placeholder budget of ${formatMoney({ amount: PLACEHOLDER, currency })} ('${fact}'), to replace with the real figure`, kind: 'suggestion', edits: [edit] }] : [];
    }
};

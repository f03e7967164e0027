import { formatMoney } from '../model/values.js';
import { campaignSpend, tacticsRun } from '../model/plan-model.js';
import { declaredPlanCurrency } from './campaign-util.js';
import type { Rule } from './rule.js';

export const budgetOverrun: Rule = {
    id: 'budget-overrun',
    severity: 'error',
    area: 'campaign',
    scope: 'file',
    basis: '001 (budget); beyond',
    description: 'The tactics a campaign runs cost more than its budget.',
    check(model, report) {
        const planCurrency = declaredPlanCurrency(model);
        for (const campaign of model.own.campaigns) {
            const budget = campaign.budget;
            if (!budget?.currency || typeof budget.amount !== 'number') continue;
            const currency = budget.currency;
            // Amounts in another currency cannot be compared: currency-mismatch reports them.
            if (planCurrency && currency !== planCurrency) continue;
            const cost = campaignSpend(campaign);
            if (cost.isEmpty || cost.currencies.some(c => c !== currency)) continue;
            const total = Math.round(cost.in(currency) * 100) / 100;
            const excess = Math.round((total - budget.amount) * 100) / 100;
            if (excess <= 0) continue;
            const money = (amount: number) => formatMoney({ amount, currency });
            report({
                node: campaign,
                property: 'budget',
                message: `The tactics of campaign '${campaign.name}' cost ${money(total)}, ${money(excess)} more than its budget of ${money(budget.amount)}. Raise the budget or cut a tactic.`,
                related: tacticsRun(campaign).filter(t => t.budget).map(t => ({ node: t.budget!, message: `Tactic '${t.name}' costs ${formatMoney({ amount: t.budget!.amount, currency: t.budget!.currency })}` })),
                data: { budget: budget.amount, cost: total, excess, currency }
            });
        }
    }
};

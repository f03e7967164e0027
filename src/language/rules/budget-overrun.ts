import { formatMoney, sumIn } from '../model/values.js';
import { campaignSpend, tacticsRun } from '../model/plan-model.js';
import { declaredPlanCurrency } from './campaign-util.js';
import type { Rule } from './rule.js';
import type { AstNode } from 'langium';
import { budgetTotal, spendParts, unitName } from '../model/budgets.js';
import type { Tactic } from '../generated/ast.js';

/** "2,000 USD", or "500 USD per month (1,500 USD in all)" for a budget per month. */
function costOf(tactic: Tactic): string {
    const stated = formatMoney({ amount: tactic.budget!.amount, currency: tactic.budget!.currency });
    if (!tactic.budgetPer) return stated;
    const total = budgetTotal(tactic);
    const all = total ? ` (${formatMoney({ amount: Math.round(total.amount * 100) / 100, currency: total.currency })} in all)` : '';
    return `${stated} per ${unitName(tactic.budgetPer)}${all}`;
}

/** Where a tactic says what it pays: its budget, and its fee and commission, paid on top. */
function related(tactic: Tactic): Array<{ node: AstNode; message: string }> {
    const out: Array<{ node: AstNode; message: string }> = [];
    if (tactic.budget) out.push({ node: tactic.budget, message: `Tactic '${tactic.name}' costs ${costOf(tactic)}` });
    for (const part of spendParts(tactic)) {
        if (part.kind === 'budget') continue;
        const total = budgetTotal(part);
        const amount = total ? formatMoney({ amount: Math.round(total.amount * 100) / 100, currency: total.currency }) : 'an amount that cannot be totalled';
        out.push({ node: part.node, message: `Tactic '${tactic.name}' pays a ${part.kind} of ${amount}` });
    }
    return out;
}

export const budgetOverrun: Rule = {
    id: 'budget-overrun',
    severity: 'error',
    area: 'campaign',
    scope: 'file',
    basis: '001 (budget); beyond',
    description: 'The tactics a campaign runs cost more than its budget (their budgets, fees and commissions).',
    check(model, report) {
        const planCurrency = declaredPlanCurrency(model);
        for (const campaign of model.own.campaigns) {
            // A budget per month counts for the months of the campaign's period.
            const budget = budgetTotal(campaign);
            if (!budget) continue;
            const currency = budget.currency;
            // Amounts in another currency cannot be compared: currency-mismatch reports them.
            if (planCurrency && currency !== planCurrency && !model.rates.converts(currency, planCurrency)) continue;
            const cost = campaignSpend(campaign);
            // Other currencies count at the plan's declared rates (currency-mismatch reports those without one).
            const spent = cost.isEmpty ? undefined : sumIn(cost, currency, model.rates);
            if (spent === undefined) continue;
            const total = Math.round(spent * 100) / 100;
            const excess = Math.round((total - budget.amount) * 100) / 100;
            if (excess <= 0) continue;
            const money = (amount: number) => formatMoney({ amount: Math.round(amount * 100) / 100, currency });
            report({
                node: campaign,
                property: 'budget',
                message: `The tactics of campaign '${campaign.name}' cost ${money(total)}, ${money(excess)} more than its budget of ${money(budget.amount)}. Raise the budget or cut a tactic.`,
                related: tacticsRun(campaign).flatMap(t => related(t)),
                data: { budget: budget.amount, cost: total, excess, currency }
            });
        }
    }
};

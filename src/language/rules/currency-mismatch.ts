import type { Money } from '../generated/ast.js';
import { moneyOf } from '../model/plan-model.js';
import { CURRENCY_CODE, formatMoney } from '../model/values.js';
import { isoDay } from '../model/periods.js';
import type { Rule } from './rule.js';

function show(money: Pick<Money, 'amount' | 'currency'>): string {
    return formatMoney({ amount: money.amount, currency: money.currency });
}

export const currencyMismatch: Rule = {
    id: 'currency-mismatch',
    severity: 'error',
    area: 'language',
    scope: 'file',
    description: "Money in a currency other than the plan's, where it is summed or compared.",
    check(model, report) {
        const currency = model.currency;
        const rates = model.rates;
        // An amount counts in the plan's currency at a declared rate (`rate 1 EUR = 1.08 USD as of …`): only one no rate converts is reported.
        const isForeign = (code: string | undefined): code is string => !!code && code !== currency?.code && CURRENCY_CODE.test(code) && !rates.converts(code, currency!.code);
        const orRate = (code: string, to: string) => `write it in ${to} or declare the rate, such as 'rate 1 ${code} = … ${to} as of ${isoDay(model.asOf)}' in the plan block`;
        if (model.isPlan && currency) {
            const source = currency.declared ? `the plan's currency` : `the currency of the plan's first amount (${model.where(currency.node)})`;
            for (const money of moneyOf(model.own)) {
                if (isForeign(money.currency)) {
                    report({ node: money, property: 'currency', message: `${show(money)} is not in ${source}, ${currency.code}, and no rate converts it: amounts are summed and compared, so ${orRate(money.currency, currency.code)}.`, data: { expected: currency.code, found: money.currency } });
                }
            }
            // A commission per sale in money is spend too.
            for (const tactic of model.own.tactics) {
                const commission = tactic.commission;
                if (commission && isForeign(commission.currency)) {
                    report({ node: commission, property: 'currency', message: `The commission of tactic '${tactic.name}' (${show({ amount: commission.value, currency: commission.currency })} per sale) is not in ${source}, ${currency.code}, and no rate converts it: it is summed with the plan's spend, so ${orRate(commission.currency, currency.code)}.`, data: { expected: currency.code, found: commission.currency } });
                }
            }
            // Each imported file once, through the first import that brings it in; never this file.
            const seen = new Set([model.document]);
            for (const imp of model.imports) {
                if (!imp.document) continue;
                const files = model.lookups.closure(imp.document).filter(file => !seen.has(file));
                files.forEach(file => seen.add(file));
                const foreign = files.flatMap(file => [...moneyOf(model.lookups.blocksOf(file))])
                    .filter(m => isForeign(m.currency));
                if (foreign.length > 0) {
                    report({
                        node: imp.node,
                        property: 'path',
                        message: `This import brings ${foreign.length === 1 ? 'an amount' : `${foreign.length} amounts`} not in the plan's currency ${currency.code} that no declared rate converts: ${show(foreign[0])} at ${model.where(foreign[0])}.`,
                        related: foreign.slice(0, 10).map(m => ({ node: m, message: `${show(m)} is not in ${currency.code}` }))
                    });
                }
            }
        } else {
            // A library has no currency of its own: a campaign and the tactics it runs must still agree.
            for (const campaign of model.own.campaigns) {
                const budget = campaign.budget;
                if (!budget?.currency) continue;
                campaign.runs.forEach((ref, index) => {
                    const cost = ref.ref?.budget ?? ref.ref?.fee;
                    if (cost?.currency && cost.currency !== budget.currency && CURRENCY_CODE.test(cost.currency) && !rates.converts(cost.currency, budget.currency)) {
                        report({ node: campaign, property: 'runs', index, message: `Tactic '${ref.$refText}' is budgeted in ${cost.currency} (${show(cost)}) but campaign '${campaign.name}' in ${budget.currency}: they cannot be added up.` });
                    }
                });
            }
        }
        for (const segment of model.own.segments) {
            const income = segment.income;
            if (income?.minCurrency && income.currency && income.minCurrency !== income.currency) {
                report({ node: income, property: 'minCurrency', message: `The income range of segment '${segment.name}' starts in ${income.minCurrency} and ends in ${income.currency}: a range has one currency.` });
            }
        }
    }
};

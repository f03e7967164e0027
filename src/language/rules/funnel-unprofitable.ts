import type { Finding, Rule } from './rule.js';
import { judgesPessimistic } from '../config/settings.js';
import type { Projection } from '../model/economics.js';
import { advice, basisWord, cents, countSpan, customersArithmetic, customerWord, economicsRelated, money, moneySpan, notesSentence, ownProjections, valueMadeOf } from './funnel-economics-util.js';

/** Where the finding goes: the count the funnel's customers are worked out from. */
function entryOf(p: Projection): Pick<Finding, 'node' | 'property'> {
    const entry = p.reading.entry;
    return entry ? { node: entry.node, property: entry.property } : { node: p.funnel, property: 'listSize' };
}

export const funnelUnprofitable: Rule = {
    id: 'funnel-unprofitable',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    basis: 'beyond',
    description: 'Traffic, conversion rates, price and spend are all given, and within the horizon the customers the funnel wins while the plan spends bring in less margin (or revenue) than the spend.',
    check(model, report) {
        const horizon = model.settings.thresholds.horizonMonths;
        const pessimistic = judgesPessimistic(model.settings);
        for (const p of ownProjections(model)) {
            if (!p.reading.purchase) continue;
            const value = p.ltvBasis === 'margin' && p.margin ? p.margin : p.revenue;
            // Judged at the pessimistic end unless the settings say otherwise; a cent's rounding is no loss.
            if ((pessimistic ? value.low : value.high) >= p.spend * (1 - 1e-9)) continue;

            const basis = basisWord(p);
            const perCustomer = p.customers.low > 0 ? value.low / p.customers.low : 0;
            const later = p.customers.low > 0 && perCustomer < p.ltv.low * 0.995 ? ', less for those won later in that time' : '';
            const ranged = cents(value.low) !== cents(value.high);
            const verdict = ranged && value.high >= p.spend * (1 - 1e-9)
                ? `at the pessimistic end the ${customerWord(p)} this funnel wins do not pay for the marketing within ${horizon} months (at the optimistic end they do)`
                : `the ${customerWord(p)} this funnel wins do not pay for the marketing within ${horizon} months`;
            const message =
                `${customersArithmetic(p)}: ${countSpan(p.customers)} ${customerWord(p)} won while the plan spends, each worth ${moneySpan(p.ltv, p.currency)} of ${basis} ` +
                `over ${horizon} months (${valueMadeOf(p)})${later}. ${horizon}-month ${basis} ${moneySpan(value, p.currency)} against ${money(p.spend, p.currency)} of ${p.spendWhat}: ` +
                `${verdict}.${notesSentence(p)} ${advice(p, ['a conversion rate'], 'spend less')}`;
            report({
                ...entryOf(p),
                message,
                related: economicsRelated(p),
                data: { value: { low: cents(value.low), high: cents(value.high) }, basis, spend: cents(p.spend), horizonMonths: horizon }
            });
        }
    }
};

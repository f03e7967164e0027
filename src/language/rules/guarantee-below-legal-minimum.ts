import { durationDays } from '../model/values.js';
import { applying, blockLabel, complianceData, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const RULE = 'guarantee-below-legal-minimum';

/** The right of withdrawal from a distance sale in the EU and the UK: 14 days, no reason needed. */
export const WITHDRAWAL_DAYS = 14;

export const guaranteeBelowLegalMinimum: Rule = {
    id: RULE,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'A money-back guarantee shorter than the 14-day right of withdrawal buyers online have anyway.',
    check(model, report) {
        for (const offer of model.own.offers) {
            const guarantee = offer.guarantee;
            if (!guarantee?.moneyBack || !guarantee.term) continue;
            const days = durationDays(guarantee.term);
            if (days === undefined || days >= WITHDRAWAL_DAYS) continue;
            const applies = applying(model, RULE, offer);
            if (applies.length === 0) continue;
            const term = `${guarantee.term.amount} ${guarantee.term.unit}`;
            report({
                node: guarantee,
                property: 'term',
                message: `The money-back guarantee of ${blockLabel(model, offer)} lasts ${term}, less than the ${WITHDRAWAL_DAYS} days in which a buyer online may withdraw from the purchase anyway, without giving a reason: ${underLaw(applies)}. A guarantee shorter than that right promises nothing and reads as if it cut the right short. Make it ${WITHDRAWAL_DAYS} days or longer ('guarantee money back 30 days').`,
                data: { ...complianceData(applies), days }
            });
        }
    }
};

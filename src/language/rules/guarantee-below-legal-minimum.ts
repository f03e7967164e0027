import type { Duration, Guarantee, Offer } from '../generated/ast.js';
import { ruleLevel } from '../config/settings.js';
import type { Applying } from '../model/markets.js';
import type { PlanModel } from '../model/plan-model.js';
import { durationDays } from '../model/values.js';
import { applying, blockLabel, complianceData, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const RULE = 'guarantee-below-legal-minimum';

/** The right of withdrawal from a distance sale in the EU and the UK: 14 days, no reason needed. */
export const WITHDRAWAL_DAYS = 14;

/**
 * The provisions under which the offer's money-back guarantee runs shorter than the right of
 * withdrawal (none: it does not, or no market of the offer has that right on its dates).
 */
function shortOfWithdrawal(model: PlanModel, offer: Offer): { guarantee: Guarantee; term: Duration; days: number; applies: Applying[] } | undefined {
    const guarantee = offer.guarantee;
    const term = guarantee?.moneyBack ? guarantee.term : undefined;
    if (!guarantee || !term) return undefined;
    const days = durationDays(term);
    if (days === undefined || days >= WITHDRAWAL_DAYS) return undefined;
    const applies = applying(model, RULE, offer);
    return applies.length > 0 ? { guarantee, term, days, applies } : undefined;
}

/**
 * Whether this rule reports the term of the offer's guarantee: then weak-guarantee, whose
 * advice (at least the 14 days of its default threshold) would say the same, leaves the term out.
 */
export function termReportedAsBelowLegalMinimum(model: PlanModel, offer: Offer): boolean {
    return ruleLevel(guaranteeBelowLegalMinimum, model.settings) !== 'off' && shortOfWithdrawal(model, offer) !== undefined;
}

export const guaranteeBelowLegalMinimum: Rule = {
    id: RULE,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'A money-back guarantee shorter than the 14-day right of withdrawal buyers online have anyway.',
    check(model, report) {
        for (const offer of model.own.offers) {
            const short = shortOfWithdrawal(model, offer);
            if (!short) continue;
            const { guarantee, days, applies } = short;
            const term = `${short.term.amount} ${short.term.unit}`;
            report({
                node: guarantee,
                property: 'term',
                message: `The money-back guarantee of ${blockLabel(model, offer)} lasts ${term}, less than the ${WITHDRAWAL_DAYS} days in which a buyer online may withdraw from the purchase anyway, without giving a reason: ${underLaw(applies)}. A guarantee shorter than that right promises nothing and reads as if it cut the right short. Make it ${WITHDRAWAL_DAYS} days or longer ('guarantee money back 30 days').`,
                data: { ...complianceData(applies), days }
            });
        }
    }
};

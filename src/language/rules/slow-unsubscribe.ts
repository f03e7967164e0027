import { delayText, mostBusinessDays } from '../model/consent.js';
import { applying, blockLabel, complianceData, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const ID = 'slow-unsubscribe';
/** CAN-SPAM, 15 U.S.C. 7704(a)(4): an opt-out is honoured within 10 business days. */
const MOST_BUSINESS_DAYS = 10;

export const slowUnsubscribe: Rule = {
    id: ID,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'An opt-out honoured later than the 10 business days US law allows.',
    check(model, report) {
        for (const block of [...model.own.funnels, ...model.own.flows]) {
            const delay = block.unsubscribeWithin;
            if (!delay) continue;
            const most = mostBusinessDays(delay);
            if (most === undefined || most <= MOST_BUSINESS_DAYS) continue;
            const applies = applying(model, ID, block);
            if (applies.length === 0) continue;
            const calendar = delay.business ? '' : ` (${delay.amount} ${delay.unit} may hold ${most} business days)`;
            report({
                node: delay,
                message: `${blockLabel(model, block, true)} honours an unsubscribe within ${delayText(delay)}${calendar}: for ${underLaw(applies)} an opt-out must take effect within 10 business days, and every message sent after that is a violation. Write 'unsubscribe within 10 business days' or less; most senders stop at once.`,
                data: { ...complianceData(applies), businessDays: most }
            });
        }
    }
};

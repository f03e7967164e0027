import type { Rule } from './rule.js';
import { judgesPessimistic } from '../config/settings.js';
import { advice, basisWord, cacArithmetic, cents, economicsRelated, funnelHead, moneySpan, notesSentence, ownProjections, valueMadeOf } from './funnel-economics-util.js';
import { formatNumber } from '../wording.js';

function months(count: number): string {
    return `${formatNumber(count)} month${count === 1 ? '' : 's'}`;
}

export const cacPaybackTooLong: Rule = {
    id: 'cac-payback-too-long',
    severity: 'info',
    area: 'funnel',
    scope: 'file',
    basis: 'beyond (unit economics)',
    description: 'A customer takes more months of margin than the limit to pay back what it cost to acquire them.',
    check(model, report) {
        const limit = model.settings.thresholds.maxPaybackMonths;
        for (const p of ownProjections(model)) {
            if (!p.cac || !p.payback) continue;
            const { low, high } = p.payback;
            // Judged at the pessimistic end (the most months it takes; undefined: not within ten years), unless the settings say otherwise.
            const judged = judgesPessimistic(model.settings) ? high : low;
            if (judged !== undefined && judged <= limit) continue;

            const basis = basisWord(p);
            const takes = high === undefined
                ? low === undefined
                    ? `does not bring in that much ${basis} within ten years`
                    : `takes ${months(low)} of ${basis} to pay that back at the optimistic end, and more than ten years at the pessimistic end`
                : low !== undefined && low !== high
                    ? `takes ${formatNumber(low)} to ${months(high)} of ${basis} to pay that back`
                    : `takes ${months(high)} of ${basis} to pay that back`;
            const verdict = low !== undefined && low <= limit
                ? `at the pessimistic end longer than the ${months(limit)} to aim for (at the optimistic end within them)`
                : `longer than the ${months(limit)} to aim for`;
            const message =
                `A customer won through this funnel costs ${moneySpan(p.cac, p.currency)} to win (${cacArithmetic(p)}) and ${takes} (${valueMadeOf(p)}): ${verdict}. ` +
                `Until then the plan has paid for customers who have not yet paid it back, and needs the cash to wait.${notesSentence(p)} ` +
                advice(p, [], 'win customers for less (better conversion rates, cheaper traffic)');
            report({
                ...funnelHead(p.funnel),
                message,
                related: economicsRelated(p),
                data: { payback: { low, high }, cac: { low: cents(p.cac.low), high: cents(p.cac.high) }, basis, maxPaybackMonths: limit }
            });
        }
    }
};

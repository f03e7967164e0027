import type { Rule } from './rule.js';
import { judgesPessimistic } from '../config/settings.js';
import { advice, basisWord, cacArithmetic, cents, economicsRelated, funnelHead, moneySpan, notesSentence, ownProjections, ratioText, valueMadeOf } from './funnel-economics-util.js';
import { formatNumber } from '../wording.js';

export const ltvBelowCac: Rule = {
    id: 'ltv-below-cac',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    basis: '000 #5; beyond (unit economics)',
    description: "A customer's value over the horizon (margin when the products give one) is less than the minimum multiple of what it costs to acquire one.",
    check(model, report) {
        const { horizonMonths: horizon, minLtvToCac: minimum } = model.settings.thresholds;
        for (const p of ownProjections(model)) {
            if (!p.cac || p.cac.high <= 0) continue;
            const ratio = { low: p.ltv.low / p.cac.high, high: p.cac.low > 0 ? p.ltv.high / p.cac.low : Infinity };
            // Judged at the pessimistic end (the least a customer brings against the most one costs), unless the settings say otherwise.
            if ((judgesPessimistic(model.settings) ? ratio.low : ratio.high) >= minimum * (1 - 1e-9)) continue;

            const basis = basisWord(p);
            const times = `${formatNumber(minimum)} times`;
            const ranged = ratioText(ratio.low, minimum) !== ratioText(ratio.high, minimum);
            const ratioWords = ranged ? `${ratioText(ratio.low, minimum)} to ${ratioText(ratio.high, minimum)} times` : `${ratioText(ratio.low, minimum)} times`;
            const verdict = ranged && ratio.high >= minimum
                ? `at the pessimistic end below the ${times} to aim for (at the optimistic end above it)`
                : `below the ${times} to aim for`;
            const message =
                `A customer won through this funnel brings ${moneySpan(p.ltv, p.currency)} of ${basis} over ${horizon} months (${valueMadeOf(p)}), ` +
                `${ratioWords} the ${moneySpan(p.cac, p.currency)} it costs to win one (${cacArithmetic(p)}): ${verdict}. ` +
                `What a customer brings must pay for winning them and leave enough to run the business and make a profit.${notesSentence(p)} ` +
                advice(p, [], 'win customers for less (better conversion rates, cheaper traffic)');
            report({
                ...funnelHead(p.funnel),
                message,
                related: economicsRelated(p),
                data: {
                    ltv: { low: cents(p.ltv.low), high: cents(p.ltv.high) },
                    cac: { low: cents(p.cac.low), high: cents(p.cac.high) },
                    basis, minLtvToCac: minimum, horizonMonths: horizon
                }
            });
        }
    }
};

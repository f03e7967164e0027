import { isAudience, type Audience, type Flow } from '../generated/ast.js';
import type { Applying } from '../model/markets.js';
import { consentOf, IMPLIED_CONSENT_DAYS, IMPLIED_CONSENT_YEARS, mentionsPurchase } from '../model/consent.js';
import { schedule } from '../model/flows.js';
import { durationDays } from '../model/values.js';
import { applying, blockLabel, complianceData, messagingBlocks, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const ID = 'implied-consent-expired';
const YEAR_MINUTES = 525_960;
const INSTEAD = `Ask these buyers for express consent before the two years are up and write 'consent express recorded', or keep to buyers of the last two years ('within ${IMPLIED_CONSENT_YEARS} years').`;

/** An audience of buyers whose purchase may be more than two years old: `within` over two years, or none. */
function lapsedBuyers(audience: Audience): boolean {
    if (!mentionsPurchase(audience.behaviour?.value)) return false;
    if (!audience.within) return true;
    const days = durationDays(audience.within);
    return days !== undefined && days > IMPLIED_CONSENT_DAYS;
}

/**
 * The e-mail or SMS tactics and flows of this file that may message buyers on
 * implied consent more than two years after their purchase: an audience of
 * lapsed buyers reached on implied consent (the block's own `consent`, else
 * that audience's), or a flow triggered by a purchase, on implied consent,
 * with a step more than two years after it.
 */
export const impliedConsentExpired: Rule = {
    id: ID,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'E-mail or SMS to Canadian buyers on implied consent more than two years after their purchase.',
    check(model, report) {
        for (const block of messagingBlocks(model, ['email', 'sms'])) {
            let applies: Applying[] | undefined;
            const lawsHere = () => (applies ??= applying(model, ID, block));
            const label = blockLabel(model, block, true);
            const what = block.channel === 'sms' ? 'texts' : 'mails';
            block.audience.forEach((ref, index) => {
                const audience = ref.ref;
                if (!isAudience(audience) || (block.consent ?? audience.consent)?.kind !== 'implied' || !lapsedBuyers(audience)) return;
                if (lawsHere().length === 0) return;
                const since = audience.within ? `bought within ${audience.within.amount} ${audience.within.unit}` : 'bought at any time (no \'within\')';
                report({
                    node: block,
                    property: 'audience',
                    index,
                    message: `${label} ${what} audience '${audience.name}', people who ${since}, on implied consent: a purchase implies consent for two years only, so for ${underLaw(lawsHere())} the older buyers may no longer be messaged. ${INSTEAD}`,
                    data: complianceData(lawsHere())
                });
            });
            if (block.$type !== 'Flow' || consentOf(block)?.kind !== 'implied') continue;
            const flow = block as Flow;
            if (!mentionsPurchase(flow.trigger?.value)) continue;
            const late = schedule(flow).find(timed => timed.at > IMPLIED_CONSENT_YEARS * YEAR_MINUTES);
            if (!late || lawsHere().length === 0) continue;
            report({
                node: late.step,
                message: `${label} is triggered by a purchase and sends this step ${Math.round(late.at / 1440)} days after it, more than two years later, on implied consent: a purchase implies consent for two years only, so for ${underLaw(lawsHere())} this message may no longer be sent. End the flow within two years of the purchase, or ask for express consent before then and write 'consent express recorded'.`,
                data: complianceData(lawsHere())
            });
        }
    }
};

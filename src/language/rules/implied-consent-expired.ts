import { isAudience, type Audience, type Flow, type Tactic } from '../generated/ast.js';
import { consentOf, IMPLIED_CONSENT_DAYS, IMPLIED_CONSENT_YEARS, mentionsPurchase } from '../model/consent.js';
import { schedule } from '../model/flows.js';
import { durationDays } from '../model/values.js';
import { applying, blockLabel, complianceData, messagingBlocks, underLaw } from './compliance-util.js';
import type { Report, Rule } from './rule.js';

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

function judge(block: Tactic | Flow, label: string, applies: ReturnType<typeof applying>, report: Report): void {
    const what = block.channel === 'sms' ? 'texts' : 'mails';
    block.audience.forEach((ref, index) => {
        const audience = ref.ref;
        if (!isAudience(audience) || !lapsedBuyers(audience)) return;
        const since = audience.within ? `bought within ${audience.within.amount} ${audience.within.unit}` : 'bought at any time (no \'within\')';
        report({
            node: block,
            property: 'audience',
            index,
            message: `${label} ${what} audience '${audience.name}', people who ${since}, on implied consent: a purchase implies consent for two years only, so for ${underLaw(applies)} the older buyers may no longer be messaged. ${INSTEAD}`,
            data: complianceData(applies)
        });
    });
    if (block.$type !== 'Flow') return;
    const flow = block as Flow;
    if (!mentionsPurchase(flow.trigger?.value)) return;
    const late = schedule(flow).find(timed => timed.at > IMPLIED_CONSENT_YEARS * YEAR_MINUTES);
    if (!late) return;
    report({
        node: late.step,
        message: `${label} is triggered by a purchase and sends this step ${Math.round(late.at / 1440)} days after it, more than two years later, on implied consent: a purchase implies consent for two years only, so for ${underLaw(applies)} this message may no longer be sent. End the flow within two years of the purchase, or ask for express consent before then and write 'consent express recorded'.`,
        data: complianceData(applies)
    });
}

export const impliedConsentExpired: Rule = {
    id: ID,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'E-mail or SMS to Canadian buyers on implied consent more than two years after their purchase.',
    check(model, report) {
        for (const block of messagingBlocks(model, ['email', 'sms'])) {
            if (consentOf(block)?.kind !== 'implied') continue;
            const applies = applying(model, ID, block);
            if (applies.length === 0) continue;
            judge(block, blockLabel(model, block, true), applies, report);
        }
    }
};

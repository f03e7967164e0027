import type { Flow, Tactic } from '../generated/ast.js';
import { consentOf, consentSource } from '../model/consent.js';
import { applying, blockLabel, complianceData, messagingBlocks, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const ID = 'sms-without-consent';

export const smsWithoutConsent: Rule = {
    id: ID,
    severity: 'error',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'Marketing texts without the consent the market requires: prior express written consent in the US, consent in Canada, the EU and the UK.',
    check(model, report) {
        for (const block of messagingBlocks(model, ['sms'])) {
            const consent = consentOf(block);
            // The US asks for written consent; Canada, the EU and the UK for consent of any kind (CASL's implied consent, the soft opt-in of a customer).
            const applies = applying(model, ID, block).filter(one => (one.law.jurisdiction === 'US' ? consent?.kind !== 'written' : consent === undefined));
            if (applies.length === 0) continue;
            const us = applies.filter(one => one.law.jurisdiction === 'US');
            const others = applies.filter(one => one.law.jurisdiction !== 'US');
            const source = consent && consentSource(block, consent);
            const index = source ? block.audience.findIndex(ref => ref.ref === source) : -1;
            const on = consent
                ? `on 'consent ${consent.kind}'${source ? ` of audience '${source.name}'` : ''}`
                : 'and states no consent of the people it texts';
            const reasons = [
                ...(us.length > 0 ? [`for ${underLaw(us)} each recipient must first have given prior express written consent (a signed or e-signed agreement naming the sender and the number)`] : []),
                ...(others.length > 0 ? [`for ${underLaw(others)} each recipient must first have consented (express consent, or the implied consent of an existing customer)`] : [])
            ];
            const instead = us.length > 0 ? 'consent written recorded' : 'consent express recorded';
            report({
                ...(consent && !source ? { node: consent } : source && index >= 0 ? { node: block as Tactic | Flow, property: 'audience', index } : { node: block as Tactic | Flow, property: 'channel' }),
                message: `${blockLabel(model, block, true)} sends marketing texts ${on}: ${reasons.join('; ')}. Collect that consent and write '${instead}'.`,
                data: complianceData(applies)
            });
        }
    }
};

// Funnel: the sales process (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { noLeadCapture } from './no-lead-capture.js';
import { leadWithoutConsent } from './lead-without-consent.js';
import { missingUnsubscribe } from './missing-unsubscribe.js';
import { noLeadMagnet } from './no-lead-magnet.js';
import { noConfirmation } from './no-confirmation.js';
import { emailTooFrequent } from './email-too-frequent.js';
import { irregularFollowUp } from './irregular-follow-up.js';
import { followUpWithoutValue } from './follow-up-without-value.js';
import { noCallToAction } from './no-call-to-action.js';
import { noUpsell } from './no-upsell.js';
import { noRepeatBuyerPath } from './no-repeat-buyer-path.js';
import { noClosingStep } from './no-closing-step.js';
import { preCheckedConsent } from './pre-checked-consent.js';
import { missingPostalAddress } from './missing-postal-address.js';
import { funnelUnmeasured } from './funnel-unmeasured.js';
import { funnelUnprofitable } from './funnel-unprofitable.js';

export const FUNNEL_RULES: readonly Rule[] = [
    noLeadCapture,
    leadWithoutConsent,
    missingUnsubscribe,
    noLeadMagnet,
    noConfirmation,
    emailTooFrequent,
    irregularFollowUp,
    followUpWithoutValue,
    noCallToAction,
    noUpsell,
    noRepeatBuyerPath,
    noClosingStep,
    preCheckedConsent,
    missingPostalAddress,
    funnelUnmeasured,
    funnelUnprofitable
];

// Markets and compliance (RULES.md, added with "Real plans, part 3"), in catalogue order.
import type { Rule } from './rule.js';
import { marketUnstated } from './market-unstated.js';
import { consentUnrecorded } from './consent-unrecorded.js';
import { impliedConsentExpired } from './implied-consent-expired.js';
import { smsWithoutConsent } from './sms-without-consent.js';
import { smsQuietHours } from './sms-quiet-hours.js';
import { slowUnsubscribe } from './slow-unsubscribe.js';
import { undisclosedEndorsement } from './undisclosed-endorsement.js';
import { incentivizedReviews } from './incentivized-reviews.js';
import { discountWithoutPriorPrice } from './discount-without-prior-price.js';
import { genericGreenClaim } from './generic-green-claim.js';
import { trackingWithoutConsent } from './tracking-without-consent.js';
import { guaranteeBelowLegalMinimum } from './guarantee-below-legal-minimum.js';

export const COMPLIANCE_RULES: readonly Rule[] = [
    marketUnstated,
    consentUnrecorded,
    impliedConsentExpired,
    smsWithoutConsent,
    smsQuietHours,
    slowUnsubscribe,
    undisclosedEndorsement,
    incentivizedReviews,
    discountWithoutPriorPrice,
    genericGreenClaim,
    trackingWithoutConsent,
    guaranteeBelowLegalMinimum
];

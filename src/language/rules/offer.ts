// Offer and trust: closing the deal (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { missingGuarantee } from './missing-guarantee.js';
import { weakGuarantee } from './weak-guarantee.js';
import { noFreeOffer } from './no-free-offer.js';
import { fewPaymentOptions } from './few-payment-options.js';
import { noSecurityAssurance } from './no-security-assurance.js';

export const OFFER_RULES: readonly Rule[] = [missingGuarantee, weakGuarantee, noFreeOffer, fewPaymentOptions, noSecurityAssurance];

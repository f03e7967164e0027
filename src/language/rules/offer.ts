// Offer and trust: closing the deal (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { missingGuarantee } from './missing-guarantee.js';

export const OFFER_RULES: readonly Rule[] = [missingGuarantee];

// Revenue and metrics (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { ltvBelowCac } from './ltv-below-cac.js';
import { cacPaybackTooLong } from './cac-payback-too-long.js';

export const REVENUE_RULES: readonly Rule[] = [
    ltvBelowCac,
    cacPaybackTooLong
];

// Campaign: budget, staff, schedule (RULES.md), in catalogue order.
import type { Rule } from './rule.js';

export const CAMPAIGN_RULES: readonly Rule[] = [];

// Funnel: the sales process (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { noRepeatBuyerPath } from './no-repeat-buyer-path.js';

export const FUNNEL_RULES: readonly Rule[] = [noRepeatBuyerPath];

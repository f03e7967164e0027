// Market: who buys (RULES.md "Market — who buys"), in catalogue order.
import type { Rule } from './rule.js';

export const MARKET_RULES: readonly Rule[] = [];

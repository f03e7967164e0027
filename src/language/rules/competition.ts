// Competition, then research and product (RULES.md), in catalogue order.
import type { Rule } from './rule.js';

export const COMPETITION_RULES: readonly Rule[] = [];

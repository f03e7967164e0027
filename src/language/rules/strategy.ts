// Strategy and tactics (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { tacticWithoutStrategy } from './tactic-without-strategy.js';

export const STRATEGY_RULES: readonly Rule[] = [tacticWithoutStrategy];

// Funnel: follow-up, closing and the economics of the funnel (RULES.md). Merged into the
// funnel list in catalogue order.
import type { Rule } from './rule.js';

export const FUNNEL_FOLLOWUP_RULES: readonly Rule[] = [];

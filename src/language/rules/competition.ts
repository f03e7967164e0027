// Competition, then research and product (RULES.md), in catalogue order.
import type { Rule } from './rule.js';
import { noCompetitors } from './no-competitors.js';
import { competitorUnassessed } from './competitor-unassessed.js';
import { noDifferentiation } from './no-differentiation.js';
import { noMarketResearch } from './no-market-research.js';
import { productWithoutBenefits } from './product-without-benefits.js';
import { unmitigatedDrawback } from './unmitigated-drawback.js';
import { unfocusedPlan } from './unfocused-plan.js';

export const COMPETITION_RULES: readonly Rule[] = [
    noCompetitors,
    competitorUnassessed,
    noDifferentiation,
    noMarketResearch,
    productWithoutBenefits,
    unmitigatedDrawback,
    unfocusedPlan
];

// Revenue and metrics (RULES.md), in catalogue order. The unit economics
// rules' area (the report's readiness) is 'funnel', whose projection they
// judge; the objective rules' is 'strategy', where objectives are written.
import type { Rule } from './rule.js';
import { ltvBelowCac } from './ltv-below-cac.js';
import { cacPaybackTooLong } from './cac-payback-too-long.js';
import { objectiveUnreachable } from './objective-unreachable.js';
import { kpiWithoutOwner } from './kpi-without-owner.js';

export const METRICS_RULES: readonly Rule[] = [
    ltvBelowCac,
    cacPaybackTooLong,
    objectiveUnreachable,
    kpiWithoutOwner
];

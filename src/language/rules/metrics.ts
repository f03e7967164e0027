// Revenue and metrics (RULES.md), in catalogue order: ltv-below-cac and
// cac-payback-too-long come first. The objective rules' area (the report's
// readiness) is 'strategy', where objectives are written.
import type { Rule } from './rule.js';
import { objectiveUnreachable } from './objective-unreachable.js';
import { kpiWithoutOwner } from './kpi-without-owner.js';

export const METRICS_RULES: readonly Rule[] = [
    objectiveUnreachable,
    kpiWithoutOwner
];

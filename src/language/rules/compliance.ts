// Markets and compliance (RULES.md, added with "Real plans, part 3"), in catalogue order.
import type { Rule } from './rule.js';
import { marketUnstated } from './market-unstated.js';

export const COMPLIANCE_RULES: readonly Rule[] = [
    marketUnstated
];

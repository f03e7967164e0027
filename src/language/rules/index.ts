/**
 * The rule registry: the only list of mplan's rules, composed of one list per
 * area of RULES.md, in the catalogue's order. The CLI (`mplan rules`,
 * `mplan explain`), the language server and the docs all read it; ids follow
 * RULES.md exactly and are never renamed.
 */
import type { Rule } from './rule.js';
import { LANGUAGE_RULES } from './language.js';
import { MARKET_RULES } from './market.js';
import { COMPETITION_RULES } from './competition.js';
import { OFFER_RULES } from './offer.js';
import { STRATEGY_RULES } from './strategy.js';
import { CAMPAIGN_RULES } from './campaign.js';
import { FUNNEL_RULES } from './funnel.js';
import { METRICS_RULES } from './metrics.js';
import { CHANNEL_RULES } from './channels.js';
import { COMPLIANCE_RULES } from './compliance.js';

export const RULES: readonly Rule[] = Object.freeze([
    ...LANGUAGE_RULES,
    ...MARKET_RULES,
    ...COMPETITION_RULES,
    ...OFFER_RULES,
    ...STRATEGY_RULES,
    ...CAMPAIGN_RULES,
    ...FUNNEL_RULES,
    ...METRICS_RULES,
    ...CHANNEL_RULES,
    ...COMPLIANCE_RULES
]);

const BY_ID = new Map(RULES.map(rule => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
    return BY_ID.get(id);
}

export type { Rule, Severity, Area, Finding, Report, Fix, FixContext } from './rule.js';

/**
 * The rule registry: the only list of mplan's rules. The CLI (`mplan rules`,
 * `mplan explain`), the language server and the docs all read it; ids follow
 * RULES.md exactly and are never renamed.
 */
import type { Rule } from './rule.js';
import { syntaxError } from './syntax-error.js';
import { unresolvedReference } from './unresolved-reference.js';
import { duplicateName } from './duplicate-name.js';
import { invalidDate } from './invalid-date.js';
import { invalidRange } from './invalid-range.js';
import { currencyMismatch } from './currency-mismatch.js';
import { unresolvedImport } from './unresolved-import.js';
import { importCycle } from './import-cycle.js';
import { missingGuarantee } from './missing-guarantee.js';
import { tacticWithoutStrategy } from './tactic-without-strategy.js';
import { noRepeatBuyerPath } from './no-repeat-buyer-path.js';

export const RULES: readonly Rule[] = Object.freeze([
    // language level
    syntaxError,
    unresolvedReference,
    duplicateName,
    invalidDate,
    invalidRange,
    currencyMismatch,
    unresolvedImport,
    importCycle,
    // offer and trust
    missingGuarantee,
    // strategy and tactics
    tacticWithoutStrategy,
    // funnel
    noRepeatBuyerPath
]);

const BY_ID = new Map(RULES.map(rule => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
    return BY_ID.get(id);
}

export type { Rule, Severity, Area, Finding, Report } from './rule.js';

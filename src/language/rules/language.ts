// The language-level rules: not marketing judgements, but still stable ids (RULES.md).
import type { Rule } from './rule.js';
import { syntaxError } from './syntax-error.js';
import { unresolvedReference } from './unresolved-reference.js';
import { duplicateName } from './duplicate-name.js';
import { invalidDate } from './invalid-date.js';
import { invalidRange } from './invalid-range.js';
import { currencyMismatch } from './currency-mismatch.js';
import { unresolvedImport } from './unresolved-import.js';
import { importCycle } from './import-cycle.js';
import { unusedSuppression } from './unused-suppression.js';

export const LANGUAGE_RULES: readonly Rule[] = [
    syntaxError, unresolvedReference, duplicateName, invalidDate, invalidRange, currencyMismatch, unresolvedImport, importCycle,
    unusedSuppression
];

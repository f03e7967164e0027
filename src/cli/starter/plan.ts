/** The starter plan `mplan init` writes; it lives in the language core, which the extension's New Plan command shares. */
export { starterDates, starterPlan, type StarterDates } from '../../language/starter-plan.js';

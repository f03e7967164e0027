import type { PlanModel } from '../model/plan-model.js';
import type { Finding, Rule } from './rule.js';

/** A finding together with the rule that made it. */
export interface RuleFinding extends Finding {
    rule: Rule;
}

/**
 * Runs every rule that applies to the model's file and collects its findings.
 * A rule that throws does not stop the others: its failure becomes one
 * finding of that rule, so a bug in one rule never hides the rest.
 */
export function runRules(model: PlanModel, rules: readonly Rule[]): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const rule of rules) {
        if (rule.scope === 'plan' && !model.isPlan) continue;
        try {
            rule.check(model, finding => findings.push({ ...finding, rule }));
        } catch (error) {
            findings.push({
                rule,
                node: model.root,
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                message: `mplan could not run the rule '${rule.id}' on this file (${error instanceof Error ? error.message : String(error)}). This is a bug in mplan; the other rules still ran.`,
                data: { internalError: true }
            });
        }
    }
    return findings;
}

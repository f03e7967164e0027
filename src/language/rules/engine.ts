import { getDiagnosticRange } from 'langium';
import { ruleLevel } from '../config/settings.js';
import type { PlanModel } from '../model/plan-model.js';
import { inBlockWithSyntaxError } from '../model/syntax-damage.js';
import type { Finding, Rule, Severity, SuppressionUsage } from './rule.js';
import { parseSuppressions, type Suppression } from './suppressions.js';

/** A finding together with the rule that made it and the level it is reported at. */
export interface RuleFinding extends Finding {
    rule: Rule;
    level: Severity;
}

/**
 * Runs every rule that applies to the model's file at the level the settings
 * give it (rules set to off do not run), drops the findings that suppression
 * comments silence, then lets rules with a review phase (unused-suppression)
 * judge what was silenced. A rule that reports missing facts is not heard on
 * a block whose text holds a syntax error: error recovery may have dropped
 * the very fact it misses (model/syntax-damage.ts). A rule that throws does not stop the others: its
 * failure becomes one finding of that rule, so a bug in one rule never hides
 * the rest.
 */
export function runRules(model: PlanModel, rules: readonly Rule[], onError?: (rule: Rule, error: unknown) => void): RuleFinding[] {
    const settings = model.settings;
    const findings: RuleFinding[] = [];
    const guarded = (rule: Rule, level: Severity, run: (report: (finding: Finding) => void) => void): void => {
        try {
            run(finding => {
                if (rule.reportsMissingFacts && inBlockWithSyntaxError(finding.node)) return;
                findings.push({ ...finding, rule, level });
            });
        } catch (error) {
            onError?.(rule, error);
            findings.push({
                rule,
                level,
                node: model.root,
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                message: `mplan could not run the rule '${rule.id}' on this file (${error instanceof Error ? error.message : String(error)}). This is a bug in mplan; the other rules still ran.`,
                data: { internalError: true }
            });
        }
    };
    for (const rule of rules) {
        const level = ruleLevel(rule, settings);
        if (level === 'off' || (rule.scope === 'plan' && !model.isPlan)) continue;
        guarded(rule, level, report => rule.check(model, report));
    }
    const suppressions = parseSuppressions(model.document.textDocument.getText());
    if (suppressions.length === 0) return findings;
    const used = new Map<Suppression, Set<string>>();
    const kept = findings.filter(finding => {
        // The line the diagnostic is shown on (a finding on a property is shown at the property, not at its block).
        const line = getDiagnosticRange(finding).start.line;
        for (const suppression of suppressions) {
            if (suppression.kind === 'next-line' && suppression.line !== line) continue;
            if (!suppression.ids.some(entry => entry.id === finding.rule.id)) continue;
            const set = used.get(suppression) ?? new Set<string>();
            set.add(finding.rule.id);
            used.set(suppression, set);
            return false;
        }
        return true;
    });
    const known = new Map(rules.map(rule => [rule.id, rule]));
    const usage: SuppressionUsage = {
        suppressions,
        used,
        isKnown: id => known.has(id),
        isActive: id => {
            const rule = known.get(id);
            return rule !== undefined && ruleLevel(rule, settings) !== 'off' && (rule.scope === 'file' || model.isPlan);
        }
    };
    for (const rule of rules) {
        const level = ruleLevel(rule, settings);
        if (!rule.review || level === 'off') continue;
        const start = findings.length;
        guarded(rule, level, report => rule.review!(model, usage, report));
        kept.push(...findings.slice(start));
    }
    return kept;
}

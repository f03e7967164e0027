import { RULES } from '../language/rules/index.js';
import type { CommandResult } from './results.js';
import { ruleExplanation } from '../host/rule-docs.js';

/** The registry as `mplan rules --format json` lists it (and `mplan mcp`'s list_rules): id, severity, area, description. */
export function ruleList(): Array<{ id: string; severity: string; area: string; description: string }> {
    return RULES.map(({ id, severity, area, description }) => ({ id, severity, area, description }));
}

/** `mplan rules`: the registry, as a table or as JSON (id, severity, area, description). */
export function listRules(format: 'stylish' | 'json'): CommandResult {
    if (format === 'json') {
        const rules = ruleList();
        return { stdout: JSON.stringify(rules, null, 2) + '\n', stderr: '', exitCode: 0 };
    }
    const width = Math.max(...RULES.map(rule => rule.id.length));
    const lines = RULES.map(rule => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.description}`);
    return { stdout: lines.join('\n') + '\n', stderr: '', exitCode: 0 };
}

/** `mplan explain RULE`: what a rule checks and why. */
export function explainRule(id: string | undefined): CommandResult {
    if (!id) return { stdout: '', stderr: 'mplan: explain needs a rule id, e.g. mplan explain missing-guarantee (mplan rules lists them)\n', exitCode: 2 };
    const text = ruleExplanation(id);
    if (text === undefined) return { stdout: '', stderr: `mplan: no rule '${id}' (mplan rules lists them)\n`, exitCode: 2 };
    return { stdout: text, stderr: '', exitCode: 0 };
}

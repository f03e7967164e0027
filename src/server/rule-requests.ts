import type { Connection } from 'vscode-languageserver';
import { RULES } from '../language/rules/index.js';
import { ruleExplanation } from '../host/rule-docs.js';

/** One rule as `mplan/rules` lists it. */
export interface RuleSummary {
    id: string;
    severity: string;
    area: string;
    description: string;
}

/**
 * Requests for clients that show the catalogue (the VS Code extension's
 * "Explain Rule"): `mplan/rules` lists the registry, `mplan/explainRule`
 * answers the same Markdown as `mplan explain RULE` (null for an unknown id).
 */
export function addRuleRequests(connection: Connection): void {
    connection.onRequest('mplan/rules', (): RuleSummary[] =>
        RULES.map(({ id, severity, area, description }) => ({ id, severity, area, description })));
    connection.onRequest('mplan/explainRule', (params: { id?: unknown }): string | null => {
        const id = typeof params?.id === 'string' ? params.id : undefined;
        return id ? ruleExplanation(id) ?? null : null;
    });
}

// Helpers the objective rules share (objective-not-measurable, objective-unreachable, kpi-without-owner).
import { GrammarUtils } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { Objective, Strategy } from '../generated/ast.js';

function quoted(text: string): string {
    return `"${text.length > 60 ? text.slice(0, 57).trimEnd() + '…' : text}"`;
}

/**
 * How a message names an objective or KPI: `Objective "Paying accounts" of
 * strategy 'SelfServe'`, `KPI "Churn" of …`, or `An objective of strategy
 * 'SelfServe'` when it has no text.
 */
export function objectiveName(objective: Objective, strategy: Strategy): string {
    const kind = objective.kind === 'kpi' ? 'KPI' : 'Objective';
    const text = objective.text?.trim();
    // A strategy still being typed may have no name yet.
    const of = strategy.name ? `of strategy '${strategy.name}'` : 'of a strategy';
    if (text) return `${kind} ${quoted(text)} ${of}`;
    return `${objective.kind === 'kpi' ? 'A KPI' : 'An objective'} ${of}`;
}

/** The objective's properties that make up its target, after the `target` keyword. */
const TARGET_PARTS = ['target', 'targetHigh', 'percent', 'ratio', 'currency', 'targetPer'];

/** The range of an objective's target: from the `target` keyword to its last word (`target at least 20_000 USD per month`). */
export function targetRange(objective: Objective): Range | undefined {
    const cst = objective.$cstNode;
    const keyword = GrammarUtils.findNodeForKeyword(cst, 'target');
    if (!keyword) return undefined;
    let end = keyword.range.end;
    for (const part of TARGET_PARTS) {
        const node = GrammarUtils.findNodeForProperty(cst, part);
        if (!node || node.offset < keyword.offset) continue;
        const at = node.range.end;
        if (at.line > end.line || (at.line === end.line && at.character > end.character)) end = at;
    }
    return { start: keyword.range.start, end };
}

/** A metric word as a message writes it: `active_subscribers` as "active subscribers", acronyms in capitals (CAC, ROAS). */
export function metricWords(metric: string): string {
    return metric.split('_').filter(Boolean)
        .map(word => /^(cac|cpa|roas|ltv|clv|mrr|arr)$/i.test(word) ? word.toUpperCase() : word)
        .join(' ');
}

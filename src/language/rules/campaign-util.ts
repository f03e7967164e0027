/**
 * Helpers shared by the campaign rules (budget, staff, schedule): the currency
 * a plan sums money in, and finding the campaign a finding was reported in.
 * Periods as days are facts of the model (model/periods.ts).
 */
import type { Range } from 'vscode-languageserver-types';
import type { Campaign } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';

/**
 * The currency the plan sums money in, judged in the plan's context: for a
 * plan file its currency; for a library, the currency declared by the plans
 * that import it when they agree, else the library's own first amount's.
 */
export function planCurrency(model: PlanModel): string | undefined {
    return declaredPlanCurrency(model) ?? model.currency?.code;
}

/** The currency of the plans importing a library, when they declare one and agree; for a plan file, its currency. */
export function declaredPlanCurrency(model: PlanModel): string | undefined {
    if (model.isPlan) return model.currency?.code;
    const declared = new Set(model.reach.plans.map(plan => plan.currency).filter((code): code is string => !!code));
    return declared.size === 1 ? [...declared][0] : undefined;
}

/** The campaign of this file whose text contains the start of `range`. */
export function campaignAt(model: PlanModel, range: Range): Campaign | undefined {
    const { line, character } = range.start;
    return model.own.campaigns.find(campaign => {
        const cst = campaign.$cstNode?.range;
        if (!cst) return false;
        const afterStart = line > cst.start.line || (line === cst.start.line && character >= cst.start.character);
        const beforeEnd = line < cst.end.line || (line === cst.end.line && character <= cst.end.character);
        return afterStart && beforeEnd;
    });
}

import type { Campaign } from '../generated/ast.js';
import { tacticsRun } from '../model/plan-model.js';
import { blockNamedAt, insertFact } from './edits.js';
import type { Rule } from './rule.js';
import type { DayRange } from '../model/values.js';
import { isoDay, monthsLater, periodOf } from '../model/periods.js';

/** From the earliest start to the latest end of the campaign's tactics that have a period. */
function tacticSpan(campaign: Campaign): DayRange | undefined {
    let span: DayRange | undefined;
    for (const tactic of tacticsRun(campaign)) {
        const period = periodOf(tactic);
        if (!period) continue;
        span = span ? { start: Math.min(span.start, period.start), end: Math.max(span.end, period.end) } : { ...period };
    }
    return span;
}

export const campaignWithoutSchedule: Rule = {
    id: 'campaign-without-schedule',
    severity: 'warning',
    area: 'campaign',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001 (what will be the schedule?)',
    description: 'A campaign with no period (no start and end date).',
    check(model, report) {
        for (const campaign of model.own.campaigns) {
            if (campaign.period) continue;
            const span = tacticSpan(campaign);
            const hint = span ? ` Its tactics run from ${isoDay(span.start)} to ${isoDay(span.end)}.` : '';
            report({
                node: campaign,
                property: 'name',
                message: `Campaign '${campaign.name}' has no schedule: without dates nobody can plan the work, book the people or tell when it is over. Add 'from START to END'.${hint}`
            });
        }
    },
    fixKinds: ['safe', 'suggestion'],
    fix(model, finding) {
        const campaign = blockNamedAt(model.own.campaigns, finding.range);
        if (!campaign || campaign.period) return [];
        const span = tacticSpan(campaign);
        const period = span ?? { start: model.asOf, end: monthsLater(model.asOf, 3) };
        const fact = `from ${isoDay(period.start)} to ${isoDay(period.end)}`;
        const edit = insertFact(model, campaign, fact);
        if (!edit) return [];
        // The tactics' own dates are the plan's; three months from today are not.
        return span
            ? [{ title: `Add the period of its tactics ('${fact}')`, kind: 'safe', edits: [edit], preferred: true }]
            : [{ title: `Add a placeholder period of three months ('${fact}'), to replace with the real dates`, kind: 'suggestion', edits: [edit] }];
    }
};

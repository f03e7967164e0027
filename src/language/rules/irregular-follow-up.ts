import type { FollowUp } from '../generated/ast.js';
import { cadencePerWeek } from '../model/values.js';
import { cadenceText } from './funnel-followup-util.js';
import type { Rule } from './rule.js';

/**
 * Whether a follow-up's cadence leaves room for one fixed weekday: weekly or
 * less often (or a cadence that cannot be told). A follow-up sent several
 * times a week cannot name one day (`on` takes a single weekday), so only its
 * hour is asked for.
 */
function needsDay(followUp: FollowUp): boolean {
    const perWeek = cadencePerWeek(followUp.cadence);
    return perWeek === undefined || perWeek <= 1;
}

export const irregularFollowUp: Rule = {
    id: 'irregular-follow-up',
    severity: 'info',
    area: 'funnel',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #2',
    description: 'A follow-up message with no fixed day (weekly or less often) or no fixed time.',
    check(model, report) {
        for (const funnel of model.own.funnels) {
            for (const followUp of funnel.followUps) {
                const missing: Array<'day' | 'time'> = [];
                if (!followUp.day && needsDay(followUp)) missing.push('day');
                if (!followUp.time) missing.push('time');
                if (missing.length === 0) continue;
                const cadence = cadenceText(followUp.cadence) ?? '';
                const what = missing.length === 2 ? 'no fixed day and time' : `no fixed ${missing[0]}`;
                const add = missing.length === 2 ? `'on tuesday at 10:00'` : missing[0] === 'day' ? `a day ('on tuesday')` : `an hour ('at 10:00')`;
                report({
                    node: followUp,
                    message: `The follow-up sent ${cadence} has ${what}: send it ${missing.length === 2 ? 'on the same day, at the same hour,' : missing[0] === 'day' ? 'on the same day' : 'at the same hour'} each time, so readers learn when to expect it and the autoresponder can queue it. Add ${add}, whatever suits your readers.`,
                    data: { missing }
                });
            }
        }
    }
};

import { GrammarUtils } from 'langium';
import { dayNumber } from '../model/values.js';
import { insertFact } from './edits.js';
import { campaignAt } from './campaign-util.js';
import type { Rule } from './rule.js';
import { isoDay, periodOf } from '../model/periods.js';

/** How long after its end a campaign is reviewed, in days. */
const REVIEW_AFTER = 14;

/**
 * The review day to suggest, two weeks after the end: only a day the plan
 * can write (YYYY-MM-DD); two weeks after 9999-12-20 is not one.
 */
function suggestedReview(end: number): string | undefined {
    const day = isoDay(end + REVIEW_AFTER);
    return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

export const noReview: Rule = {
    id: 'no-review',
    severity: 'warning',
    area: 'campaign',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001 (when the campaign is over, do a comprehensive review)',
    description: 'A campaign with no review after it ends, or with a review dated before its end.',
    check(model, report) {
        for (const campaign of model.own.campaigns) {
            const period = periodOf(campaign);
            const suggested = period ? suggestedReview(period.end) : undefined;
            if (!campaign.review) {
                report({
                    node: campaign,
                    property: 'name',
                    message: `Campaign '${campaign.name}' has no review: when it is over, note what went wrong and what went well, so that the next campaign starts from it. Add 'review on ${suggested ?? 'DATE'}'${suggested ? ', two weeks after it ends' : ' after it ends'}.`,
                    data: suggested ? { suggested } : undefined
                });
                continue;
            }
            const review = dayNumber(campaign.review);
            if (!period || review === undefined || review >= period.end) continue;
            report({
                node: campaign,
                property: 'review',
                message: `Campaign '${campaign.name}' is reviewed on ${campaign.review}, before it ends on ${campaign.period!.end}: a review looks back at the whole campaign. Move it after the end${suggested ? `, e.g. to ${suggested}` : ''}.`,
                data: { suggested }
            });
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const campaign = campaignAt(model, finding.range);
        const period = campaign && periodOf(campaign);
        const date = period && suggestedReview(period.end);
        if (!campaign || !date) return [];
        const title = `Review the campaign on ${date}, two weeks after it ends (check the date)`;
        const written = GrammarUtils.findNodeForProperty(campaign.$cstNode, 'review');
        if (written) return [{ title, kind: 'suggestion', edits: [{ range: written.range, newText: date }] }];
        const edit = insertFact(model, campaign, `review on ${date}`);
        return edit ? [{ title, kind: 'suggestion', edits: [edit] }] : [];
    }
};

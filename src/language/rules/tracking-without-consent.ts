import { isAudience, type Tactic } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import { applying, complianceData, underLaw } from './compliance-util.js';
import type { Rule } from './rule.js';

const RULE = 'tracking-without-consent';

/** Paid online channels that can aim ads at a behavioural audience (a pixel's or a cookie's list). */
const AUDIENCE_AD_CHANNELS = new Set(['ppc', 'display', 'social', 'video']);

function stated(text: string | undefined): boolean {
    return text !== undefined && text.trim() !== '';
}

/** Whether the tactic, or a plan it takes part in, says how consent to tracking is taken. */
function consentStated(model: PlanModel, tactic: Tactic): boolean {
    return stated(tactic.trackingConsent) || model.reach.plans.some(plan => stated(plan.trackingConsent));
}

/** Where a tactic tracks people, and how it reads; undefined when it does not. */
function trackingOf(tactic: Tactic): { property: 'channel' | 'audience'; index?: number; text: string } | undefined {
    if (tactic.channel === 'retargeting') return { property: 'channel', text: 'shows ads to people by what they did on your site (channel retargeting)' };
    if (!tactic.channel || !AUDIENCE_AD_CHANNELS.has(tactic.channel)) return undefined;
    const index = tactic.audience.findIndex(ref => isAudience(ref.ref));
    if (index < 0) return undefined;
    return { property: 'audience', index, text: `aims ${tactic.channel} ads at the behavioural audience '${tactic.audience[index].$refText}'` };
}

export const trackingWithoutConsent: Rule = {
    id: RULE,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'Retargeting, or ads aimed at a behavioural audience, with no word on how visitors consent to being tracked.',
    check(model, report) {
        for (const tactic of model.own.tactics) {
            const tracking = trackingOf(tactic);
            if (!tracking || consentStated(model, tactic)) continue;
            const applies = applying(model, RULE, tactic);
            if (applies.length === 0) continue;
            report({
                node: tactic,
                property: tracking.property,
                index: tracking.index,
                message: `Tactic '${tactic.name}' ${tracking.text}, but neither it nor the plan says how visitors consent to the tracking this needs. Cookies and pixels that are not strictly needed may be set only after the visitor agrees: ${underLaw(applies)}. Add 'tracking consent "…"' to the plan (or to this tactic), such as 'tracking consent "Cookie banner: pixels fire only after opt-in"'.`,
                data: complianceData(applies)
            });
        }
    }
};

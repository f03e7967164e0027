import type { Tactic } from '../generated/ast.js';
import { formatMoney } from '../model/values.js';
import { applying, complianceData, underLaw } from './compliance-util.js';
import { blockNamedAt, insertFact } from './edits.js';
import type { Rule } from './rule.js';

const RULE = 'undisclosed-endorsement';

/** Channels where a `fee` pays someone else's voice: a sponsored post, video, episode or article. */
const SPONSORED_CHANNELS = new Set(['social', 'video', 'podcast', 'blog']);

/** What makes a tactic a paid endorsement, in words; undefined when it is not one. */
export function endorsementOf(tactic: Tactic): { code: 'influencer' | 'affiliate' | 'reward' | 'fee'; text: string } | undefined {
    if (tactic.channel === 'influencer') return { code: 'influencer', text: 'pays creators to speak for you (channel influencer)' };
    if (tactic.channel === 'affiliate') return { code: 'affiliate', text: 'pays affiliates to recommend you (channel affiliate)' };
    if (tactic.reward !== undefined) return { code: 'reward', text: `rewards the people who review you (reward "${tactic.reward}")` };
    if (tactic.fee && tactic.channel && SPONSORED_CHANNELS.has(tactic.channel)) {
        return { code: 'fee', text: `pays ${formatMoney(tactic.fee)} for ${tactic.channel} content by others (a sponsored creator)` };
    }
    return undefined;
}

function disclosed(tactic: Tactic): boolean {
    return tactic.disclosure !== undefined && tactic.disclosure.trim() !== '';
}

export const undisclosedEndorsement: Rule = {
    id: RULE,
    severity: 'error',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'A paid endorsement (influencers, affiliates, rewarded reviews, sponsored posts) that states no disclosure of the payment.',
    check(model, report) {
        for (const tactic of model.own.tactics) {
            if (disclosed(tactic)) continue;
            const endorsement = endorsementOf(tactic);
            if (!endorsement) continue;
            const applies = applying(model, RULE, tactic);
            if (applies.length === 0) continue;
            report({
                node: tactic,
                property: 'name',
                message: `Tactic '${tactic.name}' ${endorsement.text} but states no disclosure. Whoever is paid or rewarded must say so plainly where people see the endorsement: ${underLaw(applies)}. Add 'disclosure "…"' with how each post shows it, such as 'disclosure "#ad in the first line of every post"'.`,
                data: { ...complianceData(applies), endorsement: endorsement.code }
            });
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const tactic = blockNamedAt(model.own.tactics, finding.range);
        if (!tactic || disclosed(tactic)) return [];
        const edit = insertFact(model, tactic, 'disclosure "#ad"');
        if (!edit) return [];
        return [{ title: `Add 'disclosure "#ad"' (check that it says how and where every endorsement shows the payment)`, kind: 'suggestion', edits: [edit] }];
    }
};

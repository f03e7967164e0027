import { PUBLISHING_CHANNELS } from '../model/channels.js';
import { blockNamedAt, insertFact } from './edits.js';
import type { Rule } from './rule.js';

export const contentWithoutCadence: Rule = {
    id: 'content-without-cadence',
    severity: 'info',
    area: 'strategy',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #2',
    description: 'A content, blog, social, video or podcast tactic with no publishing cadence (\'publish …\').',
    check(model, report) {
        for (const tactic of model.own.tactics) {
            if (!tactic.channel || !PUBLISHING_CHANNELS.has(tactic.channel) || tactic.cadence) continue;
            // Social with a budget is advertising, which runs rather than being published on a day.
            if (tactic.channel === 'social' && tactic.budget) continue;
            report({
                node: tactic,
                property: 'name',
                message: `Tactic '${tactic.name}' publishes ${tactic.channel === 'social' ? 'posts' : tactic.channel === 'podcast' ? 'episodes' : tactic.channel === 'video' ? 'videos' : 'articles'} with no cadence: an audience comes back for what arrives on the same day every week, and a channel fed when there is time goes quiet. Say how often with 'publish weekly' (or 'publish every 2 weeks', '3 times per week').`,
                data: { channel: tactic.channel }
            });
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const tactic = blockNamedAt(model.own.tactics, finding.range);
        if (!tactic) return [];
        const edit = insertFact(model, tactic, 'publish weekly');
        return edit ? [{ title: "Add 'publish weekly' (check that you can keep it up)", kind: 'suggestion', edits: [edit] }] : [];
    }
};

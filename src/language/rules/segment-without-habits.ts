import { isOnline } from '../model/channels.js';
import { tacticsReaching } from './market-util.js';
import type { Rule } from './rule.js';
import { habitsUnknown } from '../model/habits.js';
import { someNames } from '../wording.js';

export const segmentWithoutHabits: Rule = {
    id: 'segment-without-habits',
    severity: 'warning',
    area: 'market',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '004 #2',
    description: 'A segment reached by online tactics whose online habits (search engines, sites, communities, hours, tools) are not stated.',
    check(model, report) {
        const unknown = model.own.segments.filter(s => s.name && habitsUnknown(s));
        if (unknown.length === 0) return;
        const online = tacticsReaching(model, tactic => isOnline(tactic.channel));
        for (const segment of unknown) {
            const tactics = online.get(segment);
            if (!tactics) continue;
            const empty = segment.habits !== undefined;
            report({
                node: segment,
                property: empty ? 'habits' : 'name',
                message: `Segment '${segment.name}' is reached by online tactics (${someNames(tactics.map(t => t.name))}), but its ${empty ? 'habits block is empty' : 'online habits are not stated'}: without knowing which search engines, sites and communities they use and when they are online, the tactics are aimed blind. Add 'habits { search … social … sites … online … }'.`,
                related: tactics.map(t => ({ node: t, message: `online tactic '${t.name}' (${t.channel}) aimed at '${segment.name}'` })),
                data: { segment: segment.name, tactics: tactics.map(t => t.name) }
            });
        }
    }
};

import { isOnline } from '../model/channels.js';
import { aimsByAudience, segmentsReachedBy } from './market-util.js';
import type { Rule } from './rule.js';
import { listed } from '../wording.js';

export const offlineSegmentOnlineSale: Rule = {
    id: 'offline-segment-online-sale',
    severity: 'warning',
    area: 'market',
    scope: 'file',
    basis: '000 #3',
    description: 'An online tactic aimed at a segment declared to shop offline.',
    check(model, report) {
        for (const tactic of model.own.tactics) {
            if (!isOnline(tactic.channel)) continue;
            const offline = segmentsReachedBy(tactic).filter(s => s.shops === 'offline');
            if (offline.length === 0) continue;
            const names = listed(offline.map(s => `'${s.name}'`));
            const hint = aimsByAudience(tactic)
                ? 'Reach them through an offline channel, or aim this tactic at a segment that shops online.'
                : `It reaches them through the strategies it serves: add 'audience' with the segments that shop online, or reach them through an offline channel.`;
            report({
                node: tactic,
                property: 'channel',
                message: `Tactic '${tactic.name}' sells online (${tactic.channel}) to ${offline.length > 1 ? 'segments' : 'segment'} ${names}, who shop offline: buyers unwilling to purchase on the internet will not complete an online sale. ${hint}`,
                related: offline.map(s => ({ node: s, message: `segment '${s.name}' shops offline` })),
                data: { segments: offline.map(s => s.name) }
            });
        }
    }
};

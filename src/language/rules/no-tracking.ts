import { GrammarUtils } from 'langium';
import type { Campaign } from '../generated/ast.js';
import { insertFact } from './edits.js';
import { campaignAt } from './campaign-util.js';
import type { Rule } from './rule.js';
import { listed } from '../wording.js';

/** Words that measure sales, and words that measure customer satisfaction (any part of a metric name, case-insensitive). */
export const SALES_WORDS: ReadonlySet<string> = new Set(['sales', 'sale', 'revenue', 'revenues', 'orders', 'order', 'purchases', 'turnover', 'units']);
export const SATISFACTION_WORDS: ReadonlySet<string> = new Set(['satisfaction', 'csat', 'nps', 'reviews', 'ratings', 'rating', 'feedback', 'complaints']);

type Aspect = 'sales' | 'satisfaction';

/** Whether a tracked metric ("sales", "repeat_orders", "customer-satisfaction") measures one of the words. */
function measures(metric: string, words: ReadonlySet<string>): boolean {
    return metric.toLowerCase().split(/[_-]+/).some(part => words.has(part));
}

/** What a campaign does not track of sales and satisfaction. */
export function untracked(campaign: Campaign): Aspect[] {
    const missing: Aspect[] = [];
    if (!campaign.tracks.some(t => measures(t, SALES_WORDS))) missing.push('sales');
    if (!campaign.tracks.some(t => measures(t, SATISFACTION_WORDS))) missing.push('satisfaction');
    return missing;
}

export const noTracking: Rule = {
    id: 'no-tracking',
    severity: 'warning',
    area: 'campaign',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001 (follow your results: sales and consumer satisfaction)',
    description: 'A campaign that does not track both its sales and its customers\' satisfaction.',
    check(model, report) {
        for (const campaign of model.own.campaigns) {
            const missing = untracked(campaign);
            if (missing.length === 0) continue;
            const what = missing.map(m => (m === 'sales' ? 'sales' : 'customer satisfaction')).join(' or ');
            const tracked = campaign.tracks.filter(Boolean);
            const message = tracked.length === 0
                ? `Campaign '${campaign.name}' tracks nothing: follow at least its sales and its customers' satisfaction, the two figures that tell you how to refine the strategy. Add 'track ${missing.join(', ')}'.`
                : `Campaign '${campaign.name}' tracks ${listed(tracked.length > 4 ? [...tracked.slice(0, 3), `${tracked.length - 3} more`] : tracked)} but not ${what}: sales and satisfaction are the figures that tell you how to refine the strategy. Add ${listed(missing.map(m => `'${m}'`))} to 'track'.`;
            report({
                node: campaign,
                ...(tracked.length > 0 ? { keyword: 'track' } : { property: 'name' }),
                message,
                data: { missing }
            });
        }
    },
    fixKinds: ['safe'],
    fix(model, finding) {
        const campaign = campaignAt(model, finding.range);
        const missing = (finding.data?.missing as Aspect[] | undefined) ?? (campaign ? untracked(campaign) : []);
        if (!campaign || missing.length === 0) return [];
        const title = `Track ${listed(missing)}`;
        const tracks = GrammarUtils.findNodesForProperty(campaign.$cstNode, 'tracks');
        const last = tracks[tracks.length - 1];
        if (last) {
            const at = last.range.end;
            return [{ title, kind: 'safe', edits: [{ range: { start: at, end: at }, newText: `, ${missing.join(', ')}` }], preferred: true }];
        }
        const edit = insertFact(model, campaign, `track ${missing.join(', ')}`);
        return edit ? [{ title, kind: 'safe', edits: [edit], preferred: true }] : [];
    }
};

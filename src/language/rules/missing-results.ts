import type { Rule } from './rule.js';
import { periodOf } from '../model/periods.js';
import { listed } from '../wording.js';

export const missingResults: Rule = {
    id: 'missing-results',
    severity: 'warning',
    area: 'campaign',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001 (follow your results); beyond',
    description: 'A campaign that has ended with no recorded result for what it tracks.',
    check(model, report) {
        for (const campaign of model.own.campaigns) {
            const period = periodOf(campaign);
            if (!period || period.end >= model.asOf) continue;
            const recorded = new Set(campaign.results.map(r => r.metric?.toLowerCase()).filter(Boolean));
            const missing: string[] = [];
            const seen = new Set<string>();
            for (const metric of campaign.tracks) {
                const key = metric?.toLowerCase();
                if (!key || seen.has(key)) continue;
                seen.add(key);
                if (!recorded.has(key)) missing.push(metric);
            }
            if (missing.length === 0) continue;
            const none = campaign.results.length === 0;
            report({
                node: campaign,
                ...(none ? { property: 'name' } : { keyword: 'results' }),
                message: `Campaign '${campaign.name}' ended on ${campaign.period!.end} but ${none ? 'has no results' : 'records no result'} for ${listed(missing)}: write down what it achieved in 'results { … }', or the next campaign cannot learn from it.`,
                data: { missing, ended: campaign.period!.end }
            });
        }
    }
};


import type { Tactic } from '../generated/ast.js';
import type { Finding, Rule } from './rule.js';
import { days } from '../wording.js';
import { periodOf } from '../model/periods.js';

const ADVICE = "Move the tactic's dates inside the campaign's, or widen the campaign.";

export const tacticOutsideSchedule: Rule = {
    id: 'tactic-outside-schedule',
    severity: 'warning',
    area: 'campaign',
    scope: 'file',
    basis: '001 (schedule); beyond',
    description: 'A tactic that runs before the campaign running it starts or after it ends.',
    check(model, report) {
        const here = model.document.uri.toString();
        for (const campaign of model.own.campaigns) {
            const range = periodOf(campaign);
            if (!range) continue;
            const seen = new Set<Tactic>();
            campaign.runs.forEach((ref, index) => {
                const tactic = ref.ref;
                if (!tactic || seen.has(tactic)) return;
                seen.add(tactic);
                const period = periodOf(tactic);
                if (!period) return;
                const before = range.start - period.start, after = period.end - range.end;
                if (before <= 0 && after <= 0) return;
                const c = campaign.period!, t = tactic.period!;
                let message: string;
                if (before > 0 && after > 0) {
                    message = `Tactic '${tactic.name}' runs from ${t.start} to ${t.end}, ${days(before)} before campaign '${campaign.name}' starts and ${days(after)} after it ends (${c.start} to ${c.end}). ${ADVICE}`;
                } else if (before > 0) {
                    message = `Tactic '${tactic.name}' starts on ${t.start}, ${days(before)} before campaign '${campaign.name}' starts on ${c.start}. ${ADVICE}`;
                } else {
                    message = `Tactic '${tactic.name}' ends on ${t.end}, ${days(after)} after campaign '${campaign.name}' ends on ${c.end}. ${ADVICE}`;
                }
                const data = { tactic: tactic.name, campaign: campaign.name, daysBefore: Math.max(before, 0), daysAfter: Math.max(after, 0) };
                const sameFile = model.fileOf(tactic).uri.toString() === here;
                const finding: Finding = sameFile
                    ? { node: t, property: before > 0 && after > 0 ? undefined : before > 0 ? 'start' : 'end', message, data, related: [{ node: c, message: `the period of campaign '${campaign.name}'` }] }
                    : { node: campaign, property: 'runs', index, message, data, related: [{ node: t, message: `the period of tactic '${tactic.name}'` }] };
                report(finding);
            });
        }
    }
};

import { followsBuyers } from '../model/flows.js';
import { blockNamedAt, insertFact } from './edits.js';
import type { Rule } from './rule.js';

export const flowWithoutStop: Rule = {
    id: 'flow-without-stop',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #2, #3',
    description: 'An automated e-mail or SMS flow with no stop condition (\'stop when …\').',
    check(model, report) {
        for (const flow of model.own.flows) {
            if (flow.steps.length === 0 || flow.stops.length > 0) continue;
            const what = flow.channel === 'sms' ? 'texts' : flow.channel === 'push' ? 'notifications' : flow.channel === 'messaging' ? 'messages' : 'mails';
            const example = followsBuyers(flow) ? `'stop when "they order again"'` : `'stop when purchased'`;
            report({
                node: flow,
                property: 'name',
                message: `Flow '${flow.name}' says nothing that stops it: it keeps sending its ${flow.steps.length === 1 ? 'step' : `${flow.steps.length} steps`} after the person has done what it asks (bought, booked, come back), and ${what} that no longer fit bombard people into leaving. Add what ends it, such as ${example}.`,
                data: { buyers: followsBuyers(flow) }
            });
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const flow = blockNamedAt(model.own.flows, finding.range);
        if (!flow) return [];
        const stop = finding.data?.buyers === true ? 'stop when "they order again"' : 'stop when purchased';
        const edit = insertFact(model, flow, stop);
        return edit ? [{ title: `Add '${stop}' (check that this is what ends the flow)`, kind: 'suggestion', edits: [edit] }] : [];
    }
};

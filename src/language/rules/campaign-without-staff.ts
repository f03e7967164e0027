import { blockNamedAt, insertFact } from './edits.js';
import type { Rule } from './rule.js';

export const campaignWithoutStaff: Rule = {
    id: 'campaign-without-staff',
    severity: 'warning',
    area: 'campaign',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '001 (what are your staffing needs?)',
    description: 'A campaign that names nobody to run it.',
    check(model, report) {
        for (const campaign of model.own.campaigns) {
            if (campaign.staff.length > 0) continue;
            report({
                node: campaign,
                property: 'name',
                message: `Campaign '${campaign.name}' names no staff: nobody is answerable for it and its workload is unknown. Add 'staff' with the people, their share of time and their departments.`
            });
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const campaign = blockNamedAt(model.own.campaigns, finding.range);
        if (!campaign || campaign.staff.length > 0) return [];
        // A role named after the campaign: a placeholder to replace with a real person, never double-booked.
        const fact = `staff ${campaign.name}Lead 100% from marketing, sales`;
        const edit = insertFact(model, campaign, fact);
        return edit ? [{ title: `Add a placeholder staff line ('${fact}'), to replace with the people who run it`, kind: 'suggestion', edits: [edit] }] : [];
    }
};

import type { Rule } from './rule.js';

export const singleDepartment: Rule = {
    id: 'single-department',
    severity: 'info',
    area: 'campaign',
    scope: 'file',
    basis: '001 (a joint effort)',
    description: 'A campaign whose staff all come from one department.',
    check(model, report) {
        for (const campaign of model.own.campaigns) {
            // No department named: nothing to judge (campaign-without-staff covers a campaign with no staff).
            const departments = new Set(campaign.departments.filter(Boolean).map(d => d.toLowerCase()));
            if (departments.size !== 1) continue;
            const department = campaign.departments.find(Boolean)!;
            report({
                node: campaign,
                property: 'departments',
                index: 0,
                message: `Campaign '${campaign.name}' involves only the ${department} department: a campaign is a joint effort, and the departments it depends on (sales, support, production) should take part. Name them after 'from'.`,
                data: { department }
            });
        }
    }
};

import type { Rule } from './rule.js';

export const noLeadCapture: Rule = {
    id: 'no-lead-capture',
    severity: 'warning',
    area: 'funnel',
    scope: 'plan',
    basis: '002 #1',
    description: 'The plan has no way of collecting leads (no funnel says \'collect leads by ...\').',
    check(model, report) {
        if (model.all.funnels.some(funnel => funnel.captures.length > 0)) return;
        report({
            node: model.plan!,
            property: 'name',
            message: `The plan collects no leads, so there is no list to follow up and sell to. Add a funnel with 'collect leads by optin form offering ebook "..."' (or by survey, or by checkbox at checkout).`,
            data: { funnels: model.all.funnels.length }
        });
    }
};

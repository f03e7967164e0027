import type { Rule } from './rule.js';

export const noTargetMarket: Rule = {
    id: 'no-target-market',
    severity: 'error',
    area: 'market',
    scope: 'plan',
    basis: '000 #1',
    description: 'The plan describes no customer segment: nobody it is meant to sell to.',
    check(model, report) {
        if (model.all.segments.length > 0) return;
        report({
            node: model.plan!,
            property: 'name',
            message: `The plan names no customer segment, so nothing in it says who will buy. Add a segment saying who they are, where they come from, what they can spend and their age group ('segment Name { who "…" from "…" income … age … }').`
        });
    }
};

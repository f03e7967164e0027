import { appendBlock, insertFact } from './edits.js';
import type { Rule } from './rule.js';

const CLOSE = 'close weekly with call to action';

export const noClosingStep: Rule = {
    id: 'no-closing-step',
    severity: 'warning',
    area: 'funnel',
    scope: 'plan',
    basis: '002 #3, 004',
    description: 'Leads are collected, but no step of the funnel asks them for the sale.',
    check(model, report) {
        const { funnels } = model.all;
        if (funnels.some(funnel => funnel.closes.length > 0)) return;
        const capture = funnels.flatMap(funnel => funnel.captures)[0];
        if (!capture) return;
        report({
            node: model.plan!,
            property: 'name',
            message: `The plan collects leads (${model.where(capture)}) but no step asks them to buy: a list that is never sent to the sales page brings in no money. Add a closing step to the funnel ('${CLOSE}').`,
            related: [{ node: capture, message: 'leads are collected here' }]
        });
    },
    fixKinds: ['suggestion'],
    fix(model) {
        // The plan file's funnel that collects leads, else its first funnel, else a new one.
        const own = model.own.funnels;
        const funnel = own.find(f => f.captures.length > 0) ?? own[0];
        const edit = funnel ? insertFact(model, funnel, CLOSE) : appendBlock(model, `funnel {\n    ${CLOSE}\n}`);
        return edit ? [{ title: 'Add a weekly sales e-mail with a call to action (check that you will send it)', kind: 'suggestion', edits: [edit] }] : [];
    }
};

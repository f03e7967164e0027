import { appendBlock, insertFact } from './edits.js';
import { emailSenders } from './funnel-util.js';
import type { Rule } from './rule.js';

const UNSUBSCRIBE = 'unsubscribe link in every email';

export const missingUnsubscribe: Rule = {
    id: 'missing-unsubscribe',
    severity: 'error',
    area: 'funnel',
    scope: 'plan',
    basis: '002 #1; beyond (CAN-SPAM, GDPR)',
    description: 'The plan sends e-mail but no funnel promises an unsubscribe link in every e-mail.',
    check(model, report) {
        const { funnels } = model.all;
        if (funnels.some(funnel => funnel.unsubscribe)) return;
        const senders = emailSenders(model.all);
        if (senders.length === 0) return;
        const first = senders[0];
        report({
            node: model.plan!,
            property: 'name',
            message: `The plan sends e-mail (${first.what}, ${model.where(first.node)}) but no funnel promises an unsubscribe link: people must be able to leave the list from every e-mail, or the mail is spam. Add '${UNSUBSCRIBE}' to the funnel.`,
            related: senders.slice(0, 10).map(sender => ({ node: sender.node, message: `sends e-mail: ${sender.what}` }))
        });
    },
    fixKinds: ['safe'],
    fix(model) {
        // The plan file's funnel that sends e-mail, else its first funnel, else a new one.
        const own = model.own.funnels;
        const funnel = own.find(f => f.followUps.length > 0 || f.closes.length > 0 || f.confirmation) ?? own[0];
        const edit = funnel ? insertFact(model, funnel, UNSUBSCRIBE) : appendBlock(model, `funnel {\n    ${UNSUBSCRIBE}\n}`);
        return edit ? [{ title: 'Add an unsubscribe link to every e-mail', kind: 'safe', edits: [edit], preferred: true }] : [];
    }
};

import { emailSenders } from './funnel-util.js';
import type { Rule } from './rule.js';

export const missingPostalAddress: Rule = {
    id: 'missing-postal-address',
    severity: 'warning',
    area: 'funnel',
    scope: 'plan',
    basis: 'beyond (CAN-SPAM)',
    description: 'The plan sends commercial e-mail but no funnel gives the sender\'s postal address.',
    check(model, report) {
        const { funnels } = model.all;
        if (funnels.some(funnel => funnel.senderAddress?.trim())) return;
        const senders = emailSenders(model.all, true);
        if (senders.length === 0) return;
        const first = senders[0];
        const blank = funnels.find(funnel => funnel.senderAddress !== undefined);
        report({
            node: model.plan!,
            property: 'name',
            message: `The plan sends commercial e-mail (${first.what}, ${model.where(first.node)}) but ${blank ? `the sender address of the funnel at ${model.where(blank)} is empty` : 'gives no sender postal address'}: CAN-SPAM requires a valid postal address in every commercial e-mail, and it shows subscribers a real business. Add 'sender address "..."' with your address to the funnel.`,
            related: senders.slice(0, 10).map(sender => ({ node: sender.node, message: `sends commercial e-mail: ${sender.what}` }))
        });
    }
};

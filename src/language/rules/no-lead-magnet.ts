import { captureName, isOptIn } from './funnel-util.js';
import type { Rule } from './rule.js';

export const noLeadMagnet: Rule = {
    id: 'no-lead-magnet',
    severity: 'info',
    area: 'funnel',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #1',
    description: 'An opt-in (form, survey, checkbox) with nothing of value offered for it (newsletter, e-book, report).',
    check(model, report) {
        // A checkbox subscribes a buyer to what the funnel sends: it offers something
        // when a follow-up of the plan carries content (tips, a newsletter, a story).
        let followUpWithContent: boolean | undefined;
        const sendsContent = () => followUpWithContent ??= model.reach.funnels.some(f => f.followUps.some(u => u.contents.length > 0));
        for (const funnel of model.own.funnels) {
            for (const capture of funnel.captures) {
                if (!isOptIn(capture) || capture.magnet) continue;
                const checkbox = capture.method.kind === 'checkbox';
                if (checkbox && sendsContent()) continue;
                report({
                    node: capture.method,
                    message: checkbox
                        ? `The checkbox offers nothing of value, and no follow-up of the plan sends any content to subscribe to. Say what ticking it brings ('offering newsletter') and send it ('follow up weekly with tips').`
                        : `Nothing of value is offered for signing up by ${captureName(capture)}: people give their address in exchange for something free. Add 'offering ebook "..."' (or a newsletter, a report) to the capture.`,
                    data: { method: capture.method.kind }
                });
            }
        }
    }
};

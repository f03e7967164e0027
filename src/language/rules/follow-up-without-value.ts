import { cadenceText, valueItems } from './funnel-followup-util.js';
import type { Rule } from './rule.js';

export const followUpWithoutValue: Rule = {
    id: 'follow-up-without-value',
    severity: 'info',
    area: 'funnel',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #2',
    description: 'A follow-up message that carries no item of value (tips, a free item, a story, a useful link), or says nothing of what it carries.',
    check(model, report) {
        for (const funnel of model.own.funnels) {
            for (const followUp of funnel.followUps) {
                if (valueItems(followUp).length > 0) continue;
                const cadence = cadenceText(followUp.cadence) ?? '';
                const contents = followUp.contents;
                report({
                    node: followUp,
                    property: contents.length > 0 ? 'contents' : undefined,
                    index: contents.length > 0 ? 0 : undefined,
                    message: contents.length === 0
                        ? `The follow-up sent ${cadence} does not say what it carries: every e-mail needs something of value, or people stop opening them and never see your links. Add it, for example 'with tips, story'.`
                        : `The follow-up sent ${cadence} carries ${contents.join(', ')} but nothing of value to the reader: every e-mail needs something useful (tips, a free item, a link to a new post, a good story), or people stop opening them. Add one, for example 'with tips, ${contents.join(', ')}'.`,
                    data: { contents }
                });
            }
        }
    }
};

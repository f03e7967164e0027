import { cadenceText } from './funnel-followup-util.js';
import type { Rule } from './rule.js';

export const noCallToAction: Rule = {
    id: 'no-call-to-action',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #3, #4',
    description: 'A closing step (sales e-mails) without a call to action.',
    check(model, report) {
        for (const funnel of model.own.funnels) {
            for (const close of funnel.closes) {
                if (close.callToAction) continue;
                const cadence = cadenceText(close.cadence);
                report({
                    node: close,
                    message: `The sales e-mails${cadence ? ` sent ${cadence}` : ''} have no call to action: a reader who is not told what to do next (buy now, see the offer) rarely goes to the sales page. Write 'close${cadence ? ` ${cadence}` : ''} with call to action'.`
                });
            }
        }
    },
    fixKinds: ['safe'],
    fix(model, finding) {
        for (const funnel of model.own.funnels) {
            for (const close of funnel.closes) {
                const range = close.$cstNode?.range;
                if (close.callToAction || !range) continue;
                if (range.start.line !== finding.range.start.line || range.start.character !== finding.range.start.character) continue;
                return [{ title: 'Add a call to action to the sales e-mails', kind: 'safe', edits: [{ range: { start: range.end, end: range.end }, newText: ' with call to action' }], preferred: true }];
            }
        }
        return [];
    }
};

import { GrammarUtils } from 'langium';
import type { Rule } from './rule.js';

export const preCheckedConsent: Rule = {
    id: 'pre-checked-consent',
    severity: 'error',
    area: 'funnel',
    scope: 'file',
    basis: '002 #1; beyond (GDPR)',
    description: 'Consent taken by a checkbox ticked in advance (the payment-page newsletter box must start unticked).',
    check(model, report) {
        for (const funnel of model.own.funnels) {
            for (const capture of funnel.captures) {
                // A half-typed `collect leads by` has no method yet.
                if (capture.method?.kind !== 'checkbox' || capture.method.state !== 'ticked') continue;
                report({
                    node: capture.method,
                    property: 'state',
                    message: `The newsletter checkbox is ticked in advance: a box the buyer did not tick is not consent (GDPR), and buyers who miss it feel tricked onto the list. Make it start unticked.`
                });
            }
        }
    },
    fixKinds: ['safe'],
    fix(model, finding) {
        const start = finding.range.start;
        for (const funnel of model.own.funnels) {
            for (const capture of funnel.captures) {
                if (capture.method?.state !== 'ticked') continue;
                const state = GrammarUtils.findNodeForProperty(capture.method.$cstNode, 'state');
                if (state && state.range.start.line === start.line && state.range.start.character === start.character) {
                    return [{ title: 'Make the checkbox start unticked', kind: 'safe', edits: [{ range: state.range, newText: 'unticked' }], preferred: true }];
                }
            }
        }
        return [];
    }
};

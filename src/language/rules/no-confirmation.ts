import { captureName, isOptIn } from './funnel-util.js';
import type { Rule } from './rule.js';

export const noConfirmation: Rule = {
    id: 'no-confirmation',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #1',
    description: 'An opt-in with no confirmation message (no \'confirm by autoresponder\' or double opt-in in the plan).',
    check(model, report) {
        let confirmed: boolean | undefined;
        const planConfirms = () => confirmed ??= model.reach.funnels.some(funnel => funnel.confirmation !== undefined);
        for (const funnel of model.own.funnels) {
            for (const capture of funnel.captures) {
                if (!isOptIn(capture) || capture.doubleOptin || planConfirms()) continue;
                report({
                    node: capture.method,
                    message: `New subscribers from ${captureName(capture)} get no confirmation: without an instant e-mail they forget they signed up and take your next mail for spam. Add 'confirm by autoresponder' to the funnel.`,
                    data: { method: capture.method.kind }
                });
            }
        }
    }
};

import type { Funnel } from '../generated/ast.js';
import { isWelcome, mailsByEmail } from '../model/flows.js';
import { captureName, isOptIn } from './funnel-util.js';
import type { Rule } from './rule.js';

/** Whether the list of a funnel is mailed: its follow-ups or closing messages, or an e-mail flow of the plan (`flowsMail`). */
function mailed(funnel: Funnel, flowsMail: () => boolean): boolean {
    return funnel.followUps.length > 0 || funnel.closes.length > 0 || flowsMail();
}

const REMEDY = "Add 'confirm by autoresponder' to the funnel, or a welcome flow ('flow Welcome { channel email trigger signup step \"Welcome\" … }') whose first mail goes out at once.";

export const noConfirmation: Rule = {
    id: 'no-confirmation',
    severity: 'warning',
    area: 'funnel',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '002 #1',
    description: 'A list with no confirmation or welcome message: an opt-in, or a list gathered any other way that is mailed (no \'confirm by\', double opt-in or welcome flow in the plan).',
    check(model, report) {
        let confirmed: boolean | undefined, flowMail: boolean | undefined;
        const flowsMail = () => flowMail ??= model.reach.flows.some(mailsByEmail);
        const planConfirms = () => confirmed ??= model.reach.funnels.some(funnel => funnel.confirmation !== undefined) || model.reach.flows.some(isWelcome);
        for (const funnel of model.own.funnels) {
            for (const capture of funnel.captures) {
                if (capture.doubleOptin || planConfirms()) continue;
                if (isOptIn(capture)) {
                    report({
                        node: capture.method,
                        message: `New subscribers from ${captureName(capture)} get no confirmation: without an instant e-mail they forget they signed up and take your next mail for spam. Add 'confirm by autoresponder' to the funnel.`,
                        data: { method: capture.method.kind }
                    });
                } else if (mailed(funnel, flowsMail)) {
                    // A list gathered without an opt-in is mailed all the same: the first mail must say who you are and why they hear from you.
                    report({
                        node: capture.method,
                        message: `The people on ${captureName(capture)} are mailed with no confirmation or welcome message: they never asked to hear from you, so your first sales mail reads as spam. ${REMEDY}`,
                        data: { method: capture.method.kind }
                    });
                }
            }
            // A list the funnel starts from (`list 2_000 subscribers`), gathered outside the plan.
            if (funnel.captures.length === 0 && typeof funnel.listSize === 'number' && mailed(funnel, flowsMail) && !planConfirms()) {
                report({
                    node: funnel,
                    property: 'listSize',
                    message: `The list of ${funnel.listSize.toLocaleString('en-US')} ${funnel.listStage ?? 'people'} is mailed with no confirmation or welcome message: people who do not remember signing up take your mail for spam. ${REMEDY}`,
                    data: { method: 'list' }
                });
            }
        }
    }
};

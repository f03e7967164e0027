import { isWithoutConsent } from './funnel-util.js';
import type { Rule } from './rule.js';

const INSTEAD = 'Collect addresses people give willingly: an opt-in form offering something free, a survey, or an unticked checkbox at checkout.';

export const leadWithoutConsent: Rule = {
    id: 'lead-without-consent',
    severity: 'error',
    area: 'funnel',
    scope: 'file',
    basis: '002 #1; beyond (GDPR, CAN-SPAM)',
    description: 'Leads gathered without opt-in (a bought list, scraped addresses): mailing them is spam.',
    check(model, report) {
        for (const funnel of model.own.funnels) {
            for (const capture of funnel.captures) {
                if (!isWithoutConsent(capture)) continue;
                const source = capture.method.kind === 'bought'
                    ? 'The people on a bought list never agreed to hear from you'
                    : 'Scraped addresses were never given to you';
                const optin = capture.doubleOptin ? ' A double opt-in does not cure it: the confirmation request is itself unsolicited.' : '';
                report({
                    node: capture.method,
                    message: `${source}: e-mailing them is spam, which hurts deliverability and the business's name.${optin} ${INSTEAD}`,
                    data: { method: capture.method.kind }
                });
            }
        }
    }
};

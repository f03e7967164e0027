import { AstUtils } from 'langium';
import type { Position } from 'vscode-languageserver-types';
import type { Consent, Flow, Funnel, Tactic } from '../generated/ast.js';
import { consentOf, consentSource } from '../model/consent.js';
import type { PlanModel } from '../model/plan-model.js';
import { applying, blockLabel, complianceData, messagingBlocks, underLaw } from './compliance-util.js';
import { insertFact } from './edits.js';
import { captureName, isOptIn } from './funnel-util.js';
import type { Rule } from './rule.js';

const ID = 'consent-unrecorded';
const RECORD = `'consent express recorded "sign-up time, form text, IP address"'`;
const SHOW = 'the business must be able to show that each person consented (when, where and to what)';

/** Where ` recorded` goes: after `consent KIND`, when that consent is written in this file. */
function recordedAt(model: PlanModel, consent: Consent): Position | undefined {
    if (AstUtils.getDocument(consent).uri.toString() !== model.document.uri.toString()) return undefined;
    return consent.$cstNode?.range.end;
}

export const consentUnrecorded: Rule = {
    id: ID,
    severity: 'warning',
    area: 'compliance',
    scope: 'file',
    basis: 'beyond',
    description: 'Consent to e-mail or text people in the EU or UK that the plan does not say is kept on record.',
    check(model, report) {
        for (const funnel of model.own.funnels) {
            const capture = funnel.captures.find(isOptIn);
            if (!capture) continue;
            const consent = consentOf(funnel);
            if (consent?.recorded) continue;
            const applies = applying(model, ID, funnel);
            if (applies.length === 0) continue;
            const label = blockLabel(model, funnel, true);
            if (!consent) {
                report({
                    node: capture.method,
                    message: `${label} collects leads by ${captureName(capture)} but says nothing of their consent or of keeping a record of it: for ${underLaw(applies)} ${SHOW}. Add ${RECORD}.`,
                    data: { ...complianceData(applies), add: true }
                });
            } else {
                report({
                    node: consent,
                    message: `${label} collects leads by ${captureName(capture)} on 'consent ${consent.kind}' that is not recorded: for ${underLaw(applies)} ${SHOW}. Write 'consent ${consent.kind} recorded' and what is kept, such as "sign-up time, form text, IP address".`,
                    data: { ...complianceData(applies), recordedAt: recordedAt(model, consent) }
                });
            }
        }
        for (const block of messagingBlocks(model, ['email', 'sms'])) {
            const consent = consentOf(block);
            if (!consent || consent.recorded || (consent.kind !== 'express' && consent.kind !== 'written')) continue;
            const applies = applying(model, ID, block);
            if (applies.length === 0) continue;
            const label = blockLabel(model, block, true);
            const what = block.channel === 'sms' ? 'texts' : 'e-mails';
            const source = consentSource(block, consent);
            const index = source ? block.audience.findIndex(ref => ref.ref === source) : -1;
            const whose = source ? ` of audience '${source.name}'` : '';
            report({
                ...(source && index >= 0 ? { node: block as Tactic | Flow, property: 'audience', index } : { node: consent }),
                message: `${label} ${what} people on 'consent ${consent.kind}'${whose}, which is not recorded: for ${underLaw(applies)} ${SHOW}. Write 'consent ${consent.kind} recorded' and what is kept, such as "sign-up time, form text, IP address".`,
                data: { ...complianceData(applies), recordedAt: recordedAt(model, consent) }
            });
        }
    },
    fixKinds: ['suggestion'],
    fix(model, finding) {
        const at = finding.data?.recordedAt as Position | undefined;
        if (at) return [{ title: "Add 'recorded' to the consent (check that the records are kept)", kind: 'suggestion', edits: [{ range: { start: at, end: at }, newText: ' recorded' }] }];
        if (finding.data?.add !== true) return [];
        const funnel: Funnel | undefined = model.own.funnels.find(f => f.captures.some(capture => {
            const range = capture.method?.$cstNode?.range;
            return range && range.start.line === finding.range.start.line && range.start.character === finding.range.start.character;
        }));
        const edit = funnel && insertFact(model, funnel, 'consent express recorded');
        return edit ? [{ title: "Add 'consent express recorded' (check that the records are kept)", kind: 'suggestion', edits: [edit] }] : [];
    }
};

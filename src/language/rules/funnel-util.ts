// Shared reading of the funnel for the lead-capture, consent and compliance rules.
import type { AstNode } from 'langium';
import type { LeadCapture } from '../generated/ast.js';
import type { Blocks } from '../model/plan-model.js';
import { mailsByEmail } from '../model/flows.js';

/** A capture that people join of their own will: an opt-in form, a survey or a checkbox. */
export function isOptIn(capture: LeadCapture): boolean {
    const kind = capture.method?.kind;
    return kind === 'optin' || kind === 'survey' || kind === 'checkbox';
}

/** A capture of addresses nobody gave: a bought list or scraped addresses. */
export function isWithoutConsent(capture: LeadCapture): boolean {
    const kind = capture.method?.kind;
    return kind === 'bought' || kind === 'scraped';
}

/** How a capture reads in a message: "the opt-in form", "the bought list". */
export function captureName(capture: LeadCapture): string {
    switch (capture.method?.kind) {
        case 'optin': return 'the opt-in form';
        case 'survey': return 'the survey';
        case 'checkbox': return 'the checkbox';
        case 'bought': return 'the bought list';
        case 'scraped': return 'the scraped addresses';
        default: return 'this capture';
    }
}

/** One thing in a plan that sends e-mail, and how it reads in a message. */
export interface EmailSender {
    node: AstNode;
    what: string;
}

/**
 * The things in `blocks` that send e-mail to the list: follow-ups and closing
 * (sales) messages of each funnel, tactics on the e-mail channel, e-mail
 * flows, then the
 * confirmations (`confirm by autoresponder|email`, `double optin`), which are
 * left out with `commercial`: a confirmation is transactional, not a sales
 * message. Each group in source order; the first entry is the one a message names.
 */
export function emailSenders(blocks: Blocks, commercial = false): EmailSender[] {
    const senders: EmailSender[] = [];
    for (const funnel of blocks.funnels) {
        for (const followUp of funnel.followUps) senders.push({ node: followUp, what: 'follow-up e-mails' });
        for (const close of funnel.closes) senders.push({ node: close, what: 'sales e-mails' });
    }
    for (const tactic of blocks.tactics) {
        if (tactic.channel === 'email') senders.push({ node: tactic, what: `the e-mail tactic '${tactic.name}'` });
    }
    for (const flow of blocks.flows) {
        if (mailsByEmail(flow)) senders.push({ node: flow, what: `the e-mail flow '${flow.name}'` });
    }
    if (commercial) return senders;
    for (const funnel of blocks.funnels) {
        if (funnel.confirmation) senders.push({ node: funnel, what: 'confirmation e-mails from the funnel' });
        for (const capture of funnel.captures) if (capture.doubleOptin) senders.push({ node: capture, what: 'double opt-in confirmations' });
    }
    return senders;
}

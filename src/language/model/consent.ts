/**
 * How the people a block messages agreed to it: the block's own `consent`,
 * else the consent of the audiences it reaches (the weakest, and only when
 * every one states it). Read by the compliance rules and hover.
 */
import { isAudience, type Audience, type Consent, type Flow, type Funnel, type Reachable, type Tactic } from '../generated/ast.js';
import type { Reference } from 'langium';

/** Consent kinds from the weakest: implied (a purchase, an enquiry), express, written. */
export const CONSENT_STRENGTH: Readonly<Record<string, number>> = Object.freeze({ implied: 0, express: 1, written: 2 });

/** The consent a tactic, flow, funnel or audience messages people on, if the plan says. */
export function consentOf(block: Tactic | Flow | Funnel | Audience): Consent | undefined {
    if (block.consent) return block.consent;
    if (block.$type !== 'Tactic' && block.$type !== 'Flow') return undefined;
    return audienceConsent((block as Tactic | Flow).audience);
}

function audienceConsent(refs: ReadonlyArray<Reference<Reachable>>): Consent | undefined {
    let weakest: Consent | undefined;
    for (const ref of refs) {
        const reached = ref.ref;
        if (!isAudience(reached) || !reached.consent?.kind) return undefined;
        if (!weakest || CONSENT_STRENGTH[reached.consent.kind] < CONSENT_STRENGTH[weakest.kind]) weakest = reached.consent;
    }
    return weakest;
}

/**
 * Consent and opt-outs: how the people a funnel, flow, tactic or audience
 * messages agreed to it (`consent express recorded`), which of several
 * consents is the weakest, how long the implied consent of a purchase lasts,
 * and how many business days an `unsubscribe within` may take. The compliance
 * rules, hover and the report read it.
 *
 * Pure: no Langium runtime, no Node. Not legal advice.
 */
import { isAudience, type Audience, type Consent, type Flow, type Funnel, type OptOutDelay, type Tactic } from '../generated/ast.js';
import { durationDays } from './values.js';

/** The kinds of consent from the weakest to the strongest. */
export const CONSENT_KINDS = ['implied', 'express', 'written'] as const;

function strength(consent: Consent): number {
    return CONSENT_KINDS.indexOf(consent.kind as (typeof CONSENT_KINDS)[number]) * 2 + (consent.recorded ? 1 : 0);
}

/** The weaker of two consents: by kind (implied < express < written), then unrecorded before recorded. */
export function weakerConsent(a: Consent, b: Consent): Consent {
    return strength(b) < strength(a) ? b : a;
}

/**
 * The consent a block's messages rest on: its own `consent`, else (a tactic
 * or flow) the weakest consent of the audiences it reaches, when every one of
 * them is a behavioural `audience` stating one. A segment states no consent,
 * so a tactic reaching a segment without its own `consent` has none.
 */
export function consentOf(block: Tactic | Flow | Funnel | Audience): Consent | undefined {
    if (block.consent) return block.consent;
    if (block.$type !== 'Tactic' && block.$type !== 'Flow') return undefined;
    const refs = (block as Tactic | Flow).audience;
    if (refs.length === 0) return undefined;
    let weakest: Consent | undefined;
    for (const ref of refs) {
        const reached = ref.ref;
        if (!isAudience(reached) || !reached.consent) return undefined;
        weakest = weakest ? weakerConsent(weakest, reached.consent) : reached.consent;
    }
    return weakest;
}

/** The audience whose consent a tactic or flow rests on, when it states none of its own. */
export function consentSource(block: Tactic | Flow, consent: Consent): Audience | undefined {
    if (block.consent === consent) return undefined;
    return isAudience(consent.$container) ? consent.$container : undefined;
}

/**
 * How long the implied consent of a purchase lasts, in years: CASL s. 10(10)
 * counts an existing business relationship for two years from the purchase.
 */
export const IMPLIED_CONSENT_YEARS = 2;

/** The days of IMPLIED_CONSENT_YEARS, as `durationDays` counts a year (365 days). */
export const IMPLIED_CONSENT_DAYS = IMPLIED_CONSENT_YEARS * 365;

const BUYER_WORDS = ['purchas', 'bought', 'order', 'customer', 'buyer'];

/** Whether a behaviour or trigger speaks of buying: a purchase, an order, past buyers or customers. */
export function mentionsPurchase(text: string | undefined): boolean {
    const lower = (text ?? '').toLowerCase();
    return lower !== '' && BUYER_WORDS.some(word => lower.includes(word));
}

/** The business days in one unit of a `business` delay: a business week is 5, a month 22. */
const BUSINESS_DAYS_PER_UNIT: Record<string, number> = {
    day: 1, days: 1, week: 5, weeks: 5, month: 22, months: 22, quarter: 65, quarters: 65, year: 260, years: 260
};

/**
 * The most business days an opt-out delay may take: `N business days` is N
 * (weeks 5 each, months 22); a calendar delay of d days holds at most
 * floor(d/7)*5 + min(d%7, 5) business days (2 weeks: 10; 15 days: 11).
 * Undefined for a delay that cannot be read.
 */
export function mostBusinessDays(delay: OptOutDelay): number | undefined {
    if (typeof delay.amount !== 'number') return undefined;
    if (delay.business) {
        const per = BUSINESS_DAYS_PER_UNIT[delay.unit ?? ''];
        return per === undefined ? undefined : delay.amount * per;
    }
    const days = durationDays({ amount: delay.amount, unit: delay.unit });
    if (days === undefined) return undefined;
    const whole = Math.ceil(days);
    return Math.floor(whole / 7) * 5 + Math.min(whole % 7, 5);
}

/** "2 business days", "15 days": an opt-out delay as written. */
export function delayText(delay: OptOutDelay): string {
    return `${delay.amount}${delay.business ? ' business' : ''} ${delay.unit}`;
}

import type { Duration, Guarantee } from '../generated/ast.js';
import { durationDays } from '../model/values.js';
import type { Rule } from './rule.js';
import { listed } from '../wording.js';

/** The longest wait for a refund that still counts as paying back at once: a week. */
const MAX_PAYOUT_DAYS = 7;

/**
 * What in a condition makes the buyer wait for the money: sending the goods
 * back first, or waiting for the seller (an inspection, an approval, the goods
 * arriving, a waiting period). Each pattern says, in words, what it does.
 */
const DELAYS: ReadonlyArray<{ pattern: RegExp; effect: string }> = [
    {
        pattern: /\b(returns?|returned|returning|(send|sends|sent|sending|ship|ships|shipped|shipping|mail|mails|mailed|mailing|post|posts|posted|bring|brings|brought)\s+(it\s+|them\s+|the\s+\w+\s+)?back)\b/,
        effect: 'makes the buyer send the goods back before being refunded'
    },
    {
        pattern: /\b(inspect\w*|approv\w*|verif\w*|assess\w*|evaluat\w*)\b/,
        effect: 'makes the buyer wait for the seller to check the claim'
    },
    {
        pattern: /\b(we|the\s+seller|the\s+shop|the\s+store|our\s+\w+)\s+(ha(s|ve)\s+)?(receive[sd]?|gets?|got)\s+(it|them|back|((the|your)\s+)?(goods|item|items|product|products|parcel|package|box|book|phone|device)s?)\b|\b(back\s+with\s+us|arrives?\s+back|reach(es)?\s+us)\b/,
        effect: 'makes the buyer wait until the goods are back with the seller'
    },
    {
        pattern: /\b(wait|waits|waiting)\b|\b(after|not\s+before|no\s+sooner\s+than)\s+(\d+|a|an|one|two|three|four)\s+(business\s+|working\s+)?(day|days|week|weeks|month|months)\b/,
        effect: 'makes the buyer wait before being refunded'
    }
];

/** Words that, in the same clause, turn a delay into its absence ("no return needed", "return not required"). */
const NEGATION_BEFORE = /\b(no|not|never|without|nothing|none)\b|n't\b/;
const NEGATION_AFTER = /^[^.;,:!?]*\b(not\s+(needed|required|necessary)|optional|unnecessary)\b/;

/** What a condition does to delay the refund, or undefined when it does not delay it. */
export function delayOf(condition: string): string | undefined {
    const text = condition.toLowerCase();
    for (const { pattern, effect } of DELAYS) {
        const match = pattern.exec(text);
        if (!match) continue;
        const before = text.slice(0, match.index).split(/[.;,:!?]/).pop() ?? '';
        if (NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(text.slice(match.index + match[0].length))) continue;
        return effect;
    }
    return undefined;
}

function written(duration: Duration): string {
    return `${duration.amount} ${duration.unit}`;
}

function isBlank(text: string | undefined): boolean {
    return text === undefined || text.trim() === '';
}

interface Weakness {
    code: 'claim' | 'refunds' | 'payout' | 'condition' | 'term';
    text: string;
}

function weaknessesOf(guarantee: Guarantee, minDays: number): Weakness[] {
    const found: Weakness[] = [];
    if (isBlank(guarantee.claim)) found.push({ code: 'claim', text: "it does not say how to claim it (add 'claim')" });
    if (isBlank(guarantee.refunds)) found.push({ code: 'refunds', text: "it does not say what is refunded (add 'refunds')" });
    const payout = durationDays(guarantee.payout);
    if (guarantee.payout && payout !== undefined && payout > MAX_PAYOUT_DAYS) {
        found.push({ code: 'payout', text: `the money comes back only within ${written(guarantee.payout)} (pay it within a week at most)` });
    }
    for (const condition of guarantee.conditions) {
        const effect = delayOf(condition);
        if (effect) found.push({ code: 'condition', text: `the condition "${condition}" ${effect} (drop it or refund first)` });
    }
    const term = durationDays(guarantee.term);
    if (guarantee.term && term !== undefined && term < minDays) {
        found.push({ code: 'term', text: `it lasts only ${written(guarantee.term)} (make it at least ${minDays} days)` });
    }
    return found;
}

export const weakGuarantee: Rule = {
    id: 'weak-guarantee',
    severity: 'warning',
    area: 'offer',
    scope: 'file',
    reportsMissingFacts: true,
    basis: '000 #6 "immediately"; beyond (FTC guidance on guarantees)',
    description: 'A money-back guarantee that hides its terms, delays the refund or runs for too short a time.',
    check(model, report) {
        const minDays = model.settings.thresholds.minGuaranteeDays;
        for (const offer of model.own.offers) {
            const guarantee = offer.guarantee;
            if (!guarantee?.moneyBack) continue;
            const weaknesses = weaknessesOf(guarantee, minDays);
            if (weaknesses.length === 0) continue;
            report({
                node: guarantee,
                keyword: 'guarantee',
                message: `The money-back guarantee is weak: ${listed(weaknesses.map(w => w.text))}. Buyers trust a guarantee whose terms they can read and that gives their money back at once.`,
                data: { weaknesses: weaknesses.map(w => w.code) }
            });
        }
    }
};

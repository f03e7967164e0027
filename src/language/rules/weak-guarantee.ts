import type { Duration, Guarantee } from '../generated/ast.js';
import { durationDays } from '../model/values.js';
import { termReportedAsBelowLegalMinimum, WITHDRAWAL_DAYS } from './guarantee-below-legal-minimum.js';
import type { Rule } from './rule.js';
import { listed } from '../wording.js';

/** The longest wait for a refund that still counts as paying back at once: a week. */
const MAX_PAYOUT_DAYS = 7;

/** What to do about a condition that delays the refund. */
const REFUND_FIRST = 'drop it or refund first';

/**
 * What in a condition makes the buyer wait for the money: sending the goods
 * back first, waiting for the seller (an inspection, an approval, the goods
 * arriving, a waiting period), or proving use or effort first (finishing every
 * module, handing in homework, keeping a log). Each pattern says, in words,
 * what it does and what to do instead.
 */
const DELAYS: ReadonlyArray<{ pattern: RegExp; effect: string; advice?: string }> = [
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
    },
    {
        pattern: new RegExp([
            String.raw`\b(complet\w*|finish\w*|watch\w*|work\w*\s+through)\s+(all|every|each|the\s+(whole|entire|full))\b`,
            String.raw`\b(attend\w*|join\w*|show\w*\s+up\s+(to|for|at))\s+(all|every|each)\b`,
            String.raw`\b(submit\w*|hand\w*\s+in|turn\w*\s+in|upload\w*|send\w*|show\w*|provid\w*)\s+(us\s+)?((your|the|all|every|each|a|an)\s+)*(homework|assignments?|exercises?|worksheets?|proof(?!\s+of\s+(purchase|payment|order|address|identity|age))|evidence(?!\s+of\s+(purchase|payment|order))|logs?|journals?|diar(y|ies)|progress|results|before\s+and\s+after)\b`,
            String.raw`\b(show\w*|prov(e|es|ed|ing)|demonstrat\w*|document\w*)\s+(that\s+)?(you\s+)?(have\s+)?(used|tried|applied|followed|completed|finished|done|worn|taken)\b`,
            String.raw`\b(keep\w*|kept|log\w*)\s+(a|an|your)?\s*(daily\s+|weekly\s+)?(log|journal|diary|food\s+diary|training\s+log)\b`,
            String.raw`\bhomework\b`
        ].join('|')),
        effect: 'makes the buyer prove use or effort before being refunded',
        advice: 'drop it: a guarantee the buyer must earn is one few can claim'
    }
];

/** Words that, in the same clause, turn a delay into its absence ("no return needed", "return not required"). */
const NEGATION_BEFORE = /\b(no|not|never|without|nothing|none)\b|n't\b/;
const NEGATION_AFTER = /^[^.;,:!?]*\b(not\s+(needed|required|necessary)|optional|unnecessary)\b/;

/** What a condition does to delay the refund and what to do about it, or undefined when it does not delay it. */
function delayFound(condition: string): { effect: string; advice: string } | undefined {
    const text = condition.toLowerCase();
    for (const { pattern, effect, advice } of DELAYS) {
        const match = pattern.exec(text);
        if (!match) continue;
        const before = text.slice(0, match.index).split(/[.;,:!?]/).pop() ?? '';
        if (NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(text.slice(match.index + match[0].length))) continue;
        return { effect, advice: advice ?? REFUND_FIRST };
    }
    return undefined;
}

/** What a condition does to delay the refund, or undefined when it does not delay it. */
export function delayOf(condition: string): string | undefined {
    return delayFound(condition)?.effect;
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

/** `judgeTerm` false: the term is reported elsewhere (guarantee-below-legal-minimum, with its law). */
function weaknessesOf(guarantee: Guarantee, minDays: number, judgeTerm: boolean): Weakness[] {
    const found: Weakness[] = [];
    if (isBlank(guarantee.claim)) found.push({ code: 'claim', text: "it does not say how to claim it (add 'claim')" });
    if (isBlank(guarantee.refunds)) found.push({ code: 'refunds', text: "it does not say what is refunded (add 'refunds')" });
    const payout = durationDays(guarantee.payout);
    if (guarantee.payout && payout !== undefined && payout > MAX_PAYOUT_DAYS) {
        found.push({ code: 'payout', text: `the money comes back only within ${written(guarantee.payout)} (pay it within a week at most)` });
    }
    for (const condition of guarantee.conditions) {
        const delay = delayFound(condition);
        if (delay) found.push({ code: 'condition', text: `the condition "${condition}" ${delay.effect} (${delay.advice})` });
    }
    const term = durationDays(guarantee.term);
    if (judgeTerm && guarantee.term && term !== undefined && term < minDays) {
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
    basis: '000 #6 "immediately"; beyond (FTC Guides for the Advertising of Warranties and Guarantees, 16 CFR 239)',
    description: 'A money-back guarantee that hides its terms, delays the refund or runs for too short a time.',
    check(model, report) {
        const minDays = model.settings.thresholds.minGuaranteeDays;
        for (const offer of model.own.offers) {
            const guarantee = offer.guarantee;
            if (!guarantee?.moneyBack) continue;
            // A term short of the right of withdrawal is one finding, the legal one, unless this
            // rule's own threshold asks for more than that right's 14 days.
            const judgeTerm = minDays > WITHDRAWAL_DAYS || !termReportedAsBelowLegalMinimum(model, offer);
            const weaknesses = weaknessesOf(guarantee, minDays, judgeTerm);
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

/**
 * What a plan's words claim: generic environmental wording ("eco-friendly",
 * "sustainable", "carbon neutral") and review requests made conditional on
 * praise ("a free mug for every 5-star review"). The compliance rules read
 * them (generic-green-claim, incentivized-reviews); hover or the report may.
 *
 * Pure: no Langium runtime, no Node. The lists are what a reviewer of claims
 * would flag, nothing more; not legal advice.
 */

/** One piece of wording found in a text, as it is written there. */
export interface Wording {
    /** The words as written ("Eco-friendly"). */
    text: string;
    /** Where they start in the text. */
    index: number;
}

/**
 * Generic environmental claims: wording that says a product is good for the
 * environment without saying how (Directive (EU) 2024/825, recital 9 gives
 * most of them). "Green" counts where it is a claim ("go green", "the green
 * choice", "greener"), not where it is a colour ("green glaze", "green tea").
 */
export const GENERIC_GREEN_WORDS: readonly string[] = [
    'environmentally friendly', 'environment friendly', 'environmentally correct', 'eco-friendly', 'eco', 'green',
    'ecological', 'climate friendly', "nature's friend", 'gentle on the environment', 'carbon friendly', 'earth friendly',
    'planet friendly', 'biodegradable', 'sustainable'
];

/**
 * Claims that a product has a neutral, reduced or positive impact on the
 * climate. The directive bans them outright where they rest on offsetting
 * emissions (Annex I point 4c), whatever label the product carries.
 */
export const NEUTRALITY_WORDS: readonly string[] = ['climate neutral', 'carbon neutral', 'CO2 neutral', 'net zero', 'carbon negative', 'climate positive'];

const SEP = String.raw`[\s-]*`;

const GENERIC = new RegExp(String.raw`\b(?:` + [
    String.raw`environment(?:al(?:ly)?)?${SEP}(?:friendly|correct|safe)`,
    String.raw`eco${SEP}friendly`,
    String.raw`(?:climate|carbon|earth|planet|nature)${SEP}friendly`,
    String.raw`nature'?s${SEP}friend`,
    String.raw`gentle${SEP}(?:on|to)${SEP}(?:the${SEP})?(?:environment|planet|earth)`,
    String.raw`ecological(?:ly)?`,
    String.raw`biodegradable`,
    String.raw`sustainabl[ey]`,
    String.raw`greener|greenest`,
    // green as a claim: "go green", "truly green", "the green choice"
    String.raw`(?:go|going|goes|went|truly|fully|totally|100%|stay|stays)\s+green\b(?!${SEP}(?:tea|glaze|glazed|colou?r|light|bean|beans|apple|apples|salad|pepper|peppers|onion|onions|card|thumb|screen|room|belt|ink|paint|dye|velvet|olive|olives|jade|leaf|leaves|grass|shade|tone|tint))`,
    String.raw`green${SEP}(?:choice|alternative|option|product|products|brand|company|business|living|lifestyle|credentials|packaging|shipping|delivery|energy|promise|future)`,
    // "eco" alone, or as a prefix: "eco range", "eco-conscious", "eco-certified"
    String.raw`eco\b`
].join('|') + ')', 'gi');

const NEUTRAL = new RegExp(String.raw`\b(?:(?:climate|carbon|co2|co₂)${SEP}(?:neutral(?:ity)?|negative|positive)|net${SEP}zero)\b`, 'gi');

/** A match of the generic patterns, trimmed of the lead-in words the pattern needs ("go green" is found as "green"). */
function trimmed(match: RegExpExecArray): Wording {
    const lead = /^(?:go|going|goes|went|truly|fully|totally|100%|stay|stays)\s+(?=green)/i.exec(match[0]);
    const skip = lead ? lead[0].length : 0;
    return { text: match[0].slice(skip), index: match.index + skip };
}

/** The generic environmental claims in a text, in order, each piece once (neutrality claims not included). */
export function genericGreenClaims(text: string): Wording[] {
    const found: Wording[] = [];
    const neutral = neutralityClaims(text);
    for (const match of text.matchAll(GENERIC)) {
        const wording = trimmed(match as RegExpExecArray);
        // "climate-neutral" is a neutrality claim, not "climate" friendliness; skip overlaps with one.
        if (neutral.some(n => wording.index < n.index + n.text.length && n.index < wording.index + wording.text.length)) continue;
        found.push(wording);
    }
    return found;
}

/** The climate-neutrality claims in a text ("carbon neutral", "CO2-neutral", "net zero"), in order. */
export function neutralityClaims(text: string): Wording[] {
    return [...text.matchAll(NEUTRAL)].map(match => ({ text: match[0], index: match.index }));
}

/**
 * Wording that makes a review request or a reward conditional on praise: a
 * 5-star rating, a positive or good review. "An honest review" is not praise.
 */
const PRAISE = new RegExp(String.raw`\b(?:` + [
    String.raw`(?:5|five)${SEP}stars?\b`,
    String.raw`(?:positive|good|great|glowing|favou?rable|excellent|top)${SEP}(?:reviews?|ratings?|feedback)`,
    String.raw`rate\s+us\s+(?:5|five)\b(?:${SEP}stars?\b)?`,
    String.raw`(?:5|five)\s+out\s+of\s+5`
].join('|') + ')', 'gi');

/** Words that, earlier in the same clause, turn a condition into its absence ("no 5-star rating needed", "whatever you rate us"). */
const NOT_CONDITIONAL_BEFORE = /\b(no|not|never|without|regardless|whatever|whether|even)\b|n't\b/i;
/** "from 1 to 5 stars": the scale of a rating, not a rating asked for. */
const SCALE_BEFORE = /\b(1|one)\s*(to|-|–)\s*$/i;
const NOT_CONDITIONAL_AFTER = /^[^.;,:!?]*\b(not\s+(needed|required|necessary)|optional|or\s+not|or\s+bad|or\s+negative|good\s+or\s+bad)\b/i;

/** The wording of a text that asks for praise (a 5-star rating, a positive review), where it is not negated; undefined when there is none. */
export function praiseAskedIn(text: string): Wording | undefined {
    for (const match of text.matchAll(PRAISE)) {
        const before = text.slice(0, match.index).split(/[.;,:!?]/).pop() ?? '';
        const after = text.slice(match.index + match[0].length);
        if (NOT_CONDITIONAL_BEFORE.test(before) || NOT_CONDITIONAL_AFTER.test(after) || SCALE_BEFORE.test(before)) continue;
        return { text: match[0], index: match.index };
    }
    return undefined;
}

/** Wording that offers something in return (a discount, a gift, a prize, money). */
const INCENTIVE = /\b(\d+\s*%\s*off|off\s+(your|the)\s+next|discount|coupon|voucher|gift\s*card|gift|free|prize|draw|raffle|sweepstakes?|giveaway|cash|refund|credit|points|reward|rewarded|in\s+return|get\s+\d+|win)\b/i;

/** Whether a text offers something in return for what it asks. */
export function offersIncentive(text: string): boolean {
    return INCENTIVE.test(text);
}

// Shared reading of the funnel for the follow-up, closing and economics rules:
// what a follow-up carries and how its cadence is quoted. Which stage a
// conversion line names is a fact of the model (model/funnel-stages.ts).
import { CstUtils } from 'langium';
import type { Cadence, FollowUp } from '../generated/ast.js';

/**
 * A cadence as a message quotes it: its words one space apart (`every 2
 * weeks`), however they are spaced, broken over lines or interleaved with
 * comments in the plan. A message is one line, and formatting the plan must
 * not change what it says.
 */
export function cadenceText(cadence: Cadence | undefined): string | undefined {
    const cst = cadence?.$cstNode;
    if (!cst) return undefined;
    return CstUtils.flattenCst(cst).filter(leaf => !leaf.hidden).map(leaf => leaf.text).join(' ');
}

/** Contents that make a follow-up a newsletter. */
const NEWSLETTER_WORDS = new Set(['newsletter', 'newsletters', 'news', 'digest', 'roundup', 'bulletin']);

/** Contents that make a follow-up a sales e-mail: it sells rather than informs. */
const SALES_WORDS = new Set([
    'offer', 'offers', 'sale', 'sales', 'deal', 'deals', 'promotion', 'promotions', 'promo', 'promos',
    'discount', 'discounts', 'coupon', 'coupons', 'pitch', 'ad', 'ads', 'advert', 'advertisement', 'special', 'specials'
]);

/**
 * Contents that are an item of value to the reader (002 #2): tips, free things,
 * a link to a post, a story, and the like. A bare newsletter is not one: it is
 * an envelope, and what is of value is what it carries.
 */
const VALUE_WORDS = new Set([
    'tip', 'tips', 'howto', 'guide', 'guides', 'tutorial', 'tutorials', 'lesson', 'lessons', 'course',
    'checklist', 'checklists', 'template', 'templates', 'recipe', 'recipes', 'story', 'stories',
    'free', 'freebie', 'freebies', 'gift', 'gifts', 'sample', 'samples', 'ebook', 'ebooks', 'report', 'reports',
    'link', 'links', 'post', 'posts', 'article', 'articles', 'video', 'videos', 'podcast', 'webinar', 'webinars',
    'casestudy', 'insights', 'advice', 'ideas', 'faq', 'answers', 'quiz', 'humor', 'humour', 'joke', 'jokes'
]);

function words(followUp: FollowUp): string[] {
    return followUp.contents.map(word => word.toLowerCase());
}

/** Whether a follow-up sends a newsletter. */
export function isNewsletter(followUp: FollowUp): boolean {
    return words(followUp).some(word => NEWSLETTER_WORDS.has(word));
}

/** Whether a follow-up sells (an offer, a deal, a discount). */
export function isSalesMail(followUp: FollowUp): boolean {
    return words(followUp).some(word => SALES_WORDS.has(word));
}

/** The contents of a follow-up that are of value to the reader. */
export function valueItems(followUp: FollowUp): string[] {
    return followUp.contents.filter(word => VALUE_WORDS.has(word.toLowerCase()));
}

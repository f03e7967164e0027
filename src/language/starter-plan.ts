/**
 * The starter plan `mplan init` and the VS Code extension's New Plan command
 * write: a complete plan for an example business that teaches the language in
 * its comments and that `mplan check` finds nothing wrong with. It is kept here as text (not as a file read at run time)
 * so that it is part of the bundle.
 *
 * Its dates are counted from the day it is written: the campaign starts on the
 * first day of the next month and runs six months. A plan with fixed dates
 * would be judged ended (`missing-results`) some day after it was written; this
 * one stays clean until its campaign has really ended, and then asks for the
 * campaign's results, as the rule means it to.
 */
import { dayNumber } from './model/values.js';
import { isoDay, monthsLater } from './model/periods.js';

/** The dates in the starter plan, as YYYY-MM-DD. */
export interface StarterDates {
    /** The campaign and its tactics start: the first day of the month after `today`. */
    start: string;
    /** The campaign and the search ads end: six whole months later. */
    end: string;
    /** The social posts end: three whole months after the start. */
    socialEnd: string;
    /** The campaign's review: two weeks after it ends. */
    review: string;
    /** The objective's deadline: a year after the start. */
    deadline: string;
}

/** The starter plan's dates for a plan written on `today` (YYYY-MM-DD). */
export function starterDates(today: string): StarterDates {
    const day = dayNumber(today);
    if (day === undefined) throw new Error(`not a date: ${today}`);
    const date = new Date(day * 86_400_000);
    const start = Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 86_400_000);
    const end = monthsLater(start, 6);
    return {
        start: isoDay(start),
        end: isoDay(end),
        socialEnd: isoDay(monthsLater(start, 3)),
        review: isoDay(end + 14),
        deadline: isoDay(monthsLater(start, 12))
    };
}

/** The text of the starter plan (`plan.mplan`) written on `today`. */
export function starterPlan(today: string): string {
    const d = starterDates(today);
    return `// plan.mplan: your marketing plan, written in mplan.
//
// This starter is a complete plan for an example business, a small online coffee roaster, and
// \`mplan check\` finds nothing wrong with it. Replace the names, texts and numbers with your own,
// one block at a time, and run \`mplan check\` as you go: it asks what a seasoned marketer would
// ask about your plan, each finding with a rule id (\`mplan explain RULE-ID\` says why it matters).
//
// The language in brief: a block is a keyword, a name and its facts in braces. Facts come in any
// order, one a line; a missing fact is a finding, never a syntax error. Names point at other
// blocks (\`targets HomeBrewers\`). Texts are in "double quotes", dates are YYYY-MM-DD, digits may
// be grouped with _ (12_000), and // or /* */ start a comment.
// A plan can grow over several files: \`import "shared/market.mplan"\` at the top of this file
// brings in the blocks of another file (a library: a file without a plan block).
// \`mplan format\` lays a file out in the house style.

// What the plan is for, and the currency every price and budget is summed in.
plan MyPlan {
    goal "Turn first-time buyers into monthly subscribers"
    currency USD
    focus BeanSubscription // the product this plan pushes first
    revisit every quarter // when you read the plan again and adjust it
}

// Where you sell: the country (ISO code; EU for the whole Union), its languages, currency and time
// zones. mplan checks each market against its law (consent, texts, opt-outs, discounts, green claims).
market US "United States" {
    country US
    language en
    currency USD
    timezones "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"
}

// What you sell: why it is worth buying, what speaks against it and how you answer that.
product BeanSubscription {
    price 24 USD
    benefit "Roasted to order and at your door three days later"
    drawback "Costs more than supermarket coffee" mitigated by "The first bag is half price"
    complements HandGrinder // what a buyer can buy with it
    improvement "A new single-origin coffee every season"
}

product HandGrinder {
    price 59 USD
    benefit "Fresh-ground coffee in a minute, no electricity needed"
}

// Who you sell to: who they are, where they are, what they earn, where and when they are online.
segment HomeBrewers {
    who "Coffee lovers who brew at home and want better beans"
    decides // they make the purchase (a segment that only advises: influences OtherSegment)
    age 25 to 55
    income 40_000 to 120_000 USD per year
    from "Cities with no specialty roaster nearby"
    shops online
    habits {
        search google
        social instagram
        communities "r/Coffee", "Home-Barista forum"
        online daily 7:00 to 22:00
    }
}

// Who else sells to them, what they do well and badly, and why buyers should pick you.
competitor SupermarketBrands {
    strength "Cheap and on every shelf"
    weakness "Roasted months before it is sold"
    we differ by "Roasted to order, dated on the bag"
}

// What you learnt before planning: which sellers you studied, where you listened, what you found.
research {
    studied SupermarketBrands
    consulted "r/Coffee"
    finding "Home brewers care most about freshness, then about price"
}

// How you will win them: a statement, whom it targets, a measurable objective (what, which metric,
// how much, by when, and who answers for it) and the one message every tactic repeats.
strategy FreshnessFirst {
    statement "Win home brewers who are tired of stale coffee"
    targets HomeBrewers
    objective "Monthly subscribers" metric subscribers target 300 by ${d.deadline} owner Alex
    message "Coffee roasted for you this week"
    promotes BeanSubscription
}

// The tactics that carry the strategy out: channel, audience, budget, dates and message.
tactic SearchAds {
    serves FreshnessFirst
    channel ppc on google
    audience HomeBrewers
    budget 3_000 USD
    from ${d.start} to ${d.end}
    message "Coffee roasted for you this week"
}

tactic InstagramPosts {
    serves FreshnessFirst
    channel social on instagram
    audience HomeBrewers
    budget 1_500 USD
    from ${d.start} to ${d.socialEnd}
    message "Coffee roasted for you this week"
}

// A campaign runs tactics with a budget, people and dates, tracks sales and satisfaction, and is
// reviewed once it is over. When it has ended, write down what it achieved (mplan check asks):
//     results { sales 120 satisfaction 90% }
campaign Launch {
    budget 5_000 USD
    staff Alex 50%, Sam 20% from marketing, sales
    from ${d.start} to ${d.end}
    runs SearchAds, InstagramPosts
    promotes BeanSubscription
    track sales, satisfaction
    review on ${d.review}
}

// How a visitor becomes a lead, a customer and a repeat customer, and the e-mail in between.
funnel {
    collect leads by optin form offering guide "Brew better coffee at home" double optin
    confirm by autoresponder
    follow up weekly on friday at 9:00 with tips, newsletter
    close monthly with call to action
    upsell BeanSubscription to HandGrinder // what a buyer is offered next
    loyalty "Every tenth bag free"
    unsubscribe link in every email // the law in most countries, and good manners
    sender address "My Coffee Roaster, 1 Main Street, Springfield"
    visitors 8_000 per month
    conversion visitors to leads 5%
    conversion leads to customers 20%
    conversion customers to repeat 50%
}

// What makes buying safe and easy: a money-back guarantee with clear terms, something free to
// try, ways to pay, and why paying is secure.
offer {
    guarantee money back 30 days
        claim "One reply to the order e-mail"
        refunds "The full price, shipping included"
        paid within 5 days
    free sample "A 50 g tasting bag with the first order"
    payments card, paypal
    security "PCI-compliant checkout over TLS"
}
`;
}

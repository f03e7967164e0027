/**
 * The plans, written as marketers write them, that the tests of money over time share: the projection
 * (test/language/model/economics.test.ts works their figures out by hand), the funnel economics and
 * objective rules, the report, the hover and the inlay hints. Each business is written once here; a test
 * that needs other figures makes its variant with `replaced` (or `without`, `blockOf`) and says in a
 * comment what the variant's figures come to. No Langium here: the CLI and LSP tests import it too.
 *
 * - COFFEE_CLUB: a coffee subscription with exact figures, one cohort size a month.
 * - BEAN_BOX: another coffee subscription, with ranges and two tactics run by one campaign
 *   (BEAN_BOX_LAUNCH: the same business with one launch campaign, for the funnel economics rules).
 * - LEDGERLY: an accounting SaaS sold in tiers after a free trial
 *   (LEDGERLY_LAUNCH: at one price, with a launch too dear for it).
 * - PHOTO_COURSE: a course sold through a webinar, with coaching as the upsell.
 * - SILVER_RING: a one-off product bought again.
 * - NO_FUNNEL: a bakery's first plan, with no funnel yet.
 */

/** `text` with the first `from` of each pair replaced by its `to`; a `from` that is not there is an error, not a silent no-op. */
export function replaced(text: string, ...replacements: Array<[string, string]>): string {
    for (const [from, to] of replacements) {
        if (!text.includes(from)) throw new Error(`no '${from}' in the plan`);
        text = text.replace(from, to);
    }
    return text;
}

/** The top-level block of `text` whose first line starts with `head` ('campaign Launch', 'funnel'), through its closing brace and line end. */
export function blockOf(text: string, head: string): string {
    const start = text.startsWith(head) ? 0 : text.indexOf(`\n${head}`) + 1;
    if (start === 0 && !text.startsWith(head)) throw new Error(`no block '${head}' in the plan`);
    const end = text.indexOf('\n}\n', start);
    if (end < 0) throw new Error(`block '${head}' has no closing brace on a line of its own`);
    return text.slice(start, end + 3);
}

/** `text` without the top-level blocks that start with `heads`, each with the blank line that parts it from the next (or the one before, for the last). */
export function without(text: string, ...heads: string[]): string {
    for (const head of heads) {
        const block = blockOf(text, head);
        text = text.includes(`${block}\n`) ? text.replace(`${block}\n`, '') : text.replace(`\n${block}`, '');
    }
    return text;
}

/**
 * A coffee subscription: 10,000 visitors a month, 2% subscribe (200 a month), 20 USD a month at a 50%
 * margin, 5% churn a month; the campaign spends 1,000 USD a month from January to June 2027 on its one
 * tactic: 1,200 subscribers for 6,000 USD, a CAC of 5 USD. Objectives and a KPI of the strategy, a
 * segment with habits, a campaign with a review date: what the report shows.
 */
export const COFFEE_CLUB = `plan CoffeeClub "Coffee Club, year one" {
    goal "1,000 paying subscribers by the end of 2027"
    currency USD
    focus MonthlyBeans
    revisit every quarter
}

product MonthlyBeans "Monthly beans" {
    price 20 USD per month
    margin 50%
    churn 5% per month
    benefit "Beans roasted the week they ship"
}

segment HomeBaristas "Home baristas" {
    who "People who brew espresso or filter coffee at home every day"
    from "United States"
    age 25 to 55
    spends 40 USD per month
    habits { social instagram, reddit  search google }
}

strategy Subscriptions "Subscriptions first" {
    statement "Win home baristas with a first bag at cost, then keep them with fresh beans every month"
    targets HomeBaristas
    objective "Paying subscribers" metric active_subscribers target 1_000 by 2027-12-31 owner "Ana Lima" review monthly
    objective "New subscribers" metric customers target at least 1_000 by 2027-12-31 owner "Ana Lima" review monthly
    kpi "Acquisition cost" metric cac target at most 6 USD owner "Ana Lima" review weekly
    objective "Monthly revenue" metric revenue target 20_000 USD per month by 2027-06-30 owner "Ana Lima" review monthly
}

tactic InstagramAds "Instagram ads" {
    serves Subscriptions
    channel social on instagram
    audience HomeBaristas
    budget 1_000 USD per month
    from 2027-01-01 to 2027-06-30
}

campaign SpringLaunch "Spring launch" {
    budget 1_000 USD per month
    runs InstagramAds
    from 2027-01-01 to 2027-06-30
    review on 2027-07-15
}

funnel "Instagram funnel" {
    visitors 10_000 per month
    conversion visitors to subscribers 2%
    first purchase at subscribers
}
`;

/** The coffee club with its figures uncertain: 8,000 to 12,000 visitors, 1% to 3% subscribe, 3% to 8% churn. */
export const COFFEE_CLUB_RANGES = replaced(COFFEE_CLUB,
    ['visitors 10_000 per month', 'visitors 8_000 to 12_000 per month'],
    ['conversion visitors to subscribers 2%', 'conversion visitors to subscribers 1% to 3%'],
    ['churn 5% per month', 'churn 3% to 8% per month']);

/**
 * A coffee subscription in ranges: 19 USD a month at a 60% margin (11.40 USD), 3% to 5% churn a month;
 * 8,000 to 12,000 visitors a month × 5% × 25% to 35% = 100 to 210 subscribers a month while the Spring
 * launch spends 2,000 USD a month, February to April, on two tactics (1,500 and 500 USD a month).
 */
export const BEAN_BOX = `plan BeanBox "Bean Box: year one" {
    goal "1,000 paying subscribers by the end of 2027"
    currency USD
    focus CoffeeClub
}

product CoffeeClub "Coffee Club subscription" {
    price 19 USD per month
    margin 60%
    churn 3% to 5% per month
    benefit "Roasted the week it ships"
}

segment HomeBrewers {
    who "Home brewers who buy specialty beans online"
    shops online
}

strategy Subscribers {
    statement "Win home brewers who keep running out of good beans"
    targets HomeBrewers
    objective "Paying subscribers" metric customers target at least 1_000 by 2027-12-31 owner "Ana Lima" review monthly
    kpi "Acquisition cost" metric cac target at most 35 USD owner Ana review weekly
    kpi "Churn" metric churn target at most 4% a month
}

tactic InstagramAds {
    serves Subscribers
    channel social on instagram
    audience HomeBrewers
    budget 1_500 USD per month
    from 2027-02-01 to 2027-04-30
}

tactic BrewGuides {
    serves Subscribers
    channel seo
    audience HomeBrewers
    budget 500 USD per month
    from 2027-02-01 to 2027-04-30
}

campaign SpringLaunch "Spring launch" {
    budget 2_000 USD per month
    from 2027-02-01 to 2027-04-30
    runs InstagramAds, BrewGuides
    promotes CoffeeClub
}

funnel "Subscription funnel" {
    visitors 8_000 to 12_000 per month
    conversion visitors to signups 5%
    conversion signups to subscribers 25% to 35%
    first purchase at subscribers
}
`;

/**
 * The Bean Box with exact figures and one launch campaign of its own, which the funnel economics rules
 * (funnel-unprofitable, ltv-below-cac, cac-payback-too-long) start from: 12,000 visitors a month × 4% ×
 * 25% = 120 subscribers a month, January to June: 720 subscribers. Each pays 19 USD a month at a 60%
 * margin (11.40 USD) and 95% stay each month (churn 5% a month), so a subscriber brings
 * 11.40 × (1 − 0.95^12) / 0.05 = 104.80 USD of margin in their first 12 months, and one won in month m
 * (0 to 5) the months left: 62,930.62 USD of margin in all, 10,488.44 USD for each of the six months of
 * the campaign's 10,488 USD. The product is on line 7, the campaign on line 27, the funnel's title on
 * line 33, its visitors on line 34.
 */
export const BEAN_BOX_LAUNCH = replaced(without(BEAN_BOX, 'tactic InstagramAds', 'tactic BrewGuides'),
    ['churn 3% to 5% per month', 'churn 5% a month'],
    ['    budget 2_000 USD per month\n    from 2027-02-01 to 2027-04-30\n    runs InstagramAds, BrewGuides\n', '    budget 10_488 USD per month\n    from 2027-01-01 to 2027-06-30\n'],
    ['visitors 8_000 to 12_000 per month', 'visitors 12_000 per month'],
    ['visitors to signups 5%', 'visitors to signups 4%'],
    ['signups to subscribers 25% to 35%', 'signups to subscribers 25%']);

/**
 * An accounting SaaS sold in two tiers after a 30-day trial: 500 trials a month, 20% of them convert
 * (100 paying firms a month), who pay from the month after the trial the mix of the tiers,
 * 0.75 × 15 + 0.25 × 45 = 22.50 EUR a month (19.50 EUR of margin after a unit cost of 3 EUR), 97% of
 * them staying each month; the launch spends 4,000 EUR a month from March to May 2027: 12,000 EUR for
 * 300 paying firms, a CAC of 40 EUR. Its strategy has owners for each objective and a KPI of return on ad spend.
 */
export const LEDGERLY = `plan Ledgerly "Ledgerly: year one" {
    goal "Become the bookkeeping tool of one-person businesses"
    currency EUR
    focus Ledgerly
    revisit quarterly
}

product Ledgerly "Ledgerly accounting" {
    tier Solo 15 EUR per month share 75%
    tier Team "Team of five" 45 EUR per month share 25%
    trial 30 days converts 20%
    unit cost 3 EUR
    retention 97% per month
    benefit "Books closed in ten minutes a month"
}

segment Freelancers {
    who "Freelancers who do their own books"
}

strategy SelfServe {
    statement "Let freelancers try it and stay"
    targets Freelancers
    objective "Paying accounts" metric accounts target at least 400 by 2027-12-31 owner "Marta Ruiz" review monthly
    objective "Recurring revenue" metric mrr target 5_000 EUR by 2027-12-31 owner Marta
    kpi "Return on ad spend" metric roas target at least 1.5x owner Marta review monthly
}

campaign Launch {
    budget 4_000 EUR per month
    from 2027-03-01 to 2027-05-31
}

funnel Trials {
    expect 500 trials per month
}
`;

/**
 * Ledgerly at one price, with a launch too dear for it, which the funnel economics rules start from:
 * 500 trials a month, March to May, and 1,000 trials already running, of which 20% pay: 500 paying
 * customers. Each pays 25 EUR a month (20 EUR of margin after a unit cost of 5 EUR) from the month after
 * the trial, and 90% stay each month. 30,000 EUR a month is 90,000 EUR: 180 EUR to win a paying
 * customer. The funnel's count of trials is on line 34.
 */
export const LEDGERLY_LAUNCH = replaced(LEDGERLY,
    ['    tier Solo 15 EUR per month share 75%\n    tier Team "Team of five" 45 EUR per month share 25%\n', '    price 25 EUR per month\n'],
    ['unit cost 3 EUR', 'unit cost 5 EUR'],
    ['retention 97% per month', 'retention 90% per month'],
    ['budget 4_000 EUR per month', 'budget 30_000 EUR per month'],
    ['    expect 500 trials per month\n', '    expect 500 trials per month\n    list 1_000 trials\n']);

/**
 * A photography course sold through a webinar: 6,000 visitors a month × 10% × 40% × 10% = 24 buyers a
 * month, April to June, for 9,000 USD of ads (72 buyers, 125 USD each). The course is 300 USD at a 90%
 * margin (270 USD); one buyer in ten takes coaching at 1,200 USD and 60% (720 USD): 342 USD of margin a buyer.
 */
export const PHOTO_COURSE = `plan PhotoCourse "Street photography course" {
    goal "Sell the course to 500 photographers in 2027"
    currency USD
    focus Course
}

product Course "Photography in 30 days" {
    price 300 USD
    margin 90%
}

product Coaching {
    price 1_200 USD
    margin 60%
}

tactic WebinarAds {
    channel ppc on google
    budget 9_000 USD
    from 2027-04-01 to 2027-06-30
}

funnel "Webinar funnel" {
    visitors 6_000 per month
    conversion visitors to registrations 10%
    conversion registrations to attendees 40%
    conversion attendees to buyers 10%
    first purchase at buyers
    upsell Course to Coaching 10%
}
`;

/**
 * Handmade rings that 24% of buyers buy again within a year (2% a month): 80 USD at a unit cost of
 * 30 USD; 3,000 visitors in March × 1% = 30 buyers for 1,500 USD of ads.
 */
export const SILVER_RING = `plan SilverStudio {
    goal "A repeat customer base for handmade rings"
    currency USD
    focus Ring
}
product Ring "Handmade silver ring" {
    price 80 USD
    unit cost 30 USD
    repeat purchase 24% per year
}
tactic InstagramAds {
    channel social on instagram
    budget 1_500 USD
    from 2027-03-01 to 2027-03-31
}
funnel {
    visitors 3_000 per month
    conversion visitors to buyers 1%
}
`;

/**
 * A bakery's first plan: products, a segment, a campaign with dates and a
 * budget, but no funnel, no competitor and no offer yet.
 */
export const NO_FUNNEL = `plan CornerCakes "Corner Cakes: opening season" {
    goal "Sell 300 celebration cakes in the first six months"
    currency EUR
    focus CelebrationCake
    revisit every month
}

product CelebrationCake "Celebration cake" {
    price 45 EUR
    unit cost 18 EUR
    benefit "Baked to order the morning it is collected"
}

segment Parents "Parents planning a birthday" {
    who "Parents of young children in the neighbourhood"
    from "Lyon 6e"
    age 28 to 45
    spends 60 EUR per month
    habits { social instagram, facebook  search google }
}

strategy LocalFirst "Known on every street around the shop" {
    statement "Be the first bakery parents think of for a birthday within a kilometre"
    targets Parents
    objective "Cakes sold" metric orders target 300 by 2027-09-30 owner Camille review monthly
}

tactic LocalAds "Local Facebook ads" {
    serves LocalFirst
    channel social on facebook
    audience Parents
    budget 400 EUR per month
    from 2027-04-01 to 2027-09-30
}

campaign Opening "Opening season" {
    budget 2_400 EUR
    runs LocalAds
    from 2027-04-01 to 2027-09-30
    review on 2027-10-15
}
`;

/**
 * Plans as marketers write them, for the report's money-over-time, objectives,
 * readiness and display-title tests. The figures of COFFEE_CLUB are worked
 * out in test/language/model/economics.test.ts: 10,000 visitors a month, 2%
 * subscribe, 20 USD a month at 50% margin, 5% churn a month, 1,000 USD a
 * month of spend from January to June 2027.
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
export const COFFEE_CLUB_RANGES = COFFEE_CLUB
    .replace('visitors 10_000 per month', 'visitors 8_000 to 12_000 per month')
    .replace('conversion visitors to subscribers 2%', 'conversion visitors to subscribers 1% to 3%')
    .replace('churn 5% per month', 'churn 3% to 8% per month');

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

/**
 * An accounting SaaS sold in two tiers after a 30-day trial (economics.test.ts
 * works its figures out): 500 trials a month, 20% of them convert, March to
 * May 2027 at 4,000 EUR a month.
 */
export const LEDGERLY = `plan Ledgerly "Ledgerly: year one" {
    goal "300 paying firms by the summer"
    currency EUR
    focus Ledgerly
}

product Ledgerly "Ledgerly accounting" {
    tier Solo 15 EUR per month share 75%
    tier Team "Team plan" 45 EUR per month share 25%
    trial 30 days converts 20%
    unit cost 3 EUR
    retention 97% per month
    benefit "Books closed in an afternoon"
}

strategy SmallFirms "Small firms first" {
    statement "Win accountants' small clients with a free month"
    kpi "Return on ad spend" metric roas target at least 2x owner "Ana Lima" review monthly
}

campaign Launch "Spring launch" {
    budget 4_000 EUR per month
    from 2027-03-01 to 2027-05-31
}

funnel "Trial funnel" {
    expect 500 trials per month
}
`;

/**
 * Plans as marketers write them, for the hover and inlay-hint tests of money
 * over time: a coffee subscription, an accounting SaaS with tiers and a
 * trial, a photography course sold through a webinar with an upsell.
 */

/** A coffee subscription: a price per month, a margin, churn as a range, budgets per month, a funnel in its own words. */
export const COFFEE = `plan BeanBox "Bean Box: year one" {
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

/** An accounting SaaS: tiers with shares, a 30-day trial that converts, a unit cost, retention, a campaign per month. */
export const SAAS = `plan Ledgerly "Ledgerly: year one" {
    currency EUR
    focus Ledgerly
}

product Ledgerly "Ledgerly accounting" {
    tier Solo 15 EUR per month share 75%
    tier Team "Team of five" 45 EUR per month share 25%
    trial 30 days converts 20%
    unit cost 3 EUR
    retention 97% per month
}

campaign Launch {
    budget 4_000 EUR per month
    from 2027-03-01 to 2027-05-31
}

funnel Trials {
    expect 500 trials per month
}
`;

/** A photography course sold through a webinar, with coaching as the upsell. */
export const WEBINAR = `plan PhotoCourse {
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

/**
 * What each keyword of the language means, in plain words, and how it is
 * written: the one place hover (and anything else that explains keywords)
 * reads. A test holds this table to the grammar: every keyword has an entry.
 */

/** The meaning of a keyword and a line that uses it. */
export interface KeywordDoc {
    /** What the keyword means, in a marketer's words. */
    meaning: string;
    /** How it is written: a line of a plan that uses it. */
    usage: string;
}

export interface KeywordEntry extends KeywordDoc {
    /**
     * Where the keyword means something else: by the kind of block or part it
     * stands in (the AST type, e.g. `Period` for `from 2027-02-01 to …`).
     */
    in?: Readonly<Record<string, KeywordDoc>>;
}

const CHANNEL_USAGE = (channel: string, on: string) => `channel ${channel} on ${on}`;

function channel(meaning: string, on: string, name: string): KeywordEntry {
    return { meaning: `A channel: ${meaning}`, usage: CHANNEL_USAGE(name, on) };
}

function weekday(day: string): KeywordEntry {
    const name = day[0].toUpperCase() + day.slice(1);
    return {
        meaning: `${name}s: the hours apply on ${name}s only.`,
        usage: `online ${day} 9:00 to 12:00`,
        in: {
            FollowUp: { meaning: `Follow-up e-mails go out on ${name}s.`, usage: `follow up weekly on ${day} at 10:00` }
        }
    };
}

function timeUnit(unit: string, counted: string): KeywordEntry {
    const one = unit.endsWith('s') ? unit.slice(0, -1) : unit;
    const examples = unit === one
        ? `for a length (\`1 ${one}\`), a cadence (\`every ${one}\`) or an amount per ${one} (\`per ${one}\`)`
        : `for a length (\`2 ${unit}\`) or a cadence (\`every 2 ${unit}\`)`;
    return {
        meaning: `A unit of time${counted ? `, counted as ${counted}` : ''}: ${examples}.`,
        usage: unit === one ? `spends 400 USD per ${one}` : `guarantee money back 2 ${unit}`
    };
}

function cadence(named: string, meaning: string): KeywordEntry {
    return { meaning: `${meaning} A cadence: how often you revisit the plan, follow up or close.`, usage: `follow up ${named}` };
}

const FROM_TO_PERIOD: KeywordDoc = {
    meaning: 'A period: from the first day to the last, both included, as YYYY-MM-DD.',
    usage: 'from 2027-02-01 to 2027-04-30'
};

export const KEYWORD_DOCS: Readonly<Record<string, KeywordEntry>> = {
    // ------------------------------------------------------------ files and plan
    import: {
        meaning: 'Brings in the blocks of another file, so that this file can name its segments, products, strategies and tactics. The path is relative to this file; a plan is judged together with everything it imports.',
        usage: 'import "shared/market.mplan"'
    },
    plan: {
        meaning: 'The plan itself: its goal, the currency its amounts are added up in, the products it focuses on and how often you look at it again. A file with a plan block is judged together with every file it imports.',
        usage: 'plan CornerBakery { goal "Become the caterer of downtown offices" currency USD }'
    },
    goal: {
        meaning: 'What the whole plan should achieve, in one sentence.',
        usage: 'goal "Become the default caterer for downtown offices within two years"'
    },
    currency: {
        meaning: 'The currency the plan adds up and compares its amounts in, as a three-letter code.',
        usage: 'currency USD'
    },
    focus: {
        meaning: 'The products the plan puts first. Its strategies and campaigns should promote them.',
        usage: 'focus CateringBox'
    },
    revisit: {
        meaning: 'How often you look at the plan again and adjust it to what you learnt.',
        usage: 'revisit every quarter'
    },

    // ------------------------------------------------------------------ product
    product: {
        meaning: 'Something you sell: its price, what buyers gain from it, its drawbacks and the products that go with it.',
        usage: 'product CateringBox { price 49 USD benefit "Baked the same morning" }'
    },
    price: {
        meaning: 'What the product costs the buyer: once, unless it says per what (`per month` for a subscription). A range (`39 to 49 USD`) when the price is not settled yet.',
        usage: 'price 19 USD per month'
    },
    tier: {
        meaning: 'A tier of the product, such as a plan of a subscription: a name, a title in quotes if you like, its own price and the share of buyers expected to pick it. Without shares, the product\'s price runs from its cheapest tier to its dearest; with shares, it is their weighted mix.',
        usage: 'tier Starter "Starter plan" 15 USD per month share 40%'
    },
    variant: {
        meaning: 'A variant of a product bought once, such as a size or an edition: a name, a title in quotes if you like, its own price and the share of buyers expected to pick it. Without shares, the product\'s price runs from its cheapest variant to its dearest; with shares, it is their weighted mix.',
        usage: 'variant Large "Large box" 45 USD share 30%'
    },
    share: {
        meaning: 'The share of buyers expected to pick this tier or variant. With shares, the product\'s price is the weighted mix of its tiers.',
        usage: 'tier Pro 29 USD per month share 25%'
    },
    trial: {
        meaning: 'A free trial before the first payment: how long it lasts and, after `converts`, the share of people on trial who go on to pay.',
        usage: 'trial 14 days converts 20% to 30%'
    },
    converts: {
        meaning: 'The share of people on trial who go on to pay. A range (`20% to 30%`) when you are not sure: the checks judge the lower figure.',
        usage: 'trial 14 days converts 25%'
    },
    margin: {
        meaning: 'The gross margin: the share of the price that is left once one sale is made and delivered. Give it, or the `unit cost`, so that the plan can tell what a customer is worth.',
        usage: 'margin 60%'
    },
    unit: {
        meaning: 'Starts `unit cost`: what one sale costs you to make and deliver (for a subscription, one billing period).',
        usage: 'unit cost 7 USD'
    },
    cost: {
        meaning: 'Part of `unit cost`: what one sale costs you to make and deliver (for a subscription, one billing period).',
        usage: 'unit cost 7 USD'
    },
    retention: {
        meaning: 'The share of subscribers still paying after each period. Without a unit, the period is the one the price is paid for (a month for a price paid once). The other side of `churn`: give one or the other.',
        usage: 'retention 97% per month'
    },
    churn: {
        meaning: 'The share of subscribers who stop paying each period. Without a unit, the period is the one the price is paid for (a month for a price paid once). The other side of `retention`: give one or the other.',
        usage: 'churn 3% a month'
    },
    repeat: {
        meaning: 'The share of buyers of a product bought once who buy it again, each period: per year unless it says otherwise.',
        usage: 'repeat purchase 30% per year'
    },
    purchase: {
        meaning: 'Purchase: in `repeat purchase`, buying again; in `first purchase at`, the stage of the funnel where people buy for the first time.',
        usage: 'repeat purchase 30% per year',
        in: {
            Product: { meaning: 'Part of `repeat purchase`: the share of buyers who buy again, each period (per year unless it says otherwise).', usage: 'repeat purchase 30% per year' },
            Funnel: { meaning: 'Part of `first purchase at`: the stage of the funnel where people buy for the first time.', usage: 'first purchase at buyers' }
        }
    },
    purchases: {
        meaning: 'Part of `repeat purchases`, the same as `repeat purchase`: the share of buyers who buy again, each period (per year unless it says otherwise).',
        usage: 'repeat purchases 20% per year'
    },
    benefit: {
        meaning: 'What buyers gain from the product, in their words. One benefit per line.',
        usage: 'benefit "Delivered by 11:30 for lunch meetings"'
    },
    drawback: {
        meaning: 'A weak point of the product that buyers will notice. Say how you soften it with `mitigated by`.',
        usage: 'drawback "Needs a day\'s notice" mitigated by "Express tier for a surcharge"'
    },
    mitigated: {
        meaning: 'How you soften a drawback, so that it does not stop the sale.',
        usage: 'drawback "Needs a day\'s notice" mitigated by "Express tier for a surcharge"'
    },
    spinoff: {
        meaning: 'A product made from this one (smaller, cheaper or for another occasion) that you can sell alongside it.',
        usage: 'spinoff PastryPlatter'
    },
    complements: {
        meaning: 'Products this one goes well with, to sell together.',
        usage: 'complements CateringBox'
    },
    improvement: {
        meaning: 'A way you plan to make the product better.',
        usage: 'improvement "Seasonal menu every quarter"'
    },

    // ------------------------------------------------------------------ segment
    segment: {
        meaning: 'A group of buyers you can describe and reach: who they are, their age, their spending power, where they come from and where they spend their time online.',
        usage: 'segment OfficeManagers { who "Office managers who order food for meetings" age 28 to 50 }'
    },
    who: {
        meaning: 'Who the people of this segment are, in one sentence.',
        usage: 'who "Office managers who order food for meetings"'
    },
    decides: {
        meaning: 'People of this segment make the buying decision themselves.',
        usage: 'decides'
    },
    influences: {
        meaning: 'People of this segment sway the buying decision of another segment without making it themselves.',
        usage: 'influences OfficeManagers'
    },
    age: {
        meaning: 'How old the people of this segment are, as a range of years.',
        usage: 'age 28 to 50'
    },
    income: {
        meaning: 'What the people of this segment earn, as a range, and per which time (month, year).',
        usage: 'income 45_000 to 90_000 USD per year'
    },
    spends: {
        meaning: 'What a person of this segment spends on what you sell, and per which time (week, month, year).',
        usage: 'spends 400 USD per month'
    },
    from: {
        meaning: 'Where something comes from or starts: where a segment\'s people come from, the departments a campaign\'s staff come from, or the first day of a period.',
        usage: 'from 2027-02-01 to 2027-04-30',
        in: {
            Segment: { meaning: 'Where the people of this segment come from: places, companies, groups.', usage: 'from "Downtown office towers", "Business park on the ring road"' },
            Campaign: { meaning: 'The departments the campaign\'s staff come from.', usage: 'staff Ann 50%, Raj 100% from marketing, sales' },
            Period: FROM_TO_PERIOD
        }
    },
    shops: {
        meaning: 'Where this segment buys: online or in shops.',
        usage: 'shops online'
    },
    online: {
        meaning: 'Online: the segment buys online (`shops online`), or, in its habits, the days and hours it is online.',
        usage: 'shops online',
        in: {
            Segment: { meaning: 'The segment buys online.', usage: 'shops online' },
            Habits: { meaning: 'When the people of this segment are online: the days and the hours.', usage: 'online weekdays 9:00 to 17:00' }
        }
    },
    offline: {
        meaning: 'The segment buys in shops, not online.',
        usage: 'shops offline'
    },
    habits: {
        meaning: 'Where the people of this segment spend their time online: search engines, social networks, sites, communities, tools, and the hours they are online. Tactics should meet them there.',
        usage: 'habits { search google social linkedin online weekdays 9:00 to 17:00 }'
    },
    search: {
        meaning: 'The search engines the people of this segment use.',
        usage: 'search google'
    },
    social: {
        meaning: 'Social networks: in a segment\'s habits, the ones its people use; as a tactic\'s channel, posts and ads on social networks.',
        usage: 'social linkedin, instagram',
        in: {
            Habits: { meaning: 'The social networks the people of this segment use.', usage: 'social linkedin, instagram' },
            Tactic: { meaning: 'A channel: posts and ads on social networks. Name the networks after `on`.', usage: 'channel social on instagram' }
        }
    },
    sites: {
        meaning: 'The websites the people of this segment read.',
        usage: 'sites "Downtown Business Journal"'
    },
    communities: {
        meaning: 'The forums, groups and communities the people of this segment take part in.',
        usage: 'communities "r/OfficeManagers"'
    },
    tools: {
        meaning: 'The software and apps the people of this segment use every day.',
        usage: 'tools outlook, teams'
    },
    daily: {
        meaning: 'Every day: before hours, every day of the week; as a cadence, once a day.',
        usage: 'online daily 18:00 to 22:00',
        in: {
            Cadence: { meaning: 'Once a day. A cadence: how often you revisit the plan, follow up or close.', usage: 'follow up daily' }
        }
    },
    weekdays: {
        meaning: 'Monday to Friday: the hours apply on working days.',
        usage: 'online weekdays 9:00 to 17:00'
    },
    weekends: {
        meaning: 'Saturday and Sunday: the hours apply at the weekend.',
        usage: 'online weekends 10:00 to 18:00'
    },
    monday: weekday('monday'),
    tuesday: weekday('tuesday'),
    wednesday: weekday('wednesday'),
    thursday: weekday('thursday'),
    friday: weekday('friday'),
    saturday: weekday('saturday'),
    sunday: weekday('sunday'),

    // --------------------------------------------------------------- competitor
    competitor: {
        meaning: 'Another business selling to the same buyers: what it does well, where it falls short, and how you differ from it.',
        usage: 'competitor SweetCo { strength "Lower prices" weakness "Two-day delivery" we differ by "Same-day delivery" }'
    },
    strength: {
        meaning: 'What the competitor does well.',
        usage: 'strength "Lower prices"'
    },
    weakness: {
        meaning: 'Where the competitor falls short: your opening.',
        usage: 'weakness "Two-day delivery"'
    },
    we: {
        meaning: 'Starts `we differ by`: what sets you apart from this competitor, in the buyer\'s eyes.',
        usage: 'we differ by "Same-day delivery"'
    },
    differ: {
        meaning: 'Part of `we differ by`: what sets you apart from this competitor, in the buyer\'s eyes.',
        usage: 'we differ by "Same-day delivery"'
    },
    by: {
        meaning: 'By: how something is done (`we differ by`, `mitigated by`, `collect leads by`, `confirm by`), or, in an objective, the day it is due.',
        usage: 'we differ by "Same-day delivery"',
        in: {
            Competitor: { meaning: 'Part of `we differ by`: what sets you apart from this competitor.', usage: 'we differ by "Same-day delivery"' },
            Drawback: { meaning: 'Part of `mitigated by`: how you soften the drawback.', usage: 'drawback "Needs a day\'s notice" mitigated by "Express tier for a surcharge"' },
            Objective: { meaning: 'The day the objective is due, as YYYY-MM-DD.', usage: 'objective "Repeat orders" metric repeat_rate target 60% by 2027-12-31' },
            Funnel: { meaning: 'Part of `confirm by`: how new leads confirm their address.', usage: 'confirm by autoresponder' },
            LeadCapture: { meaning: 'Part of `collect leads by`: how you collect addresses.', usage: 'collect leads by optin form' }
        }
    },
    research: {
        meaning: 'What you studied before planning: the competitors and sources you looked at, the people you asked, and what you found.',
        usage: 'research { studied SweetCo consulted "Office managers forum" finding "No one delivers on the same day" }'
    },
    studied: {
        meaning: 'What you studied: a competitor by its name, or a source in quotes.',
        usage: 'studied SweetCo, "Catering market report 2026"'
    },
    consulted: {
        meaning: 'The people, forums or sources you asked.',
        usage: 'consulted "Downtown office managers forum"'
    },
    finding: {
        meaning: 'Something the research taught you, in one sentence.',
        usage: 'finding "No one delivers catering on the same day"'
    },

    // ------------------------------------------------------ strategy and tactics
    strategy: {
        meaning: 'How you mean to win buyers: a statement, the segments it targets, measurable objectives, its message and the products it promotes. Tactics serve strategies.',
        usage: 'strategy OfficeCatering { statement "Own catering for downtown offices" targets OfficeManagers }'
    },
    statement: {
        meaning: 'The strategy in one sentence: what you do, for whom, and why you win.',
        usage: 'statement "Own catering for downtown offices by being the only same-day option"'
    },
    targets: {
        meaning: 'The segments the strategy is aimed at.',
        usage: 'targets OfficeManagers, TeamAssistants'
    },
    objective: {
        meaning: 'A measurable aim of the strategy: what, measured by which metric, how much, by when, who owns it and how often it is reviewed.',
        usage: 'objective "Paying accounts" metric customers target at least 1_200 by 2027-12-31 owner "Ana Lima" review monthly'
    },
    kpi: {
        meaning: 'A key performance indicator of the strategy: a metric watched all along, the level it should keep to (`at most 35 USD`, `at least 4x`), who owns it and how often it is reviewed. Unlike an objective, it needs no deadline.',
        usage: 'kpi "Acquisition cost" metric cac target at most 35 USD owner Ana review weekly'
    },
    metric: {
        meaning: 'What the objective or KPI is measured by, in one word.',
        usage: 'objective "Paying accounts" metric customers target 1_200 by 2027-12-31'
    },
    target: {
        meaning: 'The figure the objective or KPI should reach: a number, a percentage (`%`), a ratio (`4x`) or an amount (`35 USD`), per period if you like (`per month`). `at least` or `at most` says which side of it is good; a range (`30 to 40`) when you are not sure.',
        usage: 'kpi "Monthly revenue" metric revenue target at least 20_000 USD per month'
    },
    least: {
        meaning: 'Part of `at least`: the target is a floor; reaching it or more is good.',
        usage: 'objective "Paying accounts" metric customers target at least 1_200 by 2027-12-31'
    },
    most: {
        meaning: 'Part of `at most`: the target is a ceiling; keeping to it or below is good.',
        usage: 'kpi "Acquisition cost" metric cac target at most 35 USD'
    },
    x: {
        meaning: 'A ratio, written right after its number: `4x` is four times, such as revenue four times what the ads cost (ROAS).',
        usage: 'kpi "Return on ad spend" metric roas target at least 4x'
    },
    owner: {
        meaning: 'Who answers for the objective or KPI: a name, or several words in quotes.',
        usage: 'kpi "Churn" metric churn target at most 2% a month owner "Ana Lima"'
    },
    message: {
        meaning: 'What you tell buyers, in one line.',
        usage: 'message "Fresh, same day"',
        in: {
            Strategy: { meaning: 'What the strategy tells buyers, in one line. Its tactics carry it.', usage: 'message "Fresh, same day"' },
            Tactic: { meaning: 'What this tactic says: an ad\'s headline, a post\'s line, an e-mail\'s subject.', usage: 'message "Lunch meeting tomorrow? Fresh, same day."' }
        }
    },
    promotes: {
        meaning: 'The products this strategy or campaign pushes.',
        usage: 'promotes CateringBox',
        in: {
            Strategy: { meaning: 'The products the strategy pushes.', usage: 'promotes CateringBox' },
            Campaign: { meaning: 'The products the campaign sells.', usage: 'promotes CateringBox' }
        }
    },
    tactic: {
        meaning: 'One concrete way to reach buyers: a channel and its platforms, the strategies it serves, its audience, budget, period and message. Campaigns run tactics.',
        usage: 'tactic LinkedInAds { serves OfficeCatering channel ppc on linkedin budget 3_000 USD }'
    },
    serves: {
        meaning: 'The strategies this tactic carries out.',
        usage: 'serves OfficeCatering'
    },
    channel: {
        meaning: 'How the tactic reaches people: online (seo, ppc, social, email, blog, content, display, affiliate, video, forum, webinar, influencer) or offline (print, radio, tv, mail, postcard, event, outdoor, pr, phone). Name the platforms after `on`.',
        usage: 'channel ppc on linkedin'
    },
    on: {
        meaning: 'On: the platforms a tactic\'s channel uses, the day a campaign is reviewed, or the weekday follow-ups go out.',
        usage: 'channel ppc on linkedin, google',
        in: {
            Tactic: { meaning: 'The platforms the channel runs on: sites, networks, papers.', usage: 'channel ppc on linkedin, google' },
            Campaign: { meaning: 'Part of `review on`: the day you look back at the campaign.', usage: 'review on 2027-07-10' },
            FollowUp: { meaning: 'The weekday the follow-up e-mails go out.', usage: 'follow up weekly on tuesday at 10:00' }
        }
    },
    audience: {
        meaning: 'The segments this tactic reaches.',
        usage: 'audience OfficeManagers'
    },
    budget: {
        meaning: 'Money set aside: what a tactic costs, or what a campaign may spend, in all or per month (`per month`).',
        usage: 'budget 10_000 USD',
        in: {
            Tactic: { meaning: 'What the tactic costs, in all or per month (`per month`: its period makes the total). The campaigns that run it should have room for it in their budget.', usage: 'budget 3_000 USD' },
            Campaign: { meaning: 'What the campaign may spend, in all or per month (`per month`: its period makes the total). The tactics it runs should together cost no more.', usage: 'budget 10_000 USD' }
        }
    },
    hours: {
        meaning: 'When the tactic is shown or sent: the days and the hours.',
        usage: 'hours weekdays 9:00 to 12:00'
    },
    seo: channel('search engine optimisation, being found in the unpaid results of search engines.', 'google', 'seo'),
    ppc: channel('pay-per-click ads, on search engines or social networks, paid for each click.', 'google', 'ppc'),
    email: {
        meaning: 'A channel: e-mails to your list, such as newsletters and offers.',
        usage: 'channel email on mailchimp',
        in: {
            Funnel: { meaning: 'E-mail: in `confirm by email`, new leads confirm their address by an e-mail you send; in `unsubscribe link in every email`, every e-mail you send.', usage: 'confirm by email' }
        }
    },
    blog: channel('articles on your own blog.', 'wordpress', 'blog'),
    content: channel('content marketing, such as guides, videos or tools people come to you for.', 'youtube', 'content'),
    display: channel('display ads, banners on websites.', '"Downtown Business Journal"', 'display'),
    affiliate: channel('affiliates, partners paid a commission on the sales they bring.', 'amazon', 'affiliate'),
    video: channel('videos on YouTube and other video platforms.', 'youtube', 'video'),
    forum: channel('taking part in forums and communities.', 'reddit', 'forum'),
    webinar: channel('online seminars, live or recorded talks people sign up for.', 'zoom', 'webinar'),
    influencer: channel('influencer marketing, people your buyers follow recommend you.', 'instagram', 'influencer'),
    print: channel('print ads in newspapers, magazines and journals.', '"Downtown Business Journal"', 'print'),
    radio: channel('radio ads.', '"City FM"', 'radio'),
    tv: channel('television ads.', '"Channel 5"', 'tv'),
    mail: channel('letters and catalogues sent by post.', '"Royal Mail"', 'mail'),
    postcard: channel('postcards sent by post.', '"Royal Mail"', 'postcard'),
    event: channel('events and trade fairs, yours or others\'.', '"Office Expo"', 'event'),
    outdoor: channel('outdoor ads, such as posters and billboards.', '"Central Station"', 'outdoor'),
    pr: channel('public relations, coverage in the press, interviews.', '"Daily News"', 'pr'),
    phone: channel('phone calls to prospects or customers.', '"Call centre"', 'phone'),

    // ----------------------------------------------------------------- campaign
    campaign: {
        meaning: 'A piece of work with a budget, a period and staff, that runs tactics and is tracked and reviewed.',
        usage: 'campaign SpringLaunch { budget 10_000 USD from 2027-02-01 to 2027-06-30 runs LinkedInAds }'
    },
    staff: {
        meaning: 'Who works on the campaign, with the share of their time, and the departments they come from.',
        usage: 'staff Ann 50%, Raj 100% from marketing, sales'
    },
    runs: {
        meaning: 'The tactics this campaign carries out. Together their budgets should fit in the campaign\'s budget.',
        usage: 'runs LinkedInAds, LocalSearch'
    },
    track: {
        meaning: 'What the campaign measures, to know whether it works.',
        usage: 'track sales, satisfaction'
    },
    review: {
        meaning: 'Review: the day you look back at a campaign and its results (`review on`), or how often the owner of an objective or KPI looks at it (`review monthly`).',
        usage: 'review on 2027-07-10',
        in: {
            Campaign: { meaning: 'The day you look back at the campaign and its results.', usage: 'review on 2027-07-10' },
            Objective: { meaning: 'How often the owner looks at the figure and acts on it: a cadence.', usage: 'kpi "Acquisition cost" metric cac target at most 35 USD review weekly' }
        }
    },
    results: {
        meaning: 'What the campaign achieved: a metric, its value, and a note if you like.',
        usage: 'results { sales 120 "First month" satisfaction 92% }'
    },

    // ------------------------------------------------------------------- funnel
    funnel: {
        meaning: 'How a stranger becomes a buyer and buys again: how you collect leads, confirm them, follow up, close and upsell, and how many move on at each step.',
        usage: 'funnel { collect leads by optin form confirm by autoresponder close weekly with call to action }'
    },
    collect: {
        meaning: 'Starts `collect leads by`: how you collect the addresses of people who want to hear from you.',
        usage: 'collect leads by optin form offering ebook "10 meeting menus" double optin'
    },
    leads: {
        meaning: 'Part of `collect leads by`: people who gave you their address and want to hear from you.',
        usage: 'collect leads by optin form offering ebook "10 meeting menus" double optin'
    },
    optin: {
        meaning: 'Opt-in: people ask to hear from you themselves, on a sign-up form (`optin form`) or by confirming their sign-up (`double optin`).',
        usage: 'collect leads by optin form double optin',
        in: {
            CaptureMethod: { meaning: 'A sign-up form people fill in themselves.', usage: 'collect leads by optin form' },
            LeadCapture: { meaning: 'Part of `double optin`: people confirm their sign-up before you write to them.', usage: 'collect leads by optin form double optin' }
        }
    },
    form: {
        meaning: 'Part of `optin form`: a sign-up form people fill in themselves.',
        usage: 'collect leads by optin form'
    },
    survey: {
        meaning: 'Leads come from a survey that asks for an address.',
        usage: 'collect leads by survey'
    },
    checkbox: {
        meaning: 'A box to tick, for instance at checkout, to hear from you. It must start unticked to count as consent.',
        usage: 'collect leads by checkbox at checkout unticked'
    },
    at: {
        meaning: 'At: where a box is shown (`at checkout`), the time follow-up e-mails go out, which side of a target is good (`at least`, `at most`), or the stage of the first purchase (`first purchase at`).',
        usage: 'follow up weekly on tuesday at 10:00',
        in: {
            CaptureMethod: { meaning: 'Part of `at checkout`: the box is shown when people pay.', usage: 'collect leads by checkbox at checkout unticked' },
            FollowUp: { meaning: 'The time the follow-up e-mails go out.', usage: 'follow up weekly on tuesday at 10:00' },
            Objective: { meaning: 'Part of `at least` or `at most`: whether the target is a floor to reach or a ceiling to keep to.', usage: 'kpi "Acquisition cost" metric cac target at most 35 USD' },
            Funnel: { meaning: 'Part of `first purchase at`: the stage of the funnel where people buy for the first time.', usage: 'first purchase at buyers' }
        }
    },
    checkout: {
        meaning: 'Part of `at checkout`: the box is shown when people pay.',
        usage: 'collect leads by checkbox at checkout unticked'
    },
    ticked: {
        meaning: 'The box is ticked already: people did not choose to hear from you, so it is not consent.',
        usage: 'collect leads by checkbox at checkout ticked'
    },
    unticked: {
        meaning: 'The box starts empty: people tick it themselves, which is consent.',
        usage: 'collect leads by checkbox at checkout unticked'
    },
    bought: {
        meaning: 'Part of `bought list`: addresses bought from someone else. These people never asked to hear from you.',
        usage: 'collect leads by bought list'
    },
    list: {
        meaning: 'A list: in `bought list`, addresses bought from someone else; on its own, how many people are at a stage of the funnel already when the plan starts (`list 2_500 subscribers`).',
        usage: 'list 2_500 subscribers',
        in: {
            CaptureMethod: { meaning: 'Part of `bought list`: addresses bought from someone else. These people never asked to hear from you.', usage: 'collect leads by bought list' },
            Funnel: { meaning: 'How many people are at a stage of the funnel already when the plan starts, such as the subscribers of a newsletter.', usage: 'list 2_500 subscribers' }
        }
    },
    scraped: {
        meaning: 'Part of `scraped addresses`: addresses copied from websites. These people never asked to hear from you.',
        usage: 'collect leads by scraped addresses'
    },
    addresses: {
        meaning: 'Part of `scraped addresses`: addresses copied from websites. These people never asked to hear from you.',
        usage: 'collect leads by scraped addresses'
    },
    offering: {
        meaning: 'What you give in exchange for an address (a lead magnet), and its title.',
        usage: 'collect leads by optin form offering ebook "10 meeting menus"'
    },
    double: {
        meaning: 'Part of `double optin`: people confirm their sign-up before you write to them.',
        usage: 'collect leads by optin form double optin'
    },
    confirm: {
        meaning: 'How new leads confirm their address: by an autoresponder or an e-mail.',
        usage: 'confirm by autoresponder'
    },
    autoresponder: {
        meaning: 'An e-mail sent automatically as soon as someone signs up.',
        usage: 'confirm by autoresponder'
    },
    follow: {
        meaning: 'Starts `follow up`: how often and when you write to leads after they sign up, and with what.',
        usage: 'follow up weekly on tuesday at 10:00 with tips, newsletter'
    },
    up: {
        meaning: 'Part of `follow up`: how often and when you write to leads after they sign up, and with what.',
        usage: 'follow up weekly on tuesday at 10:00 with tips, newsletter'
    },
    with: {
        meaning: 'With: what the follow-up e-mails contain, or, in `close with call to action`, a clear request to buy.',
        usage: 'follow up weekly with tips, newsletter',
        in: {
            FollowUp: { meaning: 'What the follow-up e-mails contain.', usage: 'follow up weekly with tips, newsletter' },
            Close: { meaning: 'Part of `with call to action`: the close asks clearly for the sale.', usage: 'close weekly with call to action' }
        }
    },
    close: {
        meaning: 'The step that asks for the sale: how often, and whether with a clear call to action.',
        usage: 'close weekly with call to action'
    },
    call: {
        meaning: 'Part of `call to action`: a clear request to buy, such as "Order now".',
        usage: 'close weekly with call to action'
    },
    action: {
        meaning: 'Part of `call to action`: a clear request to buy, such as "Order now".',
        usage: 'close weekly with call to action'
    },
    upsell: {
        meaning: 'Offering a bigger or better product to someone who buys one, and the share of buyers who take it too.',
        usage: 'upsell Course to Coaching 10%'
    },
    loyalty: {
        meaning: 'What keeps customers coming back.',
        usage: 'loyalty "Every tenth box free for recurring accounts"'
    },
    unsubscribe: {
        meaning: 'Every e-mail you send carries a link to unsubscribe, as the law requires.',
        usage: 'unsubscribe link in every email'
    },
    link: {
        meaning: 'Part of `unsubscribe link in every email`: every e-mail carries a link to unsubscribe.',
        usage: 'unsubscribe link in every email'
    },
    in: {
        meaning: 'Part of `unsubscribe link in every email`: every e-mail carries a link to unsubscribe.',
        usage: 'unsubscribe link in every email'
    },
    every: {
        meaning: 'Every: a cadence (`every quarter`, `every 2 weeks`), or, in `unsubscribe link in every email`, each e-mail you send.',
        usage: 'revisit every quarter',
        in: {
            Cadence: { meaning: 'A cadence: once per unit of time, or once per so many units.', usage: 'follow up every 2 weeks' },
            Funnel: { meaning: 'Part of `unsubscribe link in every email`: each e-mail you send.', usage: 'unsubscribe link in every email' }
        }
    },
    sender: {
        meaning: 'Starts `sender address`: the postal address your e-mails show, as the law requires.',
        usage: 'sender address "Corner Bakery, 12 Baker Street, Springfield"'
    },
    address: {
        meaning: 'Part of `sender address`: the postal address your e-mails show, as the law requires.',
        usage: 'sender address "Corner Bakery, 12 Baker Street, Springfield"'
    },
    visitors: {
        meaning: 'How many people visit, and per which time (day, week, month); a range (`8_000 to 12_000`) when you are not sure.',
        usage: 'visitors 8_000 to 12_000 per month'
    },
    conversion: {
        meaning: 'The share of people who move from one step of the funnel to the next; a range (`4% to 6%`) when you are not sure. The steps are any words.',
        usage: 'conversion visitors to leads 8%'
    },
    expect: {
        meaning: 'How many people you expect to reach a step of the funnel, per which time, where you know it: a number or a range, then the step.',
        usage: 'expect 400 registrations per month'
    },
    first: {
        meaning: 'Starts `first purchase at`: the step of the funnel where people buy for the first time. Without it, the step called customers, buyers, sales or orders is taken.',
        usage: 'first purchase at buyers'
    },

    // -------------------------------------------------------------------- offer
    offer: {
        meaning: 'What makes buying safe and easy: a guarantee, things given for free, ways to pay, and how payments are kept safe.',
        usage: 'offer { guarantee money back 30 days payments card, paypal }'
    },
    guarantee: {
        meaning: 'A promise to give the money back (or another promise, in quotes) if the buyer is not satisfied: for how long, how to claim it and what is refunded.',
        usage: 'guarantee money back 30 days claim "Reply to the order e-mail" refunds "The full price"'
    },
    money: {
        meaning: 'Part of `money back`: the guarantee gives the buyer their money back.',
        usage: 'guarantee money back 30 days'
    },
    back: {
        meaning: 'Part of `money back`: the guarantee gives the buyer their money back.',
        usage: 'guarantee money back 30 days'
    },
    claim: {
        meaning: 'How a buyer claims the guarantee.',
        usage: 'claim "Reply to the order confirmation e-mail"'
    },
    refunds: {
        meaning: 'What the buyer gets back under the guarantee.',
        usage: 'refunds "The full price of the order"'
    },
    paid: {
        meaning: 'Starts `paid within`: how soon a refund is paid.',
        usage: 'paid within 3 days'
    },
    within: {
        meaning: 'Part of `paid within`: how soon a refund is paid.',
        usage: 'paid within 3 days'
    },
    condition: {
        meaning: 'A condition the buyer must meet to use the guarantee. The fewer, the stronger the guarantee.',
        usage: 'condition "Unopened boxes only"'
    },
    free: {
        meaning: 'Something you give away to lower the risk of buying: a sample, a trial, shipping.',
        usage: 'free sample "Tasting box for a new office"'
    },
    payments: {
        meaning: 'The ways buyers can pay.',
        usage: 'payments card, paypal, invoice'
    },
    security: {
        meaning: 'How buyers\' data and payments are kept safe, in words they trust.',
        usage: 'security "PCI-compliant checkout over TLS"'
    },

    // -------------------------------------------------------- ranges and times
    to: {
        meaning: 'To: the end of a range (`age 28 to 50`, `9:00 to 17:00`, `from … to …`), or where something leads (`upsell A to B`, `conversion visitors to leads`).',
        usage: 'age 28 to 50',
        in: {
            NumberRange: { meaning: 'The top of the range.', usage: 'age 28 to 50' },
            MoneyRange: { meaning: 'The top of the range.', usage: 'income 45_000 to 90_000 USD per year' },
            Period: FROM_TO_PERIOD,
            HoursWindow: { meaning: 'The end of the hours.', usage: 'online weekdays 9:00 to 17:00' },
            Upsell: { meaning: 'The product you offer instead, or in addition.', usage: 'upsell Course to Coaching 10%' },
            Conversion: { meaning: 'The next step of the funnel; after the rate, the top of its range when you are not sure.', usage: 'conversion visitors to leads 4% to 6%' },
            Price: { meaning: 'The top of the price range, while the price is not settled.', usage: 'price 39 to 49 USD' },
            Percent: { meaning: 'The top of the range, when you are not sure: the checks judge the less favourable end.', usage: 'trial 14 days converts 20% to 30%' },
            Rate: { meaning: 'The top of the range, when you are not sure: the checks judge the less favourable end.', usage: 'churn 3% to 5% a month' },
            Objective: { meaning: 'The top of the target range.', usage: 'kpi "Weekly demos" metric demos target 30 to 40 per week' },
            Funnel: { meaning: 'The top of the range of visitors, when you are not sure.', usage: 'visitors 8_000 to 12_000 per month' },
            Count: { meaning: 'The top of the range, when you are not sure.', usage: 'expect 300 to 500 registrations per month' },
            Close: { meaning: 'Part of `call to action`: a clear request to buy.', usage: 'close weekly with call to action' }
        }
    },
    per: {
        meaning: 'Per: the time an amount, a share or a count applies to (`per month`), or in a cadence (`3 times per week`).',
        usage: 'spends 400 USD per month',
        in: {
            Cadence: { meaning: 'The time the count applies to.', usage: 'follow up 3 times per week' },
            Price: { meaning: 'What the price is paid for: a subscription, billed per month, year or other period.', usage: 'price 19 USD per month' },
            Rate: { meaning: 'The time the share applies to.', usage: 'retention 97% per month' },
            Objective: { meaning: 'The time the target applies to.', usage: 'kpi "Monthly revenue" metric revenue target at least 20_000 USD per month' },
            Tactic: { meaning: 'The budget is per month (or week, quarter, …): the tactic\'s period makes the total.', usage: 'budget 1_500 USD per month' },
            Campaign: { meaning: 'The budget is per month (or week, quarter, …): the campaign\'s period makes the total.', usage: 'budget 1_500 USD per month' },
            Count: { meaning: 'The time the count applies to.', usage: 'expect 400 registrations per month' }
        }
    },
    times: {
        meaning: 'How many times per unit of time, as a cadence.',
        usage: 'follow up 3 times per week'
    },
    a: {
        meaning: 'Per: `3 times a week` is `3 times per week`, and `3% a month` is `3% per month`.',
        usage: 'follow up 3 times a week',
        in: {
            Cadence: { meaning: 'Per: `3 times a week` is `3 times per week`.', usage: 'follow up 3 times a week' },
            Rate: { meaning: 'Per: `3% a month` is `3% per month`, the time the share applies to.', usage: 'churn 3% a month' },
            Objective: { meaning: 'Per: the time the target applies to, as in `2% a month`.', usage: 'kpi "Churn" metric churn target at most 2% a month' }
        }
    },
    weekly: cadence('weekly', 'Once a week.'),
    biweekly: cadence('biweekly', 'Every two weeks.'),
    monthly: cadence('monthly', 'Once a month.'),
    quarterly: cadence('quarterly', 'Once a quarter.'),
    yearly: cadence('yearly', 'Once a year.'),
    day: timeUnit('day', ''),
    days: timeUnit('days', ''),
    week: timeUnit('week', '7 days'),
    weeks: timeUnit('weeks', '7 days each'),
    month: timeUnit('month', '30 days'),
    months: timeUnit('months', '30 days each'),
    quarter: timeUnit('quarter', '91 days'),
    quarters: timeUnit('quarters', '91 days each'),
    year: timeUnit('year', '365 days'),
    years: timeUnit('years', '365 days each')
};

/**
 * What a keyword means where it stands: `where` is the type of the part of the
 * plan it stands in (the AST type); undefined for a word that is no keyword.
 */
export function keywordDoc(keyword: string, where?: string): KeywordDoc | undefined {
    const entry = Object.hasOwn(KEYWORD_DOCS, keyword) ? KEYWORD_DOCS[keyword] : undefined;
    if (!entry) return undefined;
    const specific = where && entry.in && Object.hasOwn(entry.in, where) ? entry.in[where] : undefined;
    return specific ?? { meaning: entry.meaning, usage: entry.usage };
}

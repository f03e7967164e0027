/**
 * Stanzas: whole blocks offered by completion, with every fact the rules ask
 * for, as LSP snippets (tab stops the user steps through) and as plain text
 * for clients that take no snippets. Every default value is valid mplan, so a
 * stanza accepted as it is already parses and passes the rules about that
 * block's own facts.
 */

/** A place the user fills in: a value to overwrite, or a choice of values. */
interface Field {
    readonly field: true;
    readonly options: readonly string[];
    readonly choice: boolean;
}

/** A value the user overwrites; `value` is what is written when they keep it. */
export function tab(value: string): Field {
    return { field: true, options: [value], choice: false };
}

/** A choice among values; the first one is the default. */
export function choice(options: readonly string[]): Field {
    return options.length > 1 ? { field: true, options, choice: true } : tab(options[0] ?? '');
}

function isField(value: unknown): value is Field {
    return typeof value === 'object' && value !== null && (value as Field).field === true;
}

/** Text shown as is in a snippet: `$`, `}` and `\` must be escaped. */
function escapeText(text: string): string {
    return text.replace(/[\\$}]/g, c => '\\' + c);
}

/** An option of a choice: `,` and `|` are escaped too. */
function escapeOption(text: string): string {
    return text.replace(/[\\$}|,]/g, c => '\\' + c);
}

/** A stanza rendered both ways. */
export interface Rendered {
    /** LSP snippet syntax, with numbered tab stops and a final `$0`. */
    snippet: string;
    /** The same text with every field at its default, for clients without snippet support. */
    plain: string;
}

/**
 * A tagged template: literal text stays as written; interpolated strings are
 * plain text; interpolated fields become tab stops, numbered in order.
 */
export function stanza(strings: TemplateStringsArray, ...values: Array<string | Field>): Rendered {
    let snippet = '';
    let plain = '';
    let stop = 0;
    strings.forEach((literal, i) => {
        snippet += escapeText(literal);
        plain += literal;
        if (i >= values.length) return;
        const value = values[i];
        if (isField(value)) {
            stop++;
            snippet += value.choice
                ? `\${${stop}|${value.options.map(escapeOption).join(',')}|}`
                : `\${${stop}:${escapeText(value.options[0])}}`;
            plain += value.options[0];
        } else {
            snippet += escapeText(value);
            plain += value;
        }
    });
    return { snippet: snippet + '$0', plain };
}

/** What a stanza needs to know of the plan it is written into. */
export interface StanzaContext {
    /** The plan's currency (or the one its amounts use). */
    currency: string;
    /** Names of visible blocks of a kind, the most useful first (strategies no tactic serves yet, ...). */
    names(type: 'Product' | 'Segment' | 'Competitor' | 'Strategy' | 'Tactic'): string[];
    /** A start, an end about three months later, and a review day after the end (YYYY-MM-DD). */
    dates: { start: string; end: string; review: string };
    /** The shortest guarantee the settings accept, in days. */
    minGuaranteeDays: number;
}

/** The most choices a reference field lists; beyond that it offers the first name to overwrite. */
const MAX_CHOICES = 12;

/** A reference to a block of a kind: a choice of the visible names, or a name to overwrite. */
function ref(context: StanzaContext, type: Parameters<StanzaContext['names']>[0], fallback: string, skip = 0): Field {
    const names = context.names(type);
    if (names.length === 0) return tab(fallback);
    // Put the `skip`-th name first (an upsell goes from the first product to the second).
    const ordered = skip > 0 && names.length > skip ? [names[skip], ...names.filter((_, i) => i !== skip)] : names;
    return ordered.length <= MAX_CHOICES ? choice(ordered) : tab(ordered[0]);
}

/** One stanza: the block keyword it completes, what it is in plain words, and how to write it. */
export interface StanzaDefinition {
    keyword: string;
    description: string;
    render(context: StanzaContext): Rendered;
}

const GUARANTEE_DAYS = 30;

/**
 * Where a plan paying in a currency most likely sells, for a market stanza's defaults: its
 * country or region code, a language spoken there and a time zone of its buyers.
 */
const MARKET_OF_CURRENCY: Readonly<Record<string, { code: string; language: string; zone: string }>> = {
    USD: { code: 'US', language: 'en', zone: 'America/New_York' },
    EUR: { code: 'EU', language: 'de', zone: 'Europe/Berlin' },
    GBP: { code: 'UK', language: 'en', zone: 'Europe/London' },
    CAD: { code: 'CA', language: 'en', zone: 'America/Toronto' },
    AUD: { code: 'AU', language: 'en', zone: 'Australia/Sydney' },
    CHF: { code: 'CH', language: 'de', zone: 'Europe/Zurich' }
};

export const STANZAS: readonly StanzaDefinition[] = [
    {
        keyword: 'plan',
        description: 'a plan with its goal, currency, focus and review cadence',
        render: c => stanza`plan ${tab('Name')} {
    goal "${tab('The business goal this plan serves')}"
    currency ${tab(c.currency)}
    focus ${ref(c, 'Product', 'MainProduct')}
    revisit ${choice(['every quarter', 'monthly', 'every 6 months', 'yearly'])}
}`
    },
    {
        keyword: 'market',
        description: 'a market: its countries, languages, currency and time zones, whose law the compliance checks apply',
        render: c => {
            const market = Object.hasOwn(MARKET_OF_CURRENCY, c.currency) ? MARKET_OF_CURRENCY[c.currency] : MARKET_OF_CURRENCY.USD;
            return stanza`market ${tab('Name')} {
    countries ${tab(market.code)}
    languages ${tab(market.language)}
    currency ${c.currency}
    timezones "${tab(market.zone)}"
}`;
        }
    },
    {
        keyword: 'product',
        description: 'a product with its price, margin, benefit, a drawback and how it is made up for',
        render: c => stanza`product ${tab('Name')} {
    price ${tab('49')} ${c.currency}
    margin ${tab('60')}%
    benefit "${tab('What the buyer gains')}"
    drawback "${tab('What might hold a buyer back')}" mitigated by "${tab('How we make up for it')}"
    improvement "${tab('What the next version adds')}"
}`
    },
    {
        keyword: 'segment',
        description: 'a customer segment with every facet: who, decides, age, income, where from, how they shop, online habits',
        render: c => stanza`segment ${tab('Name')} {
    who "${tab('Who they are')}"
    decides
    age ${tab('25')} to ${tab('45')}
    income ${tab('30_000')} to ${tab('60_000')} ${c.currency} per year
    from "${tab('Where they come from')}"
    shops ${choice(['online', 'offline'])}
    habits {
        search ${tab('google')}
        social ${tab('linkedin')}
        sites "${tab('A site they read')}"
        online ${choice(['weekdays', 'daily', 'weekends'])} ${tab('9:00')} to ${tab('17:00')}
    }
}`
    },
    {
        keyword: 'audience',
        description: 'a behavioural audience: who they are, the segment they come from, what they did, how recently and how many',
        render: c => stanza`audience ${tab('Name')} {
    who "${tab('Who they are')}"
    of ${ref(c, 'Segment', 'Segment')}
    behaviour "${tab('What they did')}"
    within ${tab('30')} days
    size ${tab('500')}
}`
    },
    {
        keyword: 'competitor',
        description: 'a competitor with a strength, a weakness and how we differ',
        render: () => stanza`competitor ${tab('Name')} {
    strength "${tab('What they do well')}"
    weakness "${tab('Where they fall short')}"
    we differ by "${tab('Why buyers should choose us')}"
}`
    },
    {
        keyword: 'research',
        description: 'market research: who was studied, which buyers were consulted, what was found',
        render: c => stanza`research {
    studied ${ref(c, 'Competitor', '"Sellers of a similar product"')}
    consulted "${tab('A forum or community of buyers')}"
    finding "${tab('What we learnt')}"
}`
    },
    {
        keyword: 'strategy',
        description: 'a strategy with its statement, target segment, a measurable objective with its owner and review, message and product',
        render: c => stanza`strategy ${tab('Name')} {
    statement "${tab('What this strategy aims at')}"
    targets ${ref(c, 'Segment', 'Segment')}
    objective "${tab('What we want to achieve')}" metric ${tab('orders')} target ${choice(['at least', 'at most'])} ${tab('100')} by ${tab(c.dates.end)} owner ${tab('Ann')} review ${choice(['monthly', 'weekly', 'quarterly'])}
    message "${tab('What we tell them')}"
    promotes ${ref(c, 'Product', 'Product')}
}`
    },
    {
        keyword: 'tactic',
        description: 'a tactic with the strategy it serves, channel and platform, budget, period and message',
        render: c => stanza`tactic ${tab('Name')} {
    serves ${ref(c, 'Strategy', 'Strategy')}
    channel ${choice(['seo', 'ppc', 'social', 'email', 'content', 'display', 'print', 'event'])} on ${tab('google')}
    budget ${tab('1_000')} ${c.currency}
    from ${tab(c.dates.start)} to ${tab(c.dates.end)}
    message "${tab('What the ad says')}"
}`
    },
    {
        keyword: 'flow',
        description: 'an automated flow of messages: its channel, audience, trigger, two steps with a delay, what stops it and the consent it rests on',
        render: c => stanza`flow ${tab('Name')} {
    channel ${choice(['email', 'sms', 'push', 'messaging'])}
    audience ${ref(c, 'Segment', 'Segment')}
    trigger "${tab('What starts it')}"
    step "${tab('The first message')}" with ${tab('welcome')}
    step after ${tab('1')} ${choice(['week', 'days', 'hours'])} "${tab('The next message')}" with ${tab('tips')}
    stop when ${tab('purchased')}, unsubscribed
    consent ${choice(['express', 'written', 'implied'])} recorded "${tab('What is kept: time, form, address')}"
}`
    },
    {
        keyword: 'campaign',
        description: 'a campaign with budget, staff from two departments, period, tactics, tracking and a review',
        render: c => stanza`campaign ${tab('Name')} {
    budget ${tab('10_000')} ${c.currency}
    staff ${tab('Ann')} ${tab('50')}% from ${tab('marketing')}, ${tab('sales')}
    from ${tab(c.dates.start)} to ${tab(c.dates.end)}
    runs ${ref(c, 'Tactic', 'Tactic')}
    track sales, satisfaction
    review on ${tab(c.dates.review)}
}`
    },
    {
        keyword: 'funnel',
        description: 'a sales funnel: lead capture with recorded consent, confirmation, follow-up, close, upsell and the e-mail duties',
        render: c => stanza`funnel {
    collect leads by optin form offering ${tab('ebook')} "${tab('A useful guide')}" double optin
    consent express recorded "${tab('What is kept: time, form, address')}"
    confirm by autoresponder
    follow up weekly on ${choice(['tuesday', 'monday', 'wednesday', 'thursday', 'friday'])} at ${tab('10:00')} with ${tab('tips')}
    close weekly with call to action
    upsell ${ref(c, 'Product', 'Product')} to ${ref(c, 'Product', 'OtherProduct', 1)}
    unsubscribe link in every email
    sender address "${tab('Company, street, town')}"
    conversion visitors to leads ${tab('5')}%
    conversion leads to customers ${tab('10')}%
}`
    },
    {
        keyword: 'offer',
        description: 'an offer with a complete money-back guarantee, something free to try, ways to pay and payment security',
        render: c => stanza`offer {
    guarantee money back ${tab(String(Math.max(GUARANTEE_DAYS, c.minGuaranteeDays)))} days
        claim "${tab('How to claim it')}"
        refunds "${tab('The full price')}"
        paid within ${tab('3')} days
    free ${tab('sample')} "${tab('What they can try for free')}"
    payments ${tab('card')}, ${tab('paypal')}
    security "${tab('How payments are kept safe')}"
}`
    }
];

/**
 * The facts a stanza leaves out on purpose, by block (or nested block) type
 * and property as the grammar names them: no rule asks for them, and a stanza
 * holds what the rules ask for (keyword completion offers every fact inside a
 * block). test/language/grammar-coverage.test.ts holds this list to the
 * grammar and to STANZAS: every fact of a block is in its stanza or here, and
 * nothing here is in a stanza or no fact at all.
 */
export const FACTS_LEFT_OUT_OF_STANZAS: Readonly<Record<string, readonly string[]>> = {
    // Tiers, a trial, retention or churn, and repeat purchases depend on how the product is sold
    // (a subscription or once); the unit cost says what the margin says.
    // Exchange rates matter only to a plan with amounts in several currencies; tracking consent only to one that tracks.
    Plan: ['rates', 'trackingConsent'],
    // Per-market prices and certifications depend on where and what the product sells.
    Product: ['tiers', 'trial', 'unitCost', 'retention', 'churn', 'repeat', 'spinoffs', 'complements', 'marketPrices', 'certifications'],
    // A block naming no market reaches the plan's (or, for a tactic or flow, its campaigns' or segments'): `markets` narrows it.
    Segment: ['influencer', 'spends', 'markets'],
    Habits: ['communities', 'tools'],
    Audience: ['consent'],
    // What a tactic pays, expects, publishes, caps, aims at or tests depends on its channel (a fee for an influencer,
    // a commission for affiliates, a cadence for a podcast, a frequency cap for retargeting, reviews and a rating);
    // so do its consent (e-mail, texts), its disclosure (endorsements), a reward (reviews) and tracking consent (ads).
    Tactic: ['audience', 'hours', 'fee', 'commission', 'counts', 'cadence', 'cap', 'keywords', 'hashtags', 'tests', 'reviews', 'rating',
        'markets', 'consent', 'disclosure', 'reward', 'trackingConsent'],
    // Hours and A/B tests are refinements of a flow that works; a flow runs for good unless it has a period.
    Flow: ['hours', 'tests', 'markets', 'unsubscribeWithin', 'period'],
    Campaign: ['promotes', 'results', 'markets'],
    Funnel: ['loyalty', 'visitors', 'counts', 'listSize', 'purchaseStage', 'markets', 'unsubscribeWithin'],
    Offer: ['discounts', 'markets']
};

/** Cadences that need numbers, which keywords alone cannot offer. */
export const CADENCE_STANZAS: ReadonlyArray<{ label: string; description: string; rendered: Rendered }> = [
    { label: 'every … weeks', description: 'every few days, weeks, months or years', rendered: stanza`every ${tab('2')} ${choice(['weeks', 'days', 'months', 'quarters', 'years'])}` },
    { label: '… times per week', description: 'a number of times per day, week, month or year', rendered: stanza`${tab('2')} times per ${choice(['week', 'day', 'month', 'quarter', 'year'])}` }
];

/** YYYY-MM-DD of a UTC date. */
function iso(date: Date): string {
    return date.toISOString().slice(0, 10);
}

/**
 * Dates for a stanza from the day plans are judged by: the first of next
 * month, the last day of the third month from there, and ten days later for
 * the review.
 */
export function stanzaDates(asOf: string): StanzaContext['dates'] {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
    const base = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : new Date();
    const start = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + 1, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 0));
    const review = new Date(end.getTime() + 10 * 86_400_000);
    return { start: iso(start), end: iso(end), review: iso(review) };
}

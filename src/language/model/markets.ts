/**
 * Markets and the law in force in them: which jurisdiction a market's
 * countries fall under, which laws the compliance rules check there and from
 * which day (`LAWS`, the one table: rules, hover, the report and the docs read
 * it), which markets a block reaches and on which days it runs.
 *
 * Pure: no Langium runtime, no Node. Not legal advice: the table names the
 * provisions a seasoned reviewer would check, nothing more.
 */
import type { Campaign, Flow, Funnel, Market, Offer, Period, Reachable, Segment, Tactic } from '../generated/ast.js';
import type { Reference } from 'langium';
import { segmentsOf } from './audiences.js';
import { periodOf } from './periods.js';
import { dayNumber, type DayRange } from './values.js';

/** The jurisdictions mplan has compliance rules for. */
export type Jurisdiction = 'EU' | 'UK' | 'US' | 'CA';

export const JURISDICTIONS: readonly Jurisdiction[] = ['US', 'CA', 'EU', 'UK'];

export const JURISDICTION_NAMES: Record<Jurisdiction, string> = {
    US: 'United States',
    CA: 'Canada',
    EU: 'European Union',
    UK: 'United Kingdom'
};

/** The 27 member states of the European Union, by ISO 3166-1 alpha-2 code. */
export const EU_MEMBERS: readonly string[] = [
    'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
    'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'
];

/**
 * ISO 3166-1 alpha-2 codes of the countries and territories, plus the two
 * region codes a plan may use for a market: EU (the Union, exceptionally
 * reserved in ISO 3166-1) and UK (exceptionally reserved for GB).
 */
export const COUNTRY_CODES: readonly string[] = (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD ' +
    'CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF ' +
    'GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
    'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
    'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI ' +
    'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
    'VN VU WF WS YE YT ZA ZM ZW EU UK'
).split(' ');

/** ISO 639-1 language codes (a region may follow: `pt-BR`, `en-GB`). */
export const LANGUAGE_CODES: readonly string[] = (
    'aa ab af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
    'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl ' +
    'km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc ' +
    'oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl ' +
    'tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

const COUNTRIES = new Set(COUNTRY_CODES);
const LANGUAGES = new Set(LANGUAGE_CODES);

/** Whether a word is a country or region code a market may name (`US`, `DE`, `EU`). */
export function isCountryCode(code: string): boolean {
    return COUNTRIES.has(code);
}

/** Whether a word is a language code (`en`, `pt-BR`). */
export function isLanguageCode(code: string): boolean {
    const [language, region] = code.split('-');
    return LANGUAGES.has(language) && (region === undefined || /^([A-Z]{2}|[0-9]{3})$/.test(region));
}

let regionNames: Intl.DisplayNames | undefined | null;
let languageNames: Intl.DisplayNames | undefined | null;

/** "Germany" for DE, "European Union" for EU; the code itself where the runtime has no names. */
export function countryName(code: string): string {
    if (code === 'EU') return JURISDICTION_NAMES.EU;
    if (code === 'UK') return JURISDICTION_NAMES.UK;
    if (regionNames === undefined) regionNames = displayNames('region');
    try { return regionNames?.of(code) ?? code; } catch { return code; }
}

/** "English" for en, "Brazilian Portuguese" for pt-BR; the code itself where the runtime has no names. */
export function languageName(code: string): string {
    if (languageNames === undefined) languageNames = displayNames('language');
    try { return languageNames?.of(code) ?? code; } catch { return code; }
}

function displayNames(type: 'region' | 'language'): Intl.DisplayNames | null {
    try { return new Intl.DisplayNames(['en'], { type, fallback: 'code' }); } catch { return null; }
}

/** Whether a time zone is one the runtime knows (IANA names such as "America/New_York", and "UTC"). */
export function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

/**
 * The minutes a time zone is ahead of UTC on a day (negative west of
 * Greenwich), read at noon UTC so a change of clocks that night is not half
 * counted; undefined for an unknown zone.
 */
export function utcOffsetMinutes(zone: string, day: number): number | undefined {
    try {
        const noon = day * 86_400_000 + 12 * 3_600_000;
        const parts = new Intl.DateTimeFormat('en-US', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric'
        }).formatToParts(new Date(noon));
        const get = (type: string) => Number(parts.find(part => part.type === type)?.value);
        const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
        return Math.round((local - noon) / 60_000);
    } catch {
        return undefined;
    }
}

/** The codes a market names: its `countries`, else its name when that is a code (`market US { }`). */
export function countriesOf(market: Market): string[] {
    if (market.countries.length > 0) return market.countries;
    return market.name && isCountryCode(market.name) ? [market.name] : [];
}

/** The jurisdiction of one country or region code, if mplan has rules for it. */
export function jurisdictionOfCode(code: string): Jurisdiction | undefined {
    if (code === 'EU' || EU_MEMBERS.includes(code)) return 'EU';
    if (code === 'GB' || code === 'UK') return 'UK';
    if (code === 'US') return 'US';
    if (code === 'CA') return 'CA';
    return undefined;
}

/** The jurisdictions a market's countries fall under, each once, in the order of `JURISDICTIONS`. */
export function jurisdictionsOf(market: Market): Jurisdiction[] {
    const found = new Set<Jurisdiction>();
    for (const code of countriesOf(market)) {
        const jurisdiction = jurisdictionOfCode(code);
        if (jurisdiction) found.add(jurisdiction);
    }
    return JURISDICTIONS.filter(jurisdiction => found.has(jurisdiction));
}

/** One provision a compliance rule checks in one jurisdiction, and the day it applies from. */
export interface Law {
    rule: string;
    jurisdiction: Jurisdiction;
    /** The act or regulation, as it is cited. */
    law: string;
    /** The article, section or paragraph. */
    article: string;
    /** The first day it applies, YYYY-MM-DD. */
    from: string;
}

/**
 * The provisions the compliance rules check, per rule and jurisdiction. A
 * rule runs on a block only for the markets whose jurisdiction has a row here
 * and only when the block's days reach the row's `from` day.
 */
export const LAWS: readonly Law[] = Object.freeze([
    { rule: 'consent-unrecorded', jurisdiction: 'EU', law: 'General Data Protection Regulation (EU) 2016/679', article: 'art. 7(1)', from: '2018-05-25' },
    { rule: 'consent-unrecorded', jurisdiction: 'UK', law: 'UK GDPR (retained Regulation (EU) 2016/679)', article: 'art. 7(1)', from: '2018-05-25' },
    { rule: 'implied-consent-expired', jurisdiction: 'CA', law: "Canada's Anti-Spam Legislation (S.C. 2010, c. 23)", article: 's. 10(10)', from: '2014-07-01' },
    { rule: 'sms-without-consent', jurisdiction: 'US', law: 'Telephone Consumer Protection Act (47 U.S.C. 227), FCC rule', article: '47 CFR 64.1200(a)(2)', from: '2013-10-16' },
    { rule: 'sms-without-consent', jurisdiction: 'CA', law: "Canada's Anti-Spam Legislation (S.C. 2010, c. 23)", article: 's. 6(1)', from: '2014-07-01' },
    { rule: 'sms-without-consent', jurisdiction: 'EU', law: 'ePrivacy Directive 2002/58/EC', article: 'art. 13(1)', from: '2003-10-31' },
    { rule: 'sms-without-consent', jurisdiction: 'UK', law: 'Privacy and Electronic Communications Regulations 2003', article: 'reg. 22', from: '2003-12-11' },
    { rule: 'sms-quiet-hours', jurisdiction: 'US', law: 'Telephone Consumer Protection Act (47 U.S.C. 227), FCC rule', article: '47 CFR 64.1200(c)(1)', from: '1992-12-20' },
    { rule: 'slow-unsubscribe', jurisdiction: 'US', law: 'CAN-SPAM Act of 2003', article: '15 U.S.C. 7704(a)(4)', from: '2004-01-01' },
    { rule: 'undisclosed-endorsement', jurisdiction: 'US', law: 'FTC Guides Concerning the Use of Endorsements and Testimonials in Advertising', article: '16 CFR 255.5', from: '2009-12-01' },
    { rule: 'undisclosed-endorsement', jurisdiction: 'EU', law: 'Unfair Commercial Practices Directive 2005/29/EC', article: 'art. 7(2) and Annex I point 11', from: '2007-12-12' },
    { rule: 'undisclosed-endorsement', jurisdiction: 'UK', law: 'Consumer Protection from Unfair Trading Regulations 2008', article: 'reg. 6 and Sch. 1 para. 11', from: '2008-05-26' },
    { rule: 'incentivized-reviews', jurisdiction: 'US', law: 'FTC Trade Regulation Rule on the Use of Consumer Reviews and Testimonials', article: '16 CFR 465.2 and 465.4', from: '2024-10-21' },
    { rule: 'incentivized-reviews', jurisdiction: 'EU', law: 'Unfair Commercial Practices Directive 2005/29/EC, as amended by Directive (EU) 2019/2161', article: 'Annex I point 23c', from: '2022-05-28' },
    { rule: 'incentivized-reviews', jurisdiction: 'UK', law: 'Digital Markets, Competition and Consumers Act 2024', article: 'Sch. 20 (fake and concealed incentivised reviews)', from: '2025-04-06' },
    { rule: 'discount-without-prior-price', jurisdiction: 'EU', law: 'Price Indication Directive 98/6/EC, as amended by Directive (EU) 2019/2161', article: 'art. 6a', from: '2022-05-28' },
    { rule: 'generic-green-claim', jurisdiction: 'EU', law: 'Directive (EU) 2024/825 (empowering consumers for the green transition), amending Directive 2005/29/EC', article: 'Annex I points 4a and 4c', from: '2026-09-27' },
    { rule: 'tracking-without-consent', jurisdiction: 'EU', law: 'ePrivacy Directive 2002/58/EC, as amended by Directive 2009/136/EC', article: 'art. 5(3)', from: '2011-05-25' },
    { rule: 'tracking-without-consent', jurisdiction: 'UK', law: 'Privacy and Electronic Communications Regulations 2003', article: 'reg. 6', from: '2011-05-26' },
    { rule: 'guarantee-below-legal-minimum', jurisdiction: 'EU', law: 'Consumer Rights Directive 2011/83/EU', article: 'art. 9(1)', from: '2014-06-13' },
    { rule: 'guarantee-below-legal-minimum', jurisdiction: 'UK', law: 'Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013', article: 'reg. 30', from: '2014-06-13' }
] satisfies Law[]);

/** The ids of the compliance rules (the rules with a row in `LAWS`), in table order. */
export const COMPLIANCE_RULES: readonly string[] = [...new Set(LAWS.map(law => law.rule))];

/** "CAN-SPAM Act of 2003, 15 U.S.C. 7704(a)(4)" */
export function citation(law: Law): string {
    return `${law.law}, ${law.article}`;
}

/** Whether a law applies on some day of a range of days. */
export function inForceDuring(law: Law, days: DayRange): boolean {
    const from = dayNumber(law.from);
    return from !== undefined && days.end >= from;
}

type WithMarkets = { markets: Array<Reference<Market>> };

function named(block: WithMarkets): Market[] {
    const found: Market[] = [];
    for (const ref of block.markets) if (ref.ref && !found.includes(ref.ref)) found.push(ref.ref);
    return found;
}

function union(lists: Market[][]): Market[] {
    const found: Market[] = [];
    for (const list of lists) for (const market of list) if (!found.includes(market)) found.push(market);
    return found;
}

/** What `marketsOf` needs of the plan: its markets and who runs each tactic. */
export interface MarketLookup {
    /** Every market of the plan. */
    markets: Market[];
    campaignsRunning(tactic: Tactic): Campaign[];
}

/** The markets a segment sells in: those it names, else the plan's. */
export function segmentMarkets(segment: Segment, plan: MarketLookup): Market[] {
    const own = named(segment);
    return own.length > 0 ? own : plan.markets;
}

function reachedMarkets(audience: ReadonlyArray<Reference<Reachable>>): Market[] | undefined {
    const segments = audience.flatMap(ref => segmentsOf(ref.ref));
    const stated = segments.filter(segment => segment.markets.length > 0);
    if (stated.length === 0 || stated.length < segments.length) return undefined;
    return union(stated.map(segment => named(segment)));
}

/**
 * The markets a block reaches. What the block names comes first; a tactic
 * otherwise reaches the markets of the campaigns that run it (where they name
 * any), a tactic or flow those of the segments it reaches (where every one
 * names its markets); every other block, and any that says nothing, reaches
 * all of the plan's markets.
 */
export function marketsOf(block: Tactic | Flow | Campaign | Funnel | Offer | Segment, plan: MarketLookup): Market[] {
    const own = named(block);
    if (own.length > 0) return own;
    if (block.$type === 'Tactic') {
        const tactic = block as Tactic;
        const campaigns = plan.campaignsRunning(tactic).filter(campaign => campaign.markets.length > 0);
        if (campaigns.length > 0) return union(campaigns.map(campaign => named(campaign)));
        return reachedMarkets(tactic.audience) ?? plan.markets;
    }
    if (block.$type === 'Flow') return reachedMarkets((block as Flow).audience) ?? plan.markets;
    return plan.markets;
}

/**
 * The days a block runs on: its own period, else (for a tactic) the periods of
 * the campaigns that run it, from the first start to the last end; else the
 * as-of day alone.
 */
export function daysOf(block: { period?: Period; $type: string }, plan: MarketLookup, asOf: number): DayRange {
    const own = periodOf(block);
    if (own) return own;
    if (block.$type === 'Tactic') {
        const ranges = plan.campaignsRunning(block as Tactic).map(campaign => periodOf(campaign)).filter((range): range is DayRange => range !== undefined);
        if (ranges.length > 0) return { start: Math.min(...ranges.map(r => r.start)), end: Math.max(...ranges.map(r => r.end)) };
    }
    return { start: asOf, end: asOf };
}

/** One provision that applies to a block, with the block's markets it applies in. */
export interface Applying {
    law: Law;
    markets: Market[];
}

/**
 * The provisions of `rule` that apply to a block: for each jurisdiction the
 * block's markets fall under (and whose pack is on), the law, when the block's
 * days reach the day it applies from.
 */
export function lawsApplying(rule: string, markets: Market[], days: DayRange, packOn: (jurisdiction: Jurisdiction) => boolean): Applying[] {
    const found: Applying[] = [];
    for (const law of LAWS) {
        if (law.rule !== rule || !packOn(law.jurisdiction) || !inForceDuring(law, days)) continue;
        const covered = markets.filter(market => jurisdictionsOf(market).includes(law.jurisdiction));
        if (covered.length > 0) found.push({ law, markets: covered });
    }
    return found;
}

/** "market US", "markets US and DE" */
export function marketNames(markets: Market[]): string {
    const names = markets.map(market => market.name);
    if (names.length === 1) return `market ${names[0]}`;
    return `markets ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The time zones of the United States' recipients when a US market states none: the contiguous states, Alaska and Hawaii. */
export const US_TIME_ZONES: readonly string[] = [
    'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'
];

/** The time zones a market's recipients live in: its `timezones`, else (a market of the United States) the US zones. */
export function zonesOf(market: Market): string[] {
    if (market.zones.length > 0) return market.zones;
    return jurisdictionsOf(market).includes('US') ? [...US_TIME_ZONES] : [];
}

/** A window of minutes after midnight, the end after the start (a window past midnight ends after 24:00). */
export interface MinuteWindow {
    start: number;
    end: number;
}

/**
 * A window of the sender's zone in another zone's time on a day: both ends
 * moved by the difference of the zones' offsets that day, the start brought
 * within the day (so 23:00 to 4:00 of the next day reads as such); undefined
 * when a zone is unknown.
 */
export function windowInZone(window: MinuteWindow, from: string, to: string, day: number): MinuteWindow | undefined {
    const fromOffset = utcOffsetMinutes(from, day), toOffset = utcOffsetMinutes(to, day);
    if (fromOffset === undefined || toOffset === undefined) return undefined;
    const shift = toOffset - fromOffset;
    let start = window.start + shift, end = window.end + shift;
    while (start < 0) { start += 1440; end += 1440; }
    while (start >= 1440) { start -= 1440; end -= 1440; }
    return { start, end };
}

/** "8:00", "17:30", "1:00" for 25:00 (the next day). */
export function clockText(minutes: number): string {
    const within = ((minutes % 1440) + 1440) % 1440;
    return `${Math.floor(within / 60)}:${String(within % 60).padStart(2, '0')}`;
}

/**
 * The IANA time zones of a country or region code, as the runtime knows them
 * (`America/New_York`, … for US; the member states' for EU; `Europe/London`
 * for UK); empty where the runtime cannot tell.
 */
export function zonesOfCountry(code: string): string[] {
    if (code === 'EU') return [...new Set(EU_MEMBERS.flatMap(zonesOfCountry))];
    const region = code === 'UK' ? 'GB' : code;
    try {
        const locale = new Intl.Locale(`und-${region}`) as Intl.Locale & { getTimeZones?(): string[]; timeZones?: string[] };
        return [...(locale.getTimeZones?.() ?? locale.timeZones ?? [])];
    } catch {
        return [];
    }
}

/** Every IANA time zone the runtime knows, in its order; empty where it cannot list them. */
export function allTimeZones(): string[] {
    try {
        return Intl.supportedValuesOf('timeZone');
    } catch {
        return [];
    }
}

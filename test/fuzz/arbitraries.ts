/**
 * Grammar-aware generation of valid plans (fast-check arbitraries): blocks of
 * every kind of src/language/mplan.langium with random facts in random order,
 * names shared between the blocks and files of a workspace (so references
 * resolve, or do not, or resolve through an import), imports between the
 * files, comments and blank lines. A generated file is a structure, printed
 * twice: messily (random spaces, tabs and line breaks between the words, the
 * file's own line ends) and canonically, the way the formatter writes it
 * (docs/formatting.md), so a property can hold the formatter to its style.
 *
 * Free words (metrics, platforms, people) take keywords too: the grammar reads
 * any keyword as a word there (src/language/syntax/token-builder.ts).
 */
import fc from 'fast-check';
import { DEFAULT_THRESHOLDS, EVERY_RULE, LEVELS, THRESHOLD_DOCS, type Settings, type Thresholds } from '../../src/language/config/settings.js';
import { RULES } from '../../src/language/rules/index.js';
import { collectKeywords } from '../../src/language/syntax/token-builder.js';
import { allowedWords } from '../../src/language/syntax/word-lists.js';
import { services, TEST_AS_OF } from '../helpers.js';

/** Every keyword of the grammar that is a word (letters only). */
export const KEYWORDS: readonly string[] = (() => {
    const into = new Set<string>();
    collectKeywords(services.Mplan.Grammar, into);
    return [...into].sort();
})();
const KEYWORD_SET = new Set(KEYWORDS);

// ------------------------------------------------------------------ the shape of a generated file

/** One fact of a block: its words, and what hangs off it. */
export interface Fact {
    /** The fact's words in order; `,`, `%` and a ratio's `x` (RATIO) are words of their own. */
    words: string[];
    /** A nested block after the words (`habits { … }`, `results { … }`). */
    nested?: Fact[];
    /** A guarantee's terms (`claim "…"`, `refunds "…"`), each written on a line of its own. */
    terms?: string[][];
    /** Comments on lines of their own above the fact. */
    leading?: string[];
    /** A comment after the fact, on its last line. */
    trailing?: string;
    /** A blank line above the fact (and its comments), where the style allows one. */
    blankBefore?: boolean;
}

/** A top-level block (`tactic Ads { … }`) or an import (`import "x.mplan"`, no facts). */
export interface Block extends Fact {
    /** Whether the words are followed by braces: false for an import. */
    braces: boolean;
    /** The facts between the braces. */
    facts?: Fact[];
    /** A comment after the opening brace, on its line. */
    openComment?: string;
}

/** Line ends of a file: the formatter keeps them. */
export type Eol = '\n' | '\r\n' | '\r';

export interface GeneratedFile {
    path: string;
    /** Imports first, then blocks. */
    items: Block[];
    eol: Eol;
    /** Seeds the messy layout. */
    layoutSeed: number;
}

// ---------------------------------------------------------------------------- values

const NAME_POOL = ['Box', 'Platter', 'Managers', 'Office', 'Ads', 'Spring', 'SweetCo', 'Main', 'x', '_a', 'a-b', 'Q3_push', 'Z9'];

/** A name (the grammar's ID) that is no keyword. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NAME_POOL) },
    { weight: 1, arbitrary: fc.stringMatching(/^[_a-zA-Z][\w-]{0,12}$/) }
).filter(name => !KEYWORD_SET.has(name));

/** A free word: a name, a plain word, or any keyword of the grammar. */
const wordArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('google', 'linkedin', 'sales', 'leads', 'customers', 'visitors', 'tips', 'card', 'paypal', 'marketing', 'Ann', 'Raj', 'ebook', 'trial', 'sample', 'units') },
    { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS) },
    { weight: 1, arbitrary: nameArb }
);

/** Text in quotes: any code point (astral, RTL, combining marks, controls), with `"` and `\` escaped and no line break. */
const stringArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('Fresh', 'Office managers', 'Same-day delivery', 'Ünïcödé ✓', 'שלום עולם', 'مرحبا', '𝔸𝔹ℂ 😀', 'e\u0301\u0301\u0301', '<script>alert(1)</script>', '', ' ') },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) }
).map(text => `"${text.replace(/[\r\n]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);

/** A NUMBER token: digits with `_` groups and decimals, up to numbers no double holds. */
const numberArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.nat(200_000).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('0', '1', '45_000', '1_199', '0.5', '99.99', '100', '3_', '1__0', '0000', '9999999999999999999999', '1' + '0'.repeat(400), '0.' + '0'.repeat(30) + '1') }
);

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A DATE token: mostly real days near the tests' as-of day, sometimes none (2027-02-30, 0000-00-00). */
const dateArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.integer({ min: 2025, max: 2029 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(9999), fc.nat(99), fc.nat(99)).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`) },
    { weight: 1, arbitrary: fc.constantFrom('2027-02-30', '0000-00-00', '2028-02-29', '2027-02-29', '9999-12-31', '2027-13-01') }
);

/** A TIME token, `9:00` to `99:99`. */
const timeArb: fc.Arbitrary<string> = fc.tuple(fc.nat(99), fc.nat(99)).map(([h, m]) => `${h}:${pad(m, 2)}`);

const currencyArb = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('USD', 'EUR', 'GBP') }, { weight: 1, arbitrary: nameArb });
const timeUnitArb = fc.constantFrom('day', 'days', 'week', 'weeks', 'month', 'months', 'quarter', 'quarters', 'year', 'years');
const weekdayArb = fc.constantFrom('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday');
/** The words of a closed list of the grammar (`Channel`, `FlowChannel`, `DelayUnit`), as the grammar has them. */
function listArb(rule: string, property?: string): fc.Arbitrary<string> {
    const words = allowedWords(services.Mplan.Grammar, rule, property);
    if (!words || words.length === 0) throw new Error(`no list of words ${rule} in the grammar`);
    return fc.constantFrom(...words);
}
const channelArb = listArb('Channel');
const flowChannelArb = listArb('FlowChannel');
const delayUnitArb = listArb('DelayUnit');
/** A hashtag as written (the grammar's HASHTAG): `#` and anything but spaces, commas, quotes, braces, `#` and `/`. */
const hashtagArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('#FreshLunch', '#office_lunch', '#café', '#2027', '#a-b', '#x.y', '#😀', '#ש', '#tactic') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter(t => /^[^\s,#"{}\/]+$/u.test(t)).map(t => `#${t}`) }
);

/** Words joined by commas: `a, b, c`. */
function commaList(item: fc.Arbitrary<string[]>, max = 3): fc.Arbitrary<string[]> {
    return fc.array(item, { minLength: 1, maxLength: max }).map(items => items.flatMap((words, i) => i === 0 ? words : [',', ...words]));
}
const one = (arb: fc.Arbitrary<string>) => arb.map(word => [word]);
const optional = (arb: fc.Arbitrary<string[]>) => fc.option(arb, { nil: undefined }).map(words => words ?? []);

/**
 * A ratio's `x` (`target at least 4x`), written right after its number like
 * `%`. It has a word of its own, so that the printers tell it from a free
 * word `x` (`metric x`), which stands apart.
 */
export const RATIO = '\u0000x';

/** A word as it is written. */
function spelt(word: string): string {
    return word === RATIO ? 'x' : word;
}

/** Whether a word is written right after the one before it: `,`, `%` and a ratio's `x`. */
function tight(word: string): boolean {
    return word === ',' || word === '%' || word === RATIO;
}

const moneyArb = fc.tuple(numberArb, currencyArb).map(([amount, currency]) => [amount, currency]);
/** `60%`, or a range `2% to 4%`. */
const percentArb: fc.Arbitrary<string[]> = fc.tuple(numberArb, optional(numberArb.map(n => ['to', n, '%'])))
    .map(([n, high]) => [n, '%', ...high]);
/** A share over time: `97% per month`, `3% to 5% a month`, or a share alone. */
const rateArb: fc.Arbitrary<string[]> = fc.tuple(percentArb, optional(fc.tuple(fc.constantFrom('per', 'a'), timeUnitArb).map(([per, unit]) => [per, unit])))
    .map(([percent, per]) => [...percent, ...per]);
/** A price: `19 USD per month`, `39 to 49 USD`. */
const priceArb: fc.Arbitrary<string[]> = fc.tuple(numberArb, optional(numberArb.map(n => ['to', n])), currencyArb, optional(timeUnitArb.map(u => ['per', u])))
    .map(([amount, high, currency, per]) => [amount, ...high, currency, ...per]);
/** A budget: an amount, in all or per unit of time. */
const budgetArb: fc.Arbitrary<string[]> = fc.tuple(moneyArb, optional(timeUnitArb.map(u => ['per', u]))).map(([m, per]) => ['budget', ...m, ...per]);
const durationArb = fc.tuple(numberArb, timeUnitArb).map(([n, unit]) => [n, unit]);
const cadenceArb: fc.Arbitrary<string[]> = fc.oneof(
    one(fc.constantFrom('daily', 'weekly', 'biweekly', 'monthly', 'quarterly', 'yearly')),
    fc.tuple(optional(one(numberArb)), timeUnitArb).map(([n, unit]) => ['every', ...n, unit]),
    fc.tuple(numberArb, fc.constantFrom('a', 'per'), timeUnitArb).map(([n, a, unit]) => [n, 'times', a, unit])
);
const periodArb = fc.tuple(dateArb, dateArb).map(([start, end]) => ['from', start, 'to', end]);
const platformArb: fc.Arbitrary<string[]> = fc.oneof(one(wordArb), one(stringArb));
/** A word, or words in quotes (the grammar's Term: a keyword, a trigger, a stop condition). */
const termArb: fc.Arbitrary<string[]> = fc.oneof(one(wordArb), one(stringArb));
/** An A/B test: what it varies, and the metric that decides it. */
const abTestArb: fc.Arbitrary<string[]> = fc.tuple(stringArb, optional(one(wordArb).map(m => ['metric', ...m]))).map(([subject, metric]) => ['test', subject, ...metric]);
/** A time zone in quotes: mostly IANA names, sometimes one no runtime knows. */
const zoneArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('"America/New_York"', '"America/Los_Angeles"', '"Europe/Berlin"', '"Asia/Kolkata"', '"Pacific/Chatham"', '"UTC"') },
    { weight: 1, arbitrary: stringArb }
);
const hoursWindowArb = fc.tuple(optional(one(fc.oneof(fc.constantFrom('daily', 'weekdays', 'weekends'), weekdayArb))), timeArb, timeArb, optional(zoneArb.map(z => ['in', z])))
    .map(([days, start, end, zone]) => [...days, start, 'to', end, ...zone]);
/** A country or region code, as a market names it: ISO codes, the EU and UK, or any word. */
const countryArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('US', 'CA', 'DE', 'FR', 'EU', 'UK', 'GB', 'JP', 'BR') },
    { weight: 1, arbitrary: wordArb }
);
/** A language code: ISO 639-1, with a region now and then, or any word. */
const languageArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('en', 'es', 'de', 'fr', 'pt-BR', 'en-GB', 'zh') },
    { weight: 1, arbitrary: wordArb }
);
/** How people agreed to be messaged: `consent written recorded "signed form"`. */
const consentArb: fc.Arbitrary<string[]> = fc.tuple(listArb('ConsentKind'), optional(fc.tuple(optional(one(stringArb))).map(([record]) => ['recorded', ...record])))
    .map(([kind, recorded]) => ['consent', kind, ...recorded]);
/** How soon an opt-out is honoured: `unsubscribe within 2 business days`. */
const optOutArb: fc.Arbitrary<string[]> = fc.tuple(numberArb, fc.boolean(), timeUnitArb)
    .map(([n, business, unit]) => ['unsubscribe', 'within', n, ...(business ? ['business'] : []), unit]);

// ---------------------------------------------------------------------------- blocks

/** The names each kind of block may use, shared by every file of a workspace. */
export interface Names {
    market: string[];
    product: string[];
    segment: string[];
    competitor: string[];
    strategy: string[];
    tactic: string[];
    audience: string[];
}

/** A reference to a block of a kind: mostly a declared name, sometimes one nobody declared. */
function refArb(pool: string[]): fc.Arbitrary<string> {
    return pool.length > 0 ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: nameArb }) : nameArb;
}
const refs = (pool: string[]) => commaList(one(refArb(pool)));

const fact = (words: fc.Arbitrary<string[]>): fc.Arbitrary<Fact> => words.map(w => ({ words: w }));

/** The markets a block reaches: `markets US, Europe` (or `market US`). */
function marketsArb(names: Names): fc.Arbitrary<Fact> {
    return fact(fc.tuple(fc.constantFrom('market', 'markets'), refs(names.market)).map(([keyword, list]) => [keyword, ...list]));
}

/** The facts of each kind of block, one arbitrary per alternative of its rule in the grammar. */
function factsOf(kind: string, names: Names): Array<fc.Arbitrary<Fact>> {
    const string = (keyword: string) => fact(stringArb.map(s => [keyword, s]));
    switch (kind) {
        case 'plan': return [
            string('goal'),
            fact(currencyArb.map(c => ['currency', c])),
            fact(refs(names.product).map(r => ['focus', ...r])),
            fact(cadenceArb.map(c => ['revisit', ...c])),
            fact(fc.tuple(numberArb, currencyArb, numberArb, currencyArb, dateArb).map(([amount, from, value, to, day]) => ['rate', amount, from, '=', value, to, 'as', 'of', day])),
            fact(stringArb.map(s => ['tracking', 'consent', s]))
        ];
        case 'market': return [
            fact(fc.tuple(fc.constantFrom('country', 'countries'), commaList(one(countryArb))).map(([keyword, list]) => [keyword, ...list])),
            fact(fc.tuple(fc.constantFrom('language', 'languages'), commaList(one(languageArb))).map(([keyword, list]) => [keyword, ...list])),
            fact(currencyArb.map(c => ['currency', c])),
            fact(fc.tuple(fc.constantFrom('timezone', 'timezones'), commaList(one(zoneArb))).map(([keyword, list]) => [keyword, ...list]))
        ];
        case 'product': return [
            fact(priceArb.map(p => ['price', ...p])),
            fact(fc.tuple(fc.constantFrom('tier', 'variant'), wordArb, optional(one(stringArb)), priceArb, optional(numberArb.map(n => ['share', n, '%'])))
                .map(([kind, name, title, price, share]) => [kind, name, ...title, ...price, ...share])),
            fact(fc.tuple(durationArb, optional(percentArb.map(p => ['converts', ...p]))).map(([d, converts]) => ['trial', ...d, ...converts])),
            fact(percentArb.map(p => ['margin', ...p])),
            fact(moneyArb.map(m => ['unit', 'cost', ...m])),
            fact(rateArb.map(r => ['retention', ...r])),
            fact(rateArb.map(r => ['churn', ...r])),
            fact(fc.tuple(optional(one(fc.constantFrom('purchase', 'purchases'))), rateArb).map(([p, r]) => ['repeat', ...p, ...r])),
            string('benefit'),
            fact(fc.tuple(stringArb, optional(stringArb.map(s => ['mitigated', 'by', s]))).map(([s, m]) => ['drawback', s, ...m])),
            fact(refs(names.product).map(r => ['spinoff', ...r])),
            fact(refs(names.product).map(r => ['complements', ...r])),
            string('improvement'),
            fact(fc.tuple(priceArb, refs(names.market)).map(([price, markets]) => ['price', ...price, 'in', ...markets])),
            fact(commaList(one(stringArb)).map(list => ['certified', ...list]))
        ];
        case 'segment': return [
            string('who'),
            fact(fc.constant(['decides'])),
            fact(optional(one(refArb(names.segment))).map(r => ['influences', ...r])),
            fact(fc.tuple(numberArb, numberArb).map(([a, b]) => ['age', a, 'to', b])),
            fact(fc.tuple(numberArb, optional(one(currencyArb)), numberArb, currencyArb, optional(timeUnitArb.map(u => ['per', u])))
                .map(([a, c1, b, c2, per]) => ['income', a, ...c1, 'to', b, c2, ...per])),
            fact(fc.tuple(moneyArb, optional(timeUnitArb.map(u => ['per', u]))).map(([m, per]) => ['spends', ...m, ...per])),
            fact(commaList(one(stringArb)).map(list => ['from', ...list])),
            fact(fc.constantFrom('online', 'offline').map(s => ['shops', s])),
            fc.tuple(fc.array(fc.oneof(
                ...['search', 'social', 'sites', 'communities', 'tools'].map(k => fact(commaList(platformArb).map(list => [k, ...list]))),
                fact(hoursWindowArb.map(w => ['online', ...w]))
            ), { maxLength: 4 })).map(([nested]) => ({ words: ['habits'], nested })),
            marketsArb(names)
        ];
        case 'audience': return [
            string('who'),
            fact(fc.tuple(fc.constantFrom('behaviour', 'behavior'), termArb).map(([keyword, term]) => [keyword, ...term])),
            fact(refs(names.segment).map(r => ['of', ...r])),
            fact(durationArb.map(d => ['within', ...d])),
            fact(fc.tuple(numberArb, optional(numberArb.map(n => ['to', n]))).map(([n, high]) => ['size', n, ...high])),
            fact(consentArb)
        ];
        case 'competitor': return [
            string('strength'),
            string('weakness'),
            fact(stringArb.map(s => ['we', 'differ', 'by', s]))
        ];
        case 'research': {
            const source = fc.oneof(one(refArb(names.competitor)), one(stringArb));
            return [
                fact(commaList(source).map(list => ['studied', ...list])),
                fact(commaList(source).map(list => ['consulted', ...list])),
                string('finding')
            ];
        }
        case 'strategy': return [
            string('statement'),
            fact(refs(names.segment).map(r => ['targets', ...r])),
            fact(fc.tuple(fc.constantFrom('objective', 'kpi'), stringArb, fc.array(fc.oneof(
                one(wordArb).map(w => ['metric', ...w]),
                fc.tuple(
                    optional(fc.constantFrom(['at', 'least'], ['at', 'most'])), numberArb, optional(numberArb.map(n => ['to', n])),
                    optional(fc.oneof(fc.constant<string[]>(['%']), fc.constant<string[]>([RATIO]), one(currencyArb))),
                    optional(fc.tuple(fc.constantFrom('per', 'a'), timeUnitArb).map(([per, unit]) => [per, unit]))
                ).map(([direction, n, high, unit, per]) => ['target', ...direction, n, ...high, ...unit, ...per]),
                dateArb.map(d => ['by', d]),
                fc.oneof(one(wordArb), one(stringArb)).map(owner => ['owner', ...owner]),
                cadenceArb.map(c => ['review', ...c])
            ), { maxLength: 4 })).map(([kind, text, parts]) => [kind, text, ...parts.flat()])),
            string('message'),
            fact(refs(names.product).map(r => ['promotes', ...r]))
        ];
        case 'tactic': return [
            fact(refs(names.strategy).map(r => ['serves', ...r])),
            fact(fc.tuple(channelArb, optional(commaList(platformArb).map(list => ['on', ...list]))).map(([c, on]) => ['channel', c, ...on])),
            fact(refs([...names.segment, ...names.audience]).map(r => ['audience', ...r])),
            fact(budgetArb),
            fact(fc.tuple(moneyArb, optional(timeUnitArb.map(u => ['per', u]))).map(([m, per]) => ['fee', ...m, ...per])),
            fact(fc.tuple(fc.oneof(numberArb.map(n => [n, '%']), moneyArb), fc.boolean())
                .map(([value, perSale]) => ['commission', ...value, ...(perSale ? ['per', 'sale'] : [])])),
            fact(fc.tuple(numberArb, optional(numberArb.map(n => ['to', n])), wordArb, timeUnitArb)
                .map(([n, high, counted, unit]) => ['expect', n, ...high, counted, 'per', unit])),
            fact(periodArb),
            fact(hoursWindowArb.map(w => ['hours', ...w])),
            string('message'),
            fact(cadenceArb.map(c => ['publish', ...c])),
            fact(fc.tuple(numberArb, fc.constantFrom('per', 'a'), timeUnitArb).map(([n, per, unit]) => ['frequency', 'cap', n, per, unit])),
            fact(commaList(termArb).map(list => ['keywords', ...list])),
            fact(commaList(fc.oneof(one(hashtagArb), termArb)).map(list => ['hashtags', ...list])),
            fact(abTestArb),
            fact(fc.tuple(numberArb, optional(timeUnitArb.map(u => ['per', u]))).map(([n, per]) => ['reviews', n, ...per])),
            fact(fc.tuple(numberArb, optional(numberArb.map(n => ['of', n]))).map(([n, scale]) => ['rating', n, ...scale])),
            marketsArb(names),
            fact(consentArb),
            string('disclosure'),
            fact(fc.tuple(stringArb, optional(optional(one(listArb('Tactic', 'rewardFor'))).map(kind => ['for', ...kind, 'reviews'])))
                .map(([reward, condition]) => ['reward', reward, ...condition])),
            fact(stringArb.map(s => ['tracking', 'consent', s]))
        ];
        case 'flow': {
            const step = fc.tuple(optional(fc.tuple(numberArb, delayUnitArb).map(([n, unit]) => ['after', n, unit])), optional(one(stringArb)),
                optional(commaList(one(wordArb)).map(list => ['with', ...list])))
                .map(([after, subject, contents]) => ['step', ...after, ...subject, ...contents]);
            return [
                fact(flowChannelArb.map(c => ['channel', c])),
                fact(refs([...names.segment, ...names.audience]).map(r => ['audience', ...r])),
                fact(termArb.map(t => ['trigger', ...t])),
                fact(step),
                fact(commaList(termArb).map(list => ['stop', 'when', ...list])),
                fact(hoursWindowArb.map(w => ['hours', ...w])),
                fact(abTestArb),
                marketsArb(names),
                fact(consentArb),
                fact(optOutArb),
                fact(periodArb)
            ];
        }
        case 'campaign': {
            const staff = fc.tuple(fc.oneof(wordArb, stringArb), optional(numberArb.map(n => [n, '%']))).map(([person, share]) => [person, ...share]);
            return [
                fact(budgetArb),
                fact(fc.tuple(commaList(staff), optional(commaList(termArb).map(list => ['from', ...list]))).map(([list, from]) => ['staff', ...list, ...from])),
                fact(periodArb),
                fact(refs(names.tactic).map(r => ['runs', ...r])),
                fact(refs(names.product).map(r => ['promotes', ...r])),
                fact(commaList(one(wordArb)).map(list => ['track', ...list])),
                fact(dateArb.map(d => ['review', 'on', d])),
                fc.array(fact(fc.tuple(wordArb, numberArb, fc.boolean(), optional(one(stringArb)))
                    .map(([metric, value, percent, note]) => [metric, value, ...(percent ? ['%'] : []), ...note])), { maxLength: 3 })
                    .map(nested => ({ words: ['results'], nested })),
                marketsArb(names)
            ];
        }
        case 'funnel': {
            const method = fc.oneof(
                fc.constant(['optin', 'form']),
                fc.constant(['survey']),
                fc.tuple(fc.boolean(), optional(one(fc.constantFrom('ticked', 'unticked')))).map(([at, state]) => ['checkbox', ...(at ? ['at', 'checkout'] : []), ...state]),
                fc.constant(['bought', 'list']),
                fc.constant(['scraped', 'addresses'])
            );
            const capture = fc.tuple(method, optional(fc.tuple(wordArb, optional(one(stringArb))).map(([magnet, title]) => ['offering', magnet, ...title])), fc.boolean())
                .map(([m, offering, double]) => ['collect', 'leads', 'by', ...m, ...offering, ...(double ? ['double', 'optin'] : [])]);
            const followUp = fc.tuple(cadenceArb, optional(weekdayArb.map(d => ['on', d])), optional(timeArb.map(t => ['at', t])), optional(commaList(one(wordArb)).map(list => ['with', ...list])))
                .map(([cadence, on, at, withWords]) => ['follow', 'up', ...cadence, ...on, ...at, ...withWords]);
            const close = fc.tuple(optional(cadenceArb), fc.boolean()).map(([cadence, cta]) => ['close', ...cadence, ...(cta ? ['with', 'call', 'to', 'action'] : [])]);
            return [
                fact(capture),
                fact(fc.constantFrom('autoresponder', 'email').map(c => ['confirm', 'by', c])),
                fact(followUp),
                fact(close),
                fact(fc.tuple(refArb(names.product), refArb(names.product), optional(percentArb)).map(([a, b, rate]) => ['upsell', a, 'to', b, ...rate])),
                string('loyalty'),
                fact(fc.constant(['unsubscribe', 'link', 'in', 'every', 'email'])),
                fact(stringArb.map(s => ['sender', 'address', s])),
                fact(fc.tuple(numberArb, optional(numberArb.map(n => ['to', n])), optional(timeUnitArb.map(u => ['per', u])))
                    .map(([n, high, per]) => ['visitors', n, ...high, ...per])),
                fact(fc.tuple(numberArb, optional(numberArb.map(n => ['to', n])), wordArb, timeUnitArb)
                    .map(([n, high, stage, unit]) => ['expect', n, ...high, stage, 'per', unit])),
                fact(fc.tuple(numberArb, wordArb).map(([n, stage]) => ['list', n, stage])),
                fact(wordArb.map(stage => ['first', 'purchase', 'at', stage])),
                fact(fc.tuple(wordArb, wordArb, numberArb, optional(numberArb.map(n => ['to', n, '%']))).map(([from, to, rate, high]) => ['conversion', from, 'to', to, rate, '%', ...high])),
                marketsArb(names),
                fact(consentArb),
                fact(optOutArb)
            ];
        }
        case 'offer': {
            const term = fc.oneof(
                stringArb.map(s => ['claim', s]),
                stringArb.map(s => ['refunds', s]),
                durationArb.map(d => ['paid', 'within', ...d]),
                stringArb.map(s => ['condition', s])
            );
            return [
                fc.tuple(fc.oneof(fc.constant(['money', 'back']), one(stringArb)), optional(durationArb), fc.array(term, { maxLength: 3 }))
                    .map(([kind, duration, terms]) => ({ words: ['guarantee', ...kind, ...duration], terms })),
                fact(fc.tuple(wordArb, optional(one(stringArb)), optional(durationArb)).map(([kind, text, term]) => ['free', kind, ...text, ...term])),
                fact(commaList(termArb).map(list => ['payments', ...list])),
                string('security'),
                fact(fc.tuple(numberArb, fc.oneof(fc.constant(['%']), one(currencyArb)), optional(refs(names.product).map(r => ['on', ...r])), optional(moneyArb.map(m => ['prior', 'price', ...m])))
                    .map(([value, unit, on, prior]) => ['discount', value, ...unit, ...on, ...prior])),
                marketsArb(names)
            ];
        }
        default: throw new Error(`no block ${kind}`);
    }
}

/** Kinds of block whose name the grammar makes optional. */
const OPTIONAL_NAME = new Set(['research', 'funnel', 'offer']);
export const BLOCK_KINDS = ['plan', 'market', 'product', 'segment', 'audience', 'competitor', 'research', 'strategy', 'tactic', 'flow', 'campaign', 'funnel', 'offer'] as const;

/** A comment's text: anything on one line, never a suppression comment (which the formatter keeps in place on purpose). */
const commentArb: fc.Arbitrary<string> = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }).map(text => `// ${text.replace(/[\r\n]/g, ' ')}`),
    fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map(text => `/* ${text.replace(/\*\//g, '* /').replace(/[\r\n]/g, ' ')} */`)
).filter(text => !/mplan-(disable|enable)/.test(text));

/** Comments and blank lines around a fact, now and then. */
function decorate<T extends Fact>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
    return fc.tuple(arb, fc.option(fc.array(commentArb, { minLength: 1, maxLength: 2 }), { freq: 8, nil: undefined }), fc.option(commentArb, { freq: 8, nil: undefined }), fc.nat(5))
        .map(([item, leading, trailing, blank]) => ({ ...item, leading: item.leading ?? leading, trailing: item.trailing ?? trailing, blankBefore: blank === 0 }));
}

function decorateFacts(facts: Fact[] | undefined): fc.Arbitrary<Fact[] | undefined> {
    if (!facts) return fc.constant(undefined);
    return fc.tuple(...facts.map(f => decorate(fc.constant(f)).chain(d => decorateFacts(d.nested).map(nested => nested ? { ...d, nested } : d))));
}

/** A block of a kind: a name from the workspace's pool, then facts of that kind in random order (some repeated). */
export function blockArb(kind: string, names: Names): fc.Arbitrary<Block> {
    const pool = (names as unknown as Record<string, string[]>)[kind] ?? [];
    const name = OPTIONAL_NAME.has(kind)
        ? optional(one(nameArb))
        : one(pool.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: nameArb }) : nameArb);
    // A display title after the name, now and then (`product Box "Catering box" {`).
    const title = fc.option(one(stringArb), { freq: 3, nil: undefined }).map(words => words ?? []);
    return fc.tuple(name, title, fc.array(fc.oneof(...factsOf(kind, names)), { maxLength: 7 }), fc.option(commentArb, { freq: 10, nil: undefined }))
        .chain(([n, t, facts, openComment]) => fc.tuple(decorateFacts(facts), decorate(fc.constant({ words: [kind, ...n, ...t], braces: true, openComment } as Block)))
            .map(([decorated, block]) => ({ ...block, facts: decorated ?? [] })));
}

function factsOfBlock(block: Block): Fact[] {
    return block.facts ?? [];
}

/** The relative path from the folder of `from` to `to`, as an import writes it. */
export function relativePath(from: string, to: string): string {
    const fromDirs = from.split('/').slice(0, -1);
    const toParts = to.split('/');
    let common = 0;
    while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++;
    return [...fromDirs.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

const PATHS = ['plan.mplan', 'shared/market.mplan', 'offer.mplan', 'shared/deep/products.mplan'];

/** An import of another file of the workspace, or of something that is no plan file of it. */
function importArb(path: string, others: string[]): fc.Arbitrary<Block> {
    const target = fc.oneof(
        { weight: others.length > 0 ? 6 : 0, arbitrary: others.length > 0 ? fc.constantFrom(...others).map(other => relativePath(path, other)) : fc.constant('x.mplan') },
        { weight: 1, arbitrary: fc.constantFrom('missing.mplan', 'notes.txt', '../../../../etc/passwd.mplan', path.split('/').pop()!, './', '', 'a/../b.mplan', 'C:\\plans\\x.mplan', '%2e%2e/x.mplan', 'file:///etc/x.mplan') }
    );
    return decorate(target.map(p => ({ words: ['import', `"${p.replace(/\\/g, '\\\\')}"`], braces: false }) as Block));
}

/** One file: imports, then blocks of random kinds (a plan block in the first file, mostly). */
function fileArb(path: string, others: string[], names: Names, first: boolean): fc.Arbitrary<GeneratedFile> {
    const kinds = fc.array(fc.constantFrom(...BLOCK_KINDS.filter(k => k !== 'plan')), { maxLength: first ? 9 : 5 });
    const plan = fc.nat(9).map(n => first ? n < 8 : n === 0);
    return fc.tuple(fc.array(importArb(path, others), { maxLength: Math.min(3, others.length + 1) }), kinds, plan, fc.constantFrom<Eol>('\n', '\n', '\n', '\r\n', '\r'), fc.nat())
        .chain(([imports, kindList, hasPlan, eol, layoutSeed]) => {
            const blockKinds = hasPlan ? ['plan', ...kindList] : kindList;
            return (blockKinds.length > 0 ? fc.tuple(...blockKinds.map(kind => blockArb(kind, names))) : fc.constant([] as Block[]))
                .map(blocks => ({ path, items: [...imports, ...blocks], eol, layoutSeed }));
        });
}

/** Names for a workspace: a few per kind, overlapping between kinds now and then. */
const namesArb: fc.Arbitrary<Names> = fc.record({
    market: fc.uniqueArray(fc.oneof(fc.constantFrom('US', 'CA', 'EU', 'UK', 'DE'), nameArb), { maxLength: 3 }),
    product: fc.uniqueArray(nameArb, { maxLength: 3 }),
    segment: fc.uniqueArray(nameArb, { maxLength: 3 }),
    competitor: fc.uniqueArray(nameArb, { maxLength: 2 }),
    strategy: fc.uniqueArray(nameArb, { maxLength: 2 }),
    tactic: fc.uniqueArray(nameArb, { maxLength: 3 }),
    audience: fc.uniqueArray(nameArb, { maxLength: 2 })
});

/** A workspace of one to four files that import each other (cycles included) and share names. */
export const workspaceArb: fc.Arbitrary<GeneratedFile[]> = fc.tuple(fc.integer({ min: 1, max: 4 }), namesArb).chain(([count, names]) => {
    const paths = PATHS.slice(0, count);
    return fc.tuple(...paths.map((path, i) => fileArb(path, paths.filter(p => p !== path), names, i === 0)));
});

/** A single-file plan (the first file of a workspace). */
export const planFileArb: fc.Arbitrary<GeneratedFile> = namesArb.chain(names => fileArb('plan.mplan', [], names, true));

// ---------------------------------------------------------------------------- printing

const INDENT = '    ';

/** Words as the formatter spaces them: one space between, none before `,`, `%` and a ratio's `x`. */
function joinWords(words: string[]): string {
    return words.reduce((line, word, i) => i === 0 ? spelt(word) : line + (tight(word) ? '' : ' ') + spelt(word), '');
}

/** A `//` comment loses the spaces at its end; a `/* … *\/` keeps everything. */
function canonicalComment(comment: string): string {
    return comment.startsWith('//') ? comment.replace(/\s+$/, '') : comment;
}

/**
 * The file as the formatter writes it (docs/formatting.md); the messy print
 * of a file with no words stays as it is. Line ends are the file's, unless
 * the messy print happens to have none (a whole plan on one line): then the
 * formatter cannot know them and writes `\n`.
 */
export function printCanonical(file: GeneratedFile): string {
    const messy = printMessy(file);
    if (file.items.length === 0) return messy;
    const eol = /[\r\n]/.test(messy) ? file.eol : '\n';
    const lines: string[] = [];
    const push = (depth: number, text: string) => lines.push(INDENT.repeat(depth) + text);
    const trailing = (text: string, item: Fact) => item.trailing ? `${text} ${canonicalComment(item.trailing)}` : text;

    const printItem = (item: Fact & { braces?: boolean; openComment?: string }, depth: number, blankAllowed: boolean, facts: Fact[] | undefined) => {
        if (item.blankBefore && blankAllowed) lines.push('');
        for (const comment of item.leading ?? []) push(depth, canonicalComment(comment));
        const head = joinWords(item.words);
        if (facts) {
            if (facts.length === 0 && !item.openComment) {
                push(depth, trailing(`${head} {}`, item));
                return;
            }
            push(depth, item.openComment ? `${head} { ${canonicalComment(item.openComment)}` : `${head} {`);
            facts.forEach((f, i) => printItem(f, depth + 1, i > 0, f.nested));
            push(depth, trailing('}', item));
            return;
        }
        if (item.terms && item.terms.length > 0) {
            push(depth, head);
            item.terms.forEach((term, i) => push(depth + 1, i === item.terms!.length - 1 ? trailing(joinWords(term), item) : joinWords(term)));
            return;
        }
        push(depth, trailing(head, item));
    };
    file.items.forEach((item, i) => printItem(item, 0, i > 0, item.braces ? factsOfBlock(item) : undefined));
    return lines.join(eol) + eol;
}

/**
 * The same file with random whitespace wherever the formatter decides it:
 * spaces, tabs and line breaks between words, none at all next to
 * punctuation, several line breaks where a blank line is meant (and where
 * none may stay), indentation anyhow. Line comments always end their line.
 */
export function printMessy(file: GeneratedFile): string {
    let state = file.layoutSeed >>> 0;
    const random = () => {
        state = (state + 0x6D2B79F5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const spaces = () => pick([' ', ' ', '  ', '\t', ' \t ', '   ']);
    const indent = () => pick(['', '', '  ', '\t', '        ', ' ']);
    const breaks = (n: number) => Array.from({ length: n }, () => pick(['', ' ', '\t']) + file.eol).join('') + indent();
    let out = '';
    /** Whether what was written last is a `//` comment: the next gap needs a line break. */
    let lineOpen = false;
    const isPunct = (word: string) => tight(word) || word === '{' || word === '}';
    let lastWord = '';

    /** A gap inside a fact: any whitespace, none next to punctuation. */
    const inner = (next: string) => {
        if (lineOpen) return breaks(1);
        // (A ratio's x needs a gap after it: `4x per month`, not `4xper month`.)
        if ((isPunct(next) || (isPunct(lastWord) && lastWord !== RATIO)) && random() < 0.4) return '';
        return random() < 0.15 ? breaks(1) : spaces();
    };
    /** A gap before a fact, an import or a block: several line breaks for a blank line, at most one otherwise. */
    const between = (blank: boolean) => {
        if (blank) return breaks(2 + Math.floor(random() * 2));
        if (lineOpen) return breaks(1);
        return random() < 0.25 ? spaces() : breaks(1);
    };
    const word = (gap: string, written: string) => {
        out += gap + spelt(written);
        lastWord = written;
        lineOpen = false;
    };
    const comment = (gap: string, text: string) => {
        out += gap + (text.startsWith('//') ? text + pick(['', '', ' ', '\t ']) : text);
        lineOpen = text.startsWith('//');
        lastWord = '';
    };
    const words = (list: string[], firstGap: string) => list.forEach((w, i) => word(i === 0 ? firstGap : inner(w), w));

    const printItem = (item: Fact & { openComment?: string }, blank: boolean, facts: Fact[] | undefined, first: boolean) => {
        let gap = first && out === '' ? pick(['', '', file.eol, '  ', file.eol + file.eol + '\t']) : between(blank);
        for (const c of item.leading ?? []) {
            // A comment on a line of its own: a line break before it (unless it opens the file) and after it.
            if (out !== '' && !/[\r\n]/.test(gap)) gap = breaks(1);
            comment(gap, c);
            gap = breaks(1);
        }
        if (out !== '' && (item.leading?.length ?? 0) > 0 && !/[\r\n]/.test(gap)) gap = breaks(1);
        words(item.words, gap);
        if (facts) {
            word(inner('{'), '{');
            if (item.openComment) {
                comment(lineOpen ? breaks(1) : spaces(), item.openComment);
            }
            facts.forEach((f, i) => printItem(f, f.blankBefore === true && i > 0, f.nested, false));
            // Before the closing brace: any number of line breaks (none stays), unless a comment must end first.
            const close = lineOpen ? breaks(1 + Math.floor(random() * 2)) : random() < 0.3 ? pick(['', ' ']) : breaks(Math.floor(random() * 3));
            word(close, '}');
        }
        for (const term of item.terms ?? []) words(term, lineOpen ? breaks(1) : random() < 0.5 ? spaces() : breaks(1 + Math.floor(random() * 2)));
        if (item.trailing) comment(pick(['', ' ', '\t', '   ']), item.trailing);
    };
    file.items.forEach((item, i) => printItem(item, item.blankBefore === true && i > 0, item.braces ? factsOfBlock(item) : undefined, i === 0));
    out += lineOpen ? pick([file.eol, file.eol + file.eol, file.eol + '  ']) : pick(['', file.eol, file.eol + file.eol, '  ', file.eol + '\t']);
    return out;
}

/** A workspace as the files of a case: path to messy text. */
export function messyFiles(files: GeneratedFile[]): Record<string, string> {
    return Object.fromEntries(files.map(file => [file.path, printMessy(file)]));
}

// ---------------------------------------------------------------------------- settings

/**
 * The settings a plan is judged by, as a project's mplan.json may give them:
 * mostly the tests' defaults; sometimes another as-of day (long before or
 * after the plans' dates), rules set to other levels or off ("*" among them), thresholds
 * anywhere from their minimum to their maximum.
 */
export const settingsArb: fc.Arbitrary<Settings> = fc.record({
    asOf: fc.oneof({ weight: 6, arbitrary: fc.constant(TEST_AS_OF) }, { weight: 1, arbitrary: fc.constantFrom('2020-01-01', '2027-06-30', '2099-12-31', '0001-01-01') }),
    ranges: fc.constantFrom<Settings['ranges']>(undefined, 'pessimistic', 'optimistic'),
    rules: fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(EVERY_RULE, ...RULES.map(rule => rule.id)), fc.constantFrom(...LEVELS), { maxKeys: 12 }) }
    ),
    thresholds: fc.oneof(
        { weight: 4, arbitrary: fc.constant(DEFAULT_THRESHOLDS) },
        // Anywhere a project's mplan.json may set them: from each threshold's minimum to its maximum (THRESHOLD_DOCS).
        { weight: 1, arbitrary: fc.record(Object.fromEntries(Object.entries(THRESHOLD_DOCS).map(([key, doc]) => [key,
            doc.fractional ? fc.double({ min: doc.minimum, max: doc.maximum, noNaN: true }) : fc.integer({ min: doc.minimum, max: doc.maximum })
        ])) as unknown as { [K in keyof Thresholds]: fc.Arbitrary<Thresholds[K]> }) }
    )
});

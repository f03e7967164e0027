// The alternative a user would pick instead of mplan: the same plan written
// as YAML, parsed with `yaml`, validated with an `ajv` JSON Schema, then a
// cross-reference pass in plain JavaScript. The benchmark times it in the
// same run as mplan and reports the ratio (issue 7).
//
//   node bench/yaml-baseline.mjs [LINES...] [--runs N]   median ms of checkYaml per size
//   node bench/yaml-baseline.mjs --print LINES            the YAML for a plan of LINES mplan lines
//
// generateYaml mirrors generatePlan in bench/generate.mjs: the same seeded
// random numbers drawn in the same order, the same blocks, names, numbers and
// dates, and the same stopping rule on the mplan line count. generate.mjs
// does not export its random generator or its line counts, so the small
// deterministic parts are duplicated here (see MPLAN_* below); a test holds
// the two generators to describing the same plan.

import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import YAML from 'yaml';
import { CHANNELS as PLAN_CHANNELS, random } from './generate.mjs';

// ------------------------------------------------------------- the generator

/** The generator's channels, platform names unquoted as YAML writes them. */
const CHANNELS = PLAN_CHANNELS.map(([channel, platform]) => [channel, platform ? platform.replace(/^"|"$/g, '') : null]);

// How many lines generatePlan writes, so that the YAML stops after the same
// number of groups: a header of 23 lines (comment, plan 8 with its rate, two
// markets, blank, two products), a tail of 28 (competitor 5, research 4, offer
// 6, funnel 13) and 53 per group (blank line, segment 10, strategy 7, four
// tactics of 7, campaign 8).
const MPLAN_HEADER_LINES = 23;
const MPLAN_TAIL_LINES = 28;
const MPLAN_GROUP_LINES = 53;

/**
 * The plan of `generatePlan(lines, seed)` as a YAML document, the way a user
 * would write it: one top-level mapping with the plan header and lists of
 * products, segments, strategies, tactics, campaigns, competitors, research,
 * offers and funnels; references by name as strings; money as "49 USD",
 * dates as 2027-01-01, percentages as 5%.
 */
/** The YAML lines of one segment, to count the groups by. */
const SEGMENT_LINES = 13;

export function generateYaml(lines, seed = 42) {
    const rnd = random(seed);
    const pick = list => list[Math.floor(rnd() * list.length)];
    const segments = [], strategies = [], tactics = [], campaigns = [];
    for (let group = 0, mplanLines = MPLAN_HEADER_LINES; mplanLines + MPLAN_TAIL_LINES < lines; group++, mplanLines += MPLAN_GROUP_LINES) {
        const month = 1 + (group % 9);
        const mm = String(month).padStart(2, '0');
        const end = String(month + 3).padStart(2, '0');
        segments.push(
            `  - name: Segment${group}`,
            `    who: People of group ${group}`,
            '    decides: true',
            `    age: { min: ${20 + (group % 20)}, max: ${45 + (group % 20)} }`,
            `    income: { min: ${30 + (group % 50)}000, max: ${90 + (group % 50)}000, currency: USD, per: year }`,
            '    from: [Somewhere online]',
            '    shops: online',
            '    habits:',
            '      search: [google]',
            '      social: [linkedin, instagram]',
            '      sites: [Financial Times]',
            '      online:',
            '        - { days: weekdays, from: "9:00", to: "17:00" }'
        );
        strategies.push(
            `  - name: Strategy${group}`,
            `    statement: Win group ${group}`,
            `    targets: [Segment${group}]`,
            '    objectives:',
            `      - { text: Customers, metric: customers, target: ${100 + group}, by: 2027-12-31, owner: Lead${group}, review: monthly }`,
            `      - { kind: kpi, text: Acquisition cost, metric: cac, target: 150 USD, direction: at most, owner: Lead${group}, review: weekly }`,
            '    message: Fresh, same day'
        );
        const names = [];
        for (let t = 0; t < 4; t++) {
            // Drawn in the order of generatePlan: the channel, then the budget.
            const [channel, platform] = pick(CHANNELS);
            const name = `Tactic${group}_${t}`;
            names.push(name);
            tactics.push(
                `  - name: ${name}`,
                `    serves: [Strategy${group}]`,
                `    channel: ${channel}`,
                ...(platform ? [`    platforms: [${platform}]`] : []),
                `    audience: [Segment${group}]`,
                t === 0 ? `    budget: ${50 + Math.floor(rnd() * 150)} USD per month` : `    budget: ${100 + Math.floor(rnd() * 600)} USD`,
                `    from: 2027-${mm}-01`,
                `    to: 2027-${end}-28`
            );
        }
        campaigns.push(
            `  - name: Campaign${group}`,
            `    title: Push ${group}`,
            '    budget: 5000 USD',
            `    staff: [{ person: Lead${group}, allocation: 50% }, { person: Writer${group}, allocation: 50% }]`,
            '    departments: [marketing, sales]',
            `    from: 2027-${mm}-01`,
            `    to: 2027-${end}-28`,
            `    runs: [${names.join(', ')}]`,
            '    track: [sales, satisfaction]',
            `    review: 2027-${end}-28`
        );
    }
    const list = items => (items.length ? items : ['  []']);
    return [
        '# Generated by bench/yaml-baseline.mjs: the plan of bench/generate.mjs, as YAML.',
        'plan:',
        '  name: Generated',
        '  goal: A plan large enough to measure',
        '  currency: USD',
        '  focus: [Product0]',
        '  revisit: every quarter',
        '  rates:',
        '    - { amount: 1, from: EUR, value: 1.08, to: USD, as_of: 2027-01-01 }',
        '',
        'markets:',
        '  - { name: US, title: United States, countries: [US], languages: [en, es], currency: USD, timezones: [America/New_York, America/Los_Angeles] }',
        '  - { name: EU, title: European Union, countries: [EU], languages: [de, fr], currency: EUR }',
        '',
        'products:',
        '  - name: Product0',
        '    title: The main subscription',
        '    price: 49 USD per month',
        '    margin: 70%',
        '    churn: { low: 3%, high: 5%, per: month }',
        '    benefits: [Useful]',
        '    spinoffs: [Product1]',
        '  - name: Product1',
        '    price: 19 USD',
        '    unit_cost: 8 USD',
        '    benefits: [Also useful]',
        '',
        'segments:', ...list(segments),
        '',
        'strategies:', ...list(strategies),
        '',
        'tactics:', ...list(tactics),
        '',
        'campaigns:', ...list(campaigns),
        '',
        'competitors:',
        '  - name: Rival',
        '    strengths: [Cheaper]',
        '    weaknesses: [Slow]',
        '    differences: [Faster]',
        '',
        'research:',
        '  - studied: [Rival]',
        '    findings: [Nobody is fast]',
        '',
        'offers:',
        '  - guarantee:',
        '      money_back: true',
        '      term: 30 days',
        '      claim: Reply to the receipt',
        '      refunds: The full price',
        '    free:',
        '      - { kind: sample, text: A taste }',
        '    payments: [card, paypal]',
        '    security: [PCI-compliant checkout]',
        '',
        'funnels:',
        '  - title: Main funnel',
        '    collect:',
        '      - { by: optin form, offering: ebook, title: Guide }',
        '    consent: { kind: express, recorded: "Sign-up time, form text and IP address" }',
        '    confirm: autoresponder',
        '    follow_up:',
        '      - { cadence: weekly, on: tuesday, at: "10:00", with: [tips] }',
        '    close:',
        '      - { cadence: weekly, call_to_action: true }',
        '    upsells:',
        '      - { from: Product0, to: Product1, rate: 10% }',
        '    unsubscribe_link: true',
        '    sender_address: Generated Ltd, 1 Main Street',
        `    visitors: ${2_000 * Math.max(1, segments.length / SEGMENT_LINES)}`,
        '    visitors_per: month',
        '    conversions:',
        '      - { from: visitors, to: leads, rate: 5% }',
        '      - { from: leads, to: customers, rate: 8%, rate_high: 10% }'
    ].join('\n') + '\n';
}

// ---------------------------------------------------------------- the schema

const NAME = { type: 'string', pattern: '^[_a-zA-Z][\\w\\-]*$' };
const NAMES = { type: 'array', items: NAME };
const TEXT = { type: 'string', minLength: 1 };
const TEXTS = { type: 'array', items: TEXT };
const WORDS = { type: 'array', items: { type: 'string', pattern: '^\\S+$' } };
const DATE = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' };
const TIME = { type: 'string', pattern: '^([01]?[0-9]|2[0-3]):[0-5][0-9]$' };
const MONEY = { type: 'string', pattern: '^[0-9][0-9_]*(\\.[0-9]+)? [A-Z]{3}$' };
const MONEY_OVER_TIME = { type: 'string', pattern: '^[0-9][0-9_]*(\\.[0-9]+)? [A-Z]{3}( per (day|week|month|quarter|year))?$' };
const PERCENT = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?%$' };
const CURRENCY = { type: 'string', pattern: '^[A-Z]{3}$' };
const TIME_UNIT = { enum: ['day', 'week', 'month', 'quarter', 'year'] };
const DURATION = { type: 'string', pattern: '^[0-9]+ (days?|weeks?|months?|quarters?|years?)$' };
const CADENCE = {
    type: 'string',
    pattern: '^(daily|weekly|biweekly|monthly|quarterly|yearly|every( [0-9]+)? (days?|weeks?|months?|quarters?|years?)|[0-9]+ times (a|per) (day|week|month|quarter|year))$'
};
const WEEKDAY = { enum: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] };
const DAYS = { enum: ['daily', 'weekdays', 'weekends', ...WEEKDAY.enum] };
/** The channels of the mplan grammar: online ones first, then offline ones. */
const CHANNEL = {
    enum: ['seo', 'ppc', 'social', 'email', 'blog', 'content', 'display', 'affiliate', 'video', 'forum', 'webinar', 'influencer',
        'print', 'radio', 'tv', 'mail', 'postcard', 'event', 'outdoor', 'pr', 'phone']
};
const WINDOW = { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { days: DAYS, from: TIME, to: TIME } };

/** A closed object: the listed properties only, `required` among them. */
const object = (properties, required = []) => ({ type: 'object', additionalProperties: false, required, properties });
const listOf = items => ({ type: 'array', items });

/**
 * A JSON Schema (draft-07, ajv's default) of the YAML document: every fact
 * the mplan grammar knows, closed objects (a misspelt key is an error, as a
 * misspelt keyword is in mplan), patterns for dates, times, money,
 * percentages and cadences, enums for channels, days and time units.
 */
export const yamlSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://mplan.dev/schemas/bench-yaml-plan.schema.json',
    title: 'An internet marketing plan as YAML (the benchmark baseline)',
    ...object({
        plan: object({
            name: NAME, goal: TEXT, currency: CURRENCY, focus: NAMES, revisit: CADENCE,
            rates: listOf(object({ amount: { type: 'number', exclusiveMinimum: 0 }, from: CURRENCY, value: { type: 'number', exclusiveMinimum: 0 }, to: CURRENCY, as_of: DATE }, ['amount', 'from', 'value', 'to', 'as_of']))
        }, ['name']),
        markets: listOf(object({
            name: NAME, title: TEXT, countries: listOf({ type: 'string', pattern: '^[A-Z]{2}$' }), languages: listOf({ type: 'string', pattern: '^[a-z]{2}(-[A-Z]{2})?$' }),
            currency: CURRENCY, timezones: TEXTS
        }, ['name'])),
        products: listOf(object({
            name: NAME,
            title: TEXT,
            price: MONEY_OVER_TIME,
            margin: PERCENT,
            unit_cost: MONEY,
            churn: object({ low: PERCENT, high: PERCENT, per: TIME_UNIT }, ['low']),
            benefits: TEXTS,
            drawbacks: listOf(object({ text: TEXT, mitigated_by: TEXT }, ['text'])),
            spinoffs: NAMES,
            complements: NAMES,
            improvements: TEXTS
        }, ['name', 'price'])),
        segments: listOf(object({
            name: NAME,
            who: TEXT,
            decides: { type: 'boolean' },
            influencer: { type: 'boolean' },
            influences: NAME,
            age: object({ min: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: 0 } }, ['min', 'max']),
            income: object({ min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 }, currency: CURRENCY, per: TIME_UNIT }, ['min', 'max', 'currency']),
            spends: MONEY,
            spends_per: TIME_UNIT,
            from: TEXTS,
            shops: { enum: ['online', 'offline'] },
            habits: object({ search: TEXTS, social: TEXTS, sites: TEXTS, communities: TEXTS, tools: TEXTS, online: listOf(WINDOW) })
        }, ['name', 'who'])),
        competitors: listOf(object({ name: NAME, strengths: TEXTS, weaknesses: TEXTS, differences: TEXTS }, ['name'])),
        research: listOf(object({ name: NAME, studied: NAMES, consulted: TEXTS, findings: TEXTS })),
        strategies: listOf(object({
            name: NAME,
            statement: TEXT,
            targets: NAMES,
            objectives: listOf(object({
                kind: { enum: ['objective', 'kpi'] }, text: TEXT, metric: { type: 'string', pattern: '^\\S+$' },
                target: { anyOf: [{ type: 'number', minimum: 0 }, MONEY] }, direction: { enum: ['at least', 'at most'] }, percent: { type: 'boolean' },
                by: DATE, owner: TEXT, review: CADENCE
            }, ['text'])),
            message: TEXT,
            promotes: NAMES
        }, ['name'])),
        tactics: listOf(object({
            name: NAME,
            serves: NAMES,
            channel: CHANNEL,
            platforms: TEXTS,
            audience: NAMES,
            budget: MONEY_OVER_TIME,
            from: DATE,
            to: DATE,
            hours: WINDOW,
            message: TEXT
        }, ['name', 'channel'])),
        campaigns: listOf(object({
            name: NAME,
            title: TEXT,
            budget: MONEY_OVER_TIME,
            staff: listOf(object({ person: { type: 'string', pattern: '^\\S+$' }, allocation: PERCENT }, ['person'])),
            departments: WORDS,
            from: DATE,
            to: DATE,
            runs: NAMES,
            promotes: NAMES,
            track: WORDS,
            review: DATE,
            results: listOf(object({ metric: { type: 'string' }, value: { type: 'number' }, percent: { type: 'boolean' }, note: TEXT }, ['metric', 'value']))
        }, ['name'])),
        funnels: listOf(object({
            name: NAME,
            title: TEXT,
            collect: listOf(object({
                by: { enum: ['optin form', 'survey', 'checkbox', 'checkbox at checkout', 'bought list', 'scraped addresses'] },
                state: { enum: ['ticked', 'unticked'] },
                offering: { type: 'string', pattern: '^\\S+$' },
                title: TEXT,
                double_optin: { type: 'boolean' }
            }, ['by'])),
            consent: object({ kind: { enum: ['express', 'implied', 'written'] }, recorded: TEXT }, ['kind']),
            confirm: { enum: ['autoresponder', 'email'] },
            follow_up: listOf(object({ cadence: CADENCE, on: WEEKDAY, at: TIME, with: WORDS }, ['cadence'])),
            close: listOf(object({ cadence: CADENCE, call_to_action: { type: 'boolean' } })),
            upsells: listOf(object({ from: NAME, to: NAME, rate: PERCENT }, ['from', 'to'])),
            loyalty: TEXTS,
            unsubscribe_link: { type: 'boolean' },
            sender_address: TEXT,
            visitors: { type: 'integer', minimum: 0 },
            visitors_per: TIME_UNIT,
            conversions: listOf(object({ from: { type: 'string' }, to: { type: 'string' }, rate: PERCENT, rate_high: PERCENT }, ['from', 'to', 'rate']))
        })),
        offers: listOf(object({
            name: NAME,
            guarantee: object({ money_back: { type: 'boolean' }, kind: TEXT, term: DURATION, claim: TEXT, refunds: TEXT, paid_within: DURATION, conditions: TEXTS }),
            free: listOf(object({ kind: { type: 'string', pattern: '^\\S+$' }, text: TEXT, term: DURATION }, ['kind'])),
            payments: WORDS,
            security: TEXTS
        }))
    }, ['plan'])
};

// Compiled once, when the module loads; allErrors so that every error is
// reported, as mplan reports every finding, not only the first.
const validate = new Ajv({ allErrors: true }).compile(yamlSchema);

// ----------------------------------------------------------- the check

const EMPTY = [];
const listIn = value => (Array.isArray(value) ? value : EMPTY);
const isObject = value => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The items of a top-level list, by name; a second item of a name is a problem (as mplan's duplicate-name). */
function index(doc, key, kind, problems) {
    const byName = new Map();
    const items = listIn(doc[key]);
    for (let i = 0; i < items.length; i++) {
        const name = items[i]?.name;
        if (typeof name !== 'string') continue;
        if (byName.has(name)) problems.push({ rule: 'duplicate-name', path: `/${key}/${i}/name`, message: `A second ${kind} is named '${name}'.` });
        else byName.set(name, items[i]);
    }
    return byName;
}

/**
 * Checks a plan written as YAML: parses it, validates it against
 * `yamlSchema`, then resolves every reference by name and applies the three
 * checks users asked mplan for first (a money-back guarantee, every tactic
 * serving a strategy, a path to repeat purchases). `errors` are syntax and
 * schema errors; `problems` are unresolved references and rule findings;
 * `valid` is true when there are neither.
 */
export function checkYaml(text) {
    let doc;
    try {
        doc = YAML.parse(text);
    } catch (error) {
        return { valid: false, errors: [{ path: '', message: String(error?.message ?? error) }], problems: [] };
    }
    const errors = validate(doc) ? [] : validate.errors.map(e => ({ path: e.instancePath, message: e.message, keyword: e.keyword }));
    const problems = [];
    if (!isObject(doc)) {
        return { valid: false, errors, problems };
    }

    const products = index(doc, 'products', 'product', problems);
    const segments = index(doc, 'segments', 'segment', problems);
    const competitors = index(doc, 'competitors', 'competitor', problems);
    const strategies = index(doc, 'strategies', 'strategy', problems);
    const tactics = index(doc, 'tactics', 'tactic', problems);
    index(doc, 'campaigns', 'campaign', problems);

    /** Every name of `names` (a list, at `path`) must be a key of `map`. */
    const resolve = (names, map, kind, path) => {
        if (typeof names === 'string') names = [names];
        const list = listIn(names);
        for (let i = 0; i < list.length; i++) {
            const name = list[i];
            if (name !== undefined && !map.has(name)) problems.push({ rule: 'unresolved-reference', path: `${path}/${i}`, message: `No ${kind} named '${name}' is declared.` });
        }
    };
    /** A single name (at `path`), if present, must be a key of `map`. */
    const resolveOne = (name, map, kind, path) => {
        if (name !== undefined && !map.has(name)) problems.push({ rule: 'unresolved-reference', path, message: `No ${kind} named '${name}' is declared.` });
    };
    const each = (key, visit) => {
        const items = listIn(doc[key]);
        for (let i = 0; i < items.length; i++) if (isObject(items[i])) visit(items[i], `/${key}/${i}`);
    };

    if (isObject(doc.plan)) resolve(doc.plan.focus, products, 'product', '/plan/focus');
    each('products', (p, at) => {
        resolve(p.spinoffs, products, 'product', `${at}/spinoffs`);
        resolve(p.complements, products, 'product', `${at}/complements`);
    });
    each('segments', (s, at) => {
        resolveOne(s.influences, segments, 'segment', `${at}/influences`);
    });
    each('research', (r, at) => resolve(r.studied, competitors, 'competitor', `${at}/studied`));
    each('strategies', (s, at) => {
        resolve(s.targets, segments, 'segment', `${at}/targets`);
        resolve(s.promotes, products, 'product', `${at}/promotes`);
    });
    each('tactics', (t, at) => {
        resolve(t.serves, strategies, 'strategy', `${at}/serves`);
        resolve(t.audience, segments, 'segment', `${at}/audience`);
        // tactic-without-strategy
        if (listIn(t.serves).length === 0 && typeof t.serves !== 'string') {
            problems.push({ rule: 'tactic-without-strategy', path: at, message: `Tactic '${t.name}' serves no strategy.` });
        }
    });
    each('campaigns', (c, at) => {
        resolve(c.runs, tactics, 'tactic', `${at}/runs`);
        resolve(c.promotes, products, 'product', `${at}/promotes`);
    });
    let repeatPath = false;
    each('funnels', (f, at) => {
        const upsells = listIn(f.upsells);
        for (let i = 0; i < upsells.length; i++) {
            if (!isObject(upsells[i])) continue;
            resolveOne(upsells[i].from, products, 'product', `${at}/upsells/${i}/from`);
            resolveOne(upsells[i].to, products, 'product', `${at}/upsells/${i}/to`);
        }
        if (upsells.length > 0 || listIn(f.loyalty).length > 0) repeatPath = true;
    });

    // missing-guarantee
    if (!listIn(doc.offers).some(o => o?.guarantee?.money_back === true)) {
        problems.push({ rule: 'missing-guarantee', path: '/offers', message: 'The plan has no money-back guarantee.' });
    }
    // no-repeat-buyer-path: an upsell or a loyalty offer in a funnel, a spin-off or an improvement of a product
    if (!repeatPath) {
        for (const p of listIn(doc.products)) {
            if (isObject(p) && listIn(p.spinoffs).length > 0 || listIn(p.improvements).length > 0) { repeatPath = true; break; }
        }
    }
    if (!repeatPath) {
        problems.push({ rule: 'no-repeat-buyer-path', path: '', message: 'Nothing turns a buyer into a repeat buyer (upsell, spin-off, improvement or loyalty offer).' });
    }
    return { valid: errors.length === 0 && problems.length === 0, errors, problems };
}

// --------------------------------------------------------------- measuring

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Median ms of `checkYaml` on `generateYaml(lines)`, in this process, after
 * one warm-up run; only the check is timed. Fails loudly if the generated
 * plan is not clean, so that a figure never times the reporting of errors.
 */
export function measureYaml(lines, runs = 7) {
    const text = generateYaml(lines);
    const warmup = checkYaml(text);
    if (!warmup.valid) {
        throw new Error(`the generated YAML for ${lines} lines is not clean: ${JSON.stringify([...warmup.errors, ...warmup.problems].slice(0, 3))}`);
    }
    const samples = [];
    for (let i = 0; i < runs; i++) {
        const start = performance.now();
        checkYaml(text);
        samples.push(performance.now() - start);
    }
    return median(samples);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    const args = process.argv.slice(2);
    const print = args.indexOf('--print');
    if (print >= 0) {
        process.stdout.write(generateYaml(Number(args[print + 1] ?? 1000)));
    } else {
        const r = args.indexOf('--runs');
        const runs = r >= 0 ? Number(args[r + 1]) : 7;
        const sizes = args.filter((a, i) => /^\d+$/.test(a) && (r < 0 || i !== r + 1)).map(Number);
        console.log('| mplan lines | YAML lines | YAML bytes | yaml + ajv + cross-references (ms, median) |');
        console.log('|---:|---:|---:|---:|');
        for (const lines of sizes.length ? sizes : [1_000, 10_000]) {
            const text = generateYaml(lines);
            const ms = measureYaml(lines, runs);
            console.log(`| ${lines} | ${text.split('\n').length - 1} | ${Buffer.byteLength(text)} | ${ms.toFixed(1)} |`);
        }
    }
}

// The language reference, docs/language.md, from the grammar (the blocks, their
// facts in grammar order and the closed lists of words: `wordLists` of
// src/language/lsp/keyword-docs.ts), from the keyword docs (what each word
// means and a line that uses it: the text hover and completion show) and from
// the words of your own the model reads (funnel stages, metrics). Nothing
// in it is written twice: a word's meaning and example are its keyword doc, a
// list's words are the grammar's. `npm run generate` (scripts/generate.mjs)
// writes it; test/docs/language-reference.test.ts holds it to the grammar and
// parses every example in its block.
//
// Every example is parsed here while the page is made: in the block whose
// section it stands in, else in the first block (or at the top of a file)
// where it parses, which the page then names ("Example, in a funnel: …").
// An example that parses nowhere stops the generation, naming the keyword.
import { GrammarAST, GrammarUtils } from 'langium';

/** The generated page, from the repository root. */
export const PATH = 'docs/language.md';

/**
 * The parts of a plan a keyword can mean something else in (the keys of a
 * keyword doc's `in`), as the page names them: "In a cadence: …".
 */
const PART_NAMES = {
    Plan: 'the plan block',
    Market: 'a market',
    ExchangeRate: 'an exchange rate (`rate 1 EUR = 1.08 USD as of 2027-01-01`)',
    Consent: 'a consent (`consent express recorded`)',
    MarketPrice: 'a price in some markets (`price 28 EUR in Europe`)',
    Discount: 'a discount (`discount 20% on CateringBox`)',
    Product: 'a product',
    Segment: 'a segment',
    Habits: 'a segment\'s habits',
    Competitor: 'a competitor',
    Research: 'research',
    Strategy: 'a strategy',
    Tactic: 'a tactic',
    Campaign: 'a campaign',
    Funnel: 'a funnel',
    Offer: 'an offer',
    Objective: 'an objective or a KPI',
    Period: 'a period (`from … to …`)',
    Cadence: 'a cadence (how often)',
    FollowUp: 'a follow-up (`follow up`)',
    Close: 'a close (`close`)',
    Drawback: 'a drawback',
    LeadCapture: 'a way of collecting leads (`collect leads by`)',
    CaptureMethod: 'a capture method',
    NumberRange: 'a range of numbers (`age 28 to 50`)',
    MoneyRange: 'a range of amounts (`45_000 to 90_000 USD`)',
    HoursWindow: 'hours (`9:00 to 17:00`)',
    Upsell: 'an upsell',
    Conversion: 'a conversion',
    Price: 'a price',
    Percent: 'a percentage (`20% to 30%`)',
    Rate: 'a share over time (`3% a month`)',
    Count: 'an expected count (`expect`)',
    Guarantee: 'a guarantee',
    Audience: 'an audience',
    Flow: 'a flow',
    FlowStep: 'a step of a flow (`step`)',
    Delay: 'a step\'s delay (`after 2 days`)',
    AbTest: 'an A/B test (`test`)',
    Commission: 'a commission (`commission 10% per sale`)',
    FrequencyCap: 'a frequency cap (`frequency cap 3 per week`)',
    Channel: 'the channel of a tactic (`channel …`)'
};

/** "How a plan is written": the ways of writing every value, each with an example that parses where it says. */
const HOW_A_PLAN_IS_WRITTEN = [
    ['Blocks and facts', [
        'A plan is a few blocks, each a keyword, a name and facts between braces. The facts come in any order, one per',
        'line by habit, and every fact is optional: a missing fact is something the checks report, not a syntax error.',
        'The [blocks](#blocks) below say which need a name.'
    ], 'segment OfficeManagers {\n    who "Office managers who order food for meetings"\n    age 28 to 50\n}'],
    ['Names and display titles', [
        'A name is one word of letters, digits, `_` and `-`, starting with a letter or `_`: `OfficeManagers`,',
        '`spring-launch`. Other blocks refer to a block by its name (`targets OfficeManagers`), in the same file or in',
        'a file it imports. A display title in quotes may follow the name: reports and hovers show it instead.'
    ], 'strategy OfficeCatering "Office catering" {\n    targets OfficeManagers\n}'],
    ['Text', [
        'Text is written in double quotes, on one line: `"Same-day delivery"`. Write `\\"` for a quote inside it.'
    ], 'competitor SweetCo {\n    strength "The \\"original\\" cupcake"\n}'],
    ['Words', [
        'Where a fact takes a word of your own (a metric, a stage of a funnel, a department, a person, a platform, a',
        'payment method), any word will do, keywords included: `track sales, satisfaction`, `payments card, invoice`.',
        'A platform, or an owner, of several words is written in quotes. Some facts accept only the words of a list: see',
        '[Lists of words](#lists-of-words). mplan reads some words of your own, such as the stages of a funnel and',
        'the metrics of objectives: see [Words mplan understands](#words-mplan-understands).'
    ], 'offer {\n    payments card, paypal, invoice\n}'],
    ['Numbers, percentages and ratios', [
        'Numbers are written with digits, `_` between thousands if you like, and a point for decimals: `45_000`,',
        '`2.5`. A percentage is a number and `%`: `60%`. A ratio is a number and `x`: `4x`.'
    ], 'product CateringBox {\n    margin 62.5%\n}'],
    ['Money', [
        'An amount is a number and a currency code: `1_500 USD`. Any three-letter code will do; the plan\'s `currency`',
        'says which one the plan adds up in.'
    ], 'tactic LinkedInAds {\n    budget 1_500 USD per month\n}'],
    ['Ranges', [
        'Where a figure is uncertain, give a range with `to`: `2% to 4%`, `8_000 to 12_000`, `39 to 49 USD`. The',
        'checks judge the less favourable end; the projection carries both.'
    ], 'funnel {\n    visitors 8_000 to 12_000 per month\n    conversion visitors to leads 2% to 4%\n}'],
    ['Dates, times and periods', [
        'A date is written `YYYY-MM-DD`, a time of day `9:00` or `17:30`. A period runs `from` its first day `to` its',
        'last, both included.'
    ], 'campaign SpringLaunch {\n    from 2027-02-01 to 2027-04-30\n    review on 2027-05-10\n}'],
    ['Lengths, cadences and "per"', [
        'A length is a number and a [unit of time](#units-of-time): `14 days`, `3 months`. An amount, a share or a',
        'count applies `per` a unit of time, or `a` one: `per month`, `3% a month`. How often something happens is a',
        '[cadence](#cadences): `weekly`, `every 2 weeks`, `3 times per week`.'
    ], 'product Club {\n    price 19 USD per month\n    trial 14 days\n    churn 3% a month\n}'],
    ['Lists', [
        'A fact that takes several names, words or texts separates them with commas: `targets OfficeManagers,',
        'TeamAssistants`.'
    ], 'segment OfficeManagers {\n    from "Downtown office towers", "Business park on the ring road"\n}'],
    ['Comments', [
        '`//` starts a comment that runs to the end of the line; `/*` and `*/` enclose a comment of several lines. A',
        'comment `// mplan-disable-next-line rule-id -- the reason` silences a check on the next line',
        '([docs/checking.md](checking.md)).'
    ], '// Written with the sales team.\n/* Prices are\n   this year\'s. */\nproduct CateringBox {\n    price 49 USD\n}'],
    ['Imports', [
        'A file can use the blocks of other files: `import` their paths, relative to this file, before its first block.',
        'A file with a `plan` block is judged together with every file it imports; a file without one is a library.'
    ], 'import "shared/market.mplan"\n\nplan CornerBakery {\n    goal "Become the caterer of downtown offices"\n    currency USD\n}']
];

/** The intro of a block: whether it needs a name. */
const NAME_WORDS = {
    required: (kw, title) => `Written \`${kw} Name${title ? ' "Title"' : ''} { … }\`: a name, then ${title ? 'a display title in quotes if you like, then ' : ''}its facts.`,
    optional: (kw, title) => `Written \`${kw} { … }\`, or with a name (\`${kw} Name${title ? ' "Title"' : ''} { … }\`) so that other blocks can refer to it.`,
    none: kw => `Written \`${kw} { … }\`.`
};

/** Blocks whose keyword reads without an article: "in research". */
const UNCOUNTED = new Set(['research']);

/** Whether a keyword reads as a word (letters only), as the token builder decides. */
function isWord(value) {
    return /^[A-Za-z]+$/.test(value);
}

function children(node) {
    const out = [];
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        for (const child of Array.isArray(value) ? value : [value]) {
            if (child && typeof child === 'object' && '$type' in child) out.push(child);
        }
    }
    return out;
}

function article(words) {
    return /^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`;
}

/** The repeated facts of a block rule (`'{' ( … )* '}'`), or undefined for a rule that is no block. */
function factElements(rule) {
    const group = rule.definition;
    if (!GrammarAST.isGroup(group)) return undefined;
    const elements = group.elements;
    for (let i = 1; i + 1 < elements.length; i++) {
        const [before, repeated, after] = [elements[i - 1], elements[i], elements[i + 1]];
        if (GrammarAST.isKeyword(before) && before.value === '{' && GrammarAST.isKeyword(after) && after.value === '}'
            && (repeated.cardinality === '*' || repeated.cardinality === '+')) {
            return GrammarAST.isAlternatives(repeated) ? repeated.elements : [repeated];
        }
    }
    return undefined;
}

/** The blocks of the grammar, in `Element`'s order, each with the blocks nested in its facts. */
function grammarBlocks(grammar) {
    const element = grammar.rules.find(r => GrammarAST.isParserRule(r) && r.name === 'Element');
    const alternatives = GrammarAST.isAlternatives(element.definition) ? element.definition.elements : [element.definition];
    const make = (rule, parent) => {
        const head = rule.definition.elements;
        const name = head.find(e => GrammarAST.isAssignment(e) && e.feature === 'name');
        const block = {
            rule, parent, type: GrammarUtils.getTypeName(rule),
            keyword: head.find(GrammarAST.isKeyword).value,
            name: !name ? 'none' : name.cardinality === '?' ? 'optional' : 'required',
            title: head.some(e => GrammarAST.isAssignment(e) && e.feature === 'title'),
            facts: factElements(rule), nested: []
        };
        for (const fact of block.facts) {
            for (const called of calledRules(fact)) if (factElements(called)) block.nested.push(make(called, block));
        }
        return block;
    };
    return alternatives.map(a => make(a.rule.ref));
}

/** The parser rules an element calls directly (not through another rule). */
function calledRules(element, into = []) {
    if (GrammarAST.isRuleCall(element)) {
        if (GrammarAST.isParserRule(element.rule.ref)) into.push(element.rule.ref);
        return into;
    }
    if (GrammarAST.isCrossReference(element)) return into;
    for (const child of children(element)) calledRules(child, into);
    return into;
}

/** The block's path of keywords, as the page names it: "a funnel", "a segment's habits". */
function blockWords(block) {
    return block.parent ? `${blockWords(block.parent)}'s ${block.keyword}` : UNCOUNTED.has(block.keyword) ? block.keyword : article(block.keyword);
}

/** A line of a plan inside a block and the blocks it is nested in. */
function wrap(block, line) {
    if (!block) return line + '\n';
    const head = block.name === 'required' ? `${block.keyword} X {` : `${block.keyword} {`;
    const inner = `${head}\n${line.split('\n').map(l => '    ' + l).join('\n')}\n}`;
    return block.parent ? wrap(block.parent, inner) : inner + '\n';
}

/**
 * The reference's maker: the grammar read once (blocks, lists, which rule
 * holds which list) and the helpers that word a keyword, a list and an example.
 */
class Reference {
    constructor({ grammar, keywordDoc, KEYWORD_DOCS, wordLists, WORD_LIST_DOCS, headingAnchor, parses, ONLINE_CHANNELS, ...read }) {
        Object.assign(this, { grammar, keywordDoc, KEYWORD_DOCS, WORD_LIST_DOCS, headingAnchor, parses, online: ONLINE_CHANNELS });
        /** The words of your own that mplan reads (stages, metrics), when the sources give them. */
        this.read = read.STAGE_WORDS && read.METRIC_WORDS ? read : undefined;
        /** Examples that parse nowhere, all named at once when the page is done. */
        this.problems = new Set();
        this.blocks = grammarBlocks(grammar);
        this.allBlocks = this.blocks.flatMap(function all(b) { return [b, ...b.nested.flatMap(all)]; });
        this.lists = wordLists(grammar);
        for (const list of this.lists) {
            if (!Object.hasOwn(WORD_LIST_DOCS, list.key)) {
                throw new Error(`the list of words ${list.key} (${list.words.join(', ')}) has no title: add it to WORD_LIST_DOCS in src/language/lsp/keyword-docs.ts`);
            }
        }
        /** Rule name → the list it is (Channel) or holds outside a block (Cadence: its named cadences). */
        this.listRules = new Map();
        for (const list of this.lists) {
            const own = !list.property || !this.allBlocks.some(b => b.rule.name === list.rule);
            // A rule that is a list (CaptureMethod) is explained by that list, not by a list in one of its properties.
            if (own && (!this.listRules.has(list.rule) || this.listRules.get(list.rule).property)) this.listRules.set(list.rule, list);
        }
    }

    doc(keyword, where) {
        const doc = this.keywordDoc(keyword, where);
        if (!doc) throw new Error(`the keyword '${keyword}' has no doc: add what it means and a line that uses it to KEYWORD_DOCS in src/language/lsp/keyword-docs.ts`);
        return doc;
    }

    listLink(list) {
        const title = this.WORD_LIST_DOCS[list.key].title;
        return `[${title.toLowerCase()}](#${this.headingAnchor(title)})`;
    }

    /**
     * "Example: `line`" where the line parses in the block whose section it
     * stands in, else "Example, in a funnel: `line`" for the first block it
     * parses in, `block` first (or "in a file" at the top).
     */
    example(line, block, keyword, inSection = false) {
        if (line.includes('`')) throw new Error(`the example of '${keyword}' holds a backtick: ${line}`);
        const code = '`' + line + '`';
        if (block && this.parses(wrap(block, line))) return inSection ? `Example: ${code}` : `Example, in ${blockWords(block)}: ${code}`;
        if (this.parses(line + '\n')) return `Example, in a file: ${code}`;
        const found = this.allBlocks.find(b => b !== block && this.parses(wrap(b, line)));
        if (!found) {
            this.problems.add(`the example of '${keyword}' parses in no block: ${line}`);
            return `Example: ${code}`;
        }
        return `Example, in ${blockWords(found)}: ${code}`;
    }

    /** The block a keyword most likely stands in where it means what `where` says, to try its example there first. */
    blockFor(where) {
        return this.allBlocks.find(b => b.type === where)
            ?? this.allBlocks.find(b => b.facts.some(f => this.typesIn(f).has(where)));
    }

    /** The AST types of the rules an element calls, transitively. */
    typesIn(element, into = new Set(), seen = new Set()) {
        for (const rule of calledRules(element)) {
            if (seen.has(rule)) continue;
            seen.add(rule);
            if (!GrammarUtils.isDataTypeRule(rule)) into.add(GrammarUtils.getTypeName(rule));
            this.typesIn(rule.definition, into, seen);
        }
        return into;
    }

    /**
     * How a fact starts: one phrase of keywords (`unit cost`, `collect leads by`),
     * or one per alternative (`tier`, `variant`), and the type the words stand in.
     */
    phrases(element, holder) {
        const elements = GrammarAST.isGroup(element) ? element.elements : [element];
        let phrases = [[]];
        for (const e of elements) {
            if (e.cardinality === '?' || e.cardinality === '*') break;
            const inner = GrammarAST.isAssignment(e) ? e.terminal : e;
            if (GrammarAST.isKeyword(inner)) {
                if (!isWord(inner.value)) break;
                phrases.forEach(p => p.push(inner.value));
            } else if (GrammarAST.isAlternatives(inner) && inner.elements.every(GrammarAST.isKeyword) && phrases[0].length === 0) {
                phrases = inner.elements.map(k => [k.value]);
            } else if (GrammarAST.isRuleCall(inner) && phrases[0].length === 0 && GrammarAST.isParserRule(inner.rule.ref)
                && !GrammarUtils.isDataTypeRule(inner.rule.ref) && !this.listRules.has(inner.rule.ref.name)) {
                return this.phrases(inner.rule.ref.definition, GrammarUtils.getTypeName(inner.rule.ref));
            } else {
                break;
            }
        }
        return { phrases: phrases.map(p => p.join(' ')).filter(p => p), holder };
    }

    /**
     * The keywords of a fact after the words it starts with, in grammar order,
     * each with the type it stands in, and the lists of words it takes.
     */
    parts(element, holder, found = { words: [], lists: [] }, seen = new Set()) {
        if (GrammarAST.isKeyword(element)) {
            if (isWord(element.value)) found.words.push({ keyword: element.value, holder });
            return found;
        }
        if (GrammarAST.isCrossReference(element)) return found;
        if (GrammarAST.isAssignment(element) && GrammarAST.isAlternatives(element.terminal)) {
            const rule = ruleOfElement(element);
            const list = this.lists.find(l => l.property === element.feature && l.rule === rule?.name);
            if (list) {
                if (!found.lists.includes(list)) found.lists.push(list);
                return found;
            }
        }
        if (GrammarAST.isRuleCall(element)) {
            const rule = element.rule.ref;
            if (!GrammarAST.isParserRule(rule)) return found;
            const list = this.listRules.get(rule.name);
            if (list) {
                if (!found.lists.includes(list)) found.lists.push(list);
                return found;
            }
            if (factElements(rule) || seen.has(rule)) return found;
            seen.add(rule);
            return this.parts(rule.definition, GrammarUtils.isDataTypeRule(rule) ? holder : GrammarUtils.getTypeName(rule), found, seen);
        }
        for (const child of children(element)) this.parts(child, holder, found, seen);
        return found;
    }

    /** A keyword's entry: "**`kw`**: meaning Example: `…`". */
    entry(label, doc, block, keyword, words = '', inSection = false) {
        return `**\`${label}\`**: ${doc.meaning}${words ? ' ' + words : ''} ${this.example(doc.usage, block, keyword, inSection)}`;
    }

    /** The list item of one fact of a block, with the words it is written with. */
    fact(element, block) {
        const { phrases, holder } = this.phrases(element, block.type);
        const nested = block.nested.find(n => calledRules(element).includes(n.rule));
        const lines = [];
        const { words, lists } = nested ? { words: [], lists: [] } : this.parts(element, block.type);
        const takes = lists.length ? `Words from: ${lists.map(l => this.listLink(l)).join(', ')}.` : '';
        const starts = phrases.map(phrase => {
            const keyword = phrase.split(' ')[0];
            const doc = this.doc(keyword, holder);
            const label = nested ? `${phrase} { … }` : phrase;
            const more = nested ? `Its facts: [${nested.keyword}](#${this.headingAnchor(nested.keyword)}).` : phrases.length === 1 ? takes : '';
            return { keyword, doc, text: this.entry(label, doc, block, keyword, more, true) };
        });
        const leading = new Set(phrases.flatMap(p => p.split(' ')));
        const shown = new Set(starts.map(s => s.doc.meaning));
        const subs = [];
        for (const { keyword, holder: where } of words) {
            if (leading.has(keyword) && where === holder) continue;
            const doc = this.doc(keyword, where);
            if (shown.has(`${keyword} ${doc.meaning}`) || shown.has(doc.meaning)) continue;
            shown.add(`${keyword} ${doc.meaning}`);
            subs.push(this.entry(keyword, doc, block, keyword, '', true));
        }
        if (starts.length === 1) {
            lines.push(`- ${starts[0].text}`);
        } else {
            lines.push(`- ${phrases.map(p => `**\`${p}\`**`).join(' or ')}${takes ? ': ' + takes : ''}`);
            for (const s of starts) lines.push(`  - ${s.text}`);
        }
        for (const sub of subs) lines.push(`  - ${sub}`);
        return lines;
    }

    blockSection(block, level) {
        const doc = this.doc(block.keyword, block.type);
        const out = [`${'#'.repeat(level)} ${block.keyword}`, '', doc.meaning, ''];
        out.push(NAME_WORDS[block.name](block.keyword, block.title), '');
        if (this.parses(doc.usage + '\n')) {
            out.push('```mplan', doc.usage, '```', '');
        } else {
            out.push(this.example(doc.usage, block.parent, block.keyword), '');
        }
        out.push('Its facts, each optional, in any order:', '');
        for (const element of block.facts) out.push(...this.fact(element, block));
        out.push('');
        for (const nested of block.nested) out.push(...this.blockSection(nested, level + 1));
        return out;
    }

    listSection(list) {
        const { title, meaning } = this.WORD_LIST_DOCS[list.key];
        const block = this.blockFor(list.holder);
        const out = [`### ${title}`, '', meaning, ''];
        const item = words => {
            const keyword = words.split(' ')[0];
            // A word means what it means as one of the list first (a channel's `reviews`), then where the list stands.
            return `- ${this.entry(words, this.doc(keyword, [list.rule, list.holder]), block, keyword)}`;
        };
        if (list.rule === 'Channel' && this.online) {
            out.push('Online:', '', ...list.own.filter(w => this.online.has(w)).map(item), '', 'Offline:', '', ...list.own.filter(w => !this.online.has(w)).map(item));
        } else {
            out.push(...list.own.map(item));
        }
        for (const key of list.includes) {
            const included = this.lists.find(l => l.key === key);
            out.push(`- or one of the ${this.listLink(included)}.`);
        }
        // A list that is a rule of its own (a cadence, a capture method) is written with other words too.
        const rule = this.grammar.rules.find(r => r.name === list.rule);
        if (this.listRules.get(list.rule) === list && !GrammarUtils.isDataTypeRule(rule)) {
            const { words, lists } = this.parts(rule.definition, list.holder);
            const listed = new Set(list.own.flatMap(w => w.split(' ')));
            const seen = new Set();
            const others = [];
            for (const { keyword, holder } of words) {
                if (listed.has(keyword) || seen.has(keyword)) continue;
                seen.add(keyword);
                others.push(`- ${this.entry(keyword, this.doc(keyword, holder), block, keyword)}`);
            }
            const more = lists.filter(l => l !== list);
            if (others.length || more.length) {
                const lists = more.map(l => `the ${this.listLink(l)}`).join(', ');
                out.push('', others.length ? `Also written with${lists ? ` ${lists} and` : ''}:` : `Also written with ${lists}.`, '', ...others);
            }
        }
        out.push('');
        return out;
    }

    /** The words of your own mplan reads as a stage of a funnel or as a metric it projects. */
    wordsRead() {
        const { STAGES, STAGE_WORDS, STAGE_DOCS, TRIAL_WORDS, TRIAL_STAGE_DOC, METRIC_WORDS, METRIC_DOCS, metricUnit } = this.read;
        const funnel = this.allBlocks.find(b => b.keyword === 'funnel');
        const strategy = this.allBlocks.find(b => b.keyword === 'strategy');
        const words = (table, value) => Object.keys(table).filter(word => table[word] === value).map(w => `\`${w}\``).join(', ');
        const item = (label, doc, list, block) => `- **${label}**: ${doc.meaning} Words: ${list}. ${this.example(doc.usage, block, label)}`;
        const UNITS = { count: 'a count', money: 'an amount', percent: 'a percentage', ratio: 'a ratio', months: 'months' };
        return [
            '## Words mplan understands',
            '',
            'Where a fact takes a word of your own, any word will do. To project a funnel and judge objectives, mplan',
            'reads the words below.',
            '',
            '### Funnel stages',
            '',
            'The steps of a funnel are words of your own (`conversion visitors to leads 3%`, `expect 400 signups per',
            'month`, `list 2_500 subscribers`, `first purchase at buyers`). mplan reads the words below as the four',
            'stages it projects, in this order, or as people on a free trial:',
            '',
            ...STAGES.map(stage => item(stage, STAGE_DOCS[stage], words(STAGE_WORDS, stage), funnel)),
            item('on a free trial', TRIAL_STAGE_DOC, [...TRIAL_WORDS].map(w => `\`${w}\``).join(', '), funnel),
            '',
            '### Metrics',
            '',
            'The `metric` of an objective or a KPI is a word of your own. mplan projects the metrics below, each',
            'measured in its unit, and judges the target against the projection:',
            '',
            ...Object.keys(METRIC_DOCS).map(kind => {
                const list = kind === 'stage' ? 'a stage of the plan\'s funnel' : words(METRIC_WORDS, kind);
                return item(`${kind} (${UNITS[metricUnit(kind)]})`, METRIC_DOCS[kind], list, strategy);
            }),
            ''
        ];
    }

    /** Every keyword, A to Z, with its meaning, and its meaning where it stands where that differs. */
    glossary() {
        const out = [];
        for (const keyword of Object.keys(this.KEYWORD_DOCS).sort((a, b) => a.localeCompare(b))) {
            const entry = this.KEYWORD_DOCS[keyword];
            out.push(`- ${this.entry(keyword, entry, undefined, keyword)}`);
            for (const [where, doc] of Object.entries(entry.in ?? {})) {
                const part = PART_NAMES[where];
                if (!part) throw new Error(`KEYWORD_DOCS.${keyword} explains it in ${where}, which the language reference cannot name: add ${where} to PART_NAMES in scripts/generate-language-reference.mjs`);
                out.push(`  - In ${part}: ${doc.meaning} ${this.example(doc.usage, this.blockFor(where), keyword)}`);
            }
        }
        return out;
    }

    render() {
        const contents = [
            '- [How a plan is written](#how-a-plan-is-written)',
            ...HOW_A_PLAN_IS_WRITTEN.map(([title]) => `  - [${title}](#${this.headingAnchor(title)})`),
            '- [Blocks](#blocks)',
            ...this.blocks.map(b => `  - [${b.keyword}](#${this.headingAnchor(b.keyword)})`),
            '- [Lists of words](#lists-of-words)',
            ...this.lists.map(l => `  - [${this.WORD_LIST_DOCS[l.key].title}](#${this.headingAnchor(this.WORD_LIST_DOCS[l.key].title)})`),
            ...(this.read ? ['- [Words mplan understands](#words-mplan-understands)', '  - [Funnel stages](#funnel-stages)', '  - [Metrics](#metrics)'] : []),
            '- [Keywords A to Z](#keywords-a-to-z)'
        ];
        const how = HOW_A_PLAN_IS_WRITTEN.flatMap(([title, text, example]) => {
            if (!this.parses(example + '\n')) throw new Error(`the example of "${title}" in scripts/generate-language-reference.mjs does not parse`);
            return [`### ${title}`, '', ...text, '', '```mplan', example, '```', ''];
        });
        return [
            '# The mplan language',
            '',
            '<!-- Generated by `npm run generate` (scripts/generate-language-reference.mjs) from the grammar,',
            '     src/language/mplan.langium, and the keyword docs, src/language/lsp/keyword-docs.ts. Do not edit. -->',
            '',
            'Every block of a plan, every fact a block takes and every word a list allows, each with what it means',
            'and a line that uses it. The meanings are those an editor shows on hover and in completion.',
            '',
            '## Contents',
            '',
            ...contents,
            '',
            '## How a plan is written',
            '',
            ...how,
            '## Blocks',
            '',
            'The blocks of a plan, in the order a plan usually tells them. Each fact is listed with the words it starts',
            'with, what it means and a line that uses it, followed by the other words it is written with.',
            '',
            ...this.blocks.flatMap(b => this.blockSection(b, 3)),
            '## Lists of words',
            '',
            'Some facts accept only the words of a list. A word of another list, or a word of your own, is a syntax error.',
            '',
            ...this.lists.flatMap(l => this.listSection(l)),
            ...(this.read ? this.wordsRead() : []),
            '## Keywords A to Z',
            '',
            'Every keyword of the language with what it means and a line that uses it; where it means something more',
            'precise in a part of a plan, that meaning follows. Each example says which block it is written in.',
            '',
            ...this.glossary(),
            ''
        ].join('\n');
    }
}

function ruleOfElement(element) {
    let node = element;
    while (node && !GrammarAST.isParserRule(node)) node = node.$container;
    return node;
}

/** The text of docs/language.md. */
export function languageReference(sources) {
    const reference = new Reference(sources);
    const text = reference.render();
    if (reference.problems.size > 0) {
        throw new Error(`${[...reference.problems].join('\n')}\n(write each as a whole line of a plan in KEYWORD_DOCS, src/language/lsp/keyword-docs.ts)`);
    }
    return text;
}

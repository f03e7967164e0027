// The TextMate grammar of mplan, syntaxes/mplan.tmLanguage.json, from the
// Langium grammar (src/language/mplan.langium): the keywords it colours, the
// names it tells apart and the terminals it matches are those the parser reads,
// so the two cannot drift apart. `npm run generate` (scripts/generate.mjs)
// writes the file with render(await loadGrammar()); the build copies it into
// the extension (extension/syntaxes/).
//
// How the grammar is built. TextMate matches line by line with regular
// expressions, so the colouring of a name depends on the words before it on
// its line:
// - every keyword is coloured wherever it stands, by what it is: a block
//   (`segment`: storage.type.segment), `import`, a value from a fixed list
//   (`ppc`, `monthly`, `online`: constant.language.<list>), or any other
//   keyword (keyword.other);
// - each fact of a block that holds a name (a block's own name, a reference,
//   a free word, a currency) or a value keyword is compiled, from its grammar
//   rule, into one expression that colours those words by their role;
//   a fact that ends in a comma-separated list continues over lines ending in
//   a comma;
// - strings, numbers, dates, times, percentages and comments are matched
//   everywhere, by the grammar's own terminals.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, GrammarAST, GrammarUtils, URI } from 'langium';
import { createLangiumGrammarServices } from 'langium/grammar';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GRAMMAR_FILE = join(ROOT, 'src/language/mplan.langium');

/** The grammar's terminals this generator reads by name. */
const TERMINAL = { id: 'ID', word: 'WORD', string: 'STRING', number: 'NUMBER', date: 'DATE', time: 'TIME', hashtag: 'HASHTAG' };

/** Scope names of the things that are not keywords. */
const SCOPE = {
    comma: 'punctuation.separator.comma.mplan',
    open: 'punctuation.section.block.begin.mplan',
    close: 'punctuation.section.block.end.mplan',
    percent: 'keyword.other.unit.percentage.mplan',
    ratio: 'keyword.other.unit.ratio.mplan',
    currency: 'keyword.other.unit.currency.mplan',
    number: 'constant.numeric.mplan',
    date: 'constant.numeric.date.mplan',
    time: 'constant.numeric.time.mplan',
    word: 'variable.other.word.mplan',
    keyword: 'keyword.other.mplan',
    string: 'string.quoted.double.mplan',
    escape: 'constant.character.escape.mplan'
};

/** Names that are currencies though their property does not say so: `rate 1 EUR = 1.08 USD`. */
const CURRENCY_FEATURES = new Set(['ExchangeRate.from', 'ExchangeRate.to']);

/** Free words that are codes from a fixed list: a market's country and language codes (`countries DE, FR`, `languages en`). */
const CODE_WORDS = { 'Market.countries': 'constant.language.country.mplan', 'Market.languages': 'constant.language.language.mplan' };

/** Scopes of the punctuation keywords. */
const PUNCTUATION = { '{': SCOPE.open, '}': SCOPE.close, ',': SCOPE.comma, '%': SCOPE.percent, '=': 'punctuation.separator.key-value.mplan' };

/**
 * Word keywords written right after their number, like `%`: a ratio's `x`
 * (`target at least 4x`), coloured as its unit. They are matched after a
 * digit too, not only as whole words.
 */
const AFTER_NUMBER = ['x'];

/** Reads and links the Langium grammar. */
export async function loadGrammar(file = GRAMMAR_FILE) {
    const { grammar: services } = createLangiumGrammarServices(EmptyFileSystem);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(readFileSync(file, 'utf8'), URI.file(file));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
    if (errors.length > 0) throw new Error(`${file}: ${errors[0].message}`);
    return document.parseResult.value;
}

// ------------------------------------------------------------------------------------ regexes

/** Escapes text for a regular expression. */
function escapeRegex(text) {
    return text.replace(/[\\^$.*+?()[\]{}|/-]/g, c => '\\' + c);
}

/** A terminal's regular expression, its groups made non-capturing (captures number the grammar's tokens). */
function terminalRegex(grammar, name) {
    const rule = grammar.rules.find(r => GrammarAST.isTerminalRule(r) && r.name === name);
    if (!rule || !GrammarAST.isRegexToken(rule.definition)) throw new Error(`the grammar has no regex terminal ${name}`);
    const source = rule.definition.regex.replace(/^\/|\/[a-z]*$/g, '');
    let out = '';
    let inClass = false;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') { out += c + source[++i]; continue; }
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        out += c;
        if (c === '(' && !inClass && source[i + 1] !== '?') out += '?:';
    }
    return out;
}

/** The text a terminal's regex starts with, before its first special character (`\/\/[^\n]*` → `//`). */
function literalPrefix(regex) {
    const match = /^((?:\\[^a-zA-Z0-9]|[^\\[(.*+?{|^$])*)/.exec(regex);
    return match[1].replace(/\\(.)/g, '$1');
}

/** The text a terminal's regex ends with, after its last special character (`...*?\*\/` → `*\/`). */
function literalSuffix(regex) {
    const match = /((?:\\[^a-zA-Z0-9]|[^\\\])*+?}|^$])*)$/.exec(regex);
    return match[1].replace(/\\(.)/g, '$1');
}

/**
 * Names: the ID terminal split into its first character and the characters
 * that continue a name, which are also what a word must not touch on either
 * side (`re-run` is one name, not `re` and `run`).
 */
function nameParts(grammar) {
    const id = terminalRegex(grammar, TERMINAL.id);
    const match = /^(\[[^\]]+\])(\[[^\]]+\])\*$/.exec(id);
    if (!match) throw new Error(`scripts/textmate.mjs expects the ID terminal to be [first][rest]*, not /${id}/`);
    return { id, rest: match[2] };
}

// ------------------------------------------------------------------------------------ keywords

/** Every keyword of a rule's definition, with the assignment it is the value of. */
function* keywordsIn(node, assignment) {
    if (GrammarAST.isKeyword(node)) {
        yield { keyword: node.value, assignment };
        return;
    }
    if (GrammarAST.isCrossReference(node) || GrammarAST.isRuleCall(node)) return;
    const inner = GrammarAST.isAssignment(node) ? node : assignment;
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        const children = Array.isArray(value) ? value : [value];
        for (const child of children) if (child && typeof child === 'object' && '$type' in child) yield* keywordsIn(child, inner);
    }
}

/** Whether a word is a keyword that reads as a word (letters only), as the token builder decides. */
function isWordKeyword(value) {
    return /^[A-Za-z]+$/.test(value);
}

/**
 * The shape of the language: the block rules (the alternatives of the rule
 * the entry rule's elements are), the statement rules beside them (`import`),
 * and for every keyword whether it is ever a keyword of its own and the lists
 * of values it belongs to.
 */
function analyse(grammar) {
    const entry = grammar.rules.find(r => GrammarAST.isParserRule(r) && r.entry);
    const blocks = [];
    const statements = [];
    for (const node of streamAll(entry.definition)) {
        if (!GrammarAST.isAssignment(node) || !GrammarAST.isRuleCall(node.terminal)) continue;
        const called = node.terminal.rule.ref;
        if (GrammarAST.isAlternatives(called.definition) && called.definition.elements.every(GrammarAST.isRuleCall)) {
            blocks.push(...called.definition.elements.map(e => e.rule.ref));
        } else {
            statements.push(called);
        }
    }
    const blockNames = new Set(blocks.map(b => b.name));
    /** Block keywords by the block rule they open (`audience` → Audience). */
    const blockKeywords = new Map(blocks.map(b => [leadingKeyword(b.definition), b.name]));
    /** Block keywords that also start a fact of another rule (`audience` of a tactic). */
    const sharedBlockKeywords = new Set();
    const uses = new Map();
    const use = keyword => {
        if (!uses.has(keyword)) uses.set(keyword, { structural: false, lists: [] });
        return uses.get(keyword);
    };
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule)) continue;
        const dataType = GrammarUtils.isDataTypeRule(rule);
        for (const { keyword, assignment } of keywordsIn(rule.definition, undefined)) {
            if (!isWordKeyword(keyword)) continue;
            if (blockKeywords.has(keyword) && blockKeywords.get(keyword) !== rule.name) sharedBlockKeywords.add(keyword);
            const list = valueList(rule, assignment, dataType, blockNames);
            if (list) {
                if (!use(keyword).lists.includes(list)) use(keyword).lists.push(list);
            } else {
                use(keyword).structural = true;
            }
        }
    }
    const scopes = new Map();
    for (const block of blocks) scopes.set(leadingKeyword(block.definition), `storage.type.${kind(block)}.mplan`);
    for (const statement of statements) scopes.set(leadingKeyword(statement.definition), `keyword.control.${kind(statement)}.mplan`);
    for (const [keyword, { structural, lists }] of uses) {
        if (scopes.has(keyword)) continue;
        scopes.set(keyword, structural ? SCOPE.keyword : `constant.language.${lists[0]}.mplan`);
    }
    return { blocks, blockNames, blockKeywords, sharedBlockKeywords, scopes };
}

/**
 * The list of values a keyword is one of, where it is the value of a fact
 * (`channel ppc`, `shops online`, `per month`), or undefined where it is a
 * keyword of its own (`channel`, `decides`: a flag says only that it is written).
 * The list is named after the value rule (channel, timeunit), or after the
 * fact in a block (shops).
 */
function valueList(rule, assignment, dataType, blockNames) {
    if (dataType) return rule.name.toLowerCase();
    if (!assignment || assignment.operator === '?=') return undefined;
    // An assignment that opens its rule's node starts a fact (`kind=('objective' | 'kpi')`): its keywords are keywords.
    if (GrammarAST.isGroup(rule.definition) && rule.definition.elements[0] === assignment) return undefined;
    return (blockNames.has(rule.name) ? assignment.feature : rule.name).toLowerCase();
}

/** The first keyword of a rule's definition (`plan` of Plan). */
function leadingKeyword(definition) {
    for (const node of streamAll(definition)) if (GrammarAST.isKeyword(node)) return node.value;
    throw new Error('a block rule without a keyword');
}

/** The kind of a block, as scopes name it: the rule name in lower case. */
function kind(rule) {
    return rule.name.toLowerCase();
}

/** A node and all nodes under it, in document order. */
function* streamAll(node) {
    yield node;
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        const children = Array.isArray(value) ? value : [value];
        for (const child of children) if (child && typeof child === 'object' && '$type' in child) yield* streamAll(child);
    }
}

/** Keywords longest first, so that an alternation never stops at a shorter one. */
function alternation(keywords) {
    return [...new Set(keywords)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRegex).join('|');
}

// ------------------------------------------------------------------------------------ facts

/*
 * A fact is read into a small tree of tokens: seq (in order), alt (one of),
 * opt (maybe), star (any number of), braces (a nested block of facts) and
 * tok (one token: a regex, how to colour it, and whether its colour depends
 * on where it stands).
 */

class FactReader {
    constructor(grammar, shape) {
        this.shape = shape;
        const { id, rest } = nameParts(grammar);
        this.before = `(?<!${rest})`;
        this.after = `(?!${rest})`;
        this.name = `${this.before}${id}`;
        const keywords = [...shape.scopes.keys()];
        this.notKeyword = `(?!(?:${alternation(keywords)})${this.after})`;
        this.string = terminalRegex(grammar, TERMINAL.string);
        this.number = `${this.before}${terminalRegex(grammar, TERMINAL.number)}`;
        this.date = `${this.before}${terminalRegex(grammar, TERMINAL.date)}`;
        this.time = `${this.before}${terminalRegex(grammar, TERMINAL.time)}`;
        this.hashtag = `${this.before}${terminalRegex(grammar, TERMINAL.hashtag)}`;
    }

    /** A keyword token: punctuation, a value of a list, or a keyword of its own (read in `rule`). */
    keyword(value, list, rule) {
        if (!isWordKeyword(value)) {
            return { k: 'tok', re: escapeRegex(value), scope: PUNCTUATION[value] ?? SCOPE.keyword, keyword: value };
        }
        const everywhere = this.shape.scopes.get(value);
        // A block's keyword that starts a fact of another block (`audience` in a tactic) is a keyword of its own there.
        const ownBlock = this.shape.blockKeywords.get(value);
        const scope = list ? `constant.language.${list}.mplan` : ownBlock && ownBlock !== rule?.name ? SCOPE.keyword : everywhere;
        if (AFTER_NUMBER.includes(value)) {
            // In a fact it follows its number: a digit may stand right before it (`4x`).
            return { k: 'tok', re: `(?:(?<=[0-9])|${this.before})${escapeRegex(value)}${this.after}`, scope: SCOPE.ratio, keyword: value };
        }
        // A value is coloured by where it stands only where it is coloured otherwise elsewhere (`channel email`).
        return { k: 'tok', re: this.words([value]), scope, keyword: value, words: [value], contextual: scope !== everywhere };
    }

    /** A regex for any of some keywords, as whole words. */
    words(words) {
        const either = alternation(words);
        return `${this.before}${words.length > 1 ? `(?:${either})` : either}${this.after}`;
    }

    /** Alternatives of keywords coloured alike are one token (`seo|ppc|…`). */
    merge(alt) {
        const items = [];
        for (const item of alt.items.flatMap(i => i.k === 'alt' ? i.items : [i])) {
            const same = item.words && items.find(other => other.words && other.scope === item.scope);
            if (same) {
                same.words = [...same.words, ...item.words];
                same.re = this.words(same.words);
                same.contextual = same.contextual || item.contextual;
            } else {
                items.push(item.words ? { ...item } : item);
            }
        }
        return items.length === 1 ? items[0] : { k: 'alt', items };
    }

    /** The tree of a grammar element, read in the rule `rule`, as the value of `assignment` if any. */
    read(node, rule, assignment) {
        const tree = this.readElement(node, rule, assignment);
        switch (node.cardinality) {
            case '?': return { k: 'opt', item: tree };
            case '*': return { k: 'star', item: tree };
            case '+': return { k: 'seq', items: [tree, { k: 'star', item: tree }] };
            default: return tree;
        }
    }

    readElement(node, rule, assignment) {
        if (GrammarAST.isKeyword(node)) {
            return this.keyword(node.value, valueList(rule, assignment, GrammarUtils.isDataTypeRule(rule), this.shape.blockNames), rule);
        }
        if (GrammarAST.isAssignment(node)) return this.read(node.terminal, rule, node);
        if (GrammarAST.isCrossReference(node)) {
            const target = node.type.ref;
            return { k: 'tok', re: this.name, scope: `variable.other.reference.${kind(target)}.mplan`, contextual: true, name: true };
        }
        if (GrammarAST.isRuleCall(node)) return this.readCall(node.rule.ref, rule, assignment);
        if (GrammarAST.isGroup(node)) return this.readGroup(node, rule, assignment);
        if (GrammarAST.isAlternatives(node)) return this.merge({ k: 'alt', items: node.elements.map(e => this.read(e, rule, assignment)) });
        throw new Error(`scripts/textmate.mjs cannot read a ${node.$type} yet (in ${rule.name})`);
    }

    readCall(called, rule, assignment) {
        if (GrammarAST.isTerminalRule(called)) return this.terminal(called.name, rule, assignment);
        // A value rule keeps the assignment (its keywords are values); a parser rule starts afresh.
        const inner = GrammarUtils.isDataTypeRule(called) ? assignment : undefined;
        return this.read(called.definition, called, inner);
    }

    terminal(name, rule, assignment) {
        switch (name) {
            case TERMINAL.id:
                if (assignment?.feature === 'name') {
                    return { k: 'tok', re: this.name, scope: `entity.name.type.${kind(rule)}.mplan`, contextual: true, name: true };
                }
                if (/currency$/i.test(assignment?.feature ?? '') || CURRENCY_FEATURES.has(`${rule.name}.${assignment?.feature}`)) return { k: 'tok', re: this.name, scope: SCOPE.currency, contextual: true, name: true };
                throw new Error(`scripts/textmate.mjs does not know how to colour ${rule.name}.${assignment?.feature}`);
            case TERMINAL.word:
                // A part of a block named by a free word: a product's tier (`tier Starter`).
                if (assignment?.feature === 'name') return { k: 'tok', re: this.name, scope: `entity.name.type.${kind(rule)}.mplan`, contextual: true };
                // A code from a fixed list, written as a word (`countries DE, FR`).
                if (Object.hasOwn(CODE_WORDS, `${rule.name}.${assignment?.feature}`)) return { k: 'tok', re: this.name, scope: CODE_WORDS[`${rule.name}.${assignment?.feature}`], contextual: true };
                // A free word: a name or any keyword, written as it is (`track leads`).
                return { k: 'tok', re: this.name, scope: SCOPE.word, contextual: true };
            case TERMINAL.string: return { k: 'tok', re: this.string, string: true };
            case TERMINAL.number: return { k: 'tok', re: this.number, scope: SCOPE.number };
            case TERMINAL.date: return { k: 'tok', re: this.date, scope: SCOPE.date };
            case TERMINAL.time: return { k: 'tok', re: this.time, scope: SCOPE.time };
            // A hashtag (`#FreshLunch`) is a word of your own, coloured as one where the fact takes it.
            case TERMINAL.hashtag: return { k: 'tok', re: this.hashtag, scope: SCOPE.word, contextual: true };
            default: throw new Error(`scripts/textmate.mjs does not know the terminal ${name}`);
        }
    }

    /** A group; `'{' facts* '}'` inside it is a nested block. */
    readGroup(node, rule, assignment) {
        const items = [];
        const elements = node.elements;
        for (let i = 0; i < elements.length; i++) {
            const element = elements[i];
            if (GrammarAST.isKeyword(element) && element.value === '{' && elements[i + 2] && GrammarAST.isKeyword(elements[i + 2]) && elements[i + 2].value === '}') {
                items.push({ k: 'braces', facts: this.facts(elements[i + 1], rule) });
                i += 2;
                continue;
            }
            items.push(this.read(element, rule, assignment));
        }
        return { k: 'seq', items };
    }

    /** The facts of a block body (`(a | b | c)*`), each a tree. */
    facts(body, rule) {
        const alternatives = GrammarAST.isAlternatives(body) ? body.elements : [body];
        return alternatives.map(element => this.readElement(element, rule, undefined));
    }
}

/** Whether a tree holds a token whose colour depends on where it stands. */
function contextual(tree) {
    switch (tree.k) {
        case 'tok': return !!tree.contextual;
        case 'braces': return true;
        case 'opt': case 'star': return contextual(tree.item);
        default: return tree.items.some(contextual);
    }
}

/** Whether a tree starts with a keyword for sure (so it can stand on a line of its own). */
function keywordLed(tree) {
    if (tree.k === 'tok') return !!tree.keyword && isWordKeyword(tree.keyword);
    if (tree.k === 'seq') return keywordLed(tree.items[0]);
    if (tree.k === 'alt') return tree.items.every(keywordLed);
    return false;
}

/**
 * The fact without its tail of tokens coloured the same anywhere: the
 * expression stops at its last name or value, so a line still being written
 * (`conversion visitors to leads`) is coloured already.
 */
function trimTail(tree) {
    if (tree.k !== 'seq') return tree;
    const items = [...tree.items];
    while (items.length > 1 && !contextual(items[items.length - 1])) items.pop();
    items[items.length - 1] = trimTail(items[items.length - 1]);
    return { k: 'seq', items };
}

/** A comma-separated list at the end of a fact: the fact without it, and the list's item. */
function trailingList(tree) {
    if (tree.k === 'star' && tree.item.k === 'seq' && tree.item.items[0].keyword === ',') {
        return { head: undefined, item: { k: 'seq', items: tree.item.items.slice(1) } };
    }
    if (tree.k === 'seq') {
        const last = trailingList(tree.items[tree.items.length - 1]);
        if (!last) return undefined;
        const items = tree.items.slice(0, -1);
        if (last.head) items.push(last.head);
        return { head: { k: 'seq', items }, item: last.item };
    }
    if (tree.k === 'opt') {
        const inner = trailingList(tree.item);
        return inner && inner.head ? { head: { k: 'opt', item: inner.head }, item: inner.item } : undefined;
    }
    return undefined;
}

// ------------------------------------------------------------------------------------ compiling

/** Compiles trees into TextMate rules. */
class Compiler {
    constructor(reader) {
        this.reader = reader;
        /** Facts that may stand on a line of their own, at the top level, in grammar order. */
        this.patterns = [];
        this.seen = new Set();
    }

    /**
     * The regex of a tree; each token is a capture whose scope goes to
     * `captures` (null: no captures, inside a repetition). `lead`: whitespace
     * may come first. `optional`: a name here might as well be a keyword.
     */
    regex(tree, lead, captures, optional = false) {
        const space = lead ? '\\s*' : '';
        switch (tree.k) {
            case 'tok': {
                const re = tree.name && optional ? `${this.reader.notKeyword}${tree.re}` : tree.re;
                if (!captures) return `${space}(?:${re})`;
                captures.push(tree.string ? { patterns: [{ include: '#strings' }] } : { name: tree.scope });
                return `${space}(${re})`;
            }
            case 'seq':
                return tree.items.map((item, i) => this.regex(item, i === 0 ? lead : true, captures, optional && i === 0)).join('');
            case 'alt':
                return `${space}(?:${tree.items.map(item => this.regex(item, false, captures, optional)).join('|')})`;
            case 'opt':
                return `(?:${this.regex(tree.item, lead, captures, true)})?`;
            case 'star': {
                const body = `(?:${this.regex(tree.item, lead, null, true)})*`;
                if (!captures) return body;
                captures.push({ patterns: [...this.itemPatterns(tree.item), { include: '#base' }] });
                return `(${body})`;
            }
            case 'braces':
                throw new Error('a nested block inside a fact\'s expression');
        }
    }

    /** A match rule for a tree. */
    match(tree, optional = false) {
        const captures = [];
        const match = this.regex(tree, false, captures, optional);
        return { match, captures: numbered(captures) };
    }

    /** The rules that colour the items of a repetition: one per alternative. */
    itemPatterns(item) {
        const alternatives = item.k === 'alt' ? item.items : [item];
        return alternatives.filter(contextual).map(alternative => this.match(alternative, true));
    }

    /**
     * The rules for a fact: a match; or a list that may go on over lines
     * (`runs A,` then `B` on the next line), with a second rule for a list
     * whose keyword ends its line (`runs` then `A, B` below); or a nested block.
     */
    facts(tree) {
        if (tree.k === 'seq') {
            const at = tree.items.findIndex(item => item.k === 'braces');
            if (at >= 0) return this.nested(tree, at);
        }
        const trimmed = trimTail(tree);
        const list = trailingList(trimmed);
        if (!list) return [this.match(trimmed)];
        const items = [...this.itemPatterns(list.item), { include: '#base' }];
        const rules = [this.list(list.head, '', items)];
        const head = list.head.k === 'seq' ? list.head.items : [];
        const keyword = head.length === 2 && head[0].k === 'tok' && head[0].words && head[1].k !== 'opt' ? head[0] : undefined;
        if (keyword) rules.push(this.list(keyword, '(?=\\s*$)', items, '(?!\\G)'));
        return rules;
    }

    /**
     * A list: its head, then items until one that no comma follows (a comma
     * at the end of a line carries it on to the next); `notAtStart` keeps it
     * open after a head that has no item yet.
     */
    list(head, after, patterns, notAtStart = '') {
        const captures = [];
        const begin = this.regex(head, false, captures) + after;
        return {
            begin,
            beginCaptures: numbered(captures),
            end: `${notAtStart}(?<=[^\\s,])(?!\\s*,)|(?=[{}])`,
            patterns
        };
    }

    /**
     * A fact with a nested block. When every fact inside starts with a
     * keyword, they are coloured anywhere like the others (a block's facts
     * may be written on the line after `habits {`); otherwise the block is a
     * region of its own (`results { sales 120 }`: a free word opens a result).
     */
    nested(tree, at) {
        const braces = tree.items[at];
        if (braces.facts.every(keywordLed)) {
            for (const fact of braces.facts) this.add(fact);
            const head = { k: 'seq', items: tree.items.slice(0, at) };
            if (!contextual(head)) return [];
            const rule = this.match(trimTail(head));
            // A block keyword that also starts a fact elsewhere (`audience` of a tactic) opens the block
            // only where the braces follow on its line, after its title if any: `audience Lapsed "Lapsed" {`
            // (a block's name on the line after its keyword is coloured as no block's, as for every block).
            const first = head.items[0];
            if (first?.keyword && this.reader.shape.sharedBlockKeywords.has(first.keyword)) {
                rule.match += `(?=\\s*(?:${this.reader.string}\\s*)?\\{)`;
            }
            return [rule];
        }
        const captures = [];
        const head = this.regex({ k: 'seq', items: tree.items.slice(0, at) }, false, captures);
        captures.push({ name: SCOPE.open });
        return [{
            begin: `${head}\\s*(\\{)`,
            beginCaptures: numbered(captures),
            end: '\\}',
            endCaptures: { 0: { name: SCOPE.close } },
            patterns: [{ include: '#comments' }, ...braces.facts.filter(contextual).flatMap(fact => this.facts(fact)), { include: '#base' }]
        }];
    }

    /** Adds a fact (and the facts it repeats) to the top level, once. */
    add(tree) {
        if (contextual(tree)) for (const rule of this.facts(tree)) this.push(rule);
        // The keyword-led parts a fact repeats (`objective "…" metric orders by …`) may start a line too.
        for (const star of stars(tree)) {
            const alternatives = star.item.k === 'alt' ? star.item.items : [star.item];
            for (const alternative of alternatives) if (keywordLed(alternative) && contextual(alternative)) this.add(alternative);
        }
    }

    push(rule) {
        const key = JSON.stringify(rule);
        if (this.seen.has(key)) return;
        this.seen.add(key);
        this.patterns.push(rule);
    }
}

/** The repetitions of a tree, outermost first. */
function* stars(tree) {
    if (tree.k === 'star') {
        yield tree;
        return;
    }
    if (tree.k === 'opt') yield* stars(tree.item);
    if (tree.k === 'seq' || tree.k === 'alt') for (const item of tree.items) yield* stars(item);
}

/** Captures as TextMate numbers them (from 1). */
function numbered(captures) {
    return Object.fromEntries(captures.map((capture, i) => [String(i + 1), capture]));
}

// ------------------------------------------------------------------------------------ the grammar

/** The TextMate grammar of mplan, from its Langium grammar. */
export function textmateGrammar(grammar) {
    const shape = analyse(grammar);
    const reader = new FactReader(grammar, shape);
    const compiler = new Compiler(reader);
    for (const block of shape.blocks) {
        const tree = reader.read(block.definition, block, undefined);
        compiler.add(tree);
    }
    return {
        information_for_contributors: [
            'Generated from src/language/mplan.langium by scripts/textmate.mjs: do not edit it by hand,',
            'change the Langium grammar or the script and run `npm run generate`.'
        ],
        name: 'mplan',
        scopeName: 'source.mplan',
        fileTypes: ['mplan'],
        patterns: [{ include: '#comments' }, { include: '#facts' }, { include: '#base' }],
        repository: {
            facts: { patterns: compiler.patterns },
            base: { patterns: [{ include: '#comments' }, { include: '#strings' }, { include: '#literals' }, { include: '#keywords' }, { include: '#punctuation' }] },
            comments: comments(grammar),
            strings: strings(grammar),
            literals: literals(reader),
            keywords: keywords(shape, reader),
            punctuation: {
                patterns: Object.entries(PUNCTUATION).map(([text, scope]) => ({ name: scope, match: escapeRegex(text) }))
            }
        }
    };
}

/** Block and line comments, delimited as the grammar's hidden comment terminals are. */
function comments(grammar) {
    const hidden = grammar.rules.filter(r => GrammarAST.isTerminalRule(r) && r.hidden && /COMMENT/.test(r.name));
    const patterns = [];
    for (const rule of hidden) {
        const regex = terminalRegex(grammar, rule.name);
        const open = literalPrefix(regex);
        const close = literalSuffix(regex);
        if (close) {
            patterns.push({
                name: 'comment.block.mplan',
                begin: escapeRegex(open),
                beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.mplan' } },
                end: escapeRegex(close),
                endCaptures: { 0: { name: 'punctuation.definition.comment.end.mplan' } }
            });
        } else {
            patterns.push({
                name: open === '//' ? 'comment.line.double-slash.mplan' : 'comment.line.mplan',
                begin: escapeRegex(open),
                beginCaptures: { 0: { name: 'punctuation.definition.comment.mplan' } },
                end: '(?=$)'
            });
        }
    }
    // Block comments first: `/*` must not be read as the start of anything else.
    patterns.sort((a, b) => Number(b.name.includes('block')) - Number(a.name.includes('block')));
    return { patterns };
}

/** Strings: the STRING terminal's quotes and escapes; a string ends with its line at the latest. */
function strings(grammar) {
    const regex = terminalRegex(grammar, TERMINAL.string);
    const quote = regex[0];
    if (!regex.includes('\\\\.')) throw new Error('scripts/textmate.mjs expects strings with backslash escapes');
    return {
        name: SCOPE.string,
        begin: escapeRegex(quote),
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.mplan' } },
        end: `(${escapeRegex(quote)})|$`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.mplan' } },
        patterns: [{ name: SCOPE.escape, match: '\\\\.' }]
    };
}

/** Dates, times, amounts of money (a number and a currency that is no keyword), ratios (`4x`) and numbers. */
function literals(reader) {
    return {
        patterns: [
            { name: SCOPE.date, match: `${reader.date}(?![0-9])` },
            { name: SCOPE.time, match: `${reader.time}(?![0-9])` },
            ...AFTER_NUMBER.filter(keyword => reader.shape.scopes.has(keyword)).map(keyword => ({
                match: `(${reader.number})(${escapeRegex(keyword)})${reader.after}`,
                captures: { 1: { name: SCOPE.number }, 2: { name: SCOPE.ratio } }
            })),
            {
                match: `(${reader.number})\\s+(${reader.notKeyword}${reader.name})`,
                captures: { 1: { name: SCOPE.number }, 2: { name: SCOPE.currency } }
            },
            { name: SCOPE.number, match: reader.number }
        ]
    };
}

/** Every keyword, coloured by what it is; keywords sharing a scope share a rule. */
function keywords(shape, reader) {
    const byScope = new Map();
    for (const [keyword, scope] of shape.scopes) {
        if (!byScope.has(scope)) byScope.set(scope, []);
        byScope.get(scope).push(keyword);
    }
    return {
        patterns: [...byScope].sort(([a], [b]) => a.localeCompare(b)).map(([scope, words]) => ({
            name: scope,
            match: reader.words(words)
        }))
    };
}

// ------------------------------------------------------------------------------------ the file

/** The grammar file's text: JSON, two spaces, a final newline. */
export function render(grammar) {
    return JSON.stringify(textmateGrammar(grammar), null, 2) + '\n';
}

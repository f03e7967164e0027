import { GrammarAST } from 'langium';
import { wordLists } from './word-lists.js';

/**
 * The words the grammar allows at the places syntax errors happen, read from
 * the grammar itself (src/language/mplan.langium is the only list of words):
 * which words start a fact of each block, which words may continue a fact,
 * which keywords open a block. Computed once per grammar.
 */

/** A `'{' ( … )* '}'` group of the grammar: the facts of a block, or a nested group such as `habits { … }`. */
export interface FactLoop {
    /** The keyword before the brace: the block's keyword (`tactic`), or the nested group's (`habits`, `results`). */
    opener: string;
    /** Whether this is a block of its own (`tactic`), rather than a group nested in one (`habits`). */
    block: boolean;
    /** What a line of the group starts with, in grammar order: keywords, or terminal names (`WORD`). */
    starts: string[];
    /** Keywords that may continue a fact once it has started (`per` after a budget, `by` in an objective). */
    continuations: string[];
}

export interface GrammarWords {
    /** The loops by their opener keyword. */
    loops: Map<string, FactLoop>;
    /** The keywords that start a top-level block, in grammar order (`plan`, `product`, …). */
    blockKeywords: string[];
    /** What starts a top-level element or import. */
    topLevel: string[];
    /** The closed lists of words, by the name of their grammar rule (`Channel`, `TimeUnit`, …). */
    lists: Map<string, string[]>;
}

interface First {
    tokens: string[];
    nullable: boolean;
}

const cache = new WeakMap<GrammarAST.Grammar, GrammarWords>();

/** The words of a grammar, as above; cached per grammar. */
export function grammarWords(grammar: GrammarAST.Grammar): GrammarWords {
    let words = cache.get(grammar);
    if (!words) {
        words = analyse(grammar);
        cache.set(grammar, words);
    }
    return words;
}

function analyse(grammar: GrammarAST.Grammar): GrammarWords {
    const rules = grammar.rules.filter(GrammarAST.isParserRule);
    const terminals = new Set(grammar.rules.filter(GrammarAST.isTerminalRule).map(rule => rule.name));
    const loops = new Map<string, FactLoop>();
    const element = rules.find(rule => rule.name === 'Element');
    const document = rules.find(rule => rule.entry);
    const blockKeywords = element ? first(element.definition).tokens : [];
    for (const rule of rules) {
        visitGroups(rule.definition, group => {
            const items = group.elements;
            for (let i = 1; i + 2 < items.length; i++) {
                const open = items[i], body = items[i + 1], close = items[i + 2];
                if (!isKeyword(open, '{') || body.cardinality !== '*' || !isKeyword(close, '}')) continue;
                const before = items[i - 1];
                const nested = GrammarAST.isKeyword(before) && before.value !== '{';
                const opener = nested ? (before as GrammarAST.Keyword).value : GrammarAST.isKeyword(items[0]) ? items[0].value : undefined;
                if (!opener || loops.has(opener)) continue;
                const starts = first(body, true).tokens;
                const continuations = unique(tails(body).filter(word => isWord(word) && !terminals.has(word) && !starts.includes(word)));
                loops.set(opener, { opener, block: !nested && blockKeywords.includes(opener), starts, continuations });
            }
        });
    }
    // The rules that are a list of more than two words (a choice of two reads better spelled out).
    const lists = new Map(wordLists(grammar).filter(list => !list.property && list.words.length > 2).map(list => [list.rule, list.words]));
    return { loops, blockKeywords, topLevel: document ? first(document.definition).tokens : blockKeywords, lists };
}

function isKeyword(element: GrammarAST.AbstractElement | undefined, value: string): boolean {
    return GrammarAST.isKeyword(element) && element.value === value;
}

/** Letters only: a keyword that reads as a word (not punctuation). */
export function isWord(token: string): boolean {
    return /^[A-Za-z]+$/.test(token);
}

function unique(tokens: string[]): string[] {
    return [...new Set(tokens)];
}

function visitGroups(element: GrammarAST.AbstractElement, visit: (group: GrammarAST.Group) => void): void {
    if (GrammarAST.isGroup(element)) visit(element);
    if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) {
        for (const child of element.elements) visitGroups(child, visit);
    } else if (GrammarAST.isAssignment(element)) {
        visitGroups(element.terminal, visit);
    }
}

/**
 * The tokens an element can start with (keywords by their value, terminals by
 * name) and whether it can match nothing. `ignoreCardinality` reads a `( … )*`
 * as its body.
 */
function first(element: GrammarAST.AbstractElement, ignoreCardinality = false, seen = new Set<GrammarAST.ParserRule>()): First {
    let result: First;
    if (GrammarAST.isKeyword(element)) {
        result = { tokens: [element.value], nullable: false };
    } else if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (GrammarAST.isParserRule(rule)) {
            if (seen.has(rule)) result = { tokens: [], nullable: false };
            else result = first(rule.definition, false, new Set([...seen, rule]));
        } else {
            result = { tokens: rule ? [rule.name] : [], nullable: false };
        }
    } else if (GrammarAST.isAssignment(element)) {
        result = first(element.terminal, false, seen);
    } else if (GrammarAST.isCrossReference(element)) {
        result = element.terminal ? first(element.terminal, false, seen) : { tokens: ['ID'], nullable: false };
    } else if (GrammarAST.isGroup(element)) {
        const tokens: string[] = [];
        let nullable = true;
        for (const child of element.elements) {
            const next = first(child, false, seen);
            tokens.push(...next.tokens);
            if (!next.nullable) {
                nullable = false;
                break;
            }
        }
        result = { tokens, nullable };
    } else if (GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) {
        const tokens: string[] = [];
        let nullable = false;
        for (const child of element.elements) {
            const next = first(child, false, seen);
            tokens.push(...next.tokens);
            nullable ||= next.nullable;
        }
        result = { tokens, nullable };
    } else {
        result = { tokens: [], nullable: true };
    }
    const optional = !ignoreCardinality && (element.cardinality === '?' || element.cardinality === '*');
    return { tokens: unique(result.tokens), nullable: result.nullable || optional };
}

/**
 * The tokens that may follow once an element has matched, continuing it rather
 * than starting the next one: the optional and repeated parts at its end
 * (`('per' TimeUnit)?` after `budget 500 USD`, an objective's facts).
 */
function tails(element: GrammarAST.AbstractElement, seen = new Set<GrammarAST.ParserRule>()): string[] {
    const own: string[] = [];
    if (element.cardinality === '*' || element.cardinality === '+') own.push(...first(element, true).tokens);
    if (GrammarAST.isRuleCall(element) && GrammarAST.isParserRule(element.rule.ref) && !seen.has(element.rule.ref)) {
        own.push(...tails(element.rule.ref.definition, new Set([...seen, element.rule.ref])));
    } else if (GrammarAST.isAssignment(element)) {
        own.push(...tails(element.terminal, seen));
    } else if (GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) {
        for (const child of element.elements) own.push(...tails(child, seen));
    } else if (GrammarAST.isGroup(element)) {
        for (let i = element.elements.length - 1; i >= 0; i--) {
            const child = element.elements[i];
            own.push(...tails(child, seen));
            const start = first(child);
            if (!start.nullable) break;
            own.push(...start.tokens);
        }
    }
    return unique(own);
}

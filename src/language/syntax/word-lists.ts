/**
 * The closed lists of words of the grammar (`Channel`, `TimeUnit`,
 * `Segment.shops`, …), read from the grammar once for everything that lists
 * them: syntax-error messages (grammar-words.ts), keyword docs, hover and the
 * language reference (lsp/keyword-docs.ts re-exports them).
 */
import { GrammarAST, GrammarUtils } from 'langium';

/**
 * A closed list of words of the grammar: the only words a place of a plan
 * accepts (`channel ppc`, `shops online`, `per month`).
 */
export interface WordList {
    /** The grammar rule that is the list (`Channel`), or that holds it in one of its properties (`Segment`). */
    rule: string;
    /** The property the words are assigned to, for a list written in a fact (`shops`); undefined when the rule is the list. */
    property?: string;
    /** `Channel` or `Segment.shops`: the key of the list's doc in WORD_LIST_DOCS. */
    key: string;
    /** Every allowed word, in grammar order, as written (`optin form` for a choice of two words). */
    words: string[];
    /** The words of the rule itself, without those of the lists it includes. */
    own: string[];
    /** The keys of the lists whose words it allows too (`Weekday` in `DaySet`). */
    includes: string[];
    /** The AST type of the part of a plan the words stand in, where there is one (hover's `where`): `Tactic` for channels. */
    holder?: string;
}

type GrammarNode = { $type: string };

function childNodes(node: object): GrammarNode[] {
    const out: GrammarNode[] = [];
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        for (const child of Array.isArray(value) ? value : [value]) {
            if (child && typeof child === 'object' && '$type' in child) out.push(child as GrammarNode);
        }
    }
    return out;
}

function allNodes(node: GrammarNode, into: GrammarNode[] = []): GrammarNode[] {
    into.push(node);
    for (const child of childNodes(node)) allNodes(child, into);
    return into;
}

/** A data type rule made only of keywords and other such rules: `'seo' | 'ppc' | …`. */
function isKeywordRule(rule: GrammarAST.AbstractRule | undefined): boolean {
    if (!rule || !GrammarAST.isParserRule(rule) || !GrammarUtils.isDataTypeRule(rule)) return false;
    const options = GrammarAST.isAlternatives(rule.definition) ? rule.definition.elements : [rule.definition];
    return options.every(o => !o.cardinality && (GrammarAST.isKeyword(o) || (GrammarAST.isRuleCall(o) && isKeywordRule(o.rule.ref))));
}

/** The keywords an alternative of a list is written with, up to its first optional part: `optin form`. */
function leadingKeywords(element: GrammarAST.AbstractElement): string[] {
    const elements = GrammarAST.isGroup(element) ? element.elements : [element];
    const words: string[] = [];
    for (const e of elements) {
        if (e.cardinality) break;
        const inner = GrammarAST.isAssignment(e) ? e.terminal : e;
        if (!GrammarAST.isKeyword(inner)) break;
        words.push(inner.value);
    }
    return words;
}

/**
 * The closed lists of words of the grammar, in grammar order: the data type
 * rules made of keywords (`Channel`, `TimeUnit`), the properties assigned one
 * keyword of a choice (`shops=('online' | 'offline')`) except a choice that
 * starts a fact (`tier` or `variant`), and the rules whose every alternative
 * is a kind named by keywords (`CaptureMethod`: `optin form`, `survey`, …).
 */
export function wordLists(grammar: GrammarAST.Grammar): WordList[] {
    const lists: WordList[] = [];
    const callers = new Map<string, Set<string | undefined>>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule)) continue;
        for (const node of allNodes(rule.definition)) {
            if (!GrammarAST.isRuleCall(node) || !node.rule.ref) continue;
            const set = callers.get(node.rule.ref.name) ?? new Set();
            set.add(GrammarUtils.isDataTypeRule(rule) ? undefined : GrammarUtils.getTypeName(rule));
            callers.set(node.rule.ref.name, set);
        }
    }
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule)) continue;
        if (isKeywordRule(rule)) {
            const options = GrammarAST.isAlternatives(rule.definition) ? rule.definition.elements : [rule.definition];
            const own = options.filter(GrammarAST.isKeyword).map(k => k.value);
            const includes = options.filter(GrammarAST.isRuleCall).map(c => c.rule.ref!.name);
            const holders = [...(callers.get(rule.name) ?? [])];
            lists.push({
                rule: rule.name, key: rule.name, own, includes,
                words: allowedWordsOf(rule),
                holder: holders.length === 1 ? holders[0] : undefined
            });
            continue;
        }
        if (GrammarUtils.isDataTypeRule(rule)) continue;
        const type = GrammarUtils.getTypeName(rule);
        const definition = rule.definition;
        if (GrammarAST.isAlternatives(definition) && definition.elements.every(alt => {
            const first = GrammarAST.isGroup(alt) ? alt.elements[0] : alt;
            return GrammarAST.isAssignment(first) && first.feature === 'kind' && GrammarAST.isKeyword(first.terminal);
        })) {
            const words = definition.elements.map(alt => leadingKeywords(alt).join(' '));
            lists.push({ rule: rule.name, key: rule.name, words, own: words, includes: [], holder: type });
        }
        for (const node of allNodes(definition)) {
            if (!GrammarAST.isAssignment(node) || node.operator === '?=' || !GrammarAST.isAlternatives(node.terminal)) continue;
            if (!node.terminal.elements.every(GrammarAST.isKeyword)) continue;
            if (GrammarAST.isGroup(definition) && definition.elements[0] === node) continue;
            const words = node.terminal.elements.map(k => (k as GrammarAST.Keyword).value);
            lists.push({ rule: rule.name, property: node.feature, key: `${rule.name}.${node.feature}`, words, own: words, includes: [], holder: type });
        }
    }
    return lists;
}

function allowedWordsOf(rule: GrammarAST.ParserRule): string[] {
    const options = GrammarAST.isAlternatives(rule.definition) ? rule.definition.elements : [rule.definition];
    return options.flatMap(o => GrammarAST.isKeyword(o) ? [o.value] : GrammarAST.isRuleCall(o) && isKeywordRule(o.rule.ref) ? allowedWordsOf(o.rule.ref as GrammarAST.ParserRule) : []);
}

/**
 * The words a closed list of the grammar allows, by the rule that is the list
 * (`Channel`, `TimeUnit`, `CaptureMethod`) or by the rule and property that
 * hold it (`Segment`, `shops`); undefined for no such list.
 */
export function allowedWords(grammar: GrammarAST.Grammar, rule: string, property?: string): string[] | undefined {
    return wordLists(grammar).find(list => list.rule === rule && list.property === property)?.words;
}

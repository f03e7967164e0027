/**
 * The blocks of the language and their facts, read from the grammar
 * (src/language/mplan.langium through `services.Mplan.Grammar`), for the tests
 * that hold every other place of the language to it (grammar-coverage.test.ts).
 *
 * A block is a parser rule written `… '{' ( fact | fact | … )* '}'`: the twelve
 * top-level blocks (`Element`'s alternatives) and the blocks nested in a fact
 * of another (`habits { … }` in a segment). A fact is one alternative between
 * the braces; its property is the first property it assigns (`budget` of
 * `'budget' budget=Money`, `period` of `period=Period`), and it may assign
 * more (`departments` after `staff … from`).
 */
import { GrammarAST, GrammarUtils } from 'langium';
import { services } from '../helpers.js';

export const grammar = services.Mplan.Grammar;

export interface GrammarFact {
    /** The block's AST type, e.g. `Campaign`. */
    block: string;
    /** The first property the fact assigns, e.g. `budget`. */
    property: string;
    /** Every property the fact assigns in the block's node, e.g. `staff`, `departments`. */
    properties: string[];
    /** `Block.property`, the fact's name in messages. */
    name: string;
    /** The keyword(s) a fact can start with (`budget`; `from` of a period); empty when it starts with no keyword. */
    firstKeywords: string[];
    /** The AST type of the node that holds the first keyword (the block's, or `Period` for `from … to …`): hover explains it by this type. */
    keywordHolder: string;
    /** Every word keyword of the fact, including those of the rules it calls. */
    keywords: string[];
    /** Whether a value of the fact holds a number (NUMBER, or a rule made of one: Money, ranges, durations, cadences, …). */
    carriesNumber: boolean;
    /** The grammar's alternative. */
    element: GrammarAST.AbstractElement;
}

export interface GrammarBlock {
    /** The AST type, e.g. `Campaign`. */
    type: string;
    /** The keyword that opens it, e.g. `campaign`. */
    keyword: string;
    /** Whether it needs a name after its keyword (`campaign Spring {`), may have one (`funnel {`), or has none (`habits {`). */
    name: 'required' | 'optional' | 'none';
    /** The block it is written in and the fact of that block that holds it, for a nested block. */
    parent?: { block: GrammarBlock; fact: GrammarFact };
    facts: GrammarFact[];
}

function parserRule(name: string): GrammarAST.ParserRule {
    const rule = grammar.rules.find(r => GrammarAST.isParserRule(r) && r.name === name);
    if (!rule || !GrammarAST.isParserRule(rule)) throw new Error(`no parser rule ${name} in the grammar`);
    return rule;
}

/** The repeated facts of a block rule (`'{' (…)* '}'`), or undefined if the rule is no block. */
function factElements(rule: GrammarAST.ParserRule): GrammarAST.AbstractElement[] | undefined {
    const group = rule.definition;
    if (!GrammarAST.isGroup(group)) return undefined;
    const elements = group.elements;
    for (let i = 1; i + 1 < elements.length; i++) {
        const before = elements[i - 1], repeated = elements[i], after = elements[i + 1];
        if (GrammarAST.isKeyword(before) && before.value === '{' && GrammarAST.isKeyword(after) && after.value === '}'
            && (repeated.cardinality === '*' || repeated.cardinality === '+')) {
            return GrammarAST.isAlternatives(repeated) ? repeated.elements : [repeated];
        }
    }
    return undefined;
}

/** Children of a grammar element, in order. */
function children(node: object): object[] {
    const out: object[] = [];
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        if (Array.isArray(value)) { for (const child of value) if (child && typeof child === 'object' && '$type' in child) out.push(child); }
        else if (value && typeof value === 'object' && '$type' in value) out.push(value);
    }
    return out;
}

/** The assignments of an element in the node it makes (not those of the parser rules it calls). */
function assignments(element: object, into: string[] = []): string[] {
    if (GrammarAST.isAssignment(element) && !into.includes(element.feature)) into.push(element.feature);
    for (const child of children(element)) assignments(child, into);
    return into;
}

/** The keywords an element can start with, and the type of the node that holds the first one. */
function firstKeywords(element: GrammarAST.AbstractElement, holder: string, seen = new Set<GrammarAST.AbstractRule>()): { keywords: string[]; holder: string } {
    if (GrammarAST.isKeyword(element)) return { keywords: [element.value], holder };
    if (GrammarAST.isAssignment(element)) return firstKeywords(element.terminal, holder, seen);
    if (GrammarAST.isGroup(element)) {
        // An optional first element: the fact can start with the next one too (not in this grammar; kept honest).
        const first = element.elements[0];
        const result = firstKeywords(first, holder, seen);
        if (first.cardinality === '?' || first.cardinality === '*') {
            const rest = firstKeywords({ ...element, elements: element.elements.slice(1) } as GrammarAST.Group, holder, seen);
            return { keywords: [...result.keywords, ...rest.keywords], holder: result.holder };
        }
        return result;
    }
    if (GrammarAST.isAlternatives(element)) {
        const all = element.elements.map(e => firstKeywords(e, holder, seen));
        return { keywords: all.flatMap(a => a.keywords), holder: all[0]?.holder ?? holder };
    }
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!rule || !GrammarAST.isParserRule(rule) || seen.has(rule)) return { keywords: [], holder };
        seen.add(rule);
        return firstKeywords(rule.definition, GrammarUtils.isDataTypeRule(rule) ? holder : GrammarUtils.getTypeName(rule), seen);
    }
    return { keywords: [], holder };
}

/** Every word keyword of an element and of the rules it calls. */
function keywordsOf(element: object, into = new Set<string>(), seen = new Set<GrammarAST.AbstractRule>()): Set<string> {
    if (GrammarAST.isKeyword(element)) {
        if (/^[A-Za-z]+$/.test(element.value)) into.add(element.value);
        return into;
    }
    if (GrammarAST.isCrossReference(element)) return into;
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (rule && GrammarAST.isParserRule(rule) && !seen.has(rule)) {
            seen.add(rule);
            keywordsOf(rule.definition, into, seen);
        }
        return into;
    }
    for (const child of children(element)) keywordsOf(child, into, seen);
    return into;
}

/** Whether a value written by this element can hold a number (a terminal that returns one). */
function carriesNumber(element: object, seen = new Set<GrammarAST.AbstractRule>()): boolean {
    if (GrammarAST.isCrossReference(element)) return false;
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!rule || seen.has(rule)) return false;
        seen.add(rule);
        if (GrammarAST.isTerminalRule(rule)) return rule.type?.name === 'number';
        return GrammarAST.isParserRule(rule) && carriesNumber(rule.definition, seen);
    }
    return children(element).some(child => carriesNumber(child, seen));
}

function blockOf(rule: GrammarAST.ParserRule, parent?: GrammarBlock['parent']): GrammarBlock | undefined {
    const elements = factElements(rule);
    if (!elements) return undefined;
    const type = GrammarUtils.getTypeName(rule);
    const head = (rule.definition as GrammarAST.Group).elements;
    const keyword = head.find(GrammarAST.isKeyword)?.value ?? '';
    const nameAssignment = head.find(e => GrammarAST.isAssignment(e) && e.feature === 'name');
    const block: GrammarBlock = {
        type, keyword, parent, facts: [],
        name: !nameAssignment ? 'none' : nameAssignment.cardinality === '?' ? 'optional' : 'required'
    };
    for (const element of elements) {
        const properties = assignments(element);
        const first = firstKeywords(element, type);
        block.facts.push({
            block: type,
            property: properties[0] ?? '(none)',
            properties,
            name: `${type}.${properties[0] ?? '(none)'}`,
            firstKeywords: first.keywords,
            keywordHolder: first.holder,
            keywords: [...keywordsOf(element)],
            carriesNumber: carriesNumber(element),
            element
        });
    }
    return block;
}

/** The blocks of the grammar: the top-level ones in `Element`'s order, each followed by the blocks nested in it. */
export function grammarBlocks(): GrammarBlock[] {
    const blocks: GrammarBlock[] = [];
    const visit = (rule: GrammarAST.ParserRule, parent?: GrammarBlock['parent']) => {
        const block = blockOf(rule, parent);
        if (!block) return;
        blocks.push(block);
        for (const fact of block.facts) {
            // A fact that is a whole nested block: `habits=Habits`.
            const calls: GrammarAST.RuleCall[] = [];
            const collect = (node: object) => {
                if (GrammarAST.isRuleCall(node)) calls.push(node);
                else if (!GrammarAST.isCrossReference(node)) children(node).forEach(collect);
            };
            collect(fact.element);
            for (const call of calls) {
                const called = call.rule.ref;
                if (called && GrammarAST.isParserRule(called) && factElements(called) && !blocks.some(b => b.type === GrammarUtils.getTypeName(called))) {
                    visit(called, { block, fact });
                }
            }
        }
    };
    const element = parserRule('Element').definition;
    const alternatives = GrammarAST.isAlternatives(element) ? element.elements : [element];
    for (const alternative of alternatives) {
        const rule = GrammarAST.isRuleCall(alternative) ? alternative.rule.ref : undefined;
        if (rule && GrammarAST.isParserRule(rule)) visit(rule);
    }
    return blocks;
}

// ------------------------------------------------------------------------ minimal instances

/** A value for each terminal: valid, and the same every time. */
const TERMINAL_VALUES: Record<string, (n: number) => string> = {
    NUMBER: n => String(n),
    STRING: () => '"x"',
    ID: () => 'X',
    WORD: () => 'w',
    DATE: () => '2027-03-01',
    TIME: () => '9:00',
    HASHTAG: () => '#x'
};

/**
 * The words of the shortest way to write an element: optional and repeated
 * parts left out (`+` once), the first of alternatives, `n` for every number.
 */
export function minimalWords(element: GrammarAST.AbstractElement, n = 7): string[] {
    if (element.cardinality === '?' || element.cardinality === '*') return [];
    if (GrammarAST.isKeyword(element)) return [element.value];
    if (GrammarAST.isAssignment(element)) return minimalWords(element.terminal, n);
    if (GrammarAST.isCrossReference(element)) return ['X'];
    if (GrammarAST.isGroup(element)) return element.elements.flatMap(e => minimalWords(e, n));
    if (GrammarAST.isAlternatives(element)) return minimalWords({ ...element.elements[0], cardinality: undefined } as GrammarAST.AbstractElement, n);
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (GrammarAST.isTerminalRule(rule)) {
            const value = TERMINAL_VALUES[rule.name];
            if (!value) throw new Error(`no value for the terminal ${rule.name}: add one to TERMINAL_VALUES in test/language/grammar-facts.ts`);
            return [value(n)];
        }
        if (GrammarAST.isParserRule(rule)) return minimalWords(rule.definition, n);
    }
    throw new Error(`cannot write a ${element.$type} of the grammar`);
}

/** Words as the formatter spaces them: one space between, none before `,` and `%`, an empty block `{}`. */
export function joinWords(words: string[]): string {
    return words.reduce((line, word, i) => i === 0 ? word : line + (word === ',' || word === '%' || (word === '}' && words[i - 1] === '{') ? '' : ' ') + word, '');
}

/** A fact written the shortest way, as the formatter writes it. */
export function minimalFact(fact: GrammarFact, n = 7): string {
    return joinWords(minimalWords(fact.element, n));
}

/** The line that opens a block: `campaign X {`, `funnel {`, `habits {`. */
export function blockHead(block: GrammarBlock): string {
    return block.name === 'required' ? `${block.keyword} X {` : `${block.keyword} {`;
}

/** How deep the facts of a block stand: 1 for a top-level block, 2 for `habits` in a segment. */
export function depthOf(block: GrammarBlock): number {
    return block.parent ? depthOf(block.parent.block) + 1 : 1;
}

/**
 * The text of a block with the given lines of facts, inside the blocks it is
 * nested in, laid out as the formatter lays it out (four spaces a level).
 */
export function inBlock(block: GrammarBlock, lines: string[]): string {
    const depth = depthOf(block);
    const indent = '    '.repeat(depth - 1);
    const inner = lines.length === 0
        ? [`${indent}${blockHead(block).replace(/ \{$/, ' {}')}`]
        : [`${indent}${blockHead(block)}`, ...lines.map(line => `${indent}    ${line}`), `${indent}}`];
    if (!block.parent) return inner.join('\n') + '\n';
    const outer = inBlock(block.parent.block, ['\u0000']);
    return outer.replace(/^ *\u0000\n/m, inner.join('\n') + '\n');
}

/** The path of AST types to a block: `Segment`, `Habits`. */
export function typePath(block: GrammarBlock): string[] {
    return block.parent ? [...typePath(block.parent.block), block.type] : [block.type];
}

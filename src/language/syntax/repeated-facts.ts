import { AstUtils, CstUtils, GrammarAST, isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode, type LangiumParser } from 'langium';
import { isDocument } from '../generated/ast.js';
import { isCleanParse } from './incremental-parse.js';

/** A fact that holds one value, written a second time in the same block. */
export interface RepeatedFact {
    /** The block (or nested group such as a guarantee) the fact belongs to. */
    node: AstNode;
    /** The fact's keyword as written, e.g. `goal`. */
    keyword: string;
    first: CstNode;
    second: CstNode;
}

/**
 * The assignments of the grammar that keep one value (`=`, `?=`) but sit in a
 * repeated group, so the text can state them twice: the later value would
 * silently replace the earlier one. Computed once per grammar.
 */
export interface Repeatable {
    /** The assignments that keep one value but may be written twice. */
    assignments: Set<GrammarAST.Assignment>;
    /** The node types that have such assignments: no other node needs a look. */
    types: Set<string>;
}

export function repeatableAssignments(grammar: GrammarAST.Grammar): Repeatable {
    const result = new Set<GrammarAST.Assignment>();
    const types = new Set<string>();
    const visit = (element: GrammarAST.AbstractElement, repeated: boolean): void => {
        const here = repeated || element.cardinality === '*' || element.cardinality === '+';
        if (GrammarAST.isAssignment(element) && here && (element.operator === '=' || element.operator === '?=')) {
            result.add(element);
        }
        for (const child of AstUtils.streamContents(element)) {
            if (GrammarAST.isAbstractElement(child)) visit(child, here);
        }
    };
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || !rule.definition) continue;
        const before = result.size;
        visit(rule.definition, false);
        if (result.size > before) types.add(rule.name);
    }
    return { assignments: result, types };
}

const assignments = new WeakMap<object, GrammarAST.Assignment | null>();

/** The assignment a piece of syntax belongs to, if any; cached per grammar element. */
function assignmentOf(cst: CstNode): GrammarAST.Assignment | undefined {
    const source = cst.grammarSource;
    if (!source) return undefined;
    let assignment = assignments.get(source);
    if (assignment === undefined) {
        assignment = AstUtils.getContainerOfType(source, GrammarAST.isAssignment) ?? null;
        assignments.set(source, assignment);
    }
    return assignment ?? undefined;
}

/**
 * The syntax of a node itself: its tokens and the nodes of its values, seen
 * through the wrappers that unassigned rule calls (`Element: Plan | …`) add.
 */
function ownChildren(cst: CstNode, node: AstNode, into: CstNode[] = []): CstNode[] {
    if (!isCompositeCstNode(cst)) return into;
    for (const child of cst.content) {
        if (child.hidden) continue;
        if (isCompositeCstNode(child) && child.astNode === node && !assignmentOf(child)) ownChildren(child, node, into);
        else into.push(child);
    }
    return into;
}

/**
 * The name of the fact the child at `index` belongs to, as written: the
 * keywords the fact starts with, up to its first value or optional part
 * (`paid within` of `paid within 30 days`, `target` of `target at least 40`,
 * `unsubscribe link in every email`), or the first word of a value that is a
 * fact by itself (`habits` of `habits { … }`).
 */
function keywordOf(children: readonly CstNode[], index: number): string {
    let start = index;
    while (start > 0 && !startsFact(children[start])) start--;
    const words: string[] = [];
    for (let i = start; i < children.length; i++) {
        const child = children[i];
        if (!isLeafCstNode(child) || !GrammarAST.isKeyword(child.grammarSource)) break;
        // After the first word, only the fixed words of this fact: not a value (`at` of `at least`), not an optional word, not the next fact.
        if (i > start && (startsFact(child) || !fixedWord(child.grammarSource))) break;
        words.push(child.text);
    }
    return words.length > 0 ? words.join(' ') : firstWord(children[start]);
}

/** A keyword always written where it is: not a value (`atLeast?='at'`), not optional or repeated, not in an optional group. */
function fixedWord(keyword: GrammarAST.Keyword): boolean {
    const container: AstNode | undefined = keyword.$container;
    if (keyword.cardinality !== undefined || GrammarAST.isAssignment(container)) return false;
    return !GrammarAST.isGroup(container) || container.cardinality === undefined;
}

/** The first token of a piece of syntax (`habits` of `habits{ }`: the text up to a space would be `habits{`). */
function firstWord(cst: CstNode): string {
    return CstUtils.flattenCst(cst).find(leaf => !leaf.hidden)?.text ?? cst.text.split(/\s/)[0];
}

const factStarts = new WeakMap<object, boolean>();

/**
 * Whether a piece of syntax begins a fact: the first token of one of the
 * alternatives a block (or a guarantee, an objective) repeats, such as
 * `visitors` in `visitors 20_000 per month`, or a value that is a fact by
 * itself (`decides`, `habits { … }`, a period). Cached per grammar element.
 */
function startsFact(cst: CstNode): boolean {
    const source = cst.grammarSource;
    if (!source) return false;
    let starts = factStarts.get(source);
    if (starts === undefined) {
        starts = false;
        let current: GrammarAST.AbstractElement = source;
        for (;;) {
            if (current.cardinality === '*' || current.cardinality === '+') {
                starts = true;
                break;
            }
            const parent = current.$container;
            if (GrammarAST.isAssignment(parent) || GrammarAST.isAlternatives(parent) || (GrammarAST.isGroup(parent) && parent.elements[0] === current)) {
                current = parent;
            } else {
                break;
            }
        }
        factStarts.set(source, starts);
    }
    return starts;
}

/**
 * Facts stated twice in one block of a file, looking only at the direct
 * syntax of each block (and of nested groups such as a guarantee), not at the
 * whole tree. At most one finding per fact as written (`visitors 10 per day`
 * stated again is one finding, not one for `visitors` and one for `per`),
 * wherever its line breaks fall, so that formatting never changes them.
 */
export function findRepeatedFacts(blocks: readonly AstNode[], repeatable: Repeatable): RepeatedFact[] {
    const found: RepeatedFact[] = [];
    if (blocks.length === 0) return found;
    const scan = (node: AstNode): void => {
        if (!node.$cstNode || !repeatable.types.has(node.$type)) return;
        const seen = new Map<string, CstNode>();
        /** Whether the fact being read already has its finding. */
        let reported = false;
        const children = ownChildren(node.$cstNode, node);
        for (let i = 0; i < children.length; i++) {
            const child = children[i];
            const nested = isCompositeCstNode(child) && child.astNode !== node && child.astNode.$cstNode === child;
            if (startsFact(child)) reported = false;
            const assignment = assignmentOf(child);
            if (assignment && repeatable.assignments.has(assignment)) {
                const first = seen.get(assignment.feature);
                if (!first) {
                    seen.set(assignment.feature, child);
                } else if (!reported) {
                    reported = true;
                    found.push({ node, keyword: keywordOf(children, i), first, second: child });
                }
            }
            if (nested) scan(child.astNode);
        }
    };
    for (const block of blocks) {
        if (repeatsKnown(block) && !blocksWithRepeats.has(block)) continue;
        scan(block);
    }
    return found;
}

/**
 * Which blocks to scan at all. While a text is parsed, the parser sees every
 * one-value fact assigned a second time (the value is already there), so a
 * clean parse records the blocks where that happened and vouches for all the
 * others: `findRepeatedFacts` then scans only those few instead of the syntax
 * of every block (a third of the rules' time on a large plan). A parse with
 * errors vouches for nothing (recovery may skip assignments): every block is
 * scanned. The marks live on the AST nodes, so a block re-parsed alone
 * (`incremental-parse.ts`) brings its own.
 */
const blocksWithRepeats = new WeakSet<AstNode>();
/** Roots of clean parses: a whole document, or a block parsed alone. */
const vouched = new WeakSet<AstNode>();

function repeatsKnown(block: AstNode): boolean {
    return vouched.has(block) || (block.$container !== undefined && vouched.has(block.$container));
}

/**
 * The block a node belongs to: in a whole document, the top-level block (the
 * child of the document); in a block parsed alone (`incremental-parse.ts`),
 * the root itself, also for a node of a nested group (a guarantee's `claim`,
 * an objective's `metric`), whose container chain ends at that block.
 */
function blockOf(node: AstNode, root: AstNode, parsedAlone: boolean): AstNode {
    if (parsedAlone) return root;
    let current = node;
    while (current.$container && current.$container !== root) current = current.$container;
    return current;
}

/** What `recordRepeatedAssignments` needs of Langium's parser (its own members). */
interface AssigningParser {
    assign(operator: string, feature: string, value: unknown, cstNode: CstNode, crossRef: unknown): void;
    readonly current: Record<string, unknown>;
}

/**
 * Makes `parser` record, for `findRepeatedFacts`, the blocks where a
 * one-value fact was assigned twice. If Langium's parser ever lacks the
 * members used here, nothing is recorded and every block is scanned.
 */
export function recordRepeatedAssignments(parser: LangiumParser): LangiumParser {
    const assigning = parser as unknown as AssigningParser;
    const assign = assigning.assign;
    if (typeof assign !== 'function' || !('current' in assigning)) return parser;
    let twice: AstNode[] = [];
    assigning.assign = function (this: AssigningParser, operator, feature, value, cstNode, crossRef) {
        if ((operator === '=' || operator === '?=') && this.current[feature] !== undefined) twice.push(this.current as unknown as AstNode);
        return assign.call(this, operator, feature, value, cstNode, crossRef);
    };
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => {
        twice = [];
        try {
            const result = parse(input, options);
            if (isCleanParse(result)) {
                // Not a document: one block parsed alone, the root of this parse.
                const parsedAlone = !isDocument(result.value);
                for (const node of twice) blocksWithRepeats.add(blockOf(node, result.value, parsedAlone));
                vouched.add(result.value);
            }
            return result;
        } finally {
            twice = [];
        }
    }) as LangiumParser['parse'];
    return parser;
}

import {
    AstUtils, CstUtils, GrammarAST, GrammarUtils, interruptAndCheck, isCompositeCstNode, type AstNode, type CstNode,
    type LangiumDocument, type LeafCstNode
} from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';
import { blockKind } from './node-kinds.js';

/** How one token is highlighted: a standard LSP semantic token type and modifier. */
interface TokenClass {
    type: string;
    modifier?: string;
}

/**
 * Semantic highlighting of plans, one token per word, number or string as
 * the parser read it (so `email` is a keyword in `channel email` and a free
 * word in `tools email`). The mapping:
 *
 * - block names: the type of their kind (see node-kinds.ts: `namespace` for
 *   the plan and markets, `struct` products, `class` segments, `interface` competitors,
 *   `method` strategies, `function` tactics, `event` campaigns, `enum`
 *   funnels, `type` research and offers), with the `declaration` modifier
 *   where the block is declared and none where it is referred to
 *   (`serves OfficeCatering`, `studied SweetCo`);
 * - keywords (`segment`, `budget`, `from`, `we differ by`): `keyword`;
 * - values from a fixed list, written as words: channels (`ppc`), time units
 *   (`month`), days (`weekdays`, `monday`), cadences (`weekly`), `online` or
 *   `offline` shopping, confirmation and capture methods, kinds of consent
 *   (`written`), which reviews a reward is for (`honest`), currency codes
 *   (`USD`, an exchange rate's too) and a market's country and language codes
 *   (`DE`, `en`): `enumMember`;
 * - tier and variant names of a product (`tier Starter`): `property`, with
 *   `declaration`;
 * - keywords that start a fact although the node keeps which one was written
 *   (`objective` or `kpi`, `tier` or `variant`): `keyword`;
 * - numbers, dates (`2027-02-01`), times (`9:00`), percentages and ratios
 *   (both the digits and the `%` or `x`): `number`;
 * - text in quotes, and imported file paths: `string`;
 * - free words: metrics and funnel stages (`track sales`, `metric accounts`,
 *   `conversion visitors to leads`, `first purchase at buyers`) as `property`; people (owners too), departments,
 *   platforms, payment methods and other free words as `variable`;
 * - comments: `comment` (a block comment as one token per line).
 *
 * Punctuation (`{`, `}`, `,`) gets no token. The walk visits every token of
 * the file once (only those in range for a range request), and the class of
 * a token is worked out once per grammar element and then looked up.
 */
export class MplanSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private readonly classes = new Map<GrammarAST.AbstractElement, TokenClass | null>();

    protected highlightElement(_node: AstNode, _acceptor: SemanticTokenAcceptor): 'prune' {
        // Not used: computeHighlighting walks the tokens directly.
        return 'prune';
    }

    protected override async computeHighlighting(document: LangiumDocument, _acceptor: SemanticTokenAcceptor, cancelToken: CancellationToken): Promise<void> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return;
        const range = this.currentRange;
        const stack: CstNode[] = [root];
        let visited = 0;
        while (stack.length > 0) {
            const node = stack.pop()!;
            if (isCompositeCstNode(node)) {
                if (range && node !== root && !CstUtils.inRange(node.range, range)) continue;
                for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
                continue;
            }
            if (++visited % 5000 === 0) await interruptAndCheck(cancelToken);
            this.highlightLeaf(node as LeafCstNode);
        }
    }

    protected highlightLeaf(leaf: LeafCstNode): void {
        if (leaf.length === 0) return;
        if (leaf.hidden) {
            if (/COMMENT/.test(leaf.tokenType.name)) this.highlightComment(leaf);
            return;
        }
        const source = leaf.grammarSource;
        if (!source) return;
        let tokenClass = this.classes.get(source);
        if (tokenClass === undefined) {
            tokenClass = classify(source);
            this.classes.set(source, tokenClass);
        }
        if (tokenClass) this.highlightToken({ range: leaf.range, type: tokenClass.type, modifier: tokenClass.modifier });
    }

    /** A comment, split into one token per line (not every client takes tokens over several lines). */
    protected highlightComment(leaf: LeafCstNode): void {
        const { start } = leaf.range;
        const lines = leaf.text.split(/\r\n|\r|\n/);
        lines.forEach((text, i) => {
            const line = start.line + i;
            const character = i === 0 ? start.character : 0;
            if (text.length > 0) {
                this.highlightToken({ range: { start: { line, character }, end: { line, character: character + text.length } }, type: 'comment' });
            }
        });
    }
}

/** Free words that name a metric or a funnel stage: `property`; other free words are `variable`. */
const METRIC_FEATURES = new Set([
    'Objective.metric', 'Campaign.tracks', 'Result.metric', 'Conversion.from', 'Conversion.to',
    'Count.stage', 'Funnel.listStage', 'Funnel.purchaseStage'
]);

/** Keywords that belong to the number before them, like `%`: a ratio's `x` (`4x`). */
const NUMBER_SUFFIXES = new Set(['%', 'x']);

/**
 * Whether an assignment opens the node its rule makes: its keywords start a
 * fact (`kpi "Churn" …`, `tier Starter …`), so they are keywords, although
 * the node keeps which one was written (`kind=('objective' | 'kpi')`).
 */
export function opensRule(assignment: GrammarAST.Assignment, rule: GrammarAST.ParserRule | undefined): boolean {
    return !!rule && GrammarAST.isGroup(rule.definition) && rule.definition.elements[0] === assignment;
}
const CURRENCY_FEATURES = new Set(['currency', 'minCurrency']);

/** Names and words that are codes from a fixed list though their property does not say so: an exchange rate's currencies, a market's country and language codes. */
const CODE_FEATURES = new Set(['ExchangeRate.from', 'ExchangeRate.to', 'Market.countries', 'Market.languages']);

/** How a token read by this grammar element is highlighted (null: not at all). */
/**
 * The token type of a reference to a kind of block: the block's, or, for a
 * reference to one of several kinds (`Reachable`: a segment or an audience),
 * the one they share.
 */
function referenceToken(type: GrammarAST.AbstractType | undefined, name: string): string | undefined {
    const own = blockKind(type?.name ?? name)?.token;
    if (own || !GrammarAST.isType(type) || !GrammarAST.isUnionType(type.type)) return own;
    const tokens = new Set(type.type.types.map(member => {
        const ref = GrammarAST.isSimpleType(member) ? member.typeRef : undefined;
        return ref ? blockKind(ref.ref?.name ?? ref.$refText)?.token : undefined;
    }));
    return tokens.size === 1 ? [...tokens][0] : undefined;
}

export function classify(source: GrammarAST.AbstractElement): TokenClass | null {
    const rule = AstUtils.getContainerOfType(source, GrammarAST.isParserRule);
    const assignment = AstUtils.getContainerOfType(source, GrammarAST.isAssignment);
    if (GrammarAST.isKeyword(source)) {
        if (NUMBER_SUFFIXES.has(source.value)) return { type: 'number' };
        if (!/^[a-z]/i.test(source.value)) return null;
        // A keyword that is the value of a fact (`channel ppc`, `per month`, `shops online`).
        if (rule && GrammarUtils.isDataTypeRule(rule)) return { type: 'enumMember' };
        if (assignment && assignment.operator !== '?=' && !opensRule(assignment, rule)) return { type: 'enumMember' };
        return { type: 'keyword' };
    }
    if (GrammarAST.isCrossReference(source)) {
        const token = referenceToken(source.type.ref, source.type.$refText);
        return token ? { type: token } : { type: 'variable' };
    }
    if (GrammarAST.isRuleCall(source)) {
        const called = source.rule.ref?.name ?? source.rule.$refText;
        const feature = assignment?.feature;
        switch (called) {
            case 'STRING':
                return { type: 'string' };
            case 'NUMBER':
            case 'DATE':
            case 'TIME':
                return { type: 'number' };
            case 'HASHTAG':
                // A hashtag (`#FreshLunch`) is a word of your own, as a free word is.
                return { type: 'variable' };
            case 'WORD': {
                if (feature === 'name') {
                    // The name of a part of a block written as a free word: a product's tier or variant.
                    const token = rule && blockKind(rule.name)?.token;
                    return { type: token ?? 'variable', modifier: 'declaration' };
                }
                if (CODE_FEATURES.has(`${rule?.name}.${feature}`)) return { type: 'enumMember' };
                return { type: METRIC_FEATURES.has(`${rule?.name}.${feature}`) ? 'property' : 'variable' };
            }
            case 'ID': {
                if (feature === 'name') {
                    const token = rule && blockKind(rule.name)?.token;
                    return token ? { type: token, modifier: 'declaration' } : { type: 'variable', modifier: 'declaration' };
                }
                if (feature && (CURRENCY_FEATURES.has(feature) || CODE_FEATURES.has(`${rule?.name}.${feature}`))) return { type: 'enumMember' };
                return { type: 'variable' };
            }
        }
    }
    return null;
}

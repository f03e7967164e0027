import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider, LangiumServices, NodeKindProvider } from 'langium/lsp';
import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import {
    isAudience, isCampaign, isCompetitor, isFlow, isFunnel, isMarket, isOffer, isPlan, isProduct, isResearch, isSegment, isStrategy, isTactic,
    type Document, type Duration, type Element, type Objective, type Tier
} from '../generated/ast.js';
import { countriesOf } from '../model/markets.js';
import { objectiveText, priceWritten } from './figures.js';

/** The keyword that opens each kind of block, which is also the name of a block written without one. */
const KEYWORDS: Record<Element['$type'], string> = {
    Plan: 'plan', Market: 'market', Product: 'product', Segment: 'segment', Audience: 'audience', Competitor: 'competitor', Research: 'research',
    Strategy: 'strategy', Tactic: 'tactic', Flow: 'flow', Campaign: 'campaign', Funnel: 'funnel', Offer: 'offer'
};

/**
 * The outline of a file: every block in the order written, with the kind
 * of its block (see node-kinds.ts), its name, and a short detail that starts
 * with the block's keyword (`segment · Office managers …`; a tier says `tier`
 * or `variant`, an objective `objective:`, a KPI `KPI:`), so that an outline
 * reads in mplan's words whatever the editor makes of the kind, then:
 *
 * - plan: its goal; market: its countries (`DE, FR`); product: its price (`19 USD per month`, `39 to 49 USD`,
 *   else its first price in some markets, `26 EUR in Europe`),
 *   with its tiers and variants beneath it (each with its price and share);
 *   segment: who they are; audience: who they are or what they did; flow:
 *   its channel, trigger and number of steps; competitor: how we differ; research: how many
 *   findings; strategy: its statement, with its objectives and KPIs beneath
 *   it (each with its target, metric, date, owner and review; a KPI says so
 *   and has an icon of its own); tactic: its channel and platforms;
 *   campaign: its period; funnel: its stages (`visitors → leads →
 *   customers`); offer: its guarantee.
 *
 * A block's display title comes first in its detail. Blocks written without
 * a name (`research { … }`, `funnel { … }`, `offer { … }`), or whose name is
 * still being typed, show under their title, or else their keyword. Only the
 * top level of the file, each product's tiers and each strategy's objectives
 * are read: the work is linear in the number of blocks.
 */
export class MplanDocumentSymbolProvider implements DocumentSymbolProvider {
    protected readonly kinds: NodeKindProvider;

    constructor(services: LangiumServices) {
        this.kinds = services.shared.lsp.NodeKindProvider;
    }

    getSymbols(document: LangiumDocument, _params?: DocumentSymbolParams): DocumentSymbol[] {
        const root = document.parseResult?.value as Document | undefined;
        const symbols: DocumentSymbol[] = [];
        for (const element of root?.elements ?? []) {
            try {
                const symbol = this.blockSymbol(element);
                if (symbol) symbols.push(symbol);
            } catch {
                // A half-typed block: leave it out of the outline rather than fail the request.
            }
        }
        return symbols;
    }

    protected blockSymbol(element: Element): DocumentSymbol | undefined {
        const cst = element.$cstNode;
        if (!cst) return undefined;
        const keyword = KEYWORDS[element.$type];
        const [opening, nameNode] = head(cst);
        const selection = (element.name ? nameNode : undefined) ?? opening ?? cst;
        const title = element.title?.trim() || undefined;
        const symbol: DocumentSymbol = {
            name: element.name || title || keyword,
            kind: this.kinds.getSymbolKind(element),
            range: cst.range,
            selectionRange: selection.range
        };
        // The keyword first: the kind of block in mplan's word, whatever icon or group the editor shows.
        const said = symbol.name === keyword ? undefined : keyword;
        const detail = [said, element.name ? title : undefined, this.detail(element)].filter(Boolean).join(' · ');
        if (detail) symbol.detail = detail;
        const children = isStrategy(element)
            ? element.objectives.map(objective => this.objectiveSymbol(objective)).filter(s => s !== undefined)
            : isProduct(element) ? element.tiers.map(tier => this.tierSymbol(tier)).filter(s => s !== undefined) : [];
        if (children.length > 0) symbol.children = children;
        return symbol;
    }

    protected tierSymbol(tier: Tier): DocumentSymbol | undefined {
        const cst = tier.$cstNode;
        if (!cst || !tier.name) return undefined;
        const nameNode = GrammarUtils.findNodeForProperty(cst, 'name') ?? cst;
        const parts = [tier.kind === 'variant' ? 'variant' : 'tier', tier.title, priceWritten(tier.price), typeof tier.share === 'number' ? `share ${tier.share}%` : undefined].filter(Boolean);
        const symbol: DocumentSymbol = { name: tier.name, kind: this.kinds.getSymbolKind(tier), range: cst.range, selectionRange: nameNode.range };
        if (parts.length > 0) symbol.detail = parts.join(' · ');
        return symbol;
    }

    protected objectiveSymbol(objective: Objective): DocumentSymbol | undefined {
        const cst = objective.$cstNode;
        if (!cst) return undefined;
        const kind = objective.kind === 'kpi' ? 'kpi' : 'objective';
        const textNode: CstNode | undefined = GrammarUtils.findNodeForProperty(cst, 'text') ?? GrammarUtils.findNodeForKeyword(cst, kind);
        const detail = objectiveText(objective);
        const symbol: DocumentSymbol = {
            name: objective.text || kind,
            kind: this.kinds.getSymbolKind(objective as AstNode),
            range: cst.range,
            selectionRange: (textNode ?? cst).range
        };
        if (kind === 'kpi') symbol.detail = detail ? `KPI: ${detail}` : 'KPI';
        else symbol.detail = detail ? `objective: ${detail}` : 'objective';
        return symbol;
    }

    /** A few words on the block, or undefined when there is nothing to say yet. */
    protected detail(element: Element): string | undefined {
        if (isPlan(element)) return element.goal ?? (element.currency ? `currency ${element.currency}` : undefined);
        if (isMarket(element)) {
            const countries = countriesOf(element);
            return countries.length > 0 ? countries.join(', ') : undefined;
        }
        if (isProduct(element)) {
            const inMarkets = element.marketPrices.find(price => typeof price.amount === 'number' && price.currency && price.markets.length > 0);
            const markets = inMarkets?.markets.map(ref => ref.$refText).filter(Boolean).join(', ');
            return priceWritten(element.price) ?? (inMarkets && markets ? `${priceWritten(inMarkets)} in ${markets}` : undefined);
        }
        if (isSegment(element)) return element.who;
        if (isAudience(element)) return element.who ?? element.behaviour?.value;
        if (isFlow(element)) {
            const parts = [element.channel, element.trigger?.value && `on ${element.trigger.value}`,
                element.steps.length > 0 ? plural(element.steps.length, 'step') : undefined];
            return parts.filter(Boolean).join(', ') || undefined;
        }
        if (isCompetitor(element)) return element.differences[0] ? `we differ by ${element.differences[0]}` : undefined;
        if (isResearch(element)) return element.findings.length > 0 ? plural(element.findings.length, 'finding') : undefined;
        if (isStrategy(element)) return element.statement;
        if (isTactic(element)) {
            if (!element.channel) return undefined;
            const platforms = element.platforms.map(p => p.value).filter(Boolean);
            return platforms.length > 0 ? `${element.channel} on ${platforms.join(', ')}` : element.channel;
        }
        if (isCampaign(element)) {
            const period = element.period;
            return period?.start && period.end ? `${period.start} to ${period.end}` : undefined;
        }
        if (isFunnel(element)) {
            const stages: string[] = [];
            for (const conversion of element.conversions) {
                for (const stage of [conversion.from, conversion.to]) if (stage && !stages.includes(stage)) stages.push(stage);
            }
            return stages.length > 0 ? stages.join(' → ') : undefined;
        }
        if (isOffer(element)) {
            const guarantee = element.guarantee;
            if (!guarantee) return undefined;
            const what = guarantee.moneyBack ? 'money back' : guarantee.kind;
            return ['guarantee:', what, duration(guarantee.term)].filter(Boolean).join(' ');
        }
        return undefined;
    }
}

/**
 * The keyword that opens a block and its name, read from the first tokens
 * (up to the `{`), so that the cost does not grow with the size of the block.
 */
function head(cst: CstNode): [CstNode | undefined, CstNode | undefined] {
    let opening: CstNode | undefined;
    const stack: CstNode[] = [cst];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (isCompositeCstNode(node)) {
            for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
            continue;
        }
        if (node.hidden) continue;
        if (GrammarAST.isKeyword(node.grammarSource) && node.grammarSource.value === '{') break;
        if (!opening) opening = node;
        else if (AstUtils.getContainerOfType(node.grammarSource, GrammarAST.isAssignment)?.feature === 'name') return [opening, node];
    }
    return [opening, undefined];
}

function duration(term: Duration | undefined): string | undefined {
    return term && typeof term.amount === 'number' && term.unit ? `${term.amount} ${term.unit}` : undefined;
}

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

/**
 * How each kind of block shows in an editor: its icon in the outline and in
 * workspace symbol search (SymbolKind), in completion lists
 * (CompletionItemKind), and the semantic token type of its name wherever it
 * is written (declaration and references; see semantic-tokens.ts).
 *
 * | block      | outline    | completion | semantic token |
 * |------------|------------|------------|----------------|
 * | plan       | Namespace  | Module     | namespace      |
 * | product    | Struct     | Struct     | struct         |
 * | tier       | Field      | Field      | property       |
 * | segment    | Class      | Class      | class          |
 * | competitor | Interface  | Interface  | interface      |
 * | research   | Package    | Folder     | type           |
 * | strategy   | Method     | Method     | method         |
 * | objective  | Property   | Property   | (no name)      |
 * | kpi        | Number     | Property   | (no name)      |
 * | tactic     | Function   | Function   | function       |
 * | campaign   | Event      | Event      | event          |
 * | funnel     | Enum       | Enum       | enum           |
 * | offer      | Object     | Value      | type           |
 *
 * The reading behind it: the plan is the namespace everything lives in;
 * segments are classes of people and competitors the rivals we are compared
 * with; a strategy is the method by which the goal is reached, tactics are
 * the functions that carry it out and campaigns the events that run them; a
 * funnel is an ordered list of stages. A product's tiers and variants are the
 * fields of its struct; an objective is a property of its strategy, and a KPI,
 * a figure watched all along, shows as a number. The semantic token type is
 * the outline kind's namesake; where LSP has no token type of that name it
 * is `type` (Package, Object), or `property` for a Field.
 */
export interface BlockKind {
    symbol: SymbolKind;
    completion: CompletionItemKind;
    /** The semantic token type of the block's name; undefined for blocks without a name token. */
    token?: string;
}

export const BLOCK_KINDS: Readonly<Record<string, BlockKind>> = {
    Plan: { symbol: SymbolKind.Namespace, completion: CompletionItemKind.Module, token: 'namespace' },
    Product: { symbol: SymbolKind.Struct, completion: CompletionItemKind.Struct, token: 'struct' },
    Tier: { symbol: SymbolKind.Field, completion: CompletionItemKind.Field, token: 'property' },
    Segment: { symbol: SymbolKind.Class, completion: CompletionItemKind.Class, token: 'class' },
    Audience: { symbol: SymbolKind.Class, completion: CompletionItemKind.Class, token: 'class' },
    Competitor: { symbol: SymbolKind.Interface, completion: CompletionItemKind.Interface, token: 'interface' },
    Research: { symbol: SymbolKind.Package, completion: CompletionItemKind.Folder, token: 'type' },
    Strategy: { symbol: SymbolKind.Method, completion: CompletionItemKind.Method, token: 'method' },
    Objective: { symbol: SymbolKind.Property, completion: CompletionItemKind.Property },
    Tactic: { symbol: SymbolKind.Function, completion: CompletionItemKind.Function, token: 'function' },
    Flow: { symbol: SymbolKind.Function, completion: CompletionItemKind.Function, token: 'function' },
    Campaign: { symbol: SymbolKind.Event, completion: CompletionItemKind.Event, token: 'event' },
    Funnel: { symbol: SymbolKind.Enum, completion: CompletionItemKind.Enum, token: 'enum' },
    Offer: { symbol: SymbolKind.Object, completion: CompletionItemKind.Value, token: 'type' }
};

/** The kinds of a block by its AST type name (`Segment`), or undefined for anything else. */
export function blockKind(type: string): BlockKind | undefined {
    return Object.hasOwn(BLOCK_KINDS, type) ? BLOCK_KINDS[type] : undefined;
}

/**
 * Symbol and completion kinds per kind of block, for the outline, workspace
 * symbols and completion alike. Works on AST nodes and on index entries
 * (whose `type` is the AST type), so that workspace symbols need not load
 * the files they come from.
 */
export class MplanNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        if ('$type' in node && node.$type === 'Objective' && (node as AstNode & { kind?: string }).kind === 'kpi') return SymbolKind.Number;
        return blockKind(typeOf(node))?.symbol ?? SymbolKind.Field;
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return blockKind(typeOf(node))?.completion ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return ('$type' in node ? node.$type : node.type) ?? '';
}

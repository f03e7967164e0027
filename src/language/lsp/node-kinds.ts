import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';

/**
 * How each kind of block shows in an editor: its kind in the outline and in
 * workspace symbol search (SymbolKind), in completion lists
 * (CompletionItemKind), and the semantic token type of its name wherever it
 * is written (declaration and references; see semantic-tokens.ts).
 *
 * | block      | outline   | completion | semantic token |
 * |------------|-----------|------------|----------------|
 * | plan       | File      | Module     | namespace      |
 * | market     | Namespace | Module     | namespace      |
 * | product    | Package   | Struct     | struct         |
 * | tier       | Property  | Field      | property       |
 * | segment    | Object    | Class      | class          |
 * | competitor | Operator  | Interface  | interface      |
 * | research   | Module    | Folder     | type           |
 * | strategy   | Key       | Method     | method         |
 * | objective  | Constant  | Property   | (no name)      |
 * | kpi        | Number    | Property   | (no name)      |
 * | tactic     | Field     | Function   | function       |
 * | campaign   | Event     | Event      | event          |
 * | funnel     | Array     | Enum       | enum           |
 * | offer      | String    | Value      | type           |
 *
 * The outline's kinds are read as words, not only as icons: Emacs's imenu
 * groups the outline under their names ("Event", "Key"), Neovim lists them
 * as `[Field] Newsletter`. So each is a kind whose name reads in plain
 * English for the block, never a programmer's word (Class, Method,
 * Function): the plan is the file the work is kept in; a market the namespace its law applies in; a product the package
 * sold, its tiers its properties; a segment the object of the plan, the people
 * it is aimed at; a competitor another operator in the market; research the
 * module of findings; a strategy a key line of the plan, its objectives the
 * constants it holds to and a KPI a number watched; a tactic is work in the
 * field, a campaign an event, a funnel an array of stages, the offer its terms
 * in words. Completion keeps the icons editors draw for it, and the semantic
 * token type (the colour of a name) stays what themes colour.
 */
export interface BlockKind {
    symbol: SymbolKind;
    completion: CompletionItemKind;
    /** The semantic token type of the block's name; undefined for blocks without a name token. */
    token?: string;
}

export const BLOCK_KINDS: Readonly<Record<string, BlockKind>> = {
    Plan: { symbol: SymbolKind.File, completion: CompletionItemKind.Module, token: 'namespace' },
    Market: { symbol: SymbolKind.Namespace, completion: CompletionItemKind.Module, token: 'namespace' },
    Product: { symbol: SymbolKind.Package, completion: CompletionItemKind.Struct, token: 'struct' },
    Tier: { symbol: SymbolKind.Property, completion: CompletionItemKind.Field, token: 'property' },
    Segment: { symbol: SymbolKind.Object, completion: CompletionItemKind.Class, token: 'class' },
    Audience: { symbol: SymbolKind.Object, completion: CompletionItemKind.Class, token: 'class' },
    Competitor: { symbol: SymbolKind.Operator, completion: CompletionItemKind.Interface, token: 'interface' },
    Research: { symbol: SymbolKind.Module, completion: CompletionItemKind.Folder, token: 'type' },
    Strategy: { symbol: SymbolKind.Key, completion: CompletionItemKind.Method, token: 'method' },
    Objective: { symbol: SymbolKind.Constant, completion: CompletionItemKind.Property },
    Tactic: { symbol: SymbolKind.Field, completion: CompletionItemKind.Function, token: 'function' },
    Flow: { symbol: SymbolKind.Field, completion: CompletionItemKind.Function, token: 'function' },
    Campaign: { symbol: SymbolKind.Event, completion: CompletionItemKind.Event, token: 'event' },
    Funnel: { symbol: SymbolKind.Array, completion: CompletionItemKind.Enum, token: 'enum' },
    Offer: { symbol: SymbolKind.String, completion: CompletionItemKind.Value, token: 'type' }
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

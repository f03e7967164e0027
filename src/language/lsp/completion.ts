import { segmentsReached } from '../model/audiences.js';
import {
    AstUtils, CstUtils, GrammarAST, GrammarUtils, isOperationCancelled, UriUtils, type AstNode, type AstNodeDescription, type CstNode,
    type LangiumDocument, type LangiumDocuments, type MaybePromise
} from 'langium';
import {
    DefaultCompletionProvider, findFirstFeatures, findNextFeatures, type CompletionAcceptor, type CompletionBacktrackingInformation,
    type CompletionContext, type NextFeature
} from 'langium/lsp';
import { CompletionItemKind, CompletionList, InsertTextFormat, type CancellationToken, type CompletionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Campaign, Document, Element, Flow, Funnel, Market, Objective, Product, Segment, Strategy, Tactic } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import { channelFacts } from '../model/channels.js';
import { stageOf } from '../model/funnel-stages.js';
import {
    allTimeZones, COUNTRY_CODES, countriesOf, countryName, JURISDICTION_NAMES, jurisdictionOfCode, LANGUAGE_CODES, languageName, marketsOf, zonesOfCountry
} from '../model/markets.js';
import type { PlanModel, PlanModelProvider } from '../model/plan-model.js';
import { today } from '../config/settings.js';
import type { SettingsProvider } from '../config/settings-provider.js';
import type { MplanScopeProvider } from '../scoping/scope-provider.js';
import { PLAN_FILE_EXTENSION, type ImportResolver } from '../scoping/imports.js';
import { repeatableAssignments } from '../syntax/repeated-facts.js';
import { CADENCE_STANZAS, STANZAS, stanzaDates, type Rendered, type StanzaContext } from './snippets.js';
import { facetsFor, platformKey } from '../model/habits.js';
import { keywordHover, keywordPlaces, ownNames, plainText } from './hover.js';
import type { ExampleKind } from './keyword-docs.js';

/** What a name must look like to be written bare (an ID); anything else is quoted. */
const BARE_NAME = /^[_a-zA-Z][\w-]*$/;

/** Block keywords in plain words, shown beside them in the list. */
const BLOCK_WORDS: Record<string, string> = {
    plan: 'the plan: its goal, currency and focus',
    market: 'where you sell, and whose law applies',
    product: 'something you sell',
    segment: 'a group of customers',
    competitor: 'another seller your buyers could choose',
    research: 'what you studied and learnt about the market',
    strategy: 'how you will win a segment',
    tactic: 'one action on one channel that serves a strategy',
    campaign: 'tactics run together, with a budget, staff and dates',
    funnel: 'how visitors become leads, customers and repeat buyers',
    offer: 'the guarantee, free trial, payments and security you offer',
    import: 'use the blocks of another file'
};

/** What `at` starts after an objective's or a KPI's `target`: which side of the figure is good. */
const TARGET_DIRECTIONS: ReadonlyArray<[string, string]> = [
    ['at least', 'a floor: reaching it or more is good'],
    ['at most', 'a ceiling: keeping to it or below is good']
];

/** A one-value fact of a block: written twice, the parser would keep only the last (a syntax error). */
interface OneValueFact {
    /** The block (or nested group) type, e.g. Tactic. */
    type: string;
    /** Its property, e.g. budget. */
    property: string;
}

/** A completion context with the data of its request. */
interface MplanCompletionContext extends CompletionContext {
    data: RequestData;
}

function dataOf(context: CompletionContext): RequestData | undefined {
    return (context as Partial<MplanCompletionContext>).data;
}

/** The plan data a request needs, computed at most once per request. */
interface RequestData {
    document: LangiumDocument<Document>;
    /** Start offsets of the top-level blocks, in order. */
    starts: number[];
    model?: PlanModel;
    stanzaContext?: StanzaContext;
}

/**
 * Completion for mplan:
 * - keywords where the grammar allows them, without the one-value facts a
 *   block already states (a second `budget` would be a syntax error);
 * - at references, the names of visible blocks of the right kind (own file
 *   and imported files only), without those already listed or the block
 *   itself, the ones still unused first (a strategy no tactic serves yet);
 * - at top level, a stanza per block with every fact the rules ask for;
 * - values the grammar cannot list: the plan's currency after an amount,
 *   the platforms the targeted segments use after `channel … on`, `sales`
 *   and `satisfaction` after `track`, a campaign's tracked metrics in its
 *   results, the people of the plan after an objective's `owner`, the
 *   funnel's own stages after `first purchase at`, `expect …` and `list …`,
 *   cadences with numbers, files to import, a market's country and language
 *   codes with their names (EU and UK, then US and CA, first), and quoted
 *   time zones (the market's countries' first; after the `in` of hours, the
 *   zones of the markets the tactic or flow reaches);
 * - `at least` and `at most` after `target`, as one item each.
 *
 * Only the top-level block around the cursor is re-read, so a request costs
 * the size of that block, not of the file; a request never fails on a
 * half-typed file: it offers what it can, or nothing.
 */
export class MplanCompletionProvider extends DefaultCompletionProvider {
    protected readonly scopes: MplanScopeProvider;
    protected readonly models: PlanModelProvider;
    protected readonly settings: SettingsProvider;
    protected readonly imports: ImportResolver;
    protected readonly documents: LangiumDocuments;
    /** Keyword of the grammar -> the one-value facts it introduces. */
    protected readonly oneValueFacts: Map<GrammarAST.Keyword, OneValueFact[]>;
    /** The window of text being read, set only while one synchronous step of a request runs. */
    protected window: { start: number; end: number } | undefined;

    constructor(services: MplanServices) {
        super(services);
        this.scopes = services.references.ScopeProvider;
        this.models = services.model.PlanModelProvider;
        this.settings = services.config.SettingsProvider;
        this.imports = services.references.ImportResolver;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.oneValueFacts = oneValueFactKeywords(this.grammar);
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        try {
            const list = await super.getCompletion(document, params, cancelToken);
            // A client that does not declare Markdown for an item's documentation (Vim's ALE) gets it as plain text.
            if (list && !this.clientCapabilities?.completionItem?.documentationFormat?.includes('markdown')) {
                for (const item of list.items) {
                    const doc = item.documentation;
                    if (doc && typeof doc === 'object' && doc.kind === 'markdown') item.documentation = plainText(doc.value);
                }
            }
            return list;
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            // A half-typed file must never break the editor: offer nothing rather than fail.
            console.error('mplan completion failed:', error);
            return CompletionList.create([], true);
        }
    }

    // ------------------------------------------------------------ reading only the block at the cursor

    /**
     * The text to read for a cursor: from the start of the last top-level block
     * that begins before it (every block start is a place where a file can
     * begin) to the start of the next one.
     */
    protected windowAt(data: RequestData, offset: number, length: number): { start: number; end: number } {
        const { starts } = data;
        // The last start strictly before the offset, by binary search.
        let low = 0;
        let high = starts.length - 1;
        let found = -1;
        while (low <= high) {
            const middle = (low + high) >> 1;
            if (starts[middle] < offset) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        const start = found >= 0 ? starts[found] : 0;
        let end = length;
        for (let i = found + 1; i < starts.length; i++) {
            if (starts[i] > offset) {
                end = starts[i];
                break;
            }
        }
        return { start, end };
    }

    /**
     * Langium's contexts, each carrying this request's data, built while only
     * the block at the cursor is read; none inside a comment or a string.
     */
    protected override *buildContexts(document: LangiumDocument, position: CompletionParams['position']): IterableIterator<CompletionContext> {
        const textDocument = document.textDocument;
        const offset = textDocument.offsetAt(position);
        if (this.insideText(document, offset)) return;
        const doc = document as LangiumDocument<Document>;
        const starts: number[] = [];
        for (const element of doc.parseResult.value.elements ?? []) {
            const start = element.$cstNode?.offset;
            if (start !== undefined) starts.push(start);
        }
        const data: RequestData = { document: doc, starts };
        const window = this.windowAt(data, offset, textDocument.getText().length);
        const inner = super.buildContexts(document, position);
        for (;;) {
            // Steps of a generator run synchronously: the window cannot leak into another request.
            this.window = window;
            let step: IteratorResult<CompletionContext>;
            try {
                step = inner.next();
            } finally {
                this.window = undefined;
            }
            if (step.done) return;
            const context: MplanCompletionContext = { ...step.value, data };
            yield context;
        }
    }

    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const start = this.window?.start ?? 0;
        if (start === 0 || offset < start) return super.findFeaturesAt(document, offset);
        const result = this.completionParser.parse(document.getText().substring(start, offset));
        if (result.tokenIndex === 0) {
            const entry = GrammarUtils.getEntryRule(this.grammar);
            return entry ? findNextFeatures([[this.buildSyntheticEntryRuleCall(entry)]], result.tokens) : [];
        }
        const leftover = [...result.tokens].splice(result.tokenIndex);
        return findNextFeatures([result.elementStack.map(feature => ({ feature }))], leftover);
    }

    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const window = this.window;
        if (!window || (window.start === 0 && window.end >= text.length) || offset < window.start || offset > window.end) {
            return super.backtrackToAnyToken(text, offset);
        }
        const found = super.backtrackToAnyToken(text.substring(window.start, window.end), offset - window.start);
        const shift = (n: number | undefined) => (n === undefined ? undefined : n + window.start);
        return {
            nextTokenStart: found.nextTokenStart + window.start,
            nextTokenEnd: found.nextTokenEnd + window.start,
            previousTokenStart: shift(found.previousTokenStart),
            previousTokenEnd: shift(found.previousTokenEnd)
        };
    }

    // ------------------------------------------------------------------------------ what to offer

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const feature = next.feature;
        if (GrammarAST.isKeyword(feature)) {
            this.completionForKeyword(context, feature, acceptor);
            this.stanzasFor(context, feature, acceptor);
            return;
        }
        if (GrammarAST.isCrossReference(feature)) {
            this.completionForCrossReference(context, next as NextFeature<GrammarAST.CrossReference>, acceptor);
            return;
        }
        if (GrammarAST.isRuleCall(feature)) {
            this.valuesFor(context, next as NextFeature<GrammarAST.RuleCall>, acceptor);
        }
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        const rule = ruleOf(keyword);
        if (rule?.name === 'Objective' && keyword.value === 'at') {
            // `at` alone says nothing yet: offer the two directions it starts.
            for (const [label, detail] of TARGET_DIRECTIONS) {
                acceptor(context, { label, kind: CompletionItemKind.Keyword, detail, documentation: keywordDocumentation(label.split(' ')[1], 'Objective', this.namesOf(context)), sortText: '1' });
            }
            return;
        }
        let detail = 'keyword';
        const channel = rule?.name === 'Channel' || rule?.name === 'FlowChannel' ? channelFacts(keyword.value) : undefined;
        if (channel) detail = `${channel.online ? 'online' : 'offline'}, ${channel.media}: ${channel.what}`;
        else if (rule?.name === 'DelayUnit') detail = 'unit of time';
        else if (rule?.name === 'Weekday') detail = 'day of the week';
        else if (rule?.name === 'DaySet') detail = 'days';
        else if (rule?.name === 'Cadence' && keyword.value !== 'every' && keyword.value !== 'times') detail = 'how often';
        else if (rule?.name === 'TimeUnit') detail = 'unit of time';
        else if (rule?.name === 'Objective' && keyword.value === 'x') detail = 'a ratio, as in 4x';
        else if (rule?.name === 'ConsentKind') detail = 'kind of consent';
        else if (rule?.name === 'Tactic' && ['positive', 'honest', 'any'].includes(keyword.value)) detail = 'which reviews earn the reward';
        else if (BLOCK_WORDS[keyword.value] && rule?.name.toLowerCase() === keyword.value) detail = BLOCK_WORDS[keyword.value];
        // What the keyword means where it stands, as hover and docs/language.md say it: a keyword of a value
        // rule (a channel, a unit of time) stands in the node being written.
        const where = rule && !GrammarUtils.isDataTypeRule(rule) ? GrammarUtils.getTypeName(rule) : keywordPlaces(keyword, context.node?.$type);
        acceptor(context, { label: keyword.value, kind: CompletionItemKind.Keyword, detail, documentation: keywordDocumentation(keyword.value, where, this.namesOf(context)), sortText: '1' });
    }

    /** The names of the reader's blocks, for the examples of keyword docs, as hover shows them (the model is built once per build). */
    protected namesOf(context: CompletionContext): ((kind: ExampleKind) => string[]) | undefined {
        try {
            return ownNames(this.models.get(context.document as LangiumDocument<Document>));
        } catch {
            return undefined;
        }
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        if (!super.filterKeyword(context, keyword)) return false;
        const data = dataOf(context);
        // One plan per file: no second `plan` block.
        if (keyword.value === 'plan' && ruleOf(keyword)?.name === 'Plan' && data) {
            const other = data.document.parseResult.value.elements?.find(e => e.$type === 'Plan' && !covers(e.$cstNode, context.offset));
            if (other) return false;
        }
        // A one-value fact the block already states, elsewhere than at the cursor.
        const facts = this.oneValueFacts.get(keyword);
        if (!facts) return true;
        for (let node: AstNode | undefined = context.node; node; node = node.$container) {
            const fact = facts.find(f => f.type === node!.$type);
            if (!fact) continue;
            const value = (node as unknown as Record<string, unknown>)[fact.property];
            if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) return true;
            return this.factCoversCursor(node, fact.property, keyword.value, context.offset);
        }
        return true;
    }

    /** Whether the fact (keyword and value) that sets `property` of `node` holds the cursor. */
    protected factCoversCursor(node: AstNode, property: string, keyword: string, offset: number): boolean {
        const value = GrammarUtils.findNodeForProperty(node.$cstNode, property);
        if (!value || !node.$cstNode) return false;
        let start = value.offset;
        // Walk back over the keywords that introduce the value (`confirm by autoresponder`), up to the fact's own keyword.
        const leaves = CstUtils.flattenCst(node.$cstNode).filter(leaf => !leaf.hidden).toArray();
        let index = leaves.findIndex(leaf => leaf.offset >= value.offset);
        if (index < 0) index = leaves.length;
        for (let i = index - 1, steps = 0; i >= 0 && steps < 4; i--, steps++) {
            const leaf = leaves[i];
            if (!GrammarAST.isKeyword(leaf.grammarSource)) break;
            if (leaf.text === keyword) {
                start = leaf.offset;
                break;
            }
        }
        return offset >= start && offset <= value.end;
    }

    // ---------------------------------------------------------------------------------- references

    protected override completionForCrossReference(context: CompletionContext, next: NextFeature<GrammarAST.CrossReference>, acceptor: CompletionAcceptor): MaybePromise<void> {
        const data = dataOf(context);
        const type = next.feature.type.ref?.name;
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        if (!data || !type || !assignment) return;
        const owner = ruleOf(next.feature)?.name;
        const exclude = this.namesToLeaveOut(context, data, type, owner, assignment.feature);
        const useful = this.usefulness(data, type);
        const seen = new Set<string>();
        for (const description of this.scopes.getScopeForType(data.document, type).getAllElements()) {
            if (exclude.has(description.name) || seen.has(`${description.name}\u0000${description.documentUri.toString()}`)) continue;
            seen.add(`${description.name}\u0000${description.documentUri.toString()}`);
            const node = description.node;
            acceptor(context, {
                nodeDescription: description,
                kind: this.nodeKindProvider.getCompletionItemKind(description),
                detail: this.whereDeclared(data.document, description),
                documentation: node ? summaryOf(node) ?? this.getReferenceDocumentation(description) : undefined,
                sortText: useful(node) ? '00' : '01'
            });
        }
    }

    /**
     * Names not worth offering at a reference: the ones the same fact already
     * lists (except the one being edited), the block itself where it would
     * name itself (`spinoff`, `influences`), and the product an upsell starts from.
     */
    protected namesToLeaveOut(context: CompletionContext, data: RequestData, type: string, owner: string | undefined, property: string): Set<string> {
        const names = new Set<string>();
        const block = this.blockAt(data, context.offset);
        if (block && block.$type === type && block.name) names.add(block.name);
        for (let node: AstNode | undefined = context.node; node; node = node.$container) {
            if (node.$type !== owner) continue;
            const value = (node as unknown as Record<string, unknown>)[property];
            if (Array.isArray(value)) {
                for (const ref of value as Array<{ $refText?: string; $refNode?: CstNode }>) {
                    if (ref?.$refText && !covers(ref.$refNode, context.offset)) names.add(ref.$refText);
                }
            }
            if (node.$type === 'Upsell' && property === 'to') {
                const from = (node as unknown as { from?: { $refText?: string } }).from?.$refText;
                if (from) names.add(from);
            }
            break;
        }
        return names;
    }

    /** "strategy", or "segment in shared/market.mplan" for a block of another file. */
    protected whereDeclared(document: LangiumDocument, description: AstNodeDescription): string {
        const kind = description.type.toLowerCase();
        if (UriUtils.equals(description.documentUri, document.uri)) return kind;
        const relative = UriUtils.relative(UriUtils.dirname(document.uri), description.documentUri);
        return `${kind} in ${relative || UriUtils.basename(description.documentUri)}`;
    }

    /** Which blocks of a kind are still unused in the plan: offered first. */
    protected usefulness(data: RequestData, type: string): (node: AstNode | undefined) => boolean {
        const model = this.modelOf(data);
        if (!model) return () => false;
        switch (type) {
            case 'Strategy': return node => !!node && !model.tacticsServing.has(node as Strategy);
            case 'Segment': return node => !!node && !model.strategiesTargeting.has(node as Segment);
            case 'Tactic': return node => !!node && !model.campaignsRunning.has(node as Tactic);
            default: return () => false;
        }
    }

    // -------------------------------------------------------------------------- values and stanzas

    /** Values for terminals: currencies, platforms, tracked metrics, results, files to import. */
    protected valuesFor(context: CompletionContext, next: NextFeature<GrammarAST.RuleCall>, acceptor: CompletionAcceptor): void {
        const data = dataOf(context);
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        const terminal = next.feature.rule.ref?.name;
        if (!data || !assignment) return;
        const rule = ruleOf(next.feature)?.name;
        const property = assignment.feature;
        if (terminal === 'ID' && (property.toLowerCase().endsWith('currency') || (rule === 'ExchangeRate' && (property === 'from' || property === 'to')))) {
            this.currencies(context, data, acceptor);
        } else if (terminal === 'WORD' && rule === 'Platform') {
            this.platforms(context, data, acceptor);
        } else if (terminal === 'WORD' && rule === 'Campaign' && property === 'tracks') {
            this.trackedWords(context, acceptor);
        } else if (terminal === 'WORD' && rule === 'Result' && property === 'metric') {
            this.resultMetrics(context, acceptor);
        } else if (terminal === 'WORD' && rule === 'Objective' && property === 'owner') {
            this.people(context, data, acceptor);
        } else if (terminal === 'WORD' && ((rule === 'Funnel' && (property === 'purchaseStage' || property === 'listStage')) || (rule === 'Count' && property === 'stage'))) {
            this.funnelStages(context, acceptor);
        } else if (terminal === 'STRING' && rule === 'Import') {
            this.importPaths(context, data, acceptor);
        } else if (terminal === 'WORD' && rule === 'Market' && property === 'countries') {
            this.countryCodes(context, acceptor);
        } else if (terminal === 'WORD' && rule === 'Market' && property === 'languages') {
            this.languageCodes(context, acceptor);
        } else if (terminal === 'STRING' && ((rule === 'Market' && property === 'zones') || (rule === 'HoursWindow' && property === 'zone'))) {
            this.timeZones(context, data, rule, acceptor);
        }
    }

    /**
     * After a market's `countries`: the ISO 3166-1 codes with the country's name, the regions mplan
     * knows the law of first (EU and UK, then US and CA), without the codes the market lists already.
     */
    protected countryCodes(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const market = ancestor<Market>(context.node, 'Market');
        const listed = new Set(listedWords(market, 'countries', context.offset));
        const first = ['EU', 'UK', 'US', 'CA'];
        for (const code of COUNTRY_CODES) {
            if (listed.has(code)) continue;
            const jurisdiction = jurisdictionOfCode(code);
            const law = jurisdiction === undefined ? '' : code === jurisdiction || (code === 'GB' && jurisdiction === 'UK') ? ': its compliance checks run' : `: ${JURISDICTION_NAMES[jurisdiction]} law`;
            const rank = first.indexOf(code);
            acceptor(context, {
                label: code, kind: CompletionItemKind.Value, detail: `${countryName(code)}${law}`,
                sortText: rank >= 0 ? `0${rank}` : `1${code}`
            });
        }
    }

    /** After a market's `languages`: the ISO 639-1 codes with the language's name, without those listed already. */
    protected languageCodes(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const market = ancestor<Market>(context.node, 'Market');
        const listed = new Set(listedWords(market, 'languages', context.offset));
        for (const code of LANGUAGE_CODES) {
            if (listed.has(code)) continue;
            acceptor(context, { label: code, kind: CompletionItemKind.Value, detail: languageName(code), sortText: `1${code}` });
        }
    }

    /**
     * After a market's `timezones` or the `in` of hours: the IANA time zones, in quotes, those of the
     * market's countries first (for hours, those of the markets the block reaches), without the zones
     * the market lists already.
     */
    protected timeZones(context: CompletionContext, data: RequestData, rule: string, acceptor: CompletionAcceptor): void {
        const market = ancestor<Market>(context.node, 'Market');
        const listed = new Set(listedWords(market, 'zones', context.offset));
        let markets: Market[] = [];
        if (market) {
            markets = [market];
        } else if (rule === 'HoursWindow') {
            const block = ancestor<Tactic>(context.node, 'Tactic') ?? ancestor<Flow>(context.node, 'Flow');
            const model = this.modelOf(data);
            if (block && model) markets = marketsOf(block, model.marketLookup);
        }
        const near = new Map<string, string>();
        for (const m of markets) {
            for (const code of countriesOf(m)) for (const zone of zonesOfCountry(code)) if (!near.has(zone)) near.set(zone, `${countryName(code)}, market ${m.name}`);
            for (const zone of m.zones ?? []) if (!near.has(zone)) near.set(zone, `market ${m.name}`);
        }
        // What was typed since the opening quote, and the range the zone replaces (up to a closing quote).
        const line = context.textDocument.getText({ start: { line: context.position.line, character: 0 }, end: context.position });
        // Inside an opened quote when the line holds an odd number of quotes (a zone has none).
        const typed = ((line.match(/"/g) ?? []).length % 2 === 1) ? /"([^"]*)$/.exec(line) : null;
        const start = typed ? { line: context.position.line, character: line.length - typed[0].length } : context.position;
        const after = context.textDocument.getText({ start: context.position, end: { line: context.position.line + 1, character: 0 } });
        const closing = typed ? /^[^"\n]*"/.exec(after) : null;
        const end = closing ? context.textDocument.positionAt(context.offset + closing[0].length) : context.position;
        const offer = (zone: string, detail: string, sortText: string) => {
            if (listed.has(zone) || (typed && typed[1] && !this.fuzzyMatcher.match(typed[1], zone))) return;
            const label = `"${zone}"`;
            acceptor(context, { label, kind: CompletionItemKind.Value, detail, filterText: label, sortText, textEdit: { range: { start, end }, newText: label } });
        };
        for (const [zone, detail] of near) offer(zone, detail, `0${zone}`);
        for (const zone of allTimeZones()) if (!near.has(zone)) offer(zone, 'time zone', `1${zone}`);
    }

    protected currencies(context: CompletionContext, data: RequestData, acceptor: CompletionAcceptor): void {
        const code = this.modelOf(data)?.currency?.code;
        if (ancestor<Market>(context.node, 'Market')) {
            // A market pays in its own currency: the plan's, those its exchange rates name, and the usual ones.
            const offered = new Map<string, string>();
            if (code) offered.set(code, "the plan's currency");
            for (const rate of this.modelOf(data)?.plan?.rates ?? []) {
                for (const currency of [rate.from, rate.to]) if (currency && !offered.has(currency)) offered.set(currency, 'named by an exchange rate of the plan');
            }
            for (const [label, detail] of [['USD', 'US dollar'], ['EUR', 'euro'], ['GBP', 'pound sterling'], ['CAD', 'Canadian dollar']]) {
                if (!offered.has(label)) offered.set(label, detail);
            }
            for (const [label, detail] of offered) acceptor(context, { label, kind: CompletionItemKind.Unit, detail, sortText: '0' });
            return;
        }
        if (code) {
            acceptor(context, { label: code, kind: CompletionItemKind.Unit, detail: "the plan's currency", sortText: '0' });
            return;
        }
        for (const [label, detail] of [['USD', 'US dollar'], ['EUR', 'euro'], ['GBP', 'pound sterling']]) {
            acceptor(context, { label, kind: CompletionItemKind.Unit, detail, sortText: '0' });
        }
    }

    /** After `channel … on`: the platforms the tactic's segments use for that channel, from their habits. */
    protected platforms(context: CompletionContext, data: RequestData, acceptor: CompletionAcceptor): void {
        let tactic: Tactic | undefined;
        for (let node: AstNode | undefined = context.node; node; node = node.$container) {
            if (node.$type === 'Habits') return;
            if (node.$type === 'Tactic') {
                tactic = node as Tactic;
                break;
            }
        }
        if (!tactic) return;
        let segments: Segment[] = segmentsReached(tactic.audience ?? []);
        if (segments.length === 0) {
            for (const serves of tactic.serves ?? []) {
                for (const target of serves.ref?.targets ?? []) if (target.ref) segments.push(target.ref);
            }
        }
        if (segments.length === 0) {
            segments = this.scopes.getScopeForType(data.document, 'Segment').getAllElements()
                .map(d => d.node as Segment | undefined).filter((s): s is Segment => !!s).toArray();
        }
        const listed = new Set((tactic.platforms ?? []).filter(p => !covers(p.$cstNode, context.offset)).map(p => platformKey(p)));
        const offered = new Map<string, { text: string; who: string[] }>();
        for (const segment of segments) {
            const habits = segment.habits;
            if (!habits) continue;
            for (const facet of ['search', 'social', 'sites', 'communities', 'tools'] as const) {
                for (const platform of habits[facet] ?? []) {
                    const facets = facetsFor(tactic.channel, platform);
                    if (facets && !(facets as string[]).includes(facet)) continue;
                    const key = platformKey(platform);
                    if (!key || listed.has(key)) continue;
                    const entry = offered.get(key) ?? { text: (platform.value ?? '').trim(), who: [] };
                    if (!entry.who.includes(segment.name)) entry.who.push(segment.name);
                    offered.set(key, entry);
                }
            }
        }
        for (const { text, who } of offered.values()) {
            const label = BARE_NAME.test(text) ? text : `"${text.replace(/["\\]/g, c => '\\' + c)}"`;
            acceptor(context, { label, kind: CompletionItemKind.Value, detail: `used by ${who.join(', ')}`, sortText: '0' });
        }
    }

    /** After `track`: the two figures every campaign should follow, unless already tracked. */
    protected trackedWords(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const campaign = ancestor<Campaign>(context.node, 'Campaign');
        const tracked = new Set((campaign?.tracks ?? []).map(t => t.toLowerCase()));
        const words: Array<[string, string]> = [['sales', 'what the campaign sells'], ['satisfaction', "how happy its customers are"]];
        for (const [label, detail] of words) {
            if (!tracked.has(label)) acceptor(context, { label, kind: CompletionItemKind.Value, detail, sortText: '0' });
        }
    }

    /** In a campaign's results: the metrics it tracks that have no result yet. */
    protected resultMetrics(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const campaign = ancestor<Campaign>(context.node, 'Campaign');
        if (!campaign) return;
        const reported = new Set((campaign.results ?? []).filter(r => !covers(r.$cstNode, context.offset)).map(r => r.metric?.toLowerCase()));
        for (const metric of campaign.tracks ?? []) {
            if (metric && !reported.has(metric.toLowerCase())) {
                acceptor(context, { label: metric, kind: CompletionItemKind.Value, detail: 'tracked by this campaign', sortText: '0' });
            }
        }
    }

    /**
     * After an objective's or a KPI's `owner`: the people the plan names
     * already, the owners of its other objectives first, then the staff of its
     * campaigns; a name of several words in quotes, as it was written.
     */
    protected people(context: CompletionContext, data: RequestData, acceptor: CompletionAcceptor): void {
        const model = this.modelOf(data);
        if (!model) return;
        const here = ancestor<Objective>(context.node, 'Objective');
        const people = new Map<string, string>();
        for (const strategy of model.reach.strategies) {
            for (const objective of strategy.objectives ?? []) {
                const owner = objective.owner?.trim();
                if (!owner || people.has(owner)) continue;
                if (objective === here && covers(GrammarUtils.findNodeForProperty(objective.$cstNode, 'owner'), context.offset)) continue;
                people.set(owner, `owns ${objective.kind === 'kpi' ? 'the KPI' : 'the objective'} "${objective.text ?? ''}"`);
            }
        }
        for (const campaign of model.reach.campaigns) {
            for (const staff of campaign.staff ?? []) {
                const person = staff.person?.trim();
                if (person && !people.has(person)) people.set(person, `on the staff of ${campaign.name}`);
            }
        }
        const start = context.textDocument.positionAt(context.tokenOffset);
        const typed = context.textDocument.getText().substring(context.tokenOffset, context.offset).replace(/^"/, '');
        let rank = 0;
        for (const [person, detail] of people) {
            if (typed && !this.fuzzyMatcher.match(typed, person)) continue;
            const label = BARE_NAME.test(person) ? person : `"${person.replace(/["\\]/g, c => '\\' + c)}"`;
            acceptor(context, {
                label, kind: CompletionItemKind.Value, detail, filterText: person, sortText: `0${String(rank++).padStart(4, '0')}`,
                textEdit: { range: { start, end: context.position }, newText: label }
            });
        }
    }

    /**
     * After `first purchase at`, `expect …` and `list …`: the stages of the
     * funnel at the cursor, in the order its conversion lines name them, then
     * the other stages it names.
     */
    protected funnelStages(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const funnel = ancestor<Funnel>(context.node, 'Funnel');
        if (!funnel) return;
        const stages: string[] = [];
        const add = (node: AstNode | undefined, property: string) => {
            const word = (node as unknown as Record<string, unknown> | undefined)?.[property];
            // The word at the cursor is being typed: it is no stage yet.
            if (typeof word !== 'string' || !word || stages.includes(word) || covers(GrammarUtils.findNodeForProperty(node!.$cstNode, property), context.offset)) return;
            stages.push(word);
        };
        for (const conversion of funnel.conversions ?? []) {
            add(conversion, 'from');
            add(conversion, 'to');
        }
        for (const count of funnel.counts ?? []) add(count, 'stage');
        add(funnel, 'listStage');
        add(funnel, 'purchaseStage');
        stages.forEach((stage, i) => {
            const detail = stageOf(stage) === 'customers' ? 'a stage of this funnel: the first purchase, unless you say otherwise' : 'a stage of this funnel';
            acceptor(context, { label: stage, kind: CompletionItemKind.Value, detail, sortText: `0${String(i).padStart(4, '0')}` });
        });
    }

    /** After `import`: the other plan files of the workspace that hold no plan and are not imported yet. */
    protected importPaths(context: CompletionContext, data: RequestData, acceptor: CompletionAcceptor): void {
        const document = data.document;
        const imported = new Set(this.imports.resolveImports(document).map(imp => imp.uri.toString()));
        const line = context.textDocument.getText({ start: { line: context.position.line, character: 0 }, end: context.position });
        const typed = /"[^"]*$/.exec(line);
        const start = typed ? { line: context.position.line, character: line.length - typed[0].length } : context.position;
        const after = context.textDocument.getText({ start: context.position, end: { line: context.position.line + 1, character: 0 } });
        const closing = /^[^"\n]*"/.exec(after);
        const end = closing ? context.textDocument.positionAt(context.offset + closing[0].length) : context.position;
        for (const candidate of this.documents.all) {
            const uri = candidate.uri;
            if (UriUtils.equals(uri, document.uri) || imported.has(uri.toString()) || !uri.path.endsWith(PLAN_FILE_EXTENSION)) continue;
            if (!this.imports.mayImport(document.uri, uri)) continue;
            const root = candidate.parseResult?.value as Document | undefined;
            if (root?.elements?.some(e => e.$type === 'Plan')) continue;
            const path = UriUtils.relative(UriUtils.dirname(document.uri), uri);
            const label = `"${path}"`;
            acceptor(context, {
                label,
                kind: CompletionItemKind.File,
                detail: 'file to import',
                sortText: '0',
                textEdit: { range: { start, end }, newText: label }
            });
        }
    }

    /** Whole-block stanzas where a block may start; numbered cadences where a cadence may. */
    protected stanzasFor(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void {
        const rule = ruleOf(keyword)?.name;
        if (rule === 'Cadence' && keyword.value === 'every') {
            for (const cadence of CADENCE_STANZAS) this.acceptStanza(context, cadence.label, cadence.description, cadence.rendered, acceptor);
            return;
        }
        const definition = STANZAS.find(s => s.keyword === keyword.value);
        if (!definition || rule?.toLowerCase() !== keyword.value || !this.filterKeyword(context, keyword)) return;
        const data = dataOf(context);
        if (!data) return;
        this.acceptStanza(context, definition.keyword, definition.description, definition.render(this.stanzaContextOf(data)), acceptor);
    }

    protected acceptStanza(context: CompletionContext, label: string, description: string, rendered: Rendered, acceptor: CompletionAcceptor): void {
        const snippets = this.clientCapabilities?.completionItem?.snippetSupport === true;
        acceptor(context, {
            label,
            kind: CompletionItemKind.Snippet,
            detail: description,
            insertText: snippets ? rendered.snippet : rendered.plain,
            insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            documentation: { kind: 'markdown', value: '```mplan\n' + rendered.plain + '```' },
            sortText: '2'
        });
    }

    protected stanzaContextOf(data: RequestData): StanzaContext {
        if (data.stanzaContext) return data.stanzaContext;
        const model = this.modelOf(data);
        const settings = this.settings.get();
        const names = new Map<string, string[]>();
        data.stanzaContext = {
            currency: model?.currency?.code ?? 'USD',
            names: type => {
                let list = names.get(type);
                if (!list) {
                    const useful = this.usefulness(data, type);
                    const all = this.scopes.getScopeForType(data.document, type).getAllElements().toArray();
                    const seen = new Set<string>();
                    list = [...all.filter(d => useful(d.node)), ...all.filter(d => !useful(d.node))]
                        .map(d => d.name).filter(name => !seen.has(name) && !!seen.add(name));
                    names.set(type, list);
                }
                return list;
            },
            dates: stanzaDates(settings.asOf ?? today()),
            minGuaranteeDays: settings.thresholds.minGuaranteeDays
        };
        return data.stanzaContext;
    }

    // ------------------------------------------------------------------------------------ helpers

    protected modelOf(data: RequestData): PlanModel | undefined {
        if (!data.model) {
            try {
                data.model = this.models.get(data.document);
            } catch {
                return undefined;
            }
        }
        return data.model;
    }

    /**
     * The top-level block the cursor is in: the last one that starts before
     * it, unless that one is closed before the cursor.
     */
    protected blockAt(data: RequestData, offset: number): (Element & { name?: string }) | undefined {
        const elements = data.document.parseResult.value.elements ?? [];
        let low = 0;
        let high = elements.length - 1;
        let found: Element | undefined;
        while (low <= high) {
            const middle = (low + high) >> 1;
            const start = elements[middle].$cstNode?.offset ?? Number.MAX_SAFE_INTEGER;
            if (start < offset) {
                found = elements[middle];
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        const cst = found?.$cstNode;
        if (!found || !cst) return undefined;
        const closed = cst.text.endsWith('}');
        return !closed || offset < cst.end ? found as Element & { name?: string } : undefined;
    }

    /** Whether the cursor is inside a comment or a string (other than an import's path), where nothing is offered. */
    protected insideText(document: LangiumDocument, offset: number): boolean {
        const root = document.parseResult.value.$cstNode;
        if (!root || offset === 0) return false;
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset - 1);
        if (!leaf || offset <= leaf.offset) return false;
        const token = leaf.tokenType?.name;
        if (token === 'SL_COMMENT') return offset <= leaf.end;
        // An import's path and a time zone are completed inside their quotes.
        if (token === 'STRING' && (leaf.astNode.$type === 'Import' || isZone(leaf))) return false;
        if (token === 'ML_COMMENT' || token === 'STRING') return offset < leaf.end;
        return false;
    }
}

/** The parser rule a grammar element belongs to. */
/** A keyword's meaning where it stands and a line that uses it: the hover's text. */
function keywordDocumentation(keyword: string, where: string | Array<string | undefined> | undefined, names?: (kind: ExampleKind) => string[]): { kind: 'markdown'; value: string } | undefined {
    const value = keywordHover(keyword, where, names);
    return value ? { kind: 'markdown', value } : undefined;
}

function ruleOf(element: GrammarAST.AbstractElement): GrammarAST.ParserRule | undefined {
    return AstUtils.getContainerOfType(element, GrammarAST.isParserRule);
}

/** Whether a piece of syntax spans an offset (its end included: the cursor may sit right after it). */
function covers(cst: CstNode | undefined, offset: number): boolean {
    return !!cst && offset >= cst.offset && offset <= cst.end;
}

/** Whether a string is a time zone: a market's `timezones`, the `in` of hours. */
function isZone(leaf: CstNode): boolean {
    const feature = GrammarUtils.findAssignment(leaf)?.feature;
    return (leaf.astNode.$type === 'Market' && feature === 'zones') || (leaf.astNode.$type === 'HoursWindow' && feature === 'zone');
}

/** The words a block lists in a property, but the one at the cursor (being typed). */
function listedWords(node: AstNode | undefined, property: string, offset: number): string[] {
    if (!node?.$cstNode) return [];
    const words: string[] = [];
    for (const cst of GrammarUtils.findNodesForProperty(node.$cstNode, property)) {
        if (!covers(cst, offset)) words.push(cst.text.replace(/^"|"$/g, ''));
    }
    return words;
}

function ancestor<T extends AstNode>(node: AstNode | undefined, type: string): T | undefined {
    for (let n = node; n; n = n.$container) if (n.$type === type) return n as T;
    return undefined;
}

/** A block's own words, shown beside its name: a strategy's statement, a segment's `who`, … */
function summaryOf(node: AstNode): string | undefined {
    switch (node.$type) {
        case 'Strategy': return (node as Strategy).statement || undefined;
        case 'Segment': return (node as Segment).who || undefined;
        case 'Product': return (node as Product).benefits?.[0] || undefined;
        case 'Tactic': return (node as Tactic).message || undefined;
        case 'Market': {
            const market = node as Market;
            const countries = countriesOf(market).map(countryName);
            return countries.length > 0 ? countries.join(', ') : market.title || undefined;
        }
        default: return undefined;
    }
}

/**
 * The keywords that introduce a one-value fact, from the grammar: for each
 * assignment that keeps one value but sits in a repeated group (the facts of
 * a block), the first keywords of its alternative.
 */
function oneValueFactKeywords(grammar: GrammarAST.Grammar): Map<GrammarAST.Keyword, OneValueFact[]> {
    const result = new Map<GrammarAST.Keyword, OneValueFact[]>();
    for (const assignment of repeatableAssignments(grammar).assignments) {
        const rule = ruleOf(assignment);
        if (!rule) continue;
        // The alternative of the repeated group that holds the assignment.
        let alternative: GrammarAST.AbstractElement = assignment;
        while (GrammarAST.isAbstractElement(alternative.$container) && !isRepeated(alternative.$container)) {
            alternative = alternative.$container;
        }
        if (!GrammarAST.isAbstractElement(alternative.$container)) continue;
        // Only the first one-value assignment an alternative always makes names the fact (`influences X`: influencer;
        // `target at least 35`: target, not the optional atLeast).
        const first = AstUtils.streamAst(alternative).find(n => GrammarAST.isAssignment(n) && (n.operator === '=' || n.operator === '?=') && !optionalWithin(n, alternative));
        if (first !== assignment) continue;
        for (const stack of findFirstFeatures(alternative)) {
            const feature = stack[stack.length - 1]?.feature;
            if (!feature || !GrammarAST.isKeyword(feature)) continue;
            const list = result.get(feature) ?? [];
            list.push({ type: rule.name, property: assignment.feature });
            result.set(feature, list);
        }
    }
    return result;
}

/** Whether an element of the grammar may be left out of the alternative it is part of. */
function optionalWithin(element: GrammarAST.AbstractElement, alternative: GrammarAST.AbstractElement): boolean {
    for (let current: unknown = element; GrammarAST.isAbstractElement(current); current = current.$container) {
        if (current.cardinality === '?' || current.cardinality === '*') return true;
        if (current === alternative) return false;
    }
    return false;
}

function isRepeated(element: GrammarAST.AbstractElement): boolean {
    return element.cardinality === '*' || element.cardinality === '+';
}

import { AstUtils, DocumentState, UriUtils, WorkspaceCache, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo, type Scope, type URI } from 'langium';
import type { MplanServices } from '../mplan-module.js';
import {
    type Audience, type Campaign, type Market, type Competitor, type Document, type Element, type Flow, type Funnel, type Money, type Offer, type Plan, type Price,
    type Product, type Research, type Segment, type Strategy, type Tactic,
    Audience as AudienceType, Market as MarketType, Flow as FlowType, Campaign as CampaignType, Competitor as CompetitorType, Funnel as FunnelType, Offer as OfferType, Plan as PlanType,
    Product as ProductType, Research as ResearchType, Segment as SegmentType, Strategy as StrategyType, Tactic as TacticType
} from '../generated/ast.js';
import type { ImportResolver, ResolvedImport } from '../scoping/imports.js';
import { DEFAULT_SETTINGS, today, type Settings } from '../config/settings.js';
import type { SettingsProvider } from '../config/settings-provider.js';
import { dayNumber, MoneySum, Rates, type Amount } from './values.js';
import type { Jurisdiction, MarketLookup } from './markets.js';
import { budgetTotal, spendParts } from './budgets.js';

/** The blocks of a file, or of a whole plan, grouped by kind in source order. */
export interface Blocks {
    plans: Plan[];
    markets: Market[];
    products: Product[];
    segments: Segment[];
    audiences: Audience[];
    competitors: Competitor[];
    research: Research[];
    strategies: Strategy[];
    tactics: Tactic[];
    flows: Flow[];
    campaigns: Campaign[];
    funnels: Funnel[];
    offers: Offer[];
}

function emptyBlocks(): Blocks {
    return { plans: [], markets: [], products: [], segments: [], audiences: [], competitors: [], research: [], strategies: [], tactics: [], flows: [], campaigns: [], funnels: [], offers: [] };
}

function addBlock(blocks: Blocks, element: Element): void {
    switch (element.$type) {
        case PlanType.$type: blocks.plans.push(element as Plan); break;
        case MarketType.$type: blocks.markets.push(element as Market); break;
        case ProductType.$type: blocks.products.push(element as Product); break;
        case SegmentType.$type: blocks.segments.push(element as Segment); break;
        case AudienceType.$type: blocks.audiences.push(element as Audience); break;
        case CompetitorType.$type: blocks.competitors.push(element as Competitor); break;
        case ResearchType.$type: blocks.research.push(element as Research); break;
        case StrategyType.$type: blocks.strategies.push(element as Strategy); break;
        case TacticType.$type: blocks.tactics.push(element as Tactic); break;
        case FlowType.$type: blocks.flows.push(element as Flow); break;
        case CampaignType.$type: blocks.campaigns.push(element as Campaign); break;
        case FunnelType.$type: blocks.funnels.push(element as Funnel); break;
        case OfferType.$type: blocks.offers.push(element as Offer); break;
    }
}

/** What the model asks of the linker's world: scopes and the workspace index. */
export interface PlanLookups {
    /** The blocks a reference could name, from where it stands. */
    scopeOf(info: ReferenceInfo): Scope;
    /** The blocks of `type` called `name` visible from a file, nearest first. */
    named(document: LangiumDocument<Document>, type: string, name: string): AstNodeDescription[];
    /** The type of block a reference names. */
    referenceType(info: ReferenceInfo): string;
    /** Every block of `type` called `name` anywhere in the workspace, imported or not. */
    declaredAnywhere(type: string, name: string): AstNodeDescription[];
    /** A file and every file it imports, transitively. */
    closure(document: LangiumDocument<Document>): Array<LangiumDocument<Document>>;
    /** The blocks declared in one file. */
    blocksOf(document: LangiumDocument<Document>): Blocks;
    /** The whole-plan blocks of a plan file (its closure). */
    planBlocksOf(document: LangiumDocument<Document>): Blocks;
    /** The plan files whose imports (transitively) include a file. */
    importers(document: LangiumDocument<Document>): Array<LangiumDocument<Document>>;
    /** Where an import of a file points and whether it resolves. */
    resolveImports(document: LangiumDocument<Document>): ResolvedImport[];
    /** Whether a file may import another: the import rule (inside the project, a saved file). */
    mayImport(from: URI, target: URI): boolean;
    /** The files by which `document` imports itself through `start`, if it does. */
    cycleThrough(document: LangiumDocument<Document>, start: ResolvedImport): URI[] | undefined;
}

/** The currency sums are kept in, and where it comes from. */
export interface PlanCurrency {
    code: string;
    /** The `currency` fact of the plan block, or the first amount of the plan when none is declared. */
    node: AstNode;
    declared: boolean;
}

/**
 * The resolved facts of one file, as the rules read them. For a plan file
 * (one with a `plan` block) `all` holds the whole plan: the file and every
 * file it imports, transitively. For a library file `all` holds the file and
 * what it imports, and `plan` is undefined, so plan-wide rules stay silent.
 *
 * Built once per document per build, after linking; rules never re-walk the AST.
 */
export class PlanModel {
    readonly root: Document;
    /** This file's blocks. */
    readonly own: Blocks = emptyBlocks();
    /** The blocks of this file and of every file it imports. */
    readonly all: Blocks = emptyBlocks();
    /** The plan block of this file; undefined for a library. */
    readonly plan: Plan | undefined;
    readonly currency: PlanCurrency | undefined;
    /**
     * The blocks of every plan this file takes part in: for a plan file, the
     * whole plan; for a library, everything the plans importing it see (or,
     * when no plan imports it, what it sees itself). Rules that judge a block
     * by what points at it (who targets this segment, who serves this
     * strategy) read this, and report on the file's own blocks.
     */
    readonly reach: Blocks;
    /** Over `reach`: for each strategy, the tactics that serve it. */
    readonly tacticsServing = new Map<Strategy, Tactic[]>();
    /** Over `reach`: for each tactic, the campaigns that run it. */
    readonly campaignsRunning = new Map<Tactic, Campaign[]>();
    /** Over `reach`: for each segment, the strategies that target it. */
    readonly strategiesTargeting = new Map<Segment, Strategy[]>();
    /** The settings this file is judged by (rule levels, thresholds). */
    readonly settings: Settings;
    /** The day date-dependent rules judge by, as a day number (see values.dayNumber). */
    readonly asOf: number;

    /**
     * The plan's exchange rates (`rate 1 EUR = 1.08 USD as of …`): those of
     * this plan, or of the plans a library takes part in.
     */
    readonly rates: Rates;
    /** The plan's markets and who runs each tactic, as `model/markets.ts` asks. */
    readonly marketLookup: MarketLookup;

    /** This file's imports, resolved. */
    readonly imports: ResolvedImport[];

    constructor(
        readonly document: LangiumDocument<Document>,
        /** This file, then every file it imports (transitively), each once. */
        readonly files: Array<LangiumDocument<Document>>,
        readonly lookups: PlanLookups,
        settings: Settings = DEFAULT_SETTINGS
    ) {
        this.settings = settings;
        this.asOf = dayNumber(settings.asOf ?? today()) ?? dayNumber(today())!;
        this.imports = lookups.resolveImports(document);
        this.root = document.parseResult.value;
        for (const element of this.root.elements ?? []) addBlock(this.own, element);
        for (const file of files) {
            for (const element of file.parseResult.value.elements ?? []) addBlock(this.all, element);
        }
        this.plan = this.own.plans[0];
        this.currency = this.findCurrency();
        this.reach = this.findReach();
        this.rates = new Rates(this.reach.plans.flatMap(plan => plan.rates));
        this.marketLookup = { markets: this.reach.markets, campaignsRunning: tactic => this.campaignsRunning.get(tactic) ?? [] };
        for (const tactic of this.reach.tactics) {
            for (const ref of tactic.serves) if (ref.ref) addTo(this.tacticsServing, ref.ref, tactic);
        }
        for (const campaign of this.reach.campaigns) {
            for (const ref of campaign.runs) if (ref.ref) addTo(this.campaignsRunning, ref.ref, campaign);
        }
        for (const strategy of this.reach.strategies) {
            for (const ref of strategy.targets) if (ref.ref) addTo(this.strategiesTargeting, ref.ref, strategy);
        }
    }

    private findReach(): Blocks {
        if (this.isPlan) return this.all;
        const importers = this.lookups.importers(this.document);
        if (importers.length === 0) return this.all;
        if (importers.length === 1) return this.lookups.planBlocksOf(importers[0]);
        const reach = emptyBlocks();
        const seen = new Set<AstNode>();
        for (const plan of importers) {
            const blocks = this.lookups.planBlocksOf(plan);
            for (const key of Object.keys(reach) as Array<keyof Blocks>) {
                for (const block of blocks[key]) {
                    if (!seen.has(block)) {
                        seen.add(block);
                        (reach[key] as AstNode[]).push(block);
                    }
                }
            }
        }
        return reach;
    }

    /** Whether the rules of a jurisdiction run (its pack is not switched off in mplan.json). */
    packOn(jurisdiction: Jurisdiction): boolean {
        return this.settings.packs?.[jurisdiction] !== 'off';
    }

    /** True for a file with a `plan` block: plan-wide rules judge it with its imports. */
    get isPlan(): boolean {
        return this.plan !== undefined;
    }

    /** The file a node was written in. */
    fileOf(node: AstNode): LangiumDocument {
        return AstUtils.getDocument(node);
    }

    /** A file's path as the user reads it: relative to this file's folder. */
    pathOf(uri: URI): string {
        const relative = UriUtils.relative(UriUtils.dirname(this.document.uri), uri);
        return relative || UriUtils.basename(uri);
    }

    /** "market.mplan:12" for a node in another file, "line 12" for one in this file. */
    where(node: AstNode): string {
        const line = (node.$cstNode?.range.start.line ?? 0) + 1;
        const file = this.fileOf(node);
        return file.uri.toString() === this.document.uri.toString() ? `line ${line}` : `${this.pathOf(file.uri)}:${line}`;
    }

    private findCurrency(): PlanCurrency | undefined {
        const declared = this.plan?.currency;
        if (this.plan && declared) {
            return { code: declared, node: this.plan, declared: true };
        }
        for (const money of moneyOf(this.all)) {
            return { code: money.currency, node: money, declared: false };
        }
        return undefined;
    }
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
}

/** The tactics a campaign runs, resolved, each once (a tactic named twice is not paid twice). */
export function tacticsRun(campaign: Campaign): Tactic[] {
    const seen = new Set<Tactic>();
    for (const ref of campaign.runs) if (ref.ref) seen.add(ref.ref);
    return [...seen];
}

/**
 * What the tactics a campaign runs cost in all, per currency: each resolved
 * tactic once, its budget, fee and commission (`spendParts`; a budget per
 * month times the months of its period), unresolved ones nothing.
 */
export function campaignSpend(campaign: Campaign): MoneySum {
    const sum = new MoneySum();
    for (const tactic of tacticsRun(campaign)) for (const part of spendParts(tactic)) sum.add(budgetTotal(part));
    return sum;
}

/** A money node as a plain amount. */
export function amountOf(money: Pick<Money, 'amount' | 'currency'> | undefined): Amount | undefined {
    if (!money || typeof money.amount !== 'number' || !money.currency) return undefined;
    return { amount: money.amount, currency: money.currency };
}

/**
 * The amounts of a set of blocks that are summed or compared: product prices
 * (and those of their tiers) and unit costs, tactic budgets and fees and
 * campaign budgets, in source order. (A commission per sale in money is
 * checked where it is read: `commissionsOf`.)
 */
export function* moneyOf(blocks: Blocks): Generator<Money | Price> {
    for (const product of blocks.products) {
        if (product.price) yield product.price;
        for (const tier of product.tiers) if (tier.price) yield tier.price;
        if (product.unitCost) yield product.unitCost;
    }
    for (const tactic of blocks.tactics) {
        if (tactic.budget) yield tactic.budget;
        if (tactic.fee) yield tactic.fee;
    }
    for (const campaign of blocks.campaigns) if (campaign.budget) yield campaign.budget;
}

/** Builds and caches the plan model of each document, once per build. */
export class PlanModelProvider {
    protected readonly imports: ImportResolver;
    protected readonly cache: WorkspaceCache<string, PlanModel>;
    protected readonly lookups: PlanLookups;
    protected readonly settings: SettingsProvider;

    constructor(services: MplanServices) {
        this.imports = services.references.ImportResolver;
        this.settings = services.config.SettingsProvider;
        this.settings.onChange(() => this.cache.clear());
        this.cache = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
        const scopes = services.references.ScopeProvider;
        const reflection = services.shared.AstReflection;
        const index = services.shared.workspace.IndexManager;
        this.lookups = {
            scopeOf: info => scopes.getScope(info),
            named: (document, type, name) => scopes.getScopeForType(document, type).named(name),
            referenceType: info => reflection.getReferenceType(info),
            declaredAnywhere: (type, name) => index.allElements(type).filter(d => d.name === name).toArray(),
            closure: document => this.imports.closure(document),
            blocksOf: document => this.get(document).own,
            planBlocksOf: document => this.get(document).all,
            importers: document => this.imports.importers(document),
            resolveImports: document => this.imports.resolveImports(document),
            mayImport: (from, target) => this.imports.mayImport(from, target),
            cycleThrough: (document, start) => this.imports.cycleThrough(document, start)
        };
    }

    get(document: LangiumDocument<Document>): PlanModel {
        return this.cache.get(document.uri.toString(), () => new PlanModel(document, this.imports.closure(document), this.lookups, this.settings.get()));
    }
}

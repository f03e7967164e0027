/**
 * The plan report as plain JSON: what `mplan report` renders to HTML or
 * Markdown and what the language server sends to the VS Code preview
 * (`mplan/planReport`). Types and constants only, no code that needs Langium
 * or Node, so the extension's bundle can import it.
 *
 * Money: every amount is in the plan's currency (`PlanReport.currency`: the
 * plan's `currency` fact, else the currency of its first amount). Amounts in
 * another currency are never converted nor added: each row lists them in
 * `other`. A missing amount (a tactic or campaign without a budget) counts as
 * nothing and is named in the row's `unbudgeted`, or left undefined. A
 * budget given per month (or week, quarter, …) counts as its total over the
 * block's period; one without a period has no total, counts as nothing and
 * is named in the row's `uncounted`.
 *
 * Names: an item that is a block (a strategy, campaign, tactic, funnel)
 * carries its `name` as written and its display `title` (`campaign Launch
 * "Spring launch"`), undefined when it has none; the report shows the title
 * where there is one. Lists of blocks (`tactics`, `unbudgeted`, `focus`, a
 * timeline item's `campaign`) name each as the report shows it: its title,
 * else its name.
 */
import type { Area, Severity } from '../rules/rule.js';

/** The custom LSP request of the preview: params `PlanReportParams`, result `PlanReport | null`. */
export const PLAN_REPORT_REQUEST = 'mplan/planReport';

/** The params of `mplan/planReport`: the document to report on. */
export interface PlanReportParams {
    uri: string;
}

/** A position in a file, zero-based, as in LSP. */
export interface Position {
    line: number;
    character: number;
}

/** Where an item is written: the file's URI and the range of its block or fact (zero-based, as in LSP). */
export interface SourceLocation {
    uri: string;
    range: { start: Position; end: Position };
}

/** An amount of money. */
export interface Amount {
    amount: number;
    currency: string;
}

export interface PlanReport {
    /** Bumped when the shape changes incompatibly. */
    version: 1;
    /** The plan file the report is about. */
    uri: string;
    /** The day date-dependent rules judged by (YYYY-MM-DD). */
    asOf: string;
    /** The currency every amount of the report is in; undefined when the plan states no money at all. */
    currency: string | undefined;
    plan: PlanSummary;
    budget: BudgetReport;
    timeline: Timeline;
    funnel: FunnelReport;
    /** The automated flows of the plan, each as a timeline: trigger, steps with their delays, stop. */
    flows: FlowReport[];
    money: MoneyOverTime;
    /** Each market of the plan, the laws the compliance rules check there and what they found. */
    compliance: ComplianceReport;
    readiness: Readiness;
    findings: FindingsReport;
}

export interface PlanSummary {
    name: string;
    /** The plan's display title (`plan CoffeeClub "Coffee Club, year one"`): the report's heading when there is one. */
    title: string | undefined;
    goal: string | undefined;
    /** Each objective and KPI of the plan's strategies, judged against the projection (see MoneyOverTime). */
    objectives: ObjectiveLine[];
    /** The `currency` fact, when the plan declares one (else `PlanReport.currency` came from the first amount). */
    currencyDeclared: boolean;
    /** The plan's exchange rates (`rate 1 EUR = 1.08 USD as of 2027-01-01`), as written, in the plan's order. */
    rates: ExchangeRateLine[];
    /** The plan's focus products, as shown (title, else name). */
    focus: string[];
    /** How often the plan is revisited, in words ("every quarter"), when it says. */
    revisit: string | undefined;
    /** The earliest start and the latest end of the dated campaigns and tactics, when there are any. */
    period: { start: string; end: string } | undefined;
    /** The campaigns' budgets added up. */
    totalBudget: Total;
    /** What the campaigns' tactics cost (each campaign's `campaignSpend`) added up. */
    plannedSpend: Total;
    /** The budgets of every tactic of the plan, whether a campaign runs it or not. */
    tacticBudgets: Total;
    counts: BlockCounts;
    /** Findings of every rule in the plan's files (the plan and what it imports), by severity. */
    findings: { error: number; warning: number; info: number };
    location: SourceLocation | undefined;
}

/** A declared exchange rate. */
export interface ExchangeRateLine {
    /** "1 EUR = 1.08 USD" */
    text: string;
    /** The day the rate holds (YYYY-MM-DD), as written; undefined where a syntax error cut it off. */
    asOf: string | undefined;
    location: SourceLocation | undefined;
}

/** A figure that may be uncertain: both ends, low first (equal when the plan gives one number). */
export interface Span {
    low: number;
    high: number;
}

/** An objective or KPI, and whether the projection reaches its target. */
export interface ObjectiveLine {
    kind: 'objective' | 'kpi';
    /** The objective's words, as written. */
    text: string;
    /** The strategy it is part of (title, else name). */
    strategy: string;
    /** The metric word, as written. */
    metric: string | undefined;
    /** The judgement; undefined when it cannot be judged (`line` says why). */
    judged: {
        verdict: 'reached' | 'not reached' | 'uncertain';
        direction: 'at least' | 'at most';
        /** In the metric's unit (a share as a fraction: 0.02 is 2%). */
        target: number;
        projected: Span;
        /** YYYY-MM-DD; undefined for a KPI judged over the months projected. */
        deadline: string | undefined;
    } | undefined;
    /**
     * The judgement as the report words it: "reached by 2027-12-31 (projected
     * 1,240 of 1,000 customers)", "uncertain by 2027-12-31: projected 700 to
     * 1,300 of 1,000 customers", or "not judged: …" and why.
     */
    line: string;
    location: SourceLocation | undefined;
}

/** A sum in the plan currency, and what was left out of it because it is in another currency. */
export interface Total {
    amount: number;
    other: Amount[];
}

export interface BlockCounts {
    /** The plan file and every file it imports. */
    files: number;
    products: number;
    segments: number;
    competitors: number;
    research: number;
    strategies: number;
    tactics: number;
    campaigns: number;
    funnels: number;
    offers: number;
    audiences: number;
    markets: number;
    flows: number;
}

/** One bar of a budget chart. */
export interface BudgetRow {
    /** A strategy's, channel's or campaign's name; `null` for the row of tactics that have none. */
    name: string | null;
    /** A strategy's display title, when it has one. */
    title: string | undefined;
    /** In the plan currency. */
    amount: number;
    /** Share of the chart's total (0 to 1); 0 when the total is 0. */
    share: number;
    /** Amounts in another currency, not added. */
    other: Amount[];
    /** The tactics counted in this row, by name. */
    tactics: string[];
    /** Tactics of this row that state no budget (counted as nothing). */
    unbudgeted: string[];
    /** Tactics of this row with a budget per month (week, …) but no period, so no total (counted as nothing). */
    uncounted: string[];
    location: SourceLocation | undefined;
}

/** A campaign's budget against what the tactics it runs cost. */
export interface CampaignBudgetRow {
    name: string;
    title: string | undefined;
    /** The campaign's budget in all, in the plan currency; undefined when it states none, states it in another currency, or states it per month without a period. */
    budget: number | undefined;
    /** A budget given per month (week, quarter, …), as written: the report shows "1,500 USD per month (4,500 USD in all)". */
    budgetPer: { amount: Amount; per: string } | undefined;
    /** The budget, when it is in another currency. */
    budgetOther: Amount | undefined;
    /** What its tactics cost, in the plan currency (`campaignSpend`). */
    spend: number;
    /** What its tactics cost in other currencies, not added. */
    spendOther: Amount[];
    /** Budget minus spend, when both are known in one currency; negative when overrun. */
    left: number | undefined;
    /** Spend over budget (1.2 is 120%), when the budget is more than zero. */
    ratio: number | undefined;
    tactics: string[];
    unbudgeted: string[];
    uncounted: string[];
    location: SourceLocation | undefined;
}

export interface BudgetReport {
    /**
     * Tactic budgets by the strategy each tactic serves. A tactic that serves
     * several strategies is shared equally among them, so the rows add up to
     * the tactics' budgets; tactics that serve none are the row named null.
     */
    byStrategy: BudgetRow[];
    /** Tactic budgets by channel; tactics without a channel are the row named null. */
    byChannel: BudgetRow[];
    /** Tactic budgets by the kind of media of their channel: `paid`, `owned`, `earned` (model/channels.ts), in that order; tactics without a channel are the row named null. */
    byMedia: BudgetRow[];
    /** Tactic budgets online and offline, in that order; tactics without a channel are the row named null. */
    byPlace: BudgetRow[];
    byCampaign: CampaignBudgetRow[];
}

export type TimelineKind = 'campaign' | 'tactic';

/** A campaign or a tactic on the timeline. */
export interface TimelineItem {
    kind: TimelineKind;
    name: string;
    title: string | undefined;
    /** For a tactic, the campaign it is shown under (undefined: no campaign runs it). */
    campaign: string | undefined;
    /** The dates as the plan states them (YYYY-MM-DD); both set for a dated item. */
    start: string | undefined;
    end: string | undefined;
    /** A campaign's review date. */
    review: string | undefined;
    /** Why an item is not on the chart: no period, a date that does not exist, an end before the start. */
    undatedReason: string | undefined;
    location: SourceLocation | undefined;
}

export interface Timeline {
    /** The dated items: each campaign followed by the tactics it runs, then tactics no campaign runs. */
    items: TimelineItem[];
    /** Items without a usable period, in the same order. */
    undated: TimelineItem[];
    /** The first and last day of the dated items. */
    start: string | undefined;
    end: string | undefined;
}

/** The stages of a funnel, in order. */
export type FunnelStageName = 'visitors' | 'leads' | 'customers' | 'repeat';

export interface FunnelStage {
    stage: FunnelStageName;
    /** How the stage reads: "visitors", "leads", "customers", "repeat buyers". */
    label: string;
    /** Whether the funnel has this stage (see `FunnelReport`). */
    declared: boolean;
    /** What makes the stage, as the plan writes it (`collect leads by optin form offering ebook "10 meeting menus"`). */
    how: string[];
    /** The expected rate from this stage to the next declared one, in percent. */
    rateToNext: number | undefined;
    /** The people the funnel expects at this stage per `FunnelView.per`, from the visitors and the rates. */
    expected: number | undefined;
    location: SourceLocation | undefined;
}

export interface FunnelView {
    /** The funnel's name, when it has one. */
    name: string | undefined;
    title: string | undefined;
    /** The unit of `visitors N per month` ("month"), when given. */
    per: string | undefined;
    /** How soon it honours an opt-out, as written ("2 business days"); undefined when it does not say. */
    unsubscribeWithin: string | undefined;
    stages: FunnelStage[];
    location: SourceLocation | undefined;
}

/**
 * The funnels of the plan, from visitors to repeat buyers. A funnel has
 * visitors when it counts them, leads when it collects them, customers when a
 * closing step asks for the sale, repeat buyers when it upsells or has a
 * loyalty offer; and any stage a conversion line names.
 */
export interface FunnelReport {
    funnels: FunnelView[];
    /** Stages no funnel of the plan has. */
    missing: FunnelStageName[];
}

/**
 * How an area reads: `scored` (`score` holds it; 100 means no finding in the
 * area), `not assessed` (the plan declares nothing the area's rules read,
 * readiness.ts AREA_BLOCKS; its findings are still counted), `not judged`
 * (every rule of the area is turned off).
 */
export type ReadinessStatus = 'scored' | 'not assessed' | 'not judged';

/** The readiness of one area of the plan. */
export interface AreaReadiness {
    area: Area;
    title: string;
    status: ReadinessStatus;
    /** 0 to 100 (see readiness.ts) when scored; undefined when not assessed or not judged. */
    score: number | undefined;
    /** When not assessed, what the plan lacks: "no segment", "no competitor or research block". */
    lacks: string | undefined;
    /** Rules of the area that are on. */
    rules: number;
    /** Findings of those rules, by severity. */
    findings: { error: number; warning: number; info: number };
}

export interface Readiness {
    areas: AreaReadiness[];
    /** The formula, in words, for the reader. */
    formula: string;
    /** When an area is not assessed or not judged, in words. */
    notAssessed: string;
}

/**
 * Money over time: what the plan's funnel projects month by month from the
 * plan's own figures (src/language/model/economics.ts). Every figure that
 * rests on a range is a Span: the low end from the pessimistic ends.
 */
export interface MoneyOverTime {
    /** The months projected, from the first month of spend (the `horizonMonths` setting). */
    horizonMonths: number;
    /** Each funnel of the plan: its projection, or what it lacks for one. */
    funnels: FunnelMoney[];
    /** When the plan has no funnel: what is missing, in one line. */
    missing: string | undefined;
}

export interface FunnelMoney {
    name: string | undefined;
    title: string | undefined;
    /** What the plan lacks for a projection, in one line ("no funnel counts visitors per month: …"); undefined when projected. */
    missing: string | undefined;
    projection: ProjectedMoney | undefined;
    location: SourceLocation | undefined;
}

export interface ProjectedMoney {
    /** The currency of every amount of the projection (the product's price). */
    currency: string;
    /** The product customers buy (title, else name) and its price ("20 USD per month"). */
    product: string;
    price: string | undefined;
    /** A product priced by tiers: each with its price and share ("Solo at 15 EUR per month, 75% of buyers"). */
    tiers: string[];
    /** Its prices in some markets, as written with the markets' names ("34 EUR in EU", "52 CAD per month in CA"); the projection reads `price`. */
    marketPrices: string[];
    /** How people reach the first purchase: "10,000 visitors a month, then subscribers 2%: 200 subscribers a month". */
    basis: string;
    /** What the spend is: the campaigns' budgets (or their tactics') or, without campaigns, the tactics' budgets. */
    spendWhat: string;
    months: MoneyMonth[];
    total: { spend: number; customers: Span; revenue: Span; margin: Span | undefined };
    /** Each campaign's spend and the customers, revenue and margin its share of the spend wins, month by month. */
    campaigns: CampaignMoney[];
    unit: UnitEconomics;
    /** What the projection leaves out, and why ("MonthlyBeans states no retention or churn: only its first payment is counted"). */
    notes: string[];
}

export interface MoneyMonth {
    /** YYYY-MM. */
    month: string;
    spend: number;
    /** Paying customers won this month. */
    customers: Span;
    /** Subscribers still paying at the month's end (a recurring product with a retention or churn). */
    active: Span | undefined;
    revenue: Span;
    /** Undefined when the product states neither a margin nor a unit cost. */
    margin: Span | undefined;
}

export interface CampaignMoney {
    name: string;
    title: string | undefined;
    spend: number;
    customers: Span;
    revenue: Span;
    margin: Span | undefined;
    cac: Span | undefined;
    location: SourceLocation | undefined;
}

export interface UnitEconomics {
    /** Cost to acquire one paying customer: spend over customers won. */
    cac: Span | undefined;
    /** What one customer brings in over `ltvMonths`: margin when the product gives one, else revenue (`ltvBasis`). */
    ltv: Span;
    ltvBasis: 'margin' | 'revenue';
    ltvMonths: number;
    ltvToCac: Span | undefined;
    /** Months until a customer's margin (or revenue) pays back the CAC; an end is undefined when it does not within `paybackLimit` months. */
    payback: { low: number | undefined; high: number | undefined } | undefined;
    paybackLimit: number;
}

/** One finding, where it is and what it says. */
export interface ReportFinding {
    severity: Severity;
    message: string;
    /** The file as the plan names it (relative to the plan's folder). */
    file: string;
    /** 1-based, as editors show it. */
    line: number;
    column: number;
    location: SourceLocation;
}

/** A rule with findings, with what the reader needs to act on them. */
export interface RuleFindings {
    id: string;
    description: string;
    /** Why the rule matters (the first paragraph of its docs page's "Why"); undefined when the page is not at hand. */
    rationale: string | undefined;
    docsUrl: string;
    findings: ReportFinding[];
}

export interface AreaFindings {
    area: Area;
    title: string;
    rules: RuleFindings[];
}

export interface FindingsReport {
    /** Areas with findings, in the registry's order. */
    areas: AreaFindings[];
}

/** One step of a flow on its timeline. */
export interface FlowStepLine {
    /** When it goes out, as the timeline reads it: "at once", "after 1 hour", "day 3". */
    when: string;
    /** Minutes after the trigger; each step's delay counts from the step before. */
    at: number;
    subject: string | undefined;
    contents: string[];
    location: SourceLocation | undefined;
}

/** An automated flow: what starts it, its steps with their delays, what stops it. */
export interface FlowReport {
    name: string;
    title: string | undefined;
    /** email, sms, push or messaging; undefined when the flow does not say. */
    channel: string | undefined;
    trigger: string | undefined;
    /** The segments and audiences it reaches, by name. */
    audience: string[];
    steps: FlowStepLine[];
    /** What ends it; empty when nothing does (flow-without-stop). */
    stops: string[];
    /** The hours it sends in, as written. */
    hours: string | undefined;
    /** How soon it honours an opt-out, as written ("2 business days"); undefined when it does not say. */
    unsubscribeWithin: string | undefined;
    /** The most of its steps within any seven days. */
    busiestWeek: number;
    location: SourceLocation | undefined;
}

/**
 * The compliance section: per market, the provisions the compliance rules
 * check there (model/markets.ts LAWS) and the findings reported for it. A
 * compliance finding carries the markets it is reported for
 * (`data.markets`, rules/compliance-util.ts complianceData); it is listed
 * under each of them, against the provision of its jurisdiction.
 */
export interface ComplianceReport {
    markets: MarketCompliance[];
    /** When the plan names no market: the one line saying no law-specific check ran. */
    none: string | undefined;
    /** Always there: "Not legal advice: …". */
    disclaimer: string;
}

/** A country or region code and its name: DE, "Germany". */
export interface NamedCode {
    code: string;
    name: string;
}

export interface MarketCompliance {
    name: string;
    title: string | undefined;
    /** The codes it covers (its `countries`, else its name when that is a code). */
    countries: NamedCode[];
    /** The jurisdictions mplan has rules for that those codes fall under (US, CA, EU, UK). */
    jurisdictions: NamedCode[];
    /** Its languages, as codes with their names. */
    languages: NamedCode[];
    currency: string | undefined;
    /** Its time zones, as written. */
    zones: string[];
    /** The prices products state for it ("Mug: 34 EUR"). */
    prices: string[];
    /** The provisions checked in it, in the order of LAWS; empty when it falls under no jurisdiction mplan knows. */
    laws: MarketLaw[];
    location: SourceLocation | undefined;
}

/**
 * Whether a provision is checked: `in force` on the as-of day; `not yet`
 * (it applies from a later day: blocks that run from then on are checked);
 * `pack off` (its jurisdiction is switched off in mplan.json `packs`);
 * `rule off` (the rule is off in the settings).
 */
export type LawStatus = 'in force' | 'not yet' | 'pack off' | 'rule off';

/** One provision in one market, and what its rule found there. */
export interface MarketLaw {
    rule: string;
    /** The rule's description; empty when the registry does not know the rule. */
    description: string;
    /** Its docs page; empty when the registry does not know the rule (no page to link to). */
    docsUrl: string;
    jurisdiction: string;
    law: string;
    article: string;
    /** The first day it applies, YYYY-MM-DD. */
    from: string;
    status: LawStatus;
    findings: ReportFinding[];
}

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
 * nothing and is named in the row's `unbudgeted`, or left undefined.
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
    readiness: Readiness;
    findings: FindingsReport;
}

export interface PlanSummary {
    name: string;
    goal: string | undefined;
    /** The `currency` fact, when the plan declares one (else `PlanReport.currency` came from the first amount). */
    currencyDeclared: boolean;
    /** The plan's focus products, by name. */
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
}

/** One bar of a budget chart. */
export interface BudgetRow {
    /** A strategy's, channel's or campaign's name; `null` for the row of tactics that have none. */
    name: string | null;
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
    location: SourceLocation | undefined;
}

/** A campaign's budget against what the tactics it runs cost. */
export interface CampaignBudgetRow {
    name: string;
    /** The campaign's budget in the plan currency; undefined when it states none or states it in another currency. */
    budget: number | undefined;
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
    byCampaign: CampaignBudgetRow[];
}

export type TimelineKind = 'campaign' | 'tactic';

/** A campaign or a tactic on the timeline. */
export interface TimelineItem {
    kind: TimelineKind;
    name: string;
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
    /** The unit of `visitors N per month` ("month"), when given. */
    per: string | undefined;
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

/** The readiness of one area of the plan. */
export interface AreaReadiness {
    area: Area;
    title: string;
    /** 0 to 100 (see readiness.ts); undefined when every rule of the area is turned off. */
    score: number | undefined;
    /** Rules of the area that are on. */
    rules: number;
    /** Findings of those rules, by severity. */
    findings: { error: number; warning: number; info: number };
}

export interface Readiness {
    areas: AreaReadiness[];
    /** The formula, in words, for the reader. */
    formula: string;
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

/**
 * The plan report of a built plan file: read from its plan model (the sums
 * are the model's: `campaignSpend`, `amountOf`) and from the diagnostics the
 * rules published on the plan's files. The CLI renders it, the language
 * server sends it to the preview; both build it here.
 */
import { AstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Campaign, Document, Funnel, Tactic } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import { amountOf, campaignSpend, tacticsRun, type PlanModel } from '../model/plan-model.js';
import { dayNumber, MoneySum, type Amount } from '../model/values.js';
import { RULES, ruleById, type Area, type Rule, type Severity } from '../rules/index.js';
import { publicRuleDocsUrl } from '../config/rule-docs.js';
import { ruleLevel } from '../config/settings.js';
import { AREA_TITLES, READINESS_FORMULA, readinessScore } from './readiness.js';
import { ruleRationale } from './rationale.js';
import type {
    AreaFindings, AreaReadiness, BudgetRow, CampaignBudgetRow, FunnelReport, FunnelStage, FunnelView, PlanReport,
    ReportFinding, SourceLocation, Timeline, TimelineItem, Total
} from './report-data.js';
import { isoDay } from '../model/periods.js';
import { STAGES, stageName, stageOf, type Stage } from '../model/funnel-stages.js';

/**
 * The report of a plan file, once it is built (linked and validated);
 * undefined for a library (a file without a plan block), which has no plan
 * to report on.
 */
export async function buildPlanReport(services: MplanServices, document: LangiumDocument): Promise<PlanReport | undefined> {
    const model = services.model.PlanModelProvider.get(document as LangiumDocument<Document>);
    const plan = model.plan;
    if (!plan) return undefined;
    const currency = model.currency?.code;
    const findings = findingsOf(model);
    const timeline = timelineOf(model);
    const blocks = model.all;
    const totalBudget = new MoneySum(), plannedSpend = new MoneySum(), tacticBudgets = new MoneySum();
    for (const campaign of blocks.campaigns) {
        totalBudget.add(amountOf(campaign.budget));
        for (const amount of amounts(campaignSpend(campaign))) plannedSpend.add(amount);
    }
    for (const tactic of blocks.tactics) tacticBudgets.add(amountOf(tactic.budget));
    const counted = { error: 0, warning: 0, info: 0 };
    for (const finding of findings) counted[finding.severity]++;
    return {
        version: 1,
        uri: document.uri.toString(),
        asOf: isoDay(model.asOf),
        currency,
        plan: {
            name: nameOf(plan),
            goal: plan.goal,
            currencyDeclared: model.currency?.declared ?? false,
            focus: plan.focus.map(ref => ref.$refText),
            revisit: plan.revisit ? sourceText(plan.revisit.$cstNode) : undefined,
            period: timeline.start && timeline.end ? { start: timeline.start, end: timeline.end } : undefined,
            totalBudget: total(totalBudget, currency),
            plannedSpend: total(plannedSpend, currency),
            tacticBudgets: total(tacticBudgets, currency),
            counts: {
                files: model.files.length,
                products: blocks.products.length,
                segments: blocks.segments.length,
                competitors: blocks.competitors.length,
                research: blocks.research.length,
                strategies: blocks.strategies.length,
                tactics: blocks.tactics.length,
                campaigns: blocks.campaigns.length,
                funnels: blocks.funnels.length,
                offers: blocks.offers.length
            },
            findings: counted,
            location: locationOf(plan)
        },
        budget: {
            byStrategy: byStrategy(model, currency),
            byChannel: byChannel(model, currency),
            byCampaign: blocks.campaigns.map(campaign => campaignRow(campaign, currency))
        },
        timeline,
        funnel: funnelOf(model),
        readiness: { areas: readinessOf(model, findings), formula: READINESS_FORMULA },
        findings: { areas: await groupFindings(services, findings) }
    };
}

/** Where a node is written, for the preview to reveal it. */
function locationOf(node: AstNode | undefined, cst: CstNode | undefined = node?.$cstNode): SourceLocation | undefined {
    if (!node || !cst) return undefined;
    return { uri: AstUtils.getDocument(node).uri.toString(), range: cst.range };
}

/** The source text of a node on one line, as the plan writes it. */
function sourceText(cst: CstNode | undefined): string | undefined {
    return cst?.text.replace(/\s+/g, ' ').trim();
}

function amounts(sum: MoneySum): Amount[] {
    return [...sum.byCurrency].map(([currency, amount]) => ({ amount, currency }));
}

/** A sum in the plan currency, with what is in other currencies kept apart. */
function total(sum: MoneySum, currency: string | undefined): Total {
    return {
        amount: cents(currency ? sum.in(currency) : 0),
        other: amounts(sum).filter(a => a.currency !== currency).map(a => ({ ...a, amount: cents(a.amount) }))
    };
}

function cents(value: number): number {
    return Math.round(value * 100) / 100;
}

/**
 * A block's name as the report shows it. The grammar requires one, but a
 * block being typed (`campaign {`) has none yet: the report then shows an
 * empty name rather than failing on the whole plan.
 */
function nameOf(block: { name?: string }): string {
    return block.name ?? '';
}

/** A bar being filled: tactic budgets in the plan currency and, apart, in others. */
interface RowBuilder {
    name: string | null;
    node: AstNode | undefined;
    sum: MoneySum;
    tactics: string[];
    unbudgeted: string[];
}

function rowBuilder(name: string | null, node: AstNode | undefined): RowBuilder {
    return { name, node, sum: new MoneySum(), tactics: [], unbudgeted: [] };
}

/** Counts `part` of a tactic's budget (1 for all of it) in a row. */
function addTactic(row: RowBuilder, tactic: Tactic, part: number): void {
    row.tactics.push(nameOf(tactic));
    const budget = amountOf(tactic.budget);
    if (budget) row.sum.add({ amount: budget.amount * part, currency: budget.currency });
    else row.unbudgeted.push(nameOf(tactic));
}

/** The rows, with each one's share of what they add up to in the plan currency. */
function finishRows(rows: RowBuilder[], currency: string | undefined): BudgetRow[] {
    const built = rows.map(row => ({ row, total: total(row.sum, currency) }));
    const all = built.reduce((sum, { total }) => sum + total.amount, 0);
    return built.map(({ row, total }) => ({
        name: row.name,
        amount: total.amount,
        share: all > 0 ? total.amount / all : 0,
        other: total.other,
        tactics: row.tactics,
        unbudgeted: row.unbudgeted,
        location: locationOf(row.node)
    }));
}

/** Tactic budgets by strategy: every strategy of the plan, a tactic serving several shared equally, then tactics serving none. */
function byStrategy(model: PlanModel, currency: string | undefined): BudgetRow[] {
    const rows = new Map(model.all.strategies.map(strategy => [strategy, rowBuilder(nameOf(strategy), strategy)]));
    const none = rowBuilder(null, undefined);
    for (const tactic of model.all.tactics) {
        const served = [...new Set(tactic.serves.map(ref => ref.ref).filter(strategy => strategy !== undefined))];
        if (served.length === 0) addTactic(none, tactic, 1);
        for (const strategy of served) {
            let row = rows.get(strategy);
            if (!row) rows.set(strategy, row = rowBuilder(nameOf(strategy), strategy));
            addTactic(row, tactic, 1 / served.length);
        }
    }
    return finishRows([...rows.values(), ...(none.tactics.length > 0 ? [none] : [])], currency);
}

/** Tactic budgets by channel, channels in the order the plan first uses them, then tactics without a channel. */
function byChannel(model: PlanModel, currency: string | undefined): BudgetRow[] {
    const rows = new Map<string, RowBuilder>();
    const none = rowBuilder(null, undefined);
    for (const tactic of model.all.tactics) {
        if (!tactic.channel) {
            addTactic(none, tactic, 1);
            continue;
        }
        let row = rows.get(tactic.channel);
        if (!row) rows.set(tactic.channel, row = rowBuilder(tactic.channel, undefined));
        addTactic(row, tactic, 1);
    }
    return finishRows([...rows.values(), ...(none.tactics.length > 0 ? [none] : [])], currency);
}

/** A campaign's budget against its spend (`campaignSpend`), both in the plan currency. */
function campaignRow(campaign: Campaign, currency: string | undefined): CampaignBudgetRow {
    const budget = amountOf(campaign.budget);
    const spend = total(campaignSpend(campaign), currency);
    const inPlanCurrency = budget !== undefined && budget.currency === currency;
    const comparable = inPlanCurrency && spend.other.length === 0;
    const tactics = tacticsRun(campaign);
    return {
        name: nameOf(campaign),
        budget: inPlanCurrency ? budget.amount : undefined,
        budgetOther: budget && !inPlanCurrency ? budget : undefined,
        spend: spend.amount,
        spendOther: spend.other,
        left: comparable ? cents(budget.amount - spend.amount) : undefined,
        ratio: comparable && budget.amount > 0 ? spend.amount / budget.amount : undefined,
        tactics: tactics.map(nameOf),
        unbudgeted: tactics.filter(tactic => !amountOf(tactic.budget)).map(nameOf),
        location: locationOf(campaign)
    };
}

/** Why a block's period cannot be drawn, or undefined when it can. */
function undatedReason(block: Campaign | Tactic): string | undefined {
    const period = block.period;
    if (!period?.start || !period.end) return 'no period';
    for (const date of [period.start, period.end]) {
        if (dayNumber(date) === undefined) return `${date} is not a day`;
    }
    return period.end < period.start ? 'ends before it starts' : undefined;
}

function timelineItem(block: Campaign | Tactic, campaign: Campaign | undefined): TimelineItem {
    const reason = undatedReason(block);
    return {
        kind: block.$type === 'Campaign' ? 'campaign' : 'tactic',
        name: nameOf(block),
        campaign: campaign ? nameOf(campaign) : undefined,
        start: block.period?.start,
        end: block.period?.end,
        review: block.$type === 'Campaign' ? (block as Campaign).review : undefined,
        undatedReason: reason,
        location: locationOf(block)
    };
}

/** Each campaign followed by the tactics it runs, then the tactics no campaign runs; items without a usable period apart. */
function timelineOf(model: PlanModel): Timeline {
    const all: TimelineItem[] = [];
    for (const campaign of model.all.campaigns) {
        all.push(timelineItem(campaign, undefined));
        for (const tactic of tacticsRun(campaign)) all.push(timelineItem(tactic, campaign));
    }
    for (const tactic of model.all.tactics) {
        if (!model.campaignsRunning.has(tactic)) all.push(timelineItem(tactic, undefined));
    }
    const items = all.filter(item => !item.undatedReason);
    const starts = items.map(item => item.start!).sort();
    const ends = items.map(item => item.end!).sort();
    return { items, undated: all.filter(item => item.undatedReason), start: starts[0], end: ends.at(-1) };
}

/** The stages of one funnel, what makes each, the rates between them and the people they imply. */
function funnelView(funnel: Funnel): FunnelView {
    const evidence = new Map<Stage, Array<{ text: string; node: AstNode; cst: CstNode | undefined }>>(STAGES.map(stage => [stage, []]));
    const named = new Set<Stage>();
    const add = (stage: Stage, node: AstNode, cst: CstNode | undefined = node.$cstNode) => {
        const text = sourceText(cst);
        if (text) evidence.get(stage)!.push({ text, node, cst });
    };
    if (funnel.visitors !== undefined) {
        const cst = GrammarUtils.findNodeForProperty(funnel.$cstNode, 'visitors');
        const per = funnel.visitorsPer ? ` per ${funnel.visitorsPer}` : '';
        evidence.get('visitors')!.push({ text: `visitors ${sourceText(cst) ?? funnel.visitors}${per}`, node: funnel, cst });
    }
    for (const capture of funnel.captures) add('leads', capture);
    for (const close of funnel.closes) add('customers', close);
    for (const upsell of funnel.upsells) add('repeat', upsell);
    funnel.loyalty.forEach((_, index) => {
        const cst = GrammarUtils.findNodeForProperty(funnel.$cstNode, 'loyalty', index);
        if (cst) evidence.get('repeat')!.push({ text: `loyalty ${sourceText(cst)}`, node: funnel, cst });
    });
    for (const conversion of funnel.conversions) {
        for (const word of [conversion.from, conversion.to]) {
            const stage = stageOf(word);
            if (stage) named.add(stage);
        }
    }
    const declared = STAGES.filter(stage => named.has(stage) || evidence.get(stage)!.length > 0);
    const stages: FunnelStage[] = [];
    let expected = funnel.visitors;
    for (const stage of STAGES) {
        const isDeclared = declared.includes(stage);
        const next = declared[declared.indexOf(stage) + 1];
        const conversion = isDeclared && next
            ? funnel.conversions.find(c => stageOf(c.from) === stage && stageOf(c.to) === next)
            : undefined;
        const first = evidence.get(stage)![0] ?? (conversion ? { node: conversion, cst: conversion.$cstNode } : undefined);
        stages.push({
            stage,
            label: stageName(stage),
            declared: isDeclared,
            how: evidence.get(stage)!.map(e => e.text),
            rateToNext: conversion?.rate,
            expected: isDeclared ? expected : undefined,
            location: first ? locationOf(first.node, first.cst) : undefined
        });
        if (isDeclared) expected = expected !== undefined && conversion ? expected * conversion.rate / 100 : undefined;
    }
    return { name: funnel.name, per: funnel.visitorsPer, stages, location: locationOf(funnel) };
}

function funnelOf(model: PlanModel): FunnelReport {
    const funnels = model.all.funnels.map(funnelView);
    const missing = STAGES.filter(stage => !funnels.some(view => view.stages.some(s => s.stage === stage && s.declared)));
    return { funnels, missing };
}

/** A finding of a rule that is on, in one of the plan's files. */
interface PlacedFinding extends ReportFinding {
    rule: Rule;
}

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info' };

/** The findings of the rules that are on, in every file of the plan (the plan file first), each file's by line. */
function findingsOf(model: PlanModel): PlacedFinding[] {
    const found: PlacedFinding[] = [];
    for (const file of model.files) {
        const uri = file.uri.toString();
        const diagnostics = [...(file.diagnostics ?? [])].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        for (const diagnostic of diagnostics) {
            const rule = ruleById(String(diagnostic.code));
            if (!rule || ruleLevel(rule, model.settings) === 'off') continue;
            found.push({
                rule,
                severity: SEVERITIES[diagnostic.severity ?? 3] ?? 'info',
                message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
                file: model.pathOf(file.uri),
                line: diagnostic.range.start.line + 1,
                column: diagnostic.range.start.character + 1,
                location: { uri, range: diagnostic.range }
            });
        }
    }
    return found;
}

/** The registry's areas in catalogue order, each once. */
function areasOfRegistry(): Area[] {
    return [...new Set(RULES.map(rule => rule.area))];
}

/** The score of every area but the language (which judges the text, not the plan), from the findings of its rules that are on. */
function readinessOf(model: PlanModel, findings: PlacedFinding[]): AreaReadiness[] {
    return areasOfRegistry().filter(area => area !== 'language').map(area => {
        const active = RULES.filter(rule => rule.area === area && ruleLevel(rule, model.settings) !== 'off');
        const byRule = new Map<string, Severity[]>();
        const counted = { error: 0, warning: 0, info: 0 };
        for (const finding of findings) {
            if (finding.rule.area !== area) continue;
            counted[finding.severity]++;
            const list = byRule.get(finding.rule.id) ?? [];
            list.push(finding.severity);
            byRule.set(finding.rule.id, list);
        }
        return {
            area,
            title: AREA_TITLES[area],
            score: active.length > 0 ? readinessScore(byRule) : undefined,
            rules: active.length,
            findings: counted
        };
    });
}

/** The findings by area and rule, both in the registry's order, with each rule's description, rationale and docs. */
async function groupFindings(services: MplanServices, findings: PlacedFinding[]): Promise<AreaFindings[]> {
    const areas: AreaFindings[] = [];
    for (const area of areasOfRegistry()) {
        const rules = RULES.filter(rule => rule.area === area)
            .map(rule => ({ rule, findings: findings.filter(finding => finding.rule === rule) }))
            .filter(entry => entry.findings.length > 0);
        if (rules.length === 0) continue;
        areas.push({
            area,
            title: AREA_TITLES[area],
            rules: await Promise.all(rules.map(async ({ rule, findings }) => ({
                id: rule.id,
                description: rule.description,
                rationale: await ruleRationale(services, rule.id),
                docsUrl: publicRuleDocsUrl(rule.id),
                findings: findings.map(({ rule: _rule, ...finding }) => finding)
            })))
        });
    }
    return areas;
}

/**
 * The plan report of a built plan file: read from its plan model (the sums
 * are the model's: `campaignSpend`, `budgetTotal`; the projection and the
 * objectives' verdicts are economics.ts's and objectives.ts's) and from the
 * diagnostics the rules published on the plan's files. The CLI renders it,
 * the language server sends it to the preview; both build it here.
 */
import { AstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Campaign, Document, ExchangeRate, Flow, Funnel, Market, MarketPrice, Objective, OptOutDelay, Price, Product, Tactic } from '../generated/ast.js';
import { channelFacts, type ChannelFacts } from '../model/channels.js';
import { busiestWeek, schedule, whenText } from '../model/flows.js';
import type { MplanServices } from '../mplan-module.js';
import { amountOf, campaignSpend, tacticsRun, type PlanModel } from '../model/plan-model.js';
import { dayNumber, formatMoney, MoneySum, type Amount, type Rates } from '../model/values.js';
import { budgetTotal, statesCost, tacticCosts, unitName } from '../model/budgets.js';
import { isRecurring, projectFunnel, type Projection } from '../model/economics.js';
import { projectionGap } from '../model/projection-gaps.js';
import { judgeObjective, metricKind, type ObjectiveJudgement } from '../model/objectives.js';
import { chainRate, readFunnel, roleOf, type Span } from '../model/funnel-reading.js';
import { formatNumber, percentText } from '../wording.js';
import { RULES, ruleById, type Area, type Rule, type Severity } from '../rules/index.js';
import { publicRuleDocsUrl } from '../config/rule-docs.js';
import { ruleLevel } from '../config/settings.js';
import { AREA_TITLES, declaresArea, nothingDeclared, READINESS_FORMULA, READINESS_NOT_ASSESSED, readinessScore } from './readiness.js';
import { ruleRationale } from './rationale.js';
import { people, spanText } from './wording.js';
import type {
    AreaFindings, AreaReadiness, BlockCounts, BudgetRow, CampaignBudgetRow, CampaignMoney, ComplianceReport, ExchangeRateLine, FlowReport,
    FunnelMoney, FunnelReport, FunnelStage, FunnelView, LawStatus, MarketCompliance, MoneyMonth, MoneyOverTime, ObjectiveLine, PlanReport,
    ProjectedMoney, ReportFinding, SourceLocation, Timeline, TimelineItem, Total
} from './report-data.js';
import { COMPLIANCE_RULES, countriesOf, countryName, inForceDuring, JURISDICTION_NAMES, jurisdictionsOf, languageName, LAWS, type Law } from '../model/markets.js';
import { isoDay } from '../model/periods.js';
import { STAGES, stageName, type Stage } from '../model/funnel-stages.js';

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
        totalBudget.add(budgetTotal(campaign));
        for (const amount of amounts(campaignSpend(campaign))) plannedSpend.add(amount);
    }
    for (const tactic of blocks.tactics) for (const total of tacticCosts(tactic).totals) tacticBudgets.add(total);
    const counted = { error: 0, warning: 0, info: 0 };
    for (const finding of findings) counted[finding.severity]++;
    const counts: BlockCounts = {
        files: model.files.length,
        products: blocks.products.length,
        segments: blocks.segments.length,
        competitors: blocks.competitors.length,
        research: blocks.research.length,
        strategies: blocks.strategies.length,
        tactics: blocks.tactics.length,
        campaigns: blocks.campaigns.length,
        funnels: blocks.funnels.length,
        offers: blocks.offers.length,
        audiences: blocks.audiences.length,
        markets: blocks.markets.length,
        flows: blocks.flows.length
    };
    return {
        version: 1,
        uri: document.uri.toString(),
        asOf: isoDay(model.asOf),
        currency,
        plan: {
            name: nameOf(plan),
            title: plan.title,
            goal: plan.goal,
            objectives: objectivesOf(model),
            currencyDeclared: model.currency?.declared ?? false,
            rates: plan.rates.map(rateLine),
            focus: plan.focus.map(ref => (ref.ref ? shownName(ref.ref) : ref.$refText)),
            revisit: plan.revisit ? sourceText(plan.revisit.$cstNode) : undefined,
            period: timeline.start && timeline.end ? { start: timeline.start, end: timeline.end } : undefined,
            totalBudget: total(totalBudget, currency, model.rates),
            plannedSpend: total(plannedSpend, currency, model.rates),
            tacticBudgets: total(tacticBudgets, currency, model.rates),
            counts,
            findings: counted,
            location: locationOf(plan)
        },
        budget: {
            byStrategy: byStrategy(model, currency),
            byChannel: byChannel(model, currency),
            byMedia: byChannelFact(model, currency, facts => facts.media, ['paid', 'owned', 'earned']),
            byPlace: byChannelFact(model, currency, facts => (facts.online ? 'online' : 'offline'), ['online', 'offline']),
            byCampaign: blocks.campaigns.map(campaign => campaignRow(campaign, currency, model.rates))
        },
        timeline,
        funnel: funnelOf(model),
        flows: blocks.flows.map(flowOf),
        money: moneyOf(model),
        compliance: complianceOf(model),
        readiness: { areas: readinessOf(model, findings, counts), formula: READINESS_FORMULA, notAssessed: READINESS_NOT_ASSESSED },
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

/** A sum in the plan currency (other currencies at the plan's declared rates), with what no rate converts kept apart. */
function total(sum: MoneySum, currency: string | undefined, rates: Rates): Total {
    let amount = 0;
    const other: Amount[] = [];
    for (const part of amounts(sum)) {
        const converted = currency ? rates.convert(part, currency) : undefined;
        if (converted) amount += converted.amount;
        else other.push({ ...part, amount: cents(part.amount) });
    }
    return { amount: cents(amount), other };
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

/** A block as the report shows it: its display title when it has one, else its name. */
function shownName(block: { name?: string; title?: string }): string {
    return block.title ?? nameOf(block);
}

/** A bar being filled: tactic budgets in the plan currency and, apart, in others. */
interface RowBuilder {
    name: string | null;
    title: string | undefined;
    node: AstNode | undefined;
    sum: MoneySum;
    tactics: string[];
    unbudgeted: string[];
    uncounted: string[];
}

function rowBuilder(name: string | null, node: AstNode | undefined, title?: string): RowBuilder {
    return { name, title, node, sum: new MoneySum(), tactics: [], unbudgeted: [], uncounted: [] };
}

/** Counts `part` of what a tactic pays in all (1 for all of it: budget, fee and commission) in a row. */
function addTactic(row: RowBuilder, tactic: Tactic, part: number): void {
    row.tactics.push(shownName(tactic));
    const { totals, uncounted } = tacticCosts(tactic);
    for (const total of totals) row.sum.add({ amount: total.amount * part, currency: total.currency });
    if (uncounted.length > 0) row.uncounted.push(shownName(tactic));
    else if (!statesCost(tactic)) row.unbudgeted.push(shownName(tactic));
}

/** The rows, with each one's share of what they add up to in the plan currency. */
function finishRows(rows: RowBuilder[], currency: string | undefined, rates: Rates): BudgetRow[] {
    const built = rows.map(row => ({ row, total: total(row.sum, currency, rates) }));
    const all = built.reduce((sum, { total }) => sum + total.amount, 0);
    return built.map(({ row, total }) => ({
        name: row.name,
        title: row.title,
        amount: total.amount,
        share: all > 0 ? total.amount / all : 0,
        other: total.other,
        tactics: row.tactics,
        unbudgeted: row.unbudgeted,
        uncounted: row.uncounted,
        location: locationOf(row.node)
    }));
}

/** Tactic budgets by strategy: every strategy of the plan, a tactic serving several shared equally, then tactics serving none. */
function byStrategy(model: PlanModel, currency: string | undefined): BudgetRow[] {
    const rows = new Map(model.all.strategies.map(strategy => [strategy, rowBuilder(nameOf(strategy), strategy, strategy.title)]));
    const none = rowBuilder(null, undefined);
    for (const tactic of model.all.tactics) {
        const served = [...new Set(tactic.serves.map(ref => ref.ref).filter(strategy => strategy !== undefined))];
        if (served.length === 0) addTactic(none, tactic, 1);
        for (const strategy of served) {
            let row = rows.get(strategy);
            if (!row) rows.set(strategy, row = rowBuilder(nameOf(strategy), strategy, strategy.title));
            addTactic(row, tactic, 1 / served.length);
        }
    }
    return finishRows([...rows.values(), ...(none.tactics.length > 0 ? [none] : [])], currency, model.rates);
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
    return finishRows([...rows.values(), ...(none.tactics.length > 0 ? [none] : [])], currency, model.rates);
}

/** Tactic budgets grouped by a fact of their channel (model/channels.ts), the groups in `order`, then tactics without a channel. */
function byChannelFact(model: PlanModel, currency: string | undefined, key: (facts: ChannelFacts) => string, order: string[]): BudgetRow[] {
    const rows = new Map(order.map(name => [name, rowBuilder(name, undefined)]));
    const none = rowBuilder(null, undefined);
    for (const tactic of model.all.tactics) {
        const facts = channelFacts(tactic.channel);
        addTactic(facts ? rows.get(key(facts))! : none, tactic, 1);
    }
    return finishRows([...rows.values(), ...(none.tactics.length > 0 ? [none] : [])].filter(row => row.tactics.length > 0), currency, model.rates);
}

/** A flow as its timeline: trigger, each step with when it goes out, what stops it. */
function flowOf(flow: Flow): FlowReport {
    return {
        name: nameOf(flow),
        title: flow.title,
        channel: flow.channel,
        trigger: flow.trigger?.value,
        audience: flow.audience.map(ref => (ref.ref ? shownName(ref.ref) : ref.$refText)),
        steps: schedule(flow).map(({ step, at }) => ({
            when: whenText(at), at, subject: step.subject, contents: [...step.contents], location: locationOf(step)
        })),
        stops: flow.stops.map(stop => stop.value),
        hours: flow.hours ? sourceText(flow.hours.$cstNode) : undefined,
        unsubscribeWithin: optOutText(flow.unsubscribeWithin),
        busiestWeek: busiestWeek(flow),
        location: locationOf(flow)
    };
}

/** "2 business days", "1 week": how soon an opt-out is honoured, as written. */
function optOutText(delay: OptOutDelay | undefined): string | undefined {
    if (!delay || typeof delay.amount !== 'number' || !delay.unit) return undefined;
    const unit = delay.amount === 1 ? unitName(delay.unit) : delay.unit.endsWith('s') ? delay.unit : `${delay.unit}s`;
    return `${formatNumber(delay.amount)} ${delay.business ? 'business ' : ''}${unit}`;
}

/** "1 EUR = 1.08 USD", with the day it holds. */
function rateLine(rate: ExchangeRate): ExchangeRateLine {
    // A rate cut short by a syntax error reads as far as it was written (syntax-error says what is missing).
    const number = (value: number | undefined) => (typeof value === 'number' ? formatNumber(value, 6) : '…');
    return { text: `${number(rate.amount)} ${rate.from ?? '…'} = ${number(rate.value)} ${rate.to ?? '…'}`, asOf: rate.asOf, location: locationOf(rate) };
}

/** A campaign's budget in all (`budgetTotal`) against its spend (`campaignSpend`), both in the plan currency. */
function campaignRow(campaign: Campaign, currency: string | undefined, rates: Rates): CampaignBudgetRow {
    const written = amountOf(campaign.budget);
    const inAll = budgetTotal(campaign);
    // A budget in another currency counts at the plan's declared rate, where there is one.
    const budget = inAll && currency ? rates.convert(inAll, currency) ?? inAll : inAll;
    const spend = total(campaignSpend(campaign), currency, rates);
    const inPlanCurrency = budget !== undefined && budget.currency === currency;
    const comparable = inPlanCurrency && spend.other.length === 0;
    const tactics = tacticsRun(campaign);
    return {
        name: nameOf(campaign),
        title: campaign.title,
        budget: inPlanCurrency ? cents(budget.amount) : undefined,
        budgetPer: written && campaign.budgetPer ? { amount: written, per: unitName(campaign.budgetPer) } : undefined,
        budgetOther: budget && !inPlanCurrency ? { ...budget, amount: cents(budget.amount) } : undefined,
        spend: spend.amount,
        spendOther: spend.other,
        left: comparable ? cents(budget.amount - spend.amount) : undefined,
        ratio: comparable && budget.amount > 0 ? spend.amount / budget.amount : undefined,
        tactics: tactics.map(shownName),
        unbudgeted: tactics.filter(tactic => !statesCost(tactic)).map(shownName),
        uncounted: tactics.filter(tactic => tacticCosts(tactic).uncounted.length > 0).map(shownName),
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
        title: block.title,
        campaign: campaign ? shownName(campaign) : undefined,
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

/**
 * The stages of one funnel, what makes each, the rates between them and the
 * people they imply. The funnel's own words are placed in the four stages by
 * the role they play (funnel-reading.roleOf: the purchase stage is the
 * customers' stage whatever its name), and a stage's label names them.
 */
function funnelView(funnel: Funnel): FunnelView {
    const reading = readFunnel(funnel);
    const evidence = new Map<Stage, Array<{ text: string; node: AstNode; cst: CstNode | undefined }>>(STAGES.map(stage => [stage, []]));
    const words = new Map<Stage, string[]>(STAGES.map(stage => [stage, []]));
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
    for (const step of reading.steps) {
        for (const word of [step.from, step.to]) {
            const stage = roleOf(reading, word);
            if (stage && !words.get(stage)!.includes(word)) words.get(stage)!.push(word);
        }
    }
    const declared = STAGES.filter(stage => words.get(stage)!.length > 0 || evidence.get(stage)!.length > 0);
    const stages: FunnelStage[] = [];
    let expected = funnel.visitors;
    for (const stage of STAGES) {
        const isDeclared = declared.includes(stage);
        const next = declared[declared.indexOf(stage) + 1];
        const from = words.get(stage)![0], to = next ? words.get(next)![0] : undefined;
        const rate = isDeclared && from && to ? chainRate(reading, from, to) : undefined;
        const conversion = rate ? reading.steps.find(step => step.from === from)?.node : undefined;
        const first = evidence.get(stage)![0] ?? (conversion ? { node: conversion, cst: conversion.$cstNode } : undefined);
        const own = words.get(stage)!.filter(word => word !== stage);
        stages.push({
            stage,
            label: own.length > 0 ? `${stageName(stage)} (${own.join(', ')})` : stageName(stage),
            declared: isDeclared,
            how: evidence.get(stage)!.map(e => e.text),
            // The pessimistic end of a range; the projection (money over time) gives both.
            rateToNext: rate ? Math.round(rate.low * 100 * 1e6) / 1e6 : undefined,
            expected: isDeclared ? expected : undefined,
            location: first ? locationOf(first.node, first.cst) : undefined
        });
        if (isDeclared) expected = expected !== undefined && rate ? Math.round(expected * rate.low * 1e6) / 1e6 : undefined;
    }
    return { name: funnel.name, title: funnel.title, per: funnel.visitorsPer, unsubscribeWithin: optOutText(funnel.unsubscribeWithin), stages, location: locationOf(funnel) };
}

function funnelOf(model: PlanModel): FunnelReport {
    const funnels = model.all.funnels.map(funnelView);
    const missing = STAGES.filter(stage => !funnels.some(view => view.stages.some(s => s.stage === stage && s.declared)));
    return { funnels, missing };
}

// ------------------------------------------------------------ money over time

/** What a plan without a funnel lacks for a projection. */
const NO_FUNNEL = 'the plan has no funnel, so nothing counts visitors per month or says how they become customers: ' +
    'add a funnel with \'visitors 8_000 per month\' (the figure you expect) and its conversion rates';

/** A span as it goes into the report's data: money to the cent, counts to two decimals. */
function spanCents(span: Span): Span {
    return { low: cents(span.low), high: cents(span.high) };
}

/** A price as the report words it: "20 USD per month", "39 to 49 USD". */
function priceText(price: Price | undefined): string | undefined {
    if (!price || typeof price.amount !== 'number' || !price.currency) return undefined;
    const amount = price.high !== undefined && price.high !== price.amount
        ? `${formatNumber(price.amount)} to ${formatMoney({ amount: price.high, currency: price.currency })}`
        : formatMoney({ amount: price.amount, currency: price.currency });
    return price.per ? `${amount} per ${unitName(price.per)}` : amount;
}

/** A price for some markets as the report words it, without them: "34 EUR", "15 to 19 EUR per month". */
function marketPriceText(price: MarketPrice): string {
    return priceText({ amount: price.amount, high: price.high, currency: price.currency, per: price.per } as Price) ?? '';
}

/** How people reach the first purchase, from the funnel's counts and rates. */
function basisOf(projection: Projection): string {
    const { reading, funnel, product } = projection;
    const purchase = reading.purchase?.stage ?? 'customers';
    const parts: string[] = [];
    if (reading.entry && reading.perMonth) {
        const steps = (reading.path ?? []).map(step => `${step.to} ${spanText(step.rate, percentText)}`);
        parts.push(steps.length > 0
            ? `${spanText(reading.entry.perMonth, people)} ${reading.entry.stage} a month, then ${steps.join(', ')}: ${spanText(reading.perMonth, people)} ${purchase} a month while the plan spends`
            : `${spanText(reading.perMonth, people)} ${purchase} a month while the plan spends`);
    }
    if (reading.fromList && funnel.listSize !== undefined && funnel.listStage) {
        parts.push(`${people(funnel.listSize)} ${funnel.listStage} on the list at the start: ${spanText(reading.fromList, people)} ${purchase} once`);
    }
    if (product.trialConverts && reading.purchase?.how === 'trial') {
        const rate = product.trialConverts;
        parts.push(`${spanText({ low: rate.value / 100, high: (rate.high ?? rate.value) / 100 }, percentText)} of ${purchase} become paying customers`);
    }
    return parts.join('; ');
}

const SPEND_WHAT: Record<string, string> = {
    'campaign spend': 'the campaigns\' budgets over their periods (for a campaign without one, the budgets of the tactics it runs)',
    'tactic budgets': 'the tactics\' budgets over their periods'
};

/** A projection as plain data, money to the cent. */
function projectedMoney(projection: Projection): ProjectedMoney {
    const months: MoneyMonth[] = projection.months.map(row => ({
        month: row.label,
        spend: cents(row.spend),
        customers: spanCents(row.customers),
        active: row.active ? spanCents(row.active) : undefined,
        revenue: spanCents(row.revenue),
        margin: row.margin ? spanCents(row.margin) : undefined
    }));
    const campaigns: CampaignMoney[] = projection.campaigns.map(share => ({
        name: nameOf(share.campaign),
        title: share.campaign.title,
        spend: cents(share.spend),
        customers: spanCents(share.customers),
        revenue: spanCents(share.revenue),
        margin: share.margin ? spanCents(share.margin) : undefined,
        cac: share.cac ? spanCents(share.cac) : undefined,
        location: locationOf(share.campaign)
    }));
    const { cac, ltv, payback } = projection;
    const product = projection.product;
    return {
        currency: projection.currency,
        product: shownName(product),
        price: priceText(product.price),
        tiers: product.price ? [] : product.tiers.map(tier => {
            const price = priceText(tier.price);
            const share = typeof tier.share === 'number' ? `, ${formatNumber(tier.share)}% of buyers` : '';
            return `${tier.title ?? tier.name ?? ''}${price ? ` at ${price}` : ''}${share}`;
        }),
        marketPrices: product.marketPrices.map(price => `${marketPriceText(price)} in ${price.markets.map(ref => ref.$refText).join(', ')}`),
        basis: basisOf(projection),
        spendWhat: SPEND_WHAT[projection.spendWhat] ?? projection.spendWhat,
        months,
        total: {
            spend: cents(projection.spend),
            customers: spanCents(projection.customers),
            revenue: spanCents(projection.revenue),
            margin: projection.margin ? spanCents(projection.margin) : undefined
        },
        campaigns,
        unit: {
            cac: cac ? spanCents(cac) : undefined,
            ltv: spanCents(ltv),
            ltvBasis: projection.ltvBasis,
            ltvMonths: projection.months.length,
            ltvToCac: cac && cac.low > 0 ? spanCents({ low: ltv.low / cac.high, high: ltv.high / cac.low }) : undefined,
            payback: payback ? { low: payback.low, high: payback.high } : undefined,
            // economics.ts looks for payback over ten years, or the horizon when it is longer.
            paybackLimit: Math.max(120, projection.months.length)
        },
        notes: projection.notes
    };
}

function funnelMoney(model: PlanModel, funnel: Funnel): FunnelMoney {
    const projection = projectFunnel(model, funnel);
    return {
        name: funnel.name,
        title: funnel.title,
        missing: projection ? undefined : projectionGap(model, funnel) ?? 'the funnel cannot be projected',
        projection: projection ? projectedMoney(projection) : undefined,
        location: locationOf(funnel)
    };
}

/** Each funnel's projection over the horizon, or what it lacks for one. */
function moneyOf(model: PlanModel): MoneyOverTime {
    const funnels = model.all.funnels.map(funnel => funnelMoney(model, funnel));
    return { horizonMonths: model.settings.thresholds.horizonMonths, funnels, missing: funnels.length === 0 ? NO_FUNNEL : undefined };
}

// ---------------------------------------------------------------- objectives

/** The metrics a count target is written for, whose figures show without a unit ("1,240"): the line adds the metric word. */
const COUNTED = new Set(['customers', 'active', 'stage']);

/** "reached by 2027-12-31 (projected 1,240 of 1,000 customers)" and its kin. */
function verdictLine(judgement: ObjectiveJudgement): string {
    const { objective, show } = judgement;
    const words = COUNTED.has(judgement.metric) && objective.metric ? ` ${objective.metric.replace(/_/g, ' ')}` : '';
    const target = `${show(judgement.target)}${words}`;
    const projected = spanText(judgement.projected, show);
    const when = judgement.deadline ? ` by ${judgement.deadline}` : ` over the first ${judgement.projection.months.length} months`;
    // "779 of 1,000 customers", "21,192.65 USD a month of 20,000 USD a month"; a ratio, a share or months against its bound.
    const counted = judgement.unit === 'money' || (judgement.unit === 'count' && COUNTED.has(judgement.metric));
    const against = judgement.direction === 'at most' ? `against at most ${target}` : counted ? `of ${target}` : `against at least ${target}`;
    return judgement.verdict === 'uncertain'
        ? `uncertain${when}: projected ${projected} ${against}`
        : `${judgement.verdict}${when} (projected ${projected} ${against})`;
}

/** Why an objective cannot be judged against the projection. */
function unjudgedLine(model: PlanModel, objective: Objective): string {
    if (!objective.metric) return 'not judged: it names no metric (such as \'metric customers\')';
    if (typeof objective.target !== 'number') return 'not judged: it sets no target';
    const funnels = model.reach.funnels;
    const stages = funnels.flatMap(f => f.conversions.flatMap(c => [c.from, c.to]).concat(f.counts.map(c => c.stage)))
        .filter((word): word is string => Boolean(word)).map(word => word.toLowerCase());
    if (funnels.length === 0) return 'not judged: no projection, the plan has no funnel';
    const projection = funnels.map(funnel => projectFunnel(model, funnel)).find(p => p !== undefined);
    if (!projection) return `not judged: no projection (${projectionGap(model, funnels[0]) ?? 'the funnel cannot be projected'})`;
    const kind = metricKind(objective.metric, stages);
    if (!kind) {
        return `not judged: the projection gives no figure called ${objective.metric} (it gives customers, active subscribers, revenue, margin, cac, roas, ltv, churn, payback and the funnel's stages)`;
    }
    if (objective.deadline && dayNumber(objective.deadline) === undefined) return `not judged: ${objective.deadline} is not a day`;
    const product = shownName(projection.product);
    if (objective.currency && objective.currency !== projection.currency) {
        return `not judged: its target is in ${objective.currency}, the projection in ${projection.currency} (the price of ${product})`;
    }
    if (kind === 'active' && !projection.months[0]?.active) {
        return `not judged: ${product} ${isRecurring(projection.product) ? 'states no retention or churn' : 'is not sold per month or year'}, so the projection does not count who keeps paying`;
    }
    if (kind === 'margin' && !projection.margin) return `not judged: ${product} states no margin or unit cost`;
    if ((kind === 'churn' || kind === 'retention') && !projection.product.churn && !projection.product.retention) {
        return `not judged: ${product} states no retention or churn`;
    }
    return `not judged: its target's unit does not fit ${objective.metric}`;
}

/** Figures of the data rounded past what a reader can tell apart (shares stay shares: 0.05). */
function fine(span: Span): Span {
    return { low: Math.round(span.low * 10_000) / 10_000, high: Math.round(span.high * 10_000) / 10_000 };
}

/** Every objective and KPI of the plan's strategies, judged against the projection. */
function objectivesOf(model: PlanModel): ObjectiveLine[] {
    const lines: ObjectiveLine[] = [];
    for (const strategy of model.all.strategies) {
        for (const objective of strategy.objectives) {
            const judgement = judgeObjective(model, objective);
            lines.push({
                kind: objective.kind === 'kpi' ? 'kpi' : 'objective',
                text: objective.text ?? '',
                strategy: shownName(strategy),
                metric: objective.metric,
                judged: judgement ? {
                    verdict: judgement.verdict,
                    direction: judgement.direction,
                    target: judgement.target,
                    projected: fine(judgement.projected),
                    deadline: judgement.deadline
                } : undefined,
                line: judgement ? verdictLine(judgement) : unjudgedLine(model, objective),
                location: locationOf(objective)
            });
        }
    }
    return lines;
}

// ---------------------------------------------------------------- compliance

/** What the compliance section says when the plan names no market. */
export const NO_MARKET = 'The plan names no market, so no law-specific check ran. Add a \'market\' block for each country or region it sells in, ' +
    'such as \'market US { country US  language en  currency USD }\'.';

/** The line every compliance section ends with. */
export const NOT_LEGAL_ADVICE = 'Not legal advice: mplan checks a plan against the few provisions listed here, in the markets the plan names, ' +
    'as a careful reviewer would; it does not say everything the law asks of a business, and a law may have changed since. ' +
    'Have a lawyer check what matters to you.';

/** The rules with a row in LAWS. */
const LAW_RULES = new Set(COMPLIANCE_RULES);

/** A compliance finding with the markets and jurisdictions it is reported for (rules/compliance-util.ts complianceData). */
interface MarketFinding extends ReportFinding {
    rule: string;
    markets: string[];
    jurisdictions: string[];
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The findings of the compliance rules that are on, in every file of the plan, with the markets their data names. */
function complianceFindings(model: PlanModel): MarketFinding[] {
    const found: MarketFinding[] = [];
    for (const file of model.files) {
        const diagnostics = [...(file.diagnostics ?? [])].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        for (const diagnostic of diagnostics) {
            const id = String(diagnostic.code);
            if (!LAW_RULES.has(id)) continue;
            const rule = ruleById(id);
            if (rule && ruleLevel(rule, model.settings) === 'off') continue;
            const data = (diagnostic.data ?? {}) as { markets?: unknown; jurisdictions?: unknown };
            found.push({ ...placed(model, file, diagnostic), rule: id, markets: strings(data.markets), jurisdictions: strings(data.jurisdictions) });
        }
    }
    return found;
}

/** Whether a provision is checked in the plan as it is judged: on the as-of day, with its pack and its rule on. */
function lawStatus(model: PlanModel, law: Law): LawStatus {
    const rule = ruleById(law.rule);
    if (rule && ruleLevel(rule, model.settings) === 'off') return 'rule off';
    if (!model.packOn(law.jurisdiction)) return 'pack off';
    return inForceDuring(law, { start: model.asOf, end: model.asOf }) ? 'in force' : 'not yet';
}

/** What products charge in a market: "Mug: 34 EUR". */
function pricesIn(model: PlanModel, market: Market): string[] {
    const prices: string[] = [];
    for (const product of model.all.products as Product[]) {
        for (const price of product.marketPrices) {
            if (price.markets.some(ref => ref.ref === market)) prices.push(`${shownName(product)}: ${marketPriceText(price)}`);
        }
    }
    return prices;
}

/**
 * Each market with the provisions checked there and the findings reported
 * for it: a finding goes under every market its data names, against the
 * provision of the jurisdiction it names (the rule's first provision in that
 * market when it names none).
 */
function complianceOf(model: PlanModel): ComplianceReport {
    const findings = complianceFindings(model);
    const markets: MarketCompliance[] = model.all.markets.map(market => {
        const jurisdictions = jurisdictionsOf(market);
        const laws = LAWS.filter(law => jurisdictions.includes(law.jurisdiction));
        const name = nameOf(market);
        return {
            name,
            title: market.title,
            countries: countriesOf(market).map(code => ({ code, name: countryName(code) })),
            jurisdictions: jurisdictions.map(code => ({ code, name: JURISDICTION_NAMES[code] })),
            languages: market.languages.map(code => ({ code, name: languageName(code) })),
            currency: market.currency,
            zones: [...market.zones],
            prices: pricesIn(model, market),
            laws: laws.map(law => {
                const first = laws.find(other => other.rule === law.rule) === law;
                const rule = ruleById(law.rule);
                return {
                    rule: law.rule,
                    description: rule?.description ?? '',
                    docsUrl: rule ? publicRuleDocsUrl(law.rule) : '',
                    jurisdiction: law.jurisdiction,
                    law: law.law,
                    article: law.article,
                    from: law.from,
                    status: lawStatus(model, law),
                    findings: findings
                        .filter(finding => finding.rule === law.rule && finding.markets.includes(name) &&
                            (finding.jurisdictions.length > 0 ? finding.jurisdictions.includes(law.jurisdiction) : first))
                        .map(({ rule: _rule, markets: _markets, jurisdictions: _jurisdictions, ...finding }) => finding)
                };
            }),
            location: locationOf(market)
        };
    });
    return { markets, none: markets.length === 0 ? NO_MARKET : undefined, disclaimer: NOT_LEGAL_ADVICE };
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
        const diagnostics = [...(file.diagnostics ?? [])].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        for (const diagnostic of diagnostics) {
            const rule = ruleById(String(diagnostic.code));
            if (!rule || ruleLevel(rule, model.settings) === 'off') continue;
            found.push({ rule, ...placed(model, file, diagnostic) });
        }
    }
    return found;
}

/** A diagnostic as the report lists it: severity, message, file, line and column. */
function placed(model: PlanModel, file: LangiumDocument, diagnostic: Diagnostic): ReportFinding {
    return {
        severity: SEVERITIES[diagnostic.severity ?? 3] ?? 'info',
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        file: model.pathOf(file.uri),
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        location: { uri: file.uri.toString(), range: diagnostic.range }
    };
}

/** The registry's areas in catalogue order, each once. */
function areasOfRegistry(): Area[] {
    return [...new Set(RULES.map(rule => rule.area))];
}

/**
 * The score of every area but the language (which judges the text, not the
 * plan), from the findings of its rules that are on; an area where the plan
 * declares nothing its rules read is not assessed (readiness.ts AREA_BLOCKS).
 */
function readinessOf(model: PlanModel, findings: PlacedFinding[], counts: BlockCounts): AreaReadiness[] {
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
        const status = active.length === 0 ? 'not judged' : !declaresArea(area, counts) ? 'not assessed' : 'scored';
        return {
            area,
            title: AREA_TITLES[area],
            status,
            score: status === 'scored' ? readinessScore(byRule) : undefined,
            lacks: status === 'not assessed' ? nothingDeclared(area) : undefined,
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

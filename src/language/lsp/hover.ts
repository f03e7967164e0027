import { AstUtils, CstUtils, GrammarAST, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type Reference } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams, InitializeParams } from 'vscode-languageserver';
import {
    isAudience, isCampaign, isCompetitor, isFlow, isFunnel, isMarket, isObjective, isPlan, isProduct, isSegment, isStrategy, isTactic,
    type Audience, type Campaign, type Competitor, type Consent, type Flow, type Document, type Funnel, type HoursWindow, type Market, type Money,
    type Objective, type Plan, type Platform, type Product, type Segment, type Strategy, type Tactic
} from '../generated/ast.js';
import { citation, countriesOf, countryName, inForceDuring, JURISDICTION_NAMES, jurisdictionsOf, LAWS, languageName, marketsOf } from '../model/markets.js';
import { isoDay } from '../model/periods.js';
import type { MplanServices } from '../mplan-module.js';
import { amountOf, tacticsRun, type PlanModel, type PlanModelProvider } from '../model/plan-model.js';
import { customerValue, projectFunnel, priceCurrency, type Projection } from '../model/economics.js';
import { readFunnel, type FunnelReading } from '../model/funnel-reading.js';
import { formatMoney } from '../model/values.js';
import { budgetUse, tacticShare } from './inlay-hints.js';
import { formatNumber, percentAsWritten, percentText } from '../wording.js';
import { budgetTotal, costInAll, spendParts, statesCost, unitName } from '../model/budgets.js';
import type { Span } from '../model/funnel-reading.js';
import { EXAMPLE_NAMES, keywordDoc, type ExampleKind } from './keyword-docs.js';
import { busiestWeek, schedule, whenText } from '../model/flows.js';
import {
    budgetText, cadenceText, commissionText, exactMoney, feeText, campaignSpendByMonth, countSpan, customersPerMonth, customersText, durationText, funnelsSelling,
    horizonText, moneySpan, noProjection, objectiveText, paybackText, percentSpan, priceText, productSold, projections, rateText, spendByMonthText, targetText
} from './figures.js';

/** How many names a list in a hover shows before it says "and N more". */
const NAMES_SHOWN = 12;

/**
 * Hover: on a keyword, what it means in plain words and how it is written;
 * on a block's name, its display title or a reference to it, a summary of
 * the block read from the plan model (a campaign's budget, planned spend and
 * spend by month, a product's price and what a customer is worth, a
 * funnel's stages and projection, the tactics serving a strategy, …); on an
 * objective's or KPI's words, its target, owner and review. A funnel with
 * neither name nor title is summarised on its keyword, above the keyword's
 * meaning. Plan text is escaped, so that it shows as written and can never
 * become a link or markup, with no backslash where none is needed (clients
 * that render Markdown only in part, such as Neovim's float, show them).
 * A client that does not declare Markdown among its hover formats (Vim's
 * ALE, Emacs's eglot without markdown-mode) gets the same text as plain
 * text: no asterisks, no backslashes, no fences.
 */
export class MplanHoverProvider extends AstNodeHoverProvider {
    protected readonly models: PlanModelProvider;
    /**
     * Whether the client renders Markdown in hovers (`textDocument.hover.contentFormat`, read at
     * `initialize`; services used without a client, as by the tests, write Markdown).
     */
    protected markdown = true;

    constructor(services: MplanServices) {
        super(services);
        this.models = services.model.PlanModelProvider;
        services.shared.lsp.LanguageServer.onInitialize(params => { this.markdown = acceptsMarkdown(params); });
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        // Only what is under the cursor: nothing on spaces, comments or past the end of a word.
        if (!leaf || leaf.hidden || offset < leaf.offset || offset >= leaf.end) return undefined;
        const target = this.references.findDeclarations(leaf)[0];
        const doc = document as LangiumDocument<Document>;
        let value: string | undefined;
        if (target) {
            value = this.getAstNodeHoverContent(target, doc);
        } else if (namesItsBlock(leaf)) {
            value = this.getAstNodeHoverContent(leaf.astNode, doc);
        } else if (GrammarAST.isKeyword(leaf.grammarSource)) {
            value = keywordHover(leaf.grammarSource.value, keywordPlaces(leaf.grammarSource, leaf.astNode?.$type), ownNames(this.models.get(doc)));
            // A funnel with neither name nor title has only its keyword to hover: the summary, then the keyword.
            const block = leaf.astNode;
            if (isFunnel(block) && !block.name && block.title === undefined && GrammarUtils.findNodeForKeyword(block.$cstNode, 'funnel') === leaf) {
                const summary = this.getAstNodeHoverContent(block, doc);
                if (summary) value = value ? `${summary}\n\n---\n\n${value}` : summary;
            }
        }
        if (!value) return undefined;
        return { contents: this.markdown ? { kind: 'markdown', value } : { kind: 'plaintext', value: plainText(value) }, range: leaf.range };
    }

    /** A summary of a block, as seen from `document` (whose plan says who serves and runs whom). */
    protected override getAstNodeHoverContent(node: AstNode, document?: LangiumDocument<Document>): string | undefined {
        if (!document) return undefined;
        const model = this.models.get(document);
        const summary = summarize(node, model);
        if (!summary) return undefined;
        const where = model.fileOf(node).uri.toString() === document.uri.toString() ? '' : ` · ${md(model.where(node))}`;
        return `${summary.heading}${where}\n\n${summary.body}`;
    }
}

/** Whether a leaf is a block's display title or an objective's own words: the summary of that block answers there. */
function namesItsBlock(leaf: CstNode): boolean {
    const feature = GrammarUtils.findAssignment(leaf)?.feature;
    // A tier's title is not a block's: the product is summarised on its own name.
    return feature === 'title' ? leaf.astNode.$type !== 'Tier' : feature === 'text' && isObjective(leaf.astNode);
}

/**
 * Where a keyword of the grammar stands, the most particular first: the list
 * of words it is one of (`Channel`, for the channel `reviews`), then the type
 * of the node it stands in (`Tactic`, for the fact `reviews 20 per month`).
 */
export function keywordPlaces(keyword: GrammarAST.Keyword, nodeType: string | undefined): Array<string | undefined> {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    return rule && GrammarUtils.isDataTypeRule(rule) ? [rule.name, nodeType] : [nodeType];
}

/** Whether a client declares Markdown among the formats of its hovers. */
export function acceptsMarkdown(params: InitializeParams): boolean {
    return params.capabilities.textDocument?.hover?.contentFormat?.includes('markdown') ?? false;
}

/**
 * The hover of a keyword: its meaning where it stands, and a line that uses it, with the names of
 * the reader's plan (`names`: the names of its blocks of a kind) in place of the example's.
 */
export function keywordHover(keyword: string, where: string | readonly (string | undefined)[] | undefined, names?: (kind: ExampleKind) => string[]): string | undefined {
    const doc = keywordDoc(keyword, where);
    if (!doc) return undefined;
    const usage = names ? withOwnNames(doc.usage, names) : doc.usage;
    return `**${keyword}**: ${doc.meaning}\n\n\`\`\`mplan\n${usage}\n\`\`\``;
}

/** The names of a plan's blocks of each kind, the file's own first, then those it imports. */
/** The names of the reader's blocks by kind, for keyword examples (hover and completion). */
export function ownNames(model: PlanModel): (kind: ExampleKind) => string[] {
    return kind => [...new Set([...model.own[kind], ...model.all[kind]].map(block => block.name).filter((name): name is string => !!name))];
}

/** The keyword that declares a block of each kind: a name right after it is declared, not referred to. */
const DECLARING: Readonly<Record<ExampleKind, string>> = {
    plans: 'plan', markets: 'market', products: 'product', segments: 'segment', audiences: 'audience', competitors: 'competitor', strategies: 'strategy', tactics: 'tactic',
    flows: 'flow', campaigns: 'campaign'
};

/**
 * An example line with each name it refers to replaced by a name of the same kind from the
 * reader's plan, each used once; a name is kept where the plan has no other of its kind left, and
 * where the example declares it.
 */
function withOwnNames(usage: string, names: (kind: ExampleKind) => string[]): string {
    const used = new Map<ExampleKind, number>();
    return usage.replace(/(\w+)?(\s*)\b([A-Z]\w*)\b/g, (whole, before: string | undefined, space: string, name: string) => {
        const kind = Object.hasOwn(EXAMPLE_NAMES, name) ? EXAMPLE_NAMES[name] : undefined;
        if (!kind || before === DECLARING[kind]) return whole;
        const next = used.get(kind) ?? 0;
        const own = names(kind)[next];
        if (!own) return whole;
        used.set(kind, next + 1);
        return `${before ?? ''}${space}${own}`;
    });
}

interface Summary {
    /** The bold first line: "**product CoffeeClub**", "**Coffee Club** (product CoffeeClub)". */
    heading: string;
    body: string;
}

/** "**kind Name**", or with a display title "**Title** (kind Name)". */
function heading(kind: string, name: string | undefined, title: string | undefined): string {
    const named = name ? `${kind} ${md(name)}` : kind;
    return title ? `**${md(title)}** (${named})` : `**${named}**`;
}

function summarize(node: AstNode, model: PlanModel): Summary | undefined {
    const head = (kind: string, block: { name?: string; title?: string }) => heading(kind, block.name, block.title);
    if (isStrategy(node)) return { heading: head('strategy', node), body: strategy(node, model) };
    if (isCampaign(node)) return { heading: head('campaign', node), body: campaign(node, model) };
    if (isTactic(node)) return { heading: head('tactic', node), body: tactic(node, model) };
    if (isSegment(node)) return { heading: head('segment', node), body: segment(node, model) };
    if (isProduct(node)) return { heading: head('product', node), body: product(node, model) };
    if (isCompetitor(node)) return { heading: head('competitor', node), body: competitor(node) };
    if (isPlan(node)) return { heading: head('plan', node), body: plan(node, model) };
    if (isMarket(node)) return { heading: head('market', node), body: market(node, model) };
    if (isFunnel(node)) return { heading: head('funnel', node), body: funnel(node, model) };
    if (isFlow(node)) return { heading: head('flow', node), body: flow(node, model) };
    if (isAudience(node)) return { heading: head('audience', node), body: audience(node, model) };
    if (isObjective(node)) return { heading: `**${node.kind}** ${quoted(node.text ?? '')}`, body: objective(node) };
    return undefined;
}

function strategy(node: Strategy, model: PlanModel): string {
    const lines: string[] = [];
    if (node.statement) lines.push(`> ${md(node.statement)}`, '');
    lines.push(fact('Targets', names(node.targets) || 'no segment yet'));
    lines.push(fact('Served by', nodeNames(model.tacticsServing.get(node)) || 'no tactic yet'));
    if (node.message) lines.push(fact('Message', quoted(node.message)));
    const promotes = names(node.promotes);
    if (promotes) lines.push(fact('Promotes', promotes));
    const aims = (kpi: boolean) => (node.objectives ?? []).filter(objective => (objective.kind === 'kpi') === kpi).map(objective => {
        const measure = objectiveText(objective, md);
        return `${quoted(objective.text ?? '')}${measure ? `: ${measure}` : ''}`;
    });
    const objectives = aims(false), kpis = aims(true);
    if (objectives.length) lines.push(fact('Objectives', objectives.join('; ')));
    if (kpis.length) lines.push(fact('KPIs', kpis.join('; ')));
    return lines.join('\n');
}

/** An objective or KPI: its target as written, its deadline, who owns it and how often it is reviewed. */
function objective(node: Objective): string {
    const lines: string[] = [];
    const target = targetText(node, md);
    let text = target ?? 'none yet';
    if (node.deadline) text += ` by ${node.deadline}`;
    else if (target && node.kind === 'objective') text += ', no deadline yet';
    lines.push(fact('Target', text));
    lines.push(fact('Owner', node.owner ? md(node.owner) : 'nobody yet'));
    const review = cadenceText(node.review);
    lines.push(fact('Review', review ?? 'not planned yet'));
    if (node.$container?.name) lines.push(fact('Strategy', md(node.$container.name)));
    return lines.join('\n');
}

function campaign(node: Campaign, model: PlanModel): string {
    const use = budgetUse(node, model.rates);
    const lines: string[] = [];
    const budget = budgetText(node, md);
    lines.push(fact('Budget', budget ?? 'none yet'));
    if (use.tactics.length === 0) {
        lines.push(fact('Planned', 'nothing yet: the campaign runs no tactic'));
    } else {
        const share = use.ratio !== undefined ? ` (${percentText(use.ratio)} of the budget)` : '';
        const spent = use.spent !== undefined && use.budget ? formatMoney({ amount: use.spent, currency: use.budget.currency }) : use.planned.toString();
        const each = listOf(use.tactics.map(t => `${md(t.name)} ${statesCost(t) ? tacticCost(t) : '(no budget)'}`));
        lines.push(fact('Planned', use.planned.isEmpty ? `no amounts yet: ${each}` : `${md(spent)}${share} for ${each}`));
    }
    if (use.budget && use.left !== undefined) {
        const amount = md(formatMoney({ amount: Math.abs(use.left), currency: use.budget.currency }));
        lines.push(use.left < 0 ? fact('Over budget by', amount) : fact('Left', amount));
    } else if (use.budget && !use.planned.isEmpty) {
        lines.push(fact('Left', `cannot be told: the tactics cost money in other currencies than ${md(use.budget.currency)}`));
    }
    if (node.period?.start && node.period.end) lines.push(fact('Period', `${node.period.start} to ${node.period.end}`));
    const spend = campaignSpendByMonth(node, tacticsRun(node));
    if (spend && spend.months.size > 1) lines.push(fact('Spend by month', spendByMonthText(spend, md)));
    const all = projections(model);
    for (const projection of all) {
        const share = projection.campaigns.find(c => c.campaign === node);
        if (!share || !(share.spend > 0)) continue;
        const money = (span: Span) => moneySpan(span, projection.currency, md);
        const parts = [`${countSpan(share.customers)} customers`, `${money(share.revenue)} revenue`];
        if (share.margin) parts.push(`${money(share.margin)} margin`);
        if (share.cac) parts.push(`CAC ${money(share.cac)}`);
        lines.push(fact(`Projected over ${horizonText(projection)}${all.length > 1 ? `, ${md(funnelLabel(projection.funnel))}` : ''}`, parts.join(', ')));
    }
    return lines.join('\n');
}

/** What a tactic costs in a campaign's list: "4,500 USD (1,500 USD per month)", "5,100 USD (budget 1,500 USD, fee 3,600 USD)". */
function tacticCost(node: Tactic): string {
    const parts = spendParts(node);
    const total = costInAll(node);
    if (parts.length === 1 && parts[0].kind === 'budget') {
        const stated = md(money(node.budget!));
        if (!node.budgetPer) return stated;
        const per = `${stated} per ${unitName(node.budgetPer)}`;
        return total ? `${md(exactMoney(total.amount, total.currency))} (${per})` : per;
    }
    const each = parts.map(part => {
        const sum = budgetTotal(part);
        return `${part.kind} ${sum ? md(exactMoney(sum.amount, sum.currency)) : 'not counted'}`;
    });
    if (parts.length === 1) return each[0];
    return total ? `${md(exactMoney(total.amount, total.currency))} (${each.join(', ')})` : each.join(', ');
}

function tactic(node: Tactic, model: PlanModel): string {
    const lines: string[] = [];
    if (node.channel) {
        const platforms = (node.platforms ?? []).map(platform).filter(Boolean).join(', ');
        lines.push(fact('Channel', `${node.channel}${platforms ? ` on ${platforms}` : ''}`));
    } else {
        lines.push(fact('Channel', 'none yet'));
    }
    const budget = budgetText(node, md);
    lines.push(fact('Budget', budget ?? (node.fee || node.commission ? 'none' : 'none yet')));
    const fee = feeText(node, md);
    if (fee) lines.push(fact('Fee', fee));
    const commission = commissionText(node, md);
    if (commission) lines.push(fact('Commission', commission));
    if (node.cadence) lines.push(fact('Publishes', cadenceText(node.cadence) ?? ''));
    if (node.cap && typeof node.cap.times === 'number' && node.cap.per) lines.push(fact('Frequency cap', `${node.cap.times} per ${unitName(node.cap.per)} per person`));
    lines.push(fact('Serves', names(node.serves) || 'no strategy yet'));
    const campaigns = [...new Set(model.campaignsRunning.get(node) ?? [])];
    const runBy = listOf(campaigns.map(c => {
        const share = tacticShare(node, c);
        return `${md(c.name ?? '')}${share !== undefined ? ` (${percentText(share)} of its budget)` : ''}`;
    }));
    lines.push(fact('Run by', runBy || 'no campaign yet'));
    if (node.period?.start && node.period.end) lines.push(fact('Period', `${node.period.start} to ${node.period.end}`));
    const markets = marketsLine(node, model);
    if (markets) lines.push(markets);
    const consent = consentText(node.consent);
    if (consent) lines.push(fact('Consent', consent));
    if (node.disclosure !== undefined) lines.push(fact('Disclosure', quoted(node.disclosure)));
    if (node.reward !== undefined) lines.push(fact('Reward', `${quoted(node.reward)}${node.rewardFor ? ` for ${node.rewardFor} reviews` : ''}`));
    return lines.join('\n');
}

function segment(node: Segment, model: PlanModel): string {
    const lines: string[] = [];
    if (node.who) lines.push(`> ${md(node.who)}`, '');
    if (node.age && node.age.min !== undefined && node.age.max !== undefined) lines.push(fact('Age', `${node.age.min} to ${node.age.max}`));
    const power: string[] = [];
    const income = node.income;
    if (income && income.min !== undefined && income.max !== undefined && income.currency) {
        const min = income.minCurrency && income.minCurrency !== income.currency ? formatMoney({ amount: income.min, currency: income.minCurrency }) : income.min.toLocaleString('en-US');
        power.push(`earns ${md(min)} to ${md(formatMoney({ amount: income.max, currency: income.currency }))}${per(node.incomePer)}`);
    }
    if (amountOf(node.spends)) power.push(`spends ${md(money(node.spends!))}${per(node.spendsPer)}`);
    if (power.length) lines.push(fact('Spending power', power.join('; ')));
    const role = [node.decides ? 'makes the buying decision' : '', node.influencer ? `influences ${node.influences?.ref ? md(node.influences.ref.name) : 'the buying decision'}` : ''].filter(Boolean);
    if (role.length) lines.push(fact('Role', role.join('; ')));
    if (node.shops) lines.push(fact('Buys', node.shops === 'online' ? 'online' : 'in shops'));
    const habits = node.habits;
    if (habits) {
        const parts: string[] = [];
        for (const key of ['search', 'social', 'sites', 'communities', 'tools'] as const) {
            const list = (habits[key] ?? []).map(platform).filter(Boolean);
            if (list.length) parts.push(`${key} ${list.join(', ')}`);
        }
        const online = (habits.online ?? []).map(hours).filter(Boolean);
        if (online.length) parts.push(`online ${online.join(', ')}`);
        if (parts.length) lines.push(fact('Habits', parts.join('; ')));
    }
    lines.push(fact('Targeted by', nodeNames(model.strategiesTargeting.get(node)) || 'no strategy yet'));
    return lines.join('\n');
}

function product(node: Product, model: PlanModel): string {
    const lines: string[] = [];
    const tiers = (node.tiers ?? []).filter(tier => tier?.name && tier.price && typeof tier.price.amount === 'number' && tier.price.currency);
    if (node.price && typeof node.price.amount === 'number' && node.price.currency) lines.push(fact('Price', priceText(node.price, md)));
    else if (tiers.length === 0 && (node.marketPrices ?? []).length === 0) lines.push(fact('Price', 'none yet'));
    for (const price of node.marketPrices ?? []) {
        if (typeof price?.amount !== 'number' || !price.currency) continue;
        const where = names(price.markets);
        lines.push(fact(`Price in ${where || 'markets not found'}`, priceText(price, md)));
    }
    if (tiers.length > 0) {
        const each = tiers.map(tier => `${md(tier.name)}${tier.title ? ` ${quoted(tier.title)}` : ''} ${priceText(tier.price, md)}${typeof tier.share === 'number' ? ` (${percentAsWritten(tier.share)} of buyers)` : ''}`);
        const variants = tiers.filter(tier => tier.kind === 'variant').length;
        lines.push(fact(variants === tiers.length ? 'Variants' : variants > 0 ? 'Tiers and variants' : 'Tiers', each.join(', ')));
    }
    if (node.trial && typeof node.trial.amount === 'number' && node.trial.unit) {
        const converts = percentSpan(node.trialConverts);
        lines.push(fact('Trial', `${durationText(node.trial)}${converts ? `, ${converts} of trials convert` : ''}`));
    }
    if (node.margin) lines.push(fact('Margin', percentSpan(node.margin)));
    if (amountOf(node.unitCost)) lines.push(fact('Unit cost', md(money(node.unitCost!))));
    const billed = node.price?.per ?? node.tiers?.find(tier => tier?.price?.per)?.price.per ?? 'month';
    if (node.retention && typeof node.retention.value === 'number') lines.push(fact('Retention', rateText(node.retention, billed)));
    if (node.churn && typeof node.churn.value === 'number') lines.push(fact('Churn', rateText(node.churn, billed)));
    if (node.repeat && typeof node.repeat.value === 'number') lines.push(fact('Repeat purchase', rateText(node.repeat, 'year')));
    const benefits = (node.benefits ?? []).map(quoted);
    lines.push(fact('Benefits', benefits.length ? benefits.join('; ') : 'none yet'));
    if ((node.certifications ?? []).length) lines.push(fact('Certified', node.certifications.map(quoted).join(', ')));
    const spinoffs = names(node.spinoffs);
    if (spinoffs) lines.push(fact('Spin-offs', spinoffs));
    const complements = names(node.complements);
    if (complements) lines.push(fact('Goes with', complements));
    lines.push(...unitEconomics(node, model));
    return lines.join('\n');
}

/**
 * What one customer of a product is worth over the horizon (through the
 * upsells of the funnel that sells it), and, where the plan projects that
 * funnel, what winning one costs and how soon it pays back.
 */
function unitEconomics(node: Product, model: PlanModel): string[] {
    if (!priceCurrency(node)) return [];
    const horizon = model.settings.thresholds.horizonMonths;
    const selling = funnelsSelling(model, node);
    const value = customerValue(node, horizon, selling[0]);
    if (!value) return [];
    const lines: string[] = [];
    const upsells = (selling[0]?.upsells ?? []).filter(u => u.from?.ref === node && u.to?.ref && u.rate).map(u => u.to!.ref!.name);
    const revenue = `${moneySpan(value.revenue, value.currency, md)} of revenue`;
    let text = value.margin ? `${moneySpan(value.margin, value.currency, md)} of margin (${revenue})` : revenue;
    if (upsells.length) text += `, with the upsell to ${upsells.map(md).join(', ')}`;
    lines.push(fact(`LTV over ${horizon} months`, text));
    const sold = selling.map(funnel => projectFunnel(model, funnel)).filter((p): p is Projection => p?.product === node);
    for (const projection of sold) {
        const which = sold.length > 1 ? `, ${md(funnelLabel(projection.funnel))}` : '';
        if (projection.cac) lines.push(fact(`CAC${which}`, moneySpan(projection.cac, projection.currency, md)));
        const payback = paybackText(projection.payback);
        if (payback) lines.push(fact(`Payback${which}`, payback));
    }
    if (value.notes.length) lines.push(fact('Notes', md(value.notes.join('; '))));
    return lines;
}

/** A funnel: its stages and rates in its own words, the purchase, customers per month and the projection. */
function funnel(node: Funnel, model: PlanModel): string {
    const reading = readFunnel(node);
    const lines: string[] = [];
    const counts: string[] = [];
    const range = (low: number, high: number | undefined) => `${formatNumber(low)}${typeof high === 'number' ? ` to ${formatNumber(high)}` : ''}`;
    if (typeof node.visitors === 'number') counts.push(`${range(node.visitors, node.visitorsHigh)} visitors${node.visitorsPer ? ` per ${unitName(node.visitorsPer)}` : ''}`);
    for (const count of node.counts ?? []) {
        if (typeof count?.value !== 'number' || !count.stage) continue;
        counts.push(`${range(count.value, count.high)} ${md(count.stage)}${count.per ? ` per ${unitName(count.per)}` : ''}`);
    }
    if (typeof node.listSize === 'number' && node.listStage) counts.push(`${formatNumber(node.listSize)} ${md(node.listStage)} at the start`);
    if (counts.length) lines.push(fact('Counts', counts.join('; ')));
    const stages = stagesText(reading);
    // A funnel that counts its purchase stage directly ('expect 500 trials per month') needs no conversion line.
    if (stages) lines.push(fact('Stages', stages));
    else if (!reading.entry || reading.entry.stage !== reading.purchase?.stage) lines.push(fact('Stages', "none yet: add conversion lines such as 'conversion visitors to leads 3%'"));
    lines.push(fact('First purchase', purchaseText(reading)));
    const projection = projectFunnel(model, node);
    const customers = customersPerMonth(node, productSold(model, node));
    if (customers) lines.push(fact('Customers', customersText(customers, md)));
    const upsells = (node.upsells ?? []).filter(u => u.from?.ref && u.to?.ref).map(u => `${md(u.from!.ref!.name)} to ${md(u.to!.ref!.name)}${u.rate ? ` (${percentSpan(u.rate)} of buyers)` : ''}`);
    if (upsells.length) lines.push(fact('Upsells', upsells.join(', ')));
    if (projection) {
        const money = (span: Span) => moneySpan(span, projection.currency, md);
        lines.push(fact('Sells', md(projection.product.name)));
        const parts = [`${countSpan(projection.customers)} customers`, `${money(projection.revenue)} revenue`];
        if (projection.margin) parts.push(`${money(projection.margin)} margin`);
        parts.push(`for ${money({ low: projection.spend, high: projection.spend })} of ${projection.spendWhat}`);
        lines.push(fact(`Projected over ${horizonText(projection)}`, parts.join(', ')));
        if (projection.cac) lines.push(fact('CAC', money(projection.cac)));
        lines.push(fact('LTV', `${money(projection.ltv)} of ${projection.ltvBasis} per customer`));
        const payback = paybackText(projection.payback);
        if (payback) lines.push(fact('Payback', payback));
        if (projection.notes.length) lines.push(fact('Notes', md(projection.notes.join('; '))));
    } else {
        const why = noProjection(model, node, md);
        if (why) lines.push(fact('Projection', `none: ${why}`));
    }
    return lines.join('\n');
}

/** "visitors → registrations (4% to 6%) → attendees (40%) → buyers (8%)": conversion lines in the order written, chained where one starts at the stage the last ended at. */
function stagesText(reading: FunnelReading): string {
    const chains: string[] = [];
    let last: string | undefined;
    for (const step of reading.steps) {
        const rate = percentSpan({ value: step.node.rate, high: step.node.rateHigh });
        const next = `${md(step.node.to)} (${rate})`;
        if (last !== undefined && step.from === last && chains.length) chains[chains.length - 1] += ` → ${next}`;
        else chains.push(`${md(step.node.from)} → ${next}`);
        last = step.to;
    }
    return chains.join('; ');
}

function purchaseText(reading: FunnelReading): string {
    const purchase = reading.purchase;
    if (!purchase) return "not known yet: name the stage with 'first purchase at'";
    const stage = md(purchase.stage);
    if (purchase.how === 'stated') return stage;
    if (purchase.how === 'named') return `${stage} (by its name; 'first purchase at' names another)`;
    return `${stage} (a trial: the product's trial conversion makes them paying)`;
}

/** How a funnel is named in a line about one of several: its title, its name, or "the funnel at line N". */
function funnelLabel(node: Funnel): string {
    if (node.title) return `"${node.title}"`;
    if (node.name) return node.name;
    const line = node.$cstNode ? node.$cstNode.range.start.line + 1 : undefined;
    return line ? `the funnel at line ${line}` : 'a funnel';
}

/** A flow as its timeline: "cart abandoned → after 1 hour: "Your mug is waiting" → day 1 → … → stops when purchased". */
function flow(node: Flow, model: PlanModel): string {
    const lines: string[] = [];
    lines.push(fact('Channel', node.channel ?? 'none yet'));
    const markets = marketsLine(node, model);
    if (markets) lines.push(markets);
    if (node.audience.length > 0) lines.push(fact('Reaches', names(node.audience) || 'no audience found'));
    const steps = schedule(node).map(({ step, at }) => `${whenText(at)}${step.subject ? `: ${quoted(step.subject)}` : ''}${step.contents.length > 0 ? ` with ${md(step.contents.join(', '))}` : ''}`);
    const stop = node.stops.length > 0 ? `stops when ${md(node.stops.map(s => s.value).join(', '))}` : 'nothing stops it';
    lines.push(fact('Timeline', [node.trigger ? `trigger ${quoted(node.trigger.value)}` : 'no trigger yet', ...steps, stop].join(' → ')));
    if (node.steps.length > 0) lines.push(fact('Busiest week', `${busiestWeek(node)} ${busiestWeek(node) === 1 ? 'message' : 'messages'} to one person`));
    if (node.hours) lines.push(fact('Sends', hours(node.hours)));
    const consent = consentText(node.consent);
    if (consent) lines.push(fact('Consent', consent));
    if (node.unsubscribeWithin && typeof node.unsubscribeWithin.amount === 'number') lines.push(fact('Opt-outs honoured within', optOutText(node.unsubscribeWithin)));
    return lines.join('\n');
}

function audience(node: Audience, model: PlanModel): string {
    const lines: string[] = [];
    if (node.who) lines.push(`> ${md(node.who)}`, '');
    if (node.behaviour) lines.push(fact('Did', quoted(node.behaviour.value)));
    if (node.within && typeof node.within.amount === 'number') lines.push(fact('Within', `the last ${node.within.amount} ${node.within.unit ?? ''}`.trim()));
    if (typeof node.size === 'number') lines.push(fact('Size', `${formatNumber(node.size)}${typeof node.sizeHigh === 'number' ? ` to ${formatNumber(node.sizeHigh)}` : ''} people`));
    lines.push(fact('Drawn from', names(node.segments) || 'no segment yet'));
    const reachedBy = [...model.reach.tactics, ...model.reach.flows].filter(block => block.audience.some(ref => ref.ref === node));
    lines.push(fact('Reached by', nodeNames(reachedBy) || 'no tactic or flow yet'));
    return lines.join('\n');
}

function competitor(node: Competitor): string {
    const list = (items: string[] | undefined) => (items ?? []).map(quoted).join('; ') || 'none yet';
    return [
        fact('Strengths', list(node.strengths)),
        fact('Weaknesses', list(node.weaknesses)),
        fact('We differ by', list(node.differences))
    ].join('\n');
}

function plan(node: Plan, model: PlanModel): string {
    const lines: string[] = [];
    lines.push(fact('Goal', node.goal ? quoted(node.goal) : 'none yet'));
    if (node.currency) lines.push(fact('Currency', md(node.currency)));
    const rates = (node.rates ?? []).filter(rate => typeof rate.amount === 'number' && typeof rate.value === 'number' && rate.from && rate.to)
        .map(rate => `${md(formatMoney({ amount: rate.amount, currency: rate.from }))} = ${md(formatMoney({ amount: rate.value, currency: rate.to }))}${rate.asOf ? ` as of ${rate.asOf}` : ''}`);
    if (rates.length) lines.push(fact(rates.length === 1 ? 'Exchange rate' : 'Exchange rates', rates.join('; ')));
    const focus = names(node.focus);
    if (focus) lines.push(fact('Focus', focus));
    const markets = model.reach.markets;
    if (markets.length) lines.push(fact('Markets', nodeNames(markets)));
    if (node.trackingConsent !== undefined) lines.push(fact('Tracking consent', quoted(node.trackingConsent)));
    return lines.join('\n');
}

/**
 * A market: its countries and the law mplan checks there, its languages,
 * currency and time zones, and each compliance rule that applies to it with
 * the provision, the day it applies from, and whether it is in force on the
 * as-of day and its pack on. Not legal advice, and it says so.
 */
function market(node: Market, model: PlanModel): string {
    const lines: string[] = [];
    const codes = countriesOf(node);
    lines.push(fact(codes.length === 1 ? 'Country' : 'Countries', listOf(codes.map(code => `${md(countryName(code))} (${md(code)})`)) || 'none named yet'));
    const jurisdictions = jurisdictionsOf(node);
    if (node.languages.length) lines.push(fact(node.languages.length === 1 ? 'Language' : 'Languages', listOf(node.languages.map(code => `${md(languageName(code))} (${md(code)})`))));
    if (node.currency) lines.push(fact('Currency', md(node.currency)));
    if (node.zones.length) lines.push(fact(node.zones.length === 1 ? 'Time zone' : 'Time zones', listOf(node.zones.map(quoted))));
    if (jurisdictions.length === 0) {
        lines.push(fact('Law', 'no jurisdiction mplan has compliance checks for: only the generic checks run here'));
    } else {
        lines.push(fact('Law', listOf(jurisdictions.map(j => JURISDICTION_NAMES[j]))));
        lines.push(`- **Compliance checks:**`);
        const asOf = isoDay(model.asOf);
        for (const law of LAWS) {
            if (!jurisdictions.includes(law.jurisdiction)) continue;
            const notes: string[] = [];
            if (!inForceDuring(law, { start: model.asOf, end: model.asOf })) notes.push(`not yet in force on ${asOf}`);
            if (!model.packOn(law.jurisdiction)) notes.push(`off: the ${law.jurisdiction} pack is off in mplan.json`);
            const where = jurisdictions.length > 1 ? ` (${law.jurisdiction})` : '';
            lines.push(`  - \`${law.rule}\`${where}: ${md(citation(law))}, from ${law.from}${notes.length ? `; ${notes.join('; ')}` : ''}`);
        }
    }
    const named = [...model.reach.segments, ...model.reach.tactics, ...model.reach.flows, ...model.reach.campaigns, ...model.reach.funnels, ...model.reach.offers]
        .filter(block => block.markets.some(ref => ref.ref === node));
    if (named.length) lines.push(fact('Named by', nodeNames(named) || `${named.length} unnamed ${named.length === 1 ? 'block' : 'blocks'}`));
    lines.push('', 'Not legal advice: mplan names the provisions a reviewer would check, nothing more.');
    return lines.join('\n');
}

/** "written, recorded (signed web form)", "implied, not recorded". */
function consentText(consent: Consent | undefined): string | undefined {
    if (!consent?.kind) return undefined;
    const record = consent.recorded ? `recorded${consent.record ? ` (${quoted(consent.record)})` : ''}` : 'not recorded';
    return `${consent.kind}, ${record}`;
}

/** "2 business days", "1 week". */
function optOutText(delay: { amount: number; business: boolean; unit?: string }): string {
    return `${formatNumber(delay.amount)} ${delay.business ? 'business ' : ''}${delay.unit ?? ''}`.trim();
}

/** The markets a block reaches, as hover says them: "US, Europe", or none when the plan names no market. */
function marketsLine(block: Tactic | Flow | Campaign | Funnel | Segment, model: PlanModel): string | undefined {
    if (model.reach.markets.length === 0) return undefined;
    const reached = marketsOf(block, model.marketLookup);
    const own = block.markets.length > 0;
    return fact('Markets', `${nodeNames(reached) || 'none'}${own ? '' : ' (not named here)'}`);
}

// ----------------------------------------------------------------- helpers

/** A line of a summary: "- **Budget:** 10,000 USD". */
function fact(label: string, text: string): string {
    return `- **${label}:** ${text}`;
}

/** The names references point at, resolved ones only, each once. */
function names(refs: ReadonlyArray<Reference<AstNode & { name?: string }>> | undefined): string {
    const seen = new Set<string>();
    for (const ref of refs ?? []) {
        const name = ref?.ref?.name;
        if (name) seen.add(name);
    }
    return listOf([...seen].map(md));
}

/** The names of blocks, each block once. */
function nodeNames(nodes: ReadonlyArray<{ name?: string }> | undefined): string {
    return listOf([...new Set(nodes ?? [])].map(node => node.name).filter((name): name is string => !!name).map(md));
}

/** "a, b, c", or "a, b … and 7 more" for long lists. */
function listOf(items: string[]): string {
    if (items.length <= NAMES_SHOWN + 1) return items.join(', ');
    return `${items.slice(0, NAMES_SHOWN).join(', ')} and ${items.length - NAMES_SHOWN} more`;
}

function money(node: Pick<Money, 'amount' | 'currency'>): string {
    return formatMoney({ amount: node.amount, currency: node.currency });
}

function per(unit: string | undefined): string {
    return unit ? ` per ${unit}` : '';
}

function platform(node: Platform): string {
    return node?.value ? md(node.value) : '';
}

function hours(window: HoursWindow): string {
    if (!window?.start || !window.end) return '';
    return `${window.days ? `${window.days} ` : ''}${window.start} to ${window.end}`;
}

/** Plan text in quotes, escaped. */
function quoted(text: string): string {
    return `"${md(text)}"`;
}

/**
 * Plan text as Markdown that shows exactly that text, with a backslash only
 * where a character would start markup: emphasis (`*`, `_` at a word's edge),
 * links and images (`[`), HTML and autolinks (`<`, `://`, `www.`, e-mail
 * addresses), code (a backtick), strikethrough (`~`), an entity (`&amp;`), a
 * backslash before punctuation, and at a line's start a heading, quote or list
 * (`#`, `>`, `-`, `+`, `1.`). Dots, colons, hyphens and brackets elsewhere are
 * left alone: clients that show Markdown's escapes as they are (Neovim's
 * float) would show every one.
 */
export function md(text: string): string {
    return text
        .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
        .replace(/[`*[<~]/g, '\\$&')
        .replace(/_/g, (underscore, at: number, all: string) => /\w/.test(all[at - 1] ?? '') && /\w/.test(all[at + 1] ?? '') ? underscore : '\\_')
        .replace(/&(?=#?\w+;)/g, '\\&')
        .replace(/:(?=\/\/)/g, '\\:')
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/(\w)@(?=\w)/g, '$1\\@')
        .replace(/^([ \t]*)(>|#{1,6}(?=\s|$)|[+=-](?=\s|$|[=-])|\d{1,9}(?=[.)](?:\s|$)))/gm,
            (_, indent: string, start: string) => /\d/.test(start) ? `${indent}${start}\\` : `${indent}\\${start}`);
}

/**
 * A hover's Markdown as plain text, for clients that do not render Markdown:
 * the escapes undone, `**bold**` and inline code shown as their text, code
 * fences dropped with the code indented by four spaces. Reads only the
 * Markdown the hovers write (md() above, bold labels, quotes, lists, fences).
 */
export function plainText(markdown: string): string {
    const out: string[] = [];
    let fenced = false;
    for (const line of markdown.split('\n')) {
        if (/^```/.test(line)) {
            fenced = !fenced;
            continue;
        }
        out.push(fenced ? `    ${line}` : inlinePlain(line));
    }
    return out.join('\n');
}

/** One line of Markdown without its inline markup: escapes, `**`, backticks. */
function inlinePlain(line: string): string {
    let text = '';
    for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (char === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1])) {
            text += line[++i];
        } else if (char === '`') {
            const end = line.indexOf('`', i + 1);
            if (end < 0) { text += char; continue; }
            text += line.slice(i + 1, end);
            i = end;
        } else if (char === '*' && line[i + 1] === '*') {
            i++;
        } else {
            text += char;
        }
    }
    return text;
}

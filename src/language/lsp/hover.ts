import { CstUtils, GrammarAST, type AstNode, type LangiumDocument, type Reference } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isCampaign, isCompetitor, isPlan, isProduct, isSegment, isStrategy, isTactic,
    type Campaign, type Competitor, type Document, type HoursWindow, type Money, type Plan, type Platform, type Product,
    type Segment, type Strategy, type Tactic
} from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import { amountOf, type PlanModel, type PlanModelProvider } from '../model/plan-model.js';
import { formatMoney } from '../model/values.js';
import { budgetUse, tacticShare } from './inlay-hints.js';
import { percentText } from '../wording.js';
import { keywordDoc } from './keyword-docs.js';
import { objectiveText, priceText, shareText } from './fact-text.js';

/** How many names a list in a hover shows before it says "and N more". */
const NAMES_SHOWN = 12;

/**
 * Hover: on a keyword, what it means in plain words and how it is written;
 * on a block's name or a reference to it, a summary of the block (a
 * campaign's budget and planned spend, the tactics serving a strategy, …),
 * read from the plan model. Plan text is escaped, so that it shows as written
 * and can never become a link or markup.
 */
export class MplanHoverProvider extends AstNodeHoverProvider {
    protected readonly models: PlanModelProvider;

    constructor(services: MplanServices) {
        super(services);
        this.models = services.model.PlanModelProvider;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        // Only what is under the cursor: nothing on spaces, comments or past the end of a word.
        if (!leaf || leaf.hidden || offset < leaf.offset || offset >= leaf.end) return undefined;
        const target = this.references.findDeclarations(leaf)[0];
        let value: string | undefined;
        if (target) {
            value = this.getAstNodeHoverContent(target, document as LangiumDocument<Document>);
        } else if (GrammarAST.isKeyword(leaf.grammarSource)) {
            value = keywordHover(leaf.grammarSource.value, leaf.astNode?.$type);
        }
        return value ? { contents: { kind: 'markdown', value }, range: leaf.range } : undefined;
    }

    /** A summary of a block, as seen from `document` (whose plan says who serves and runs whom). */
    protected override getAstNodeHoverContent(node: AstNode, document?: LangiumDocument<Document>): string | undefined {
        if (!document) return undefined;
        const model = this.models.get(document);
        const summary = summarize(node, model);
        if (!summary) return undefined;
        const where = model.fileOf(node).uri.toString() === document.uri.toString() ? '' : ` · ${md(model.where(node))}`;
        const title = (node as AstNode & { title?: string }).title?.trim();
        return `**${summary.kind} ${md(summary.name)}**${title ? ` ${quoted(title)}` : ''}${where}\n\n${summary.body}`;
    }
}

/** The hover of a keyword: its meaning where it stands, and a line that uses it. */
export function keywordHover(keyword: string, where: string | undefined): string | undefined {
    const doc = keywordDoc(keyword, where);
    if (!doc) return undefined;
    return `**${keyword}**: ${doc.meaning}\n\n\`\`\`mplan\n${doc.usage}\n\`\`\``;
}

interface Summary {
    kind: string;
    name: string;
    body: string;
}

function summarize(node: AstNode, model: PlanModel): Summary | undefined {
    if (isStrategy(node)) return { kind: 'strategy', name: node.name, body: strategy(node, model) };
    if (isCampaign(node)) return { kind: 'campaign', name: node.name, body: campaign(node) };
    if (isTactic(node)) return { kind: 'tactic', name: node.name, body: tactic(node, model) };
    if (isSegment(node)) return { kind: 'segment', name: node.name, body: segment(node, model) };
    if (isProduct(node)) return { kind: 'product', name: node.name, body: product(node) };
    if (isCompetitor(node)) return { kind: 'competitor', name: node.name, body: competitor(node) };
    if (isPlan(node)) return { kind: 'plan', name: node.name, body: plan(node) };
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
    const aims = (kind: 'objective' | 'kpi') => (node.objectives ?? []).filter(objective => (objective.kind === 'kpi') === (kind === 'kpi')).map(objective => {
        const measure = objectiveText(objective, md);
        return `${quoted(objective.text ?? '')}${measure ? `: ${measure}` : ''}`;
    });
    const objectives = aims('objective'), kpis = aims('kpi');
    if (objectives.length) lines.push(fact('Objectives', objectives.join('; ')));
    if (kpis.length) lines.push(fact('KPIs', kpis.join('; ')));
    return lines.join('\n');
}

function campaign(node: Campaign): string {
    const use = budgetUse(node);
    const lines: string[] = [];
    lines.push(fact('Budget', use.budget ? md(formatMoney(use.budget)) + per(node.budgetPer) : 'none yet'));
    if (use.tactics.length === 0) {
        lines.push(fact('Planned', 'nothing yet: the campaign runs no tactic'));
    } else {
        const share = use.ratio !== undefined ? ` (${percentText(use.ratio)} of the budget)` : '';
        const spent = use.spent !== undefined && use.budget ? formatMoney({ amount: use.spent, currency: use.budget.currency }) : use.planned.toString();
        const each = listOf(use.tactics.map(t => `${md(t.name)} ${t.budget && amountOf(t.budget) ? md(money(t.budget)) : '(no budget)'}`));
        lines.push(fact('Planned', use.planned.isEmpty ? `no amounts yet: ${each}` : `${md(spent)}${share} for ${each}`));
    }
    if (use.budget && use.left !== undefined) {
        const amount = md(formatMoney({ amount: Math.abs(use.left), currency: use.budget.currency }));
        lines.push(use.left < 0 ? fact('Over budget by', amount) : fact('Left', amount));
    } else if (use.budget && !use.planned.isEmpty) {
        lines.push(fact('Left', `cannot be told: the tactics cost money in other currencies than ${md(use.budget.currency)}`));
    }
    if (node.period?.start && node.period.end) lines.push(fact('Period', `${node.period.start} to ${node.period.end}`));
    return lines.join('\n');
}

function tactic(node: Tactic, model: PlanModel): string {
    const lines: string[] = [];
    if (node.channel) {
        const platforms = (node.platforms ?? []).map(platform).filter(Boolean).join(', ');
        lines.push(fact('Channel', `${node.channel}${platforms ? ` on ${platforms}` : ''}`));
    } else {
        lines.push(fact('Channel', 'none yet'));
    }
    lines.push(fact('Budget', amountOf(node.budget) ? md(money(node.budget!)) + per(node.budgetPer) : 'none yet'));
    lines.push(fact('Serves', names(node.serves) || 'no strategy yet'));
    const campaigns = [...new Set(model.campaignsRunning.get(node) ?? [])];
    const runBy = listOf(campaigns.map(c => {
        const share = tacticShare(node, c);
        return `${md(c.name ?? '')}${share !== undefined ? ` (${percentText(share)} of its budget)` : ''}`;
    }));
    lines.push(fact('Run by', runBy || 'no campaign yet'));
    if (node.period?.start && node.period.end) lines.push(fact('Period', `${node.period.start} to ${node.period.end}`));
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

function product(node: Product): string {
    const lines: string[] = [];
    const tiers = (node.tiers ?? []).filter(tier => tier?.name);
    const label = tiers.every(tier => tier.kind === 'variant') ? 'Variants' : tiers.some(tier => tier.kind === 'variant') ? 'Tiers and variants' : 'Tiers';
    const price = priceText(node.price);
    lines.push(fact('Price', price ? md(price) : tiers.length ? `from its ${label.toLowerCase()}` : 'none yet'));
    if (tiers.length) {
        lines.push(fact(label, listOf(tiers.map(tier => {
            const title = tier.title?.trim() ? ` ${quoted(tier.title.trim())}` : '';
            const cost = priceText(tier.price);
            const share = typeof tier.share === 'number' ? ` (${tier.share}%)` : '';
            return `${md(tier.name)}${title}${cost ? ` ${md(cost)}` : ''}${md(share)}`;
        }))));
    }
    if (node.trial && typeof node.trial.amount === 'number' && node.trial.unit) {
        const converts = shareText(node.trialConverts);
        lines.push(fact('Trial', md(`${node.trial.amount} ${node.trial.unit}${converts ? `, ${converts} go on to pay` : ''}`)));
    }
    const economics: Array<[string, string | undefined]> = [
        ['Margin', shareText(node.margin)],
        ['Unit cost', amountOf(node.unitCost) ? money(node.unitCost!) : undefined],
        ['Retention', shareText(node.retention)],
        ['Churn', shareText(node.churn)],
        ['Repeat purchases', shareText(node.repeat)]
    ];
    for (const [label, text] of economics) if (text) lines.push(fact(label, md(text)));
    const benefits = (node.benefits ?? []).map(quoted);
    lines.push(fact('Benefits', benefits.length ? benefits.join('; ') : 'none yet'));
    const spinoffs = names(node.spinoffs);
    if (spinoffs) lines.push(fact('Spin-offs', spinoffs));
    const complements = names(node.complements);
    if (complements) lines.push(fact('Goes with', complements));
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

function plan(node: Plan): string {
    const lines: string[] = [];
    lines.push(fact('Goal', node.goal ? quoted(node.goal) : 'none yet'));
    if (node.currency) lines.push(fact('Currency', md(node.currency)));
    const focus = names(node.focus);
    if (focus) lines.push(fact('Focus', focus));
    return lines.join('\n');
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
 * Plan text as Markdown that shows exactly that text: every character that
 * could start markup (emphasis, links, images, HTML, code, headings, lists,
 * tables, autolinks) is escaped with a backslash, which Markdown allows before
 * any punctuation.
 */
export function md(text: string): string {
    return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&:@]/g, '\\$&');
}

/**
 * The plan report as Markdown: the sections of the HTML page, with tables
 * where the page has charts and a list for the timeline, for a wiki, a pull
 * request or a README. Every text that comes from a plan goes through
 * escapeMarkdown, which escapes only what would change how GitHub renders it
 * (so the raw file reads as plain text), and a table cell's pipe. Pure, like
 * the HTML renderer.
 */
import { formatNumber, percentText } from '../wording.js';
import {
    campaignBudgetText, fileName, label, lawStatusText, marketFacts, money, moneySpan, paybackText, people, projectedMoney, ratesText, ratioText,
    readinessText, rowNotes, spanText, totalText
} from './wording.js';
import { codeSpans, escapeMarkdown as md } from './escape.js';
import { languageNote } from './readiness.js';
import type { BudgetRow, CampaignBudgetRow, FunnelMoney, FunnelView, MarketCompliance, PlanReport, ProjectedMoney, TimelineItem } from './report-data.js';

/** The report as one Markdown document. */
export function renderReportMarkdown(report: PlanReport): string {
    return [
        header(report),
        summary(report),
        readiness(report),
        budget(report),
        moneyOverTime(report),
        timeline(report),
        funnel(report),
        flows(report),
        compliance(report),
        findings(report),
        `_Made by mplan from ${md(fileName(report.uri))}, judged as of ${md(report.asOf)}._`
    ].join('\n\n') + '\n';
}

/**
 * A Markdown table; cells are given already escaped for inline Markdown
 * (escapeMarkdown), and a pipe in one, which would end the cell, is escaped
 * here (no markup of the report's own has one).
 */
function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
    const align = head.map((_, i) => (numeric[i] ? '---:' : '---'));
    return [head, align, ...rows].map(cells => `| ${cells.map(cell => cell.replace(/\|/g, '\\|')).join(' | ')} |`).join('\n');
}

function header(report: PlanReport): string {
    const plan = report.plan;
    const lines = [`# Plan report: ${md(label(plan))}`, ''];
    lines.push(plan.goal !== undefined ? `**Goal:** ${md(plan.goal)}` : '**Goal:** none stated');
    lines.push('');
    if (plan.objectives.length > 0) {
        lines.push('**Objectives, against the projection:**', '');
        for (const objective of plan.objectives) {
            lines.push(`- ${objective.kind === 'kpi' ? 'KPI' : 'Objective'} **${md(objective.text)}**: ${md(objective.line)}`);
        }
        lines.push('');
    }
    const currency = report.currency ? `${report.currency}${plan.currencyDeclared ? '' : ' (from the first amount: the plan declares none)'}` : 'none (the plan states no money)';
    lines.push(`- **Currency:** ${md(currency)}`);
    if (plan.rates.length > 0) lines.push(`- **Exchange rates:** ${md(ratesText(report))}`);
    if (plan.period) lines.push(`- **Period:** ${md(plan.period.start)} to ${md(plan.period.end)}`);
    if (plan.focus.length > 0) lines.push(`- **Focus:** ${md(plan.focus.join(', '))}`);
    if (plan.revisit) lines.push(`- **Revisited:** ${md(plan.revisit)}`);
    lines.push(`- **Judged as of:** ${md(report.asOf)}`);
    return lines.join('\n');
}

function summary(report: PlanReport): string {
    const plan = report.plan;
    const counts = plan.counts;
    const totals = table(['Total budget', 'Planned spend', 'Tactic budgets', 'Errors', 'Warnings', 'Infos'], [[
        md(totalText(report, plan.totalBudget)), md(totalText(report, plan.plannedSpend)), md(totalText(report, plan.tacticBudgets)),
        String(plan.findings.error), String(plan.findings.warning), String(plan.findings.info)
    ]], [true, true, true, true, true, true]);
    const blocks: Array<[string, number]> = [
        ['files', counts.files], ['products', counts.products], ['segments', counts.segments], ['competitors', counts.competitors],
        ['research', counts.research], ['strategies', counts.strategies], ['tactics', counts.tactics], ['campaigns', counts.campaigns],
        ['funnels', counts.funnels], ['offers', counts.offers],
        // Blocks of part 2 of the language, counted where the plan has them (a plan without keeps its table).
        ...(counts.audiences > 0 ? [['audiences', counts.audiences] as [string, number]] : []),
        ...(counts.flows > 0 ? [['flows', counts.flows] as [string, number]] : [])
    ];
    const counted = table(blocks.map(([name]) => name), [blocks.map(([, count]) => String(count))], blocks.map(() => true));
    return `## Summary\n\nThe total budget is the campaigns' budgets; the planned spend is what the campaigns' tactics cost; the tactic budgets count every tactic, run by a campaign or not.\n\n${totals}\n\n${counted}`;
}

function readiness(report: PlanReport): string {
    const rows = report.readiness.areas.map(area => [
        md(area.title),
        md(readinessText(area)),
        String(area.findings.error), String(area.findings.warning), String(area.findings.info), String(area.rules)
    ]);
    const note = languageNote(report, text => `\n\n**${md(text)}**`);
    return `## Readiness\n\n${table(['Area', 'Score', 'Errors', 'Warnings', 'Infos', 'Rules on'], rows, [false, true, true, true, true, true])}\n\n${md(report.readiness.formula)}\n\n${md(report.readiness.notAssessed)}${note}`;
}

function budgetTable(report: PlanReport, rows: BudgetRow[], heading: string, none: string): string {
    if (rows.length === 0) return 'Nothing to show.';
    return table([heading, 'Amount', 'Share', 'Tactics', 'Notes'], rows.map(row => [
        md(label(row, none)), md(money(report, row.amount)), percentText(row.share), md(row.tactics.join(', ')), md(rowNotes(row))
    ]), [false, true, true, false, false]);
}

function campaignTable(report: PlanReport, rows: CampaignBudgetRow[]): string {
    if (rows.length === 0) return 'The plan has no campaign.';
    return table(['Campaign', 'Budget', 'Planned spend', 'Used', 'Left', 'Tactics', 'Notes'], rows.map(row => {
        const left = row.left === undefined ? '–' : row.left < 0 ? `${money(report, -row.left)} over` : money(report, row.left);
        return [
            md(label(row)), md(campaignBudgetText(report, row)), md(money(report, row.spend)), row.ratio === undefined ? '–' : percentText(row.ratio), md(left),
            md(row.tactics.join(', ')), md(rowNotes({ other: row.spendOther, unbudgeted: row.unbudgeted, uncounted: row.uncounted }))
        ];
    }), [false, true, true, true, true, false, false]);
}

function budget(report: PlanReport): string {
    const { byStrategy, byChannel, byMedia, byPlace, byCampaign } = report.budget;
    return [
        '## Budget',
        `Amounts in ${md(report.currency ?? 'the plan currency')}; amounts in another currency are listed, never converted or added; a tactic without a budget counts as nothing. A tactic that serves several strategies is shared equally among them.`,
        '### By strategy', budgetTable(report, byStrategy, 'Strategy', '(serves no strategy)'),
        '### By channel', budgetTable(report, byChannel, 'Channel', '(no channel)'),
        '### By channel type', 'Paid media you buy, owned media you publish to people you already reach, earned media others pass on.',
        budgetTable(report, byMedia, 'Type', '(no channel)'), budgetTable(report, byPlace, 'Where', '(no channel)'),
        '### By campaign', campaignTable(report, byCampaign)
    ].join('\n\n');
}

/** One item of the timeline; a tactic is nested under its campaign when the campaign is listed too. */
function timelineLine(item: TimelineItem, listed: ReadonlySet<string>): string {
    const indent = item.kind === 'tactic' && item.campaign !== undefined && listed.has(item.campaign) ? '    ' : '';
    const dates = `${md(item.start ?? '')} to ${md(item.end ?? '')}`;
    const review = item.review ? `, review on ${md(item.review)}` : '';
    const within = item.kind === 'tactic' && item.campaign !== undefined && !indent ? ` (in ${md(item.campaign)})` : '';
    return `${indent}- ${dates}: ${item.kind} **${md(label(item))}**${within}${review}`;
}

function timeline(report: PlanReport): string {
    const { items, undated, start, end } = report.timeline;
    const parts = ['## Timeline'];
    if (items.length > 0) {
        parts.push(`From ${md(start ?? '')} to ${md(end ?? '')}; each campaign is followed by the tactics it runs, then the tactics no campaign runs.`);
        const listed = new Set(items.filter(item => item.kind === 'campaign').map(item => label(item)));
        parts.push(items.map(item => timelineLine(item, listed)).join('\n'));
    } else {
        parts.push('No campaign or tactic has a period.');
    }
    if (undated.length > 0) {
        parts.push('### Without dates');
        parts.push(undated.map(item => `- ${item.kind} **${md(label(item))}**${item.campaign ? ` (in ${md(item.campaign)})` : ''}: ${md(item.undatedReason ?? '')}`).join('\n'));
    }
    return parts.join('\n\n');
}

/** Each flow as a timeline: the trigger, each step with when it goes out, what stops it. */
function flows(report: PlanReport): string {
    const parts = ['## Flows'];
    if (report.flows.length === 0) return [...parts, 'The plan has no automated flow.'].join('\n\n');
    parts.push('Each step goes out after the one before it; the times below count from the trigger.');
    for (const flow of report.flows) {
        parts.push(`### ${md(label(flow))}${flow.channel ? ` (${md(flow.channel)})` : ''}`);
        const lines = [`1. **Trigger:** ${flow.trigger !== undefined ? md(flow.trigger) : 'none stated'}${flow.audience.length > 0 ? `, for ${md(flow.audience.join(', '))}` : ''}`];
        for (const step of flow.steps) {
            const what = [step.subject !== undefined ? `"${md(step.subject)}"` : '', step.contents.length > 0 ? `with ${md(step.contents.join(', '))}` : ''].filter(Boolean).join(' ');
            lines.push(`1. ${md(step.when)}: ${what || 'a message'}`);
        }
        lines.push(`1. **Stops when:** ${flow.stops.length > 0 ? md(flow.stops.join(', ')) : 'nothing stops it'}`);
        parts.push(lines.join('\n'));
        const notes = [`${formatNumber(flow.steps.length, 0)} ${flow.steps.length === 1 ? 'step' : 'steps'}`, `at most ${formatNumber(flow.busiestWeek, 0)} in one week`];
        if (flow.hours) notes.push(`sent ${md(flow.hours)}`);
        if (flow.unsubscribeWithin) notes.push(`opt-outs honoured within ${md(flow.unsubscribeWithin)}`);
        parts.push(notes.join('; ') + '.');
    }
    return parts.join('\n\n');
}

function funnelTable(view: FunnelView): string {
    const per = view.per ? ` per ${md(view.per.replace(/s$/, ''))}` : '';
    return table(['Stage', 'How the plan gets there', 'Rate to the next', `Expected${per}`], view.stages.map(stage => [
        md(stage.label),
        stage.declared ? md(stage.how.join('; ') || 'named in a conversion line') : '**missing**',
        stage.rateToNext !== undefined ? `${formatNumber(stage.rateToNext, 2)}%` : '–',
        stage.expected !== undefined ? formatNumber(stage.expected, 1) : '–'
    ]), [false, false, true, true]);
}

function funnel(report: PlanReport): string {
    const parts = ['## Funnel'];
    if (report.funnel.funnels.length === 0) parts.push('The plan has no funnel.');
    for (const view of report.funnel.funnels) {
        if (view.name || view.title || report.funnel.funnels.length > 1) parts.push(`### ${funnelHeading(view)}`);
        parts.push(funnelTable(view));
        if (view.unsubscribeWithin) parts.push(`Opt-outs are honoured within ${md(view.unsubscribeWithin)}.`);
    }
    parts.push(report.funnel.missing.length > 0
        ? `Missing from every funnel: ${report.funnel.missing.map(stage => (stage === 'repeat' ? 'repeat buyers' : stage)).join(', ')}.`
        : 'Every stage from visitors to repeat buyers is there.');
    return parts.join('\n\n');
}

/** A funnel's heading: its title, else "Funnel" and its name. */
function funnelHeading(view: { name: string | undefined; title: string | undefined }): string {
    return view.title !== undefined ? md(view.title) : view.name ? `Funnel ${md(view.name)}` : 'Funnel';
}

/** The month-by-month table of a projection, with a total row. */
function monthTable(projected: ProjectedMoney): string {
    const currency = projected.currency;
    const active = projected.months.some(row => row.active);
    const margin = projected.total.margin !== undefined;
    const head = ['Month', 'Spend', 'New customers', ...(active ? ['Paying subscribers'] : []), 'Revenue', ...(margin ? ['Margin'] : [])];
    const rows = projected.months.map(row => [
        row.month, md(projectedMoney(row.spend, currency)), md(spanText(row.customers, people)),
        ...(active ? [row.active ? md(spanText(row.active, people)) : '–'] : []),
        md(moneySpan(row.revenue, currency)), ...(margin ? [row.margin ? md(moneySpan(row.margin, currency)) : '–'] : [])
    ]);
    const total = projected.total;
    rows.push([
        '**Total**', `**${md(projectedMoney(total.spend, currency))}**`, `**${md(spanText(total.customers, people))}**`,
        ...(active ? ['–'] : []), `**${md(moneySpan(total.revenue, currency))}**`, ...(margin && total.margin ? [`**${md(moneySpan(total.margin, currency))}**`] : [])
    ]);
    return table(head, rows, head.map((_, i) => i > 0));
}

function campaignMoneyTable(projected: ProjectedMoney): string {
    const currency = projected.currency;
    const margin = projected.total.margin !== undefined;
    const head = ['Campaign', 'Spend', 'New customers', 'Revenue', ...(margin ? ['Margin'] : []), 'CAC'];
    return table(head, projected.campaigns.map(row => [
        md(label(row)), md(projectedMoney(row.spend, currency)), md(spanText(row.customers, people)), md(moneySpan(row.revenue, currency)),
        ...(margin ? [row.margin ? md(moneySpan(row.margin, currency)) : '–'] : []), row.cac ? md(moneySpan(row.cac, currency)) : '–'
    ]), head.map((_, i) => i > 0));
}

function unitEconomics(projected: ProjectedMoney): string {
    const { unit, currency } = projected;
    const lines = [
        `- **CAC**, the cost to acquire a paying customer: ${unit.cac ? md(moneySpan(unit.cac, currency)) : 'unknown (no customer is won)'}`,
        `- **LTV**, the ${unit.ltvBasis} one customer brings in over ${unit.ltvMonths} months${unit.ltvBasis === 'revenue' ? ' (revenue: the product states no margin or unit cost)' : ''}: ${md(moneySpan(unit.ltv, currency))}`,
        `- **LTV:CAC**: ${unit.ltvToCac ? md(ratioText(unit.ltvToCac)) : '–'}`,
        `- **Payback**, the months of ${unit.ltvBasis} that win back the CAC: ${md(paybackText(unit))}`
    ];
    return lines.join('\n');
}

function funnelMoney(view: FunnelMoney, headed: boolean): string[] {
    const parts = headed ? [`### ${funnelHeading(view)}`] : [];
    const projected = view.projection;
    if (!projected) {
        parts.push(`No projection: ${md(view.missing ?? 'the funnel cannot be projected')}.`);
        return parts;
    }
    const price = projected.price ? ` at ${md(projected.price)}` : projected.tiers.length > 0 ? ` (${md(projected.tiers.join('; '))})` : '';
    const elsewhere = projected.marketPrices.length > 0 ? ` (and ${md(projected.marketPrices.join('; '))}; the projection counts the first price)` : '';
    parts.push(`Customers buy **${md(projected.product)}**${price}${elsewhere}. ${md(projected.basis)}. Spend: ${md(projected.spendWhat)}.`);
    parts.push(monthTable(projected));
    if (projected.campaigns.length > 0) parts.push(`${headed ? '####' : '###'} By campaign`, campaignMoneyTable(projected));
    parts.push(`${headed ? '####' : '###'} Unit economics`, unitEconomics(projected));
    if (projected.notes.length > 0) parts.push(['Left out of the projection:', ...projected.notes.map(note => `- ${md(note)}`)].join('\n'));
    return parts;
}

function moneyOverTime(report: PlanReport): string {
    const { funnels, missing, horizonMonths } = report.money;
    const parts = ['## Money over time'];
    if (missing) {
        parts.push(`No projection: ${md(missing)}.`);
        return parts.join('\n\n');
    }
    parts.push(`What the plan's own figures project over the first ${horizonMonths} months from its first month of spend: a range ("low to high") wherever the plan gives one, the low end from the pessimistic ends of its ranges.${funnels.length > 1 ? ' Each funnel is projected with the whole spend of the plan.' : ''}`);
    for (const view of funnels) parts.push(...funnelMoney(view, funnels.length > 1 || Boolean(view.name || view.title)));
    return parts.join('\n\n');
}

/** A docs text: plain parts escaped, code spans kept (a code span shows its content as it is). */
function docText(text: string): string {
    return codeSpans(text).map(part => (part.code ? `\`${part.text}\`` : md(part.text))).join('');
}

/** One market: its facts, the provisions checked there and what each found. */
function marketCompliance(market: MarketCompliance): string {
    const heading = `### ${md(label(market))}${market.title !== undefined ? ` (${md(market.name)})` : ''}`;
    const facts = marketFacts(market).map(([term, value]) => `- **${md(term)}:** ${md(value)}`).join('\n');
    if (market.laws.length === 0) return [heading, facts].join('\n\n');
    const rows = table(['Rule', 'Law', 'Applies from', 'Status', 'Findings'], market.laws.map(law => [
        law.docsUrl ? `[\`${law.rule}\`](${law.docsUrl})` : `\`${law.rule}\``, `${md(law.law)}, ${md(law.article)}`, md(law.from), md(lawStatusText(law)), String(law.findings.length)
    ]), [false, false, false, false, true]);
    const found = market.laws.flatMap(law => law.findings.map(finding =>
        `- **${md(finding.severity)}** \`${law.rule}\` ${md(`${finding.file}:${finding.line}:${finding.column}`)}: ${md(finding.message)}`));
    return [heading, facts, rows, found.length > 0 ? found.join('\n') : 'No finding in this market.'].join('\n\n');
}

function compliance(report: PlanReport): string {
    const parts = ['## Compliance'];
    const { markets, none, disclaimer } = report.compliance;
    if (none) parts.push(md(none));
    else parts.push(`The provisions the compliance rules check in each market the plan names, as of ${md(report.asOf)}, and what they found there.`);
    for (const market of markets) parts.push(marketCompliance(market));
    parts.push(`**${md(disclaimer)}**`);
    return parts.join('\n\n');
}

function findings(report: PlanReport): string {
    const parts = ['## Findings'];
    if (report.findings.areas.length === 0) parts.push('No rule finds anything to improve.');
    for (const area of report.findings.areas) {
        parts.push(`### ${md(area.title)}`);
        for (const rule of area.rules) {
            const lines = [`#### \`${rule.id}\``, '', `**${docText(rule.description)}**`];
            if (rule.rationale) lines.push('', `> ${docText(rule.rationale)}`);
            lines.push('', `[Why it matters and how to fix it](${rule.docsUrl})`, '');
            for (const finding of rule.findings) {
                lines.push(`- **${md(finding.severity)}** ${md(`${finding.file}:${finding.line}:${finding.column}`)}: ${md(finding.message)}`);
            }
            parts.push(lines.join('\n'));
        }
    }
    return parts.join('\n\n');
}

/**
 * The plan report as Markdown: the sections of the HTML page, with tables
 * where the page has charts and a list for the timeline, for a wiki, a pull
 * request or a README. Every text that comes from a plan goes through
 * escapeMarkdown, which escapes it for Markdown and for the HTML most viewers
 * let through. Pure, like the HTML renderer.
 */
import { formatMoney } from '../model/values.js';
import { formatNumber, percentText } from '../wording.js';
import { fileName, money, rowNotes, totalText } from './wording.js';
import { codeSpans, escapeMarkdown as md } from './escape.js';
import { languageNote } from './readiness.js';
import type { BudgetRow, CampaignBudgetRow, FunnelView, PlanReport, TimelineItem } from './report-data.js';

/** The report as one Markdown document. */
export function renderReportMarkdown(report: PlanReport): string {
    return [
        header(report),
        summary(report),
        readiness(report),
        budget(report),
        timeline(report),
        funnel(report),
        findings(report),
        `_Made by mplan from ${md(fileName(report.uri))}, judged as of ${md(report.asOf)}._`
    ].join('\n\n') + '\n';
}

/** A Markdown table; cells are given already escaped. */
function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
    const align = head.map((_, i) => (numeric[i] ? '---:' : '---'));
    return [head, align, ...rows].map(cells => `| ${cells.join(' | ')} |`).join('\n');
}

function header(report: PlanReport): string {
    const plan = report.plan;
    const lines = [`# Plan report: ${md(plan.name)}`, ''];
    lines.push(plan.goal !== undefined ? `**Goal:** ${md(plan.goal)}` : '**Goal:** none stated');
    lines.push('');
    const currency = report.currency ? `${report.currency}${plan.currencyDeclared ? '' : ' (from the first amount: the plan declares none)'}` : 'none (the plan states no money)';
    lines.push(`- **Currency:** ${md(currency)}`);
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
        ['funnels', counts.funnels], ['offers', counts.offers]
    ];
    const counted = table(blocks.map(([name]) => name), [blocks.map(([, count]) => String(count))], blocks.map(() => true));
    return `## Summary\n\nThe total budget is the campaigns' budgets; the planned spend is what the campaigns' tactics cost; the tactic budgets count every tactic, run by a campaign or not.\n\n${totals}\n\n${counted}`;
}

function readiness(report: PlanReport): string {
    const rows = report.readiness.areas.map(area => [
        md(area.title),
        area.score === undefined ? 'not judged' : `${area.score}`,
        String(area.findings.error), String(area.findings.warning), String(area.findings.info), String(area.rules)
    ]);
    const note = languageNote(report, text => `\n\n**${md(text)}**`);
    return `## Readiness\n\n${table(['Area', 'Score', 'Errors', 'Warnings', 'Infos', 'Rules on'], rows, [false, true, true, true, true, true])}\n\n${md(report.readiness.formula)}${note}`;
}

function budgetTable(report: PlanReport, rows: BudgetRow[], heading: string, none: string): string {
    if (rows.length === 0) return 'Nothing to show.';
    return table([heading, 'Amount', 'Share', 'Tactics', 'Notes'], rows.map(row => [
        md(row.name ?? none), md(money(report, row.amount)), percentText(row.share), md(row.tactics.join(', ')), md(rowNotes(row))
    ]), [false, true, true, false, false]);
}

function campaignTable(report: PlanReport, rows: CampaignBudgetRow[]): string {
    if (rows.length === 0) return 'The plan has no campaign.';
    return table(['Campaign', 'Budget', 'Planned spend', 'Used', 'Left', 'Tactics', 'Notes'], rows.map(row => {
        const budget = row.budget !== undefined ? money(report, row.budget) : row.budgetOther ? `${formatMoney(row.budgetOther)} (other currency)` : 'none';
        const left = row.left === undefined ? '–' : row.left < 0 ? `${money(report, -row.left)} over` : money(report, row.left);
        return [
            md(row.name), md(budget), md(money(report, row.spend)), row.ratio === undefined ? '–' : percentText(row.ratio), md(left),
            md(row.tactics.join(', ')), md(rowNotes({ other: row.spendOther, unbudgeted: row.unbudgeted }))
        ];
    }), [false, true, true, true, true, false, false]);
}

function budget(report: PlanReport): string {
    const { byStrategy, byChannel, byCampaign } = report.budget;
    return [
        '## Budget',
        `Amounts in ${md(report.currency ?? 'the plan currency')}; amounts in another currency are listed, never converted or added; a tactic without a budget counts as nothing. A tactic that serves several strategies is shared equally among them.`,
        '### By strategy', budgetTable(report, byStrategy, 'Strategy', '(serves no strategy)'),
        '### By channel', budgetTable(report, byChannel, 'Channel', '(no channel)'),
        '### By campaign', campaignTable(report, byCampaign)
    ].join('\n\n');
}

/** One item of the timeline; a tactic is nested under its campaign when the campaign is listed too. */
function timelineLine(item: TimelineItem, listed: ReadonlySet<string>): string {
    const indent = item.kind === 'tactic' && item.campaign !== undefined && listed.has(item.campaign) ? '    ' : '';
    const dates = `${md(item.start ?? '')} to ${md(item.end ?? '')}`;
    const review = item.review ? `, review on ${md(item.review)}` : '';
    const within = item.kind === 'tactic' && item.campaign !== undefined && !indent ? ` (in ${md(item.campaign)})` : '';
    return `${indent}- ${dates}: ${item.kind} **${md(item.name)}**${within}${review}`;
}

function timeline(report: PlanReport): string {
    const { items, undated, start, end } = report.timeline;
    const parts = ['## Timeline'];
    if (items.length > 0) {
        parts.push(`From ${md(start ?? '')} to ${md(end ?? '')}; each campaign is followed by the tactics it runs, then the tactics no campaign runs.`);
        const listed = new Set(items.filter(item => item.kind === 'campaign').map(item => item.name));
        parts.push(items.map(item => timelineLine(item, listed)).join('\n'));
    } else {
        parts.push('No campaign or tactic has a period.');
    }
    if (undated.length > 0) {
        parts.push('### Without dates');
        parts.push(undated.map(item => `- ${item.kind} **${md(item.name)}**${item.campaign ? ` (in ${md(item.campaign)})` : ''}: ${md(item.undatedReason ?? '')}`).join('\n'));
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
        if (view.name || report.funnel.funnels.length > 1) parts.push(`### ${view.name ? `Funnel ${md(view.name)}` : 'Funnel'}`);
        parts.push(funnelTable(view));
    }
    parts.push(report.funnel.missing.length > 0
        ? `Missing from every funnel: ${report.funnel.missing.map(stage => (stage === 'repeat' ? 'repeat buyers' : stage)).join(', ')}.`
        : 'Every stage from visitors to repeat buyers is there.');
    return parts.join('\n\n');
}

/** A docs text: plain parts escaped, code spans kept (a code span shows its content as it is). */
function docText(text: string): string {
    return codeSpans(text).map(part => (part.code ? `\`${part.text}\`` : md(part.text))).join('');
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

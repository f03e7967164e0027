/**
 * The plan report as one self-contained HTML page: `mplan report --out
 * FILE.html`, the extension's exported report and its live preview. No
 * remote resource and no script is needed to read it: the charts are inline
 * SVG, the styles one inline sheet, and a strict Content Security Policy
 * forbids everything else. Every text that comes from a plan goes through
 * escapeHtml. PURE: it imports nothing from Langium or Node, so the VS Code
 * extension's bundle can import it.
 */
import { formatNumber, percentText } from '../wording.js';
import {
    campaignBudgetText, fileName, label, lawStatusText, marketFacts, money, moneySpan, otherText, paybackText, people, projectedMoney, ratesText,
    ratioText, readinessText, rowNotes, spanText, totalText
} from './wording.js';
import { codeSpans, escapeHtml as esc } from './escape.js';
import { languageNote } from './readiness.js';
import type {
    AreaReadiness, BudgetRow, CampaignBudgetRow, FunnelMoney, FunnelView, MarketCompliance, PlanReport, ProjectedMoney, RuleFindings, SourceLocation,
    TimelineItem
} from './report-data.js';

export interface RenderHtmlOptions {
    /** A nonce for the style sheet and the script (the preview's webview requires one). */
    nonce?: string;
    /** The webview's own origin (`webview.cspSource`), allowed for styles and images. */
    cspSource?: string;
    /** The preview: items carry `data-uri`, `data-line` and `data-character` (zero-based) to reveal them. */
    interactive?: boolean;
    /** `vscode`: VS Code's theme colours (its CSS variables); `light` (default): a printable light page. */
    theme?: 'light' | 'vscode';
    /** The preview's script, run under the nonce; only with `interactive` and a nonce. */
    script?: string;
}

/** Everything a part of the page needs to know about how it is rendered. */
interface Context {
    report: PlanReport;
    interactive: boolean;
}

/** The complete page. */
export function renderReportHtml(report: PlanReport, options: RenderHtmlOptions = {}): string {
    const context: Context = { report, interactive: options.interactive ?? false };
    const nonce = options.nonce ? ` nonce="${cspToken(options.nonce)}"` : '';
    const script = context.interactive && options.nonce && options.script
        ? `<script${nonce}>${options.script.replace(/<\/(script)/gi, '<\\/$1')}</script>\n`
        : '';
    const body = [
        header(context),
        summary(context),
        readiness(context),
        budget(context),
        moneyOverTime(context),
        timeline(context),
        funnel(context),
        flows(context),
        compliance(context),
        findings(context)
    ].join('\n');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options, script !== '')}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mplan">
<title>Plan report: ${esc(label(report.plan))}</title>
<style${nonce}>${styles(options.theme ?? 'light')}</style>
</head>
<body class="${context.interactive ? 'interactive' : 'static'}">
<main>
${body}
<footer><p>Made by mplan from ${esc(fileName(report.uri))}, judged as of ${esc(report.asOf)}.</p></footer>
</main>
${script}</body>
</html>
`;
}

/**
 * Nothing may load but the page's own styles (and, in the preview, the
 * nonce'd script); images only as data: URIs.
 */
function contentSecurityPolicy(options: RenderHtmlOptions, withScript: boolean): string {
    const nonce = options.nonce ? cspToken(options.nonce) : undefined;
    const source = options.cspSource ? ` ${cspToken(options.cspSource)}` : '';
    const style = nonce ? `'nonce-${nonce}'` : `'unsafe-inline'`;
    const policy = [`default-src 'none'`, `style-src ${style}${source}`, `img-src data:${source}`];
    if (withScript) policy.push(`script-src 'nonce-${nonce}'`);
    return policy.join('; ');
}

/** A nonce or a source for the policy, stripped of what could end it or add a directive (`;`, quotes, spaces). */
function cspToken(value: string): string {
    return value.replace(/[^A-Za-z0-9+/=:.*_-]/g, '');
}

/** The attributes that let the preview reveal an item; none in the report file. */
function at(context: Context, location: SourceLocation | undefined): string {
    if (!context.interactive || !location) return '';
    const { line, character } = location.range.start;
    return ` data-uri="${esc(location.uri)}" data-line="${Number(line)}" data-character="${Number(character)}"`;
}

function plural(count: number, word: string): string {
    return `${formatNumber(count, 0)} ${word}${count === 1 ? '' : 's'}`;
}

function header(context: Context): string {
    const plan = context.report.plan;
    const facts: Array<[string, string]> = [];
    facts.push(['Currency', context.report.currency ? `${context.report.currency}${plan.currencyDeclared ? '' : ' (from the first amount: the plan declares none)'}` : 'none (the plan states no money)']);
    if (plan.rates.length > 0) facts.push(['Exchange rates', ratesText(context.report)]);
    if (plan.period) facts.push(['Period', `${plan.period.start} to ${plan.period.end}`]);
    if (plan.focus.length > 0) facts.push(['Focus', plan.focus.join(', ')]);
    if (plan.revisit) facts.push(['Revisited', plan.revisit]);
    facts.push(['Judged as of', context.report.asOf]);
    return `<header id="plan"${at(context, plan.location)}>
<p class="kicker">Marketing plan report</p>
<h1>${esc(label(plan))}</h1>
${plan.goal !== undefined ? `<p class="goal">${esc(plan.goal)}</p>` : '<p class="goal missing">The plan states no goal.</p>'}
${objectives(context)}
<dl class="facts">${facts.map(([term, value]) => `<div><dt>${esc(term)}</dt><dd>${esc(value)}</dd></div>`).join('')}</dl>
</header>`;
}

/** Each objective and KPI with its verdict against the projection, under the goal. */
function objectives(context: Context): string {
    const lines = context.report.plan.objectives;
    if (lines.length === 0) return '';
    const items = lines.map(objective => {
        const state = objective.judged ? objective.judged.verdict.replace(' ', '-') : 'not-judged';
        return `<li class="${state}"${at(context, objective.location)}><span class="kind">${objective.kind === 'kpi' ? 'KPI' : 'Objective'}</span> ` +
            `<strong>${esc(objective.text)}</strong>: <span class="verdict">${esc(objective.line)}</span></li>`;
    }).join('\n');
    return `<ul class="objectives" aria-label="Objectives, against the projection">\n${items}\n</ul>`;
}

function summary(context: Context): string {
    const plan = context.report.plan;
    const counts = plan.counts;
    const cards: Array<[string, string, string]> = [
        ['Total budget', totalText(context.report, plan.totalBudget), 'the campaigns\' budgets'],
        ['Planned spend', totalText(context.report, plan.plannedSpend), 'what the campaigns\' tactics cost'],
        ['Tactic budgets', totalText(context.report, plan.tacticBudgets), 'every tactic, run or not'],
        ['Findings', `${plural(plan.findings.error, 'error')}, ${plural(plan.findings.warning, 'warning')}, ${formatNumber(plan.findings.info, 0)} info`, 'see Findings below']
    ];
    const blocks: Array<[string, number]> = [
        ['files', counts.files], ['products', counts.products], ['segments', counts.segments], ['competitors', counts.competitors],
        ['research', counts.research], ['strategies', counts.strategies], ['tactics', counts.tactics], ['campaigns', counts.campaigns],
        ['funnels', counts.funnels], ['offers', counts.offers],
        ...(counts.audiences > 0 ? [['audiences', counts.audiences] as [string, number]] : []),
        ...(counts.flows > 0 ? [['flows', counts.flows] as [string, number]] : [])
    ];
    return `<section id="summary">
<h2>Summary</h2>
<div class="cards">${cards.map(([title, value, note]) => `<div class="card"><div class="card-title">${esc(title)}</div><div class="card-value">${esc(value)}</div><div class="card-note">${esc(note)}</div></div>`).join('')}</div>
<ul class="counts">${blocks.map(([name, count]) => `<li><strong>${count}</strong> ${esc(count === 1 ? singular(name) : name)}</li>`).join('')}</ul>
</section>`;
}

// ------------------------------------------------------------------ charts

const WIDTH = 760;
const LABEL = 210;
const VALUE = 170;
const ROW = 26;

/** A label that fits its column, the full text in a tooltip. */
function clip(text: string, max = 30): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function svg(height: number, title: string, content: string): string {
    return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${content}</svg>`;
}

function scoreClass(score: number): string {
    return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

function readinessRow(area: AreaReadiness, y: number): string {
    const track = WIDTH - LABEL - VALUE;
    const counts = [
        area.findings.error ? plural(area.findings.error, 'error') : '',
        area.findings.warning ? plural(area.findings.warning, 'warning') : '',
        area.findings.info ? `${area.findings.info} info` : ''
    ].filter(Boolean).join(', ') || 'no findings';
    const bar = area.score === undefined
        ? `<text x="${LABEL}" y="${y + 17}" class="muted">${area.status === 'not assessed' ? `not assessed: the plan has ${esc(area.lacks ?? 'nothing of it')}` : 'not judged: every rule of the area is off'}</text>`
        : `<rect x="${LABEL}" y="${y + 5}" width="${track}" height="${ROW - 10}" class="track"/>` +
          `<rect x="${LABEL}" y="${y + 5}" width="${(track * area.score) / 100}" height="${ROW - 10}" class="bar ${scoreClass(area.score)}"/>` +
          `<text x="${LABEL + track + 8}" y="${y + 17}" class="value">${area.score}</text>`;
    const found = area.score === 100 ? '' : `; ${counts}`;
    return `<g class="area"><title>${esc(`${area.title}: ${readinessText(area)}${found}; ${area.rules} rules on`)}</title>` +
        `<text x="0" y="${y + 17}">${esc(area.title)}</text>${bar}</g>`;
}

function readiness(context: Context): string {
    const areas = context.report.readiness.areas;
    const rows = areas.map((area, i) => readinessRow(area, i * ROW)).join('');
    return `<section id="readiness">
<h2>Readiness</h2>
${svg(areas.length * ROW, 'Readiness per area, 0 to 100', rows)}
<div class="scroll"><table class="data"><thead><tr><th>Area</th><th class="num">Score</th><th class="num">Errors</th><th class="num">Warnings</th><th class="num">Infos</th><th class="num">Rules on</th></tr></thead><tbody>
${areas.map(area => `<tr><td>${esc(area.title)}</td><td class="num">${esc(readinessText(area))}</td><td class="num">${area.findings.error}</td><td class="num">${area.findings.warning}</td><td class="num">${area.findings.info}</td><td class="num">${area.rules}</td></tr>`).join('\n')}
</tbody></table></div>
<p class="note">${esc(context.report.readiness.formula)}</p>
<p class="note">${esc(context.report.readiness.notAssessed)}</p>
${languageNote(context.report, text => `<p class="warn">${esc(text)}</p>`)}
</section>`;
}

/** A horizontal bar chart of budget rows. */
function budgetChart(context: Context, rows: BudgetRow[], none: string, title: string): string {
    if (rows.length === 0) return '<p class="muted">Nothing to show.</p>';
    const track = WIDTH - LABEL - VALUE;
    const max = Math.max(...rows.map(row => row.amount), 0);
    const bars = rows.map((row, i) => {
        const y = i * ROW;
        const name = label(row, none);
        const width = max > 0 ? (track * row.amount) / max : 0;
        const value = `${money(context.report, row.amount)}${row.amount > 0 ? ` · ${percentText(row.share)}` : ''}`;
        const tip = `${name}: ${money(context.report, row.amount)}${otherText(row.other)}; tactics: ${row.tactics.join(', ') || 'none'}` +
            (row.unbudgeted.length > 0 ? `; without a budget: ${row.unbudgeted.join(', ')}` : '') +
            (row.uncounted.length > 0 ? `; a budget per period but no dates: ${row.uncounted.join(', ')}` : '');
        return `<g class="row"${at(context, row.location)}><title>${esc(tip)}</title>` +
            `<text x="0" y="${y + 17}"${row.name === null ? ' class="muted"' : ''}>${esc(clip(name))}</text>` +
            `<rect x="${LABEL}" y="${y + 5}" width="${track}" height="${ROW - 10}" class="track"/>` +
            `<rect x="${LABEL}" y="${y + 5}" width="${width}" height="${ROW - 10}" class="bar"/>` +
            `<text x="${LABEL + track + 8}" y="${y + 17}" class="value">${esc(value)}</text></g>`;
    }).join('');
    return svg(rows.length * ROW, title, bars);
}

function budgetTable(context: Context, rows: BudgetRow[], heading: string, none: string): string {
    return `<div class="scroll"><table class="data"><thead><tr><th>${esc(heading)}</th><th class="num">Amount</th><th class="num">Share</th><th>Tactics</th><th>Notes</th></tr></thead><tbody>
${rows.map(row => `<tr${at(context, row.location)}><td>${esc(label(row, none))}</td><td class="num">${esc(money(context.report, row.amount))}</td><td class="num">${esc(percentText(row.share))}</td><td>${esc(row.tactics.join(', '))}</td><td>${esc(rowNotes(row))}</td></tr>`).join('\n')}
</tbody></table></div>`;
}

/** Each campaign's budget as a light bar, what its tactics cost as a solid one inside it (red when over). */
function campaignChart(context: Context, rows: CampaignBudgetRow[]): string {
    if (rows.length === 0) return '<p class="muted">The plan has no campaign.</p>';
    const track = WIDTH - LABEL - VALUE;
    const max = Math.max(...rows.map(row => Math.max(row.budget ?? 0, row.spend)), 0);
    const scale = (amount: number) => (max > 0 ? (track * amount) / max : 0);
    const bars = rows.map((row, i) => {
        const y = i * ROW;
        const over = row.left !== undefined && row.left < 0;
        const value = `${money(context.report, row.spend)} of ${row.budget !== undefined ? money(context.report, row.budget) : 'no budget'}`;
        return `<g class="row"${at(context, row.location)}><title>${esc(`${label(row)}: ${value}`)}</title>` +
            `<text x="0" y="${y + 17}">${esc(clip(label(row)))}</text>` +
            `<rect x="${LABEL}" y="${y + 3}" width="${scale(row.budget ?? 0)}" height="${ROW - 6}" class="budget"/>` +
            `<rect x="${LABEL}" y="${y + 8}" width="${scale(row.spend)}" height="${ROW - 16}" class="bar${over ? ' poor' : ''}"/>` +
            `<text x="${LABEL + track + 8}" y="${y + 17}" class="value${over ? ' over' : ''}">${esc(value)}</text></g>`;
    }).join('');
    return svg(rows.length * ROW, 'Budget and planned spend by campaign', bars);
}

function campaignTable(context: Context, rows: CampaignBudgetRow[]): string {
    if (rows.length === 0) return '';
    const cell = (row: CampaignBudgetRow) => {
        const budget = campaignBudgetText(context.report, row);
        const left = row.left === undefined ? '–' : row.left < 0 ? `${money(context.report, -row.left)} over` : money(context.report, row.left);
        const used = row.ratio === undefined ? '–' : percentText(row.ratio);
        const notes = rowNotes({ other: row.spendOther, unbudgeted: row.unbudgeted, uncounted: row.uncounted });
        return `<tr${at(context, row.location)}><td>${esc(label(row))}</td><td class="num">${esc(budget)}</td><td class="num">${esc(money(context.report, row.spend))}</td><td class="num">${esc(used)}</td><td class="num${row.left !== undefined && row.left < 0 ? ' over' : ''}">${esc(left)}</td><td>${esc(row.tactics.join(', '))}</td><td>${esc(notes)}</td></tr>`;
    };
    return `<div class="scroll"><table class="data"><thead><tr><th>Campaign</th><th class="num">Budget</th><th class="num">Planned spend</th><th class="num">Used</th><th class="num">Left</th><th>Tactics</th><th>Notes</th></tr></thead><tbody>
${rows.map(cell).join('\n')}
</tbody></table></div>`;
}

function budget(context: Context): string {
    const { byStrategy, byChannel, byMedia, byPlace, byCampaign } = context.report.budget;
    return `<section id="budget">
<h2>Budget</h2>
<p class="note">Amounts in ${esc(context.report.currency ?? 'the plan currency')}; amounts in another currency are listed, never converted or added; a tactic without a budget counts as nothing. A tactic that serves several strategies is shared equally among them.</p>
<h3>By strategy</h3>
${budgetChart(context, byStrategy, '(serves no strategy)', 'Tactic budgets by strategy')}
${budgetTable(context, byStrategy, 'Strategy', '(serves no strategy)')}
<h3>By channel</h3>
${budgetChart(context, byChannel, '(no channel)', 'Tactic budgets by channel')}
${budgetTable(context, byChannel, 'Channel', '(no channel)')}
<h3>By channel type</h3>
<p class="note">Paid media you buy, owned media you publish to people you already reach, earned media others pass on.</p>
${budgetChart(context, byMedia, '(no channel)', 'Tactic budgets by paid, owned and earned media')}
${budgetTable(context, byMedia, 'Type', '(no channel)')}
${budgetTable(context, byPlace, 'Where', '(no channel)')}
<h3>By campaign</h3>
${campaignChart(context, byCampaign)}
${campaignTable(context, byCampaign)}
</section>`;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
function day(iso: string): number {
    const [year, month, date] = iso.split('-').map(Number);
    return Math.round(Date.UTC(year, month - 1, date) / 86_400_000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The first day of each month from `start` to `end`, as day numbers with a label. */
function monthTicks(start: number, end: number): Array<{ day: number; label: string }> {
    const first = new Date(start * 86_400_000);
    const ticks: Array<{ day: number; label: string }> = [];
    for (let year = first.getUTCFullYear(), month = first.getUTCMonth(); ; month++) {
        if (month > 11) { month = 0; year++; }
        const tick = Math.round(Date.UTC(year, month, 1) / 86_400_000);
        if (tick > end) break;
        if (tick >= start) ticks.push({ day: tick, label: `${MONTHS[month]}${month === 0 || ticks.length === 0 ? ` ${year}` : ''}` });
    }
    return ticks;
}

function timelineChart(context: Context, items: TimelineItem[]): string {
    const dates = items.flatMap(item => [day(item.start!), day(item.end!), ...(item.review ? [day(item.review)] : [])]);
    const start = Math.min(...dates), end = Math.max(...dates) + 1;
    const track = WIDTH - LABEL - 10;
    const x = (d: number) => LABEL + (track * (d - start)) / Math.max(1, end - start);
    const top = 20;
    const height = top + items.length * ROW + 4;
    const ticks = monthTicks(start, end);
    const every = Math.max(1, Math.ceil(ticks.length / 12));
    const grid = ticks.map((tick, i) => `<line x1="${x(tick.day)}" y1="${top - 4}" x2="${x(tick.day)}" y2="${height}" class="grid"/>` +
        (i % every === 0 ? `<text x="${x(tick.day) + 2}" y="12" class="tick">${esc(tick.label)}</text>` : '')).join('');
    const asOf = day(context.report.asOf);
    const today = asOf >= start && asOf <= end
        ? `<line x1="${x(asOf)}" y1="${top - 4}" x2="${x(asOf)}" y2="${height}" class="as-of"><title>as of ${esc(context.report.asOf)}</title></line>`
        : '';
    // A tactic is indented under its campaign when the campaign is on the chart too.
    const drawn = new Set(items.filter(item => item.kind === 'campaign').map(item => label(item)));
    const rows = items.map((item, i) => {
        const y = top + i * ROW;
        const indented = item.kind === 'tactic' && item.campaign !== undefined && drawn.has(item.campaign);
        const from = x(day(item.start!)), to = x(day(item.end!) + 1);
        const review = item.review && day(item.review) >= start
            ? `<path d="M ${x(day(item.review))} ${y + 4} l 5 8 l -5 8 l -5 -8 z" class="review"><title>${esc(`review on ${item.review}`)}</title></path>`
            : '';
        const tip = `${item.kind} ${label(item)}: ${item.start} to ${item.end}${item.campaign ? ` (in ${item.campaign})` : ''}`;
        return `<g class="row ${item.kind}"${at(context, item.location)}><title>${esc(tip)}</title>` +
            `<text x="${indented ? 14 : 0}" y="${y + 17}"${item.kind === 'campaign' ? ' class="strong"' : ''}>${esc(clip(label(item), indented ? 28 : 30))}</text>` +
            `<rect x="${from}" y="${y + (item.kind === 'campaign' ? 4 : 8)}" width="${Math.max(2, to - from)}" height="${item.kind === 'campaign' ? ROW - 8 : ROW - 16}" class="bar ${item.kind}"/>${review}</g>`;
    }).join('');
    return svg(height, 'Timeline of campaigns and tactics', grid + today + rows);
}

function timeline(context: Context): string {
    const { items, undated, start, end } = context.report.timeline;
    const chart = items.length > 0
        ? `<p class="note">From ${esc(start!)} to ${esc(end!)}; each campaign is followed by the tactics it runs, then the tactics no campaign runs. A diamond marks a campaign's review, the dashed line the day the plan was judged.</p>\n${timelineChart(context, items)}`
        : '<p class="muted">No campaign or tactic has a period.</p>';
    const apart = undated.length > 0
        ? `<h3>Without dates</h3>\n<ul class="undated">${undated.map(item => `<li${at(context, item.location)}>${esc(item.kind)} <strong>${esc(label(item))}</strong>${item.campaign ? ` (in ${esc(item.campaign)})` : ''}: ${esc(item.undatedReason ?? '')}</li>`).join('')}</ul>`
        : '';
    return `<section id="timeline">
<h2>Timeline</h2>
${chart}
${apart}
</section>`;
}

/** Each flow as a timeline read left to right (top to bottom on a narrow screen): trigger, steps with when they go out, stop. */
function flows(context: Context): string {
    const all = context.report.flows;
    const body = all.length === 0 ? '<p class="muted">The plan has no automated flow.</p>' : all.map(flow => {
        const audience = flow.audience.length > 0 ? `<span class="muted"> for ${esc(flow.audience.join(', '))}</span>` : '';
        const steps = flow.steps.map(step => {
            const what = [step.subject !== undefined ? `“${esc(step.subject)}”` : '', step.contents.length > 0 ? `with ${esc(step.contents.join(', '))}` : ''].filter(Boolean).join(' ');
            return `<li class="flow-step"${at(context, step.location)}><span class="flow-when">${esc(step.when)}</span> ${what || 'a message'}</li>`;
        }).join('');
        const stop = flow.stops.length > 0
            ? `<li class="flow-stop"><span class="flow-when">stops when</span> ${esc(flow.stops.join(', '))}</li>`
            : '<li class="flow-stop missing"><span class="flow-when">stops when</span> nothing stops it</li>';
        const notes = [`${flow.steps.length} ${flow.steps.length === 1 ? 'step' : 'steps'}`, `at most ${flow.busiestWeek} in one week`, ...(flow.hours ? [`sent ${esc(flow.hours)}`] : []),
            ...(flow.unsubscribeWithin ? [`opt-outs honoured within ${esc(flow.unsubscribeWithin)}`] : [])];
        return `<div class="flow"${at(context, flow.location)}>
<h3>${esc(label(flow))}${flow.channel ? ` <span class="muted">(${esc(flow.channel)})</span>` : ''}</h3>
<ol class="flow-line" aria-label="Timeline of the flow, from its trigger to what stops it"><li class="flow-trigger"><span class="flow-when">trigger</span> ${flow.trigger !== undefined ? esc(flow.trigger) : 'none stated'}${audience}</li>${steps}${stop}</ol>
<p class="note">${notes.join('; ')}.</p>
</div>`;
    }).join('\n');
    return `<section id="flows">
<h2>Flows</h2>
${all.length > 0 ? '<p class="note">Each step goes out after the one before it; the times count from the trigger.</p>' : ''}
${body}
</section>`;
}

function funnelChart(context: Context, view: FunnelView): string {
    const height = view.stages.length * 54;
    const center = WIDTH / 2;
    const shapes = view.stages.map((stage, i) => {
        const y = i * 54;
        const top = 640 - i * 120, bottom = 640 - (i + 1) * 120;
        const points = `${center - top / 2},${y + 2} ${center + top / 2},${y + 2} ${center + bottom / 2},${y + 44} ${center - bottom / 2},${y + 44}`;
        const count = stage.expected !== undefined ? ` · ${formatNumber(stage.expected, 1)}${view.per ? ` a ${view.per.replace(/s$/, '')}` : ''}` : '';
        const label = stage.declared ? `${stage.label}${count}` : `${stage.label}: missing`;
        const rate = stage.rateToNext !== undefined
            ? `<text x="${center + bottom / 2 + 12}" y="${y + 52}" class="rate">↓ ${esc(formatNumber(stage.rateToNext, 2))}%</text>`
            : '';
        return `<g class="stage${stage.declared ? '' : ' missing'}"${at(context, stage.location)}><title>${esc(stage.how.join('; ') || label)}</title>` +
            `<polygon points="${points}" class="${stage.declared ? 'bar' : 'absent'}"/>` +
            `<text x="${center}" y="${y + 28}" text-anchor="middle" class="${stage.declared ? 'on-bar' : 'muted'}">${esc(label)}</text>${rate}</g>`;
    }).join('');
    // Plan text never starts or ends an attribute (the chart's aria-label): it stays inside words of the report's own.
    const which = view.title ?? view.name;
    return svg(height, `Stages of the funnel${which ? ` ${which}` : ''}, from visitors to repeat buyers`, shapes);
}

function funnelTable(context: Context, view: FunnelView): string {
    return `<div class="scroll"><table class="data"><thead><tr><th>Stage</th><th>How the plan gets there</th><th class="num">Rate to the next</th><th class="num">Expected${view.per ? ` per ${esc(view.per.replace(/s$/, ''))}` : ''}</th></tr></thead><tbody>
${view.stages.map(stage => `<tr${at(context, stage.location)}${stage.declared ? '' : ' class="missing"'}><td>${esc(stage.label)}</td><td>${stage.declared ? esc(stage.how.join('; ') || 'named in a conversion line') : 'missing'}</td><td class="num">${stage.rateToNext !== undefined ? `${esc(formatNumber(stage.rateToNext, 2))}%` : '–'}</td><td class="num">${stage.expected !== undefined ? esc(formatNumber(stage.expected, 1)) : '–'}</td></tr>`).join('\n')}
</tbody></table></div>`;
}

function funnel(context: Context): string {
    const report = context.report.funnel;
    const views = report.funnels.map(view => `<div class="funnel"${at(context, view.location)}>
${view.name || view.title || report.funnels.length > 1 ? `<h3>${funnelHeading(view)}</h3>` : ''}
${funnelChart(context, view)}
${funnelTable(context, view)}
${view.unsubscribeWithin ? `<p class="note">Opt-outs are honoured within ${esc(view.unsubscribeWithin)}.</p>` : ''}
</div>`).join('\n');
    const missing = report.missing.length > 0
        ? `<p class="warn">Missing from every funnel: ${esc(report.missing.map(stage => (stage === 'repeat' ? 'repeat buyers' : stage)).join(', '))}.</p>`
        : '<p class="note">Every stage from visitors to repeat buyers is there.</p>';
    return `<section id="funnel">
<h2>Funnel</h2>
${report.funnels.length > 0 ? views : '<p class="muted">The plan has no funnel.</p>'}
${missing}
</section>`;
}

/** A funnel's heading, escaped: its title, else "Funnel" and its name. */
function funnelHeading(view: { name: string | undefined; title: string | undefined }): string {
    return view.title !== undefined ? esc(view.title) : view.name ? `Funnel ${esc(view.name)}` : 'Funnel';
}

// ----------------------------------------------------------- money over time

/** Spend and revenue each month: spend a light bar, revenue a solid one to its low end and a lighter one to its high end. */
function moneyChart(projected: ProjectedMoney): string {
    const currency = projected.currency;
    const track = WIDTH - LABEL - VALUE;
    const max = Math.max(...projected.months.flatMap(row => [row.spend, row.revenue.high]), 0);
    const scale = (amount: number) => (max > 0 ? Math.round((track * Math.max(0, amount) * 10) / max) / 10 : 0);
    const rows = projected.months.map((row, i) => {
        const y = i * ROW;
        const value = moneySpan(row.revenue, currency);
        const range = row.revenue.high > row.revenue.low
            ? `<rect x="${LABEL + scale(row.revenue.low)}" y="${y + 13}" width="${Math.round((scale(row.revenue.high) - scale(row.revenue.low)) * 10) / 10}" height="${ROW - 17}" class="bar range"/>`
            : '';
        return `<g class="row"><title>${esc(`${row.month}: spend ${projectedMoney(row.spend, currency)}, revenue ${moneySpan(row.revenue, currency)}, ${spanText(row.customers, people)} new customers`)}</title>` +
            `<text x="0" y="${y + 17}">${esc(row.month)}</text>` +
            `<rect x="${LABEL}" y="${y + 4}" width="${scale(row.spend)}" height="${ROW - 17}" class="budget"/>` +
            `<rect x="${LABEL}" y="${y + 13}" width="${scale(row.revenue.low)}" height="${ROW - 17}" class="bar"/>${range}` +
            `<text x="${LABEL + track + 8}" y="${y + 17}" class="value">${esc(value)}</text></g>`;
    }).join('');
    return svg(projected.months.length * ROW, 'Spend and revenue by month', rows);
}

function moneyTable(projected: ProjectedMoney): string {
    const currency = projected.currency;
    const active = projected.months.some(row => row.active);
    const margin = projected.total.margin !== undefined;
    const head = ['Month', 'Spend', 'New customers', ...(active ? ['Paying subscribers'] : []), 'Revenue', ...(margin ? ['Margin'] : [])];
    const cells = (values: string[], tag = 'td') => values.map((value, i) => `<${tag}${i > 0 ? ' class="num"' : ''}>${esc(value)}</${tag}>`).join('');
    const rows = projected.months.map(row => `<tr>${cells([
        row.month, projectedMoney(row.spend, currency), spanText(row.customers, people),
        ...(active ? [row.active ? spanText(row.active, people) : '–'] : []),
        moneySpan(row.revenue, currency), ...(margin ? [row.margin ? moneySpan(row.margin, currency) : '–'] : [])
    ])}</tr>`);
    const total = projected.total;
    rows.push(`<tr class="total">${cells([
        'Total', projectedMoney(total.spend, currency), spanText(total.customers, people), ...(active ? ['–'] : []),
        moneySpan(total.revenue, currency), ...(margin && total.margin ? [moneySpan(total.margin, currency)] : [])
    ], 'th')}</tr>`);
    return `<div class="scroll"><table class="data"><thead><tr>${cells(head, 'th')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function campaignMoneyTable(context: Context, projected: ProjectedMoney): string {
    const currency = projected.currency;
    const margin = projected.total.margin !== undefined;
    const head = `<tr><th>Campaign</th><th class="num">Spend</th><th class="num">New customers</th><th class="num">Revenue</th>${margin ? '<th class="num">Margin</th>' : ''}<th class="num">CAC</th></tr>`;
    const rows = projected.campaigns.map(row => `<tr${at(context, row.location)}><td>${esc(label(row))}</td><td class="num">${esc(projectedMoney(row.spend, currency))}</td>` +
        `<td class="num">${esc(spanText(row.customers, people))}</td><td class="num">${esc(moneySpan(row.revenue, currency))}</td>` +
        (margin ? `<td class="num">${row.margin ? esc(moneySpan(row.margin, currency)) : '–'}</td>` : '') +
        `<td class="num">${row.cac ? esc(moneySpan(row.cac, currency)) : '–'}</td></tr>`).join('\n');
    return `<div class="scroll"><table class="data"><thead>${head}</thead><tbody>
${rows}
</tbody></table></div>`;
}

function unitEconomics(projected: ProjectedMoney): string {
    const { unit, currency } = projected;
    const facts: Array<[string, string, string]> = [
        ['CAC', unit.cac ? moneySpan(unit.cac, currency) : 'unknown', 'the cost to acquire a paying customer'],
        ['LTV', moneySpan(unit.ltv, currency), `the ${unit.ltvBasis} one customer brings in over ${unit.ltvMonths} months${unit.ltvBasis === 'revenue' ? ' (the product states no margin or unit cost)' : ''}`],
        ['LTV:CAC', unit.ltvToCac ? ratioText(unit.ltvToCac) : '–', 'what a customer brings in for each unit spent to win one'],
        ['Payback', paybackText(unit), `the months of ${unit.ltvBasis} that win back the CAC`]
    ];
    return `<div class="cards">${facts.map(([title, value, note]) => `<div class="card"><div class="card-title">${esc(title)}</div><div class="card-value">${esc(value)}</div><div class="card-note">${esc(note)}</div></div>`).join('')}</div>`;
}

function funnelMoney(context: Context, view: FunnelMoney, headed: boolean): string {
    const heading = headed ? `<h3>${funnelHeading(view)}</h3>\n` : '';
    const projected = view.projection;
    if (!projected) return `<div class="projection"${at(context, view.location)}>\n${heading}<p class="warn">No projection: ${esc(view.missing ?? 'the funnel cannot be projected')}.</p>\n</div>`;
    const sub = headed ? 'h4' : 'h3';
    const price = projected.price ? ` at ${esc(projected.price)}` : projected.tiers.length > 0 ? ` (${esc(projected.tiers.join('; '))})` : '';
    const elsewhere = projected.marketPrices.length > 0 ? ` (and ${esc(projected.marketPrices.join('; '))}; the projection counts the first price)` : '';
    const notes = projected.notes.length > 0
        ? `<p class="note">Left out of the projection:</p>\n<ul class="left-out">${projected.notes.map(note => `<li>${esc(note)}</li>`).join('')}</ul>`
        : '';
    return `<div class="projection"${at(context, view.location)}>
${heading}<p class="note">Customers buy <strong>${esc(projected.product)}</strong>${price}${elsewhere}. ${esc(projected.basis)}. Spend: ${esc(projected.spendWhat)}.</p>
<p class="note">Each month: spend as the light bar, revenue as the solid one (paler up to its high end when it is a range), revenue in figures on the right.</p>
${moneyChart(projected)}
${moneyTable(projected)}
${projected.campaigns.length > 0 ? `<${sub}>By campaign</${sub}>\n${campaignMoneyTable(context, projected)}` : ''}
<${sub}>Unit economics</${sub}>
${unitEconomics(projected)}
${notes}
</div>`;
}

function moneyOverTime(context: Context): string {
    const { funnels, missing, horizonMonths } = context.report.money;
    const content = missing
        ? `<p class="warn">No projection: ${esc(missing)}.</p>`
        : `<p class="note">What the plan's own figures project over the first ${horizonMonths} months from its first month of spend: a range ("low to high") wherever the plan gives one, the low end from the pessimistic ends of its ranges.${funnels.length > 1 ? ' Each funnel is projected with the whole spend of the plan.' : ''}</p>
${funnels.map(view => funnelMoney(context, view, funnels.length > 1 || Boolean(view.name || view.title))).join('\n')}`;
    return `<section id="money">
<h2>Money over time</h2>
${content}
</section>`;
}

/** A docs text: plain parts escaped, code spans as code. */
function docText(text: string): string {
    return codeSpans(text).map(part => (part.code ? `<code>${esc(part.text)}</code>` : esc(part.text))).join('');
}

function ruleFindings(context: Context, rule: RuleFindings): string {
    return `<article class="rule" id="rule-${esc(rule.id)}">
<h4><code>${esc(rule.id)}</code> <span class="count">${plural(rule.findings.length, 'finding')}</span></h4>
<p class="description">${docText(rule.description)}</p>
${rule.rationale ? `<p class="rationale">${docText(rule.rationale)}</p>` : ''}
<p class="docs"><a href="${esc(rule.docsUrl)}">Why it matters and how to fix it (${esc(rule.id)}.md)</a></p>
<ul class="found">${rule.findings.map(finding => `<li class="${esc(finding.severity)}"${at(context, finding.location)}><span class="severity">${esc(finding.severity)}</span> <span class="where">${esc(`${finding.file}:${finding.line}:${finding.column}`)}</span> ${esc(finding.message)}</li>`).join('\n')}</ul>
</article>`;
}

/** One market: its facts, the provisions checked there (a table) and what each found. */
function marketCompliance(context: Context, market: MarketCompliance): string {
    const facts = `<dl class="facts">${marketFacts(market).map(([term, value]) => `<div><dt>${esc(term)}</dt><dd>${esc(value)}</dd></div>`).join('')}</dl>`;
    const heading = `<h3>${esc(label(market))}${market.title !== undefined ? ` <span class="muted">(${esc(market.name)})</span>` : ''}</h3>`;
    if (market.laws.length === 0) return `<div class="market" id="market-${esc(market.name)}"${at(context, market.location)}>\n${heading}\n${facts}\n</div>`;
    const rows = market.laws.map(law => `<tr class="law ${law.status.replace(' ', '-')}"><td>${law.docsUrl ? `<a href="${esc(law.docsUrl)}"><code>${esc(law.rule)}</code></a>` : `<code>${esc(law.rule)}</code>`}</td>` +
        `<td>${esc(law.law)}, ${esc(law.article)}</td><td class="num">${esc(law.from)}</td><td>${esc(lawStatusText(law))}</td><td class="num">${law.findings.length}</td></tr>`).join('\n');
    const found = market.laws.flatMap(law => law.findings.map(finding =>
        `<li class="${esc(finding.severity)}"${at(context, finding.location)}><span class="severity">${esc(finding.severity)}</span> <code>${esc(law.rule)}</code> ` +
        `<span class="where">${esc(`${finding.file}:${finding.line}:${finding.column}`)}</span> ${esc(finding.message)}</li>`));
    return `<div class="market" id="market-${esc(market.name)}"${at(context, market.location)}>
${heading}
${facts}
<div class="scroll"><table class="data"><thead><tr><th>Rule</th><th>Law</th><th class="num">Applies from</th><th>Status</th><th class="num">Findings</th></tr></thead><tbody>
${rows}
</tbody></table></div>
${found.length > 0 ? `<ul class="found">${found.join('\n')}</ul>` : '<p class="note">No finding in this market.</p>'}
</div>`;
}

function compliance(context: Context): string {
    const { markets, none, disclaimer } = context.report.compliance;
    const intro = none
        ? `<p class="warn">${esc(none)}</p>`
        : `<p class="note">The provisions the compliance rules check in each market the plan names, as of ${esc(context.report.asOf)}, and what they found there.</p>`;
    return `<section id="compliance">
<h2>Compliance</h2>
${intro}
${markets.map(market => marketCompliance(context, market)).join('\n')}
<p class="disclaimer">${esc(disclaimer)}</p>
</section>`;
}

function findings(context: Context): string {
    const areas = context.report.findings.areas;
    const content = areas.length > 0
        ? areas.map(area => `<div class="area-findings" id="area-${esc(area.area)}">
<h3>${esc(area.title)}</h3>
${area.rules.map(rule => ruleFindings(context, rule)).join('\n')}
</div>`).join('\n')
        : '<p class="good-news">No rule finds anything to improve.</p>';
    return `<section id="findings">
<h2>Findings</h2>
${content}
</section>`;
}

// ------------------------------------------------------------------ styles

/** The colours of each theme, as CSS custom properties the sheet uses. */
const THEMES: Record<'light' | 'vscode', string> = {
    light: `--fg: #1f2328; --bg: #ffffff; --muted: #59636e; --border: #d1d9e0; --link: #0969da;
  --accent: #0969da; --campaign: #8250df; --track: #eef1f4; --budget: #c8d1da;
  --good: #1a7f37; --fair: #bf8700; --poor: #cf222e; --error: #cf222e; --warning: #9a6700; --info: #0969da;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;`,
    vscode: `--fg: var(--vscode-editor-foreground); --bg: var(--vscode-editor-background); --muted: var(--vscode-descriptionForeground);
  --border: var(--vscode-panel-border, var(--vscode-widget-border, rgba(128, 128, 128, 0.35))); --link: var(--vscode-textLink-foreground);
  --accent: var(--vscode-charts-blue); --campaign: var(--vscode-charts-purple); --track: var(--vscode-editorWidget-background, rgba(128, 128, 128, 0.15));
  --budget: var(--vscode-editorIndentGuide-background1, rgba(128, 128, 128, 0.35));
  --good: var(--vscode-charts-green); --fair: var(--vscode-charts-yellow); --poor: var(--vscode-charts-red);
  --error: var(--vscode-errorForeground); --warning: var(--vscode-editorWarning-foreground); --info: var(--vscode-editorInfo-foreground);
  --font: var(--vscode-font-family); --mono: var(--vscode-editor-font-family);`
};

function styles(theme: 'light' | 'vscode'): string {
    return `
:root { ${THEMES[theme]} }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 var(--font); }
main { max-width: 800px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 16px; margin: 20px 0 6px; }
h4 { font-size: 14px; margin: 14px 0 2px; }
a { color: var(--link); }
code, .where { font-family: var(--mono); font-size: 12px; }
.kicker, .muted, .note, .card-note, footer { color: var(--muted); }
.note { font-size: 13px; }
.goal { font-size: 16px; margin: 0 0 12px; overflow-wrap: anywhere; }
.goal.missing, .warn { color: var(--warning); }
.facts { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; }
.facts dt { color: var(--muted); font-size: 12px; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; }
.card-title { font-size: 12px; color: var(--muted); }
.card-value { font-size: 17px; font-weight: 600; overflow-wrap: anywhere; }
.card-note { font-size: 12px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
table.data { width: 100%; }
th, td { border-bottom: 1px solid var(--border); padding: 3px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.scroll { overflow-x: auto; }
.flow-line { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: stretch; }
.flow-line li { border: 1px solid var(--border); border-radius: 6px; padding: 6px 10px; max-width: 15em; }
.flow-line li + li::before { content: "→ "; }
.flow-when { display: block; font-size: 12px; font-weight: 600; }
.flow-stop.missing { border-style: dashed; }
th { white-space: nowrap; }
.counts { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 12px 0; color: var(--muted); }
.counts strong { color: var(--fg); }
.num { text-align: right; white-space: nowrap; }
.over { color: var(--poor); }
tr.missing td { color: var(--muted); }
svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0; }
svg text { fill: var(--fg); font: 12px var(--font); }
svg text.muted, svg text.tick { fill: var(--muted); }
svg text.value { fill: var(--muted); }
svg text.value.over { fill: var(--poor); }
svg text.strong { font-weight: 600; }
svg text.on-bar { fill: var(--bg); font-weight: 600; }
svg text.rate { fill: var(--muted); font-style: italic; }
.track { fill: var(--track); }
.budget { fill: var(--budget); }
.bar { fill: var(--accent); }
.bar.campaign { fill: var(--campaign); }
.bar.good { fill: var(--good); }
.bar.fair { fill: var(--fair); }
.bar.poor { fill: var(--poor); }
.bar.range { opacity: 0.4; }
tr.total th { border-top: 2px solid var(--border); }
.objectives { list-style: none; padding: 0; margin: 0 0 12px; }
.objectives li { margin: 2px 0; overflow-wrap: anywhere; }
.objectives .kind { font-size: 11px; font-weight: 600; text-transform: uppercase; color: var(--muted); }
.objectives li.reached .verdict { color: var(--good); }
.objectives li.not-reached .verdict { color: var(--poor); }
.objectives li.uncertain .verdict { color: var(--warning); }
.objectives li.not-judged .verdict { color: var(--muted); }
.absent { fill: none; stroke: var(--muted); stroke-dasharray: 4 3; }
.grid { stroke: var(--border); stroke-width: 1; }
.as-of { stroke: var(--poor); stroke-width: 1; stroke-dasharray: 3 3; }
.review { fill: var(--fair); }
.disclaimer { font-weight: 600; }
tr.law.pack-off td, tr.law.rule-off td, tr.law.not-yet td { color: var(--muted); }
.rule { border-left: 3px solid var(--border); padding-left: 12px; margin: 10px 0 16px; }
.description { margin: 2px 0; font-weight: 600; }
.rationale { margin: 2px 0; color: var(--muted); }
.docs { margin: 2px 0; font-size: 13px; }
.count { color: var(--muted); font-weight: normal; font-size: 12px; }
.found { margin: 4px 0; padding-left: 18px; }
.found li { margin: 3px 0; overflow-wrap: anywhere; }
.severity { font-size: 11px; font-weight: 600; text-transform: uppercase; }
li.error .severity { color: var(--error); }
li.warning .severity { color: var(--warning); }
li.info .severity { color: var(--info); }
footer { margin-top: 40px; font-size: 12px; }
.interactive [data-uri] { cursor: pointer; }
.interactive g[data-uri]:hover rect.bar, .interactive g[data-uri]:hover polygon { opacity: 0.8; }
.interactive li[data-uri]:hover, .interactive tr[data-uri]:hover { background: var(--track); }
@media print { h2 { break-after: avoid; } .rule, svg.chart { break-inside: avoid; } }
`;
}

/** `strategies` → `strategy`, `files` → `file` (the block counts' names are plural). */
function singular(name: string): string {
    return name.endsWith('ies') ? name.slice(0, -3) + 'y' : name.endsWith('s') ? name.slice(0, -1) : name;
}

/**
 * What only the report words (HTML and Markdown alike): money in the report's
 * currency, the notes of a budget row, file names. Numbers, shares and lists
 * are worded as everywhere else, by the one wording module (../wording.ts).
 * Pure, like the renderers.
 */
import { formatMoney } from '../model/values.js';
import { formatNumber } from '../wording.js';
import type { Amount, AreaReadiness, CampaignBudgetRow, MarketCompliance, MarketLaw, NamedCode, PlanReport, Span, Total, UnitEconomics } from './report-data.js';

/** The file name at the end of a URI, decoded. */
export function fileName(uri: string): string {
    const last = uri.split('/').pop() ?? uri;
    try {
        return decodeURIComponent(last);
    } catch {
        return last;
    }
}

/** An amount in the report's currency (a bare number when the plan states no money). */
export function money(report: PlanReport, amount: number): string {
    return report.currency ? formatMoney({ amount, currency: report.currency }) : formatNumber(amount, 2);
}

/** Amounts in other currencies, listed beside a total and never added to it. */
export function otherText(other: Amount[]): string {
    return other.length > 0 ? ` (and ${other.map(formatMoney).join(', ')}, not added)` : '';
}

export function totalText(report: PlanReport, total: Total): string {
    return money(report, total.amount) + otherText(total.other);
}

/** What a budget row says of amounts in other currencies, tactics without a budget and budgets per month without a period. */
export function rowNotes(row: { other: Amount[]; unbudgeted: string[]; uncounted?: string[] }): string {
    const notes: string[] = [];
    if (row.other.length > 0) notes.push(`also ${row.other.map(formatMoney).join(', ')}, not added`);
    if (row.unbudgeted.length > 0) notes.push(`no budget: ${row.unbudgeted.join(', ')}`);
    if (row.uncounted && row.uncounted.length > 0) notes.push(`a budget per period but no dates, not counted: ${row.uncounted.join(', ')}`);
    return notes.join('; ');
}

/** A block as the report shows it: its display title when it has one, else its name. */
export function label(item: { name: string | null | undefined; title?: string | undefined }, none = ''): string {
    return item.title ?? item.name ?? none;
}

/** A campaign's budget: "10,000 USD", "1,500 USD per month (4,500 USD in all)", "900 EUR (other currency)", "none". */
export function campaignBudgetText(report: PlanReport, row: CampaignBudgetRow): string {
    if (row.budgetPer) {
        const per = `${formatMoney(row.budgetPer.amount)} per ${row.budgetPer.per}`;
        if (row.budget !== undefined) return `${per} (${money(report, row.budget)} in all)`;
        if (row.budgetOther) return `${per} (${formatMoney(row.budgetOther)} in all, other currency)`;
        return `${per} (no period, so no total)`;
    }
    if (row.budget !== undefined) return money(report, row.budget);
    return row.budgetOther ? `${formatMoney(row.budgetOther)} (other currency)` : 'none';
}

/**
 * One figure when both ends read the same, else "low to high", the unit said
 * once when both ends end in it: "3,200 to 4,800 USD", "80 to 360", "1% to 3%".
 */
export function spanText(span: Span, show: (value: number) => string): string {
    const low = show(span.low), high = show(span.high);
    if (low === high) return low;
    const [, lowNumber, lowUnit] = /^(-?[\d.,]+)( .*)?$/.exec(low) ?? [];
    const [, , highUnit] = /^(-?[\d.,]+)( .*)?$/.exec(high) ?? [];
    return lowNumber !== undefined && lowUnit !== undefined && lowUnit === highUnit ? `${lowNumber} to ${high}` : `${low} to ${high}`;
}

/** People: "1,240", "12", "1.5" (one decimal below ten, where a fraction of a customer still says something). */
export function people(value: number): string {
    return formatNumber(value, Math.abs(value) < 10 ? 1 : 0);
}

/** A projected amount: whole units from 100 up (or when `whole`), cents below ("4,000 USD", "4.17 USD"). */
export function projectedMoney(amount: number, currency: string, whole = Math.abs(amount) >= 100): string {
    const rounded = whole ? Math.round(amount) : Math.round(amount * 100) / 100;
    return formatMoney({ amount: rounded || 0, currency });
}

/** A projected span of money, both ends to the same precision: "4,000 USD", "3,200 to 4,800 USD", "2.78 to 12.50 USD". */
export function moneySpan(span: Span, currency: string): string {
    const whole = Math.max(Math.abs(span.low), Math.abs(span.high)) >= 100;
    return spanText(span, amount => projectedMoney(amount, currency, whole));
}

/** Months until the CAC is paid back: "1 month", "3 to 7 months", "more than 120 months". */
export function paybackText(unit: UnitEconomics): string {
    const payback = unit.payback;
    if (!payback) return 'unknown (no CAC)';
    const end = (months: number | undefined) => (months === undefined ? `more than ${unit.paybackLimit}` : formatNumber(months, 0));
    if (payback.low === payback.high) return payback.low === undefined ? `more than ${unit.paybackLimit} months` : `${payback.low} month${payback.low === 1 ? '' : 's'}`;
    return `${end(payback.low)} to ${end(payback.high)} months`;
}

/** LTV:CAC as a ratio: "18.9x", "9.5x to 31x". */
export function ratioText(span: Span): string {
    return spanText(span, value => `${formatNumber(value, 1)}x`);
}

/** An area's readiness as the tables read it: "27", "100 (no findings)", "not assessed (no segment)", "not judged (every rule off)". */
export function readinessText(area: AreaReadiness): string {
    if (area.status === 'not judged') return 'not judged (every rule off)';
    if (area.status === 'not assessed') return `not assessed (${area.lacks ?? 'nothing declared'})`;
    return area.score === 100 ? '100 (no findings)' : String(area.score ?? '');
}

/** Whether a provision is checked, in words: "in force", "not yet in force (applies from 2026-09-27)", "off: the EU pack is off". */
export function lawStatusText(law: MarketLaw): string {
    switch (law.status) {
        case 'in force': return 'in force';
        case 'not yet': return `not yet in force on the as-of day: checked for what runs from ${law.from}`;
        case 'pack off': return `not checked: the ${law.jurisdiction} pack is off in mplan.json`;
        case 'rule off': return 'not checked: the rule is off';
    }
}

/** "DE (Germany)", or the code alone when its name is the code. */
export function namedCode(item: NamedCode): string {
    return item.name && item.name !== item.code ? `${item.code} (${item.name})` : item.code;
}

/** A market's facts as label and text, in the order both renderers show them; a fact the market does not state is left out. */
export function marketFacts(market: MarketCompliance): Array<[string, string]> {
    const facts: Array<[string, string]> = [];
    facts.push(['Countries', market.countries.length > 0 ? market.countries.map(namedCode).join(', ') : 'none named by code']);
    facts.push(['Law checked', market.jurisdictions.length > 0
        ? market.jurisdictions.map(j => j.name).join(', ')
        : 'none: mplan has law-specific checks for the United States, Canada, the European Union and the United Kingdom only']);
    if (market.languages.length > 0) facts.push(['Languages', market.languages.map(namedCode).join(', ')]);
    if (market.currency) facts.push(['Currency', market.currency]);
    if (market.zones.length > 0) facts.push(['Time zones', market.zones.join(', ')]);
    if (market.prices.length > 0) facts.push(['Prices', market.prices.join('; ')]);
    return facts;
}

/** The one line on the exchange rates: "1 EUR = 1.08 USD as of 2027-01-01; …". */
export function ratesText(report: PlanReport): string {
    return report.plan.rates.map(rate => (rate.asOf ? `${rate.text} as of ${rate.asOf}` : rate.text)).join('; ');
}

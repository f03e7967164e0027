import type { Cadence, Objective, Percent, Price, Rate } from '../generated/ast.js';
import { formatMoney } from '../model/values.js';

/**
 * Facts of a plan as the editor's summaries (outline, hover) show them: as
 * written, with amounts formatted (`1,200 USD`), and nothing made up where a
 * part is missing. What a fact means (a default period, the total of a
 * monthly budget) is the plan model's to say, not these.
 */

/** A price: `19 USD per month`, `39 to 49 USD`; undefined while its amount or currency is missing. */
export function priceText(price: Pick<Price, 'amount' | 'high' | 'currency' | 'per'> | undefined): string | undefined {
    if (!price || typeof price.amount !== 'number' || !price.currency) return undefined;
    const low = formatMoney({ amount: price.amount, currency: price.currency });
    // A range names its currency once: `39 to 49 USD`.
    const amount = typeof price.high === 'number'
        ? `${low.slice(0, low.length - price.currency.length - 1)} to ${formatMoney({ amount: price.high, currency: price.currency })}`
        : low;
    return price.per ? `${amount} per ${price.per}` : amount;
}

/** A share, or a share over time: `60%`, `2% to 4%`, `3% per month`. */
export function shareText(share: Percent | Rate | undefined): string | undefined {
    if (!share || typeof share.value !== 'number') return undefined;
    const range = typeof share.high === 'number' ? `${share.value}% to ${share.high}%` : `${share.value}%`;
    const per = 'per' in share && share.per ? ` per ${share.per}` : '';
    return range + per;
}

/**
 * An objective's or a KPI's target: `at least 1200`, `at most 35 USD per month`, `4x`, `2% per month`, `30 to 40`.
 * `escape` is applied to the plan's own words in it (the currency), for Markdown.
 */
export function targetText(objective: Objective, escape: (text: string) => string = text => text): string | undefined {
    if (typeof objective.target !== 'number') return undefined;
    const direction = objective.atLeast ? 'at least ' : objective.atMost ? 'at most ' : '';
    const high = typeof objective.targetHigh === 'number' ? ` to ${objective.targetHigh}` : '';
    const unit = objective.percent ? '%' : objective.ratio ? 'x' : objective.currency ? ` ${escape(objective.currency)}` : '';
    const per = objective.targetPer ? ` per ${objective.targetPer}` : '';
    return `${direction}${objective.target}${high}${unit}${per}`;
}

/** A cadence: `monthly`, `every 2 weeks`, `every quarter`, `3 times per week`. */
export function cadenceText(cadence: Cadence | undefined): string | undefined {
    if (!cadence) return undefined;
    if (cadence.named) return cadence.named;
    if (!cadence.unit) return undefined;
    if (typeof cadence.times === 'number') return `${cadence.times} times per ${cadence.unit}`;
    return typeof cadence.count === 'number' ? `every ${cadence.count} ${cadence.unit}` : `every ${cadence.unit}`;
}

/**
 * What an objective or a KPI aims at, and who owns it: `at least 1200 customers by 2027-12-31, owner Ana, reviewed monthly`.
 * `escape` is applied to the plan's own words in it (metric, currency, owner), for Markdown.
 */
export function objectiveText(objective: Objective, escape: (text: string) => string = text => text): string {
    const aim = [targetText(objective, escape), objective.metric ? escape(objective.metric) : undefined, objective.deadline ? `by ${objective.deadline}` : undefined]
        .filter(Boolean).join(' ');
    const owner = objective.owner?.trim();
    const review = cadenceText(objective.review);
    return [aim, owner ? `owner ${escape(owner)}` : undefined, review ? `reviewed ${review}` : undefined].filter(Boolean).join(', ');
}

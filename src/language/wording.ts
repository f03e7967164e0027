/**
 * How mplan words things, in one place: lists, shares, numbers, counts of
 * days, how often something happens. The rules' messages, the editor's hovers
 * and inlay hints and the plan report all word them here, so the same fact
 * reads the same way everywhere. Pure: no Langium runtime, no Node (the
 * report renderers and the VS Code extension bundle it).
 */

/** "a", "a and b", "a, b and c" (or "or"). */
export function listed(items: readonly string[], word: 'and' | 'or' = 'and'): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** Up to `max` names, then "…". */
export function someNames(names: readonly string[], max = 3): string {
    return names.slice(0, max).join(', ') + (names.length > max ? ', …' : '');
}

/** A number as a marketer writes it: "4,000", "1.5", "0.25". */
export function formatNumber(value: number, digits = 2): string {
    return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/**
 * A share (a ratio: 0.3 is 30%) as a percentage, the one way mplan prints
 * one: whole numbers, except where rounding would hide what matters: "99.9%"
 * is not quite all, "100.2%" is over, "0.4%" is not nothing. Large shares are
 * grouped as numbers are: "1,250%".
 */
export function percentText(ratio: number): string {
    const value = ratio * 100;
    if (!Number.isFinite(value)) return '';
    let shown = Math.round(value);
    if (value > 0 && shown === 0) {
        shown = Math.max(Math.round(value * 10) / 10, 0.1);
    } else if (shown === 100 && value !== 100) {
        shown = Math.round(value * 10) / 10;
        if (shown === 100) shown = value < 100 ? 99.9 : 100.1;
    }
    // `|| 0`: a share just below zero rounds to -0, which would print as "-0".
    return `${formatNumber(shown || 0, 1)}%`;
}

/**
 * A percentage the plan itself wrote (a share of someone's time: `50%`,
 * `33.5%`), to one decimal; not a ratio, and not rounded like percentText.
 */
export function percentAsWritten(value: number): string {
    return `${Math.round(value * 10) / 10}%`;
}

/** "once a week", "twice a week", "3 times a week", "0.5 times a week". */
export function timesPerWeek(perWeek: number): string {
    if (perWeek === 1) return 'once a week';
    if (perWeek === 2) return 'twice a week';
    return `${formatNumber(perWeek, 1)} times a week`;
}

/** "1 day", "12 days". */
export function days(count: number): string {
    return count === 1 ? '1 day' : `${count} days`;
}

/** An amount as mplan source writes it: "4_500", "1_234.50". */
export function sourceAmount(amount: number): string {
    const rounded = Math.round(amount * 100) / 100;
    const [whole, fraction] = (Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(2)).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
    return fraction ? `${grouped}.${fraction}` : grouped;
}

/**
 * A segment's online habits and how a tactic's platforms and hours compare
 * with them: platforms as compared and as quoted, search engines, which habit
 * facets a channel is judged against, and the hours of the week a segment is
 * online. Read by the market rules and by completion (platforms a segment uses).
 */
import type { Habits, HoursWindow, Platform, Segment } from '../generated/ast.js';

/** True when a segment declares no online habit at all (no `habits` block, or an empty one). */
export function habitsUnknown(segment: Segment): boolean {
    const h = segment.habits;
    return !h || (h.search.length + h.social.length + h.sites.length + h.communities.length + h.tools.length + h.online.length) === 0;
}

// ------------------------------------------------------------------ platforms

/** A platform name as compared: case and spacing do not make it another one. */
export function platformKey(platform: Platform | string): string {
    const value = typeof platform === 'string' ? platform : platform.value ?? '';
    return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A platform as a marketer reads it in a message. */
export function platformText(platform: Platform): string {
    return `'${(platform.value ?? '').trim()}'`;
}

/**
 * Search engines (and their ad networks): a `ppc` tactic on one of these is a
 * search ad and is judged against the segment's search engines; on anything
 * else it is an ad on a network or a site.
 */
const SEARCH_ENGINES: ReadonlySet<string> = new Set([
    'google', 'google search', 'google ads', 'bing', 'bing ads', 'microsoft ads', 'yahoo', 'yahoo japan', 'duckduckgo',
    'baidu', 'yandex', 'naver', 'daum', 'seznam', 'ecosia', 'qwant', 'startpage', 'brave', 'brave search', 'sogou',
    '360 search', 'ask', 'aol'
]);

export function isSearchEngine(platform: Platform): boolean {
    return SEARCH_ENGINES.has(platformKey(platform));
}

export type PlatformFacet = 'search' | 'social' | 'sites' | 'communities';

/**
 * The habit facets a channel's platform is judged against, or undefined when
 * the channel's platforms are not compared with habits.
 */
export function facetsFor(channel: string | undefined, platform: Platform): PlatformFacet[] | undefined {
    switch (channel) {
        case 'seo': return ['search'];
        case 'ppc': return isSearchEngine(platform) ? ['search'] : ['social', 'sites'];
        case 'social': return ['social'];
        case 'display': return ['sites'];
        case 'forum': return ['communities'];
        case 'retargeting': return isSearchEngine(platform) ? ['search'] : ['social', 'sites'];
        case 'marketplace': case 'reviews': return ['sites'];
        default: return undefined;
    }
}

/** Every platform, site, community and tool a segment's habits name, as keys. */
export function habitPlatforms(habits: Habits): Set<string> {
    const keys = new Set<string>();
    for (const list of [habits.search, habits.social, habits.sites, habits.communities, habits.tools]) {
        for (const platform of list) keys.add(platformKey(platform));
    }
    return keys;
}

// ---------------------------------------------------------------------- hours

const DAY_INDEX: Record<string, number[]> = {
    daily: [0, 1, 2, 3, 4, 5, 6],
    weekdays: [0, 1, 2, 3, 4],
    weekends: [5, 6],
    monday: [0], tuesday: [1], wednesday: [2], thursday: [3], friday: [4], saturday: [5], sunday: [6]
};

const DAY_MINUTES = 24 * 60;

/** "9:00" as minutes after midnight; undefined for a time that does not exist (25:00, 9:75). */
export function minutesOf(time: string | undefined): number | undefined {
    const match = /^(\d{1,2}):(\d{2})$/.exec(time ?? '');
    if (!match) return undefined;
    const hours = Number(match[1]), minutes = Number(match[2]);
    if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
    return hours * 60 + minutes;
}

/** A span of minutes within one day of the week (0 = Monday), end excluded. */
interface Span { day: number; start: number; end: number }

/** The spans of the week a window covers. */
export type HoursSpans = readonly Span[];

/**
 * The spans of a week a window covers. No day set means every day; a window
 * whose end is not after its start runs past midnight into the next day.
 * Undefined when a time does not exist.
 */
export function spansOf(window: HoursWindow): Span[] | undefined {
    const start = minutesOf(window.start), end = minutesOf(window.end);
    const days = DAY_INDEX[window.days ?? 'daily'];
    if (start === undefined || end === undefined || !days) return undefined;
    const spans: Span[] = [];
    for (const day of days) {
        if (end > start) {
            spans.push({ day, start, end });
        } else {
            spans.push({ day, start, end: DAY_MINUTES });
            if (end > 0) spans.push({ day: (day + 1) % 7, start: 0, end });
        }
    }
    return spans;
}

/** How much of a tactic's hours a segment's online windows cover, in minutes per week. */
export interface HoursCoverage {
    total: number;
    covered: number;
}

/** A week of online time: for each day (0 = Monday), merged spans of minutes, sorted. */
export type OnlineWeek = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

/** The union of some windows as a week; undefined when a time does not exist (the rule then stays silent). */
export function onlineWeek(windows: readonly HoursWindow[]): OnlineWeek | undefined {
    const byDay: Array<Array<[number, number]>> = [[], [], [], [], [], [], []];
    for (const online of windows) {
        const spans = spansOf(online);
        if (!spans) return undefined;
        for (const span of spans) byDay[span.day].push([span.start, span.end]);
    }
    return byDay.map(list => {
        list.sort((a, b) => a[0] - b[0]);
        const out: Array<[number, number]> = [];
        for (const [s, e] of list) {
            const last = out[out.length - 1];
            if (last && s <= last[1]) last[1] = Math.max(last[1], e); else out.push([s, e]);
        }
        return out;
    });
}

/** How much of a window's spans (see spansOf) falls within a week of online time. */
export function coverage(wanted: HoursSpans, week: OnlineWeek): HoursCoverage {
    let total = 0, covered = 0;
    for (const span of wanted) {
        total += span.end - span.start;
        for (const [s, e] of week[span.day]) {
            covered += Math.max(0, Math.min(e, span.end) - Math.max(s, span.start));
        }
    }
    return { total, covered };
}

/** A window as written: "weekdays 9:00 to 17:00". */
export function windowText(window: HoursWindow): string {
    return `${window.days ? window.days + ' ' : ''}${window.start} to ${window.end}`;
}

import type { Platform, Segment, Tactic } from '../generated/ast.js';
import { isOnline } from '../model/channels.js';
import { segmentsReachedBy } from './market-util.js';
import type { Report, Rule } from './rule.js';
import { coverage, facetsFor, habitPlatforms, isSearchEngine, onlineWeek, platformKey, platformText, spansOf, windowText, type HoursSpans, type OnlineWeek, type PlatformFacet } from '../model/habits.js';
import { listed } from '../wording.js';

/** How a segment's habits of one facet read in a message: "segment 'HomeBakers' searches on google". */
const FACET_WORDS: Record<PlatformFacet, { verb: string; noun: string; single: string }> = {
    search: { verb: 'searches on', noun: 'search engines', single: 'search engine' },
    social: { verb: 'is on', noun: 'social networks', single: 'social network' },
    sites: { verb: 'reads', noun: 'sites', single: 'site' },
    communities: { verb: 'gathers in', noun: 'communities', single: 'community' }
};

const PLATFORM_FACETS: readonly PlatformFacet[] = ['search', 'social', 'sites', 'communities'];

/** What a tactic does on a platform, by channel. */
function activity(tactic: Tactic, platform: Platform): string {
    switch (tactic.channel) {
        case 'seo': return 'optimises for search on';
        case 'ppc': return isSearchEngine(platform) ? 'buys search ads on' : 'buys ads on';
        case 'social': return 'posts on';
        case 'display': return 'shows display ads on';
        case 'forum': return 'posts in';
        case 'retargeting': return 'retargets on';
        case 'marketplace': return 'sells on';
        case 'reviews': return 'gathers reviews on';
        default: return 'runs on';
    }
}

/** The segment's declared platforms of some facets, as written. */
function declared(segment: Segment, facets: PlatformFacet[]): Array<{ facet: PlatformFacet; names: string[] }> {
    const habits = segment.habits!;
    return facets
        .map(facet => ({ facet, names: habits[facet].map(p => p.value.trim()) }))
        .filter(entry => entry.names.length > 0);
}

/** The platform facets a segment's habits name anything in. */
function namedFacets(segment: Segment): PlatformFacet[] {
    const habits = segment.habits;
    return habits ? PLATFORM_FACETS.filter(facet => habits[facet].length > 0) : [];
}

function checkPlatforms(tactic: Tactic, segments: Segment[], known: (segment: Segment) => Set<string>, named: (segment: Segment) => PlatformFacet[], report: Report): void {
    tactic.platforms.forEach((platform, index) => {
        const facets = facetsFor(tactic.channel, platform);
        if (!facets) return;
        const key = platformKey(platform);
        const misses: Array<{ segment: Segment; habits: Array<{ facet: PlatformFacet; names: string[] }>; others: PlatformFacet[] }> = [];
        for (const segment of segments) {
            // Judge only segments that say where they are online: with no platform in their habits, nothing is known.
            const facetsNamed = named(segment);
            if (facetsNamed.length === 0) continue;
            if (known(segment).has(key)) continue;
            // A segment that lists its search engines and sites but no social network is not on one:
            // an undeclared facet is no licence to post there.
            misses.push({ segment, habits: declared(segment, facets), others: facetsNamed.filter(facet => !facets.includes(facet)) });
        }
        if (misses.length === 0) return;
        const said = misses.map(({ segment, habits, others }) => habits.length > 0
            ? `segment '${segment.name}' ${listed(habits.map(h => `${FACET_WORDS[h.facet].verb} ${h.names.join(', ')}`))}`
            : `segment '${segment.name}' names ${listed(others.map(facet => FACET_WORDS[facet].noun))} in its habits but no ${listed(facets.map(facet => FACET_WORDS[facet].single), 'or')}`);
        const kinds = listed([...new Set(misses.flatMap(m => (m.habits.length > 0 ? m.habits.map(h => h.facet) : m.others).map(facet => FACET_WORDS[facet].noun)))], 'or');
        report({
            node: tactic,
            property: 'platforms',
            index,
            message: `Tactic '${tactic.name}' ${activity(tactic, platform)} ${platformText(platform)}, but ${listed(said)}: it will not reach them there. Move it to one of the ${kinds} they use, or add ${platformText(platform)} to their habits if they do use it.`,
            related: misses.map(({ segment }) => ({ node: segment.habits!, message: `the habits of segment '${segment.name}'` })),
            data: { platform: platform.value, segments: misses.map(m => m.segment.name) }
        });
    });
}

function checkHours(tactic: Tactic, segments: Segment[], weekOf: (segment: Segment) => OnlineWeek | undefined, report: Report): void {
    const hours = tactic.hours;
    if (!hours) return;
    const misses: Array<{ segment: Segment; partly: boolean }> = [];
    let spans: HoursSpans | undefined | null = null;
    for (const segment of segments) {
        if ((segment.habits?.online.length ?? 0) === 0) continue;
        const week = weekOf(segment);
        if (spans === null) spans = spansOf(hours);
        const cover = week && spans && coverage(spans, week);
        if (!cover || cover.covered >= cover.total) continue;
        misses.push({ segment, partly: cover.covered > 0 });
    }
    if (misses.length === 0) return;
    const said = misses.map(({ segment }) => `segment '${segment.name}' is online ${listed(segment.habits!.online.map(windowText))}`);
    const never = misses.every(m => !m.partly);
    report({
        node: tactic,
        property: 'hours',
        message: `Tactic '${tactic.name}' runs ${windowText(hours)}, but ${listed(said)}: ${never ? 'they are offline at those hours' : 'they are offline for part of that time'}. Schedule it within their online hours.`,
        related: misses.map(({ segment }) => ({ node: segment.habits!, message: `the online hours of segment '${segment.name}'` })),
        data: { hours: windowText(hours), segments: misses.map(m => m.segment.name) }
    });
}

export const channelHabitMismatch: Rule = {
    id: 'channel-habit-mismatch',
    severity: 'warning',
    area: 'market',
    scope: 'file',
    basis: '004 #2',
    description: 'A tactic that reaches a segment on a platform or at hours its declared online habits do not include.',
    check(model, report) {
        // Each segment's platforms as keys, built once however many tactics reach it.
        const platforms = new Map<Segment, Set<string>>();
        const known = (segment: Segment): Set<string> => {
            let keys = platforms.get(segment);
            if (!keys) platforms.set(segment, keys = habitPlatforms(segment.habits!));
            return keys;
        };
        // The platform facets each segment names, read once.
        const facets = new Map<Segment, PlatformFacet[]>();
        const named = (segment: Segment): PlatformFacet[] => {
            let list = facets.get(segment);
            if (!list) facets.set(segment, list = namedFacets(segment));
            return list;
        };
        // Each segment's online hours as one week, merged once.
        const weeks = new Map<Segment, OnlineWeek | undefined>();
        const weekOf = (segment: Segment): OnlineWeek | undefined => {
            if (!weeks.has(segment)) weeks.set(segment, onlineWeek(segment.habits!.online));
            return weeks.get(segment);
        };
        for (const tactic of model.own.tactics) {
            if (!isOnline(tactic.channel)) continue;
            const segments = segmentsReachedBy(tactic).filter(s => s.habits);
            if (segments.length === 0) continue;
            checkPlatforms(tactic, segments, known, named, report);
            checkHours(tactic, segments, weekOf, report);
        }
    }
};

/**
 * The readiness score of an area of a plan, the one definition of it: the
 * report, the preview and docs/report.md all show this formula. Pure.
 */
import type { Area, Severity } from '../rules/rule.js';
import type { BlockCounts, PlanReport } from './report-data.js';

/** What one finding of each severity takes off an area's 100. */
export const READINESS_WEIGHTS: Readonly<Record<Severity, number>> = Object.freeze({ error: 25, warning: 10, info: 3 });

/** The most findings of one rule that count: a flaw repeated ten times is still one flaw to fix. */
export const READINESS_FINDINGS_PER_RULE = 3;

/** The formula in words, for the reader of a report. */
export const READINESS_FORMULA =
    'A score of 100 means that no rule of the area finds anything to improve, not that the area is complete. ' +
    `Each area starts at 100. Every finding of a rule of the area takes off ${READINESS_WEIGHTS.error} for an error, ` +
    `${READINESS_WEIGHTS.warning} for a warning and ${READINESS_WEIGHTS.info} for an info, counting at most ` +
    `${READINESS_FINDINGS_PER_RULE} findings per rule (the heaviest first); the score does not go below 0. ` +
    'Findings in every file of the plan count; rules turned off in the settings and silenced findings do not.';

/** How each area reads in a report; the compiler holds it to the registry's areas. */
export const AREA_TITLES: Readonly<Record<Area, string>> = Object.freeze({
    language: 'Language',
    market: 'Market',
    competition: 'Competition',
    research: 'Research and product',
    offer: 'Offer',
    strategy: 'Strategy',
    campaign: 'Campaign',
    funnel: 'Funnel',
    compliance: 'Compliance'
});

/**
 * What each area's rules read: the blocks whose presence makes an area
 * assessed. An area where the plan declares none of them is "not assessed"
 * rather than scored: its rules had nothing to judge, and a 100 (or the 90
 * that a rule such as `no-competitors` leaves) would read as "ready". Its
 * findings still count in the table and are listed under Findings: they say
 * what to add. The one place this is decided; docs/report.md quotes
 * READINESS_NOT_ASSESSED.
 */
export const AREA_BLOCKS: Readonly<Record<Area, ReadonlyArray<keyof BlockCounts>>> = Object.freeze({
    language: [],
    market: ['segments'],
    competition: ['competitors', 'research'],
    research: ['research', 'products'],
    offer: ['offers'],
    strategy: ['strategies', 'tactics'],
    campaign: ['campaigns'],
    funnel: ['funnels', 'flows'],
    compliance: ['markets']
});

/** The block kinds of AREA_BLOCKS as a sentence reads them. */
const BLOCK_WORDS: Readonly<Record<keyof BlockCounts, string>> = Object.freeze({
    files: 'file', products: 'product', segments: 'segment', competitors: 'competitor', research: 'research block',
    strategies: 'strategy', tactics: 'tactic', campaigns: 'campaign', funnels: 'funnel', offers: 'offer',
    audiences: 'audience', flows: 'flow', markets: 'market'
});

/** "no segment", "no competitor or research block": what a plan lacks when an area is not assessed. */
export function nothingDeclared(area: Area): string {
    const words = AREA_BLOCKS[area].map(kind => BLOCK_WORDS[kind]);
    return `no ${words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words[0] ?? 'block'}`;
}

/** When an area is not assessed, in words, for the reader of a report and docs/report.md. */
export const READINESS_NOT_ASSESSED =
    'An area is "not assessed", and has no score, when the plan declares nothing its rules read: ' +
    (Object.keys(AREA_TITLES) as Area[]).filter(area => AREA_BLOCKS[area].length > 0)
        .map(area => `${AREA_TITLES[area]} with ${nothingDeclared(area)}`).join(', ') +
    '. Its findings (such as "the plan names no competitor") are still counted and listed: they say what to add. ' +
    'An area whose rules are all turned off is "not judged".';

/** Whether a plan with these block counts declares anything an area's rules read. */
export function declaresArea(area: Area, counts: BlockCounts): boolean {
    return AREA_BLOCKS[area].some(kind => counts[kind] > 0);
}

/**
 * An area's score from the severities of its findings, grouped by rule:
 * 100 minus the weights of at most READINESS_FINDINGS_PER_RULE findings per
 * rule (the heaviest), never below 0.
 */
export function readinessScore(findingsByRule: ReadonlyMap<string, readonly Severity[]>): number {
    let penalty = 0;
    for (const severities of findingsByRule.values()) {
        const weights = severities.map(severity => READINESS_WEIGHTS[severity]).sort((a, b) => b - a);
        for (const weight of weights.slice(0, READINESS_FINDINGS_PER_RULE)) penalty += weight;
    }
    return Math.max(0, 100 - penalty);
}

/**
 * What a reader must know before trusting the scores when the plan has
 * findings of the language rules (syntax, names, imports), which no area
 * scores: what they hide, no rule can judge. Shaped by `wrap`; empty when
 * there are none.
 */
export function languageNote(report: PlanReport, wrap: (text: string) => string): string {
    const language = report.findings.areas.find(area => area.area === 'language');
    const count = language?.rules.reduce((sum, rule) => sum + rule.findings.length, 0) ?? 0;
    if (count === 0) return '';
    return wrap(`The plan has ${count} language finding${count === 1 ? '' : 's'} (syntax, names or imports; see Findings), which no area scores: fix them first, the rules cannot judge what they hide.`);
}

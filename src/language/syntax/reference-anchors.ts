/**
 * Where the language reference, docs/language.md, explains a block or a list
 * of allowed words: the one place messages (syntax errors) and the reference's
 * generator agree on its anchors.
 */

/** The language reference, relative to the repository (and the installed package). */
export const LANGUAGE_REFERENCE = 'docs/language.md';

/**
 * The anchor GitHub gives a heading: lower case, punctuation other than
 * hyphens and underscores dropped, each space a hyphen ("### Channels" →
 * `channels`, "### Days of the week" → `days-of-the-week`).
 */
export function headingAnchor(heading: string): string {
    return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** What a list of words is for, as the language reference titles and introduces it. */
export interface WordListDoc {
    /** Its heading in docs/language.md; the heading's anchor is the link to the list. */
    title: string;
    /** What the words are, in one sentence. */
    meaning: string;
}

/** The title and meaning of each list of words, by its key (`Rule` or `Rule.property`). A test holds it to the grammar. */
export const WORD_LIST_DOCS: Readonly<Record<string, WordListDoc>> = {
    Channel: { title: 'Channels', meaning: 'How a tactic reaches people, after `channel`: the online channels first, then the offline ones.' },
    'Segment.shops': { title: 'Where a segment shops', meaning: 'Where the people of a segment buy, after `shops`.' },
    DaySet: { title: 'Days', meaning: 'The days a segment is online or a tactic runs, before the hours (`online weekdays 9:00 to 17:00`); without them, every day.' },
    Weekday: { title: 'Days of the week', meaning: 'One day of the week: before the hours of a segment or a tactic, or the day follow-up e-mails go out (`on tuesday`).' },
    'Funnel.confirmation': { title: 'How leads confirm', meaning: 'How new leads confirm their address, after `confirm by`.' },
    CaptureMethod: { title: 'Capture methods', meaning: 'How a funnel collects leads, after `collect leads by`.' },
    'CaptureMethod.state': { title: 'Checkbox states', meaning: 'Whether a checkbox that collects leads starts ticked or unticked, after `checkbox` (and `at checkout`).' },
    'Cadence.named': { title: 'Cadences', meaning: 'How often something happens: how often you revisit the plan, follow up or close, and how often the owner reviews an objective or KPI.' },
    FlowChannel: { title: 'Channels of a flow', meaning: 'What a flow sends its messages by, after `channel` in a flow.' },
    ConsentKind: { title: 'Kinds of consent', meaning: 'How the people a funnel, flow, tactic or audience messages agreed to it, after `consent`.' },
    'Tactic.rewardFor': { title: 'Reviews a reward is for', meaning: 'Which reviews earn a tactic\'s reward, after `reward "…" for`.' },
    DelayUnit: { title: 'Units of a delay', meaning: 'The unit of a step\'s delay in a flow (`step after 2 hours`): minutes and hours, or any unit of time.' },
    TimeUnit: { title: 'Units of time', meaning: 'The unit of a length (`14 days`), a cadence (`every 2 weeks`) or the time an amount, a share or a count applies to (`per month`).' }
};

/** Where a list of words is explained: `docs/language.md#channels`; undefined for a key that names no list. */
export function wordListLink(key: string): string | undefined {
    const doc = Object.hasOwn(WORD_LIST_DOCS, key) ? WORD_LIST_DOCS[key] : undefined;
    return doc ? `${LANGUAGE_REFERENCE}#${headingAnchor(doc.title)}` : undefined;
}

/** The heading of the reference that describes a block (or a nested group) by its keyword: `tactic` → "tactic". */
export function blockHeading(keyword: string): string {
    return keyword;
}

/** Where the reference explains a heading: `docs/language.md#channels`, or the file for none. */
export function referenceLink(heading: string | undefined): string {
    return heading ? `${LANGUAGE_REFERENCE}#${headingAnchor(heading)}` : LANGUAGE_REFERENCE;
}

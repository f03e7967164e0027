/**
 * Where the language reference, docs/language.md, explains a block or a list
 * of allowed words: the one place messages (syntax errors) and the reference's
 * generator agree on its anchors.
 */

/** The language reference, relative to the repository (and the installed package). */
export const LANGUAGE_REFERENCE = 'docs/language.md';

/**
 * Whether docs/language.md has the headings below. Until it does, messages
 * point at the file without an anchor; test/language/syntax-errors.test.ts
 * holds this flag to the file (set it when the reference is written, and the
 * test checks every heading named here against the file's headings).
 */
export const REFERENCE_HAS_HEADINGS = false;

/**
 * The anchor GitHub gives a heading: lower case, punctuation other than
 * hyphens and underscores dropped, each space a hyphen ("### Channels" →
 * `channels`, "### Time units" → `time-units`).
 */
export function headingAnchor(heading: string): string {
    return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The heading of the reference that lists a closed list of words, by its grammar rule. */
export const LIST_HEADINGS: Readonly<Record<string, string>> = {
    Channel: 'Channels',
    TimeUnit: 'Time units',
    DaySet: 'Days',
    Weekday: 'Days'
};

/** The heading of the reference that describes a block (or a nested group) by its keyword: `tactic` → "tactic". */
export function blockHeading(keyword: string): string {
    return keyword;
}

/** Where the reference explains a heading: `docs/language.md#channels` (the file alone until it has headings). */
export function referenceLink(heading: string | undefined): string {
    return heading && REFERENCE_HAS_HEADINGS ? `${LANGUAGE_REFERENCE}#${headingAnchor(heading)}` : LANGUAGE_REFERENCE;
}

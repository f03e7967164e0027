/**
 * The VS Code snippets file of the extension (extension/snippets/mplan.code-snippets),
 * made from the language server's completion stanzas: one snippet per block,
 * written once in src/language/lsp/snippets.ts. `npm run generate`
 * writes the file; a test holds the committed file to what this module gives.
 *
 * A snippets file cannot see the plan it is used in, so the parts a stanza
 * takes from it become snippet fields of their own: the currency is one field
 * that every amount of the block mirrors, dates start from the day the
 * snippet is used (VS Code's CURRENT_YEAR and CURRENT_MONTH variables), and
 * references to other blocks are names to overwrite.
 */
import { DEFAULT_SETTINGS } from '../language/config/settings.js';
import type { StanzaContext, StanzaDefinition } from '../language/lsp/snippets.js';

/** One entry of a `.code-snippets` file. */
export interface VscodeSnippet {
    prefix: string;
    description: string;
    scope: string;
    body: string[];
}

/** The language id the snippets apply to. */
const LANGUAGE = 'mplan';

/** Stand-ins a stanza writes where it would read the plan, replaced by fields afterwards. */
const CURRENCY = 'MPLANxCURRENCY';
const DATES = { start: 'MPLANxSTART', end: 'MPLANxEND', review: 'MPLANxREVIEW' };

/** The currency a snippet offers first: the one most plans of the examples use. */
const DEFAULT_CURRENCY = 'USD';

/**
 * Dates from the day of use: the period runs from the first of this month to
 * the end of the year, and the review is on its last day (a review dated
 * before the end would be a finding of no-review).
 */
const DATE_TEXT: Record<keyof typeof DATES, string> = {
    start: '${CURRENT_YEAR}-${CURRENT_MONTH}-01',
    end: '${CURRENT_YEAR}-12-31',
    review: '${CURRENT_YEAR}-12-31'
};

/** The context a stanza is rendered in for a file that knows no plan. */
function staticContext(): StanzaContext {
    return {
        currency: CURRENCY,
        names: () => [],
        dates: { ...DATES },
        minGuaranteeDays: DEFAULT_SETTINGS.thresholds.minGuaranteeDays
    };
}

/** A piece of a snippet: literal text (escapes kept) or a tab stop `$n` / `${n…`. */
type Piece = { text: string } | { stop: number; open: boolean };

/** Splits a snippet into text and tab stops, skipping escaped characters. */
function pieces(snippet: string): Piece[] {
    const out: Piece[] = [];
    let text = '';
    for (let i = 0; i < snippet.length; i++) {
        const c = snippet[i];
        if (c === '\\' && i + 1 < snippet.length) {
            text += c + snippet[++i];
            continue;
        }
        const stop = c === '$' ? /^\$(\{)?(\d+)/.exec(snippet.slice(i)) : null;
        if (stop) {
            if (text) out.push({ text });
            text = '';
            out.push({ stop: Number(stop[2]), open: !!stop[1] });
            i += stop[0].length - 1;
            continue;
        }
        text += c;
    }
    if (text) out.push({ text });
    return out;
}

/** Numbers the tab stops 1, 2, 3… in the order they first appear; `$0` stays last. */
function renumber(snippet: string): string {
    const order = new Map<number, number>();
    return pieces(snippet).map(piece => {
        if ('text' in piece) return piece.text;
        if (piece.stop === 0) return piece.open ? '${0' : '$0';
        if (!order.has(piece.stop)) order.set(piece.stop, order.size + 1);
        const stop = order.get(piece.stop)!;
        return piece.open ? `\${${stop}` : `$${stop}`;
    }).join('');
}

/**
 * Makes the currency one field: where the stanza already offers it as a
 * field (`currency ${2:…}`), that field; otherwise a new one at its first
 * place. Every other amount mirrors it, so it is typed once.
 */
function currencyField(snippet: string): string {
    const own = new RegExp(`\\$\\{(\\d+):${CURRENCY}\\}`).exec(snippet);
    // A number no stanza uses, renumbered into place afterwards.
    const field = own ? Number(own[1]) : 9999;
    let first = !own;
    const result = snippet.replace(new RegExp(`\\$\\{\\d+:${CURRENCY}\\}|${CURRENCY}`, 'g'), match => {
        if (match !== CURRENCY) return `\${${field}:${DEFAULT_CURRENCY}}`;
        if (first) {
            first = false;
            return `\${${field}:${DEFAULT_CURRENCY}}`;
        }
        return `\${${field}}`;
    });
    return renumber(result);
}

/** Puts the day-of-use dates where the stanza wrote its stand-ins. */
function dateVariables(snippet: string): string {
    let result = snippet;
    for (const key of Object.keys(DATES) as Array<keyof typeof DATES>) result = result.split(DATES[key]).join(DATE_TEXT[key]);
    return result;
}

/** The snippet of one stanza, as VS Code's snippet files write it (one string per line). */
export function vscodeSnippet(stanza: StanzaDefinition): VscodeSnippet {
    const { snippet } = stanza.render(staticContext());
    const body = dateVariables(currencyField(snippet));
    return { prefix: stanza.keyword, description: capitalise(stanza.description) + '.', scope: LANGUAGE, body: body.split('\n') };
}

/** The snippets of all stanzas, keyed by the name VS Code shows beside each. */
export function vscodeSnippets(stanzas: readonly StanzaDefinition[]): Record<string, VscodeSnippet> {
    return Object.fromEntries(stanzas.map(stanza => [`${stanza.keyword} block`, vscodeSnippet(stanza)]));
}

/** The text of the snippets file: JSON, two spaces, a final newline. */
export function snippetsFile(stanzas: readonly StanzaDefinition[]): string {
    return JSON.stringify(vscodeSnippets(stanzas), null, 2) + '\n';
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

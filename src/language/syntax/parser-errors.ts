import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { MplanGrammar } from '../generated/grammar.js';
import { didYouMean } from './did-you-mean.js';
import { grammarWords, isWord, type FactLoop, type GrammarWords } from './grammar-words.js';
import { blockHeading, referenceLink, WORD_LIST_DOCS } from './reference-anchors.js';
import { wordLists } from './word-lists.js';

/**
 * How each terminal of the grammar reads to a plan author, and the end of the
 * file. A test walks the grammar's terminals, so a new terminal without words
 * fails there: no message ever shows a terminal's internal name (ID, WORD).
 */
export const TERMINAL_WORDS: Readonly<Record<string, string>> = {
    ID: 'a name',
    WORD: 'a word',
    STRING: 'text in double quotes',
    NUMBER: 'a number',
    DATE: 'a date (YYYY-MM-DD)',
    TIME: 'a time of day (HH:MM)',
    HASHTAG: 'a hashtag such as #FreshLunch',
    EOF: 'the end of the file'
};

/** What a closed list of words is, in words, by its grammar rule. */
const LIST_NOUNS: Readonly<Record<string, string>> = {
    Channel: 'a channel',
    FlowChannel: 'a channel a flow sends by',
    TimeUnit: 'a unit of time',
    DelayUnit: 'a unit of time',
    DaySet: 'days of the week',
    Weekday: 'a day of the week'
};

/** The most words of a list written out; a longer list shows its first few and where to find all of them. */
export const MAX_LISTED = 10;
const FIRST_FEW = 6;

const CURRENCY = 'a currency code such as USD or EUR';
const MONEY = 'an amount with its currency, such as 1_500 USD';
const PERCENTAGE = 'a percentage such as 20%';
const ZONE = 'a time zone in quotes, such as "America/New_York" or "Europe/Berlin"';

/** The rules where a name after a number is its currency (`49 USD`, `rate 1 EUR = 1.08 USD`, `discount 5 EUR`). */
const AMOUNT_RULES = new Set(['Money', 'Price', 'MoneyRange', 'MarketPrice', 'ExchangeRate', 'Discount']);

/** The codes a market names, in words. */
const CODE_SLOTS: Readonly<Record<string, string>> = {
    country: 'a country or region code such as US, DE, EU or UK',
    countries: 'a country or region code such as US, DE, EU or UK',
    language: 'a language code such as en, fr or pt-BR',
    languages: 'a language code such as en, fr or pt-BR'
};

/** A token kind in plain words: terminals described, keywords quoted. */
export function describeTokenType(type: TokenType | string): string {
    const name = typeof type === 'string' ? type : type.name;
    return TERMINAL_WORDS[name] ?? `'${name}'`;
}

/**
 * What is expected at one place, in the words of that place: a name after
 * `currency` or after an amount is a currency code, a number in a money rule
 * is an amount with its currency, in a percentage rule a percentage.
 */
function describeSlot(type: TokenType, rule: string, before: IToken | undefined): string {
    const previous = before?.image;
    if (type.name === 'ID' && (previous === 'currency' || (AMOUNT_RULES.has(rule) && previous !== undefined && /^[0-9]/.test(previous)))) return CURRENCY;
    if (type.name === 'WORD' && rule === 'Market' && previous !== undefined && Object.hasOwn(CODE_SLOTS, previous)) return CODE_SLOTS[previous];
    if (type.name === 'ID' && (previous === 'market' || previous === 'markets' || (rule === 'MarketPrice' && previous === 'in'))) return 'the name of a market';
    if (type.name === 'STRING' && ((rule === 'Market' && (previous === 'timezone' || previous === 'timezones')) || (rule === 'HoursWindow' && previous === 'in'))) return ZONE;
    if (type.name === 'NUMBER') {
        if ((rule === 'Money' || rule === 'Price' || rule === 'MarketPrice') && previous !== 'to') return MONEY;
        if (rule === 'Percent' || rule === 'Rate' || rule === 'Conversion' || previous === 'share') return PERCENTAGE;
        if (rule === 'Duration') return 'a length of time such as 30 days';
    }
    return describeTokenType(type);
}

/**
 * What a path of tokens that starts alike with others is, in words: a number
 * and `%` is a percentage, a number and a name an amount with its currency
 * (`commission 10%` or `commission 12 USD`); else what its first token is.
 */
function describePath(path: TokenType[], rule: string, before: IToken | undefined): string {
    if (path[0]?.name === 'NUMBER' && path[1]?.name === '%') return PERCENTAGE;
    if (path[0]?.name === 'NUMBER' && (path[1]?.name === 'ID' || before?.image === 'price')) return MONEY;
    return describeSlot(path[0], rule, before);
}

function describeFound(token: IToken): string {
    if (isEnd(token)) return 'the end of the file';
    return `'${clip(token.image, 40)}'`;
}

function clip(text: string, length: number): string {
    return text.length > length ? text.slice(0, length - 3) + '...' : text;
}

function isEnd(token: IToken | undefined): boolean {
    return !token || token.tokenType?.name === 'EOF' || !(token.startOffset >= 0);
}

/** `'a', 'b' or 'c'`: a list in full up to MAX_LISTED, else its first few and where to read all of them. */
export function listWords(words: string[], heading?: string): string {
    const unique = [...new Set(words)];
    if (unique.length <= 1) return unique[0] ?? 'something else';
    if (unique.length > MAX_LISTED) return `${unique.slice(0, FIRST_FEW).join(', ')}, … (all of them: ${referenceLink(heading)})`;
    return unique.slice(0, -1).join(', ') + ' or ' + unique[unique.length - 1];
}

/** A misspelled word of a parser error: the token written and the words it was probably meant to be. */
export interface Typo {
    token: IToken;
    words: string[];
    /** The message of the error it belongs to (a token may be found by more than one error). */
    message: string;
}

/** The misspellings found while parsing, by the token of the error: for the quick fix. */
const typos = new WeakMap<IToken, Typo>();

/** The misspelling a parser error is about, if it is one. */
export function typoOf(error: { token?: IToken; message: string }): Typo | undefined {
    const typo = error.token ? typos.get(error.token) : undefined;
    return typo?.message === error.message ? typo : undefined;
}

/** Where an error is, as the tokens around it show. */
interface Place {
    found: IToken;
    /** The last token that ends before the found one: the word the error comes after. */
    before?: IToken;
    /** The block the error is in: `tactic 'SpringAds'`, `the funnel`. */
    block?: string;
    /** The group of facts the error is directly in. */
    loop?: FactLoop;
}

/** For each token (and the end), the innermost and the outermost brace open before it; computed once per text with an error. */
interface Nesting {
    inner: Int32Array;
    outer: Int32Array;
}

const nestings = new WeakMap<readonly IToken[], Nesting>();

function nestingOf(tokens: readonly IToken[], length: number): Nesting {
    let nesting = nestings.get(tokens);
    if (nesting) return nesting;
    const inner = new Int32Array(length + 1), outer = new Int32Array(length + 1);
    const open: number[] = [];
    for (let i = 0; i <= length; i++) {
        inner[i] = open.length > 0 ? open[open.length - 1] : -1;
        outer[i] = open.length > 0 ? open[0] : -1;
        const name = i < length ? tokens[i].tokenType.name : undefined;
        if (name === '{') open.push(i);
        else if (name === '}') open.pop();
    }
    nesting = { inner, outer };
    nestings.set(tokens, nesting);
    return nesting;
}

/** Where a token is among the first `length` tokens (`length` for the end of the file). */
function indexOf(tokens: readonly IToken[], length: number, token: IToken): number {
    if (isEnd(token)) return length;
    let low = 0, high = length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const offset = tokens[middle].startOffset;
        if (offset === token.startOffset) return middle;
        if (offset < token.startOffset) low = middle + 1;
        else high = middle - 1;
    }
    return low;
}

/**
 * Parser messages in plain words ("Expected a currency code such as USD or EUR
 * after '500' but found 'track'.") instead of chevrotain's "Expecting token of
 * type 'ID' but found `track`". The word an error comes after is read from the
 * tokens of the text (chevrotain's `previous` is where its error recovery left
 * off, often the found word itself); the words allowed are read from the
 * grammar; a word that is a typo of an allowed one gets "did you mean".
 */
export class MplanParserErrorMessageProvider implements IParserErrorMessageProvider {
    private tokens: () => readonly IToken[] = () => [];
    private words?: GrammarWords;

    /** The tokens of the text being parsed: set by the parser (parser.ts) before each parse. */
    readFrom(tokens: () => readonly IToken[]): void {
        this.tokens = tokens;
    }

    private get grammar(): GrammarWords {
        return this.words ??= grammarWords(MplanGrammar());
    }

    private propertyLists?: Map<string, string[]>;

    /** The words of the lists a rule assigns to one of its properties (`rewardFor` of a tactic: `positive`, `honest`, `any`), by rule. */
    private get optionalWords(): Map<string, string[]> {
        if (!this.propertyLists) {
            this.propertyLists = new Map();
            for (const list of wordLists(MplanGrammar())) {
                if (list.property) this.propertyLists.set(list.rule, [...(this.propertyLists.get(list.rule) ?? []), ...list.words]);
            }
        }
        return this.propertyLists;
    }

    private place(found: IToken): Place {
        const tokens = this.tokens();
        // The parser's input ends with end-of-file tokens, which have no place in the text.
        let length = tokens.length;
        while (length > 0 && isEnd(tokens[length - 1])) length--;
        const index = indexOf(tokens, length, found);
        const before = index > 0 ? tokens[index - 1] : undefined;
        if (length === 0) return { found, before };
        const nesting = nestingOf(tokens, length);
        const outer = nesting.outer[index];
        const inner = nesting.inner[index];
        const place: Place = { found, before };
        const keywords = this.grammar.blockKeywords;
        let blockKeyword: string | undefined;
        if (outer >= 0) {
            for (let k = outer - 1; k >= Math.max(0, outer - 3); k--) {
                if (!keywords.includes(tokens[k].tokenType.name)) continue;
                blockKeyword = tokens[k].image;
                const name = k + 1 < outer && tokens[k + 1].tokenType.name === 'ID' ? tokens[k + 1].image : undefined;
                place.block = name ? `${blockKeyword} '${clip(name, 40)}'` : `the ${blockKeyword}`;
                break;
            }
        }
        if (inner >= 0) {
            const opener = inner > 0 ? this.grammar.loops.get(tokens[inner - 1].image) : undefined;
            place.loop = opener && !opener.block ? opener : blockKeyword ? this.grammar.loops.get(blockKeyword) : undefined;
        }
        return place;
    }

    /**
     * "Unknown word 'budgt' in tactic 'SpringAds': did you mean 'budget'?",
     * remembered for the quick fix under the error's token (`written` is the
     * word misspelled: the error's token, or the one after it).
     */
    private typo(place: Place, allowed: Iterable<string>, written: IToken = place.found): string | undefined {
        if (written.tokenType.name === 'STRING' || isEnd(written)) return undefined;
        const meant = didYouMean(written.image, [...allowed].filter(isWord));
        if (meant.length === 0) return undefined;
        const message = `Unknown word '${written.image}'${place.block ? ` in ${place.block}` : ''}: did you mean ${meant.map(word => `'${word}'`).join(' or ')}?`;
        typos.set(place.found, { token: written, words: meant, message });
        return message;
    }

    buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const place = this.place(options.actual);
        const rule = ruleNameOf(options.ruleName);
        if (options.expected.name === '}' && place.loop) return this.notAFact(place, place.loop);
        if (options.expected.name === 'EOF') return this.notABlock(place);
        // An optional word of a list may stand before the expected one (`for honest reviews`): a typo of it is one too.
        const typo = this.typo(place, [options.expected.name, ...(this.optionalWords.get(rule) ?? [])]);
        if (typo) return typo;
        return `Expected ${describeSlot(options.expected, rule, place.before)}${after(place.before)} but found ${describeFound(options.actual)}.`;
    }

    /** A word where a fact of the block should start (the parser expected the closing brace). */
    private notAFact(place: Place, loop: FactLoop): string {
        const where = place.block ?? `the ${loop.opener}`;
        if (isEnd(place.found)) return `Expected '}'${after(place.before)} to close ${where} but found the end of the file.`;
        const typo = this.typo(place, [...loop.starts, ...loop.continuations]);
        if (typo) return typo;
        const what = loop.block ? `A fact of a ${loop.opener}` : `A line of '${loop.opener}'`;
        const facts = listWords(loop.starts.map(token => describeTokenType(token)), blockHeading(loop.opener));
        const closes = `and '}' closes ${loop.block ? 'the block' : 'the group'}.`;
        const before = place.before;
        const twoWords = place.found.tokenType.name === 'ID' && before?.tokenType.name === 'ID' && before.endLine === place.found.startLine;
        const hint = twoWords
            ? ` A name or word is one word: write ${before!.image}-${place.found.image}, or separate the items of a list with commas.`
            : '';
        return `Unexpected ${describeFound(place.found)}${after(before)} in ${where}.${hint} ${what} starts with ${facts}, ${closes}`;
    }

    buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return this.notABlock(this.place(options.firstRedundant));
    }

    /** A word between blocks that starts none. */
    private notABlock(place: Place): string {
        const typo = this.typo(place, this.grammar.topLevel);
        if (typo) return typo;
        return `Unexpected ${describeFound(place.found)}${after(place.before)}: a file holds imports followed by blocks, which start with ${listWords(this.grammar.blockKeywords.map(word => `'${word}'`))}.`;
    }

    buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const found = options.actual[0];
        const place = this.place(found);
        const rule = ruleNameOf(options.ruleName);
        const paths = options.expectedPathsPerAlt.flat().filter(path => path.length > 0);
        const list = this.grammar.lists.get(rule);
        const firsts = [...new Set(paths.map(path => path[0].name))];
        const alike = paths.filter(path => path.length > 1 && path[0] === found?.tokenType);
        // Alternatives that start alike (`price 49 USD`, or `price 49 USD in Europe`) in a block the file ends
        // inside: the parser looked ahead to the end of the file to choose, and what is missing is the brace.
        const last = alike.length > 0 && place.loop ? this.unclosedAt(found) : undefined;
        if (last) return `Expected '}' after '${clip(last.image, 40)}' to close ${place.block ?? `the ${place.loop!.opener}`} but found the end of the file.`;
        if (alike.length > 0) {
            // The alternatives start alike (`at least`, `at most`): the second word is the one to judge, and they are named whole.
            const second = options.actual[1];
            const typo = second && this.typo(place, alike.map(path => path[1].name), second);
            if (typo) return typo;
            // Where the words written part from every alternative at a value (`price EUR`: an amount was due after
            // `price`, whichever price it is), that value is what is missing.
            const parted = partingAt(alike, options.actual);
            if (parted) {
                const { at, rests } = parted;
                const before = options.actual[at - 1];
                const shared = options.actual.slice(0, at).map(token => token.image).join(' ');
                // (Not "after 'price'": the error stands on 'price' itself, and messages name the word before the error.)
                return `After '${clip(shared, 40)}' comes ${listWords([...new Set(rests.map(rest => describePath(rest, rule, before)))])}, but found ${describeFound(options.actual[at])}.`;
            }
            const written = options.actual.slice(0, Math.max(...alike.map(path => path.length))).filter(token => !isEnd(token));
            const expected = listWords(alike.map(path => path.every(type => !TERMINAL_WORDS[type.name]) ? `'${path.map(type => type.name).join(' ')}'` : describePath(path, rule, place.before)));
            return `Expected ${expected}${after(place.before)} but found '${clip(written.map(token => token.image).join(' '), 40)}'.`;
        }
        const typo = this.typo(place, list ?? firsts);
        if (typo) return typo;
        if (list) {
            const words = list.map(word => `'${word}'`);
            const noun = LIST_NOUNS[rule];
            if (noun && words.length > MAX_LISTED) {
                return `Expected ${noun}${after(place.before)} but found ${describeFound(found)}: ${listWords(words, WORD_LIST_DOCS[rule]?.title)}.`;
            }
            return `Expected ${listWords(words, WORD_LIST_DOCS[rule]?.title)}${after(place.before)} but found ${describeFound(found)}.`;
        }
        const expected = listWords(firsts.map(name => describeSlot(paths.find(path => path[0].name === name)![0], rule, place.before)));
        return `Expected ${expected}${after(place.before)} but found ${describeFound(found)}.`;
    }

    /** The last token of the text when the block holding `found` is never closed; undefined when it is. */
    private unclosedAt(found: IToken): IToken | undefined {
        const tokens = this.tokens();
        let length = tokens.length;
        while (length > 0 && isEnd(tokens[length - 1])) length--;
        let depth = 0;
        for (let i = Math.max(0, indexOf(tokens, length, found)); i < length; i++) {
            const name = tokens[i].tokenType.name;
            if (name === '{') depth++;
            else if (name === '}' && --depth < 0) return undefined;
        }
        return length > 0 ? tokens[length - 1] : undefined;
    }

    buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const place = this.place(options.actual[0]);
        const rule = ruleNameOf(options.ruleName);
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(Boolean);
        return `Expected at least one ${listWords(firsts.map(type => describeSlot(type, rule, place.before)))}${after(place.before)} but found ${describeFound(options.actual[0])}.`;
    }
}

/**
 * The first place the written tokens match no path of alternatives that start alike, when what the
 * paths expect there includes a value (a number, a name, text): the index and the rest of each path from there.
 */
function partingAt(paths: TokenType[][], actual: IToken[]): { at: number; rests: TokenType[][] } | undefined {
    let alive = paths;
    for (let at = 1; at < actual.length && !isEnd(actual[at - 1]); at++) {
        const reaching = alive.filter(path => path.length > at);
        if (reaching.length === 0) return undefined;
        const next = reaching.filter(path => path[at] === actual[at].tokenType || actual[at].tokenType.CATEGORIES?.includes(path[at]));
        if (next.length === 0) {
            // Only past words the alternatives share as keywords (`price`): where they part at a value already
            // (`commission 10 …`: a percentage or an amount), they are named whole.
            const keywordsBefore = reaching.every(path => path.slice(0, at).every(type => !TERMINAL_WORDS[type.name]));
            return keywordsBefore && reaching.some(path => TERMINAL_WORDS[path[at].name]) ? { at, rests: reaching.map(path => path.slice(at)) } : undefined;
        }
        alive = next;
    }
    return undefined;
}

/** Langium suffixes its rule names with an invisible character: the grammar's name of a rule. */
function ruleNameOf(name: string): string {
    return name.replace(/[^\w]/g, '');
}

function after(previous: IToken | undefined): string {
    if (isEnd(previous) || !previous!.image) return '';
    return ` after '${clip(previous!.image, 30)}'`;
}

/** Why a character cannot start a token, in words (also `mplan format`'s refusal). */
export function lexingMessage(text: string, offset: number, length: number): string {
    const found = text.slice(offset, offset + Math.max(1, Math.min(length, 20)));
    const first = found.charAt(0);
    if (first === '"') return 'Text in quotes must end with a closing " on the same line.';
    // The lexer stops at `/*` only when no `*/` follows it anywhere in the file.
    if (found.startsWith('/*')) return 'A comment that starts with /* must end with */, and this one is never closed (a comment on one line can start with // instead).';
    if (first === '\u0000' || /[\u0001-\u0008\u000e-\u001f]/.test(first)) return 'This file contains a control character (is it a binary file?).';
    if (first === '-' && /[0-9]/.test(text.charAt(offset - 1))) return `Unexpected '${found}': a date is written YYYY-MM-DD (2027-06-30), and numbers cannot be negative in a plan.`;
    if (first === '-') return `Unexpected '${found}': numbers cannot be negative in a plan.`;
    if (first === '#') return 'A hashtag is written with its word right after the # (#FreshLunch), or in quotes when it holds a space ("#slow living").';
    return `Unexpected '${found}': this is not part of the mplan language.`;
}

/**
 * Where a parser error about the end of the file belongs: after the last
 * character that is not white space (an open block after alternatives that
 * start alike, `price 49 USD` or `price 49 USD in EU`, is reported by the
 * parser at their first word). Undefined for any other error.
 */
export function endOfFileOffset(message: string, text: string): number | undefined {
    if (!message.endsWith('but found the end of the file.')) return undefined;
    let end = text.length;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    return end;
}

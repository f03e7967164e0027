/**
 * A small, strict HTML (and XML) tokenizer for the security tests: it lists
 * the tags of a page with their attributes, the comments, CDATA sections and
 * processing instructions, and the raw text of <script> and <style>. It is
 * stricter than a browser on purpose: a `<` or `&` in text that does not
 * start a tag or a character reference, an unquoted or unterminated
 * attribute, a tag that does not close, all throw, so an escaping mistake
 * fails a test instead of being read the lenient way a browser might.
 * Everything else of a page is text, which cannot run.
 */

export interface Attribute {
    name: string;
    /** The value as written between the quotes. */
    raw: string;
    /** The value with its character references decoded, as the browser sees it. */
    value: string;
}

export type Token =
    | { kind: 'doctype'; text: string }
    | { kind: 'start'; name: string; attributes: Attribute[]; selfClosing: boolean }
    | { kind: 'end'; name: string }
    | { kind: 'comment'; text: string }
    | { kind: 'cdata'; text: string }
    | { kind: 'pi'; text: string }
    | { kind: 'text'; text: string }
    | { kind: 'raw'; element: string; text: string };

/** The elements whose content the browser reads as raw text, up to their end tag. */
const RAW_TEXT = new Set(['script', 'style']);

/** The named character references mplan's outputs use (XML's five and `&nbsp;`); any other name is an error. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]*));/y;

export class TokenizeError extends Error {}

/** Text or an attribute value with its character references decoded; a bare `&` or an unknown name throws. */
export function decodeReferences(text: string, where: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
        if (text[i] !== '&') {
            out += text[i];
            continue;
        }
        REFERENCE.lastIndex = i;
        const match = REFERENCE.exec(text);
        if (!match) throw new TokenizeError(`a bare '&' in ${where}: ${JSON.stringify(text.slice(i, i + 20))}`);
        if (match[3] !== undefined) {
            const named = NAMED[match[3]];
            if (named === undefined) throw new TokenizeError(`an unknown character reference &${match[3]}; in ${where}`);
            out += named;
        } else {
            out += String.fromCodePoint(match[1] !== undefined ? Number(match[1]) : parseInt(match[2], 16));
        }
        i += match[0].length - 1;
    }
    return out;
}

const NAME = /[A-Za-z][A-Za-z0-9:-]*/y;
const ATTRIBUTE_NAME = /[^\s"'>/=\u0000]+/y;

/** The tokens of an HTML page or an XML document, strictly (see the module comment). */
export function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    const fail = (message: string): never => {
        throw new TokenizeError(`${message} at offset ${i}: ${JSON.stringify(source.slice(Math.max(0, i - 30), i + 30))}`);
    };
    const sticky = (pattern: RegExp): string | undefined => {
        pattern.lastIndex = i;
        const match = pattern.exec(source);
        if (!match) return undefined;
        i += match[0].length;
        return match[0];
    };
    const skipSpace = () => { while (i < source.length && /\s/.test(source[i])) i++; };
    const until = (end: string, what: string): string => {
        const at = source.indexOf(end, i);
        if (at < 0) fail(`an unterminated ${what}`);
        const text = source.slice(i, at);
        i = at + end.length;
        return text;
    };

    while (i < source.length) {
        const lt = source.indexOf('<', i);
        const textEnd = lt < 0 ? source.length : lt;
        if (textEnd > i) {
            const text = source.slice(i, textEnd);
            tokens.push({ kind: 'text', text: decodeReferences(text, 'text') });
            if (text.includes('\u0000')) fail('a NUL character in text');
            i = textEnd;
            continue;
        }
        // At a '<'.
        if (source.startsWith('<!--', i)) {
            i += 4;
            tokens.push({ kind: 'comment', text: until('-->', 'comment') });
        } else if (source.startsWith('<![CDATA[', i)) {
            i += 9;
            tokens.push({ kind: 'cdata', text: until(']]>', 'CDATA section') });
        } else if (/^<!doctype\s/i.test(source.slice(i, i + 10))) {
            i += 2;
            tokens.push({ kind: 'doctype', text: until('>', 'doctype') });
        } else if (source.startsWith('<?', i)) {
            i += 2;
            tokens.push({ kind: 'pi', text: until('?>', 'processing instruction') });
        } else if (source.startsWith('</', i)) {
            i += 2;
            const name = sticky(NAME) ?? fail("a '</' that starts no end tag");
            skipSpace();
            if (source[i] !== '>') fail(`an end tag </${name} with more than its name`);
            i++;
            tokens.push({ kind: 'end', name: name.toLowerCase() });
        } else {
            i += 1;
            const name = (sticky(NAME) ?? fail("a '<' in text: it starts no tag, so it should have been escaped")).toLowerCase();
            const attributes: Attribute[] = [];
            let selfClosing = false;
            for (;;) {
                const before = i;
                skipSpace();
                if (source[i] === '>') { i++; break; }
                if (source.startsWith('/>', i)) { i += 2; selfClosing = true; break; }
                if (i === before) fail(`no space before an attribute of <${name}>`);
                const attribute = sticky(ATTRIBUTE_NAME) ?? fail(`a malformed attribute in <${name}>`);
                if (source[i] !== '=') {
                    attributes.push({ name: attribute.toLowerCase(), raw: '', value: '' });
                    continue;
                }
                i++;
                const quote = source[i];
                if (quote !== '"' && quote !== "'") fail(`an unquoted value of ${attribute} in <${name}>`);
                i++;
                const raw = until(quote, `value of ${attribute} in <${name}>`);
                if (raw.includes('<')) fail(`a '<' in the value of ${attribute} in <${name}>`);
                attributes.push({ name: attribute.toLowerCase(), raw, value: decodeReferences(raw, `${attribute} of <${name}>`) });
            }
            const names = attributes.map(a => a.name);
            if (new Set(names).size !== names.length) fail(`a repeated attribute in <${name}>`);
            tokens.push({ kind: 'start', name, attributes, selfClosing });
            if (RAW_TEXT.has(name) && !selfClosing) {
                // Raw text ends at the first `</name` (any case), as in a browser.
                const end = source.slice(i).search(new RegExp(`</${name}[\\s/>]`, 'i'));
                if (end < 0) fail(`an unterminated <${name}>`);
                tokens.push({ kind: 'raw', element: name, text: source.slice(i, i + end) });
                i += end;
            }
        }
    }
    return tokens;
}

/** The start tags of a token list. */
export function startTags(tokens: Token[]): Array<Extract<Token, { kind: 'start' }>> {
    return tokens.filter((token): token is Extract<Token, { kind: 'start' }> => token.kind === 'start');
}

/** An attribute's decoded value, or undefined. */
export function attribute(tag: Extract<Token, { kind: 'start' }>, name: string): string | undefined {
    return tag.attributes.find(a => a.name === name)?.value;
}

/**
 * The directives of a Content-Security-Policy: name to the list of its
 * sources (`default-src 'none'; img-src data:` → { 'default-src': ["'none'"], … }).
 */
export function parsePolicy(policy: string): Map<string, string[]> {
    const directives = new Map<string, string[]>();
    for (const part of policy.split(';')) {
        const [name, ...sources] = part.trim().split(/\s+/);
        if (!name) continue;
        if (directives.has(name.toLowerCase())) throw new TokenizeError(`the policy repeats ${name}`);
        directives.set(name.toLowerCase(), sources);
    }
    return directives;
}

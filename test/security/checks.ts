/**
 * What "no executable markup" means for each kind of output, as functions
 * that list the problems they find (an empty list is a pass), so a failing
 * test says what got through and where.
 */
import { PUBLIC_RULE_DOCS_BASE } from '../../src/language/config/rule-docs.js';
import { attribute, parsePolicy, startTags, tokenize, TokenizeError, type Token } from './html-tokens.js';

/** Attributes whose value the browser loads or follows as a URL. */
const URL_ATTRIBUTES = new Set([
    'href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster', 'background', 'data', 'ping', 'cite',
    'longdesc', 'manifest', 'codebase', 'dynsrc', 'lowsrc', 'icon', 'archive', 'classid', 'profile', 'usemap'
]);

/** Schemes that run code or render a document of their own when followed or loaded. */
const SCRIPT_SCHEME = /^(javascript|vbscript|data|livescript|mocha):/i;

/** What a browser ignores inside a URL before its scheme: spaces and control characters anywhere, say `java\tscript:`. */
function normalizedUrl(value: string): string {
    return value.replace(/[\u0000-\u0020\u007F-\u009F]/g, '');
}

export interface HtmlExpectation {
    /** The preview: exactly one script, under this nonce. Otherwise no script at all. */
    scriptNonce?: string;
    /** The tag names the page may use: those of the same renderer on a harmless plan. */
    allowedTags: ReadonlySet<string>;
}

/**
 * The problems of an HTML page that plan text may have made: a tag the
 * renderer never writes, a script other than the preview's one, an event
 * handler, a URL with a script scheme, a load or a link to anywhere but the
 * rule docs, a comment or CDATA section, an inline style, markup the strict
 * tokenizer cannot read.
 */
export function htmlProblems(html: string, expectation: HtmlExpectation): string[] {
    let tokens: Token[];
    try {
        tokens = tokenize(html);
    } catch (error) {
        if (error instanceof TokenizeError) return [`not strictly readable: ${error.message}`];
        throw error;
    }
    const problems: string[] = [];
    for (const token of tokens) {
        if (token.kind === 'comment') problems.push(`a comment: <!--${token.text.slice(0, 40)}-->`);
        if (token.kind === 'cdata') problems.push(`a CDATA section: ${token.text.slice(0, 40)}`);
        if (token.kind === 'pi') problems.push(`a processing instruction: ${token.text.slice(0, 40)}`);
    }
    const tags = startTags(tokens);
    for (const tag of tags) {
        if (!expectation.allowedTags.has(tag.name)) problems.push(`a <${tag.name}> element, which the renderer never writes`);
        for (const a of tag.attributes) {
            if (a.name.startsWith('on')) problems.push(`an event handler ${a.name} on <${tag.name}>`);
            if (a.name === 'style') problems.push(`an inline style on <${tag.name}>`);
            const url = normalizedUrl(a.value);
            if (SCRIPT_SCHEME.test(url)) problems.push(`a ${url.split(':')[0]}: value in ${a.name} of <${tag.name}>`);
            if (URL_ATTRIBUTES.has(a.name) && !(tag.name === 'a' && a.name === 'href' && a.value.startsWith(PUBLIC_RULE_DOCS_BASE))) {
                problems.push(`a URL ${a.name}="${a.value}" on <${tag.name}>: only links to the rule docs are allowed`);
            }
            if (a.name === 'http-equiv' && a.value.toLowerCase() !== 'content-security-policy') problems.push(`a <meta http-equiv="${a.value}">`);
        }
        if (tag.name === 'a' && !attribute(tag, 'href')?.startsWith(PUBLIC_RULE_DOCS_BASE)) problems.push('a link that is not to the rule docs');
    }
    const scripts = tags.filter(tag => tag.name === 'script');
    if (expectation.scriptNonce === undefined) {
        if (scripts.length > 0) problems.push(`${scripts.length} <script> elements in a page that has none`);
    } else {
        if (scripts.length !== 1) problems.push(`${scripts.length} <script> elements, not the preview's one`);
        for (const script of scripts) {
            if (attribute(script, 'nonce') !== expectation.scriptNonce) problems.push(`a <script> without the page's nonce: ${JSON.stringify(script.attributes)}`);
            if (script.attributes.length !== 1) problems.push(`a <script> with attributes besides its nonce: ${JSON.stringify(script.attributes)}`);
        }
    }
    for (const raw of tokens.filter((token): token is Extract<Token, { kind: 'raw' }> => token.kind === 'raw')) {
        // Inside a script, `<!--` and `<script` switch the browser's script-data states and can move where the script ends.
        if (/<!--|<script|<\/script/i.test(raw.text)) problems.push(`<${raw.element}> text that could move its end: ${raw.text.slice(0, 60)}`);
        if (raw.element === 'style' && /url\(|@import|expression\(|<\//i.test(raw.text)) problems.push('a style sheet that loads or runs something');
    }
    const styles = tags.filter(tag => tag.name === 'style');
    if (styles.length !== 1) problems.push(`${styles.length} <style> elements, not the page's one`);
    return problems;
}

/** The Content-Security-Policy of a page, from its one meta tag. */
export function pagePolicy(html: string): Map<string, string[]> {
    const metas = startTags(tokenize(html)).filter(tag => tag.name === 'meta' && attribute(tag, 'http-equiv')?.toLowerCase() === 'content-security-policy');
    if (metas.length !== 1) throw new Error(`${metas.length} policy meta tags`);
    return parsePolicy(attribute(metas[0], 'content') ?? '');
}

/**
 * The problems of a preview page's policy: it must forbid everything by
 * default, run only the script with the page's nonce (no inline script
 * without it, no eval), load nothing remote, and take styles and images only
 * from the webview itself (images also as data: URIs).
 */
export function policyProblems(policy: Map<string, string[]>, nonce: string, cspSource: string): string[] {
    const problems: string[] = [];
    const expect = (directive: string, sources: string[]) => {
        const actual = policy.get(directive);
        if (!actual || actual.length !== sources.length || sources.some(s => !actual.includes(s))) {
            problems.push(`${directive} is ${JSON.stringify(actual)}, expected exactly ${JSON.stringify(sources)}`);
        }
    };
    expect('default-src', ["'none'"]);
    expect('script-src', [`'nonce-${nonce}'`]);
    expect('style-src', [`'nonce-${nonce}'`, cspSource]);
    expect('img-src', ['data:', cspSource]);
    for (const [directive, sources] of policy) {
        if (!['default-src', 'script-src', 'style-src', 'img-src'].includes(directive)) problems.push(`an unexpected directive ${directive}`);
        for (const source of sources) {
            if (/unsafe-(eval|inline|hashes)|wasm-unsafe-eval|strict-dynamic/.test(source)) problems.push(`${directive} allows ${source}`);
            if (source !== cspSource && /^(https?:|\*|http|ws)/i.test(source)) problems.push(`${directive} allows the remote source ${source}`);
        }
    }
    return problems;
}

/**
 * Markdown with its backslash escapes and code spans taken out: what is
 * left is what a Markdown renderer reads as syntax. (An escaped character
 * becomes a space: it is text, and keeps nothing next to it from pairing.)
 */
function unescapedMarkdown(text: string): string {
    return text.replace(/\\[!-/:-@[-`{-~]/g, ' ').replace(/(`+)[^`]*?\1/g, ' ');
}

/**
 * The problems of a Markdown text: raw HTML (any `<` a renderer could read
 * as a tag, an autolink or a comment), and a link, image or link definition
 * that goes anywhere but the given allowed prefixes.
 */
export function markdownProblems(text: string, allowedLinks: readonly string[] = []): string[] {
    const problems: string[] = [];
    const plain = unescapedMarkdown(text);
    for (const match of plain.matchAll(/<[A-Za-z/!?]/g)) {
        problems.push(`raw HTML or an autolink: ${JSON.stringify(plain.slice(match.index, match.index + 40))}`);
    }
    for (const match of plain.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)/g)) {
        const destination = match[2];
        if (match[1] === '!') problems.push(`an image: ${JSON.stringify(match[0])}`);
        else if (!allowedLinks.some(prefix => destination.startsWith(prefix))) problems.push(`a link to ${JSON.stringify(destination)}`);
    }
    for (const match of plain.matchAll(/^ {0,3}\[[^\]]+\]:/gm)) problems.push(`a link definition: ${JSON.stringify(match[0])}`);
    // A reference link needs a definition, which is forbidden above; a bare `javascript:` in text is no link.
    return problems;
}

/** The tag names of a page, to allow exactly those of a harmless page of the same renderer. */
export function tagNames(html: string): Set<string> {
    return new Set(startTags(tokenize(html)).map(tag => tag.name));
}

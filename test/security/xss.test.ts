/**
 * No plan text becomes markup, a script or a link in any output mplan
 * writes: each payload of payloads.ts goes into every string field of the
 * grammar, into the name of the plan's file and into import paths, and every
 * output that shows plan text is read back the way its reader would read it
 * (a strict HTML tokenizer, Markdown syntax, the XML of JUnit, the JSON and
 * embedded links of SARIF, GitHub's workflow commands) and must hold no
 * executable markup, no link but mplan's own docs links, and the payload
 * itself, shown as text (so a test cannot pass because the text never got
 * there).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LangiumDocument } from 'langium';
import type { MarkupContent } from 'vscode-languageserver';
import type { LanguageClient } from 'vscode-languageclient/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PUBLIC_RULE_DOCS_BASE, publicRuleDocsUrl } from '../../src/language/config/rule-docs.js';
import { RULES } from '../../src/language/rules/index.js';
import { buildPlanReport } from '../../src/language/report/build-report.js';
import type { PlanReport } from '../../src/language/report/report-data.js';
import { messagePage } from '../../src/extension/preview-html.js';
import { PlanPreviews } from '../../src/extension/preview.js';
import { terminalText } from '../../src/cli/formats/stylish.js';
import { mplan } from '../cli/run.js';
import { check, services } from '../helpers.js';
import { CSP_SOURCE, pages } from './fake-vscode.js';
import { htmlProblems, markdownProblems, pagePolicy, policyProblems, tagNames } from './checks.js';
import { attribute, decodeReferences, startTags, tokenize, type Token } from './html-tokens.js';
import { fieldsHolding, fileNameOf, literal, PAYLOADS, payloadLibrary, payloadPlan, stringFields, type Payload } from './payloads.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).fakeVscode);

const AS_OF = '2027-01-15';

/** A harmless text in the same places, for the tags a page of the renderer may have. */
const HARMLESS: Payload = { name: 'harmless', text: 'Plain words' };

interface Case {
    payload: Payload;
    /** The case's folder, under the temporary root. */
    folder: string;
    /** The plan file, relative to the case's folder. */
    plan: string;
    /** The files of the case, relative to its folder, and their text. */
    files: Record<string, string>;
}

/** The files of a payload: the plan, named after the payload, and a library it imports, named after it too. */
function caseOf(payload: Payload, folder: string): Case {
    const plan = fileNameOf(payload.text, '.mplan');
    const library = fileNameOf(payload.text, ' shared.mplan');
    const missing = fileNameOf(payload.text, ' missing.mplan');
    // `./` first: an import path that starts like a URI scheme (`javascript:`) is refused as not relative.
    const planText = payloadPlan(payload.text, missing).replace('import "shared.mplan"', `import ${literal(`./${library}`)}`);
    return { payload, folder, plan, files: { [plan]: planText, [join(dirname(plan), library)]: payloadLibrary(payload.text) } };
}

let root: string;
let cases: Case[];
let harmless: Case;

beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mplan-xss-'));
    cases = PAYLOADS.map((payload, i) => caseOf(payload, `case${i}`));
    harmless = caseOf(HARMLESS, 'harmless');
    for (const c of [...cases, harmless]) {
        for (const [name, text] of Object.entries(c.files)) {
            const file = join(root, c.folder, name);
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, text);
        }
    }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** How plan text looks once shown in HTML, XML and the Markdown report: the controls XML cannot hold are U+FFFD. */
function shown(text: string): string {
    return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

/**
 * How plan text looks in Markdown (the report's and the CLI's markdown format): the control characters
 * (C0 but tab and line breaks, DEL, C1) are U+FFFD, the bidirectional overrides and isolates escapes
 * (`\u202e`), as the stylish format shows them, so that none reaches a terminal or a log raw.
 */
function shownInMarkdown(text: string): string {
    return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, '\uFFFD')
        .replace(/[\u202A-\u202E\u2066-\u2069]/g, c => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** What a terminal or a CI log would obey or reorder by: every control character but LF, and the bidi overrides and isolates. */
const RAW_CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** `mplan report` of a case's plan to the given file name, and the written file. */
async function report(c: Case, out: string): Promise<string> {
    const cwd = join(root, c.folder);
    const run = await mplan(['report', c.plan, '--out', out, '--as-of', AS_OF], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return readFileSync(join(cwd, out), 'utf8');
}

/** The text of a page as a reader sees it (the tokens' text, joined). */
function pageText(html: string): string {
    return tokenize(html).filter((t): t is Extract<Token, { kind: 'text' }> => t.kind === 'text').map(t => t.text).join('');
}

/** Markdown as a reader sees it: backslash escapes and the three entities the renderers write undone. */
function markdownText(text: string): string {
    return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('the payload plans', () => {
    it('hold each payload in every string field of the grammar', async () => {
        const fields = stringFields(services.Mplan.Grammar);
        expect(fields.length).toBeGreaterThanOrEqual(25);
        for (const c of cases) {
            const checked = await check(c.files);
            const document = checked.documents.get(c.plan)!;
            const library = [...checked.documents.values()].find(d => d !== document)!;
            // An import path holds the payload as a file name (fileNameOf: NUL and `//` cannot be in one).
            const texts = [c.payload.text, fileNameOf(c.payload.text, '')];
            const held = new Set([...fieldsHolding(document.parseResult.value, texts), ...fieldsHolding(library.parseResult.value, texts)]);
            expect([...held].sort(), c.payload.name).toEqual(fields);
            expect(document.parseResult.lexerErrors, c.payload.name).toEqual([]);
            expect(document.parseResult.parserErrors, c.payload.name).toEqual([]);
        }
    });
});

describe('the plan report, written by mplan report', () => {
    let allowedTags: Set<string>;
    beforeAll(async () => {
        allowedTags = tagNames(await report(harmless, 'report.html'));
    });

    it.each(PAYLOADS.map((payload, i) => [payload.name, i] as const))('HTML: %s is text, nothing else', async (_, i) => {
        const html = await report(cases[i], 'report.html');
        expect(htmlProblems(html, { allowedTags })).toEqual([]);
        const text = pageText(html);
        // In the goal, the findings' messages and the footer's file name.
        expect(text).toContain(shown(cases[i].payload.text));
        expect(text).toContain(`Made by mplan from ${shown(cases[i].plan.split('/').pop()!)}`);
        // The links are the rule docs of the rules that found something, and nothing else.
        const links = startTags(tokenize(html)).filter(tag => tag.name === 'a').map(tag => attribute(tag, 'href'));
        expect(links.length).toBeGreaterThan(10);
        for (const link of links) expect(RULES.map(rule => publicRuleDocsUrl(rule.id))).toContain(link);
    });

    it.each(PAYLOADS.map((payload, i) => [payload.name, i] as const))('Markdown: %s is text, nothing else', async (_, i) => {
        const text = await report(cases[i], 'report.md');
        expect(markdownProblems(text, [PUBLIC_RULE_DOCS_BASE])).toEqual([]);
        expect(markdownText(text)).toContain(`**Goal:** ${shownInMarkdown(cases[i].payload.text)}`);
        expect(text).not.toMatch(RAW_CONTROLS);
    });
});

/** The report of a case, built in process (what the server answers to mplan/planReport). */
async function planReport(c: Case): Promise<PlanReport> {
    const checked = await check(c.files);
    return (await buildPlanReport(services.Mplan, checked.documents.get(c.plan)!))!;
}

/** The pages the real PlanPreviews class gives its webview for a report, rendered `renders` times. */
async function previewPages(reportData: PlanReport, renders: number): Promise<string[]> {
    pages.length = 0;
    const client = { isRunning: () => true, sendRequest: async () => reportData } as unknown as LanguageClient;
    const previews = new PlanPreviews({} as never, () => client);
    const uri = { toString: () => reportData.uri, path: '/workspace/plan.mplan' };
    await previews.open(uri as never);
    for (let n = 1; n <= renders; n++) {
        await vi.waitFor(() => expect(pages.length).toBe(n));
        if (n < renders) previews.refreshAll();
    }
    previews.dispose();
    return [...pages];
}

/** The nonce of the one script of a page. */
function scriptNonce(html: string): string | undefined {
    const script = startTags(tokenize(html)).find(tag => tag.name === 'script');
    return script ? attribute(script, 'nonce') : undefined;
}

describe('the VS Code preview (the real PlanPreviews, with a recording stand-in for VS Code)', () => {
    let allowedTags: Set<string>;
    beforeAll(async () => {
        allowedTags = tagNames((await previewPages(await planReport(harmless), 1))[0]);
    });

    it.each(PAYLOADS.map((payload, i) => [payload.name, i] as const))('%s is text, and the one script runs under the page\'s nonce', async (_, i) => {
        const [html] = await previewPages(await planReport(cases[i]), 1);
        const nonce = scriptNonce(html)!;
        expect(htmlProblems(html, { allowedTags, scriptNonce: nonce })).toEqual([]);
        expect(policyProblems(pagePolicy(html), nonce, CSP_SOURCE)).toEqual([]);
        expect(pageText(html)).toContain(shown(cases[i].payload.text));
    });

    it('the script carries the panel state as data: a URI full of payloads comes back out of it unchanged', async () => {
        const reportData = await planReport(cases[0]);
        const hostile = `file:///workspace/${PAYLOADS.map(p => p.text).join('')}.mplan`;
        const [html] = await previewPages({ ...reportData, uri: hostile }, 1);
        const script = tokenize(html).find((t): t is Extract<Token, { kind: 'raw' }> => t.kind === 'raw' && t.element === 'script')!;
        const state = /vscode\.setState\((.*)\);\n/.exec(script.text)![1];
        expect(JSON.parse(state)).toEqual({ uri: hostile });
        expect(htmlProblems(html, { allowedTags, scriptNonce: scriptNonce(html) })).toEqual([]);
    });

    it('the message page (no server, a library, an error) shows the message as text and allows no script', () => {
        for (const payload of PAYLOADS) {
            const html = messagePage(CSP_SOURCE, `No preview: ${payload.text}`, { uri: payload.text });
            // The page's one inline style (mplan's own, on <body>) in place of a style sheet; it carries no plan text.
            const expected = ['an inline style on <body>', "0 <style> elements, not the page's one"];
            expect(htmlProblems(html, { allowedTags: new Set(['html', 'head', 'meta', 'body', 'p']) }), payload.name).toEqual(expected);
            const policy = pagePolicy(html);
            expect(policy.get('default-src')).toEqual(["'none'"]);
            expect(policy.has('script-src')).toBe(false);
            expect(pageText(html)).toContain(shown(payload.text));
        }
    });
});

describe('the policy of the preview page', () => {
    it('forbids every load and every script but the nonce\'d one, and the nonce is new on every render', async () => {
        const rendered = await previewPages(await planReport(harmless), 3);
        const nonces = rendered.map(html => scriptNonce(html)!);
        expect(new Set(nonces).size).toBe(3);
        rendered.forEach((html, n) => {
            // 16 random bytes in base64.
            expect(nonces[n]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
            expect(policyProblems(pagePolicy(html), nonces[n], CSP_SOURCE)).toEqual([]);
            expect(html).toContain(`<style nonce="${nonces[n]}">`);
        });
    });

    it('the policy check itself rejects what a weaker page would allow', () => {
        const page = (policy: string) => `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
        const good = `default-src 'none'; style-src 'nonce-n' ${CSP_SOURCE}; img-src data: ${CSP_SOURCE}; script-src 'nonce-n'`;
        expect(policyProblems(pagePolicy(page(good)), 'n', CSP_SOURCE)).toEqual([]);
        for (const weaker of [
            good.replace("script-src 'nonce-n'", "script-src 'nonce-n' 'unsafe-inline'"),
            good.replace("script-src 'nonce-n'", "script-src 'nonce-n' 'unsafe-eval'"),
            good.replace("script-src 'nonce-n'", "script-src 'nonce-n' https://cdn.example"),
            good.replace("default-src 'none'", 'default-src *'),
            good.replace('img-src data:', 'img-src data: https:'),
            good + '; connect-src https://evil.example'
        ]) {
            expect(policyProblems(pagePolicy(page(weaker)), 'n', CSP_SOURCE), weaker).not.toEqual([]);
        }
    });
});

describe('hover', () => {
    /** The hover of every word of a document (names, references, keywords). */
    async function hovers(document: LangiumDocument): Promise<string[]> {
        const provider = services.Mplan.lsp.HoverProvider!;
        const text = document.textDocument.getText();
        const found: string[] = [];
        for (const match of text.matchAll(/\b[A-Za-z_][\w-]*/g)) {
            const position = document.textDocument.positionAt(match.index);
            const hover = await provider.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position });
            if (hover) found.push((hover.contents as MarkupContent).value);
        }
        return found;
    }

    it.each(PAYLOADS.map((payload, i) => [payload.name, i] as const))('%s is shown as text: no HTML, no link, no image', async (_, i) => {
        const c = cases[i];
        const checked = await check(c.files);
        const values = await hovers(checked.documents.get(c.plan)!);
        expect(values.length).toBeGreaterThan(20);
        for (const value of values) expect(markdownProblems(value), value).toEqual([]);
        const all = values.map(markdownText).join('\n');
        // The statement, the segment's who, the library's file name where its segment is shown.
        expect(all).toContain(`> ${c.payload.text}`);
        expect(all).toContain(`**segment Shared** · ${fileNameOf(c.payload.text, ' shared.mplan')}:1`);
    });
});

describe('mplan check --format', () => {
    /** A check of every case's folder at once, in a format. */
    async function checkAll(format: string): Promise<string> {
        const run = await mplan(['check', '.', '--format', format, '--as-of', AS_OF], root);
        expect(run.code, run.stderr).toBe(1);
        return run.stdout;
    }

    /** The shown path of each case's plan, as the CLI prints it (relative to the root, with `/`). */
    const planPath = (c: Case) => `${c.folder}/${c.plan}`;

    it('stylish: control and bidi characters of plan text and file names are shown as escapes, never sent to the terminal', async () => {
        const plain = await mplan(['check', '.', '--as-of', AS_OF], root);
        const colored = await mplan(['check', '.', '--as-of', AS_OF, '--color'], root);
        expect(plain.code).toBe(1);
        // mplan's own colours are the only escape sequences of a coloured run.
        const findings = (text: string) => text.split('\n').slice(0, -2);
        const own = colored.stdout.replace(/\u001b\[(3[1-6]|39|1|22|90)m/g, '');
        expect(findings(own)).toEqual(findings(plain.stdout));
        expect(findings(plain.stdout).length).toBeGreaterThan(100);
        const controls = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
        expect(plain.stdout.split('\n').filter(line => controls.test(line))).toEqual([]);
        for (const c of cases) {
            expect(plain.stdout, c.payload.name).toContain(`${terminalText(planPath(c))}:`);
            expect(plain.stdout, c.payload.name).toContain(terminalText(c.payload.text));
        }
        expect(plain.stdout).toContain('\\x1b]0;pwned\\x07');
    });

    it('markdown: rule links only, every payload and file name shown as text', async () => {
        const text = await checkAll('markdown');
        expect(markdownProblems(text, [PUBLIC_RULE_DOCS_BASE])).toEqual([]);
        const seen = markdownText(text);
        // Control characters (NUL, a terminal's ESC and BEL, the C1 CSI) are shown as U+FFFD, as CommonMark
        // renders NUL, and bidi overrides as escapes: none reaches a terminal or a log that shows the Markdown raw.
        for (const c of cases) {
            expect(seen, c.payload.name).toContain(`| ${shownInMarkdown(planPath(c))}:`);
            expect(seen, c.payload.name).toContain(shownInMarkdown(c.payload.text));
        }
        expect(text).not.toMatch(RAW_CONTROLS);
        expect(seen).toContain('\uFFFD]0;pwned\uFFFD\uFFFD[31mred');
        expect(seen).toContain('link\uFFFD]8;;\uFFFD\uFFFD2J');
        expect(seen).toContain('abc\\u202egnp.exe\\u202c \\u2066<b>\\u2069');
    });

    it('junit: well-formed XML of its four elements, no comment, CDATA or doctype; payloads as text', async () => {
        const xml = await checkAll('junit');
        const tokens = tokenize(xml);
        expect(tokens[0]).toEqual({ kind: 'pi', text: 'xml version="1.0" encoding="UTF-8"' });
        expect(tokens.slice(1).filter(t => !['start', 'end', 'text'].includes(t.kind))).toEqual([]);
        const stack: string[] = [];
        for (const token of tokens) {
            if (token.kind === 'start') {
                expect(['testsuites', 'testsuite', 'testcase', 'failure']).toContain(token.name);
                if (!token.selfClosing) stack.push(token.name);
            } else if (token.kind === 'end') {
                expect(stack.pop()).toBe(token.name);
            } else if (token.kind === 'text' && stack.length === 0) {
                expect(token.text.trim()).toBe('');
            }
        }
        expect(stack).toEqual([]);
        const failures = tokens.filter(t => t.kind === 'text').map(t => (t as { text: string }).text).join('\n');
        const classnames = startTags(tokens).map(tag => attribute(tag, 'classname'));
        for (const c of cases) {
            expect(failures, c.payload.name).toContain(shown(c.payload.text));
            expect(classnames, c.payload.name).toContain(shown(planPath(c)));
        }
    });

    it('sarif: valid JSON whose messages hold no embedded link and no placeholder; payloads and paths come back as written', async () => {
        const log = JSON.parse(await checkAll('sarif')) as { runs: Array<{ results: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
        const results = log.runs[0].results;
        // SARIF 2.1.0 §3.11.6: `[text](target)` in a plain text message is a link; literal brackets are escaped with `\`.
        const links = results.map(r => r.message.text).filter(text => /(?<!\\)\[(?:[^\]\\]|\\.)*(?<!\\)\]\(/.test(text));
        expect(links).toEqual([]);
        // §3.11.5: `{0}` in a message is a placeholder; literal curly brackets are doubled.
        const braces = results.map(r => r.message.text).flatMap(text => text.match(/[{]+|[}]+/g) ?? []);
        expect(braces.length).toBeGreaterThan(0);
        expect(braces.filter(run => run.length % 2 === 1)).toEqual([]);
        const unescape = (text: string) => text.replace(/\\([\\[\]])/g, '$1').replace(/([{}])\1/g, '$1');
        const messages = results.map(r => unescape(r.message.text)).join('\n');
        const uris = results.map(r => decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri));
        for (const c of cases) {
            expect(messages, c.payload.name).toContain(c.payload.text);
            expect(uris, c.payload.name).toContain(planPath(c));
        }
    });

    it('github: one workflow command per finding, none started by plan text; payloads come back as stylish shows them', async () => {
        const text = await checkAll('github');
        const json = JSON.parse(await checkAll('json')) as { files: Array<{ findings: unknown[] }> };
        const lines = text.trimEnd().split('\n');
        expect(lines.length).toBe(json.files.reduce((n, f) => n + f.findings.length, 0));
        const decode = (value: string) => value.replace(/%(25|0D|0A|3A|2C)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        const files = new Set<string>();
        const messages: string[] = [];
        for (const line of lines) {
            const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
            expect(match, line).not.toBeNull();
            // As the runner reads them: split at each `,`, then at the first `=`.
            const properties = Object.fromEntries(match![2].split(',').map(p => [p.slice(0, p.indexOf('=')), decode(p.slice(p.indexOf('=') + 1))]));
            expect(Object.keys(properties)).toEqual(['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
            files.add(properties.file);
            messages.push(decode(match![3]));
        }
        // Control and bidi characters as the stylish format shows them (`\x1b`, `\u202e`): the log would obey them.
        for (const c of cases) {
            expect([...files], c.payload.name).toContain(terminalText(planPath(c)));
            expect(messages.join('\n'), c.payload.name).toContain(terminalText(c.payload.text));
        }
        expect(text).not.toMatch(RAW_CONTROLS);
        expect(messages.join('\n')).toContain('\\x1b]0;pwned\\x07\\x1b[31mred\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07\\x9b2J');
    });
});

describe('the checks catch what they are meant to catch', () => {
    const allowedTags = new Set(['html', 'head', 'meta', 'style', 'body', 'p', 'a', 'svg', 'title']);
    const page = (body: string) => `<!DOCTYPE html><html><head><style>p{}</style></head><body>${body}</body></html>`;

    it('HTML: each payload written unescaped is found', () => {
        expect(htmlProblems(page('<p>fine &amp; well</p>'), { allowedTags })).toEqual([]);
        for (const payload of PAYLOADS.filter(p => /[<"]/.test(p.text))) {
            expect(htmlProblems(page(`<p title="${payload.text}">${payload.text}</p>`), { allowedTags }), payload.name).not.toEqual([]);
        }
        expect(htmlProblems(page('<a href="javascript:alert(1)">x</a>'), { allowedTags })).not.toEqual([]);
        expect(htmlProblems(page('<a href="&#106;avascript:alert(1)">x</a>'), { allowedTags })).not.toEqual([]);
        expect(htmlProblems(page('<a href="//evil">x</a>'), { allowedTags })).not.toEqual([]);
        expect(htmlProblems(page(`<a href="${PUBLIC_RULE_DOCS_BASE}x.md">x</a>`), { allowedTags })).toEqual([]);
        expect(htmlProblems(page('<svg><![CDATA[x]]></svg>'), { allowedTags })).not.toEqual([]);
        expect(htmlProblems(page('<p>a & b</p>'), { allowedTags })).not.toEqual([]);
        expect(htmlProblems(page('<p>\u0000</p>'), { allowedTags })).not.toEqual([]);
    });

    it('Markdown: links, images, HTML and definitions are found, escaped text is not', () => {
        expect(markdownProblems('\\[x\\]\\(javascript:alert(1)\\) &lt;script&gt; \\<b\\> `<code>`')).toEqual([]);
        for (const payload of PAYLOADS.filter(p => /<|\]\(/.test(p.text))) expect(markdownProblems(payload.text), payload.name).not.toEqual([]);
        expect(markdownProblems('[ok](https://x/y)', ['https://x/'])).toEqual([]);
        expect(markdownProblems('[x]: javascript:alert(1)')).not.toEqual([]);
    });

    it('reference decoding reads numeric and named references and refuses others', () => {
        expect(decodeReferences('&#60;&#x3C;&lt;&amp;', 'test')).toBe('<<<&');
        expect(() => decodeReferences('&colon;', 'test')).toThrow();
    });
});

/**
 * `mplan check --format …` through the built binary, on the fixture plans
 * (copies of the examples, judged by the rules their mplan.json pins, so that
 * a new rule changes none of these outputs; test/fixtures/README.md): each
 * format's syntax (SARIF against the official schema, JUnit by parsing the
 * XML, GitHub lines against the documented command syntax, markdown by
 * reading the table back) and that each says what the JSON format says.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { Marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicRuleDocsUrl } from '../../src/language/config/rule-docs.js';
import { RULES, ruleById } from '../../src/language/rules/index.js';
import { mplan, PINNED, PLANS, ROOT, type Run } from './run.js';

/** The plans' campaigns run in 2027: judge them on a fixed day, not today. */
const AS_OF = ['--as-of', '2027-01-15'];

/** Standard error holding the summary line alone, whatever the time: `N files checked in T s: …`. */
const SUMMARY = /^\d+ files? checked in \d+\.\d\d s: .+\.\n$/;

interface Finding { ruleId: string; severity: 'error' | 'warning' | 'info'; message: string; line: number; column: number; endLine: number; endColumn: number }
interface FileResult { path: string; findings: Finding[] }

function check(args: string[], cwd = ROOT): Promise<Run> {
    return mplan(['check', ...args, ...AS_OF, '--config', PINNED], cwd);
}

/** What --format json says of the same run: the reference the other formats are held to. */
async function jsonOf(args: string[], cwd = ROOT): Promise<FileResult[]> {
    return JSON.parse((await check([...args, '--format', 'json'], cwd)).stdout).files;
}

/** A plan with a syntax error and most plan-wide findings, in a file with the given name. */
function oddlyNamedPlan(name: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
    writeFileSync(join(dir, name), 'plan P {\n    goal\n}\n');
    return dir;
}

/** A name with every character XML, markdown and GitHub's commands treat specially. */
const ODD_NAME = 'odd & "q" <b>it\'s, a:b 100% | *x*_ `y` $z$ [l](u) @me #1\x01.mplan';

beforeAll(() => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
    validateSarif = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
});

let validateSarif: ReturnType<Ajv['compile']>;

function expectValidSarif(log: unknown): void {
    const valid = validateSarif(log);
    expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
}

describe('--format json', () => {
    it('keeps standard output to the JSON: the summary line goes to standard error', async () => {
        const run = await check(['test/fixtures/plans/ebook-list.mplan', '--format', 'json']);
        expect(run.code).toBe(1);
        const json = JSON.parse(run.stdout);
        expect(json.summary).toEqual({ files: 1, errors: 5, warnings: 5, infos: 1 });
        expect(json.files[0].findings).toHaveLength(11);
        expect(run.stderr).toMatch(SUMMARY);
        expect(run.stderr).toContain(': 11 problems (5 errors, 5 warnings, 1 info).');
    });
});

describe('--format sarif', () => {
    it('is valid SARIF 2.1.0 with one result per finding', async () => {
        const run = await check(['test/fixtures/plans/ebook-list.mplan', '--format', 'sarif']);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^1 file checked in \d+\.\d\d s: 11 problems \(5 errors, 5 warnings, 1 info\)\.\n$/);
        const log = JSON.parse(run.stdout);
        expectValidSarif(log);
        expect(log.version).toBe('2.1.0');
        expect(log.runs).toHaveLength(1);
        const driver = log.runs[0].tool.driver;
        const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
        expect(driver).toMatchObject({ name: 'mplan', version: pkg.version });
        expect(driver.informationUri).toBe(pkg.repository.url.replace(/\.git$/, ''));

        const level = { error: 'error', warning: 'warning', info: 'note' } as const;
        const [file] = await jsonOf(['test/fixtures/plans/ebook-list.mplan']);
        const results = log.runs[0].results;
        expect(results).toHaveLength(file.findings.length);
        for (const [i, finding] of file.findings.entries()) {
            const result = results[i];
            expect(result.ruleId).toBe(finding.ruleId);
            expect(driver.rules[result.ruleIndex].id).toBe(finding.ruleId);
            expect(result.level).toBe(level[finding.severity]);
            expect(result.message.text).toBe(finding.message);
            expect(result.locations).toEqual([{
                physicalLocation: {
                    artifactLocation: { uri: 'test/fixtures/plans/ebook-list.mplan', uriBaseId: '%SRCROOT%' },
                    region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn }
                }
            }]);
        }
    });

    it('carries every registry rule with its docs, whatever rules the run judges by', async () => {
        const log = JSON.parse((await check(['test/fixtures/plans/ebook-list.mplan', '--format', 'sarif'])).stdout);
        const driver = log.runs[0].tool.driver;
        expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map(r => r.id));
        const level = { error: 'error', warning: 'warning', info: 'note' } as const;
        for (const [index, rule] of RULES.entries()) {
            const descriptor = driver.rules[index];
            expect(descriptor.shortDescription.text).toBe(rule.description);
            expect(descriptor.helpUri).toBe(publicRuleDocsUrl(rule.id));
            expect(descriptor.defaultConfiguration.level).toBe(level[rule.severity]);
            // The rationale is the "Why" of the rule's docs page, word for word.
            const page = readFileSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
            expect(descriptor.fullDescription.text.length).toBeGreaterThan(40);
            expect(page).toContain(`## Why\n\n${descriptor.fullDescription.text}\n`);
            expect(descriptor.help.markdown).toContain('## Why');
        }
    });

    it('gives a clean plan an empty list of results, still valid', async () => {
        const run = await check(['test/fixtures/plans/corner-bakery/plan.mplan', '--format', 'sarif']);
        expect(run.code).toBe(0);
        const log = JSON.parse(run.stdout);
        expectValidSarif(log);
        expect(log.runs[0].results).toEqual([]);
        expect(log.runs[0].tool.driver.rules).toHaveLength(RULES.length);
    });

    it('makes URIs relative to the folder mplan runs in, with / and percent-encoding; a file outside it by its file URI', async () => {
        const inPlans = JSON.parse((await check(['ebook-list.mplan', '--format', 'sarif'], PLANS)).stdout);
        expect(inPlans.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'ebook-list.mplan', uriBaseId: '%SRCROOT%' });

        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        mkdirSync(join(dir, 'my plans'));
        mkdirSync(join(dir, 'elsewhere'));
        writeFileSync(join(dir, 'my plans', '100% new.mplan'), 'plan P {\n    goal\n}\n');
        writeFileSync(join(dir, 'outside.mplan'), 'plan Q {\n    goal\n}\n');
        const nested = JSON.parse((await check(['my plans', '--format', 'sarif'], dir)).stdout);
        expectValidSarif(nested);
        const uris = new Set(nested.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: unknown } }> }) => JSON.stringify(r.locations[0].physicalLocation.artifactLocation)));
        expect([...uris]).toEqual([JSON.stringify({ uri: 'my%20plans/100%25%20new.mplan', uriBaseId: '%SRCROOT%' })]);

        const outside = JSON.parse((await check(['../outside.mplan', '--format', 'sarif'], join(dir, 'elsewhere'))).stdout);
        expectValidSarif(outside);
        expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(join(dir, 'outside.mplan')).href });
    });
});

// ---------------------------------------------------------------------------
// JUnit

interface XmlElement { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string }

/** Characters an XML 1.0 document may hold. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict, minimal XML 1.0 parser: the declaration, elements, attributes,
 * character data, comments, the five predefined entities and character
 * references. It throws at the first thing a well-formed document cannot
 * have (an unknown entity, a bare `&` or `<`, a repeated attribute, a tag
 * closed by another name, a character XML cannot hold, a second root…), and
 * returns values as an XML parser reports them (attribute values normalised).
 */
function parseXml(source: string): XmlElement {
    let i = 0;
    const fail = (what: string): never => {
        throw new Error(`not well-formed XML: ${what} at ${i}: ${JSON.stringify(source.slice(i, i + 40))}`);
    };
    if (!XML_CHARS.test(source)) fail('a character XML cannot hold');
    const expect = (text: string): void => {
        if (!source.startsWith(text, i)) fail(`expected ${JSON.stringify(text)}`);
        i += text.length;
    };
    const space = (): boolean => {
        const start = i;
        while (i < source.length && ' \t\r\n'.includes(source[i])) i++;
        return i > start;
    };
    const name = (): string => {
        const match = /[A-Za-z_:][-A-Za-z0-9._:]*/y;
        match.lastIndex = i;
        const found = match.exec(source) ?? fail('a name');
        i += found[0].length;
        return found[0];
    };
    const decode = (raw: string): string => raw.replace(/&([^;&]*)(;?)/g, (_, ref: string, semicolon: string) => {
        if (!semicolon) fail(`a bare & in ${JSON.stringify(raw)}`);
        if (ref in ENTITIES) return ENTITIES[ref];
        const number = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref) ?? fail(`an unknown entity &${ref};`);
        const code = number[1] !== undefined ? parseInt(number[1], 16) : parseInt(number[2], 10);
        const char = code <= 0x10FFFF ? String.fromCodePoint(code) : fail('a character reference out of range');
        if (!XML_CHARS.test(char)) fail(`a reference to a character XML cannot hold (&${ref};)`);
        return char;
    });
    const element = (): XmlElement => {
        expect('<');
        const node: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
        for (;;) {
            const spaced = space();
            if (source.startsWith('/>', i)) {
                i += 2;
                return node;
            }
            if (source[i] === '>') {
                i++;
                break;
            }
            if (!spaced) fail('no space before an attribute');
            const attribute = name();
            if (attribute in node.attributes) fail(`a repeated attribute ${attribute}`);
            space();
            expect('=');
            space();
            const quote = source[i];
            if (quote !== '"' && quote !== "'") fail('an unquoted attribute value');
            const end = source.indexOf(quote, i + 1);
            if (end < 0) fail('an unterminated attribute value');
            const raw = source.slice(i + 1, end);
            if (raw.includes('<')) fail('a < in an attribute value');
            node.attributes[attribute] = decode(raw.replace(/[\t\n\r]/g, ' '));
            i = end + 1;
        }
        for (;;) {
            if (source.startsWith('</', i)) {
                i += 2;
                if (name() !== node.name) fail(`a </…> that does not close <${node.name}>`);
                space();
                expect('>');
                return node;
            }
            if (source.startsWith('<!--', i)) {
                const end = source.indexOf('-->', i + 4);
                if (end < 0 || source.slice(i + 4, end).includes('--')) fail('a bad comment');
                i = end + 3;
            } else if (source[i] === '<') {
                node.children.push(element());
            } else {
                const end = source.indexOf('<', i);
                if (end < 0) fail(`an unclosed <${node.name}>`);
                const raw = source.slice(i, end);
                if (raw.includes(']]>')) fail(']]> in character data');
                node.text += decode(raw.replace(/\r\n?/g, '\n'));
                i = end;
            }
        }
    };
    if (source.startsWith('<?xml')) {
        const end = source.indexOf('?>');
        if (!/^<\?xml version="1\.0"(?: encoding="UTF-8")?$/.test(source.slice(0, end))) fail('a bad XML declaration');
        i = end + 2;
    }
    space();
    const root = element();
    space();
    if (i !== source.length) fail('content after the root element');
    return root;
}

describe('the test XML parser', () => {
    it('rejects what is not well-formed', () => {
        expect(parseXml('<a x="1 &amp; 2">t &lt; u<b/></a>')).toEqual({
            name: 'a', attributes: { x: '1 & 2' }, text: 't < u', children: [{ name: 'b', attributes: {}, children: [], text: '' }]
        });
        for (const bad of ['<a>&</a>', '<a>&nbsp;</a>', '<a x="<"/>', '<a x="1" x="2"/>', '<a><b></a></b>', '<a/><b/>', '<a>\u0001</a>', '<a>&#1;</a>', '<a x=1/>', '<a>']) {
            expect(() => parseXml(bad), bad).toThrow(/not well-formed/);
        }
    });
});

describe('--format junit', () => {
    it('is well-formed: a suite per file, a test case per file and rule, each finding listed in its failure', async () => {
        const run = await check(['test/fixtures/plans/ebook-list.mplan', '--format', 'junit']);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(SUMMARY);
        const root = parseXml(run.stdout);
        expect(root.name).toBe('testsuites');
        expect(root.children).toHaveLength(1);
        const suite = root.children[0];
        expect(suite.name).toBe('testsuite');
        expect(suite.attributes.name).toBe('test/fixtures/plans/ebook-list.mplan');

        const [file] = await jsonOf(['test/fixtures/plans/ebook-list.mplan']);
        const rules = [...new Set(file.findings.map(f => f.ruleId))];
        expect(suite.children.map(c => c.attributes.name)).toEqual(rules);
        expect(suite.attributes).toMatchObject({ tests: String(rules.length), failures: String(rules.length), errors: '0' });
        expect(root.attributes).toMatchObject({ tests: String(rules.length), failures: String(rules.length) });
        for (const testcase of suite.children) {
            expect(testcase.name).toBe('testcase');
            expect(testcase.attributes.classname).toBe('test/fixtures/plans/ebook-list.mplan');
            const findings = file.findings.filter(f => f.ruleId === testcase.attributes.name);
            expect(testcase.children).toHaveLength(1);
            const failure = testcase.children[0];
            expect(failure.name).toBe('failure');
            expect(failure.attributes.type).toBe(findings[0].severity);
            expect(failure.attributes.message).toContain(findings[0].message);
            expect(failure.text.split('\n')).toEqual(findings.map(f => `${f.line}:${f.column} ${f.severity}: ${f.message}`));
        }
    });

    it('gives each clean file one passing "no findings" test case, so dashboards count it', async () => {
        const run = await check(['test/fixtures/plans', '--format', 'junit']);
        const root = parseXml(run.stdout);
        const files = await jsonOf(['test/fixtures/plans']);
        expect(root.children.map(s => s.attributes.name)).toEqual(files.map(f => f.path));
        const clean = files.filter(f => f.findings.length === 0);
        expect(clean.length).toBeGreaterThanOrEqual(4);
        for (const file of clean) {
            const suite = root.children.find(s => s.attributes.name === file.path)!;
            expect(suite.attributes).toMatchObject({ tests: '1', failures: '0' });
            expect(suite.children).toEqual([{ name: 'testcase', attributes: { name: 'no findings', classname: file.path }, children: [], text: '' }]);
        }
        const cases = root.children.reduce((n, s) => n + s.children.length, 0);
        expect(root.attributes.tests).toBe(String(cases));
    });

    it('escapes markup, quotes, line breaks and characters XML cannot hold', async () => {
        const name = `${ODD_NAME.replace('.mplan', '')}\nline two.mplan`;
        const dir = oddlyNamedPlan(name);
        const run = await check(['.', '--format', 'junit'], dir);
        const root = parseXml(run.stdout);
        const shown = name.replace('\x01', '\uFFFD');
        expect(root.children[0].attributes.name).toBe(shown);
        for (const testcase of root.children[0].children) expect(testcase.attributes.classname).toBe(shown);
        const syntax = root.children[0].children.find(c => c.attributes.name === 'syntax-error')!;
        expect(syntax.children[0].attributes.message).toBe("Expected text in double quotes after 'goal' but found '}'.");
    });
});

// ---------------------------------------------------------------------------
// GitHub workflow commands

/** `::error|warning|notice file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, values escaped. */
const WORKFLOW_COMMAND = /^::(error|warning|notice) file=([^,:\r\n]+),line=([1-9]\d*),col=([1-9]\d*),endLine=([1-9]\d*),endColumn=([1-9]\d*),title=([^,:\r\n]+)::([^\r\n]*)$/;

/** What the runner makes of an escaped value. */
function unescapeCommand(text: string): string {
    return text.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) => ({ '25': '%', '0D': '\r', '0A': '\n', '3A': ':', '2C': ',' })[code]!);
}

describe('--format github', () => {
    it('prints one workflow command per finding, in the documented syntax, and the summary on standard error', async () => {
        const run = await check(['test/fixtures/plans/ebook-list.mplan', '--format', 'github']);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(SUMMARY);
        const [file] = await jsonOf(['test/fixtures/plans/ebook-list.mplan']);
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(file.findings.length);
        const command = { error: 'error', warning: 'warning', info: 'notice' } as const;
        for (const [i, line] of lines.entries()) {
            const match = WORKFLOW_COMMAND.exec(line);
            expect(match, line).not.toBeNull();
            const f = file.findings[i];
            expect(match!.slice(1, 8)).toEqual([command[f.severity], 'test/fixtures/plans/ebook-list.mplan', String(f.line), String(f.column), String(f.endLine), String(f.endColumn), f.ruleId]);
            expect(unescapeCommand(match![8])).toBe(f.message);
        }
        expect(lines[0]).toBe("::error file=test/fixtures/plans/ebook-list.mplan,line=21,col=6,endLine=21,endColumn=20,title=missing-guarantee::The plan has no money-back guarantee: most buyers will not purchase without one. Add an offer with 'guarantee money back 30 days'.");
    });

    it('prints nothing on standard output for a clean plan', async () => {
        const run = await check(['test/fixtures/plans/phone-retailer.mplan', '--format', 'github']);
        expect(run).toMatchObject({ code: 0, stdout: '' });
        expect(run.stderr).toMatch(/^1 file checked in \d+\.\d\d s: no problems\.\n$/);
    });

    it('escapes %, line breaks, : and , in the file property', async () => {
        const name = '100%, a:b\nc.mplan';
        const run = await check(['.', '--format', 'github'], oddlyNamedPlan(name));
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines.length).toBeGreaterThan(3);
        for (const line of lines) {
            const match = WORKFLOW_COMMAND.exec(line);
            expect(match, line).not.toBeNull();
            expect(match![2]).toBe('100%25%2C a%3Ab%0Ac.mplan');
            expect(unescapeCommand(match![2])).toBe(name);
        }
    });
});

// ---------------------------------------------------------------------------
// Markdown

/** The cells of a table row, split at the pipes no backslash escapes. */
function cells(row: string): string[] {
    const found: string[] = [];
    let cell = '';
    for (let i = 0; i < row.length; i++) {
        if (row[i] === '\\') {
            cell += row[i] + (row[i + 1] ?? '');
            i++;
        } else if (row[i] === '|') {
            found.push(cell.trim());
            cell = '';
        } else {
            cell += row[i];
        }
    }
    found.push(cell.trim());
    return found.slice(1, -1);
}

/** Markdown's backslash escapes undone: what the reader sees. */
function unescapeMarkdown(text: string): string {
    return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('--format markdown', () => {
    it('prints the summary and a table: location, severity, rule linked to its docs, message', async () => {
        const run = await check(['test/fixtures/plans/ebook-list.mplan', '--format', 'markdown']);
        expect(run.code).toBe(1);
        expect(run.stderr).toBe('');
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines.slice(0, 3)).toEqual(['### mplan check', '', expect.stringMatching(/^1 file checked in \d+\.\d\d s: 11 problems \(5 errors, 5 warnings, 1 info\)\.$/)]);
        expect(lines.slice(4, 6)).toEqual(['| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |']);
        const rows = lines.slice(6);
        const [file] = await jsonOf(['test/fixtures/plans/ebook-list.mplan']);
        expect(rows).toHaveLength(file.findings.length);
        for (const [i, row] of rows.entries()) {
            const f = file.findings[i];
            const [location, severity, rule, message] = cells(row);
            expect(unescapeMarkdown(location)).toBe(`test/fixtures/plans/ebook-list.mplan:${f.line}:${f.column}`);
            expect(severity).toBe(f.severity);
            expect(rule).toBe(`[${f.ruleId}](${publicRuleDocsUrl(f.ruleId)})`);
            expect(ruleById(f.ruleId)).toBeDefined();
            expect(unescapeMarkdown(message)).toBe(f.message);
        }
    });

    it('prints no table for a clean plan', async () => {
        const run = await check(['test/fixtures/plans/corner-bakery/plan.mplan', '--format', 'markdown']);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^### mplan check\n\n4 files checked in \d+\.\d\d s: no problems\.\n$/);
    });

    it('escapes what would change the rendering, pipes included, so that each row keeps four cells and reads as the JSON says', async () => {
        const name = ODD_NAME.replace('\x01', '');
        const dir = oddlyNamedPlan(name);
        const run = await check(['.', '--format', 'markdown'], dir);
        const rows = run.stdout.trimEnd().split('\n').slice(6);
        expect(rows.length).toBeGreaterThan(3);
        for (const row of rows) expect(cells(row)).toHaveLength(4);
        // Rendered as GitHub does (marked, GFM): each cell shows the text as written, with no markup of its own.
        const html = new Marked({ gfm: true, async: false }).parse(run.stdout) as string;
        expect(html).not.toMatch(/<(b|code|em|strong|del|img)\b|href="u"/);
        const shown = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map(row => [...row[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map(cell =>
            cell[1].replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')));
        const [file] = await jsonOf(['.'], dir);
        expect(shown).toEqual(file.findings.map(f => [`${name}:${f.line}:${f.column}`, f.severity, f.ruleId, f.message]));
    });
});

/**
 * A folder with two plans mplan can read (the flawed and the clean fixture)
 * and two it cannot (Latin-1 text, PNG bytes), and, beside it, the names a
 * shell glob would add: a dangling link, a folder named like a plan, a pipe.
 */
function folderWithUnreadableFiles(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
    mkdirSync(join(dir, 'plans'));
    copyFileSync(join(PLANS, 'ebook-list.mplan'), join(dir, 'plans', 'ebook-list.mplan'));
    copyFileSync(join(PLANS, 'phone-retailer.mplan'), join(dir, 'plans', 'phone-retailer.mplan'));
    writeFileSync(join(dir, 'plans', 'latin1.mplan'), Buffer.from('plan Caf\xe9 {\n    goal "cr\xe8me"\n}\n', 'latin1'));
    writeFileSync(join(dir, 'plans', 'logo.mplan'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    symlinkSync(join(dir, 'gone.mplan'), join(dir, 'link.mplan'));
    mkdirSync(join(dir, 'folder.mplan'));
    execFileSync('mkfifo', [join(dir, 'pipe.mplan')]);
    return dir;
}

const UNREADABLE_LINES = [
    'mplan: plans/latin1.mplan: cannot read (not UTF-8 text: the first invalid byte is at line 1, column 9; save the file as UTF-8)',
    'mplan: plans/logo.mplan: cannot read (a binary file, not plan text: a NUL byte at byte 9)'
];

describe('a run with files that cannot be read (issue 17)', () => {
    it('a folder run checks every readable file, reports them, tells each unreadable file in one line and exits 2', async () => {
        const dir = folderWithUnreadableFiles();
        const run = await check(['plans'], dir);
        expect(run.code).toBe(2);
        // The good files' findings, as a run of those files alone reports them.
        const alone = await check(['plans/ebook-list.mplan', 'plans/phone-retailer.mplan'], dir);
        expect(run.stdout.replace(/ in \d+\.\d\d s/, '')).toBe(alone.stdout.replace(/ in \d+\.\d\d s: (.*)\.\n$/, ': $1; 2 files not read.\n'));
        expect(run.stdout).toContain('missing-guarantee');
        expect(run.stderr.trimEnd().split('\n')).toEqual(UNREADABLE_LINES);
        expect(run.stderr).not.toMatch(/\n\s+at |Error:|internal error/);
    });

    it('files a shell glob named (a dangling link, a folder named like a plan, a pipe) do not stop the others either', async () => {
        const dir = folderWithUnreadableFiles();
        const run = await check(['folder.mplan', 'link.mplan', 'pipe.mplan', 'plans/ebook-list.mplan', 'missing.mplan'], dir);
        expect(run.code).toBe(2);
        expect(run.stdout).toMatch(/^1 file checked in .* s: 11 problems \(5 errors, 5 warnings, 1 info\); 4 files not read\.$/m);
        expect(run.stderr.trimEnd().split('\n')).toEqual([
            'mplan: folder.mplan: no .mplan files in this directory',
            'mplan: link.mplan: no such file or directory',
            'mplan: missing.mplan: no such file or directory',
            'mplan: pipe.mplan: cannot read (not a regular file but a named pipe, socket or device)'
        ]);
        // A quoted glob too.
        const glob = await check(['plans/*.mplan'], dir);
        expect(glob.code).toBe(2);
        expect(glob.stderr.trimEnd().split('\n')).toEqual(UNREADABLE_LINES);
    });

    it('json carries them as `unreadable` and stays valid JSON; the summary line counts them', async () => {
        const run = await check(['plans', '--format', 'json'], folderWithUnreadableFiles());
        expect(run.code).toBe(2);
        const json = JSON.parse(run.stdout);
        expect(json.files.map((file: FileResult) => [file.path, file.findings.length])).toEqual([['plans/ebook-list.mplan', 11], ['plans/phone-retailer.mplan', 0]]);
        expect(json.unreadable).toEqual([
            { path: 'plans/latin1.mplan', reason: expect.stringMatching(/^cannot read \(not UTF-8 text/) },
            { path: 'plans/logo.mplan', reason: expect.stringMatching(/^cannot read \(a binary file/) }
        ]);
        expect(run.stderr.trimEnd().split('\n')).toEqual([...UNREADABLE_LINES, expect.stringMatching(/^2 files checked in .*; 2 files not read\.$/)]);
    });

    it('sarif: valid SARIF whose invocation failed, one error notification per file; the findings still there', async () => {
        const run = await check(['plans', '--format', 'sarif'], folderWithUnreadableFiles());
        expect(run.code).toBe(2);
        const log = JSON.parse(run.stdout);
        expectValidSarif(log);
        expect(log.runs[0].results).toHaveLength(11);
        expect(log.runs[0].invocations).toEqual([{
            executionSuccessful: false,
            toolExecutionNotifications: ['latin1', 'logo'].map(name => ({
                level: 'error',
                message: { text: expect.stringMatching(new RegExp(`^plans/${name}\\.mplan: cannot read \\(`)) },
                locations: [{ physicalLocation: { artifactLocation: { uri: `plans/${name}.mplan`, uriBaseId: '%SRCROOT%' } } }]
            }))
        }]);
        // A run that read everything says nothing of invocations, as before.
        expect(JSON.parse((await check(['test/fixtures/plans/ebook-list.mplan', '--format', 'sarif'])).stdout).runs[0].invocations).toBeUndefined();
    });

    it('junit: well-formed, a suite per unreadable file whose test case is in error, counted in the totals', async () => {
        const run = await check(['plans', '--format', 'junit'], folderWithUnreadableFiles());
        expect(run.code).toBe(2);
        const root = parseXml(run.stdout);
        expect(root.children.map(suite => suite.attributes.name)).toEqual(['plans/ebook-list.mplan', 'plans/phone-retailer.mplan', 'plans/latin1.mplan', 'plans/logo.mplan']);
        expect(root.attributes).toMatchObject({ errors: '2' });
        for (const suite of root.children.slice(2)) {
            expect(suite.attributes).toMatchObject({ tests: '1', failures: '0', errors: '1' });
            const [testcase] = suite.children;
            expect(testcase.children.map(child => [child.name, child.attributes.type])).toEqual([['error', 'unreadable']]);
            expect(testcase.children[0].attributes.message).toMatch(/^cannot read \(/);
        }
    });

    it('github: an error annotation per unreadable file after the findings\' annotations', async () => {
        const run = await check(['plans', '--format', 'github'], folderWithUnreadableFiles());
        expect(run.code).toBe(2);
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(13);
        expect(lines.slice(11)).toEqual([
            expect.stringMatching(/^::error file=plans\/latin1\.mplan,title=mplan::cannot read \(not UTF-8 text/),
            expect.stringMatching(/^::error file=plans\/logo\.mplan,title=mplan::cannot read \(a binary file/)
        ]);
    });

    it('--output FILE holds the format with them; --write-baseline writes nothing while a file cannot be read', async () => {
        const dir = folderWithUnreadableFiles();
        const run = await check(['plans', '--format', 'json', '--output', 'out.json'], dir);
        expect(run.code).toBe(2);
        expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).unreadable).toHaveLength(2);
        expect(run.stderr.trimEnd().split('\n')).toEqual(UNREADABLE_LINES);
        const baseline = await check(['plans', '--write-baseline', 'baseline.json'], dir);
        expect(baseline.code).toBe(2);
        expect(baseline.stderr.trimEnd().split('\n')).toEqual([...UNREADABLE_LINES, 'mplan: baseline.json: not written, as not every file could be read']);
        expect(existsSync(join(dir, 'baseline.json'))).toBe(false);
    });
});

describe('--fix with files that cannot be read', () => {
    it('fixes the files it could read, leaves the others byte for byte, tells them and exits 2', async () => {
        const dir = folderWithUnreadableFiles();
        const latin1 = readFileSync(join(dir, 'plans', 'latin1.mplan'));
        const before = readFileSync(join(dir, 'plans', 'ebook-list.mplan'), 'utf8');
        const run = await check(['plans', '--fix'], dir);
        expect(run.code).toBe(2);
        expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^fixed plans\/ebook-list\.mplan: [a-z-]+(, [a-z-]+)*$/), ...UNREADABLE_LINES]);
        expect(readFileSync(join(dir, 'plans', 'ebook-list.mplan'), 'utf8')).not.toBe(before);
        expect(readFileSync(join(dir, 'plans', 'latin1.mplan')).equals(latin1)).toBe(true);
    });
});

describe('--format markdown with files that cannot be read', () => {
    it('lists them under the table, after the findings', async () => {
        const run = await check(['plans', '--format', 'markdown'], folderWithUnreadableFiles());
        expect(run.code).toBe(2);
        const [head, list] = run.stdout.split('\n\n**Not checked:**\n\n');
        expect(head.split('\n').filter(line => line.startsWith('| '))).toHaveLength(13);
        expect(list.trimEnd().split('\n')).toEqual([
            expect.stringMatching(/^- plans\/latin1\.mplan: cannot read \(not UTF-8 text/),
            expect.stringMatching(/^- plans\/logo\.mplan: cannot read \(a binary file/)
        ]);
    });
});

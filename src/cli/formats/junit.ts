/**
 * JUnit XML, the report CI dashboards read (GitLab, Jenkins, Azure DevOps…):
 * one test suite per file, one test case per file and rule. A rule with
 * findings in a file is a failing test case listing them; a file without
 * findings is one passing "no findings" test case, so that it is counted. A
 * path or file that could not be read is a suite of one test case in error.
 */
import type { CliFileResult, CliFinding, FormatContext, SeverityName, UnreadableFile } from './format.js';

/** The name of the one test case of a file without findings. */
export const CLEAN_CASE = 'no findings';

/** The name of the one test case of a file that could not be read. */
export const UNREAD_CASE = 'read';

const RANK: Record<SeverityName, number> = { info: 0, warning: 1, error: 2 };

/**
 * Characters XML 1.0 cannot hold at all, not even as a character reference:
 * C0 controls other than tab, line feed and carriage return, lone surrogates,
 * U+FFFE and U+FFFF. They are replaced by U+FFFD.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: the markup characters as entities, and what XML cannot hold replaced. */
export function xmlText(text: string): string {
    return text.replace(NOT_XML, '\uFFFD')
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        .replace(/\r/g, '&#13;');
}

/** An attribute value (in double quotes): also quotes, and the white space a parser would fold. */
export function xmlAttribute(text: string): string {
    return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;')
        .replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attributes(pairs: Record<string, string | number>): string {
    return Object.entries(pairs).map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`).join('');
}

/** The findings of a file grouped by rule, in the order the rules first appear. */
function byRule(findings: CliFinding[]): Map<string, CliFinding[]> {
    const groups = new Map<string, CliFinding[]>();
    for (const finding of findings) {
        const group = groups.get(finding.ruleId) ?? [];
        group.push(finding);
        groups.set(finding.ruleId, group);
    }
    return groups;
}

/** A failing test case: its message names the first finding; its text lists every one as `line:col message`. */
function failingCase(file: string, rule: string, findings: CliFinding[]): string {
    const worst = findings.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a)).severity;
    const message = findings.length === 1
        ? findings[0].message
        : `${findings.length} findings; the first: ${findings[0].message}`;
    const listing = findings.map(f => `${f.line}:${f.column} ${f.severity}: ${f.message}`).join('\n');
    return `    <testcase${attributes({ name: rule, classname: file })}>\n`
        + `      <failure${attributes({ message, type: worst })}>${xmlText(listing)}</failure>\n`
        + '    </testcase>';
}

function suite(result: CliFileResult): string {
    const groups = byRule(result.findings);
    const cases = groups.size === 0
        ? [`    <testcase${attributes({ name: CLEAN_CASE, classname: result.path })}/>`]
        : [...groups].map(([rule, findings]) => failingCase(result.path, rule, findings));
    const counts = { tests: Math.max(groups.size, 1), failures: groups.size, errors: 0, skipped: 0 };
    return `  <testsuite${attributes({ name: result.path, ...counts })}>\n${cases.join('\n')}\n  </testsuite>`;
}

/** A path or file that could not be read: a suite whose one test case is in error. */
function unreadSuite(file: UnreadableFile): string {
    return `  <testsuite${attributes({ name: file.path, tests: 1, failures: 0, errors: 1, skipped: 0 })}>\n`
        + `    <testcase${attributes({ name: UNREAD_CASE, classname: file.path })}>\n`
        + `      <error${attributes({ message: file.reason, type: 'unreadable' })}/>\n`
        + '    </testcase>\n  </testsuite>';
}

/** The JUnit XML report of a run. */
export function formatJunit(results: CliFileResult[], context: FormatContext): string {
    const suites = [...results.map(suite), ...context.unreadable.map(unreadSuite)];
    let tests = context.unreadable.length;
    let failures = 0;
    for (const result of results) {
        const rules = byRule(result.findings).size;
        tests += Math.max(rules, 1);
        failures += rules;
    }
    return '<?xml version="1.0" encoding="UTF-8"?>\n'
        + `<testsuites${attributes({ name: 'mplan', tests, failures, errors: context.unreadable.length, time: context.seconds.toFixed(3) })}>\n`
        + (suites.length ? suites.join('\n') + '\n' : '')
        + '</testsuites>\n';
}

/**
 * Markdown for a pull-request comment or a job summary: the summary line and
 * a table of the findings, each rule id linked to its public docs page.
 */
import { publicRuleDocsUrl } from '../../language/config/rule-docs.js';
import { ruleById } from '../../language/rules/index.js';
import type { CliFileResult, FormatContext } from './format.js';

/**
 * Inline text that renders as itself in a GitHub table cell: every character
 * that gives text a meaning inline (emphasis, code, links, HTML, entities,
 * strikethrough, math, the cell's pipe, @-mentions and #-references) is
 * backslash-escaped, and line breaks, which would end the row, become spaces.
 */
export function escapeMarkdown(text: string): string {
    return text.replace(/\r\n|[\r\n]/g, ' ').replace(/[\\`*_[\]<>#|~&$@]/g, '\\$&');
}

function ruleCell(id: string): string {
    return ruleById(id) ? `[${escapeMarkdown(id)}](${publicRuleDocsUrl(id)})` : escapeMarkdown(id);
}

/**
 * The report: a heading, the summary line, the findings table when there are
 * findings, and the files that could not be read when there are some.
 */
export function formatMarkdown(results: CliFileResult[], context: FormatContext): string {
    // The summary line is mplan's own words and numbers: nothing in it has a markdown meaning.
    const lines = ['### mplan check', '', context.summaryLine];
    const rows = results.flatMap(result => result.findings.map(f =>
        `| ${escapeMarkdown(`${result.path}:${f.line}:${f.column}`)} | ${f.severity} | ${ruleCell(f.ruleId)} | ${escapeMarkdown(f.message)} |`));
    if (rows.length) lines.push('', '| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |', ...rows);
    if (context.unreadable.length > 0) {
        lines.push('', '**Not checked:**', '', ...context.unreadable.map(file => `- ${escapeMarkdown(file.path)}: ${escapeMarkdown(file.reason)}`));
    }
    return lines.join('\n') + '\n';
}

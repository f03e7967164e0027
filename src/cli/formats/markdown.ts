/**
 * Markdown for a pull-request comment or a job summary: the summary line and
 * a table of the findings, each rule id linked to its public docs page. Plan
 * text (paths, messages) is escaped by the report's escapeMarkdown: only
 * what would change GitHub's rendering, so the comment reads cleanly.
 */
import { publicRuleDocsUrl } from '../../language/config/rule-docs.js';
import { ruleById } from '../../language/rules/index.js';
import { escapeMarkdown, markdownCell } from '../../language/report/escape.js';
import type { CliFileResult, FormatContext } from './format.js';

function ruleCell(id: string): string {
    return ruleById(id) ? `[${markdownCell(id)}](${publicRuleDocsUrl(id)})` : markdownCell(id);
}

/**
 * The report: a heading, the summary line, the findings table when there are
 * findings, and the files that could not be read when there are some.
 */
export function formatMarkdown(results: CliFileResult[], context: FormatContext): string {
    // The summary line is mplan's own words and numbers: nothing in it has a markdown meaning.
    const lines = ['### mplan check', '', context.summaryLine];
    const rows = results.flatMap(result => result.findings.map(f =>
        `| ${markdownCell(`${result.path}:${f.line}:${f.column}`)} | ${f.severity} | ${ruleCell(f.ruleId)} | ${markdownCell(f.message)} |`));
    if (rows.length) lines.push('', '| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |', ...rows);
    if (context.unreadable.length > 0) {
        lines.push('', '**Not checked:**', '', ...context.unreadable.map(file => `- ${escapeMarkdown(file.path)}: ${escapeMarkdown(file.reason)}`));
    }
    return lines.join('\n') + '\n';
}

/**
 * The output formats of `mplan check`: the findings of a run as the CLI shows
 * them, and one module per format that turns them into text. output.ts picks
 * the format, decides where its text goes and what the exit code is.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CliFileResult, CliFinding, FormatContext, SeverityName, Summary } from './format.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

import type { OutputFormat } from './names.js';

export { OUTPUT_FORMATS, type OutputFormat } from './names.js';

/**
 * The formats a program reads. Their standard output carries nothing else, so
 * the human summary line goes to standard error instead.
 */
export const MACHINE_FORMATS: ReadonlySet<OutputFormat> = new Set(['json', 'sarif', 'junit', 'github']);

export function severityName(diagnostic: Diagnostic): SeverityName {
    return diagnostic.severity === 1 ? 'error' : diagnostic.severity === 2 ? 'warning' : 'info';
}

export function toFinding(diagnostic: Diagnostic): CliFinding {
    return {
        ruleId: String(diagnostic.code ?? 'unknown'),
        severity: severityName(diagnostic),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1
    };
}

export function summarise(results: CliFileResult[]): Summary {
    const summary: Summary = { files: results.length, errors: 0, warnings: 0, infos: 0 };
    for (const result of results) {
        for (const finding of result.findings) {
            if (finding.severity === 'error') summary.errors++;
            else if (finding.severity === 'warning') summary.warnings++;
            else summary.infos++;
        }
    }
    return summary;
}

/** The whole text of a format for the given results (what stdout or --output FILE receives). */
export function render(format: OutputFormat, results: CliFileResult[], context: FormatContext): string {
    switch (format) {
        case 'json': return formatJson(results, context);
        case 'sarif': return formatSarif(results, context.unreadable);
        case 'junit': return formatJunit(results, context);
        case 'github': return formatGithub(results, context.unreadable);
        case 'markdown': return formatMarkdown(results, context);
        default: return formatStylish(results, context);
    }
}

export { summaryLine } from './summary.js';
export type { CliFileResult, CliFinding, FormatContext, SeverityName, Summary, UnreadableFile } from './format.js';

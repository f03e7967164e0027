import type { Diagnostic } from 'vscode-languageserver-types';

/** The formats of `mplan check --format`. */
export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export type OutputFormat = typeof OUTPUT_FORMATS[number];

export type SeverityName = 'error' | 'warning' | 'info';

/** One finding as the CLI prints it: 1-based lines and columns. */
export interface CliFinding {
    ruleId: string;
    severity: SeverityName;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export interface CliFileResult {
    /** The path as shown: relative to the working directory. */
    path: string;
    findings: CliFinding[];
}

export interface Summary {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
}

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

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `path:line:col  severity  message  rule-id`, one line per finding, then a summary line. */
export function formatStylish(results: CliFileResult[]): string {
    const lines: string[] = [];
    for (const result of results) {
        for (const f of result.findings) {
            lines.push(`${result.path}:${f.line}:${f.column}  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleId}`);
        }
    }
    const s = summarise(results);
    const total = s.errors + s.warnings + s.infos;
    const checked = plural(s.files, 'file');
    lines.push(total === 0
        ? `${checked} checked: no problems.`
        : `${checked} checked: ${plural(total, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.infos} info).`);
    return lines.join('\n') + '\n';
}

export function formatJson(results: CliFileResult[]): string {
    return JSON.stringify({ files: results, summary: summarise(results) }, null, 2) + '\n';
}

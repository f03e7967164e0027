import type { CliFileResult, FormatContext, SeverityName, Summary } from './format.js';

/** ANSI SGR sequences: a colour on, and the matching reset (so they nest in any terminal). */
const PAINT = {
    red: ['\x1b[31m', '\x1b[39m'],
    yellow: ['\x1b[33m', '\x1b[39m'],
    cyan: ['\x1b[36m', '\x1b[39m'],
    green: ['\x1b[32m', '\x1b[39m'],
    gray: ['\x1b[90m', '\x1b[39m'],
    bold: ['\x1b[1m', '\x1b[22m']
} as const;

type Paint = keyof typeof PAINT;

/** `text` in the given colours when colour is on, else as it is. */
export function paint(text: string, color: boolean, ...styles: Paint[]): string {
    if (!color) return text;
    return styles.reduce((inner, style) => `${PAINT[style][0]}${inner}${PAINT[style][1]}`, text);
}

const SEVERITY_PAINT: Record<SeverityName, Paint> = { error: 'red', warning: 'yellow', info: 'cyan' };

/**
 * Plan text (a message quoting the plan, a file name) made safe to print to
 * a terminal or a CI log: control characters, which a terminal obeys as
 * commands (colours, the window title, the clipboard through OSC 52, links
 * through OSC 8), and the bidirectional overrides and isolates, which reorder
 * how the line reads, are shown as escapes (`\x1b`, `\u202e`) instead.
 * mplan's own colours are added around the result.
 */
export function terminalText(text: string): string {
    return text
        .replace(/[\u0000-\u001F\u007F-\u009F]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .replace(/[\u202A-\u202E\u2066-\u2069]/g, c => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** The summary line, red when there are errors, yellow for warnings only, green when clean. */
export function paintSummary(line: string, summary: Summary, color: boolean): string {
    const style: Paint = summary.errors > 0 ? 'red' : summary.warnings > 0 ? 'yellow' : summary.infos > 0 ? 'cyan' : 'green';
    return paint(line, color, style, 'bold');
}

/**
 * `path:line:col  severity  message  rule-id`, one line per finding (the form
 * editors and terminals turn into links), then the summary line. Colours mark
 * the severity and dim the rule id when `context.color` is on.
 */
export function formatStylish(results: CliFileResult[], context: FormatContext): string {
    const lines: string[] = [];
    for (const result of results) {
        for (const f of result.findings) {
            const severity = paint(f.severity, context.color, SEVERITY_PAINT[f.severity]) + ' '.repeat(7 - f.severity.length);
            lines.push(`${terminalText(result.path)}:${f.line}:${f.column}  ${severity}  ${terminalText(f.message)}  ${paint(f.ruleId, context.color, 'gray')}`);
        }
    }
    lines.push(paintSummary(context.summaryLine, context.summary, context.color));
    return lines.join('\n') + '\n';
}

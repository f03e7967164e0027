/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the
 * file and line in the run's summary and the pull request's diff.
 * `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE-ID::message`
 */
import * as path from 'node:path';
import type { CliFileResult, CliFinding, SeverityName, UnreadableFile } from './format.js';
import { terminalText } from './stylish.js';

const COMMAND: Record<SeverityName, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * A command's message: `%`, CR and LF encoded, as the runner decodes them.
 * Every other control character (ESC, BEL, the C1 controls such as U+009B,
 * CSI) and the bidirectional overrides and isolates are shown as escapes
 * (`\x1b`, `\u202e`), as the stylish format shows them: the log that prints
 * these commands is a terminal's view, and would obey them.
 */
export function escapeData(text: string): string {
    const shown = text.split(/(\r\n|\r|\n)/).map((part, i) => i % 2 === 1 ? part : terminalText(part)).join('');
    return shown.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which would end the value. */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(file: string, f: CliFinding): string {
    const properties: Array<[string, string | number]> = [
        ['file', file], ['line', f.line], ['col', f.column], ['endLine', f.endLine], ['endColumn', f.endColumn], ['title', f.ruleId]
    ];
    const list = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
    return `::${COMMAND[f.severity]} ${list}::${escapeData(f.message)}`;
}

/**
 * One workflow command per finding (nothing for a clean run), then one error
 * per path or file that could not be read; paths with `/`.
 */
export function formatGithub(results: CliFileResult[], unreadable: UnreadableFile[] = []): string {
    const lines = results.flatMap(result => {
        const file = result.path.split(path.sep).join('/');
        return result.findings.map(f => annotation(file, f));
    });
    for (const file of unreadable) {
        lines.push(`::error file=${escapeProperty(file.path.split(path.sep).join('/'))},title=mplan::${escapeData(file.reason)}`);
    }
    return lines.length ? lines.join('\n') + '\n' : '';
}

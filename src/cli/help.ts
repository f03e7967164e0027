/**
 * The help, written from the command table (args.ts): `mplan --help` is the
 * overview of the commands, `mplan COMMAND --help` (or `mplan help COMMAND`)
 * that command's usage and options. Nothing here lists an option by hand.
 */
import { listed } from '../language/wording.js';
import { existsSync } from 'node:fs';
import { COMMANDS, COMMAND_NAMES, isCommand, meantAsPath, unknownCommand, type CommandName, type OptionSpec } from './args.js';
import type { CommandResult } from './results.js';

declare const MPLAN_VERSION: string;

/** `mplan --version`: the package version, set at build time. */
export const MPLAN_VERSION_TEXT = `${MPLAN_VERSION}\n`;

const EXIT_CODES = `Exit codes: 0 no errors, 1 a rule found an error (or too many warnings, or format --check
found files to format), 2 a usage or file error.
`;

/** The width the help is wrapped to. */
const WIDTH = 100;

/** Words in lines of at most `width` characters (a longer word has a line of its own). */
function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    return [...lines, line];
}

/** Two columns, the first padded to the widest, the second wrapped under itself. */
function columns(rows: Array<[string, string]>, indent: string): string[] {
    const width = Math.max(...rows.map(([left]) => left.length)) + 3;
    const pad = ' '.repeat(indent.length + width);
    return rows.flatMap(([left, right]) => wrap(right, Math.max(30, WIDTH - pad.length))
        .map((part, i) => `${i === 0 ? indent + left.padEnd(width) : pad}${part}`.trimEnd()));
}

/** The overview: every command with its usage and one line. */
export function overview(): string {
    const rows = COMMAND_NAMES.map((name): [string, string] => [`mplan ${COMMANDS[name].usage}`, COMMANDS[name].summary]);
    rows.push(['mplan --version | --help', '']);
    return `mplan: marketing plans as code

Usage:
${columns(rows, '  ').join('\n')}

mplan COMMAND --help shows a command's options.

${EXIT_CODES}`;
}

/** An option's line: its name and value, then what it does, the values it takes and its default. */
function optionRow(name: string, option: OptionSpec): [string, string] {
    const left = `--${name}${option.kind === 'value' ? ` ${option.value ?? 'VALUE'}` : ''}`;
    const takes = option.choices ? `: ${listed(option.choices, 'or')}` : '';
    const fallback = option.default !== undefined ? ` (default: ${option.default})` : '';
    return [left, `${option.help}${takes}${fallback}`];
}

/** One command's help: usage, what it does, its options. */
export function commandHelp(command: CommandName): string {
    const spec = COMMANDS[command];
    const options = Object.entries(spec.options as Record<string, OptionSpec>);
    const parts = [`Usage: mplan ${spec.usage}`, '', `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`];
    if ('details' in spec && spec.details) parts.push('', spec.details);
    parts.push('', options.length > 0 ? `Options:\n${columns(options.map(([name, option]) => optionRow(name, option)), '  ').join('\n')}` : 'Options: none.');
    return parts.join('\n') + '\n';
}

/**
 * What a command line asking for help gets, or undefined when it asks for
 * none: `mplan help [COMMAND]`, `--help` or `-h` anywhere. The help of the
 * command named first, else the overview; `mplan help X` for an X that is
 * no command is a usage error with the nearest command.
 */
export function helpFor(argv: readonly string[]): CommandResult | undefined {
    if (argv[0] === 'help') {
        const topic = argv.slice(1).find(arg => !arg.startsWith('-'));
        if (topic === undefined) return { stdout: argv.includes('--help') || argv.includes('-h') ? commandHelp('help') : overview(), stderr: '', exitCode: 0 };
        // Quoted back: no control character of it reaches the terminal raw.
        const shown = topic.replace(/[\u0000-\u001f\u007f]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
        if (!isCommand(topic)) return { stdout: '', stderr: `mplan: ${unknownCommand(shown, false)}\n`, exitCode: 2 };
        return { stdout: commandHelp(topic), stderr: '', exitCode: 0 };
    }
    if (!argv.includes('--help') && !argv.includes('-h')) return undefined;
    const first = argv[0];
    // `mplan chek --help`: a mistyped command gets the same hint as without --help, not the overview.
    if (first !== undefined && !first.startsWith('-') && !isCommand(first) && !meantAsPath(first, existsSync)) {
        return { stdout: '', stderr: `mplan: ${unknownCommand(first)}\n`, exitCode: 2 };
    }
    return { stdout: first !== undefined && isCommand(first) ? commandHelp(first) : overview(), stderr: '', exitCode: 0 };
}

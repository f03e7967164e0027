/**
 * The command line, read against each command's table of options. A value
 * option takes `--name value` or `--name=value`; a flag takes none. Anything
 * not in the command's table is a usage error naming the option, with the
 * nearest one it has. The table is the one list of the commands and their
 * options: the parser reads it and help.ts prints it, so they cannot differ.
 */
import { nearestNames } from '../language/model/names.js';
import { listed } from '../language/wording.js';
import { OUTPUT_FORMATS } from './formats/names.js';

export type OptionKind = 'flag' | 'value';

export interface OptionSpec {
    kind: OptionKind;
    /** The value's placeholder in the help (`FILE`, `N`); value options only. */
    value?: string;
    /** The values it takes, when it takes one of a fixed few; the parser refuses others. */
    choices?: readonly string[];
    /** The value when the option is not given, when there is one to tell. */
    default?: string;
    /** What it does, in a few words, for the help. */
    help: string;
}

export interface CommandSpec {
    /** The command line after `mplan`, as the help shows it. */
    usage: string;
    /** One line for the overview (`mplan --help`). */
    summary: string;
    /** What the command's own help adds under its usage, if anything. */
    details?: string;
    options: Record<string, OptionSpec>;
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** The commands and the options each accepts. */
export const COMMANDS = {
    check: {
        usage: 'check [paths...] [options]',
        summary: 'check plan files, folders and globs (default: .)',
        details: 'Checks every plan file named, every .mplan file in the folders named, and every file a quoted\n'
            + 'glob matches (\'plans/**/*.mplan\'), with the files they import. A file that cannot be read is\n'
            + 'named on standard error and the run exits 2 once the other files are checked.',
        options: {
            format: { kind: 'value', value: 'FORMAT', choices: OUTPUT_FORMATS, default: 'stylish', help: 'how the findings are printed' },
            output: { kind: 'value', value: 'FILE', help: 'write the findings to FILE instead of standard output' },
            quiet: { kind: 'flag', help: 'report errors only' },
            'max-warnings': { kind: 'value', value: 'N', help: 'fail (exit 1) when there are more than N warnings' },
            'severity-threshold': { kind: 'value', value: 'LEVEL', choices: SEVERITIES, default: 'error', help: 'the lowest severity that fails the run' },
            baseline: { kind: 'value', value: 'FILE', help: 'report only the findings FILE does not record' },
            'write-baseline': { kind: 'value', value: 'FILE', help: 'record the current findings in FILE' },
            'ignore-path': { kind: 'value', value: 'FILE', help: 'the ignore file (default: .mplanignore in this folder, if any)' },
            'no-ignore': { kind: 'flag', help: 'check the files an ignore file names too' },
            config: { kind: 'value', value: 'FILE', help: 'settings file (default: mplan.json in this folder, if any)' },
            'as-of': { kind: 'value', value: 'YYYY-MM-DD', help: 'the day date-dependent rules judge by (default: today)' },
            fix: { kind: 'flag', help: 'apply the safe fixes that are unambiguous, then report what is left' },
            'fix-dry-run': { kind: 'flag', help: 'list what --fix would apply and the suggestions it leaves; write nothing' },
            jobs: { kind: 'value', value: 'N', help: 'check at most N independent groups of plans in parallel' },
            color: { kind: 'flag', help: 'colours on (default: on a terminal, off with NO_COLOR)' },
            'no-color': { kind: 'flag', help: 'colours off' }
        }
    },
    report: {
        usage: 'report PLAN --out FILE [options]',
        summary: 'a self-contained report of a plan (FILE.html or FILE.md)',
        options: {
            out: { kind: 'value', value: 'FILE', help: 'the report to write: FILE.html (a web page) or FILE.md (Markdown)' },
            config: { kind: 'value', value: 'FILE', help: 'settings file (default: mplan.json in this folder, if any)' },
            'as-of': { kind: 'value', value: 'YYYY-MM-DD', help: 'the day date-dependent rules judge by (default: today)' }
        }
    },
    init: {
        usage: 'init [DIR] [--force]',
        summary: 'a commented starter plan and mplan.json (default: .)',
        options: {
            force: { kind: 'flag', help: 'overwrite the starter files when they are there already' }
        }
    },
    format: {
        usage: 'format [--check] [paths...]',
        summary: 'format plan files in place',
        options: {
            check: { kind: 'flag', help: 'list the files that would change and change nothing (exit 1 when there are some)' }
        }
    },
    rules: {
        usage: 'rules [--format FORMAT]',
        summary: 'list the rules',
        options: {
            format: { kind: 'value', value: 'FORMAT', choices: ['stylish', 'json'], default: 'stylish', help: 'how the list is printed' }
        }
    },
    explain: { usage: 'explain RULE', summary: 'explain a rule (mplan rules lists them)', options: {} },
    schema: { usage: 'schema', summary: 'print the JSON Schema of mplan.json', options: {} },
    lsp: {
        usage: 'lsp --stdio',
        summary: 'start the language server',
        options: {
            stdio: { kind: 'flag', help: 'talk over standard input and output' },
            'node-ipc': { kind: 'flag', help: 'talk over Node.js IPC' },
            socket: { kind: 'value', value: 'PORT', help: 'talk over a socket on PORT' },
            'client-process-id': { kind: 'value', value: 'PID', help: 'stop when the editor\'s process PID ends' }
        }
    },
    mcp: {
        usage: 'mcp [DIR]',
        summary: 'start the MCP server for AI assistants (default: .)',
        details: 'Talks the Model Context Protocol over standard input and output: an AI assistant checks,\n'
            + 'fixes, formats and summarises the plans of the project folder DIR with it (docs/ai-assistants.md).\n'
            + 'It reads files inside that folder only and writes only when a tool is asked to write.',
        options: {}
    },
    help: { usage: 'help [COMMAND]', summary: 'a command\'s usage and options', options: {} }
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export interface ParsedArgs {
    command: CommandName;
    positional: string[];
    /** Flags are `true`; value options their (last) value. */
    options: Record<string, string | true>;
}

export function isCommand(word: string): word is CommandName {
    return Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

/** The options of a command, by name. */
export function optionsOf(command: CommandName): Record<string, OptionSpec> {
    return COMMANDS[command].options;
}

/**
 * What a mistyped word probably meant among `candidates`: the nearest by
 * spelling, else the one it is the start of (`warn` for `warning`), else the
 * one that starts it (`output` for `out`).
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
    const near = nearestNames(word, candidates)[0];
    if (near !== undefined) return near;
    const lower = word.toLowerCase();
    const only = (found: readonly string[]) => (found.length === 1 ? found[0] : undefined);
    if (lower.length < 2) return undefined;
    return only(candidates.filter(candidate => candidate.toLowerCase().startsWith(lower)))
        ?? only(candidates.filter(candidate => candidate.length >= 3 && lower.startsWith(candidate.toLowerCase())));
}

/** ` Did you mean 'x'?`, or nothing when nothing is near. */
export function suggestion(word: string, candidates: readonly string[], shown: (name: string) => string = name => name): string {
    const near = didYouMean(word, candidates);
    return near === undefined ? '' : ` Did you mean '${shown(near)}'?`;
}

/**
 * The message for a word that is no command (and, when `checkedAsPath`, no
 * file or folder either), with the nearest command.
 */
export function unknownCommand(word: string, checkedAsPath = true): string {
    const near = didYouMean(word, COMMAND_NAMES);
    return near === undefined
        ? `'${word}' is not a command${checkedAsPath ? ', nor a file or folder here' : ''} (mplan --help lists the commands)`
        : `'${word}' is not a command. Did you mean '${near}'? (mplan --help lists the commands)`;
}

/**
 * Whether a first word that is not a command is meant as a path: it is one
 * on disk, or it reads as one (a `/`, a `.` or glob characters in it), so
 * that `mplan plan.mplan` and `mplan missing.mplan` stay about files while
 * `mplan chek` is a mistyped command.
 */
export function meantAsPath(word: string, exists: (path: string) => boolean): boolean {
    return /[/\\.*?[\]{}]/.test(word) || exists(word);
}

/**
 * Parses argv (without node and the script); returns a usage message when it
 * cannot. `exists` tells whether a path is there (main passes the file
 * system); without it a first word that is no command is taken as a path.
 */
export function parseArgs(argv: string[], exists: (path: string) => boolean = () => true): ParsedArgs | string {
    let command: CommandName = 'check';
    let rest = argv;
    if (argv.length > 0 && isCommand(argv[0])) {
        command = argv[0];
        rest = argv.slice(1);
    } else if (argv.length > 0 && !argv[0].startsWith('-') && !meantAsPath(argv[0], exists)) {
        return unknownCommand(argv[0]);
    }
    const table = optionsOf(command);
    const positional: string[] = [];
    const options: Record<string, string | true> = {};
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (arg === '--') {
            positional.push(...rest.slice(i + 1));
            break;
        }
        if (!arg.startsWith('-') || arg === '-') {
            positional.push(arg);
            continue;
        }
        const equals = arg.indexOf('=');
        const name = (equals >= 0 ? arg.slice(0, equals) : arg).replace(/^--?/, '');
        const spec = arg.startsWith('--') && Object.hasOwn(table, name) ? table[name] : undefined;
        if (!spec) return unknownOption(arg, name, command);
        if (spec.kind === 'flag') {
            if (equals >= 0) return `--${name} takes no value`;
            options[name] = true;
        } else {
            const value = equals >= 0 ? arg.slice(equals + 1) : rest[++i];
            if (value === undefined || value === '') return `--${name} needs a value`;
            if (spec.choices && !spec.choices.includes(value)) {
                const near = suggestion(value, spec.choices);
                return `--${name} takes ${listed(spec.choices, 'or')}, not '${value}'${near ? `.${near}` : ''}`;
            }
            options[name] = value;
        }
    }
    return { command, positional, options };
}

/** An option the command does not have: the nearest it has, or the commands that have it. */
function unknownOption(arg: string, name: string, command: CommandName): string {
    const head = `unknown option '${arg}' for mplan ${command}.`;
    const near = suggestion(name, Object.keys(optionsOf(command)), option => `--${option}`);
    if (near) return `${head}${near} (mplan ${command} --help lists its options)`;
    const elsewhere = COMMAND_NAMES.filter(other => Object.hasOwn(optionsOf(other), name));
    const where = elsewhere.length > 0 ? ` --${name} is an option of ${listed(elsewhere.map(other => `mplan ${other}`))}.` : '';
    return `${head}${where} (mplan ${command} --help lists its options)`;
}

/** A value option, or undefined when not given. */
export function valueOf(args: ParsedArgs, name: string): string | undefined {
    const value = args.options[name];
    return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
    return args.options[name] === true;
}

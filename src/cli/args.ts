/**
 * The command line, read against each command's table of options. A value
 * option takes `--name value` or `--name=value`; a flag takes none. Anything
 * not in the command's table is a usage error naming the option.
 */

export type OptionKind = 'flag' | 'value';

/** The commands and the options each accepts (the help text in help.ts lists them too). */
export const COMMANDS = {
    check: {
        format: 'value', output: 'value', 'max-warnings': 'value', 'severity-threshold': 'value', quiet: 'flag',
        config: 'value', 'as-of': 'value', fix: 'flag', 'fix-dry-run': 'flag', baseline: 'value', 'write-baseline': 'value',
        'ignore-path': 'value', 'no-ignore': 'flag', color: 'flag', 'no-color': 'flag', jobs: 'value'
    },
    report: { out: 'value', config: 'value', 'as-of': 'value' },
    init: { force: 'flag' },
    format: { check: 'flag' },
    rules: { format: 'value' },
    explain: {},
    schema: {},
    lsp: { stdio: 'flag', 'node-ipc': 'flag', socket: 'value', 'client-process-id': 'value' },
    help: {}
} satisfies Record<string, Record<string, OptionKind>>;

export type CommandName = keyof typeof COMMANDS;

export interface ParsedArgs {
    command: CommandName;
    positional: string[];
    /** Flags are `true`; value options their (last) value. */
    options: Record<string, string | true>;
}

function isCommand(word: string): word is CommandName {
    return Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

/** Parses argv (without node and the script); returns a usage message when it cannot. */
export function parseArgs(argv: string[]): ParsedArgs | string {
    let command: CommandName = 'check';
    let rest = argv;
    if (argv.length > 0 && isCommand(argv[0])) {
        command = argv[0];
        rest = argv.slice(1);
    }
    const table: Record<string, OptionKind> = COMMANDS[command];
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
        const kind = arg.startsWith('--') && Object.hasOwn(table, name) ? table[name] : undefined;
        if (!kind) return `unknown option '${arg}' for mplan ${command} (see mplan --help)`;
        if (kind === 'flag') {
            if (equals >= 0) return `--${name} takes no value`;
            options[name] = true;
        } else {
            const value = equals >= 0 ? arg.slice(equals + 1) : rest[++i];
            if (value === undefined || value === '') return `--${name} needs a value`;
            options[name] = value;
        }
    }
    return { command, positional, options };
}

/** A value option, or undefined when not given. */
export function valueOf(args: ParsedArgs, name: string): string | undefined {
    const value = args.options[name];
    return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
    return args.options[name] === true;
}

import { check, type CommandResult } from './check.js';
import { explainRule, listRules } from './rules.js';

declare const MPLAN_VERSION: string;

const HELP = `mplan: marketing plans as code

Usage:
  mplan check [paths...] [--format stylish|json]   check plan files and folders (default: .)
  mplan rules [--format stylish|json]              list the rules
  mplan explain RULE                               explain a rule
  mplan lsp --stdio                                start the language server
  mplan --version | --help

Exit codes: 0 no errors, 1 a rule found an error, 2 a usage or file error.
`;

interface Parsed {
    command: string;
    positional: string[];
    format: 'stylish' | 'json';
}

function parseArgs(argv: string[]): Parsed | string {
    const positional: string[] = [];
    let format: Parsed['format'] = 'stylish';
    let command: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--format' || arg.startsWith('--format=')) {
            const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
            if (value !== 'stylish' && value !== 'json') return `--format takes stylish or json, not '${value ?? ''}'`;
            format = value;
        } else if (arg === '--') {
            positional.push(...argv.slice(i + 1));
            break;
        } else if (arg.startsWith('-') && arg !== '-') {
            return `unknown option '${arg}' (see mplan --help)`;
        } else if (command === undefined && ['check', 'rules', 'explain', 'lsp', 'help'].includes(arg)) {
            command = arg;
        } else {
            positional.push(arg);
        }
    }
    return { command: command ?? 'check', positional, format };
}

export async function run(argv: string[], cwd: string): Promise<CommandResult> {
    if (argv.includes('--version') || argv.includes('-v')) return { stdout: `${MPLAN_VERSION}\n`, stderr: '', exitCode: 0 };
    if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { stdout: HELP, stderr: '', exitCode: 0 };
    const parsed = parseArgs(argv);
    if (typeof parsed === 'string') return { stdout: '', stderr: `mplan: ${parsed}\n`, exitCode: 2 };
    switch (parsed.command) {
        case 'rules': return listRules(parsed.format);
        case 'explain': return explainRule(parsed.positional[0]);
        default: return check({ paths: parsed.positional, format: parsed.format, cwd });
    }
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    if (argv[0] === 'lsp') {
        // The server reads the transport (--stdio, --node-ipc, --socket) from process.argv.
        const { startServer } = await import('../server/main.js');
        startServer();
        return;
    }
    try {
        const result = await run(argv, process.cwd());
        if (result.stdout) process.stdout.write(result.stdout);
        if (result.stderr) process.stderr.write(result.stderr);
        process.exitCode = result.exitCode;
    } catch (error) {
        process.stderr.write(`mplan: internal error: ${error instanceof Error ? error.message : String(error)} (please report this)\n`);
        process.exitCode = 2;
    }
}

void main();

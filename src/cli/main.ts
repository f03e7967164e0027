import { check, type CommandResult } from './check.js';
import { configSchema } from '../language/config/schema.js';
import { RULES } from '../language/rules/index.js';
import { explainRule, listRules } from './rules.js';

import { HELP, MPLAN_VERSION_TEXT } from './help.js';


interface Parsed {
    command: string;
    positional: string[];
    format: 'stylish' | 'json';
    config?: string;
    asOf?: string;
    fix?: boolean;
}

function parseArgs(argv: string[]): Parsed | string {
    const positional: string[] = [];
    let format: Parsed['format'] = 'stylish';
    let command: string | undefined;
    const options: { config?: string; asOf?: string; fix?: boolean } = {};
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const name = arg.startsWith('--') ? arg.split('=')[0] : arg;
        const value = (): string | undefined => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]);
        if (name === '--format') {
            const given = value();
            if (given !== 'stylish' && given !== 'json') return `--format takes stylish or json, not '${given ?? ''}'`;
            format = given;
        } else if (arg === '--fix') {
            options.fix = true;
        } else if (name === '--config' || name === '--as-of') {
            const given = value();
            if (!given) return `${name} needs a value`;
            if (name === '--config') options.config = given; else options.asOf = given;
        } else if (arg === '--') {
            positional.push(...argv.slice(i + 1));
            break;
        } else if (arg.startsWith('-') && arg !== '-') {
            return `unknown option '${arg}' (see mplan --help)`;
        } else if (command === undefined && ['check', 'rules', 'explain', 'schema', 'lsp', 'help'].includes(arg)) {
            command = arg;
        } else {
            positional.push(arg);
        }
    }
    return { command: command ?? 'check', positional, format, ...options };
}

export async function run(argv: string[], cwd: string): Promise<CommandResult> {
    if (argv.includes('--version') || argv.includes('-v')) return { stdout: MPLAN_VERSION_TEXT, stderr: '', exitCode: 0 };
    if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { stdout: HELP, stderr: '', exitCode: 0 };
    const parsed = parseArgs(argv);
    if (typeof parsed === 'string') return { stdout: '', stderr: `mplan: ${parsed}\n`, exitCode: 2 };
    switch (parsed.command) {
        case 'rules': return listRules(parsed.format);
        case 'explain': return explainRule(parsed.positional[0]);
        case 'schema': return { stdout: JSON.stringify(configSchema(RULES), null, 2) + '\n', stderr: '', exitCode: 0 };
        default: return check({ paths: parsed.positional, format: parsed.format, cwd, config: parsed.config, asOf: parsed.asOf, fix: parsed.fix });
    }
}

export async function main(): Promise<void> {
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

// Started by the entry bundle (src/cli/bin.ts), which answers --version and --help itself.

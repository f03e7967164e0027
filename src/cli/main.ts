import { check } from './check.js';
import type { CheckOptions } from './check-options.js';
import type { CommandResult } from './results.js';
import { configSchema } from '../language/config/schema.js';
import { RULES, ruleById } from '../language/rules/index.js';
import { explainRule, listRules } from './rules.js';
import { flag, parseArgs, suggestion, valueOf, type ParsedArgs } from './args.js';
import type { OutputFormat } from './formats/index.js';
import { report } from './report-command.js';
import { init } from './init.js';
import { formatFiles } from './format-command.js';
import { helpFor, MPLAN_VERSION_TEXT } from './help.js';
import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import { buildingSnapshot, prepareSnapshot } from './startup/snapshot.js';
import { terminalText } from './formats/stylish.js';

function usage(message: string): CommandResult {
    return { stdout: '', stderr: `mplan: ${message}\n`, exitCode: 2 };
}

/**
 * `mplan check`'s options, each value checked (the values of a fixed few by
 * the parser, from the command table); a string is the usage message.
 */
function checkOptions(args: ParsedArgs, cwd: string): CheckOptions | string {
    const format = valueOf(args, 'format') ?? 'stylish';
    const maxWarnings = valueOf(args, 'max-warnings');
    if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) return `--max-warnings takes a whole number, not '${maxWarnings}'`;
    const threshold = valueOf(args, 'severity-threshold') ?? 'error';
    const jobs = valueOf(args, 'jobs');
    if (jobs !== undefined && !/^[1-9]\d*$/.test(jobs)) return `--jobs takes a positive whole number, not '${jobs}'`;
    if (flag(args, 'color') && flag(args, 'no-color')) return '--color and --no-color cannot be given together';
    if (flag(args, 'fix') && valueOf(args, 'write-baseline')) return '--fix and --write-baseline cannot be given together';
    if (flag(args, 'fix-dry-run')) {
        // It prints its own list and writes nothing: options about writing or about the findings' output do not apply.
        const clash = ['fix', 'write-baseline', 'format', 'output'].find(name => args.options[name] !== undefined);
        if (clash) return `--fix-dry-run and --${clash} cannot be given together`;
    }
    return {
        paths: args.positional,
        cwd,
        format: format as OutputFormat,
        output: valueOf(args, 'output'),
        maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings),
        severityThreshold: threshold as CheckOptions['severityThreshold'],
        quiet: flag(args, 'quiet'),
        config: valueOf(args, 'config'),
        asOf: valueOf(args, 'as-of'),
        fix: flag(args, 'fix'),
        fixDryRun: flag(args, 'fix-dry-run'),
        baseline: valueOf(args, 'baseline'),
        writeBaseline: valueOf(args, 'write-baseline'),
        ignorePath: valueOf(args, 'ignore-path'),
        noIgnore: flag(args, 'no-ignore'),
        color: flag(args, 'color') ? true : flag(args, 'no-color') ? false : undefined,
        jobs: jobs === undefined ? undefined : Number(jobs)
    };
}

export async function run(argv: string[], cwd: string): Promise<CommandResult> {
    if (argv.includes('--version') || argv.includes('-v')) return { stdout: MPLAN_VERSION_TEXT, stderr: '', exitCode: 0 };
    const help = helpFor(argv);
    if (help) return help;
    // A first word that is no command is a path when there is one by that name (see parseArgs).
    const args = parseArgs(argv, word => lstatSync(path.resolve(cwd, word), { throwIfNoEntry: false }) !== undefined);
    if (typeof args === 'string') return usage(args);
    switch (args.command) {
        case 'rules': return listRules(valueOf(args, 'format') === 'json' ? 'json' : 'stylish');
        case 'explain': {
            const id = args.positional[0];
            if (id !== undefined && !ruleById(id)) {
                const near = suggestion(id, RULES.map(rule => rule.id));
                return usage(`no rule '${id}'${near ? `.${near}` : ''} (mplan rules lists them)`);
            }
            return explainRule(id);
        }
        case 'schema': return { stdout: JSON.stringify(configSchema(RULES), null, 2) + '\n', stderr: '', exitCode: 0 };
        case 'report': return report({ plan: args.positional, out: valueOf(args, 'out'), config: valueOf(args, 'config'), asOf: valueOf(args, 'as-of'), cwd });
        case 'init': return init({ directory: args.positional, force: flag(args, 'force'), cwd });
        case 'format': return formatFiles({ paths: args.positional, check: flag(args, 'check'), cwd });
        // Started by the entry (bin.ts) from its own bundle; run() is not how it starts.
        case 'mcp': return usage('mcp is started by the mplan command itself (bin/mplan.cjs mcp)');
        default: {
            const options = checkOptions(args, cwd);
            return typeof options === 'string' ? usage(options) : check(options);
        }
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
        // Messages quote file names and plan text: no control character reaches the terminal raw.
        if (result.stderr) process.stderr.write(result.stderr.split('\n').map(terminalText).join('\n'));
        process.exitCode = result.exitCode;
    } catch (error) {
        process.stderr.write(`mplan: internal error: ${error instanceof Error ? error.message : String(error)} (please report this)\n`);
        process.exitCode = 2;
    }
}

// Started by the entry bundle (src/cli/bin.ts), which answers --version and --help itself,
// or from a start-up snapshot of this bundle (src/cli/startup/), which this makes when one is built.
if (buildingSnapshot()) prepareSnapshot(main, run);

/**
 * The entry of `mplan mcp` and `mplan-mcp` (out/mcp.cjs): the MCP server over
 * standard input and output, for one project folder: the folder named, else
 * the folder it is started in (clients such as Claude Desktop start servers in
 * no folder of the user's choosing). Standard output carries the protocol
 * alone: anything logged goes to standard error. It ends when the client
 * closes its input.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from './server.js';

declare const MPLAN_VERSION: string;

const USAGE = `Usage: mplan-mcp [DIR]

Starts the MCP server for AI assistants over standard input and output, for the project folder
DIR (default: the folder it is started in). It reads files inside that folder only and writes
only when a tool is asked to write. mplan mcp [DIR] is the same. See docs/ai-assistants.md.
`;

/** The project folder of a command line, or the line that refuses it. */
function projectFolder(args: string[], cwd: string): { root: string } | { problem: string } {
    if (args.length > 1) return { problem: `takes one project folder, not ${args.length} (${args.join(', ')})` };
    const root = path.resolve(cwd, args[0] ?? '.');
    const stat = statSync(root, { throwIfNoEntry: false });
    if (!stat) return { problem: `${args[0]}: no such folder` };
    if (!stat.isDirectory()) return { problem: `${args[0]}: not a folder; give the project folder` };
    return { root };
}

/**
 * Starts the server. `args` are the arguments after the command (`mplan mcp`
 * has had its options checked by the CLI's table; `mplan-mcp` is read here),
 * `name` the command as the user typed it, for the messages.
 */
export function main(args: string[], name: string): void {
    const options = args.filter(arg => arg.startsWith('-') && arg !== '-');
    if (options.includes('--help') || options.includes('-h')) {
        process.stdout.write(USAGE);
        return;
    }
    if (options.includes('--version') || options.includes('-v')) {
        process.stdout.write(`${MPLAN_VERSION}\n`);
        return;
    }
    const folder = options.length > 0 ? { problem: `unknown option '${options[0]}' (${name} --help shows the usage)` } : projectFolder(args, process.cwd());
    if ('problem' in folder) {
        process.stderr.write(`${name}: ${folder.problem}\n`);
        process.exitCode = 2;
        return;
    }
    for (const level of ['log', 'info', 'debug', 'warn'] as const) {
        console[level] = (...values: unknown[]) => process.stderr.write(format(...values) + '\n');
    }
    // A failure outside any tool is said in one line, never as a stack trace; the server keeps serving.
    const internal = (reason: unknown) => process.stderr.write(`${name}: internal error: ${String(reason instanceof Error ? reason.message : reason).split('\n')[0]} (please report this)\n`);
    process.on('uncaughtException', internal);
    process.on('unhandledRejection', internal);
    const server = createMcpServer(folder.root);
    // The client closing its end is the end of the session.
    process.stdin.on('end', () => void server.close().finally(() => process.exit(0)));
    server.connect(new StdioServerTransport()).catch(error => {
        process.stderr.write(`${name}: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
    });
}

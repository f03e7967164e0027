/**
 * The entry of `mplan mcp` and `mplan-mcp` (out/mcp.cjs): the MCP server over
 * standard input and output, for the project folder it is started in. Standard
 * output carries the protocol alone: anything logged goes to standard error.
 * It ends when the client closes its input.
 */
import { format } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from './server.js';

for (const name of ['log', 'info', 'debug', 'warn'] as const) {
    console[name] = (...args: unknown[]) => process.stderr.write(format(...args) + '\n');
}

// A failure outside any tool is said in one line, never as a stack trace; the server keeps serving.
process.on('uncaughtException', error => process.stderr.write(`mplan mcp: internal error: ${error.message.split('\n')[0]} (please report this)\n`));
process.on('unhandledRejection', reason => process.stderr.write(`mplan mcp: internal error: ${String(reason instanceof Error ? reason.message : reason).split('\n')[0]} (please report this)\n`));

const server = createMcpServer(process.cwd());
const transport = new StdioServerTransport();
// The client closing its end is the end of the session.
process.stdin.on('end', () => void server.close().finally(() => process.exit(0)));
server.connect(transport).catch(error => {
    process.stderr.write(`mplan mcp: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
});

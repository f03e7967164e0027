/**
 * The MCP server as an assistant sees it: the built `mplan mcp` (or
 * `mplan-mcp`) started over stdio by the SDK's own client, in a project
 * folder of its own (a temporary copy of the fixture plans with their pinned
 * settings, test/fixtures/README.md), so that tools that write touch nothing
 * of the repository.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FIXTURE_PLANS } from '../pinned.js';
import { ROOT } from '../cli/run.js';

/** A temporary copy of the fixture plans and their pinned mplan.json; its path. */
export function fixtureProject(): string {
    const folder = join(mkdtempSync(join(tmpdir(), 'mplan-mcp-')), 'project');
    cpSync(FIXTURE_PLANS, folder, { recursive: true });
    return folder;
}

export interface McpSession {
    client: Client;
    /** What the server wrote to standard error. */
    stderr(): string;
    close(): Promise<void>;
}

/** Starts the server by `bin/mplan.cjs mcp` (or `bin/mplan-mcp.cjs`) of this repository in `cwd` and connects the SDK's client to it. */
export async function startMcp(cwd: string, bin: 'mplan' | 'mplan-mcp' = 'mplan'): Promise<McpSession> {
    const args = bin === 'mplan' ? [join(ROOT, 'bin', 'mplan.cjs'), 'mcp'] : [join(ROOT, 'bin', 'mplan-mcp.cjs')];
    return connectMcp(process.execPath, args, cwd);
}

/** Starts the server by `command args` in `cwd` (an installed bin, say) and connects the SDK's client to it. */
export async function connectMcp(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<McpSession> {
    const transport = new StdioClientTransport({ command, args, cwd, stderr: 'pipe', env: { ...env } as Record<string, string> });
    let stderr = '';
    transport.stderr?.on('data', chunk => { stderr += String(chunk); });
    const client = new Client({ name: 'mplan-test', version: '1.0.0' });
    await client.connect(transport);
    return { client, stderr: () => stderr, close: () => client.close() };
}

/** Calls a tool and returns its result as the client received it (validated against the tool's output schema by the client). */
export async function call(session: McpSession, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
    return await session.client.callTool({ name, arguments: args }) as CallToolResult;
}

/** A tool's structured content, failing with the tool's error text when it answered with an error. */
export async function structured<T = Record<string, unknown>>(session: McpSession, name: string, args: Record<string, unknown> = {}): Promise<T> {
    const result = await call(session, name, args);
    if (result.isError) throw new Error(`${name} answered with an error: ${textOf(result)}`);
    return result.structuredContent as T;
}

/** The text of a result's content. */
export function textOf(result: CallToolResult): string {
    return result.content.map(part => (part.type === 'text' ? part.text : '')).join('');
}

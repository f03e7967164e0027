/**
 * The MCP server of `mplan mcp`: its tools (each with a JSON Schema for its
 * input and its structured output), its resources (the language reference,
 * an annotated plan) and its prompt. The work is in tools.ts; this file says
 * what an assistant sees, and turns every refusal and failure into a tool
 * error of one line, so that no input stops the server.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { UsageError } from '../cli/files.js';
import { starterPlan } from '../cli/starter/plan.js';
import { rulesDocsDir } from '../host/rule-docs.js';
import { UnreadableFile } from '../host/read.js';
import { ChangedMeanwhile } from '../cli/write.js';
import { Project, ToolError } from './project.js';
import { applyFixesTool, checkTool, explainRuleTool, formatTool, listRulesTool, reportTool, summarizeTool } from './tools.js';

declare const MPLAN_VERSION: string;

/** The most files one request may give as text. */
const MAX_GIVEN_FILES = 200;

const givenFile = z.object({
    path: z.string().min(1).describe('the file\'s path in the project, ending in .mplan (imports between given files resolve by it; other imports are read from the project)'),
    text: z.string().describe('the plan text (at most 5 MB, as a plan file)')
});

/** What the plan tools read: plan text, or files in the project, and the day to judge by. */
const planInput = {
    files: z.array(givenFile).max(MAX_GIVEN_FILES).optional().describe('plan text to use instead of the files on disk (a draft): one or several files, with imports between them'),
    paths: z.array(z.string()).max(MAX_GIVEN_FILES).optional().describe('plan files, folders or quoted globs inside the project (default: the whole project, as `mplan check`)'),
    asOf: z.string().optional().describe('the day date-dependent rules judge by, YYYY-MM-DD (default: today)')
};

const onePlanInput = {
    ...planInput,
    plan: z.string().optional().describe('which file is the plan: a path in the project, or the path of one of the files given (default: the only file given)')
};

const severity = z.enum(['error', 'warning', 'info']);
const fixStatus = z.enum(['apply', 'suggestion', 'choice', 'overlap']).describe('apply: apply_fixes applies it; suggestion: it writes a business fact, the user\'s to decide; choice: one of several fixes; overlap: left to a later round');
const place = { line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int() };

const checkOutput = {
    files: z.array(z.object({
        path: z.string(),
        findings: z.array(z.object({
            ruleId: z.string(), severity, message: z.string(), ...place,
            fixes: z.array(z.object({ title: z.string(), kind: z.enum(['safe', 'suggestion']), status: fixStatus, edits: z.array(z.object({ ...place, newText: z.string() })) }))
        }))
    })),
    summary: z.object({ files: z.number().int(), errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() }),
    unreadable: z.array(z.object({ path: z.string(), reason: z.string() })).optional()
};

const ruleOutput = { id: z.string(), severity, area: z.string(), description: z.string(), fixKinds: z.array(z.enum(['safe', 'suggestion'])) };

/** The answer of a tool: its structured content, and the same as JSON text for clients that read only text. */
function answer(structured: Record<string, unknown>, text = JSON.stringify(structured, null, 2)): CallToolResult {
    return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** A tool's refusal or failure as a tool error: one line, never a stack trace. */
export function toolError(error: unknown): CallToolResult {
    const known = error instanceof ToolError || error instanceof UsageError || error instanceof UnreadableFile || error instanceof ChangedMeanwhile;
    const message = error instanceof Error ? error.message : String(error);
    const text = known ? message : `internal error: ${message.split('\n')[0]} (please report this)`;
    return { content: [{ type: 'text', text: `mplan: ${text}` }], isError: true };
}

/** Runs a tool's work; whatever it throws becomes a tool error. */
async function guarded(work: () => Promise<CallToolResult> | CallToolResult): Promise<CallToolResult> {
    try {
        return await work();
    } catch (error) {
        return toolError(error);
    }
}

/**
 * The SDK answers arguments that do not fit a tool's input schema, and an
 * unknown tool, with a tool error of its own: one line per problem, after
 * "MCP error -32602: ". Here they read as mplan's other errors do: one line,
 * the problems joined. (`createToolError` is the SDK's internal method for
 * exactly these; test/mcp/safety.test.ts fails should it change.)
 */
function oneLineProtocolErrors(server: McpServer): void {
    const sdk = server as unknown as { createToolError(message: string): CallToolResult };
    sdk.createToolError = message => ({
        content: [{ type: 'text', text: `mplan: ${message.replace(/^MCP error -?\d+: /, '').split('\n').map(line => line.trim()).filter(Boolean).join('; ')}` }],
        isError: true
    });
}

/** The language reference shipped beside the rule pages (docs/language.md). */
function languageReference(): string {
    return readFileSync(path.resolve(rulesDocsDir(), '..', 'language.md'), 'utf8');
}

export function createMcpServer(root: string): McpServer {
    const project = new Project(root);
    const server = new McpServer(
        { name: 'mplan', version: MPLAN_VERSION },
        {
            instructions: 'mplan checks marketing plans written in the mplan language (*.mplan) against rules from marketing practice. '
                + 'Read the resource mplan://docs/language for the syntax and mplan://examples/starter-plan for an annotated plan. '
                + 'Check a plan (or a draft, as files) with check; explain_rule says why a rule fired; apply_fixes applies the safe fixes '
                + 'and lists the suggestions, which are the user\'s to decide; summarize gives budgets, spend, the funnel projection and unit economics.'
        }
    );
    oneLineProtocolErrors(server);
    const readOnly = { readOnlyHint: true, openWorldHint: false };

    server.registerTool('check', {
        title: 'Check plans',
        description: 'Judge plan files (or plan text) with every rule, as `mplan check --format json` does: findings with rule id, severity, line and column, message, and the fixes offered for each.',
        inputSchema: planInput,
        outputSchema: checkOutput,
        annotations: readOnly
    }, args => guarded(async () => answer({ ...await checkTool(project, args) })));

    server.registerTool('apply_fixes', {
        title: 'Apply the safe fixes',
        description: 'Apply the safe, unambiguous fixes (as `mplan check --fix`) and list the suggestions left for the user (business facts such as prices, budgets, dates are never applied). Returns the fixed text; writes the files only with write: true (paths only).',
        inputSchema: { ...planInput, write: z.boolean().optional().describe('write the fixed files in the project (default: false, nothing is written)') },
        outputSchema: {
            files: z.array(z.object({
                path: z.string(), text: z.string(), changed: z.boolean(), written: z.boolean(), notWritten: z.string().optional(),
                applied: z.array(z.object({ rule: z.string(), title: z.string() })),
                findingsBefore: z.number().int(), findingsAfter: z.number().int(),
                left: z.array(z.object({ rule: z.string(), line: z.number().int(), column: z.number().int(), title: z.string(), status: fixStatus }))
            })),
            summary: z.object({ applied: z.number().int(), left: z.number().int(), written: z.number().int() })
        },
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    }, args => guarded(async () => answer({ ...await applyFixesTool(project, args) })));

    server.registerTool('format', {
        title: 'Format plans',
        description: 'Lay plan text out in the house style (as `mplan format`); a file with a syntax error is not formatted. Returns the text; writes the files only with write: true (paths only).',
        inputSchema: { ...planInput, write: z.boolean().optional().describe('write the formatted files in the project (default: false, nothing is written)') },
        outputSchema: {
            files: z.array(z.object({ path: z.string(), changed: z.boolean(), text: z.string().optional(), written: z.boolean(), notFormatted: z.string().optional() }))
        },
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    }, args => guarded(async () => answer(await formatTool(project, args))));

    server.registerTool('summarize', {
        title: 'Summarize a plan',
        description: 'The facts of one plan as JSON, from the plan model: budgets and planned spend per campaign and per month, the timeline, the funnel projection with unit economics (CAC, LTV, payback), the objectives\' verdicts, the markets and the law checked in each, readiness per area and the findings\' counts.',
        inputSchema: onePlanInput,
        outputSchema: {
            version: z.literal(1), path: z.string().describe('the plan file, relative to the project folder (every place in the facts is a path so too)'), asOf: z.string(), currency: z.string().optional(),
            plan: z.looseObject({}).describe('name, goal, objectives with verdicts, period, total budget, planned spend, counts of blocks'),
            budget: z.looseObject({}).describe('budget rows per strategy, channel, channel type (paid, owned, earned; online, offline) and campaign, with shares'),
            timeline: z.looseObject({}).describe('campaigns and tactics over time'),
            funnel: z.looseObject({}).describe('funnels, their stages and projection: customers, CAC, LTV, payback'),
            flows: z.array(z.looseObject({})).describe('the automated flows as timelines: trigger, steps with when each goes out, what stops them'),
            money: z.looseObject({}).describe('spend, customers, revenue and margin month by month'),
            compliance: z.looseObject({}).describe('each market: countries, law, languages, currency, zones, prices, the provisions checked there and their findings; not legal advice'),
            readiness: z.looseObject({}).describe('readiness per area, from the rule results'),
            findings: z.looseObject({}).describe('the findings of the plan, counted and listed')
        },
        annotations: readOnly
    }, args => guarded(async () => {
        const { currency, ...rest } = await summarizeTool(project, args);
        return answer({ ...rest, ...(currency !== undefined ? { currency } : {}) });
    }));

    server.registerTool('report', {
        title: 'Plan report',
        description: 'The Markdown report of one plan, as `mplan report PLAN --out FILE.md` writes it (nothing is written here).',
        inputSchema: onePlanInput,
        outputSchema: { markdown: z.string() },
        annotations: readOnly
    }, args => guarded(async () => {
        const result = await reportTool(project, args);
        return answer(result, result.markdown);
    }));

    server.registerTool('list_rules', {
        title: 'List the rules',
        description: 'Every rule of mplan: id, default severity, area, what it reports and the kinds of fix it offers.',
        inputSchema: {},
        outputSchema: { rules: z.array(z.object(ruleOutput)) },
        annotations: readOnly
    }, () => guarded(() => answer(listRulesTool())));

    server.registerTool('explain_rule', {
        title: 'Explain a rule',
        description: 'What a rule checks and why, with an incorrect and a correct example and its fixes (its docs page, as `mplan explain RULE`).',
        inputSchema: { rule: z.string().describe('the rule id, e.g. missing-guarantee (list_rules lists them)') },
        outputSchema: { ...ruleOutput, explanation: z.string().describe('the rule\'s page in Markdown') },
        annotations: readOnly
    }, args => guarded(() => {
        const result = explainRuleTool(args.rule);
        return answer(result, result.explanation);
    }));

    server.registerResource('language-reference', 'mplan://docs/language', {
        title: 'The mplan language reference',
        description: 'Every block, fact and word of the mplan language, with examples (docs/language.md).',
        mimeType: 'text/markdown'
    }, uri => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: languageReference() }] }));

    server.registerResource('starter-plan', 'mplan://examples/starter-plan', {
        title: 'An annotated example plan',
        description: 'A complete plan for a small online coffee roaster whose comments teach the language (what `mplan init` writes); mplan finds nothing wrong with it.',
        mimeType: 'text/plain'
    }, uri => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: starterPlan(new Date().toISOString().slice(0, 10)) }] }));

    server.registerPrompt('review-plan', {
        title: 'Review my marketing plan',
        description: 'Check a marketing plan with mplan, explain what it finds, apply the safe fixes and say what is left to decide.',
        argsSchema: { plan: z.string().optional().describe('the plan file in the project (default: every plan of the project)') }
    }, ({ plan }) => ({
        messages: [{
            role: 'user',
            content: {
                type: 'text',
                text: [
                    `Review my marketing plan${plan ? ` ${plan}` : 's in this project'} with mplan.`,
                    `1. Run the check tool${plan ? ` with paths ["${plan}"]` : ''} and group the findings by severity.`,
                    '2. For each rule that fired, use explain_rule and tell me in plain words why it matters for this plan.',
                    '3. Run apply_fixes without write and show me what the safe fixes would change; write them only if I agree.',
                    '4. List the suggestions apply_fixes leaves (prices, budgets, dates, people): these are mine to decide; propose values and ask.',
                    '5. Run summarize and tell me whether the budget, the funnel projection and the unit economics (CAC, LTV, payback) hold together.',
                    'If you need the syntax, read the resource mplan://docs/language.'
                ].join('\n')
            }
        }]
    }));

    return server;
}

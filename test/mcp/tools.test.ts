/**
 * `mplan mcp` driven by the MCP SDK's own client over stdio, as an assistant
 * drives it: the tools, resources and prompt it lists, the same findings as
 * `mplan check --format json`, the rule pages, fixes applied (text returned,
 * and written only when asked), the plan's facts and its report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mplan, ROOT } from '../cli/run.js';
import { call, fixtureProject, startMcp, structured, textOf, type McpSession } from './client.js';

const AS_OF = '2027-01-15';

interface Finding { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; fixes?: Array<{ title: string; kind: string; status: string }> }
interface CheckResult { files: Array<{ path: string; findings: Finding[] }>; summary: { files: number; errors: number; warnings: number; infos: number }; unreadable?: unknown[] }

/** A check's findings without the fixes the tool adds: what `mplan check --format json` prints. */
function withoutFixes(result: CheckResult) {
    return { files: result.files.map(file => ({ path: file.path, findings: file.findings.map(({ fixes: _fixes, ...finding }) => finding) })), summary: result.summary };
}

/** `mplan check --format json` in the project folder. */
async function cliCheck(project: string, ...args: string[]) {
    const run = await mplan(['check', ...args, '--format', 'json', '--as-of', AS_OF], project);
    return JSON.parse(run.stdout) as CheckResult;
}

function count(result: CheckResult): number {
    return result.files.reduce((sum, file) => sum + file.findings.length, 0);
}

let project: string;
let session: McpSession;

beforeAll(async () => {
    project = fixtureProject();
    session = await startMcp(project);
}, 30_000);

afterAll(async () => {
    await session?.close();
});

describe('what the server offers', () => {
    it('lists its tools, each with a JSON Schema for its input and for its structured output', async () => {
        const { tools } = await session.client.listTools();
        expect(tools.map(tool => tool.name).sort()).toEqual(['apply_fixes', 'check', 'explain_rule', 'format', 'list_rules', 'report', 'summarize']);
        for (const tool of tools) {
            expect(tool.description, tool.name).toBeTruthy();
            expect(tool.inputSchema.type, tool.name).toBe('object');
            expect(tool.outputSchema?.type, tool.name).toBe('object');
        }
        const check = tools.find(tool => tool.name === 'check')!;
        expect(Object.keys(check.inputSchema.properties ?? {}).sort()).toEqual(['asOf', 'files', 'paths']);
        expect(check.annotations?.readOnlyHint).toBe(true);
        expect(tools.find(tool => tool.name === 'apply_fixes')!.annotations?.readOnlyHint).toBe(false);
    });

    it('offers the language reference and an annotated plan as resources, and the starter plan is clean', async () => {
        const { resources } = await session.client.listResources();
        expect(resources.map(resource => resource.uri).sort()).toEqual(['mplan://docs/language', 'mplan://examples/starter-plan']);
        const reference = await session.client.readResource({ uri: 'mplan://docs/language' });
        expect((reference.contents[0] as { text: string }).text).toBe(readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8'));
        const starter = (await session.client.readResource({ uri: 'mplan://examples/starter-plan' })).contents[0] as { text: string };
        expect(starter.text).toMatch(/^\/\/ plan\.mplan: your marketing plan, written in mplan\./);
        // What an assistant learns from has no finding (under the project's pinned rules).
        const checked = await structured<CheckResult>(session, 'check', { files: [{ path: 'starter.mplan', text: starter.text }] });
        expect(checked.files.flatMap(file => file.findings)).toEqual([]);
    });

    it('offers the prompt "review my marketing plan", naming the plan it is given', async () => {
        const { prompts } = await session.client.listPrompts();
        expect(prompts.map(prompt => [prompt.name, prompt.title])).toEqual([['review-plan', 'Review my marketing plan']]);
        const prompt = await session.client.getPrompt({ name: 'review-plan', arguments: { plan: 'ebook-list.mplan' } });
        const text = (prompt.messages[0].content as { text: string }).text;
        expect(text).toContain('ebook-list.mplan');
        for (const tool of ['check', 'explain_rule', 'apply_fixes', 'summarize']) expect(text).toContain(tool);
    });
});

describe('docs/ai-assistants.md', () => {
    it('describes every tool, resource and prompt the server lists, and no other', async () => {
        const page = readFileSync(join(ROOT, 'docs', 'ai-assistants.md'), 'utf8');
        const section = (title: string) => page.slice(page.indexOf(`\n## ${title}\n`), page.indexOf('\n## ', page.indexOf(`\n## ${title}\n`) + 1));
        const rows = (text: string) => [...text.matchAll(/^\| (?:prompt )?`([^`]+)` \|/gm)].map(match => match[1]);
        const { tools } = await session.client.listTools();
        expect(rows(section('Tools')).sort()).toEqual(tools.map(tool => tool.name).sort());
        const { resources } = await session.client.listResources();
        const { prompts } = await session.client.listPrompts();
        expect(rows(section('Resources and prompt')).sort()).toEqual([...resources.map(resource => resource.uri), ...prompts.map(prompt => prompt.name)].sort());
    });
});

describe('check', () => {
    it('finds in the flawed example what mplan check --format json finds, each finding with its fixes', async () => {
        const tool = await structured<CheckResult>(session, 'check', { paths: ['ebook-list.mplan'], asOf: AS_OF });
        const cli = await cliCheck(project, 'ebook-list.mplan');
        expect(count(cli)).toBeGreaterThan(5);
        expect(withoutFixes(tool)).toEqual(cli);
        // The fixes offered, as --fix-dry-run tells them: the typo's fix is applied, a payment method is a suggestion.
        const findings = tool.files[0].findings;
        expect(findings.find(f => f.ruleId === 'unresolved-reference')!.fixes).toEqual([expect.objectContaining({ title: "Change to 'Newsletter'", kind: 'safe', status: 'apply' })]);
        expect(findings.find(f => f.ruleId === 'few-payment-options')!.fixes!.every(fix => fix.kind === 'suggestion' && fix.status === 'suggestion')).toBe(true);
    });

    it('answers requests made at the same time, each as if alone', async () => {
        const alone = await structured<CheckResult>(session, 'check', { paths: ['ebook-list.mplan'], asOf: AS_OF });
        const together = await Promise.all([
            ...Array.from({ length: 4 }, () => structured<CheckResult>(session, 'check', { paths: ['ebook-list.mplan'], asOf: AS_OF })),
            structured(session, 'summarize', { plan: 'phone-retailer.mplan', asOf: AS_OF })
        ]);
        for (const result of together.slice(0, 4)) expect(result).toEqual(alone);
    });

    it('checks the whole project by default, as mplan check does in its folder', async () => {
        const tool = await structured<CheckResult>(session, 'check', { asOf: AS_OF });
        expect(withoutFixes(tool)).toEqual(await cliCheck(project));
    });

    it('checks plan text over several files with imports between them, as the files on disk', async () => {
        const names = ['corner-bakery/plan.mplan', 'corner-bakery/shared/market.mplan', 'corner-bakery/shared/products.mplan', 'corner-bakery/shared/offer.mplan'];
        const files = names.map(name => ({ path: name, text: readFileSync(join(project, name), 'utf8') }));
        const tool = await structured<CheckResult>(session, 'check', { files, asOf: AS_OF });
        const cli = await cliCheck(project, 'corner-bakery/plan.mplan');
        expect(new Set(tool.files.map(file => file.path))).toEqual(new Set(names));
        const byPath = (result: CheckResult) => Object.fromEntries(withoutFixes(result).files.map(file => [file.path, file.findings]));
        expect(byPath(tool)).toEqual(byPath(cli));
    });

    it('judges a draft as given, its other imports read from the project', async () => {
        const plan = readFileSync(join(project, 'corner-bakery/plan.mplan'), 'utf8');
        // Only the plan is given: its imports (shared/…) are read from the disk; a typo in the draft is found.
        const draft = plan.replace(/targets (\w+)/, 'targets $1x');
        const tool = await structured<CheckResult>(session, 'check', { files: [{ path: 'corner-bakery/plan.mplan', text: draft }], asOf: AS_OF });
        expect(tool.files.map(file => file.path)).toContain('corner-bakery/shared/market.mplan');
        const unresolved = tool.files[0].findings.filter(f => f.ruleId === 'unresolved-reference');
        expect(unresolved).toHaveLength(1);
        expect(unresolved[0].fixes![0].status).toBe('apply');
        // Nothing was written.
        expect(readFileSync(join(project, 'corner-bakery/plan.mplan'), 'utf8')).toBe(plan);
    });
});

describe('rules', () => {
    it('list_rules is the registry as mplan rules --format json lists it, with the kinds of fix', async () => {
        const tool = await structured<{ rules: Array<Record<string, unknown>> }>(session, 'list_rules');
        const cli = JSON.parse((await mplan(['rules', '--format', 'json'])).stdout) as Array<Record<string, unknown>>;
        expect(tool.rules.map(({ fixKinds: _kinds, ...rule }) => rule)).toEqual(cli);
        expect(tool.rules.find(rule => rule.id === 'missing-guarantee')!.fixKinds).toEqual(['suggestion']);
    });

    it('explain_rule gives what mplan explain prints', async () => {
        const result = await call(session, 'explain_rule', { rule: 'missing-guarantee' });
        const cli = await mplan(['explain', 'missing-guarantee']);
        expect(result.isError).toBeFalsy();
        expect(textOf(result)).toBe(cli.stdout);
        expect(result.structuredContent).toMatchObject({ id: 'missing-guarantee', severity: 'error', area: 'offer', explanation: cli.stdout });
    });

    it('explain_rule of an unknown rule is a tool error with the nearest rule', async () => {
        const result = await call(session, 'explain_rule', { rule: 'missing-guarante' });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toBe("mplan: no rule 'missing-guarante'. Did you mean 'missing-guarantee'? (list_rules lists them)");
    });
});

interface Fixed { files: Array<{ path: string; text: string; changed: boolean; written: boolean; applied: Array<{ rule: string }>; findingsBefore: number; findingsAfter: number; left: Array<{ rule: string; status: string }> }>; summary: { applied: number; left: number; written: number } }

describe('apply_fixes, format', () => {
    it('an assistant\'s round trip: check, apply_fixes, check again shows fewer findings; nothing is written', async () => {
        const file = join(project, 'ebook-list.mplan');
        const original = readFileSync(file, 'utf8');
        const first = await structured<CheckResult>(session, 'check', { files: [{ path: 'ebook-list.mplan', text: original }], asOf: AS_OF });
        const fixed = await structured<Fixed>(session, 'apply_fixes', { files: [{ path: 'ebook-list.mplan', text: original }], asOf: AS_OF });
        const [result] = fixed.files;
        expect(result.changed).toBe(true);
        expect(result.written).toBe(false);
        expect(result.applied.map(fix => fix.rule).sort()).toEqual(['missing-unsubscribe', 'tactic-without-strategy', 'unresolved-reference']);
        // Suggestions (business facts) are left for the user, never applied.
        expect(result.left.some(fix => fix.status === 'suggestion' && fix.rule === 'few-payment-options')).toBe(true);
        const again = await structured<CheckResult>(session, 'check', { files: [{ path: 'ebook-list.mplan', text: result.text }], asOf: AS_OF });
        expect(count(again)).toBeLessThan(count(first));
        expect(count(again)).toBe(result.findingsAfter);
        expect(count(first)).toBe(result.findingsBefore);
        expect(readFileSync(file, 'utf8')).toBe(original);
    });

    it('apply_fixes with write: true writes the file as mplan check --fix would', async () => {
        const copy = fixtureProject();
        const mine = await startMcp(copy);
        try {
            const fixed = await structured<Fixed>(mine, 'apply_fixes', { paths: ['ebook-list.mplan'], write: true, asOf: AS_OF });
            expect(fixed.summary.written).toBe(1);
            const written = readFileSync(join(copy, 'ebook-list.mplan'), 'utf8');
            expect(written).toBe(fixed.files[0].text);
            // The CLI's --fix on a fresh copy writes the same text.
            const other = fixtureProject();
            await mplan(['check', 'ebook-list.mplan', '--fix', '--as-of', AS_OF], other);
            expect(written).toBe(readFileSync(join(other, 'ebook-list.mplan'), 'utf8'));
        } finally {
            await mine.close();
        }
    });

    it('write is refused for plan text: there is no file to write', async () => {
        const result = await call(session, 'apply_fixes', { files: [{ path: 'a.mplan', text: 'plan A {}' }], write: true });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/^mplan: write is for files in the project/);
    });

    it('format returns the text in the house style, refuses a file with a syntax error, writes only when asked', async () => {
        const messy = 'plan   A {\n  goal   "Grow"\n      currency EUR }\n';
        const result = await structured<{ files: Array<{ path: string; changed: boolean; text?: string; notFormatted?: string; written: boolean }> }>(session, 'format', {
            files: [{ path: 'messy.mplan', text: messy }, { path: 'broken.mplan', text: 'plan B {\n  goal "x"\n' }]
        });
        expect(result.files[0]).toEqual({ path: 'messy.mplan', changed: true, written: false, text: 'plan A {\n    goal "Grow"\n    currency EUR\n}\n' });
        expect(result.files[1].notFormatted).toMatch(/^syntax error at 2:11 Expected '}'/);
        const copy = fixtureProject();
        writeFileSync(join(copy, 'messy.mplan'), messy);
        const mine = await startMcp(copy);
        try {
            const written = await structured<{ files: Array<{ written: boolean }> }>(mine, 'format', { paths: ['messy.mplan'], write: true });
            expect(written.files[0].written).toBe(true);
            expect(readFileSync(join(copy, 'messy.mplan'), 'utf8')).toBe(result.files[0].text);
        } finally {
            await mine.close();
        }
    });
});

describe('summarize, report', () => {
    it('summarize gives the plan model\'s facts: budgets, spend by month, funnel projection, unit economics, readiness', async () => {
        const facts = await structured<Record<string, any>>(session, 'summarize', { plan: 'phone-retailer.mplan', asOf: AS_OF });
        expect(facts.plan.name).toBe('NordlysMobile');
        expect(facts.currency).toBe('EUR');
        // Budgets and spend per campaign: the campaign's planned spend is the plan's.
        expect(facts.plan.totalBudget.amount).toBeGreaterThan(0);
        expect(facts.budget.byCampaign.map((row: any) => row.name)).toEqual(['FlagshipLaunch']);
        // Spend per month adds up to the projection's total: the campaigns' budgets over their periods.
        const projection = facts.money.funnels[0].projection;
        const monthly = projection.months.reduce((sum: number, month: any) => sum + month.spend, 0);
        expect(monthly).toBeCloseTo(projection.total.spend, 0);
        expect(projection.total.spend).toBe(facts.budget.byCampaign.reduce((sum: number, row: any) => sum + row.budget, 0));
        // Unit economics: CAC is spend per customer won; LTV and payback are there.
        expect(projection.unit.cac.low).toBeCloseTo(projection.total.spend / projection.total.customers.low, 1);
        expect(projection.unit.ltv.low).toBeGreaterThan(0);
        expect(projection.unit.payback.low).toBeGreaterThan(0);
        // Readiness per area of the plan.
        expect(facts.readiness.areas.map((area: any) => area.area)).toEqual(['market', 'competition', 'research', 'offer', 'strategy', 'campaign', 'funnel', 'compliance']);
        // The fixture names no market: no law-specific check ran, and the report says so, and that it is not legal advice.
        expect(facts.compliance.markets).toEqual([]);
        expect(facts.compliance.none).toMatch(/^The plan names no market, so no law-specific check ran/);
        expect(facts.compliance.disclaimer).toMatch(/^Not legal advice: /);
    });

    it('summarize names each file as check does, relative to the project: no absolute path of the machine reaches the assistant', async () => {
        const facts = await structured<Record<string, any>>(session, 'summarize', { plan: 'corner-bakery/plan.mplan', asOf: AS_OF });
        expect(facts.path).toBe('corner-bakery/plan.mplan');
        expect(facts.uri).toBeUndefined();
        const text = JSON.stringify(facts);
        expect(text).not.toContain('file:');
        expect(text).not.toContain(project);
        // The places of items in the files the plan imports are paths too.
        const paths = new Set<string>();
        JSON.stringify(facts, (key, value) => {
            if (key === 'path' && typeof value === 'string') paths.add(value);
            return value;
        });
        expect([...paths].sort()).toEqual(expect.arrayContaining(['corner-bakery/plan.mplan', 'corner-bakery/shared/offer.mplan']));
        expect([...paths].every(path => path.startsWith('corner-bakery/'))).toBe(true);
    });

    it('report is the Markdown mplan report writes', async () => {
        const report = await call(session, 'report', { plan: 'ebook-list.mplan', asOf: AS_OF });
        const copy = fixtureProject();
        const run = await mplan(['report', 'ebook-list.mplan', '--out', 'report.md', '--as-of', AS_OF], copy);
        expect(run.code).toBe(0);
        expect(textOf(report)).toBe(readFileSync(join(copy, 'report.md'), 'utf8'));
    });

    it('summarize of a library is a tool error saying so', async () => {
        const result = await call(session, 'summarize', { plan: 'corner-bakery/shared/market.mplan' });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toBe('mplan: corner-bakery/shared/market.mplan: a library (no plan block), not a plan: summarize a plan that imports it');
    });
});

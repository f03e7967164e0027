/**
 * What each tool of `mplan mcp` does, as plain JSON: the CLI's building
 * blocks (the check and its fixes, the formatter, the report, the rule
 * pages) run on the project's files or an assistant's draft. Nothing here
 * judges a plan itself; everything it says comes from the core.
 */
import { fileURLToPath } from 'node:url';
import type { LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Range } from 'vscode-languageserver-types';
import { checkFiles, findingsOf, FIX_ROUNDS } from '../cli/check.js';
import { planFixes, type FixStatus } from '../cli/fix.js';
import { formatText } from '../cli/format-command.js';
import { summarise, type CliFinding, type Summary } from '../cli/formats/index.js';
import { ruleList } from '../cli/rules.js';
import { suggestion } from '../cli/args.js';
import { ChangedMeanwhile, describeWriteError, writeFileAtomic } from '../cli/write.js';
import { ruleExplanation } from '../host/rule-docs.js';
import type { Document } from '../language/generated/ast.js';
import { createMplanServices, type MplanServices } from '../language/mplan-module.js';
import { buildPlanReport } from '../language/report/build-report.js';
import type { PlanReport } from '../language/report/report-data.js';
import { renderReportMarkdown } from '../language/report/render-markdown.js';
import { RULES, ruleById } from '../language/rules/index.js';
import { Project, ToolError, type PlanInput, type Resolved } from './project.js';

/** A fix offered for a finding, and what apply_fixes does with it (`apply`: it applies it). */
export interface OfferedFix {
    title: string;
    kind: 'safe' | 'suggestion';
    /** apply: applied by apply_fixes; suggestion: a business fact, the user's to decide; choice: one of several; overlap: left to a later round. */
    status: FixStatus;
    edits: Array<{ line: number; column: number; endLine: number; endColumn: number; newText: string }>;
}

export type McpFinding = CliFinding & { fixes: OfferedFix[] };

export interface CheckResult {
    files: Array<{ path: string; findings: McpFinding[] }>;
    summary: Summary;
    unreadable?: Array<{ path: string; reason: string }>;
}

type Loaded = Awaited<ReturnType<typeof checkFiles>>;

function sameRange(finding: CliFinding, range: Range): boolean {
    return finding.line === range.start.line + 1 && finding.column === range.start.character + 1
        && finding.endLine === range.end.line + 1 && finding.endColumn === range.end.character + 1;
}

/** Loads and judges the files of a request: imports confined to the project, the files named too. */
async function judge(project: Project, resolved: Resolved): Promise<Loaded> {
    const loaded = await checkFiles(resolved.files, resolved.settings, [project.root], undefined, resolved.texts, true);
    if (loaded.entries.length === 0) {
        throw new ToolError(loaded.problems.map(problem => `${project.shown(problem.uri.fsPath)}: cannot read (${problem.message})`).join('; ') || 'no plan file could be read');
    }
    return loaded;
}

/** A document's findings as `mplan check --format json` gives them, each with the fixes offered for it. */
function findingsWithFixes(services: MplanServices, document: LangiumDocument<Document>): McpFinding[] {
    const planned = planFixes(services, document).fixes;
    return findingsOf(document).map(finding => ({
        ...finding,
        fixes: planned.filter(p => p.rule === finding.ruleId && sameRange(finding, p.range)).map(p => ({
            title: p.fix.title,
            kind: p.fix.kind,
            status: p.status,
            edits: p.fix.edits.map(edit => ({
                line: edit.range.start.line + 1,
                column: edit.range.start.character + 1,
                endLine: edit.range.end.line + 1,
                endColumn: edit.range.end.character + 1,
                newText: edit.newText
            }))
        }))
    }));
}

/** `check`: every file asked about and the files they import, judged as `mplan check` judges them. */
export async function checkTool(project: Project, input: PlanInput): Promise<CheckResult> {
    const resolved = await project.resolve(input);
    const loaded = await judge(project, resolved);
    const files = loaded.documents.map(document => ({ path: project.shown(document.uri.fsPath), findings: findingsWithFixes(loaded.services, document) }));
    const unreadable = [...resolved.unreadable, ...loaded.problems.map(problem => ({ path: project.shown(problem.uri.fsPath), reason: `cannot read (${problem.message})` }))];
    return { files, summary: summarise(files), ...(unreadable.length > 0 ? { unreadable } : {}) };
}

export interface FixedFile {
    path: string;
    /** The text with the safe fixes applied (the same text when none applied). */
    text: string;
    changed: boolean;
    /** Written to the disk (only with write: true, and only when changed). */
    written: boolean;
    /** Why it was not written, when write was asked and it was not. */
    notWritten?: string;
    /** The fixes applied, in the order applied (rule and title). */
    applied: Array<{ rule: string; title: string }>;
    /** The findings of the file before and after. */
    findingsBefore: number;
    findingsAfter: number;
    /** What is left for the user: suggestions (business facts), choices between fixes, fixes left over. */
    left: Array<{ rule: string; line: number; column: number; title: string; status: FixStatus }>;
}

/**
 * `apply_fixes`: the safe, unambiguous fixes applied to the files asked about,
 * in rounds as `mplan check --fix` applies them (a fix can make room for
 * another; a result that parses worse is not taken). Suggestions are listed,
 * never applied. Files are written only with `write` (paths only), each
 * atomically and only when it still holds the text that was read.
 */
export async function applyFixesTool(project: Project, input: PlanInput & { write?: boolean }): Promise<{ files: FixedFile[]; summary: { applied: number; left: number; written: number } }> {
    if (input.write && input.files !== undefined) throw new ToolError('write is for files in the project (paths); with files, the fixed text is returned');
    const resolved = await project.resolve(input);
    const named = new Set(resolved.files);
    const texts = new Map(resolved.texts);
    const applied = new Map<string, Array<{ rule: string; title: string }>>();
    let loaded = await judge(project, resolved);
    const original = new Map<string, string>();
    const before = new Map<string, number>();
    const namedDocuments = () => loaded.entries.filter(document => named.has(document.uri.fsPath));
    for (const document of namedDocuments()) {
        original.set(document.uri.fsPath, document.textDocument.getText());
        before.set(document.uri.fsPath, document.diagnostics?.length ?? 0);
    }
    for (let round = 0; round < FIX_ROUNDS; round++) {
        let changed = false;
        for (const document of namedDocuments()) {
            const plan = planFixes(loaded.services, document);
            if (plan.text === undefined) continue;
            texts.set(document.uri.fsPath, plan.text);
            const list = applied.get(document.uri.fsPath) ?? [];
            list.push(...plan.fixes.filter(fix => fix.status === 'apply').map(fix => ({ rule: fix.rule, title: fix.fix.title })));
            applied.set(document.uri.fsPath, list);
            changed = true;
        }
        if (!changed) break;
        loaded = await judge(project, { ...resolved, texts });
    }
    const files: FixedFile[] = namedDocuments().map(document => {
        const file = document.uri.fsPath;
        const text = document.textDocument.getText();
        const changed = text !== original.get(file);
        const left = planFixes(loaded.services, document).fixes.map(fix => ({
            rule: fix.rule, line: fix.range.start.line + 1, column: fix.range.start.character + 1, title: fix.fix.title, status: fix.status
        }));
        const result: FixedFile = {
            path: project.shown(file), text, changed, written: false, applied: applied.get(file) ?? [],
            findingsBefore: before.get(file) ?? 0, findingsAfter: document.diagnostics?.length ?? 0, left
        };
        if (input.write && changed) {
            try {
                writeFileAtomic(file, text, { unchangedFrom: original.get(file) });
                result.written = true;
            } catch (error) {
                result.notWritten = error instanceof ChangedMeanwhile
                    ? 'the file changed while mplan worked on it; not written: run again'
                    : `could not write (${describeWriteError(error)}); the file is unchanged`;
            }
        }
        return result;
    });
    return {
        files,
        summary: {
            applied: files.reduce((sum, file) => sum + file.applied.length, 0),
            left: files.reduce((sum, file) => sum + file.left.length, 0),
            written: files.filter(file => file.written).length
        }
    };
}

/**
 * `format`: each file in the house style (the editor's formatter); a file
 * with a syntax error is not formatted, and says where. Written only with
 * `write` (paths only), atomically, over the text that was read.
 */
export async function formatTool(project: Project, input: PlanInput & { write?: boolean }) {
    if (input.write && input.files !== undefined) throw new ToolError('write is for files in the project (paths); with files, the formatted text is returned');
    const resolved = await project.resolve(input);
    const { Mplan } = createMplanServices({ ...NodeFileSystem });
    const files: Array<{ path: string; changed: boolean; text?: string; written: boolean; notFormatted?: string }> = [];
    for (const file of resolved.files) {
        const name = project.shown(file);
        let text: string;
        try {
            text = project.textOf(file, resolved.texts);
        } catch (error) {
            files.push({ path: name, changed: false, written: false, notFormatted: (error as Error).message });
            continue;
        }
        const outcome = await formatText(Mplan, file, text);
        if (outcome.kind === 'refused') {
            files.push({ path: name, changed: false, written: false, notFormatted: outcome.reason });
            continue;
        }
        const formatted = outcome.kind === 'changed' ? outcome.text : text;
        const entry = { path: name, changed: outcome.kind === 'changed', text: formatted, written: false, notFormatted: undefined as string | undefined };
        if (input.write && entry.changed) {
            try {
                writeFileAtomic(file, formatted, { unchangedFrom: text });
                entry.written = true;
            } catch (error) {
                entry.notFormatted = error instanceof ChangedMeanwhile ? 'the file changed while mplan worked on it; not written: run again' : `could not write (${describeWriteError(error)})`;
            }
        }
        if (entry.notFormatted === undefined) delete entry.notFormatted;
        files.push(entry);
    }
    return { files };
}

/** The report's data of one plan (`summarize`) and the loaded plan, or a ToolError for a library. */
async function planReport(project: Project, input: PlanInput & { plan?: string }): Promise<PlanReport> {
    const { file, resolved } = await project.one(input);
    const loaded = await judge(project, resolved);
    const document = loaded.entries.find(entry => entry.uri.fsPath === file);
    if (!document) throw new ToolError(`${project.shown(file)}: cannot read`);
    const data = await buildPlanReport(loaded.services, document);
    if (!data) throw new ToolError(`${project.shown(file)}: a library (no plan block), not a plan: summarize a plan that imports it`);
    return data;
}

/** The report's data with each file named as `check` names it: `path`, relative to the project folder, for each file `uri`. */
export type Summarized = WithPaths<PlanReport>;
type WithPaths<T> = T extends Array<infer E> ? Array<WithPaths<E>>
    : T extends object ? { [K in keyof T as K extends 'uri' ? 'path' : K]: WithPaths<T[K]> } : T;

/**
 * `summarize`: the plan model's facts as the report reads them: budgets, spend by month, funnel
 * projection, unit economics, readiness. Where the report gives a file's URI (the plan, the place of
 * each item), the assistant gets its path in the project, as `check` gives it: no absolute path of
 * the user's machine goes into the conversation.
 */
export async function summarizeTool(project: Project, input: PlanInput & { plan?: string }): Promise<Summarized> {
    return withPaths(project, await planReport(project, input)) as Summarized;
}

function withPaths(project: Project, value: unknown): unknown {
    if (Array.isArray(value)) return value.map(item => withPaths(project, item));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) =>
        key === 'uri' && typeof item === 'string' && item.startsWith('file:') ? ['path', project.shown(fileURLToPath(item))] : [key, withPaths(project, item)]));
}

/** `report`: the Markdown report of one plan, as `mplan report PLAN --out FILE.md` writes it. */
export async function reportTool(project: Project, input: PlanInput & { plan?: string }): Promise<{ markdown: string }> {
    return { markdown: renderReportMarkdown(await planReport(project, input)) };
}

/** `list_rules`: the registry, as `mplan rules --format json` lists it, with the kinds of fix each offers. */
export function listRulesTool() {
    return { rules: ruleList().map(rule => ({ ...rule, fixKinds: [...(ruleById(rule.id)?.fixKinds ?? [])] })) };
}

/** `explain_rule`: what `mplan explain RULE` prints. */
export function explainRuleTool(id: string) {
    const rule = ruleById(id);
    const text = ruleExplanation(id);
    if (!rule || text === undefined) {
        const near = suggestion(id, RULES.map(r => r.id));
        throw new ToolError(`no rule '${id}'${near ? `.${near}` : ''} (list_rules lists them)`);
    }
    return { id: rule.id, severity: rule.severity, area: rule.area, description: rule.description, fixKinds: [...(rule.fixKinds ?? [])], explanation: text };
}

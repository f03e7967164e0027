import { statSync } from 'node:fs';
import * as path from 'node:path';
import { checkFiles, importRoots, runSettings } from './check.js';
import type { CommandResult } from './results.js';
import { expandPaths, shown, UsageError } from './files.js';
import { writeReport } from './output.js';
import { outputClash, type RunInput } from './write.js';
import { CONFIG_FILE_NAME } from '../language/config/config-file.js';
import type { Settings } from '../language/config/settings.js';
import { buildPlanReport } from '../language/report/build-report.js';
import { renderReportHtml } from '../language/report/render-html.js';
import { renderReportMarkdown } from '../language/report/render-markdown.js';

export interface ReportOptions { plan: string[]; out?: string; config?: string; asOf?: string; cwd: string }

type ReportFormat = 'html' | 'md';

/** The report formats, by the extension of --out. */
const FORMATS: Record<string, ReportFormat> = { '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md' };

/**
 * `mplan report PLAN --out FILE.html|FILE.md`: one plan, judged with the
 * files it imports under the same settings as `mplan check`, written as a
 * self-contained report (see docs/report.md). Exit 0 once the report is
 * written, whatever the plan's findings (the report shows them: a report is
 * for reading, `mplan check` is for failing a build); 2 for a usage or file
 * error, in one line.
 */
export async function report(options: ReportOptions): Promise<CommandResult> {
    let target: { file: string; format: ReportFormat };
    let file: string;
    let settings: Settings;
    try {
        file = await planFile(options.plan, options.cwd);
        target = outputOf(options.out, options.cwd);
        settings = runSettings(options.config, options.asOf, options.cwd);
    } catch (error) {
        if (error instanceof UsageError) return usage(error.message);
        throw error;
    }
    // --out onto the plan, a file it imports or the settings (a link named like a report): refused, before and once the imports are known.
    const inputs: RunInput[] = [
        { file, role: 'the plan this report is made from' },
        { file: path.resolve(options.cwd, options.config ?? CONFIG_FILE_NAME), role: 'the settings of this run' }
    ];
    const clash = () => outputClash('--out', options.out!, target.file, inputs, input => shown(input, options.cwd));
    let refused = clash();
    if (refused) return { stdout: '', stderr: refused, exitCode: 2 };
    const loaded = await checkFiles([file], settings, importRoots([file], options.cwd, options.config));
    inputs.push(...[...loaded.documents.map(document => document.uri.fsPath), ...loaded.problems.map(problem => problem.uri.fsPath)]
        .filter(imported => imported !== file)
        .map(imported => ({ file: imported, role: 'a file the plan imports' })));
    refused = clash();
    if (refused) return { stdout: '', stderr: refused, exitCode: 2 };
    if (loaded.problems.length > 0) return usage(`${shown(file, options.cwd)}: cannot read (${loaded.problems[0].message})`);
    const data = await buildPlanReport(loaded.services, loaded.entries[0]);
    if (!data) return usage(`${shown(file, options.cwd)}: a library (no plan block), not a plan: report on a plan that imports it`);
    const text = target.format === 'html' ? renderReportHtml(data) : renderReportMarkdown(data);
    // Atomically (a reader never sees half of it), as check --output writes its findings.
    const problem = writeReport(target.file, text);
    if (problem) return usage(`${shown(target.file, options.cwd)}: cannot write the report (${problem})`);
    return { stdout: `wrote ${shown(target.file, options.cwd)}\n`, stderr: '', exitCode: 0 };
}

function usage(message: string): CommandResult {
    return { stdout: '', stderr: `mplan: ${message}\n`, exitCode: 2 };
}

/** The one plan file of the command line: not none, not two, not a folder. */
async function planFile(args: string[], cwd: string): Promise<string> {
    if (args.length === 0) throw new UsageError('report needs a plan file: mplan report PLAN --out FILE.html|FILE.md');
    if (args.length > 1) throw new UsageError(`report takes one plan file, not ${args.length} (${args.join(', ')})`);
    const arg = args[0];
    let isFolder = false;
    try {
        isFolder = statSync(path.resolve(cwd, arg)).isDirectory();
    } catch {
        // Not there: expandPaths says so in its words.
    }
    if (isFolder) throw new UsageError(`${arg}: is a folder; report takes one plan file`);
    const files = await expandPaths([arg], cwd);
    if (files.length !== 1) throw new UsageError(`${arg}: matches ${files.length} plan files; report takes one`);
    return files[0];
}

/** Where the report goes and in which format, from --out's extension. */
function outputOf(out: string | undefined, cwd: string): { file: string; format: ReportFormat } {
    if (!out) throw new UsageError('report needs --out FILE.html or --out FILE.md');
    const format = FORMATS[path.extname(out).toLowerCase()];
    if (!format) throw new UsageError(`--out ${out}: the report is written as .html or .md (the extension says which)`);
    return { file: path.resolve(cwd, out), format };
}

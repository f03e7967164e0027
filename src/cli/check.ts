import * as path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { createMplanServices } from '../language/mplan-module.js';
import { describeReadError, loadPlans, type LoadResult } from '../language/workspace/plan-loader.js';
import type { MplanServices } from '../language/mplan-module.js';
import type { MplanIndexManager } from '../language/workspace/index-manager.js';
import { pathToFileURL } from 'node:url';
import { rulesDocsDir } from '../host/rule-docs.js';
import { describeFixes, fixesFor, planFixes } from './fix.js';
import { ChangedMeanwhile, changedMeanwhileLine, outputClash, writeFileAtomic, type RunInput } from './write.js';
import type { Settings } from '../language/config/settings.js';
import { dateProblem } from '../language/model/values.js';
import { loadSettings, settingsFolder } from './config.js';
import { CONFIG_FILE_NAME } from '../language/config/config-file.js';
import { readPlanFile } from '../host/read.js';
import { PLAN_FILE_EXTENSION } from '../language/scoping/imports.js';
import picomatch from 'picomatch';
import { statSync } from 'node:fs';
import { DEFAULT_IGNORE_FILE, findPlans, linkConfinement, loadIgnoreFilter, problemLine, shown, UsageError, type FoundPlans, type IgnoreFilter, type PathProblem } from './files.js';
import { toFinding, type CliFileResult, type CliFinding } from './formats/index.js';
import type { CheckOptions } from './check-options.js';
import type { CheckedRun, CommandResult } from './results.js';
import { applyBaseline, readBaseline, writeBaseline, type Baseline } from './baseline.js';
import { createProgress, type Progress, type ProgressCounts } from './progress.js';
import { checkInParallel, type BatchRequest, type BatchResult, type JudgedFile } from './parallel.js';
import { present } from './output.js';

/** How many rounds --fix makes at most: a fix can make room for another. */
export const FIX_ROUNDS = 5;

/**
 * `mplan check`: every plan file named (folders searched, globs matched,
 * files the ignore file names left out), with the files they import, is
 * parsed, linked and judged by every rule; a baseline then removes the
 * findings it records. Exit 0 when no finding is an error, 1 when one is, 2
 * when a path, the ignore file or the baseline cannot be read. A path or file
 * that cannot be read does not stop the others: they are checked and
 * reported, the unreadable ones are told one line each, and the exit is 2.
 */
export async function check(options: CheckOptions): Promise<CommandResult> {
    const started = performance.now();
    let found: FoundPlans;
    let settings: Settings;
    let filter: IgnoreFilter | undefined;
    let baseline: Baseline | undefined;
    let roots: string[];
    try {
        settings = runSettings(options.config, options.asOf, options.cwd);
        filter = loadIgnoreFilter(options);
        found = await findPlans(options.paths.length ? options.paths : ['.'], options.cwd, filter);
        roots = importRoots(options.paths.length ? options.paths : ['.'], options.cwd, options.config);
        // Read before judging, so that a wrong path fails at once; writing a baseline records every finding.
        if (options.baseline !== undefined && options.writeBaseline === undefined) baseline = readBaseline(options.baseline, options.cwd);
    } catch (error) {
        if (error instanceof UsageError) return { stdout: '', stderr: `mplan: ${error.message}\n`, exitCode: 2 };
        throw error;
    }
    const files = found.files;
    // An output that would replace a plan named, the settings, the ignore file or the baseline: refused before any work.
    const inputs = runInputs(options, files, filter !== undefined);
    const clash = outputsClash(options, inputs);
    if (clash) return { stdout: '', stderr: clash, exitCode: 2 };
    let notes = found.skipped.map(arg => `mplan: ${arg}: ignored by ${filter!.name}, not checked (--no-ignore checks it)\n`).join('');
    // Nothing to check but paths that give none: their lines alone (a run of no files would say "no problems").
    if (files.length === 0 && found.problems.length > 0) return { stdout: '', stderr: notes + unreadableLines(found.problems), exitCode: 2 };
    const progress = createProgress(files.length);
    if (options.fixDryRun) return listFixes(files, settings, roots, options, progress, notes, found.problems);
    let run: CheckedRun;
    let notWritten = false;
    try {
        if (options.fix) {
            const fixing = await checkAndFix(files, settings, roots, options, progress);
            notes += fixing.notes;
            run = fixing.run;
            notWritten = fixing.notWritten;
        } else {
            const parallel = await checkInParallel(files, settings, roots, options.jobs, counts => progress.update(counts), judgeBatch);
            run = typeof parallel !== 'string' ? parallel : inProcessRun(await checkFiles(files, settings, roots, counts => progress.update(counts)), parallel);
        }
    } finally {
        progress.done();
    }
    // Every path and file that could not be read, each in one line; the files that could are reported all the same.
    const unreadable: PathProblem[] = [
        ...found.problems,
        ...run.problems.map(p => ({ path: shown(p.file, options.cwd), reason: `cannot read (${p.message})` }))
    ];
    if (unreadable.length > 0 && run.checked.length === 0) return { stdout: '', stderr: notes + unreadableLines(unreadable), exitCode: 2 };
    if (unreadable.length > 0 && options.writeBaseline !== undefined) {
        // A baseline without the files that could not be read would let their findings through later unseen.
        return { stdout: '', stderr: `${notes}${unreadableLines(unreadable)}mplan: ${options.writeBaseline}: not written, as not every file could be read\n`, exitCode: 2 };
    }
    // Now that the imports are known: an output that would replace a file a plan imports.
    const named = new Set(files);
    const imported = [...run.checked.map(file => file.file), ...run.problems.map(problem => problem.file)].filter(file => !named.has(file));
    const importClash = outputsClash(options, imported.map(file => ({ file, role: 'a file a checked plan imports' })));
    if (importClash) return { stdout: '', stderr: notes + importClash, exitCode: 2 };
    if (process.env.MPLAN_DEBUG_JOBS) notes += `mplan: ${run.plan}\n`;
    // Ignored means not reported: an ignored file imported by a plan was judged with it, and is dropped here.
    let checked = filter ? run.checked.filter(file => !filter.ignores(file.file)) : run.checked;
    if (options.writeBaseline !== undefined) {
        try {
            const count = writeBaseline(options.writeBaseline, options.cwd, checked);
            return { stdout: `wrote ${count} finding${count === 1 ? '' : 's'} to ${options.writeBaseline}\n`, stderr: notes, exitCode: 0 };
        } catch (error) {
            if (error instanceof UsageError) return { stdout: '', stderr: `${notes}mplan: ${error.message}\n`, exitCode: 2 };
            throw error;
        }
    }
    let baselineMatched: number | undefined;
    if (baseline) ({ checked, matched: baselineMatched } = applyBaseline(baseline, checked));
    const results: CliFileResult[] = checked.map(file => ({ path: shown(file.file, options.cwd), findings: file.findings }));
    return present(results, options, { notes, started, baselineMatched, unreadable, notWritten });
}

/** The files a check reads before it judges, which no output may replace: the plans named, the settings, the ignore file, the baseline. */
function runInputs(options: CheckOptions, files: string[], ignoring: boolean): RunInput[] {
    const inputs: RunInput[] = files.map(file => ({ file, role: 'a plan this run checks' }));
    inputs.push({ file: path.resolve(options.cwd, options.config ?? CONFIG_FILE_NAME), role: 'the settings of this run' });
    if (ignoring) inputs.push({ file: path.resolve(options.cwd, options.ignorePath ?? DEFAULT_IGNORE_FILE), role: 'the ignore file of this run' });
    // Read only when no baseline is written: `--baseline b.json --write-baseline b.json` renews it.
    if (options.baseline !== undefined && options.writeBaseline === undefined) inputs.push({ file: path.resolve(options.cwd, options.baseline), role: 'the baseline of this run' });
    return inputs;
}

/** The line refusing --output or --write-baseline when its file is one of `inputs`, or undefined. */
function outputsClash(options: CheckOptions, inputs: RunInput[]): string | undefined {
    for (const [option, name] of [['--output', options.output], ['--write-baseline', options.writeBaseline]] as const) {
        if (name === undefined) continue;
        const line = outputClash(option, name, path.resolve(options.cwd, name), inputs, file => shown(file, options.cwd));
        if (line) return line;
    }
    return undefined;
}

/** The lines that tell the paths and files that could not be read. */
function unreadableLines(problems: PathProblem[]): string {
    return problems.map(problem => `mplan: ${problemLine(problem)}\n`).join('');
}

/**
 * `--fix`: checks the files, applies the unambiguous fixes to the files named
 * and checks again, for a few rounds (a fix can make room for another); then
 * the run of the last check and the notes (files fixed, files not written).
 * Always in this process: each round needs the documents of the one before.
 */
async function checkAndFix(files: string[], settings: Settings, roots: string[], options: CheckOptions, progress: Progress): Promise<{ run: CheckedRun; notes: string; notWritten: boolean }> {
    const fixed = new Map<string, Set<string>>();
    /** Files edited by someone else while this run worked on them: left as they are from then on. */
    const leftAlone = new Set<string>();
    let notes = '';
    let notWritten = false;
    let loaded = await checkFiles(files, settings, roots, counts => progress.update(counts));
    for (let round = 0; round < FIX_ROUNDS; round++) {
        let changed = false;
        const named = new Set(files.map(file => URI.file(file).toString()));
        for (const document of loaded.entries) {
            if (!named.has(document.uri.toString()) || leftAlone.has(document.uri.fsPath)) continue;
            const fix = fixesFor(loaded.services, document);
            if (!fix) continue;
            try {
                // Only over the text this round read: an edit saved meanwhile is kept, not overwritten.
                writeFileAtomic(document.uri.fsPath, fix.text, { unchangedFrom: document.textDocument.getText() });
            } catch (error) {
                notWritten = true;
                if (error instanceof ChangedMeanwhile) {
                    leftAlone.add(document.uri.fsPath);
                    notes += changedMeanwhileLine(shown(document.uri.fsPath, options.cwd));
                } else {
                    notes += `mplan: ${shown(document.uri.fsPath, options.cwd)}: could not write the fixes (${describeReadError(error)}); the file is unchanged\n`;
                }
                continue;
            }
            changed = true;
            const set = fixed.get(document.uri.fsPath) ?? new Set<string>();
            fix.rules.forEach(rule => set.add(rule));
            fixed.set(document.uri.fsPath, set);
        }
        if (!changed) break;
        loaded = await checkFiles(files, settings, roots);
    }
    for (const [file, rules] of fixed) {
        notes += `fixed ${shown(file, options.cwd)}: ${[...rules].sort().join(', ')}\n`;
    }
    return { run: inProcessRun(loaded, '--fix'), notes, notWritten };
}

/**
 * `--fix-dry-run`: checks the files and lists, per file named, what the first
 * round of --fix would apply and the suggestions and choices it leaves
 * (fix.ts), writing nothing. Exit 0, or 2 when a file cannot be read.
 */
async function listFixes(files: string[], settings: Settings, roots: string[], options: CheckOptions, progress: Progress, notes: string, pathProblems: PathProblem[]): Promise<CommandResult> {
    let loaded: Awaited<ReturnType<typeof checkFiles>>;
    try {
        loaded = await checkFiles(files, settings, roots, counts => progress.update(counts));
    } finally {
        progress.done();
    }
    // The files that could be read are listed all the same; each one that could not is one line, and the run exits 2.
    const unreadable: PathProblem[] = [
        ...pathProblems,
        ...loaded.problems.map(p => ({ path: shown(p.uri.fsPath, options.cwd), reason: `cannot read (${p.message})` }))
    ];
    const named = new Set(files.map(file => URI.file(file).toString()));
    const planned = loaded.entries
        .filter(document => named.has(document.uri.toString()))
        .map(document => ({ shown: shown(document.uri.fsPath, options.cwd), document, plan: planFixes(loaded.services, document) }))
        .sort((a, b) => a.shown.localeCompare(b.shown));
    return { stdout: describeFixes(planned), stderr: notes + unreadableLines(unreadable), exitCode: unreadable.length > 0 ? 2 : 0 };
}

/** A file's findings as the CLI shows them, by position. */
export function findingsOf(document: LangiumDocument): CliFinding[] {
    return (document.diagnostics ?? []).map(toFinding).sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The run of a check made in this process, and why it was (for MPLAN_DEBUG_JOBS). */
function inProcessRun(loaded: LoadResult, why: string): CheckedRun {
    return {
        checked: loaded.documents.map(document => {
            const findings = findingsOf(document);
            return { file: document.uri.fsPath, findings, text: findings.length > 0 ? document.textDocument.getText() : '' };
        }),
        problems: loaded.problems.map(problem => ({ file: problem.uri.fsPath, message: problem.message })),
        plan: `checked ${loaded.documents.length} files in process (${why})`
    };
}

/**
 * Langium's file system for a one-shot check: it tells each file read (the
 * progress counts reading), and reads synchronously. The loader reads one file
 * after the other anyway, and a small file read at once costs a fraction of an
 * asynchronous read's round trips through the thread pool: a fifth of a
 * 1,000-file check was spent waiting for them. Files are read as plan files
 * (host/read.ts: regular files of a bounded size, UTF-8 text), and a file that is
 * not named on the command line only when, links followed, it is inside the
 * project (`confine`).
 */
class CheckFileSystem extends NodeFileSystemProvider {
    constructor(private readonly onRead: () => void, private readonly confine: (file: string) => void, private readonly texts?: ReadonlyMap<string, string>) {
        super();
    }

    override async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    override readFileSync(uri: URI): string {
        // Other files (the rule docs the report and SARIF quote) are mplan's own.
        if (!uri.path.endsWith(PLAN_FILE_EXTENSION)) return super.readFileSync(uri);
        const given = this.texts?.get(uri.fsPath);
        if (given !== undefined) {
            this.onRead();
            return given;
        }
        this.confine(uri.fsPath);
        const text = readPlanFile(uri.fsPath);
        this.onRead();
        return text;
    }
}

/**
 * The folders a run's imports must stay in (see resolveImportPath in
 * scoping/imports.ts): the working folder, the folder of the settings file
 * in use, and each path named on the command line that lies outside them (a
 * folder itself, a file's folder, a glob's base folder), so that
 * `mplan check ../other-project` judges that project as its own.
 */
export function importRoots(paths: string[], cwd: string, config: string | undefined): string[] {
    const roots = [path.resolve(cwd)];
    const folder = settingsFolder(config, cwd);
    const add = (candidate: string) => {
        if (!roots.some(root => isWithin(candidate, root))) roots.push(candidate);
    };
    if (folder) add(folder);
    for (const arg of paths) {
        const absolute = path.resolve(cwd, arg);
        let named: string;
        try {
            named = statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
        } catch {
            named = path.resolve(cwd, picomatch.scan(arg).base || '.');
        }
        add(named);
    }
    return roots;
}

function isWithin(file: string, folder: string): boolean {
    const relative = path.relative(folder, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Loads and builds the files (and their imports) with fresh services and the
 * given settings, imports confined to `roots` (importRoots), telling
 * `onProgress` how many files are read and judged. `texts` (absolute path to
 * text) are plan files as given rather than as on disk: `mplan mcp` checks an
 * assistant's draft through it, its other imports read from the disk.
 * `confineNamed` holds the files named to the confinement of imports too
 * (`mplan mcp`: only what is inside the project is read).
 */
export async function checkFiles(files: string[], settings: Settings, roots: string[], onProgress?: (counts: ProgressCounts) => void, texts?: ReadonlyMap<string, string>, confineNamed = false): Promise<LoadResult & { services: MplanServices }> {
    const counts: ProgressCounts = { read: 0, toRead: files.length, linked: 0, judged: 0, toJudge: 0 };
    const tell = () => onProgress?.(counts);
    const confine = linkConfinement(roots, confineNamed ? [] : files);
    const { shared, Mplan } = createMplanServices({ fileSystemProvider: () => new CheckFileSystem(() => { counts.read++; tell(); }, confine, texts) });
    Mplan.config.SettingsProvider.set(settings);
    Mplan.references.ImportResolver.setRoots(roots.map(root => URI.file(root)));
    Mplan.config.RuleDocs.setBase(pathToFileURL(rulesDocsDir()).href);
    // A one-shot check needs no index of references (find-references, rename).
    (shared.workspace.IndexManager as MplanIndexManager).indexReferences = false;
    if (onProgress) {
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, built => { counts.toJudge = built.length; tell(); });
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, () => { counts.linked++; tell(); });
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, () => { counts.judged++; tell(); });
    }
    return { ...await loadPlans(Mplan, files.map(file => URI.file(file))), services: Mplan };
}

/**
 * Checks one batch of a parallel run (in a worker thread, or in this one)
 * and describes each file loaded with what the verification of the split
 * needs (see parallel.ts): its imports, the names it declares and the names
 * it refers to that do not resolve.
 */
export async function judgeBatch(request: BatchRequest, onProgress?: (counts: ProgressCounts) => void): Promise<BatchResult> {
    const loaded = await checkFiles(request.files, request.settings, request.roots, onProgress);
    const shared = loaded.services.shared;
    const reflection = shared.AstReflection;
    const imports = loaded.services.references.ImportResolver;
    // What each file declares, in the index's order: the order `declaredAnywhere` finds names in.
    const declared = new Map<string, string[]>();
    for (const description of shared.workspace.IndexManager.allElements()) {
        const uri = description.documentUri.toString();
        const names = declared.get(uri) ?? [];
        names.push(`${description.type}\n${description.name}`);
        declared.set(uri, names);
    }
    const documents = loaded.documents.map((document): JudgedFile => {
        const uri = document.uri.toString();
        const findings = findingsOf(document);
        return {
            file: document.uri.fsPath,
            uri,
            findings,
            text: findings.length > 0 ? document.textDocument.getText() : '',
            imports: imports.resolveImports(document).filter(imp => imp.document).map(imp => imp.uri.toString()),
            declares: declared.get(uri) ?? [],
            unresolved: document.references.flatMap(reference => reference.error
                ? [`${reflection.getReferenceType(reference.error.info)}\n${reference.$refText}`]
                : [])
        };
    });
    return { documents, problems: loaded.problems.map(problem => ({ file: problem.uri.fsPath, message: problem.message })) };
}

/**
 * The settings of a run: --config (or mplan.json in cwd) read by loadSettings,
 * then --as-of, checked to be a real day. `check` and `report` share it, so
 * both judge a plan alike. Problems are UsageErrors (one line, exit 2).
 */
export function runSettings(config: string | undefined, asOf: string | undefined, cwd: string): Settings {
    const settings = loadSettings(config, cwd);
    if (asOf === undefined) return settings;
    const problem = dateProblem(asOf);
    if (problem) throw new UsageError(`--as-of takes a date (YYYY-MM-DD): ${problem}`);
    return { ...settings, asOf };
}

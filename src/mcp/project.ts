/**
 * The project folder `mplan mcp` was started in, and what an assistant may
 * name in it: plan files and folders by path (read from the disk with the
 * CLI's limits and confinement), or plan text it drafted, under a name inside
 * the project (so that its imports resolve as they would on disk). Nothing
 * outside the folder is read, links followed; every refusal is a ToolError,
 * one line in words.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import { findPlans, linkConfinement, loadIgnoreFilter, problemLine, shown, type PathProblem } from '../cli/files.js';
import { runSettings } from '../cli/check.js';
import { MAX_PLAN_BYTES, readPlanFile, sizeInWords, UnreadableFile } from '../host/read.js';
import { describeReadError } from '../language/workspace/plan-loader.js';
import { PLAN_FILE_EXTENSION } from '../language/scoping/imports.js';
import type { Settings } from '../language/config/settings.js';
import { dateProblem } from '../language/model/values.js';

/** A tool's refusal, told to the assistant as the tool's error, in one line. */
export class ToolError extends Error {}

/** Plan text an assistant gives instead of a file: its name in the project and its text. */
export interface GivenFile {
    path: string;
    text: string;
}

/** What a tool is asked about: plan text, or paths in the project (files, folders, quoted globs). */
export interface PlanInput {
    files?: GivenFile[];
    paths?: string[];
    asOf?: string;
}

/** The plan files of a request, resolved. */
export interface Resolved {
    /** Absolute paths of the files asked about, in the order given (a folder's and a glob's sorted). */
    files: string[];
    /** The given texts by absolute path (none for paths read from the disk). */
    texts: Map<string, string>;
    /** Paths that gave nothing to check, each with why (the others are still checked). */
    unreadable: PathProblem[];
    settings: Settings;
}

export class Project {
    /** The files of the project may be read; links inside it that lead out of it are not followed. */
    private readonly confine: (file: string) => void;

    constructor(readonly root: string) {
        this.confine = linkConfinement([root], []);
    }

    /** A path as the assistant reads it: relative to the project folder. */
    shown(file: string): string {
        return shown(file, this.root);
    }

    /** True when the absolute path is the project folder or inside it, as written (links are judged by `confine`). */
    private inside(file: string): boolean {
        const relative = path.relative(this.root, file);
        return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    }

    /** A path the assistant names, absolute, or a ToolError when it lies outside the project. */
    private within(name: string, what: string): string {
        if (name.includes('\0')) throw new ToolError(`${what} '${name.replace(/\0/g, '\\0')}': a path has no NUL character`);
        const absolute = path.resolve(this.root, name);
        if (!this.inside(absolute)) throw new ToolError(`${what} '${name}' is outside the project folder ${this.root}; mplan mcp reads only files inside it`);
        return absolute;
    }

    /** The settings of a request: mplan.json of the project (if any), with `asOf`. */
    settings(asOf: string | undefined): Settings {
        // Named as the tool names it (runSettings names the CLI's --as-of).
        const problem = asOf === undefined ? undefined : dateProblem(asOf);
        if (problem) throw new ToolError(`asOf takes a date (YYYY-MM-DD): ${problem}`);
        return runSettings(undefined, asOf, this.root);
    }

    /**
     * The plan files of a request: the texts given, else the paths (default:
     * the whole project, as `mplan check` in its folder), found as `mplan check`
     * finds them (.mplanignore kept), each inside the project once links are
     * followed. No file at all is a ToolError naming why.
     */
    async resolve(input: PlanInput): Promise<Resolved> {
        const settings = this.settings(input.asOf);
        if (input.files !== undefined && input.paths !== undefined) throw new ToolError('give either files (plan text) or paths (files in the project), not both');
        const texts = new Map<string, string>();
        if (input.files !== undefined) {
            if (input.files.length === 0) throw new ToolError('files is empty: give at least one plan file ({ path, text })');
            for (const given of input.files) {
                const file = this.within(given.path, 'file');
                if (!file.endsWith(PLAN_FILE_EXTENSION)) throw new ToolError(`file '${given.path}': a plan file's name ends in ${PLAN_FILE_EXTENSION}`);
                if (texts.has(file)) throw new ToolError(`file '${given.path}' is given twice`);
                const bytes = Buffer.byteLength(given.text, 'utf8');
                if (bytes > MAX_PLAN_BYTES) throw new ToolError(`file '${given.path}': too big for a plan file: ${sizeInWords(bytes)}, over the limit of ${sizeInWords(MAX_PLAN_BYTES)}`);
                texts.set(file, given.text);
            }
            return { files: [...texts.keys()], texts, unreadable: [], settings };
        }
        const paths = input.paths === undefined || input.paths.length === 0 ? ['.'] : input.paths;
        // A path, or a glob's base folder, outside the project: refused before anything is searched.
        for (const name of paths) this.within(picomatch.scan(name).isGlob ? picomatch.scan(name).base || '.' : name, 'path');
        const found = await findPlans(paths, this.root, loadIgnoreFilter({ noIgnore: false, cwd: this.root }));
        const unreadable: PathProblem[] = [...found.problems, ...found.skipped.map(name => ({ path: name, reason: 'ignored by .mplanignore, not checked' }))];
        const files: string[] = [];
        for (const file of found.files) {
            try {
                this.confine(file);
                files.push(file);
            } catch (error) {
                unreadable.push({ path: this.shown(file), reason: `cannot read (${describeReadError(error)})` });
            }
        }
        if (files.length === 0) throw new ToolError(unreadable.length > 0 ? unreadable.map(problemLine).join('; ') : 'no plan files found');
        return { files, texts, unreadable, settings };
    }

    /**
     * One plan file of a request (summarize, report): `plan` names it among the
     * files given or in the project; without it, the only file given.
     */
    async one(input: PlanInput & { plan?: string }): Promise<{ file: string; resolved: Resolved }> {
        if (input.files === undefined) {
            const name = input.plan ?? input.paths?.[0];
            if (name === undefined) throw new ToolError('name the plan: plan (a plan file in the project) or files (plan text)');
            if ((input.paths?.length ?? 0) > 1) throw new ToolError('paths names more than one file: name the one plan with plan');
            const resolved = await this.resolve({ paths: [name], asOf: input.asOf });
            if (resolved.files.length !== 1) throw new ToolError(`'${name}' is ${resolved.files.length} plan files; name one file`);
            return { file: resolved.files[0], resolved };
        }
        const resolved = await this.resolve(input);
        if (input.plan === undefined) {
            if (resolved.files.length > 1) throw new ToolError('several files are given: name the plan among them with plan');
            return { file: resolved.files[0], resolved };
        }
        const file = this.within(input.plan, 'plan');
        if (!resolved.texts.has(file)) throw new ToolError(`plan '${input.plan}' is none of the files given`);
        return { file, resolved };
    }

    /** The text of a plan file named by a request: as given, else read from the disk with the CLI's limits. */
    textOf(file: string, texts: ReadonlyMap<string, string>): string {
        const given = texts.get(file);
        if (given !== undefined) return given;
        try {
            this.confine(file);
            return readPlanFile(file);
        } catch (error) {
            throw new ToolError(`${this.shown(file)}: cannot read (${error instanceof UnreadableFile ? error.message : describeReadError(error)})`);
        }
    }
}

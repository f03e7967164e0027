/**
 * The boundaries between the core and its faces (ARCHITECTURE.md, Invariants),
 * held by reading the imports of every source file: static text analysis,
 * no compiler. Every way a file can name another counts: `import`, `import
 * type`, `export … from`, `import('…')` (a dynamic import or an import type)
 * and `require('…')`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

/** The faces: each uses the core, none uses another. */
const FACES = ['src/cli', 'src/server', 'src/extension', 'src/mcp', 'src/web'] as const;

/** Node-side helpers the faces share (reading a plan file, a rule's page). */
const HOST = 'src/host';

const CORE = 'src/language';

/**
 * The Node modules the core may import. None: the core is meant to run in a
 * browser's web worker too, and reaches files only through Langium's
 * FileSystemProvider, which each face gives it.
 */
const CORE_NODE_ALLOWED: readonly string[] = [];

/**
 * The one import of a face by another: `mplan lsp` starts the language
 * server in the CLI's own process (a dynamic import, so the CLI's other
 * commands do not load it).
 */
const FACE_IMPORTS_ALLOWED: ReadonlyArray<readonly [from: string, to: string]> = [
    ['src/cli/main.ts', 'src/server/main.ts']
];

/**
 * Faces built on another: the MCP server (`mplan mcp`) offers the CLI's
 * commands to an AI assistant, so it runs the CLI's building blocks (the
 * check, its fixes, the formatter, path confinement) rather than a copy of
 * them. Never the other way: the CLI starts the MCP server from its bundle
 * at run time (`require('./mcp.cjs')` in src/cli/bin.ts), importing none of it.
 */
const FACE_DEPENDENCIES_ALLOWED: ReadonlyArray<readonly [from: string, to: string]> = [
    ['src/mcp', 'src/cli']
];

/** One import of a source file: what it names, and the file it names when relative (else undefined). */
export interface Import {
    specifier: string;
    target?: string;
}

interface Token {
    kind: 'word' | 'string' | 'punct';
    text: string;
}

/**
 * The tokens of TypeScript text that matter for imports: words, string
 * literals (their value) and punctuation. Comments, template literals and
 * regular expression literals are skipped, so text in them never counts.
 */
export function tokens(text: string): Token[] {
    const out: Token[] = [];
    let i = 0;
    const skipTemplate = (): void => {
        // At the opening backtick; ends after the closing one, skipping ${ … } (nested templates too).
        i++;
        while (i < text.length && text[i] !== '`') {
            if (text[i] === '\\') i += 2;
            else if (text[i] === '$' && text[i + 1] === '{') {
                i += 2;
                let depth = 1;
                while (i < text.length && depth > 0) {
                    const c = text[i];
                    if (c === '`') skipTemplate();
                    else if (c === '"' || c === "'") readString();
                    else {
                        if (c === '{') depth++;
                        else if (c === '}') depth--;
                        i++;
                    }
                }
            } else i++;
        }
        i++;
    };
    const readString = (): string => {
        const quote = text[i++];
        let value = '';
        while (i < text.length && text[i] !== quote && text[i] !== '\n') {
            if (text[i] === '\\') {
                value += text[i + 1];
                i += 2;
            } else value += text[i++];
        }
        i++;
        return value;
    };
    /** Whether a `/` here starts a regular expression rather than a division. */
    const regexAllowed = (): boolean => {
        const last = out[out.length - 1];
        if (!last) return true;
        if (last.kind === 'word') return ['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'void', 'throw', 'delete', 'instanceof'].includes(last.text);
        if (last.kind === 'string') return false;
        return ![')', ']', '}'].includes(last.text);
    };
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) i++;
        else if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') i++;
        } else if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            i = end === -1 ? text.length : end + 2;
        } else if (c === '"' || c === "'") out.push({ kind: 'string', text: readString() });
        else if (c === '`') skipTemplate();
        else if (c === '/' && regexAllowed()) {
            i++;
            let inClass = false;
            while (i < text.length && text[i] !== '\n' && (inClass || text[i] !== '/')) {
                if (text[i] === '\\') i++;
                else if (text[i] === '[') inClass = true;
                else if (text[i] === ']') inClass = false;
                i++;
            }
            i++;
            while (/[a-z]/i.test(text[i] ?? '')) i++;
        } else if (/[\w$]/.test(c)) {
            const start = i;
            while (i < text.length && /[\w$]/.test(text[i])) i++;
            out.push({ kind: 'word', text: text.slice(start, i) });
        } else {
            out.push({ kind: 'punct', text: c });
            i++;
        }
    }
    return out;
}

/** The module specifiers a TypeScript text names, in order. */
export function specifiers(text: string): string[] {
    const t = tokens(text);
    const found: string[] = [];
    const at = (k: number, kind: Token['kind'], value?: string): boolean => t[k]?.kind === kind && (value === undefined || t[k].text === value);
    for (let k = 0; k < t.length; k++) {
        if (!at(k, 'word')) continue;
        const word = t[k].text;
        // A property named import or require (`x.import(…)`) is no import.
        if (at(k - 1, 'punct', '.')) continue;
        if ((word === 'import' || word === 'require') && at(k + 1, 'punct', '(') && at(k + 2, 'string') && at(k + 3, 'punct', ')')) {
            found.push(t[k + 2].text);
        } else if (word === 'import' && at(k + 1, 'string')) {
            found.push(t[k + 1].text);
        } else if (word === 'import' || word === 'export') {
            // `import … from '…'`, `export { … } from '…'`, `export * as x from '…'`: the clause holds no `;` or string.
            if (word === 'import' && (at(k + 1, 'punct', '(') || at(k + 1, 'punct', '.'))) continue;
            if (word === 'export' && !(at(k + 1, 'punct', '{') || at(k + 1, 'punct', '*') || (at(k + 1, 'word', 'type') && at(k + 2, 'punct', '{')))) continue;
            for (let j = k + 1; j < t.length; j++) {
                if (at(j, 'punct', ';') || at(j, 'string') || at(j, 'word', 'import') || at(j, 'word', 'export')) break;
                if (at(j, 'word', 'from') && at(j + 1, 'string')) {
                    found.push(t[j + 1].text);
                    break;
                }
            }
        }
    }
    return found;
}

/** A source file's path from the root, with forward slashes. */
function relative(file: string): string {
    return path.relative(ROOT, file).split(path.sep).join('/');
}

/** The source file a relative specifier names (`./x.js` is `./x.ts`), or its plain path when there is none. */
function resolve(from: string, specifier: string): string {
    const base = path.resolve(path.dirname(path.join(ROOT, from)), specifier);
    const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.d.ts'), `${base}.ts`, path.join(base, 'index.ts'), base];
    return relative(candidates.find(candidate => existsSync(candidate) && !candidate.endsWith(path.sep)) ?? base);
}

/** Every source file under src/ but the generated ones, from the root. */
function sourceFiles(dir = SRC): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return full === path.join(SRC, 'language', 'generated') ? [] : sourceFiles(full);
        return entry.name.endsWith('.ts') ? [relative(full)] : [];
    }).sort();
}

/** Every source file's imports. */
function importsOf(files: readonly string[]): Map<string, Import[]> {
    return new Map(files.map(file => [file, specifiers(readFileSync(path.join(ROOT, file), 'utf8'))
        .map(specifier => ({ specifier, target: specifier.startsWith('.') ? resolve(file, specifier) : undefined }))]));
}

/** The part of the code a file belongs to: a face, the host, the core, or undefined (outside src/). */
function partOf(file: string): string | undefined {
    return [...FACES, HOST, CORE].find(part => file === part || file.startsWith(`${part}/`));
}

/** Whether a bare specifier names a Node builtin (`node:fs`, `fs`, `fs/promises`). */
function isNodeBuiltin(specifier: string): boolean {
    return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

/** What is wrong with one import, or undefined. */
export function violation(file: string, { specifier, target }: Import): string | undefined {
    const from = partOf(file);
    const to = target === undefined ? undefined : partOf(target);
    const where = `${file} imports ${specifier}`;
    if (from === CORE) {
        if (isNodeBuiltin(specifier) && !CORE_NODE_ALLOWED.includes(specifier.replace(/^node:/, ''))) {
            return `${where}: src/language must not import Node's modules (it runs outside Node too; allowed: ${CORE_NODE_ALLOWED.join(', ') || 'none'})`;
        }
        if (/^[^.].*\/node$/.test(specifier)) return `${where}: src/language must not import a package's Node-only entry`;
        if (specifier === 'vscode') return `${where}: src/language must not import vscode`;
        if (to && to !== CORE) return `${where}: src/language must not import ${to} (the core imports no face and not the host)`;
    }
    if (from === HOST && to && (FACES as readonly string[]).includes(to)) return `${where}: src/host must not import a face (${to})`;
    if (from && to && from !== to && (FACES as readonly string[]).includes(from) && (FACES as readonly string[]).includes(to)
        && !FACE_IMPORTS_ALLOWED.some(([allowedFrom, allowedTo]) => allowedFrom === file && allowedTo === target)
        && !FACE_DEPENDENCIES_ALLOWED.some(([allowedFrom, allowedTo]) => allowedFrom === from && allowedTo === to)) {
        return `${where}: a face must not import another face`;
    }
    return undefined;
}

/**
 * The import cycles among the given files: per strongly connected component
 * of more than one file (or of one file importing itself), one cycle as a
 * way back to its first file, and every file of the component.
 */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): Array<{ cycle: string[]; files: string[] }> {
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const components: string[][] = [];
    const visit = (v: string): void => {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!graph.has(w)) continue;
            if (!index.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        }
        if (low.get(v) === index.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(w);
            } while (w !== v);
            if (component.length > 1 || graph.get(v)?.includes(v)) components.push(component.sort());
        }
    };
    for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
    // In each component, the shortest way from its first file back to it.
    return components.map(component => {
        const members = new Set(component);
        const start = component[0];
        const previous = new Map<string, string>();
        const queue = [start];
        for (let q = 0; q < queue.length; q++) {
            for (const next of graph.get(queue[q]) ?? []) {
                if (!members.has(next)) continue;
                if (next === start) {
                    const way = [start];
                    for (let at: string | undefined = queue[q]; at !== undefined && at !== start; at = previous.get(at)) way.splice(1, 0, at);
                    return { cycle: [...way, start], files: component };
                }
                if (!previous.has(next)) {
                    previous.set(next, queue[q]);
                    queue.push(next);
                }
            }
        }
        return { cycle: component, files: component };
    }).sort((a, b) => a.files[0].localeCompare(b.files[0]));
}

describe('how a file\'s imports are read', () => {
    it('finds every kind of import, and none in comments, strings or templates', () => {
        const text = [
            `import type { A } from './a.js';`,
            `import B, { c as C } from "./b.js";`,
            `import * as d from 'd';`,
            `import 'node:fs';`,
            `export { e } from './e.js';`,
            `export type { F } from './f.js';`,
            `export * as g from 'g';`,
            `export * from './h.js';`,
            `export const x = 1;`,
            `const i = require('node:child_process') as typeof import('node:os');`,
            `void import('./j.js');`,
            `// import k from 'k';`,
            `/* import('l') */`,
            `const s = "import m from 'm'";`,
            `const t = \`import('\${'n'}') \${\`import('o')\`}\`;`,
            `const r = /import('p')/.test(s) ? 2 / 1 : 0;`,
            `x.import('q');`,
            `const meta = import.meta;`
        ].join('\n');
        expect(specifiers(text)).toEqual(['./a.js', './b.js', 'd', 'node:fs', './e.js', './f.js', 'g', './h.js', 'node:child_process', 'node:os', './j.js']);
    });

    it('finds a cycle as a way back to its first file', () => {
        const graph = new Map([['a', ['b']], ['b', ['c', 'd']], ['c', ['a']], ['d', []], ['e', ['e']]]);
        expect(cycles(graph)).toEqual([{ cycle: ['a', 'b', 'c', 'a'], files: ['a', 'b', 'c'] }, { cycle: ['e', 'e'], files: ['e'] }]);
    });

    it('names what is wrong and where', () => {
        expect(violation('src/server/rule-requests.ts', { specifier: '../cli/rules.js', target: 'src/cli/rules.ts' }))
            .toBe('src/server/rule-requests.ts imports ../cli/rules.js: a face must not import another face');
        expect(violation('src/language/x.ts', { specifier: 'node:fs' })).toMatch(/^src\/language\/x.ts imports node:fs: src\/language must not import Node's modules/);
        expect(violation('src/language/x.ts', { specifier: 'path' })).toMatch(/must not import Node's modules/);
        expect(violation('src/language/x.ts', { specifier: 'langium/node' })).toMatch(/Node-only entry/);
        expect(violation('src/language/x.ts', { specifier: 'vscode' })).toMatch(/must not import vscode/);
        expect(violation('src/language/x.ts', { specifier: '../host/read.js', target: 'src/host/read.ts' })).toMatch(/must not import src\/host/);
        expect(violation('src/host/read.ts', { specifier: '../cli/check.js', target: 'src/cli/check.ts' })).toMatch(/src\/host must not import a face/);
        expect(violation('src/cli/main.ts', { specifier: '../server/main.js', target: 'src/server/main.ts' })).toBeUndefined();
        expect(violation('src/cli/check.ts', { specifier: '../server/main.js', target: 'src/server/main.ts' })).toMatch(/a face must not import another face/);
        expect(violation('src/mcp/tools.ts', { specifier: '../cli/check.js', target: 'src/cli/check.ts' })).toBeUndefined();
        expect(violation('src/cli/check.ts', { specifier: '../mcp/tools.js', target: 'src/mcp/tools.ts' })).toMatch(/a face must not import another face/);
        expect(violation('src/mcp/server.ts', { specifier: '../server/main.js', target: 'src/server/main.ts' })).toMatch(/a face must not import another face/);
    });
});

describe('the boundaries of ARCHITECTURE.md', () => {
    const files = sourceFiles();
    const imports = importsOf(files);

    it('reads the sources', () => {
        expect(files).toContain('src/cli/main.ts');
        expect(imports.get('src/cli/main.ts')?.some(i => i.target === 'src/server/main.ts')).toBe(true);
    });

    it('src/language imports no Node module, no vscode, no face and not the host; faces import no other face; src/host imports no face', () => {
        const problems = [...imports].flatMap(([file, list]) => list.map(i => violation(file, i)).filter(p => p !== undefined));
        expect(problems).toEqual([]);
    });

    it('src/language does not read the command line, exit or write to the standard streams', () => {
        const problems = files.filter(file => partOf(file) === CORE).flatMap(file => {
            const t = tokens(readFileSync(path.join(ROOT, file), 'utf8'));
            return t.flatMap((token, k) => token.text === 'process' && t[k + 1]?.text === '.'
                && ['argv', 'exit', 'exitCode', 'stdout', 'stderr', 'stdin'].includes(t[k + 2]?.text)
                ? [`${file} uses process.${t[k + 2].text}: the process belongs to the face that runs it`] : []);
        });
        expect(problems).toEqual([]);
    });

    it('no import cycle among the files of src/cli, type-only imports included', () => {
        const cli = files.filter(file => partOf(file) === 'src/cli');
        const graph = new Map(cli.map(file => [file, (imports.get(file) ?? []).flatMap(i => i.target && cli.includes(i.target) ? [i.target] : [])]));
        expect(cycles(graph).map(({ cycle, files }) =>
            `import cycle in src/cli: ${cycle.join(' -> ')}${files.length > 2 ? ` (${files.length} files import each other in circles: ${files.join(', ')})` : ''}`)).toEqual([]);
    });
});

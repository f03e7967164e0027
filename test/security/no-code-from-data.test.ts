/**
 * Nothing from a plan or a settings file is ever run as code: the source
 * holds no eval, no Function constructor, no vm, no child process, no
 * require or import of a computed path beyond a reviewed list, each with the
 * reason it is safe; and keys that JavaScript treats specially (`__proto__`,
 * `constructor`, `prototype`…) in a settings file, a baseline or as names in
 * a plan change nothing but what they say.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/language/config/config-file.js';
import { DEFAULT_THRESHOLDS } from '../../src/language/config/settings.js';
import { RULES } from '../../src/language/rules/index.js';
import { mplan, ROOT } from '../cli/run.js';
import { check } from '../helpers.js';

/** What could run text as code, or start code from a path that data could choose. */
const DANGEROUS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
    { kind: 'eval', pattern: /\beval\s*\(/ },
    { kind: 'Function constructor', pattern: /\bnew\s+Function\b|(?<![.\w])Function\s*\(|constructor\.constructor/ },
    { kind: 'vm', pattern: /['"](node:)?vm['"]|\bvm\.(run|compile|Script|createContext)/ },
    { kind: 'child process', pattern: /['"](node:)?child_process['"]|\b(spawn|spawnSync|execSync|execFile|execFileSync|fork)\s*\(/ },
    { kind: 'computed require', pattern: /\brequire\s*\(\s*(?!['"][^'"]*['"]\s*\))/ },
    { kind: 'computed import', pattern: /\bimport\s*\(\s*(?!['"][^'"]*['"]\s*\))/ },
    { kind: 'createRequire', pattern: /\bcreateRequire\b|process\.(binding|dlopen)|\bWebAssembly\b/ },
    { kind: 'worker', pattern: /\bnew\s+Worker\s*\(/ },
    { kind: 'string timer', pattern: /\bset(Timeout|Interval|Immediate)\s*\(\s*['"`]/ },
    { kind: 'RegExp from text', pattern: /\bnew\s+RegExp\s*\(|(?<![.\w])RegExp\s*\(/ },
    { kind: 'HTML sink', pattern: /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/ }
];

/**
 * Every use of the patterns above in src/ and bin/, reviewed: file, kind,
 * how many times, and why it is safe. A new use fails the test until it is
 * reviewed and added here.
 */
const REVIEWED: ReadonlyArray<{ file: string; kind: string; count: number; why: string }> = [
    {
        file: 'src/cli/parallel.ts', kind: 'worker', count: 1,
        why: 'starts check-worker.cjs from the folder of the CLI bundle (a fixed name joined to __dirname); the plans travel as workerData, never as code'
    },
    {
        file: 'src/cli/startup/build.ts', kind: 'child process', count: 3,
        why: 'runs this Node.js binary (process.execPath) with --build-snapshot on the CLI\'s own bundle (a fixed name beside it), then once more to try the blob it wrote; no argument comes from a plan or a settings file'
    },
    {
        file: 'src/cli/startup/launch.ts', kind: 'child process', count: 2,
        why: 'starts the snapshot builder: this Node.js binary on the CLI\'s own out/cli.cjs, detached; the snapshot it then execve()s into is the user\'s own file (owner and mode checked), never a file from the workspace'
    },
    {
        file: 'src/web/boot.ts', kind: 'worker', count: 1,
        why: 'starts the playground\'s worker.js, a fixed name beside the page; plans reach it as LSP messages, never as code'
    },
    {
        file: 'src/web/main.ts', kind: 'worker', count: 1,
        why: 'starts the playground\'s worker.js again (a fixed name beside app.js) when the set of files changes; plans reach it as LSP messages'
    },
    {
        file: 'src/web/highlight.ts', kind: 'RegExp from text', count: 1,
        why: 'built from the keyword patterns of the generated TextMate grammar (syntaxes/, bundled at build time), not from a plan; a plan is only matched against them'
    },
    {
        file: 'src/language/model/claims.ts', kind: 'RegExp from text', count: 3,
        why: 'the green-claim, neutrality and praise patterns, joined from word lists written in the module itself; plan text is only matched against them'
    },
    {
        file: 'src/language/rules/weak-guarantee.ts', kind: 'RegExp from text', count: 1,
        why: 'the proof-of-use pattern, joined from alternatives written in the module itself; a guarantee condition is only matched against it'
    },
    {
        file: 'src/language/lsp/rename.ts', kind: 'RegExp from text', count: 1,
        why: 'built from the grammar\'s ID terminal, to check that a new name is a valid name; the name is tested against it, never compiled'
    }
];

/** The TypeScript and CommonJS files of the shipped code: src/ (without the generated parser) and bin/. */
function sourceFiles(): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
            const path = join(dir, name);
            if (statSync(path).isDirectory()) {
                if (relative(ROOT, path) !== join('src', 'language', 'generated')) walk(path);
            } else if (/\.(ts|cjs|mjs|js)$/.test(name)) {
                files.push(path);
            }
        }
    };
    walk(join(ROOT, 'src'));
    walk(join(ROOT, 'bin'));
    return files.sort();
}

/** A line without its comment: code only (a `//` inside a string is rare enough in this code base to keep the check simple). */
function codeOf(line: string): string {
    const trimmed = line.trim();
    if (trimmed.startsWith('*') || trimmed.startsWith('/*') || trimmed.startsWith('//')) return '';
    return line.replace(/\s\/\/\s.*$/, '');
}

describe('nothing from a plan or a settings file runs as code', () => {
    it('the source uses eval, Function, vm, child processes and computed imports nowhere but the reviewed places', () => {
        const files = sourceFiles();
        expect(files.length).toBeGreaterThan(100);
        const found = new Map<string, number>();
        for (const file of files) {
            for (const line of readFileSync(file, 'utf8').split('\n')) {
                const code = codeOf(line);
                for (const { kind, pattern } of DANGEROUS) {
                    if (pattern.test(code)) {
                        const key = `${relative(ROOT, file).split('\\').join('/')}: ${kind}`;
                        found.set(key, (found.get(key) ?? 0) + 1);
                    }
                }
            }
        }
        const reviewed = new Map(REVIEWED.map(r => [`${r.file}: ${r.kind}`, r.count]));
        expect(Object.fromEntries([...found].sort())).toEqual(Object.fromEntries([...reviewed].sort()));
    });

    it('the scan finds each kind it looks for', () => {
        const samples: Record<string, string> = {
            'eval': 'const x = eval(text);',
            'Function constructor': 'const f = new Function("return 1");',
            'vm': "import * as vm from 'node:vm';",
            'child process': "import { spawn } from 'node:child_process';",
            'computed require': 'const m = require(name);',
            'computed import': 'const m = await import(path);',
            'createRequire': 'const r = createRequire(url);',
            'worker': 'new Worker(file);',
            'string timer': 'setTimeout("alert(1)", 1);',
            'RegExp from text': 'new RegExp(text);',
            'HTML sink': 'element.innerHTML = text;'
        };
        for (const { kind, pattern } of DANGEROUS) expect(pattern.test(codeOf(samples[kind])), kind).toBe(true);
        // Fixed paths and comments are not flagged.
        for (const fine of ["require('./cli-main.cjs')", "await import('../server/main.js')", '// eval(text) would be wrong', ' * new Function']) {
            expect(DANGEROUS.filter(d => d.pattern.test(codeOf(fine))).map(d => d.kind), fine).toEqual([]);
        }
    });
});

describe('keys JavaScript treats specially change nothing but what they say', () => {
    it('a settings file: each is an unknown setting or rule, nothing is polluted, the defaults stay', () => {
        const text = `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "rules": {"__proto__": "off", "constructor": "off", "prototype": {"polluted": true}, "no-free-offer": "off"}}`;
        const { settings, problems } = parseConfig(text, new Set(RULES.map(rule => rule.id)));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
        expect(Object.getPrototypeOf(settings.rules)).toBe(Object.prototype);
        expect(settings.rules).toEqual({ 'no-free-offer': 'off' });
        expect(settings.thresholds).toEqual(DEFAULT_THRESHOLDS);
        expect(problems.map(p => p.message)).toEqual([
            "unknown setting '__proto__': the settings are rules, thresholds, asOf, ranges, packs",
            "unknown setting 'constructor': the settings are rules, thresholds, asOf, ranges, packs",
            "unknown rule '__proto__' (mplan rules lists them)",
            "unknown rule 'constructor' (mplan rules lists them)",
            "unknown rule 'prototype' (mplan rules lists them)"
        ]);
    });

    it('mplan check with such a settings file names each key in one line and exits 2; the same plan then checks as usual', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        writeFileSync(join(dir, 'plan.mplan'), readFileSync(join(ROOT, 'examples', 'phone-retailer.mplan'), 'utf8'));
        writeFileSync(join(dir, 'mplan.json'), '{"__proto__": {"polluted": true}, "rules": {"__proto__": "off"}}\n');
        const hostile = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15'], dir);
        expect(hostile.code).toBe(2);
        expect(hostile.stdout).toBe('');
        expect(hostile.stderr).toBe([
            "mplan: mplan.json:1:2: unknown setting '__proto__': the settings are rules, thresholds, asOf, ranges, packs",
            "mplan: mplan.json:1:45: unknown rule '__proto__' (mplan rules lists them)",
            ''
        ].join('\n'));
        writeFileSync(join(dir, 'mplan.json'), '{"rules": {"no-free-offer": "off"}}\n');
        const fine = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15'], dir);
        expect(fine.stderr).toBe('');
        expect(fine.code).toBe(0);
    });

    it('a baseline whose entries carry __proto__ keys absorbs its findings as usual', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        writeFileSync(join(dir, 'plan.mplan'), readFileSync(join(ROOT, 'examples', 'ebook-list.mplan'), 'utf8'));
        const written = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--write-baseline', 'base.json'], dir);
        expect(written.code, written.stderr).toBe(0);
        const baseline = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as { findings: object[] };
        const hostile = JSON.stringify(baseline).replace(/\{"file"/g, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"file"');
        expect(hostile).toContain('"__proto__":{"polluted":true}');
        writeFileSync(join(dir, 'base.json'), hostile);
        const run = await mplan(['check', 'plan.mplan', '--as-of', '2027-01-15', '--baseline', 'base.json', '--format', 'json'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ summary: { errors: 0, warnings: 0, infos: 0 }, baseline: { matched: baseline.findings.length } });
    });
});

/** A plan whose blocks, references and free words are named after Object.prototype's own properties. */
const PROTO_PLAN = `plan __proto__ {
    goal "Grow"
    currency USD
    focus constructor, toString
}
product constructor {
    price 10 USD
    benefit "Fast"
    spinoff toString
}
product toString {
    price 5 USD
    benefit "Cheap"
    complements constructor
}
segment prototype {
    who "Buyers"
    influences hasOwnProperty
    habits { social constructor, __proto__ }
}
segment hasOwnProperty {
    who "Deciders"
    decides
}
competitor valueOf {
    strength "Big"
}
strategy __defineGetter__ {
    statement "Win"
    targets prototype, hasOwnProperty, isPrototypeOf
    promotes constructor
}
tactic propertyIsEnumerable {
    serves __defineGetter__
    channel ppc on __proto__
    budget 100 USD
    from 2027-02-01 to 2027-03-01
}
campaign toLocaleString {
    budget 50 USD
    runs propertyIsEnumerable
    staff constructor 50%, __proto__ 60% from constructor, __proto__
    track constructor, __proto__
    from 2027-02-01 to 2027-03-01
    results { constructor 3 }
}
funnel __proto__ {
    collect leads by optin form offering constructor "x"
    follow up weekly with constructor, __proto__
    upsell constructor to toString
    conversion __proto__ to constructor 5%
    conversion visitors to leads 5%
}
research constructor {
    studied valueOf
    consulted "forum"
}
`;

/** Each special name and an ordinary name of the same length, so findings keep their columns. */
const ORDINARY: Record<string, string> = {
    __proto__: 'Zz_proto_', constructor: 'Constructor', toString: 'ToString', prototype: 'Prototype',
    hasOwnProperty: 'HasOwnProperty', valueOf: 'ValueOf', __defineGetter__: 'Zz_defineGetter_',
    isPrototypeOf: 'IsPrototypeOf', propertyIsEnumerable: 'PropertyIsEnumerable', toLocaleString: 'ToLocaleString'
};

function rename(text: string, names: Record<string, string>): string {
    const words = Object.keys(names).sort((a, b) => b.length - a.length);
    return text.replace(new RegExp(`\\b(${words.join('|')})\\b`, 'g'), word => names[word]);
}

describe('names from Object.prototype in a plan', () => {
    it('find exactly what ordinary names find, through the CLI', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-'));
        writeFileSync(join(dir, 'special.mplan'), PROTO_PLAN);
        writeFileSync(join(dir, 'ordinary.mplan'), rename(PROTO_PLAN, ORDINARY));
        const run = await mplan(['check', 'special.mplan', 'ordinary.mplan', '--as-of', '2027-01-15', '--format', 'json'], dir);
        expect(run.code, run.stderr).toBe(1);
        const files = (JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ message: string }> }> }).files;
        const special = files.find(f => f.path === 'special.mplan')!.findings;
        const ordinary = files.find(f => f.path === 'ordinary.mplan')!.findings;
        const back = Object.fromEntries(Object.entries(ORDINARY).map(([k, v]) => [v, k]));
        expect(special.length).toBeGreaterThan(10);
        expect(special).toEqual(ordinary.map(f => ({ ...f, message: rename(f.message, back) })));
        // The one name no block has is reported, not found on Object.prototype.
        expect(special.filter(f => f.message.includes("'isPrototypeOf'"))).toHaveLength(1);
    });

    it('leave Object.prototype as it was, in process', async () => {
        const before = Object.getOwnPropertyNames(Object.prototype).sort();
        const checked = await check({ 'plan.mplan': PROTO_PLAN });
        expect(checked.rules()).toContain('unresolved-reference');
        expect(checked.rules()).not.toContain('syntax-error');
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
});

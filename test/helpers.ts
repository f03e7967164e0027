import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { URI, type FileSystemNode, type FileSystemProvider, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from '../src/language/generated/ast.js';
import { afterEach, beforeEach } from 'vitest';
import { parseConfig } from '../src/language/config/config-file.js';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS, type Settings, type Thresholds } from '../src/language/config/settings.js';
import { createMplanServices } from '../src/language/mplan-module.js';
import { RULES } from '../src/language/rules/index.js';
import { FIXTURE_PLANS, PINNED_CONFIG } from './pinned.js';

/** An in-memory file system, so that tests can change a file "on disk" and rebuild. */
export class MemoryFileSystem implements FileSystemProvider {
    readonly files = new Map<string, string>();

    write(uri: URI, text: string): void {
        this.files.set(uri.toString(), text);
    }

    private node(uri: URI): FileSystemNode {
        const key = uri.toString();
        if (this.files.has(key)) return { isFile: true, isDirectory: false, uri };
        const prefix = key.endsWith('/') ? key : key + '/';
        if ([...this.files.keys()].some(k => k.startsWith(prefix))) return { isFile: false, isDirectory: true, uri };
        throw Object.assign(new Error(`ENOENT: ${uri.path}`), { code: 'ENOENT' });
    }

    async stat(uri: URI): Promise<FileSystemNode> { return this.node(uri); }
    statSync(uri: URI): FileSystemNode { return this.node(uri); }
    async exists(uri: URI): Promise<boolean> { return this.existsSync(uri); }
    existsSync(uri: URI): boolean { try { this.node(uri); return true; } catch { return false; } }
    async readFile(uri: URI): Promise<string> { return this.readFileSync(uri); }
    readFileSync(uri: URI): string {
        const text = this.files.get(uri.toString());
        if (text === undefined) throw Object.assign(new Error(`ENOENT: ${uri.path}`), { code: 'ENOENT' });
        return text;
    }
    async readBinary(uri: URI): Promise<Uint8Array> { return this.readBinarySync(uri); }
    readBinarySync(uri: URI): Uint8Array { return new TextEncoder().encode(this.readFileSync(uri)); }
    async readDirectory(uri: URI): Promise<FileSystemNode[]> { return this.readDirectorySync(uri); }
    readDirectorySync(uri: URI): FileSystemNode[] {
        const prefix = uri.toString().replace(/\/?$/, '/');
        const children = new Set<string>();
        for (const key of this.files.keys()) if (key.startsWith(prefix)) children.add(key.slice(prefix.length).split('/')[0]);
        return [...children].map(name => this.node(URI.parse(prefix + name)));
    }
}

export const fileSystem = new MemoryFileSystem();
export const services = createMplanServices({ fileSystemProvider: () => fileSystem });

/** Tests judge by a fixed day, never by today: campaigns of CLEAN_PLAN (2027) have not ended yet. */
export const TEST_AS_OF = '2027-01-15';
/** The settings tests judge by unless they say otherwise: every rule at its default level, on TEST_AS_OF. */
export const TEST_SETTINGS: Readonly<Settings> = Object.freeze({ ...DEFAULT_SETTINGS, asOf: TEST_AS_OF });
services.Mplan.config.SettingsProvider.set(TEST_SETTINGS);

export { FIXTURE_PLANS } from './pinned.js';

/**
 * The settings the fixture plans are judged by: test/fixtures/plans/mplan.json (`"*": "off"`, then the
 * language rules and the rules the flawed plan breaks), on TEST_AS_OF. Under them a new rule changes
 * no finding a test expects of the fixtures.
 */
export const PINNED_SETTINGS: Readonly<Settings> = (() => {
    const parsed = parseConfig(readFileSync(PINNED_CONFIG, 'utf8'), new Set(RULES.map(rule => rule.id)));
    if (parsed.problems.length > 0) throw new Error(`test/fixtures/plans/mplan.json: ${parsed.problems.map(p => p.message).join('; ')}`);
    return Object.freeze({ ...parsed.settings, asOf: TEST_AS_OF });
})();

/**
 * Makes the tests of the calling suite (or file) judge by `settings` (default: PINNED_SETTINGS), and puts
 * TEST_SETTINGS back after each of them.
 */
export function judgeBy(settings: Settings = PINNED_SETTINGS): void {
    beforeEach(() => services.Mplan.config.SettingsProvider.set(settings));
    afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));
}

/** Makes the tests of the calling suite judge by TEST_SETTINGS with other thresholds, and puts TEST_SETTINGS back after each. */
export function withThresholds(thresholds: Partial<Thresholds>): void {
    judgeBy({ ...TEST_SETTINGS, thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds } });
}

function mplanFilesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? mplanFilesUnder(full) : name.endsWith('.mplan') ? [full] : [];
    });
}

/**
 * A fixture plan (a file, or a folder with its plan first) as the files of a check, keyed by their
 * path below test/fixtures/plans/ (`corner-bakery/plan.mplan`, `ebook-list.mplan`).
 */
export function fixturePlan(path: string): Record<string, string> {
    const full = join(FIXTURE_PLANS, path);
    if (!statSync(full).isDirectory()) return { [path]: readFileSync(full, 'utf8') };
    const files = mplanFilesUnder(full).sort((a, b) => Number(b.endsWith('plan.mplan')) - Number(a.endsWith('plan.mplan')));
    return Object.fromEntries(files.map(file => [relative(FIXTURE_PLANS, file), readFileSync(file, 'utf8')]));
}

/** A diagnostic as tests read it: rule id, 1-based line and column, message. */
export interface Found {
    rule: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: 'error' | 'warning' | 'info';
    message: string;
}

function toFound(d: Diagnostic): Found {
    return {
        rule: String(d.code),
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
        message: typeof d.message === 'string' ? d.message : d.message.value
    };
}

export interface Checked {
    documents: Map<string, LangiumDocument<Document>>;
    /** The findings in one file (default: the first file given). */
    findings(file?: string): Found[];
    /** The rule ids found in one file, sorted. */
    rules(file?: string): string[];
}


export function uriOf(path: string): URI {
    return URI.file(`/workspace/${path}`);
}

/**
 * Builds the given files (paths relative to a virtual workspace) together,
 * as the CLI and the language server do, and returns their findings. The
 * documents are removed again before the next check.
 */
export async function check(files: Record<string, string> | string): Promise<Checked> {
    const map = typeof files === 'string' ? { 'plan.mplan': files } : files;
    const { shared } = services;
    await clearDocuments(shared);
    fileSystem.files.clear();
    const documents = new Map<string, LangiumDocument<Document>>();
    for (const [path, text] of Object.entries(map)) {
        fileSystem.write(uriOf(path), text);
        const document = shared.workspace.LangiumDocumentFactory.fromString<Document>(text, uriOf(path));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.set(path, document);
    }
    await shared.workspace.DocumentBuilder.build([...documents.values()], { validation: true });
    const first = Object.keys(map)[0];
    const findings = (file = first) => {
        const document = documents.get(file);
        if (!document) throw new Error(`no file ${file} in this check`);
        return (document.diagnostics ?? []).map(toFound).sort((a, b) => a.line - b.line || a.column - b.column);
    };
    return { documents, findings, rules: file => [...new Set(findings(file).map(f => f.rule))].sort() };
}

/** The offer of CLEAN_PLAN (lines 34 to 36): remove it to take the guarantee away. */
export const GUARANTEE_OFFER = `offer {
    guarantee money back 30 days claim "Reply to the receipt" refunds "The full price"
}
`;

/**
 * A plan that every rule of the catalogue passes, for the rule tests to add
 * or remove one thing. Lines 1 to 36 are the core that tests point at by line
 * (facts some rules need are written on existing lines to keep the numbers);
 * the blocks after line 36 complete the plan.
 */
export const CLEAN_PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"  revisit every quarter
    currency USD
}
product Box {
    price 49 USD
    benefit "Fresh"
    spinoff Platter
}
product Platter {
    price 29 USD
    benefit "Quick"
}
segment Managers {
    who "Office managers"  from "Downtown office towers"  spends 400 USD per month  habits { social linkedin }
    age 28 to 50
}
strategy Office {
    statement "Own office catering"
    targets Managers
}
tactic Ads {
    serves Office
    channel ppc on linkedin
    budget 3000 USD
    from 2027-02-01 to 2027-04-30
}
campaign Spring {
    budget 10000 USD
    from 2027-02-01 to 2027-06-30
    runs Ads  staff Ann 50% from marketing, sales  track sales, satisfaction
    review on 2027-07-10
}
${GUARANTEE_OFFER}offer {
    free sample "A tasting box"
    payments card, paypal
    security "PCI-compliant checkout"
}
competitor SweetCo {
    strength "Lower prices"
    weakness "Two-day delivery"
    we differ by "Same-day delivery"
}
research {
    studied SweetCo
    finding "No one delivers catering on the same day"
}
funnel {
    collect leads by optin form offering ebook "10 meeting menus"
    confirm by autoresponder
    follow up weekly on tuesday at 10:00 with tips
    close weekly with call to action
    upsell Box to Platter
    unsubscribe link in every email
    sender address "Bakery, 1 Baker Street, Springfield"
    conversion visitors to leads 5%
    conversion leads to customers 10%
}
tactic Sponsored {
    serves Office
    channel email on "Downtown Business Weekly"
    budget 1000 USD
    from 2027-02-01 to 2027-04-30
}
market US "United States" { country US  language en  currency USD }
`;

/** How many lines CLEAN_PLAN has: text appended to it starts on the line after. */
export const CLEAN_PLAN_LINES = CLEAN_PLAN.split('\n').length - 1;

/** A quick fix offered for a finding, and the file's text once it is applied. */
export interface OfferedFix {
    title: string;
    preferred: boolean;
    result: string;
}

/**
 * The quick fixes the rule declares, as the language server offers them for
 * the first finding of `rule` in `file`, each with the text it would produce.
 */
export async function fixesFor(checked: Checked, rule: string, file = 'plan.mplan'): Promise<OfferedFix[]> {
    const document = checked.documents.get(file)!;
    const diagnostic = (document.diagnostics ?? []).find(d => d.code === rule);
    if (!diagnostic) throw new Error(`no ${rule} finding in ${file}`);
    const actions = await services.Mplan.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] }
    }) ?? [];
    // The rule's own fixes; silencing the rule (offered for every finding) is tested on its own.
    return actions.filter(action => !('kind' in action) || action.kind !== 'quickfix.silence').map(action => {
        if (!('edit' in action) || !action.edit?.changes) throw new Error('a code action without edits');
        const edits = action.edit.changes[document.uri.toString()];
        return { title: action.title, preferred: action.isPreferred ?? false, result: TextDocument.applyEdits(document.textDocument, edits) };
    });
}

import { DefaultWorkspaceManager, DocumentState, URI, UriUtils, type FileSystemProvider, type LangiumDocument, type Stream } from 'langium';
import type { Document } from '../generated/ast.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { InitializeParams, WorkspaceFolder } from 'vscode-languageserver';
import { DiagnosticSeverity, FileChangeType, MessageType, type Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, parseConfig } from '../config/config-file.js';
import { DEFAULT_SETTINGS, type Settings } from '../config/settings.js';
import { dateProblem } from '../model/values.js';
import type { MplanServices } from '../mplan-module.js';
import type { MplanLangiumDocuments } from './document-builder.js';
import { RULES } from '../rules/index.js';

/**
 * The language server's view of a workspace:
 * - every plan of the workspace is validated from the start, as `mplan check`
 *   does, not only the files the user opens (Langium's default);
 * - the project file (mplan.json at the root of the first workspace folder)
 *   is read before the first build, its problems are shown on the file, and a
 *   change to it re-judges every plan without a restart;
 * - imports are confined to the workspace folders (ImportResolver.setRoots),
 *   and so are the file system's reads where it can tell links (ConfinableFileSystem).
 */
export class MplanWorkspaceManager extends DefaultWorkspaceManager {
    protected readonly shared: LangiumSharedServices;
    protected readonly files: FileSystemProvider;
    protected configUri: URI | undefined;

    /** For each library: the plans importing it, as of the last build. */
    protected importersSeen = new Map<string, string>();

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
        this.files = services.workspace.FileSystemProvider;
        this.initialBuildOptions = { validation: true };
        services.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => this.rejudgeLibrariesWithNewImporters());
    }

    /**
     * A library is judged in the context of the plans importing it. Before a
     * build only the old imports are known, so a library that a plan has just
     * started (or stopped) importing is judged again once the build is over.
     */
    protected rejudgeLibrariesWithNewImporters(): void {
        const services = this.shared.ServiceRegistry.all[0] as MplanServices | undefined;
        if (!services) return;
        const imports = services.references.ImportResolver;
        const now = new Map<string, string>();
        const changed: URI[] = [];
        for (const document of this.langiumDocuments.all) {
            const key = document.uri.toString();
            const importers = imports.importers(document as LangiumDocument<Document>).map(plan => plan.uri.toString()).sort().join(' ');
            now.set(key, importers);
            if (this.importersSeen.size > 0 && (this.importersSeen.get(key) ?? '') !== importers) changed.push(document.uri);
        }
        this.importersSeen = now;
        if (changed.length > 0) {
            void this.shared.workspace.WorkspaceLock.write(token => this.documentBuilder.update(changed, [], token));
        }
    }

    /** What the client asked for in `initializationOptions` (the VS Code extension's settings). */
    protected clientOptions: ClientOptions = {};

    /**
     * One file of the workspace that cannot be read (too big, not text, gone, a pipe) is left
     * out with a warning in the log; Langium's own loading would fail the whole start-up.
     */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        await Promise.all(uris.toArray().map(async uri => {
            try {
                collector(this.langiumDocuments.getDocument(uri) ?? await (this.langiumDocuments as MplanLangiumDocuments).loadDocument(uri));
            } catch (error) {
                this.shared.lsp.Connection?.console.warn(`mplan: left out ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
            }
        }));
    }

    /** Clients that send only `rootUri` (older ones, Vim's ALE) get that folder as the workspace. */
    override initialize(params: InitializeParams): void {
        super.initialize(params);
        this.clientOptions = readClientOptions(params.initializationOptions);
        if (!this.folders?.length) {
            const root = params.rootUri ?? (params.rootPath ? URI.file(params.rootPath).toString() : undefined);
            if (root) this.folders = [{ uri: root, name: UriUtils.basename(URI.parse(root)) }];
        }
        // Imports are read only inside the workspace folders (a file opened outside them: its own folder).
        const services = this.shared.ServiceRegistry.all[0] as MplanServices | undefined;
        const roots = (this.folders ?? []).map(folder => URI.parse(folder.uri));
        services?.references.ImportResolver.setRoots(roots);
        // And so is what the face's file system reads, where it can tell a link from a file (Node: src/server/file-system.ts).
        (this.files as Partial<ConfinableFileSystem>).confineTo?.(roots);
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken?: Parameters<DefaultWorkspaceManager['initializeWorkspace']>[1]): Promise<void> {
        const { configFile } = this.clientOptions;
        if (configFile && (isAbsolutePath(configFile) || folders.length > 0)) {
            this.configUri = isAbsolutePath(configFile) ? URI.file(configFile) : UriUtils.joinPath(URI.parse(folders[0].uri), configFile);
        } else if (folders.length > 0) {
            this.configUri = UriUtils.joinPath(URI.parse(folders[0].uri), CONFIG_FILE_NAME);
        }
        if (this.configUri) {
            await this.loadSettings();
            this.shared.lsp.DocumentUpdateHandler?.onWatchedFilesChange(params => {
                const change = params.changes.find(c => c.uri === this.configUri?.toString());
                if (change) void this.reload(change.type === FileChangeType.Deleted);
            });
        }
        return super.initializeWorkspace(folders, cancelToken);
    }

    protected get settingsProvider() {
        const services = this.shared.ServiceRegistry.all[0] as MplanServices;
        return services.config.SettingsProvider;
    }

    /** Reads the project file (absent: the defaults) and publishes its problems on it. */
    protected async loadSettings(deleted = false): Promise<void> {
        const uri = this.configUri;
        if (!uri) return;
        let text: string | undefined;
        if (!deleted) {
            try {
                text = await this.files.readFile(uri);
            } catch {
                text = undefined;
            }
        }
        if (text === undefined) {
            if (this.clientOptions.configFile && !deleted) {
                // A notification, not a request: nothing waits for the user.
                void this.shared.lsp.Connection?.sendNotification('window/showMessage', {
                    type: MessageType.Warning,
                    message: `mplan: cannot read the settings file ${uri.fsPath} (mplan.configFile); using the default settings.`
                });
            }
            this.settingsProvider.set(this.withClientAsOf(DEFAULT_SETTINGS));
            this.publish(uri, []);
            return;
        }
        const { settings, problems } = parseConfig(text, new Set(RULES.map(rule => rule.id)));
        this.settingsProvider.set(this.withClientAsOf(settings));
        this.publish(uri, problems.map(p => ({
            range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: p.endColumn - 1 } },
            severity: DiagnosticSeverity.Error,
            source: 'mplan',
            code: 'mplan-config',
            message: p.message
        })));
    }

    /** The client's "as of" day, when it gave one, wins over the settings file's (like --as-of). */
    protected withClientAsOf(settings: Settings): Settings {
        return this.clientOptions.asOf ? { ...settings, asOf: this.clientOptions.asOf } : settings;
    }

    /** Whether problems of the project file are on screen, to clear them once it is fixed. */
    protected configProblemsShown = false;

    protected publish(uri: URI, diagnostics: Diagnostic[]): void {
        if (diagnostics.length === 0 && !this.configProblemsShown) return;
        this.configProblemsShown = diagnostics.length > 0;
        void this.shared.lsp.Connection?.sendDiagnostics({ uri: uri.toString(), diagnostics });
    }

    /** After a change to the project file: new settings, every plan judged again (no re-parse). */
    protected async reload(deleted: boolean): Promise<void> {
        await this.loadSettings(deleted);
        const documents = this.langiumDocuments.all.toArray() as LangiumDocument[];
        await this.shared.workspace.WorkspaceLock.write(token => this.documentBuilder.build(documents, { validation: true }, token));
    }
}

/**
 * A file system that can keep its reads inside the workspace folders: one
 * that refuses a link from inside them to a file outside, as `mplan check`
 * does. The core cannot tell a link (it has no Node); the server's can.
 */
export interface ConfinableFileSystem {
    confineTo(roots: readonly URI[]): void;
}

/** `initializationOptions` the server understands; anything else is ignored. */
export interface ClientOptions {
    /** The settings file, absolute or relative to the first workspace folder (default mplan.json there). */
    configFile?: string;
    /** The day date-dependent rules judge by (YYYY-MM-DD), over the settings file's. */
    asOf?: string;
}

/** Keeps the options that are well-formed: a client's typo must not stop the server. */
export function readClientOptions(raw: unknown): ClientOptions {
    if (typeof raw !== 'object' || raw === null) return {};
    const { configFile, asOf } = raw as Record<string, unknown>;
    const options: ClientOptions = {};
    if (typeof configFile === 'string' && configFile.trim()) options.configFile = configFile.trim();
    if (typeof asOf === 'string' && asOf.trim() && !dateProblem(asOf.trim())) options.asOf = asOf.trim();
    return options;
}

/**
 * Whether a file path from the client's settings is absolute: `/…`, or
 * Windows' `C:\…`, `C:/…` and `\\server\…`, the forms node:path's isAbsolute
 * accepts on Windows. Written out because the core imports no Node module (it
 * is meant to run in a browser's worker too); the Windows forms count on every
 * system, where no one names a relative settings file with them.
 */
function isAbsolutePath(file: string): boolean {
    return /^(?:[A-Za-z]:)?[\\/]/.test(file);
}

import * as vscode from 'vscode';
import {
    CloseAction, ErrorAction, LanguageClient, TransportKind,
    type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type LanguageClientOptions, type ServerOptions
} from 'vscode-languageclient/node';

/** What the server reads from `initializationOptions` (see MplanWorkspaceManager). */
export interface ServerInitOptions {
    configFile?: string;
    asOf?: string;
}

/** Restarts allowed within RESTART_WINDOW_MS before the extension gives up and asks the user. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Restarts a server that died, telling the user each time; after
 * MAX_RESTARTS within a few minutes it stops and offers a button, so that a
 * server crashing at start does not loop forever.
 */
export class RestartingErrorHandler implements ErrorHandler {
    private readonly restarts: number[] = [];

    constructor(private readonly output: vscode.OutputChannel, private readonly now: () => number = Date.now) {}

    error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
        // A few broken messages are survivable; many in a row mean the connection is gone.
        return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    }

    closed(): CloseHandlerResult {
        const now = this.now();
        while (this.restarts.length > 0 && now - this.restarts[0] > RESTART_WINDOW_MS) this.restarts.shift();
        if (this.restarts.length >= MAX_RESTARTS) {
            this.output.appendLine(`The mplan language server stopped ${MAX_RESTARTS + 1} times in ${RESTART_WINDOW_MS / 60000} minutes; not restarting it.`);
            void vscode.window.showErrorMessage(
                'The mplan language server keeps stopping. See the mplan output for details.', 'Restart', 'Show Output'
            ).then(choice => {
                if (choice === 'Restart') void vscode.commands.executeCommand('mplan.restartServer');
                if (choice === 'Show Output') this.output.show(true);
            });
            return { action: CloseAction.DoNotRestart, handled: true };
        }
        this.restarts.push(now);
        this.output.appendLine('The mplan language server stopped unexpectedly; restarting it.');
        void vscode.window.showWarningMessage('The mplan language server stopped unexpectedly and was restarted.');
        return { action: CloseAction.Restart, handled: true };
    }
}

/** The settings the server takes at start, from the `mplan.*` settings. */
export function serverInitOptions(): ServerInitOptions {
    const config = vscode.workspace.getConfiguration('mplan');
    const configFile = config.get<string>('configFile')?.trim();
    const asOf = config.get<string>('asOf')?.trim();
    return { ...(configFile ? { configFile } : {}), ...(asOf ? { asOf } : {}) };
}

/**
 * The language client for `mplan` documents (files, untitled ones and, as far
 * as they go, virtual ones), talking to the bundled server over IPC.
 */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
    const module = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { language: 'mplan', scheme: 'file' },
            { language: 'mplan', scheme: 'untitled' },
            { language: 'mplan', scheme: 'vscode-vfs' }
        ],
        synchronize: {
            // Plans changed, added or removed on disk, and the settings file.
            fileEvents: [
                vscode.workspace.createFileSystemWatcher('**/*.mplan'),
                vscode.workspace.createFileSystemWatcher('**/mplan.json'),
                ...extraConfigWatcher()
            ]
        },
        initializationOptions: serverInitOptions(),
        outputChannel: output,
        errorHandler: new RestartingErrorHandler(output)
    };
    return new LanguageClient('mplan', 'mplan', serverOptions, clientOptions);
}

/** A watcher for a settings file set in `mplan.configFile` with another name than mplan.json. */
function extraConfigWatcher(): vscode.FileSystemWatcher[] {
    const configFile = serverInitOptions().configFile;
    if (!configFile || configFile.endsWith('mplan.json')) return [];
    const folder = vscode.workspace.workspaceFolders?.[0];
    const pattern = folder && !configFile.startsWith('/') ? new vscode.RelativePattern(folder, configFile) : configFile;
    return [vscode.workspace.createFileSystemWatcher(pattern)];
}

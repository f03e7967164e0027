import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import type { Connection } from 'vscode-languageserver';

/**
 * The requests the browser server sends its client for files (the client answers them: the
 * playground from the files it holds, VS Code for the Web through `workspace.fs`).
 * - `mplan/fs/readFile` `{ uri }` → `{ text }`, `{ missing: true }` (no such file), or `{ error }`
 *   (there, but not readable; the reason in words);
 * - `mplan/fs/readDirectory` `{ uri }` → `[{ uri, isFile, isDirectory }]` (empty when there is no
 *   such folder).
 */
export const READ_FILE_REQUEST = 'mplan/fs/readFile';
export const READ_DIRECTORY_REQUEST = 'mplan/fs/readDirectory';

export type ReadFileAnswer = { text: string } | { missing: true } | { error: string };
export interface DirectoryEntry { uri: string; isFile: boolean; isDirectory: boolean }

/** A file that is not there, with the code the core's loaders know (ENOENT, as Node's). */
class MissingFile extends Error {
    readonly code = 'ENOENT';
}

/**
 * Langium's file system for a worker: every read is a request to the client. The core reads
 * files only asynchronously but for `existsSync` (is a closed document still a file?), which is
 * answered from what the client has listed or given so far.
 */
export class ClientFileSystemProvider implements FileSystemProvider {
    /** The files the client has listed or given, and those it said are missing. */
    protected readonly known = new Map<string, boolean>();

    constructor(protected readonly connection: Pick<Connection, 'sendRequest'>) {}

    async readFile(uri: URI): Promise<string> {
        const answer = await this.connection.sendRequest(READ_FILE_REQUEST, { uri: uri.toString() }) as ReadFileAnswer | null;
        if (answer && 'text' in answer && typeof answer.text === 'string') {
            this.known.set(uri.toString(), true);
            return answer.text;
        }
        if (answer && 'error' in answer && typeof answer.error === 'string') throw new Error(answer.error);
        this.known.set(uri.toString(), false);
        throw new MissingFile(`no such file: ${uri.path}`);
    }

    readFileSync(uri: URI): string {
        throw new Error(`${uri.path} cannot be read at once in a browser (the client gives files on request)`);
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    readBinarySync(uri: URI): Uint8Array {
        return new TextEncoder().encode(this.readFileSync(uri));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        const answer = await this.connection.sendRequest(READ_DIRECTORY_REQUEST, { uri: uri.toString() }) as DirectoryEntry[] | null;
        const entries = Array.isArray(answer) ? answer.filter(entry => typeof entry?.uri === 'string') : [];
        for (const entry of entries) if (entry.isFile) this.known.set(URI.parse(entry.uri).toString(), true);
        return entries.map(entry => ({ uri: URI.parse(entry.uri), isFile: entry.isFile === true, isDirectory: entry.isDirectory === true }));
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        throw new Error(`${uri.path} cannot be listed at once in a browser (the client gives files on request)`);
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return { uri, isFile: await this.exists(uri), isDirectory: false };
    }

    statSync(uri: URI): FileSystemNode {
        return { uri, isFile: this.existsSync(uri), isDirectory: false };
    }

    async exists(uri: URI): Promise<boolean> {
        try {
            await this.readFile(uri);
            return true;
        } catch {
            return false;
        }
    }

    existsSync(uri: URI): boolean {
        return this.known.get(uri.toString()) === true;
    }
}

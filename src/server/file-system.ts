import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { FileSystemNode } from 'langium';
import { readPlanFile, UnreadableFile } from '../host/read.js';

/**
 * The server's one way to the disk, and its guard:
 * - it reads files as `mplan check` does (src/host/read.ts): only regular
 *   files (a named pipe would block the read, and with it the workspace's
 *   start, for ever), at most 5 MB (a 50 MB plan costs 46 s and 3 GB), and
 *   only UTF-8 text;
 * - only `file:` URIs reach the disk: any other scheme (`http://x/y.mplan`,
 *   which Langium's provider read from `/y.mplan`) is refused, so the server
 *   sees such a document only as the editor sends it;
 * - once the workspace folders are known (`confineTo`, from the workspace
 *   manager), a path inside them whose real path leads out of them (a link,
 *   such as one created after start-up and reported by the client) is
 *   refused, as `mplan check` refuses it (`linkConfinement` in
 *   src/cli/files.ts). A path outside the folders (a settings file named by
 *   absolute path, a file the user opened) is the user's choice.
 *
 * A file refused here is left out of the workspace with a warning in the log
 * (MplanWorkspaceManager), or is one finding on itself (MplanDocumentBuilder);
 * an open document's text comes from the editor.
 */
export class MplanNodeFileSystemProvider extends NodeFileSystemProvider {
    /** The workspace folders, as given and as real paths; undefined: not confined. */
    protected roots: Array<{ given: string; real: string | undefined }> | undefined;

    /** Keeps what is read inside these folders (see above). */
    confineTo(roots: readonly URI[]): void {
        const folders = roots.filter(root => root.scheme === 'file').map(root => path.resolve(root.fsPath));
        this.roots = folders.map(given => ({ given, real: realPathOf(given) }));
    }

    /** The path to use for `uri`, or an UnreadableFile with the reason. */
    protected guard(uri: URI): string {
        if (uri.scheme !== 'file') throw new UnreadableFile(`not a file on this computer (a '${uri.scheme}:' address), not read from the disk`);
        const file = path.resolve(uri.fsPath);
        const roots = this.roots;
        if (!roots?.length) return file;
        const inside = roots.filter(root => isWithin(root.given, file));
        if (inside.length === 0) return file;
        // A file that is not there is left to the read, whose error (ENOENT on open) the workspace lock knows.
        const real = realPathOf(file);
        if (real !== undefined && real !== file && !roots.some(root => root.real !== undefined && isWithin(root.real, real))) {
            throw new UnreadableFile('a link to a file outside the workspace folders, not read');
        }
        return file;
    }

    override async readFile(uri: URI): Promise<string> {
        return readPlanFile(this.guard(uri));
    }

    override readFileSync(uri: URI): string {
        return readPlanFile(this.guard(uri));
    }

    override async readBinary(uri: URI): Promise<Uint8Array> {
        this.guard(uri);
        return super.readBinary(uri);
    }

    override readBinarySync(uri: URI): Uint8Array {
        this.guard(uri);
        return super.readBinarySync(uri);
    }

    override async stat(uri: URI): Promise<FileSystemNode> {
        this.guard(uri);
        return super.stat(uri);
    }

    override statSync(uri: URI): FileSystemNode {
        this.guard(uri);
        return super.statSync(uri);
    }

    override async exists(uri: URI): Promise<boolean> {
        return this.existsSync(uri);
    }

    override existsSync(uri: URI): boolean {
        try {
            this.guard(uri);
        } catch {
            return false;
        }
        return super.existsSync(uri);
    }

    override async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        this.guard(uri);
        return super.readDirectory(uri);
    }

    override readDirectorySync(uri: URI): FileSystemNode[] {
        this.guard(uri);
        return super.readDirectorySync(uri);
    }
}

function realPathOf(file: string): string | undefined {
    try {
        return realpathSync(file);
    } catch {
        return undefined;
    }
}

/** Whether `file` is `folder` or inside it. */
function isWithin(folder: string, file: string): boolean {
    const relative = path.relative(folder, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export const MplanNodeFileSystem = {
    fileSystemProvider: () => new MplanNodeFileSystemProvider()
};

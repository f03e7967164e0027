import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { readPlanFile } from '../host/read.js';

/**
 * The server reads files as `mplan check` does (src/host/read.ts): only regular
 * files (a named pipe would block the read, and with it the workspace's start,
 * for ever), at most 5 MB (a 50 MB plan costs 46 s and 3 GB), and only UTF-8
 * text. A file refused here is left out of the workspace with a warning in the
 * log (MplanWorkspaceManager); an open document's text comes from the editor.
 */
export class MplanNodeFileSystemProvider extends NodeFileSystemProvider {
    override async readFile(uri: URI): Promise<string> {
        return readPlanFile(uri.fsPath);
    }

    override readFileSync(uri: URI): string {
        return readPlanFile(uri.fsPath);
    }
}

export const MplanNodeFileSystem = {
    fileSystemProvider: () => new MplanNodeFileSystemProvider()
};

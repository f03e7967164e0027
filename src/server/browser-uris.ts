/**
 * Documents of other schemes as files, for the worker server in VS Code for the Web. There the
 * workspace is not on disk: `vscode-vfs://github/owner/repo/plan.mplan` on github.dev,
 * `vscode-remote://host/…` in a web extension host. The core reads imports only between files
 * (a document of another scheme is an editor's unsaved one: `resolveImportPath`), so the worker
 * shows it such a document as a file under a folder of its own,
 * `file:///@vfs/<scheme>/<authority>/<path>`, and every URI it sends back as the client's again.
 * Only the URI fields of LSP messages are rewritten (`uri`, `rootUri`, `targetUri`, the keys of a
 * workspace edit's `changes`), never a text (a plan that mentions an address keeps it).
 */

/** The folder the documents of other schemes appear under. */
export const VFS_ROOT = 'file:///%40vfs/';

/** Schemes the core reads as they are: files, an editor's unsaved documents, the web (rule pages). */
const KEPT = new Set(['file', 'untitled', 'http', 'https', 'data']);

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)$/;

/** The URI the core sees for a client's URI. */
export function toCoreUri(uri: string): string {
    const match = SCHEME.exec(uri);
    if (!match || KEPT.has(match[1].toLowerCase())) return uri;
    const [, scheme, authority, path] = match;
    return `${VFS_ROOT}${encodeURIComponent(scheme)}/${encodeURIComponent(authority) || '-'}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The client's URI for a URI the core sends. */
export function toClientUri(uri: string): string {
    if (!uri.startsWith(VFS_ROOT)) return uri;
    const rest = uri.slice(VFS_ROOT.length);
    const [scheme, authority, ...path] = rest.split('/');
    if (!scheme || authority === undefined) return uri;
    const host = authority === '-' ? '' : decodeURIComponent(authority);
    return `${decodeURIComponent(scheme)}://${host}/${path.join('/')}`;
}

const URI_KEYS = new Set(['uri', 'rootUri', 'targetUri', 'oldUri', 'newUri']);

/** A copy of an LSP message with its URI fields mapped by `map` (texts untouched). */
export function mapUris(message: unknown, map: (uri: string) => string): unknown {
    if (Array.isArray(message)) return message.map(item => mapUris(item, map));
    if (typeof message !== 'object' || message === null) return message;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(message)) {
        if (URI_KEYS.has(key) && typeof value === 'string') out[key] = map(value);
        else if (key === 'changes' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
            out[key] = Object.fromEntries(Object.entries(value).map(([uri, edits]) => [map(uri), mapUris(edits, map)]));
        } else if (key === 'text' || key === 'newText' || key === 'message') out[key] = value;
        else out[key] = mapUris(value, map);
    }
    return out;
}

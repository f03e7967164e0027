/**
 * The share link: the playground's files in the URL fragment (never sent to a server), as
 * `#v1.` + base64url(deflate-raw(JSON)). Decoding checks everything it reads: a damaged or foreign
 * fragment is a `ShareLinkError` in words, and the caller keeps the user's own files.
 */
import type { PlaygroundFiles } from './files.js';
import { validFiles } from './files.js';

export const SHARE_PREFIX = '#v1.';

/** At most this many characters of decompressed text: a link is not a way to fill the user's memory. */
const MAX_TEXT = 5 * 1024 * 1024;

export class ShareLinkError extends Error {}

/** The bytes through a (de)compression stream, stopping past `limit` bytes out (a small link may inflate to gigabytes). */
async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
    const reader = new Blob([bytes.slice().buffer as ArrayBuffer]).stream().pipeThrough(stream).getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > limit) {
            await reader.cancel();
            throw new ShareLinkError('it holds more than 5 MB of text');
        }
        chunks.push(value);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) { out.set(chunk, at); at += chunk.length; }
    return out;
}

function toBase64Url(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError('it holds characters a share link never has');
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return Uint8Array.from(binary, c => c.charCodeAt(0));
}

/** The fragment (with its `#`) that carries these files. */
export async function encodeShare(files: PlaygroundFiles): Promise<string> {
    const json = new TextEncoder().encode(JSON.stringify({ files: files.files.map(f => [f.name, f.text]), active: files.active }));
    return SHARE_PREFIX + toBase64Url(await through(json, new CompressionStream('deflate-raw')));
}

/** Whether a fragment is meant as a share link (it may still be damaged). */
export function isShareFragment(hash: string): boolean {
    return hash.startsWith('#v') && hash.length > 2;
}

/** The files a fragment carries; a ShareLinkError saying what is wrong otherwise. */
export async function decodeShare(hash: string): Promise<PlaygroundFiles> {
    if (!hash.startsWith(SHARE_PREFIX)) throw new ShareLinkError(`it is not a link of this playground (it should start with ${SHARE_PREFIX})`);
    let bytes: Uint8Array;
    try {
        bytes = await through(fromBase64Url(hash.slice(SHARE_PREFIX.length)), new DecompressionStream('deflate-raw'), MAX_TEXT);
    } catch (error) {
        throw error instanceof ShareLinkError ? error : new ShareLinkError('it is cut short or damaged (it does not decompress)');
    }
    let data: unknown;
    try {
        data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
        throw new ShareLinkError('it is damaged (its content is not what a share link holds)');
    }
    const raw = data as { files?: unknown; active?: unknown };
    const files = Array.isArray(raw?.files) ? raw.files.map(entry => Array.isArray(entry) ? { name: entry[0], text: entry[1] } : undefined) : undefined;
    const checked = validFiles(files, raw?.active);
    if (typeof checked === 'string') throw new ShareLinkError(checked);
    return checked;
}

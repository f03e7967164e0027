// Serves the built playground (web/, from npm run build:web) on localhost: `npm run web`
// (MPLAN_WEB_PORT or --port=N, default 8080). A plain static server: any other static host serves
// web/ as well. It also sends the page's Content Security Policy as a header and gzips text, as a
// static host would (the bench measures the transferred size through it).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(fileURLToPath(new URL('..', import.meta.url)));

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.md': 'text/markdown; charset=utf-8',
    '.json': 'application/json',
    '.png': 'image/png',
    '.svg': 'image/svg+xml'
};

/** Gzipped bodies by file and modification time: compressed once, as a static host caches them. */
const compressed = new Map();

function gzipped(file) {
    const key = `${file}@${statSync(file).mtimeMs}`;
    let body = compressed.get(key);
    if (!body) {
        body = gzipSync(readFileSync(file), { level: 9 });
        compressed.set(key, body);
    }
    return body;
}

/** The policy of index.html (its meta tag says the same; a test holds them equal). */
export function pagePolicy(dir) {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    return /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
}

/** Starts the server on `port` (0: any free port); resolves with it and its address. */
// `onSend(path, bytes)`: told the bytes of every body sent (the bench counts what a page transfers).
export function serveWeb({ dir = join(ROOT, 'web'), port = 8080, host = '127.0.0.1', onSend = undefined } = {}) {
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} has no index.html: run npm run build:web first`);
    const policy = pagePolicy(dir);
    const server = createServer((request, response) => {
        const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
        const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
        if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
            response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
            return;
        }
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        const headers = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
        if (type.startsWith('text/html') && policy) headers['content-security-policy'] = policy;
        if (/gzip/.test(request.headers['accept-encoding'] ?? '') && !type.startsWith('image/png')) {
            const body = gzipped(file);
            onSend?.(path, body.length);
            response.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
        } else {
            onSend?.(path, statSync(file).size);
            response.writeHead(200, headers);
            createReadStream(file).pipe(response);
        }
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            const { port: actual } = server.address();
            resolve({ server, port: actual, url: `http://${host}:${actual}/` });
        });
    });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const option = process.argv.slice(2).find(a => a.startsWith('--port='));
    const port = Number(option?.slice('--port='.length) ?? process.env.MPLAN_WEB_PORT ?? 8080);
    try {
        const { url } = await serveWeb({ port });
        console.log(`mplan playground: ${url} (Ctrl+C stops it)`);
    } catch (error) {
        console.error(`mplan web: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(2);
    }
}

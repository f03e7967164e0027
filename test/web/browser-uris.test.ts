import { URI, UriUtils } from 'langium';
import { describe, expect, it } from 'vitest';
import { mapUris, toClientUri, toCoreUri } from '../../src/server/browser-uris.js';

// The worker server in VS Code for the Web sees documents of other schemes as files
// (src/server/browser-uris.ts); what it sends back must be the client's URIs again, in the form
// vscode-uri writes them (both sides print URIs with it).

const canonical = (uri: string) => URI.parse(uri).toString();
const CLIENT = [
    'vscode-vfs://github%2B7b22726566223a7b2274797065223a327d7d/mplan-dev/mplan/examples/corner-bakery/plan.mplan',
    'vscode-remote://localhost:8080/home/user/my plans/ünï.mplan',
    'vscode-test-web://mount/plan.mplan'
].map(canonical);

describe('URIs between VS Code for the Web and the worker server', () => {
    it('make a document of another scheme a file, and back, in the core\'s own spelling', () => {
        for (const uri of CLIENT) {
            const core = canonical(toCoreUri(uri));
            expect(URI.parse(core).scheme).toBe('file');
            expect(toClientUri(core)).toBe(uri);
        }
    });

    it('resolve an import beside a document to the client\'s URI of that file', () => {
        for (const uri of CLIENT) {
            const imported = UriUtils.resolvePath(UriUtils.dirname(URI.parse(toCoreUri(uri))), 'shared/audience.mplan').toString();
            expect(toClientUri(imported)).toBe(UriUtils.resolvePath(UriUtils.dirname(URI.parse(uri)), 'shared/audience.mplan').toString());
        }
    });

    it('leave files, unsaved documents and web pages as they are', () => {
        for (const uri of ['file:///home/a/plan.mplan', 'untitled:Untitled-1', 'https://example.com/docs/rules/x.md']) {
            expect(toCoreUri(uri)).toBe(uri);
            expect(toClientUri(uri)).toBe(uri);
        }
    });

    it('rewrite only the URI fields of a message, never a plan\'s text', () => {
        const [uri] = CLIENT;
        const text = `plan P {\n    goal "see ${uri}"\n}\n`;
        const message = { method: 'textDocument/didOpen', params: { textDocument: { uri, text } } };
        const core = mapUris(message, toCoreUri) as typeof message;
        expect(core.params.textDocument.uri).toBe(toCoreUri(uri));
        expect(core.params.textDocument.text).toBe(text);
        const edit = { result: { changes: { [toCoreUri(uri)]: [{ newText: toCoreUri(uri), range: {} }] } } };
        expect(mapUris(edit, toClientUri)).toEqual({ result: { changes: { [uri]: [{ newText: toCoreUri(uri), range: {} }] } } });
    });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

/** The repository's root folder. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** The TextMate grammar the extension ships (generated into syntaxes/, copied into the extension by the build). */
export const GRAMMAR_FILE = join(ROOT, 'syntaxes', 'mplan.tmLanguage.json');

/** A token as VS Code colours it: its text, where it starts on its line, and its scopes (outermost first). */
export interface Token {
    text: string;
    line: number;
    start: number;
    scopes: string[];
}

let wasmLoaded: Promise<void> | undefined;
const grammars = new Map<string, Promise<IGrammar>>();

/** Loads the Oniguruma regex engine VS Code uses, once. */
function loadOniguruma(): Promise<void> {
    wasmLoaded ??= (async () => {
        const wasm = readFileSync(join(createRequire(import.meta.url).resolve('vscode-oniguruma'), '..', 'onig.wasm'));
        await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    })();
    return wasmLoaded;
}

/** Loads a TextMate grammar (by default the committed one) as VS Code does, once per text. */
export function loadTextmateGrammar(json = readFileSync(GRAMMAR_FILE, 'utf8')): Promise<IGrammar> {
    let grammar = grammars.get(json);
    if (!grammar) {
        grammar = (async () => {
            await loadOniguruma();
            const registry = new Registry({
                onigLib: Promise.resolve({
                    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
                    createOnigString: (text: string) => new oniguruma.OnigString(text)
                }),
                loadGrammar: async scopeName => scopeName === 'source.mplan' ? parseRawGrammar(json, GRAMMAR_FILE) : null
            });
            const loaded = await registry.loadGrammar('source.mplan');
            if (!loaded) throw new Error('the grammar did not load');
            return loaded;
        })();
        grammars.set(json, grammar);
    }
    return grammar;
}

/**
 * Tokenises a whole text line by line, as the editor does, carrying the state
 * from line to line; with the committed grammar unless another one is given.
 */
export async function tokenise(text: string, grammarJson?: string): Promise<Token[]> {
    const grammar = await loadTextmateGrammar(grammarJson);
    const tokens: Token[] = [];
    let state: StateStack = INITIAL;
    text.split(/\r?\n/).forEach((line, index) => {
        const result = grammar.tokenizeLine(line, state);
        for (const token of result.tokens) {
            const end = Math.min(token.endIndex, line.length);
            if (end > token.startIndex) tokens.push({ text: line.slice(token.startIndex, end), line: index + 1, start: token.startIndex, scopes: token.scopes });
        }
        state = result.ruleStack;
    });
    return tokens;
}

/** The innermost scope of a token (the one that decides its colour), or '' when it has only the file's. */
export function scopeOf(token: Token): string {
    const own = token.scopes.filter(scope => scope !== 'source.mplan' && !scope.startsWith('meta.'));
    return own[own.length - 1] ?? '';
}

/** The tokens of a text whose text is `word`, with their innermost scopes. */
export async function scopesOf(text: string, word: string): Promise<string[]> {
    return (await tokenise(text)).filter(token => token.text === word).map(scopeOf);
}

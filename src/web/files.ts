/** The playground's files: what it edits, shares, stores and sends the worker. */
export interface PlaygroundFile { name: string; text: string }
export interface PlaygroundFiles { files: PlaygroundFile[]; active: string }

/** The folder the worker sees the files in (the language server's workspace folder). */
export const ROOT_URI = 'file:///playground/';

export function uriOf(name: string): string {
    return ROOT_URI + name.split('/').map(encodeURIComponent).join('/');
}

export function nameOf(uri: string): string | undefined {
    return uri.startsWith(ROOT_URI) ? uri.slice(ROOT_URI.length).split('/').map(decodeURIComponent).join('/') : undefined;
}

/** A file name the playground accepts: relative, `.mplan`, folders by `/`, no `..`. */
export function nameProblem(name: string): string | undefined {
    if (!name.endsWith('.mplan')) return `${name} is not a .mplan file`;
    if (name.startsWith('/') || name.includes('\\') || name.split('/').some(part => part === '' || part === '.' || part === '..')) {
        return `${name} is not a relative file name (folders are separated by /, without . or ..)`;
    }
    return undefined;
}

/** Files as read from a share link or storage, checked: the files, or what is wrong in words. */
export function validFiles(files: unknown, active: unknown): PlaygroundFiles | string {
    if (!Array.isArray(files) || files.length === 0) return 'it holds no files';
    const out: PlaygroundFile[] = [];
    for (const file of files as Array<{ name?: unknown; text?: unknown } | undefined>) {
        if (typeof file?.name !== 'string' || typeof file.text !== 'string') return 'a file in it has no name or no text';
        const problem = nameProblem(file.name);
        if (problem) return problem;
        if (out.some(f => f.name === file.name)) return `it holds ${file.name} twice`;
        out.push({ name: file.name, text: file.text });
    }
    const name = typeof active === 'string' && out.some(f => f.name === active) ? active : out[0].name;
    return { files: out, active: name };
}

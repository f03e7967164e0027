/**
 * VS Code's snippet syntax (the TextMate one LSP adopted), read strictly: a
 * `$` that starts nothing, an unclosed `${`, a choice without its closing
 * `|}` or an unknown variable is an error here, where VS Code would quietly
 * insert the characters as they are. Used to check that the snippets the
 * extension ships are well-formed and to see the text they insert.
 *
 *   any         ::= tabstop | placeholder | choice | variable | text
 *   tabstop     ::= '$' int | '${' int '}'
 *   placeholder ::= '${' int ':' any* '}'
 *   choice      ::= '${' int '|' text (',' text)* '|}'
 *   variable    ::= '$' var | '${' var '}' | '${' var ':' any* '}'
 */

export type SnippetNode =
    | { kind: 'text'; value: string }
    | { kind: 'tabstop'; index: number }
    | { kind: 'placeholder'; index: number; children: SnippetNode[] }
    | { kind: 'choice'; index: number; options: string[] }
    | { kind: 'variable'; name: string; children: SnippetNode[] };

class Reader {
    private at = 0;

    constructor(private readonly source: string) { }

    /** Nodes up to the end of the text, or up to an unescaped `}` when inside a placeholder. */
    nodes(inside: boolean): SnippetNode[] {
        const nodes: SnippetNode[] = [];
        let text = '';
        const flush = () => { if (text) nodes.push({ kind: 'text', value: text }); text = ''; };
        while (this.at < this.source.length) {
            const c = this.source[this.at];
            if (c === '\\' && this.at + 1 < this.source.length && '$}\\'.includes(this.source[this.at + 1])) {
                text += this.source[this.at + 1];
                this.at += 2;
                continue;
            }
            if (c === '}' && inside) break;
            if (c === '$') {
                flush();
                nodes.push(this.dollar());
                continue;
            }
            text += c;
            this.at++;
        }
        flush();
        return nodes;
    }

    private dollar(): SnippetNode {
        const start = this.at;
        this.at++;
        const simple = /^(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(this.source.slice(this.at));
        if (simple) {
            this.at += simple[0].length;
            return /^\d/.test(simple[0]) ? { kind: 'tabstop', index: Number(simple[0]) } : { kind: 'variable', name: simple[0], children: [] };
        }
        if (this.source[this.at] !== '{') throw this.error(start, 'a $ that starts no tab stop or variable (write \\$)');
        this.at++;
        const head = /^(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(this.source.slice(this.at));
        if (!head) throw this.error(start, '${ without a number or a variable name');
        this.at += head[0].length;
        const isStop = /^\d/.test(head[0]);
        const next = this.source[this.at];
        if (next === '}') {
            this.at++;
            return isStop ? { kind: 'tabstop', index: Number(head[0]) } : { kind: 'variable', name: head[0], children: [] };
        }
        if (next === ':') {
            this.at++;
            const children = this.nodes(true);
            if (this.source[this.at] !== '}') throw this.error(start, 'a placeholder without its closing }');
            this.at++;
            return isStop ? { kind: 'placeholder', index: Number(head[0]), children } : { kind: 'variable', name: head[0], children };
        }
        if (next === '|' && isStop) {
            this.at++;
            const options: string[] = [];
            let option = '';
            while (this.at < this.source.length) {
                const c = this.source[this.at];
                if (c === '\\' && ',|\\$}'.includes(this.source[this.at + 1] ?? '')) {
                    option += this.source[this.at + 1];
                    this.at += 2;
                } else if (c === ',') {
                    options.push(option);
                    option = '';
                    this.at++;
                } else if (c === '|' && this.source[this.at + 1] === '}') {
                    options.push(option);
                    this.at += 2;
                    return { kind: 'choice', index: Number(head[0]), options };
                } else {
                    option += c;
                    this.at++;
                }
            }
            throw this.error(start, 'a choice without its closing |}');
        }
        throw this.error(start, `\${${head[0]} followed by '${next ?? 'the end'}'`);
    }

    private error(at: number, what: string): Error {
        return new Error(`snippet syntax error at ${at}: ${what}: ${JSON.stringify(this.source.slice(at, at + 30))}`);
    }

    get done(): boolean {
        return this.at >= this.source.length;
    }
}

/** Parses a snippet; throws on anything VS Code would not read as snippet syntax. */
export function parseSnippet(source: string): SnippetNode[] {
    const reader = new Reader(source);
    const nodes = reader.nodes(false);
    if (!reader.done) throw new Error('snippet syntax error: an unescaped } outside a placeholder');
    return nodes;
}

/** Every tab stop of a snippet (plain, placeholder or choice), in order, nested ones included. */
export function tabStops(nodes: SnippetNode[]): number[] {
    return nodes.flatMap(node => {
        if (node.kind === 'tabstop' || node.kind === 'choice') return [node.index];
        if (node.kind === 'placeholder') return [node.index, ...tabStops(node.children)];
        if (node.kind === 'variable') return tabStops(node.children);
        return [];
    });
}

/**
 * The text a snippet inserts when every field is left as it is: placeholders
 * their defaults, choices their first option, a tab stop what its placeholder
 * says (mirrors), variables the given values (an unknown one is an error).
 */
export function expandSnippet(source: string, variables: Readonly<Record<string, string>>): string {
    const nodes = parseSnippet(source);
    const defaults = new Map<number, string>();
    const expand = (list: SnippetNode[]): string => list.map(node => {
        switch (node.kind) {
            case 'text': return node.value;
            case 'tabstop': return defaults.get(node.index) ?? '';
            case 'choice': {
                defaults.set(node.index, node.options[0]);
                return node.options[0];
            }
            case 'placeholder': {
                const text = expand(node.children);
                defaults.set(node.index, text);
                return text;
            }
            case 'variable': {
                if (!Object.hasOwn(variables, node.name)) throw new Error(`snippet uses the unknown variable ${node.name}`);
                return variables[node.name];
            }
        }
    }).join('');
    return expand(nodes);
}

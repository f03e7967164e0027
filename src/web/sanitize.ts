/**
 * The HTML the editor's tooltips show (the LSP client renders the server's Markdown hovers and
 * completion docs to HTML), cut down to what Markdown makes: the server escapes a plan's words, and
 * this is the second line of defence, as VS Code sanitises Markdown. Parsed by DOMParser (which runs
 * nothing); only an allow-list of elements and, on links, `href` to the web or within the page,
 * are kept; everything else is dropped or, for an unknown element, replaced by its text.
 */
const ELEMENTS = new Set(['P', 'BR', 'HR', 'EM', 'STRONG', 'B', 'I', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'A', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
    'BLOCKQUOTE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SPAN', 'DEL']);
const DROPPED = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'SVG', 'MATH', 'IMG', 'VIDEO', 'AUDIO', 'FORM', 'INPUT', 'LINK', 'META', 'BASE']);

function clean(node: Element): void {
    for (const child of [...node.children]) {
        if (DROPPED.has(child.tagName)) {
            child.remove();
            continue;
        }
        clean(child);
        if (!ELEMENTS.has(child.tagName)) {
            child.replaceWith(document.createTextNode(child.textContent ?? ''));
            continue;
        }
        for (const attribute of [...child.attributes]) {
            const keep = (child.tagName === 'A' && attribute.name === 'href' && /^(https?:|#|rules\/)/i.test(attribute.value.trim()))
                || (attribute.name === 'class' && /^[\w\s-]*$/.test(attribute.value));
            if (!keep) child.removeAttribute(attribute.name);
        }
    }
}

export function sanitizeHtml(html: string): string {
    const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
    clean(body);
    return body.innerHTML;
}

import { GrammarUtils, isLeafCstNode, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import type { Document } from '../generated/ast.js';

/**
 * Langium folds every block and block comment; this adds what it cannot see:
 * a campaign's `results { … }` (not a block of its own) and runs of two or
 * more `//` comment lines, such as a file's header.
 */
export class MplanFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        const root = document.parseResult.value as Document;
        for (const element of root.elements ?? []) {
            if (element.$type !== 'Campaign') continue;
            const open = GrammarUtils.findNodeForKeyword(element.$cstNode, 'results');
            if (!open || !element.$cstNode || !('content' in element.$cstNode)) continue;
            const leaves = [...GrammarUtils.findNodesForKeyword(element.$cstNode, '}')].filter(isLeafCstNode);
            const close = leaves.find(leaf => leaf.offset > open.offset);
            if (close && close.range.start.line > open.range.start.line + 0) {
                acceptor({ startLine: open.range.start.line, endLine: close.range.start.line - 1 });
            }
        }
        const lines = document.textDocument.getText().split(/\r?\n/);
        let start = -1;
        for (let i = 0; i <= lines.length; i++) {
            const comment = i < lines.length && /^\s*\/\//.test(lines[i]);
            if (comment && start < 0) start = i;
            if (!comment && start >= 0) {
                if (i - 1 > start) acceptor({ startLine: start, endLine: i - 1, kind: 'comment' });
                start = -1;
            }
        }
    }
}

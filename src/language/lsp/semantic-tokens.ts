import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';

/** Semantic highlighting of plans. (Being written: see the language-server issue.) */
export class MplanSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(_node: AstNode, _acceptor: SemanticTokenAcceptor): void {
        // Filled in by the semantic tokens' author.
    }
}

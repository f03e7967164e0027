import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';

/** Inlay hints with budget totals and shares. (Being written.) */
export class MplanInlayHintProvider extends AbstractInlayHintProvider {
    computeInlayHint(_node: AstNode, _acceptor: InlayHintAcceptor): void {
        // Filled in by the inlay hints' author.
    }
}

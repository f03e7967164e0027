import type { AstNode } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';

/** Hover: keywords in plain words, summaries of referenced blocks. (Being written.) */
export class MplanHoverProvider extends AstNodeHoverProvider {
    protected getAstNodeHoverContent(_node: AstNode): string | undefined {
        return undefined;
    }
}

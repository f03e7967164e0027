import type { AstNode } from 'langium';
import { AbstractFormatter } from 'langium/lsp';

/**
 * Formats plans: one fact per line, four-space indentation inside blocks,
 * comments kept where they are. (Being written: see the language-server issue.)
 */
export class MplanFormatter extends AbstractFormatter {
    protected format(_node: AstNode): void {
        // Filled in by the formatter's author.
    }
}

import type { LangiumDocument } from 'langium';
import type { Position, SelectionRange } from 'vscode-languageserver';

/**
 * Selection ranges ("expand selection"): from the word under the cursor out
 * to the fact, the block and the file. Langium has no such service; the
 * language server registers this one itself. (Being written.)
 */
export class MplanSelectionRangeProvider {
    getSelectionRanges(_document: LangiumDocument, _positions: Position[]): SelectionRange[] {
        return [];
    }
}

import { Cancellation, DefaultLangiumDocumentFactory, DocumentState, type AstNode, type LangiumDocument, type Mutable, type ParseResult } from 'langium';
import type { Document } from '../generated/ast.js';
import { reparseEditedBlock } from '../syntax/incremental-parse.js';

/**
 * Langium's document factory, except that an edited document is re-parsed
 * incrementally when the edit falls inside one block (`syntax/incremental-parse.ts`):
 * the language server's keystrokes then cost the parse of one block, not of
 * the whole file. Everything else (new documents, the CLI) is Langium's.
 */
export class MplanDocumentFactory extends DefaultLangiumDocumentFactory {
    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const oldText = document.parseResult.value.$cstNode?.root.fullText;
        const textDocument = this.textDocuments?.get(document.uri.toString());
        const text = await this.getUpdatedText(document, textDocument, cancellationToken);
        if (textDocument) {
            Object.defineProperty(document, 'textDocument', { value: textDocument });
        } else {
            Object.defineProperty(document, 'textDocument', { get: this.createTextDocumentGetter(document.uri, text) });
        }
        if (oldText !== text && !(oldText !== undefined && this.reparseIncrementally(document, text))) {
            document.parseResult = await this.parseAsync(document.uri, text, cancellationToken);
            (document.parseResult.value as Mutable<AstNode>).$document = document;
        }
        document.state = DocumentState.Parsed;
        return document;
    }

    protected reparseIncrementally(document: LangiumDocument, text: string): boolean {
        const parser = this.serviceRegistry.getServices(document.uri).parser.LangiumParser;
        return reparseEditedBlock(parser, document.parseResult as ParseResult<Document>, text);
    }
}

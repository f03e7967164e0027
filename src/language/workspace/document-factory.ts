import { Cancellation, DefaultLangiumDocumentFactory, DocumentState, type AstNode, type LangiumDocument, type Mutable, type ParseResult } from 'langium';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Document } from '../generated/ast.js';
import { reparseEditedBlock } from '../syntax/incremental-parse.js';
import { describeReadError } from './plan-loader.js';

/**
 * Why a document's text could not be had, in words: the document builder
 * shows it as the document's one finding (`document-builder.ts`).
 */
export class TextUnavailable extends Error {}

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

    /**
     * The text to parse: the editor's, or the file's. An editor that opened a
     * document without text (or with something else than a string) and a file
     * that cannot be read are a `TextUnavailable` with the reason; a file that
     * is gone keeps Node's error, for the workspace lock (`workspace-lock.ts`).
     */
    protected override async getUpdatedText(document: LangiumDocument, textDocument: TextDocument | undefined, cancellationToken: Cancellation.CancellationToken): Promise<string> {
        if (textDocument) {
            const text: unknown = textDocument.getText();
            if (typeof text !== 'string') throw new TextUnavailable(`the editor sent it without its text (${text === undefined ? 'none' : `a ${typeof text}`} where the text should be)`);
            return text;
        }
        try {
            return await super.getUpdatedText(document, undefined, cancellationToken);
        } catch (error) {
            const code = (error as { code?: unknown } | undefined)?.code;
            if (code === 'ENOENT' || code === 'ENOTDIR') throw error;
            throw new TextUnavailable(describeReadError(error));
        }
    }

    protected reparseIncrementally(document: LangiumDocument, text: string): boolean {
        const parser = this.serviceRegistry.getServices(document.uri).parser.LangiumParser;
        return reparseEditedBlock(parser, document.parseResult as ParseResult<Document>, text);
    }
}

import { DefaultCompletionProvider } from 'langium/lsp';

/** Completion: keywords, names of the right kind, snippet stanzas. (Being extended.) */
export class MplanCompletionProvider extends DefaultCompletionProvider {
}

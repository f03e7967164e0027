import { DefaultNodeKindProvider } from 'langium/lsp';

/** Symbol and completion kinds per kind of block. (Being extended.) */
export class MplanNodeKindProvider extends DefaultNodeKindProvider {
}

import { DefaultRenameProvider } from 'langium/lsp';

/** Rename across files, refusing names that collide. (Being extended.) */
export class MplanRenameProvider extends DefaultRenameProvider {
}

import {
    AstUtils, CstUtils, GrammarAST, GrammarUtils, UriUtils, type AstNode, type AstNodeDescription, type AstNodeLocator, type AstReflection,
    type CstNode, type LangiumDocument, type LangiumDocuments
} from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import {
    LSPErrorCodes, ResponseError, TextEdit, type CancellationToken, type PrepareRenameParams, type Range, type RenameParams,
    type WorkspaceEdit
} from 'vscode-languageserver';
import type { Document } from '../generated/ast.js';
import type { MplanServices } from '../mplan-module.js';
import type { ImportResolver } from '../scoping/imports.js';
import type { MplanScopeProvider } from '../scoping/scope-provider.js';
import { collectKeywords } from '../syntax/token-builder.js';

/** What a rename acts on: a named block, and the name under the cursor (its declaration or a reference to it). */
interface RenameTarget {
    block: AstNode & { name: string };
    range: Range;
}

/**
 * Rename across every file of the workspace: the block's name and every
 * reference to it, in whichever file. A new name is refused, with the reason
 * in plain words, when it is not a valid name, when it is one of the
 * language's own words, or when another block of the same kind already has it
 * where the block is visible (its own file and every file that imports it,
 * directly or not), since the plan would then be ambiguous.
 */
export class MplanRenameProvider extends DefaultRenameProvider {
    protected readonly scopes: MplanScopeProvider;
    protected readonly imports: ImportResolver;
    protected readonly documents: LangiumDocuments;
    protected readonly reflection: AstReflection;
    protected readonly locator: AstNodeLocator;
    protected readonly keywords = new Set<string>();
    /** What a name must look like: the grammar's ID terminal, over the whole text. */
    protected readonly namePattern: RegExp;

    constructor(services: MplanServices) {
        super(services);
        this.scopes = services.references.ScopeProvider;
        this.imports = services.references.ImportResolver;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.reflection = services.shared.AstReflection;
        this.locator = services.workspace.AstNodeLocator;
        for (const rule of services.Grammar.rules) collectKeywords(rule, this.keywords);
        const id = services.Grammar.rules.find(rule => GrammarAST.isTerminalRule(rule) && rule.name === 'ID') as GrammarAST.TerminalRule | undefined;
        this.namePattern = id ? new RegExp(`^(?:${GrammarUtils.terminalRegex(id).source})$`) : /^[_a-zA-Z][\w-]*$/;
    }

    override async rename(document: LangiumDocument, params: RenameParams, _cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        const newName = params.newName;
        const kind = kindOf(target.block);
        this.checkName(newName, kind);
        if (newName === target.block.name) return { changes: {} };
        this.checkCollision(document, target.block, newName);
        const changes: Record<string, TextEdit[]> = {};
        for (const reference of this.references.findReferences(target.block, { includeDeclaration: true })) {
            const uri = reference.sourceUri.toString();
            (changes[uri] ??= []).push(TextEdit.replace(reference.segment.range, newName));
        }
        return { changes };
    }

    /** The range of the name to rename (the client offers its text to edit), or a refusal that says why. */
    override prepareRename(document: LangiumDocument, params: PrepareRenameParams, _cancelToken?: CancellationToken): Range {
        return this.targetAt(document, params.position).range;
    }

    /** The block named at a position (by its declaration or by a reference), or a refusal that says why there is none. */
    protected targetAt(document: LangiumDocument, position: RenameParams['position']): RenameTarget {
        const root = document.parseResult.value.$cstNode;
        const offset = document.textDocument.offsetAt(position);
        const leaf = root ? CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp) : undefined;
        if (leaf && !leaf.hidden) {
            const declarations = this.references.findDeclarations(leaf);
            const block = declarations[0] as (AstNode & { name?: string }) | undefined;
            if (block && typeof block.name === 'string' && block.name !== '') {
                return { block: block as RenameTarget['block'], range: leaf.range };
            }
            const reference = this.unresolvedReference(leaf);
            if (reference) {
                throw refusal(`'${leaf.text}' refers to no ${reference} this file can see, so there is nothing to rename. Declare it, or import the file that does.`);
            }
        }
        throw refusal('Put the cursor on the name of a block, or on a name that refers to one, to rename it.');
    }

    /** The kind of block a reference names, when the syntax at the cursor is a reference (that did not resolve). */
    protected unresolvedReference(leaf: CstNode): string | undefined {
        const crossReference = leaf.grammarSource && AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isCrossReference);
        const assignment = leaf.grammarSource && AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isAssignment);
        if (!crossReference || !assignment) return undefined;
        try {
            return this.reflection.getReferenceType({ container: leaf.astNode, property: assignment.feature, reference: { $refText: leaf.text } as never }).toLowerCase();
        } catch {
            return 'block';
        }
    }

    /** Refuses a text that cannot be written as a name, or that is one of the language's words. */
    protected checkName(newName: string, kind: string): void {
        if (!this.namePattern.test(newName)) {
            throw refusal(`'${newName}' cannot be the name of a ${kind}: a name starts with a letter (or '_') and holds only letters, digits, '_' and '-', with no spaces.`);
        }
        if (this.keywords.has(newName)) {
            throw refusal(`'${newName}' is one of mplan's own words, so it cannot name a ${kind}. Choose another name.`);
        }
    }

    /**
     * Refuses a name that another block of the same kind already has in a file
     * that sees the block: its own file, or any file that imports it.
     */
    protected checkCollision(from: LangiumDocument, block: AstNode & { name: string }, newName: string): void {
        const file = AstUtils.getDocument(block) as LangiumDocument<Document>;
        const path = this.locator.getAstNodePath(block);
        const isBlock = (d: AstNodeDescription) => UriUtils.equals(d.documentUri, file.uri) && d.path === path;
        for (const seer of this.filesThatSee(file)) {
            const other = this.scopes.getScopeForType(seer, block.$type).named(newName).find(d => !isBlock(d));
            if (!other) continue;
            const kind = kindOf(block);
            const line = (other.nameSegment?.range.start.line ?? other.node?.$cstNode?.range.start.line ?? 0) + 1;
            const otherFile = this.pathFrom(from, other.documentUri);
            const clash = UriUtils.equals(other.documentUri, file.uri)
                ? `Another ${kind} in ${otherFile} is already named '${newName}' (line ${line})`
                : `Another ${kind} is already named '${newName}' (${otherFile}, line ${line}), and ${this.pathFrom(from, seer.uri)} sees both`;
            throw refusal(`${clash}: two ${kind}s with one name would make the plan ambiguous. Choose another name.`);
        }
    }

    /**
     * The file itself, then every file that imports it, directly or through
     * other files: where its blocks can be named. Reads only import lists.
     */
    protected filesThatSee(file: LangiumDocument<Document>): Array<LangiumDocument<Document>> {
        const importers = new Map<string, Array<LangiumDocument<Document>>>();
        for (const candidate of this.documents.all) {
            const doc = candidate as LangiumDocument<Document>;
            if (!doc.parseResult?.value) continue;
            for (const imp of this.imports.resolveImports(doc)) {
                if (!imp.document) continue;
                const key = imp.uri.toString();
                const list = importers.get(key);
                if (list) list.push(doc); else importers.set(key, [doc]);
            }
        }
        const seen = new Set<string>([file.uri.toString()]);
        const result = [file];
        for (let i = 0; i < result.length; i++) {
            for (const importer of importers.get(result[i].uri.toString()) ?? []) {
                const key = importer.uri.toString();
                if (!seen.has(key)) {
                    seen.add(key);
                    result.push(importer);
                }
            }
        }
        return result;
    }

    /** A file's path as the user reads it: relative to the folder of the file being edited. */
    protected pathFrom(from: LangiumDocument, uri: LangiumDocument['uri']): string {
        return UriUtils.relative(UriUtils.dirname(from.uri), uri) || UriUtils.basename(uri);
    }
}

/** "segment", "strategy", … */
function kindOf(block: AstNode): string {
    return block.$type.toLowerCase();
}

/** A refusal the editor shows as it is. */
function refusal(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

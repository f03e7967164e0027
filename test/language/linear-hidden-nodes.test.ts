/**
 * mplan places comments into the tree with its own linear code
 * (src/language/syntax/linear-hidden-nodes.ts) instead of Langium's, which is
 * quadratic in the comments and overflows the stack on long runs of them. The
 * trees must be the ones Langium builds: every node, offset, range, hidden
 * flag and parent, the AST, the comments attached to blocks, the formatter's
 * edits and the semantic tokens, for the examples, the bench plans and texts
 * full of comments in every place, broken ones included.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, createLangiumParser, URI, type AstNode, type LangiumDocument, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/language/generated/ast.js';
import { CLEAN_PLAN, services } from '../helpers.js';
import { parse, shapeOf } from './tree-shape.js';
// @ts-expect-error: a plain ES module without types
import { generatePlan } from '../../bench/generate.mjs';

const ROOT = join(__dirname, '..', '..');
/** Langium's own parser for the same grammar, with its own CST builder and hidden-token extraction. */
const langium = createLangiumParser(services.Mplan);

function examples(dir = join(ROOT, 'examples')): Record<string, string> {
    const found: Record<string, string> = {};
    for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) Object.assign(found, examples(path));
        else if (name.endsWith('.mplan')) found[name] = readFileSync(path, 'utf8');
    }
    return found;
}

/** Every line of a plan with a comment before, after and inside it, of both kinds. */
function commentedEverywhere(text: string): string {
    return '// heading\n/* a block\n   comment */\n' + text.split('\n').map((line, i) => {
        const words = line.split(' ');
        const middle = Math.floor(words.length / 2);
        return `/* ${i} */ ` + [...words.slice(0, middle), `/* in ${i} */`, ...words.slice(middle)].join(' ') + ` // after ${i}\n// own line ${i}`;
    }).join('\n') + '\n// trailing\n/* last */';
}

const TEXTS: Record<string, string> = {
    ...examples(),
    'bench plan, 1,000 lines': generatePlan(1_000),
    'bench plan with comments': commentedEverywhere(generatePlan(300)),
    'clean plan with comments everywhere': commentedEverywhere(CLEAN_PLAN),
    'only comments': Array.from({ length: 50 }, (_, i) => `// note ${i}`).join('\n'),
    'comments, then nothing': '/* a */ /* b */\n// c\n',
    'empty': '',
    'comment before a block and after its brace': '// the plan\nplan P { // first fact next\n goal "Grow" // why\n} // done\n// after all\nproduct A { price 3 EUR } /* x */ product B { /* empty */ }',
    'broken plan with comments': commentedEverywhere('plan P {\n  goal "Grow" budget\n}\nsegment S { who "People" age 20 to }\n} }\nproduct X { price EUR }\ntactic T { serves'),
    'unclosed block comment': 'plan P { goal "Grow" }\n/* never closed\nproduct A { price 3 EUR }'
};

/** A document for a parse result, without parsing again. */
let counter = 0;
function documentOf(result: ParseResult<Document>): LangiumDocument {
    const document = services.shared.workspace.LangiumDocumentFactory.fromModel(result.value, URI.file(`/linear/doc-${counter++}.mplan`));
    (document as { parseResult: ParseResult<Document> }).parseResult = result;
    return document;
}

async function seen(result: ParseResult<Document>): Promise<unknown> {
    const document = documentOf(result);
    const comments = AstUtils.streamAst(result.value).map((node: AstNode) => services.Mplan.documentation.CommentProvider.getComment(node) ?? null).toArray();
    const formatted = await services.Mplan.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
    const tokens = await services.Mplan.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    return {
        shape: shapeOf(result),
        comments,
        formatted,
        tokens: tokens.data,
        errors: [result.lexerErrors.map(e => [e.offset, e.length]), result.parserErrors.map(e => [e.token.startOffset, e.token.image])]
    };
}

describe('comments in the tree (linear-hidden-nodes.ts)', () => {
    for (const [name, text] of Object.entries(TEXTS)) {
        it(`${name}: the same tree, comments, formatting and tokens as Langium's parser`, async () => {
            const ours = parse(text);
            const theirs = langium.parse<Document>(text);
            expect(await seen(ours)).toEqual(await seen(theirs));
            if (text.trim()) expect(ours.value.$cstNode!.root.content.length).toBeGreaterThan(0);
        });
    }

    it('a block parsed alone (as the incremental parse does) gets the same tree as with Langium', () => {
        const block = '// before\nproduct Bread { // a note\n  price 3 EUR /* why */ benefit "Baked at dawn"\n} // after';
        const ours = services.Mplan.parser.LangiumParser.parse<Document>(block, { rule: 'Product' });
        const theirs = langium.parse<Document>(block, { rule: 'Product' });
        expect(shapeOf(ours)).toEqual(shapeOf(theirs));
    });

    it('150,000 comment lines in a row parse into a tree with every comment, in order', () => {
        const text = Array.from({ length: 150_000 }, (_, i) => `// note ${i}`).join('\n') + '\nplan P { goal "Grow" }\n';
        expect(() => langium.parse(text)).toThrow(RangeError);
        const result = parse(text);
        const leaves = AstUtils.streamAst(result.value).count();
        expect(leaves).toBe(1 + 1);
        const root = result.value.$cstNode!.root;
        const hidden = root.content.filter(node => node.hidden);
        expect(hidden).toHaveLength(150_000);
        expect(hidden[149_999].text).toBe('// note 149999');
        expect(hidden.every((node, i) => i === 0 || node.offset > hidden[i - 1].offset)).toBe(true);
    });
});

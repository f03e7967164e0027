import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CstUtils, GrammarAST, URI, type LeafCstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/language/generated/ast.js';
import { check, services } from '../helpers.js';
import { EMPTY_FILE_MESSAGE } from '../../src/language/rules/syntax-error.js';
import { ROOT } from './textmate.js';

interface LanguageConfiguration {
    comments: { lineComment: string; blockComment: [string, string] };
    brackets: Array<[string, string]>;
    colorizedBracketPairs: Array<[string, string]>;
    autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
    surroundingPairs: Array<[string, string]>;
    folding: { markers: { start: string; end: string } };
    wordPattern: string;
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    onEnterRules: Array<{ beforeText: string; afterText?: string; previousLineText?: string; action: { indent: string; appendText?: string; removeText?: number } }>;
}

const config: LanguageConfiguration = JSON.parse(readFileSync(join(ROOT, 'extension', 'language-configuration.json'), 'utf8'));
const grammar = services.Mplan.Grammar;

/** A terminal of the Langium grammar as a regex that must match a whole text. */
function terminal(name: string): RegExp {
    const rule = grammar.rules.find(r => GrammarAST.isTerminalRule(r) && r.name === name) as GrammarAST.TerminalRule;
    const source = (rule.definition as GrammarAST.RegexToken).regex.replace(/^\/|\/[a-z]*$/g, '');
    return new RegExp(`^(?:${source})$`);
}

/** Every keyword of the grammar. */
function keywords(): Set<string> {
    const found = new Set<string>();
    for (const rule of grammar.rules) for (const node of GrammarAST.isParserRule(rule) ? streamKeywords(rule.definition) : []) found.add(node);
    return found;
}

function* streamKeywords(node: GrammarAST.AbstractElement): Generator<string> {
    if (GrammarAST.isKeyword(node)) yield node.value;
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        for (const child of Array.isArray(value) ? value : [value]) {
            if (child && typeof child === 'object' && '$type' in child && !GrammarAST.isAbstractRule(child)) yield* streamKeywords(child as GrammarAST.AbstractElement);
        }
    }
}

/** Every example plan and the design sketch, by path. */
function examples(): string[] {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap(name => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : name.endsWith('.mplan') ? [full] : [];
    });
    return [...walk(join(ROOT, 'examples')), join(ROOT, 'test', 'fixtures', 'design-sketch.mplan')].map(file => relative(ROOT, file)).sort();
}

/** The parser's tokens of a file (no comments). */
function leaves(text: string, file: string): LeafCstNode[] {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.file(join(ROOT, file)));
    return CstUtils.flattenCst(document.parseResult.value.$cstNode!).filter(leaf => !leaf.hidden).toArray();
}

const increase = new RegExp(config.indentationRules.increaseIndentPattern);
const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);

describe('the language configuration', () => {
    it('is JSON whose patterns are all valid regular expressions', () => {
        const patterns = [
            config.wordPattern, config.folding.markers.start, config.folding.markers.end,
            config.indentationRules.increaseIndentPattern, config.indentationRules.decreaseIndentPattern,
            ...config.onEnterRules.flatMap(rule => [rule.beforeText, rule.afterText, rule.previousLineText].filter((p): p is string => !!p))
        ];
        expect(patterns.length).toBeGreaterThan(10);
        for (const pattern of patterns) expect(() => new RegExp(pattern)).not.toThrow();
        for (const rule of config.onEnterRules) expect(['none', 'indent', 'outdent', 'indentOutdent']).toContain(rule.action.indent);
    });

    it('comments as the grammar\'s comment terminals do', () => {
        const { lineComment, blockComment: [open, close] } = config.comments;
        expect(terminal('SL_COMMENT').test(`${lineComment} a note`)).toBe(true);
        expect(terminal('ML_COMMENT').test(`${open} a note\n over lines ${close}`)).toBe(true);
        expect(terminal('ML_COMMENT').test(`${open} a note`)).toBe(false);
        expect(config.autoClosingPairs).toContainEqual({ open, close: ` ${close}`, notIn: ['string'] });
    });

    it.each(examples())('comments out %s whole, line by line or as one block, as the editor\'s commands do', async file => {
        const text = readFileSync(join(ROOT, file), 'utf8');
        const { lineComment, blockComment: [open, close] } = config.comments;
        for (const commented of [text.split('\n').map(line => `${lineComment} ${line}`).join('\n'), `${open} ${text.replace(/\*\//g, '* /')} ${close}\n`]) {
            const checked = await check({ [file]: commented });
            // No error in the comments: the file only reads as empty, which is said at line 1.
            expect(checked.findings(file).filter(f => f.rule === 'syntax-error').map(f => [f.line, f.message])).toEqual([[1, EMPTY_FILE_MESSAGE]]);
            expect(checked.documents.get(file)!.parseResult.value.elements).toEqual([]);
        }
    });

    it('has the grammar\'s braces as its only brackets, and its string quotes as pairs', () => {
        const punctuation = [...keywords()].filter(k => !/^[A-Za-z]+$/.test(k)).sort();
        // `=` of an exchange rate (`rate 1 EUR = 1.08 USD`) is no bracket either.
        expect(punctuation).toEqual(['%', ',', '=', '{', '}']);
        expect(config.brackets).toEqual([['{', '}']]);
        expect(config.colorizedBracketPairs).toEqual(config.brackets);
        const quote = terminal('STRING').source.replace(/^\^\(\?:/, '')[0];
        expect(quote).toBe('"');
        for (const pair of [...config.brackets, [quote, quote]]) {
            expect(config.surroundingPairs).toContainEqual(pair);
            expect(config.autoClosingPairs).toContainEqual({ open: pair[0], close: pair[1], notIn: ['string', 'comment'] });
        }
    });

    it.each(examples())('finds the braces of %s balanced', file => {
        let depth = 0;
        for (const leaf of leaves(readFileSync(join(ROOT, file), 'utf8'), file)) {
            for (const [open, close] of config.brackets) {
                if (leaf.text === open) depth++;
                if (leaf.text === close) depth--;
            }
            expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
    });

    it.each(examples())('selects every name, word, number, date and time of %s whole', file => {
        const text = readFileSync(join(ROOT, file), 'utf8');
        const lines = text.split('\n');
        const wrong: string[] = [];
        let count = 0;
        for (const leaf of leaves(text, file)) {
            if (!/^[\w]/.test(leaf.text)) continue;
            count++;
            const { line, character } = leaf.range.start;
            const words = [...lines[line].matchAll(new RegExp(config.wordPattern, 'g'))];
            const word = words.find(m => m.index === character)?.[0];
            if (word !== leaf.text) wrong.push(`${line + 1}:${character + 1} '${leaf.text}' selects as '${word ?? ''}'`);
        }
        expect(count).toBeGreaterThan(10);
        expect(wrong).toEqual([]);
    });

    it.each(examples())('indents %s as its braces nest: after a line that opens a block, back at a line that closes one', file => {
        const text = readFileSync(join(ROOT, file), 'utf8');
        const lines = text.split('\n');
        const braces = new Map<number, string[]>();
        for (const leaf of leaves(text, file)) {
            if (leaf.text !== '{' && leaf.text !== '}') continue;
            const line = leaf.range.start.line;
            braces.set(line, [...braces.get(line) ?? [], leaf.text]);
        }
        const wrong: string[] = [];
        lines.forEach((line, i) => {
            const onLine = braces.get(i) ?? [];
            const opens = onLine.filter(b => b === '{').length > onLine.filter(b => b === '}').length && onLine[onLine.length - 1] === '{';
            const closesFirst = /^\s*\}/.test(line);
            if (increase.test(line) !== opens) wrong.push(`${i + 1}: '${line}' ${opens ? 'opens a block but does not indent' : 'indents the next line'}`);
            if (decrease.test(line) !== closesFirst) wrong.push(`${i + 1}: '${line}' outdents wrongly`);
        });
        expect(wrong).toEqual([]);
    });

    it('does not indent after a brace in a string or a comment', () => {
        expect(increase.test('plan P {')).toBe(true);
        expect(increase.test('    habits {  // where they are online')).toBe(true);
        expect(increase.test('plan P { goal "a } in a string"')).toBe(true);
        expect(increase.test('    goal "a { in a string"')).toBe(false);
        expect(increase.test('// plan P {')).toBe(false);
        expect(increase.test('    benefit "x" /* { */')).toBe(false);
        expect(increase.test('    habits { search google }')).toBe(false);
    });

    it('folds // #region … // #endregion, which are comments to the parser', async () => {
        const text = '// #region market\nsegment S { who "x" }\n// #endregion\n';
        const [start, , end] = text.split('\n');
        expect(new RegExp(config.folding.markers.start).test(start)).toBe(true);
        expect(new RegExp(config.folding.markers.end).test(end)).toBe(true);
        expect(new RegExp(config.folding.markers.start).test(end)).toBe(false);
        const checked = await check(text);
        expect(checked.findings().filter(f => f.rule === 'syntax-error')).toEqual([]);
    });

    it('carries a block comment on over Enter, and a line comment when Enter splits it', () => {
        const ruleFor = (before: string, after = '', previous = '') => config.onEnterRules.find(rule =>
            new RegExp(rule.beforeText).test(before)
            && (!rule.afterText || new RegExp(rule.afterText).test(after))
            && (!rule.previousLineText || new RegExp(rule.previousLineText).test(previous)))?.action;
        expect(ruleFor('/* Notes on the market')).toEqual({ indent: 'none', appendText: ' * ' });
        expect(ruleFor('/*', ' */')).toEqual({ indent: 'indentOutdent', appendText: ' * ' });
        expect(ruleFor(' * more notes', '', '/* Notes')).toEqual({ indent: 'none', appendText: '* ' });
        expect(ruleFor(' */')).toEqual({ indent: 'none', removeText: 1 });
        expect(ruleFor('// a long', 'note')).toEqual({ indent: 'none', appendText: '// ' });
        expect(ruleFor('// a note at its end', '')).toBeUndefined();
        expect(ruleFor('/* closed */')).toBeUndefined();
    });
});

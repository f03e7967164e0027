import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLangiumParser, type CstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/language/generated/ast.js';
import { MplanGrammar } from '../../../src/language/generated/grammar.js';
import { findRepeatedFacts, repeatableAssignments } from '../../../src/language/syntax/repeated-facts.js';
import { CLEAN_PLAN, check, services, type Checked, type Found } from '../../helpers.js';

/** The syntax-error findings of a check: what these tests are about, whatever other rules exist. */
function syntaxErrors(result: Checked): Found[] {
    return result.findings().filter(f => f.rule === 'syntax-error');
}

describe('syntax-error', () => {
    it('does not fire on a plan that follows the language', async () => {
        expect((await check(CLEAN_PLAN)).rules()).not.toContain('syntax-error');
    });

    it('says in plain words what was expected, at the offending token', async () => {
        const result = await check('segment {\n    who "x"\n}\n');
        const [first] = result.findings().filter(f => f.rule === 'syntax-error');
        expect(first).toMatchObject({ rule: 'syntax-error', severity: 'error', line: 1, column: 9 });
        expect(first.message).toBe("Expected a name after 'segment' but found '{'.");
    });

    it('names the kinds of value expected, such as a date', async () => {
        const result = await check('tactic T { from 2027 to 2028-01-01 }\n');
        const messages = result.findings().filter(f => f.rule === 'syntax-error').map(f => f.message);
        expect(messages[0]).toBe("Expected a date (YYYY-MM-DD) after 'from' but found '2027'.");
    });

    it('reports an unterminated string at its opening quote', async () => {
        const result = await check('plan P {\n    goal "never closed\n}\n');
        const lexing = result.findings().find(f => f.message.includes('closing "'));
        expect(lexing).toMatchObject({ rule: 'syntax-error', line: 2, column: 10 });
    });

    it('reports a character that is not part of the language', async () => {
        const result = await check('plan P { goal "x" } $\n');
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'syntax-error', line: 1, column: 21, message: "Unexpected '$': this is not part of the mplan language." }));
    });

    it('reports an end of file inside a block', async () => {
        const result = await check('plan P {\n    goal "x"\n');
        const errors = result.findings().filter(f => f.rule === 'syntax-error');
        expect(errors.length).toBeGreaterThan(0);
        expect(errors[0].message).toContain('the end of the file');
    });

    it('refuses a currency that is not a three-letter code, at the code', async () => {
        const result = await check(CLEAN_PLAN.replace('price 49 USD', 'price 49 Dollars'));
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'syntax-error', line: 6, column: 14, endColumn: 21,
            message: "'Dollars' is not a currency code: write a three-letter ISO 4217 code such as USD, EUR or GBP."
        }));
    });

    it('accepts keywords as free words: metrics, departments, platforms', async () => {
        const result = await check(`campaign C {
    staff Ann 50% from marketing, pr, email
    track leads, sales, customers
}
strategy S { statement "s" objective "o" metric customers target 5 by 2027-01-01 }
segment G { who "g" habits { tools email, social } }
`);
        expect(result.rules()).not.toContain('syntax-error');
        expect(result.documents.get('plan.mplan')!.parseResult.value.elements).toHaveLength(3);
    });

    it('reports a one-value fact stated twice in a block, at the second, so nothing is silently replaced', async () => {
        const result = await check(CLEAN_PLAN.replace('    currency USD\n', '    currency USD\n    goal "Another goal"\n'));
        expect(syntaxErrors(result)).toEqual([expect.objectContaining({
            rule: 'syntax-error', line: 4, column: 10,
            message: "'goal' is stated twice here (first at line 2): it holds one value, so the later one would replace the first. Keep one."
        })]);
    });

    it('reports a repeated fact inside a nested group, and a repeated group, once per line', async () => {
        const result = await check(CLEAN_PLAN.replace('guarantee money back 30 days', 'guarantee money back 30 days claim "a" claim "b"\n    guarantee money back 14 days'));
        expect(syntaxErrors(result).map(f => [f.line, f.message.split(' is stated')[0]])).toEqual([[35, "'claim'"], [36, "'guarantee'"]]);
    });

    it('does not report facts that may be repeated: benefits, strengths, list items', async () => {
        const result = await check(CLEAN_PLAN.replace('benefit "Fresh"', 'benefit "Fresh"\n    benefit "Local"\n    spinoff Platter'));
        expect(syntaxErrors(result)).toEqual([]);
    });

    it('finds the same repeated facts whether the parser vouched for the blocks or every block is scanned', () => {
        // The services' parser records where a fact was assigned twice, and only those blocks are
        // scanned; a plain Langium parser records nothing, so every block is. Every line of the
        // examples is written twice in turn (one-value facts, lists, nested groups, whole blocks).
        const recording = services.Mplan.parser.LangiumParser;
        const plain = createLangiumParser(services.Mplan);
        const repeatable = repeatableAssignments(MplanGrammar());
        const found = (root: Document) => findRepeatedFacts(root.elements, repeatable)
            .map(f => ({ keyword: f.keyword, node: f.node.$type, first: span(f.first), second: span(f.second) }));
        const span = (node: CstNode) => [node.offset, node.end];
        const root = join(__dirname, '..', '..', '..');
        let repeats = 0;
        for (const text of [CLEAN_PLAN, readFileSync(join(root, 'examples/phone-retailer.mplan'), 'utf8'), readFileSync(join(root, 'examples/ebook-list.mplan'), 'utf8')]) {
            const lines = text.split('\n');
            for (let i = 0; i < lines.length; i++) {
                const doubled = [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
                const expected = found(plain.parse<Document>(doubled).value);
                expect(found(recording.parse<Document>(doubled).value), `line ${i + 1} doubled: ${lines[i]}`).toEqual(expected);
                repeats += expected.length;
            }
        }
        expect(repeats).toBeGreaterThan(50);
    });
});


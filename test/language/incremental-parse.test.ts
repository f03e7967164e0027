/**
 * Incremental re-parsing (src/language/syntax/incremental-parse.ts): an edit
 * inside one block re-parses that block only. Whenever it does, the tree must
 * be the one a full parse of the new text gives, leaf by leaf (offsets, ranges,
 * token types, grammar sources, AST values and containers); whenever it cannot
 * be sure, it declines and the whole text is parsed as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils } from 'langium';
import { describe, expect, it } from 'vitest';
import { check, CLEAN_PLAN, fileSystem, FIXTURE_PLANS, services, uriOf } from '../helpers.js';
import { parse, reparse, shapeOf } from './tree-shape.js';

const root = join(__dirname, '..', '..');
const PLANS: Record<string, string> = {
    'clean plan': CLEAN_PLAN,
    'phone retailer': readFileSync(join(root, 'examples/phone-retailer.mplan'), 'utf8'),
    'ebook list': readFileSync(join(root, 'examples/ebook-list.mplan'), 'utf8'),
    'corner bakery': readFileSync(join(root, 'examples/corner-bakery/plan.mplan'), 'utf8'),
    // Blocks that share lines: what follows a block on its last line moves sideways.
    'blocks on one line': [
        'product Bread { price 3 EUR benefit "Baked at dawn" } product Cake { price 20 EUR } // two on a line',
        'segment Locals { who "Neighbours" age 25 to 60 } /* a note */ segment Office { who "Workers nearby"',
        '  income 30_000 to 60_000 EUR per year } tactic Flyers { serves Morning channel print budget 200 EUR } strategy Morning {',
        '  statement "Fresh bread on the way to work" targets Office } // end'
    ].join('\n')
};

/** A small deterministic random source, so the edits are the same every run. */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state * 1664525 + 1013904223) >>> 0;
        return state / 0x100000000;
    };
}

const INSERTS = ['x', 'Q', ' ', '\n', '\n\n    ', '9', '_000', '"', '}', '{', ' // note\n', '\t', 'é', '😀', 'goal "more"\n', 'budget 5 EUR\n', '-'];

describe('incremental re-parsing', () => {
    it('an edit inside one block re-parses it alone, and the tree equals a full parse, for thousands of random edits', () => {
        const next = random(20270115);
        let incremental = 0;
        let declined = 0;
        for (const [name, text] of Object.entries(PLANS)) {
            for (let i = 0; i < 600; i++) {
                const at = Math.floor(next() * text.length);
                const removed = next() < 0.4 ? Math.floor(next() * 12) : 0;
                const inserted = next() < 0.8 ? INSERTS[Math.floor(next() * INSERTS.length)] : '';
                const edited = text.slice(0, at) + inserted + text.slice(at + removed);
                try {
                    if (reparse(parse(text), edited)) incremental++; else declined++;
                } catch (error) {
                    throw new Error(`${name}, edit at ${at} removing ${removed} inserting ${JSON.stringify(inserted)}: ${(error as Error).message}`);
                }
            }
        }
        // Both paths are taken often: many edits land inside a block and keep it valid, many break it.
        expect(incremental).toBeGreaterThan(400);
        expect(declined).toBeGreaterThan(600);
    });

    it('a run of keystrokes typed into one block stays equal to a full parse after every key', () => {
        let result = parse(PLANS['phone retailer']);
        let text = PLANS['phone retailer'];
        const at = text.indexOf('who "') + 5;
        const typed = 'Students on a budget, mostly commuting, ';
        for (let i = 0; i < typed.length; i++) {
            text = text.slice(0, at + i) + typed[i] + text.slice(at + i);
            expect(reparse(result, text)).toBe(true);
        }
        // Then the same text deleted again, key by key.
        for (let i = typed.length; i > 0; i--) {
            text = text.slice(0, at + i - 1) + text.slice(at + i);
            expect(reparse(result, text)).toBe(true);
        }
        expect(result.value.$cstNode!.root.fullText).toBe(PLANS['phone retailer']);
        result = parse(text);
        expect(shapeOf(result)).toEqual(shapeOf(parse(PLANS['phone retailer'])));
    });

    it('keeps the AST nodes of every other block, and replaces the edited one', () => {
        const text = PLANS['phone retailer'];
        const result = parse(text);
        const before = [...result.value.elements];
        const at = text.indexOf('who "') + 5;
        expect(reparse(result, text.slice(0, at) + 'Young ' + text.slice(at))).toBe(true);
        const changed = before.findIndex(e => e.$cstNode!.offset < at && at < e.$cstNode!.end);
        result.value.elements.forEach((element, i) => {
            if (i === changed) expect(element).not.toBe(before[i]);
            else expect(element).toBe(before[i]);
        });
    });

    it('declines edits it cannot be sure of: errors, several blocks, imports, a block\'s keyword or closing brace, text between blocks', () => {
        const text = PLANS['phone retailer'];
        const segment = text.indexOf('product CarePlan');
        const close = text.indexOf('}', segment);
        const cases: Array<[string, string]> = [
            ['a syntax error inside a block', text.slice(0, close) + ' goal ' + text.slice(close)],
            ['an edit across two blocks', text.slice(0, close - 2) + text.slice(close + 3)],
            ['the keyword of a block', text.slice(0, segment) + 'x' + text.slice(segment)],
            ['the closing brace', text.slice(0, close) + text.slice(close + 1)],
            ['between blocks', text.slice(0, close + 1) + '\n// a comment\n' + text.slice(close + 1)],
            ['a block of another kind', text.slice(0, segment + 1) + text.slice(segment + 1).replace(/^roduct/, 'lan')]
        ];
        for (const [what, edited] of cases) expect(reparse(parse(text), edited), what).toBe(false);
        const imports = PLANS['corner bakery'];
        const path = imports.indexOf('import "') + 8;
        expect(reparse(parse(imports), imports.slice(0, path) + 'x' + imports.slice(path))).toBe(false);
        // A text that has errors already is parsed whole, even for an edit that would be fine on its own.
        const broken = text + '\nsegment {';
        const at = text.indexOf('who "') + 5;
        expect(reparse(parse(broken), broken.slice(0, at) + 'x' + broken.slice(at))).toBe(false);
    });

    it('through the document builder: an edited document gets the findings of a fresh check of its new text', async () => {
        // The fixture copy of the phone retailer: the edit below and its effect are tied to its text.
        const text = readFileSync(join(FIXTURE_PLANS, 'phone-retailer.mplan'), 'utf8');
        const first = await check({ 'plan.mplan': text });
        const before = first.findings().length;
        const document = first.documents.get('plan.mplan')!;
        const kept = document.parseResult.value;
        const keptBlock = kept.elements[kept.elements.length - 1];
        // Raise a tactic's budget: the campaign that runs it overruns its own. The file "on disk" changes and the builder updates it.
        const edited = text.replace('budget 12_000 EUR', 'budget 120_000 EUR');
        expect(edited).not.toBe(text);
        fileSystem.write(uriOf('plan.mplan'), edited);
        await services.shared.workspace.DocumentBuilder.update([uriOf('plan.mplan')], []);
        expect(document.parseResult.value).toBe(kept);
        expect(kept.elements[kept.elements.length - 1]).toBe(keptBlock);
        const findings = (document.diagnostics ?? []).map(d => ({ rule: d.code, range: d.range, message: d.message }));
        const fresh = await check({ 'plan.mplan': edited });
        const expected = (fresh.documents.get('plan.mplan')!.diagnostics ?? []).map(d => ({ rule: d.code, range: d.range, message: d.message }));
        expect(findings).toEqual(expected);
        expect(findings.length).toBeGreaterThan(before);
        expect(AstUtils.getDocument(kept.elements[0])).toBe(document);
    });
});

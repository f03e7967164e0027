import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/language/config/settings.js';
import { STANZAS } from '../../src/language/lsp/snippets.js';
import { check } from '../helpers.js';
import { expandSnippet, parseSnippet, tabStops } from './snippet-syntax.js';

/**
 * The block stanzas completion offers where a block may start, as snippets (clients with snippet
 * support) and as plain text. The VS Code extension has no static snippets of its own: VS Code
 * offered those everywhere, a block inside a block included; the server offers these only where a
 * block may start (test/lsp/completion.test.ts).
 */
describe('the block stanzas as snippets', () => {
    const rendered = (keyword: string) => STANZAS.find(s => s.keyword === keyword)!.render({
        currency: 'USD',
        names: () => [],
        dates: { start: '2027-02-01', end: '2027-12-31', review: '2027-12-31' },
        minGuaranteeDays: DEFAULT_SETTINGS.thresholds.minGuaranteeDays
    });

    describe.each(STANZAS.map(s => s.keyword))('%s', keyword => {
        it('is well-formed snippet syntax, its fields numbered 1, 2, 3… in order and $0 last', () => {
            const { snippet } = rendered(keyword);
            const stops = tabStops(parseSnippet(snippet));
            const numbered = [...new Set(stops.filter(stop => stop !== 0))];
            expect(numbered).toEqual(numbered.map((_, i) => i + 1));
            expect(stops[stops.length - 1]).toBe(0);
            expect(snippet.endsWith('$0')).toBe(true);
        });

        it('inserts, with every field left as it is, the plain text, a block that parses', async () => {
            const { snippet, plain } = rendered(keyword);
            expect(expandSnippet(snippet, {})).toBe(plain);
            const checked = await check(plain + '\n');
            expect(checked.findings().filter(f => f.rule === 'syntax-error')).toEqual([]);
            const document = checked.documents.get('plan.mplan')!;
            expect(document.parseResult.value.elements.map(e => e.$type.toLowerCase())).toEqual([keyword]);
        });
    });
});

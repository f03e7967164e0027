import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GrammarAST } from 'langium';
import { describe, expect, it } from 'vitest';
import { vscodeSnippet, vscodeSnippets } from '../../src/extension/snippets-file.js';
import { DEFAULT_SETTINGS } from '../../src/language/config/settings.js';
import { STANZAS, stanza, tab, type StanzaDefinition } from '../../src/language/lsp/snippets.js';
import { check, services } from '../helpers.js';
import { expandSnippet, parseSnippet, tabStops } from './snippet-syntax.js';
import { ROOT } from './textmate.js';

const FILE = join(ROOT, 'extension', 'snippets', 'mplan.code-snippets');
const committed = (): string => readFileSync(FILE, 'utf8');

/** The values VS Code gives the variables the snippets use, on 17 February 2027. */
const VARIABLES = { CURRENT_YEAR: '2027', CURRENT_MONTH: '02' };

/** The keyword of every block of the language: the first keyword of each alternative of the rule the entry rule's elements are. */
function blockKeywords(): string[] {
    const grammar = services.Mplan.Grammar;
    const entry = grammar.rules.find(r => GrammarAST.isParserRule(r) && r.entry) as GrammarAST.ParserRule;
    const keywords: string[] = [];
    for (const element of (entry.definition as GrammarAST.Group).elements) {
        const called = GrammarAST.isAssignment(element) && GrammarAST.isRuleCall(element.terminal) ? element.terminal.rule.ref : undefined;
        const definition = called && GrammarAST.isParserRule(called) ? called.definition : undefined;
        if (!definition || !GrammarAST.isAlternatives(definition)) continue;
        for (const alternative of definition.elements) {
            const block = (alternative as GrammarAST.RuleCall).rule.ref as GrammarAST.ParserRule;
            const first = (block.definition as GrammarAST.Group).elements[0];
            if (GrammarAST.isKeyword(first)) keywords.push(first.value);
        }
    }
    return keywords;
}

/** The committed snippets, as VS Code reads them. */
function snippets(): Record<string, { prefix: string; body: string[]; description: string; scope: string }> {
    return JSON.parse(committed());
}

describe('the snippets file', () => {
    it('has a snippet for every block of the grammar, under the block keyword, and no other', () => {
        const keywords = blockKeywords();
        expect(keywords).toEqual(['plan', 'product', 'segment', 'audience', 'competitor', 'research', 'strategy', 'tactic', 'flow', 'campaign', 'funnel', 'offer']);
        expect(Object.values(snippets()).map(s => s.prefix).sort()).toEqual([...keywords].sort());
        for (const snippet of Object.values(snippets())) {
            expect(snippet.scope).toBe('mplan');
            expect(snippet.description).toMatch(/^[A-Z].*\.$/);
            expect(snippet.body[0]).toMatch(new RegExp(`^${snippet.prefix}\\b`));
        }
    });

    describe.each(Object.keys(vscodeSnippets(STANZAS)))('%s', name => {
        const snippet = () => snippets()[name];
        const body = () => snippet().body.join('\n');

        it('is well-formed snippet syntax, its fields numbered 1, 2, 3… in order and $0 last', () => {
            const stops = tabStops(parseSnippet(body()));
            const numbered = [...new Set(stops.filter(stop => stop !== 0))];
            expect(numbered).toEqual(numbered.map((_, i) => i + 1));
            expect(stops[stops.length - 1]).toBe(0);
            expect(body().endsWith('$0')).toBe(true);
        });

        it('inserts, with every field left as it is, a block that parses', async () => {
            const text = expandSnippet(body(), VARIABLES) + '\n';
            const checked = await check(text);
            expect(checked.findings().filter(f => f.rule === 'syntax-error')).toEqual([]);
            const document = checked.documents.get('plan.mplan')!;
            expect(document.parseResult.value.elements.map(e => e.$type.toLowerCase())).toEqual([snippet().prefix]);
        });

        it('inserts what completion offers for a plan in USD, by the same day', () => {
            const stanza = STANZAS.find(s => s.keyword === snippet().prefix)!;
            const { plain } = stanza.render({
                currency: 'USD',
                names: () => [],
                dates: { start: '2027-02-01', end: '2027-12-31', review: '2027-12-31' },
                minGuaranteeDays: DEFAULT_SETTINGS.thresholds.minGuaranteeDays
            });
            expect(expandSnippet(body(), VARIABLES)).toBe(plain);
        });
    });

    it('asks for the currency once: a second amount of a block mirrors the first one\'s field', () => {
        const twoAmounts: StanzaDefinition = {
            keyword: 'campaign',
            description: 'two amounts',
            render: c => stanza`campaign ${tab('Name')} {
    budget ${tab('10')} ${c.currency}
    staff ${tab('Ann')}
    results { cost ${tab('5')} }
    budget ${tab('20')} ${c.currency}
}`
        };
        const { body } = vscodeSnippet(twoAmounts);
        expect(body).toEqual([
            'campaign ${1:Name} {',
            '    budget ${2:10} ${3:USD}',
            '    staff ${4:Ann}',
            '    results { cost ${5:5} \\}',
            '    budget ${6:20} ${3}',
            '\\}$0'
        ]);
        expect(expandSnippet(body.join('\n'), {})).toBe('campaign Name {\n    budget 10 USD\n    staff Ann\n    results { cost 5 }\n    budget 20 USD\n}');
    });
});

import { GrammarAST, GrammarUtils } from 'langium';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_NAMES, KEYWORD_DOCS, keywordDoc } from '../../src/language/lsp/keyword-docs.js';
import { collectKeywords } from '../../src/language/syntax/token-builder.js';
import { services } from '../helpers.js';

const grammar = services.Mplan.Grammar;

function grammarKeywords(): Set<string> {
    const keywords = new Set<string>();
    for (const rule of grammar.rules) collectKeywords(rule, keywords);
    return keywords;
}

/**
 * The keywords written in the rule that makes nodes of `type`, including those
 * of the value rules it calls (Channel, DaySet, TimeUnit, …) but not those of
 * rules that make nodes of their own; or, for a list of words (`Channel`), its words.
 */
function keywordsOfType(type: string): Set<string> {
    const keywords = new Set<string>();
    const rule = grammar.rules.find(r => GrammarAST.isParserRule(r) && GrammarUtils.getTypeName(r) === type)
        ?? grammar.rules.find(r => GrammarAST.isParserRule(r) && GrammarUtils.isDataTypeRule(r) && r.name === type);
    if (!rule) return keywords;
    const visited = new Set<GrammarAST.AbstractRule>();
    const walk = (node: object): void => {
        if (GrammarAST.isKeyword(node)) {
            keywords.add(node.value);
            return;
        }
        if (GrammarAST.isCrossReference(node)) return;
        if (GrammarAST.isRuleCall(node)) {
            const called = node.rule.ref;
            if (called && GrammarAST.isParserRule(called) && GrammarUtils.isDataTypeRule(called) && !visited.has(called)) {
                visited.add(called);
                walk(called.definition);
            }
            return;
        }
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            if (Array.isArray(value)) for (const child of value) { if (child && typeof child === 'object') walk(child); }
            else if (value && typeof value === 'object' && '$type' in value) walk(value);
        }
    };
    walk((rule as GrammarAST.ParserRule).definition);
    return keywords;
}

describe('keyword docs', () => {
    it('have an entry for every keyword of the grammar, and none for words that are no keyword', () => {
        const keywords = grammarKeywords();
        expect(keywords.size).toBeGreaterThan(150);
        const missing = [...keywords].filter(keyword => !Object.hasOwn(KEYWORD_DOCS, keyword)).sort();
        expect(missing, 'keywords of the grammar without a doc: add what each means and a line that uses it to KEYWORD_DOCS in src/language/lsp/keyword-docs.ts').toEqual([]);
        const extra = Object.keys(KEYWORD_DOCS).filter(keyword => !keywords.has(keyword)).sort();
        expect(extra, 'docs of words that are no keyword of the grammar: remove them from KEYWORD_DOCS in src/language/lsp/keyword-docs.ts').toEqual([]);
    });

    it('say what each keyword means in a sentence and show a line that uses it', () => {
        for (const [keyword, entry] of Object.entries(KEYWORD_DOCS)) {
            for (const doc of [entry, ...Object.values(entry.in ?? {})]) {
                expect(doc.meaning, keyword).toMatch(/^[A-Z`].*[.)]$/s);
                // A ratio's `x` is written right after its number (`4x`); every other keyword stands apart.
                const before = keyword === 'x' ? '[\\s{(0-9]' : '[\\s{(]';
                expect(` ${doc.usage} `, keyword).toMatch(new RegExp(`${before}${keyword}[\\s,}]`));
            }
        }
    });

    it('explain a keyword where it stands only for parts of a plan it is written in', () => {
        for (const [keyword, entry] of Object.entries(KEYWORD_DOCS)) {
            for (const type of Object.keys(entry.in ?? {})) {
                expect(keywordsOfType(type).has(keyword), `${keyword} in ${type}`).toBe(true);
            }
        }
    });

    it('give the meaning of a keyword where it stands, and the general one elsewhere', () => {
        expect(keywordDoc('from', 'Period')).toEqual({ meaning: 'A period: from the first day to the last, both included, as YYYY-MM-DD.', usage: 'from 2027-02-01 to 2027-04-30' });
        expect(keywordDoc('from', 'Segment')?.usage).toBe('from "Downtown office towers", "Business park on the ring road"');
        expect(keywordDoc('budget', 'Campaign')?.meaning).toBe('What the campaign may spend, in all or per month (`per month`: its period makes the total). The tactics it runs should together cost no more.');
        expect(keywordDoc('budget', 'Tactic')?.meaning).toBe('What the tactic costs, in all or per month (`per month`: its period makes the total). The campaigns that run it should have room for it in their budget.');
        expect(keywordDoc('guarantee', 'Guarantee')).toEqual({
            meaning: 'A promise to give the money back (or another promise, in quotes) if the buyer is not satisfied: for how long, how to claim it and what is refunded.',
            usage: 'guarantee money back 30 days claim "Reply to the order e-mail" refunds "The full price"'
        });
        expect(keywordDoc('budget')).toEqual({ meaning: KEYWORD_DOCS.budget.meaning, usage: KEYWORD_DOCS.budget.usage });
        // The most particular place first: a channel's reviews in a tactic, then the tactic's own reviews.
        expect(keywordDoc('reviews', ['Channel', 'Tactic'])?.usage).toBe('channel reviews on trustpilot');
        expect(keywordDoc('reviews', [undefined, 'Tactic'])?.usage).toBe('reviews 20 per month');
        expect(keywordDoc('sms', ['FlowChannel', 'Flow'])?.meaning).toBe('The flow sends text messages.');
        expect(keywordDoc('sms', ['Channel', 'Tactic'])?.meaning).toBe(KEYWORD_DOCS.sms.meaning);
    });

    it('know nothing of words that are no keyword, however they are spelt', () => {
        expect(keywordDoc('SpringLaunch')).toBeUndefined();
        expect(keywordDoc('constructor')).toBeUndefined();
        expect(keywordDoc('toString', 'Campaign')).toBeUndefined();
        expect(keywordDoc('from', 'hasOwnProperty')?.meaning).toBe(KEYWORD_DOCS.from.meaning);
    });
});

describe('the names of the examples', () => {
    /** Every example line of the keyword docs, the specific ones included. */
    const usages = Object.values(KEYWORD_DOCS).flatMap(entry => [entry.usage, ...Object.values(entry.in ?? {}).map(doc => doc.usage)]);

    it('are all listed in EXAMPLE_NAMES, which the hover replaces with the reader\'s own names', () => {
        const unlisted = new Set<string>();
        for (const usage of usages) {
            // Outside quotes, a capitalised word names a block, unless the line declares it (`tactic LinkedInAds {`, `market Europe {`,
            // `tier Pro`), it is a currency (`USD`), a hashtag (`#FreshLunch`) or a person (`owner Ana`, `staff Ann 50%, Raj 100%`).
            // The codes after `country`/`countries` name countries (`countries DE, FR`), not blocks.
            const words = usage.replace(/"[^"]*"/g, '""').replace(/#\w+/g, '#').replace(/\b(countries|country) [A-Z]{2}(, [A-Z]{2})*/g, '$1');
            for (const match of words.matchAll(/(\w+)?\s*\b([A-Z]\w*)\b(?! \d+%)/g)) {
                const [, before, name] = match;
                if (/^(plan|market|product|segment|competitor|strategy|tactic|campaign|tier|variant|funnel|owner|staff)$/.test(before ?? '')) continue;
                if (/^[A-Z]{3}$/.test(name)) continue;
                if (!Object.hasOwn(EXAMPLE_NAMES, name)) unlisted.add(`${name} (in ${usage})`);
            }
        }
        expect([...unlisted]).toEqual([]);
        const written = usages.join('\n');
        expect(Object.keys(EXAMPLE_NAMES).filter(name => !new RegExp(`\\b${name}\\b`).test(written))).toEqual([]);
    });
});

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GrammarAST, GrammarUtils } from 'langium';
import type { CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYWORD_DOCS, keywordDoc, wordLists, WORD_LIST_DOCS, headingAnchor, wordListLink, allowedWords, STAGE_DOCS, METRIC_DOCS } from '../../src/language/lsp/keyword-docs.js';
import { collectKeywords } from '../../src/language/syntax/token-builder.js';
import { STAGE_WORDS, TRIAL_WORDS } from '../../src/language/model/funnel-stages.js';
import { METRIC_WORDS } from '../../src/language/model/objectives.js';
import { grammar, grammarBlocks, inBlock, type GrammarBlock } from '../language/grammar-facts.js';
import { LspClient, MARKDOWN } from '../lsp/client.js';
import { services } from '../helpers.js';
// @ts-expect-error: a plain ES module without types
import * as untypedGenerate from '../../scripts/generate.mjs';
// @ts-expect-error: a plain ES module without types
import * as untypedReference from '../../scripts/generate-language-reference.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const PAGE = 'docs/language.md';

const { GENERATORS, generate, staleFiles } = untypedGenerate as {
    GENERATORS: { path: string }[];
    generate(root: string, generators?: unknown[]): Promise<string[]>;
    staleFiles(root: string, generators?: unknown[]): Promise<string[]>;
};
const { languageReference } = untypedReference as { languageReference(sources: Record<string, unknown>): string };

const page = readFileSync(join(ROOT, PAGE), 'utf8');
const lines = page.split('\n');

/** The lines of the page under a heading, up to the next heading of the same level or above. */
function section(heading: string): string[] {
    const start = lines.indexOf(heading);
    expect(start, `${PAGE} has no heading "${heading}"`).toBeGreaterThanOrEqual(0);
    const level = heading.indexOf(' ');
    const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
    return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The entry of a word in some lines: `- **`word`**: meaning …` (or nested deeper). */
function entryOf(part: string[], word: string): string | undefined {
    return part.find(line => line.trimStart().startsWith(`- **\`${word}\`**: `));
}

function parseErrors(text: string): string[] {
    const result = services.Mplan.parser.LangiumParser.parse(text);
    return [...result.lexerErrors.map(e => e.message), ...result.parserErrors.map(e => e.message)];
}

const blocks = grammarBlocks();

function grammarKeywords(): string[] {
    const keywords = new Set<string>();
    for (const rule of grammar.rules) collectKeywords(rule, keywords);
    return [...keywords].sort();
}

describe('docs/language.md', () => {
    it('is what npm run generate writes, and the check names it when it is not', async () => {
        const generator = GENERATORS.filter(g => g.path === PAGE);
        expect(generator).toHaveLength(1);
        expect(await staleFiles(ROOT, generator)).toEqual([]);
        const dir = mkdtempSync(join(tmpdir(), 'mplan-language-'));
        try {
            mkdirSync(dirname(join(dir, PAGE)), { recursive: true });
            cpSync(join(ROOT, PAGE), join(dir, PAGE));
            writeFileSync(join(dir, PAGE), page.replace('- **`churn`**: The share', '- **`churn`**: A share'));
            expect(await staleFiles(dir, generator)).toEqual([PAGE]);
            expect(await generate(dir, generator)).toEqual([PAGE]);
            expect(readFileSync(join(dir, PAGE), 'utf8')).toBe(page);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('explains every keyword of the grammar A to Z, with its meaning and every meaning it has where it stands', () => {
        const az = section('## Keywords A to Z');
        const problems: string[] = [];
        for (const keyword of grammarKeywords()) {
            if (!Object.hasOwn(KEYWORD_DOCS, keyword)) {
                problems.push(`the keyword '${keyword}' has no doc: add it to KEYWORD_DOCS in src/language/lsp/keyword-docs.ts`);
                continue;
            }
            const entry = KEYWORD_DOCS[keyword];
            const at = az.findIndex(line => line.startsWith(`- **\`${keyword}\`**: ${entry.meaning} Example`));
            if (at < 0) {
                problems.push(`'${keyword}' is not explained A to Z with its meaning`);
                continue;
            }
            const below: string[] = [];
            for (let i = at + 1; i < az.length && az[i].startsWith('  - '); i++) below.push(az[i]);
            for (const [where, doc] of Object.entries(entry.in ?? {})) {
                if (!below.some(line => line.startsWith('  - In ') && line.includes(`: ${doc.meaning} Example`))) problems.push(`'${keyword}' in ${where} is not explained A to Z`);
            }
        }
        expect(problems).toEqual([]);
    });

    it('fails to generate, naming the keyword, when a keyword of the grammar has no doc', () => {
        const { churn: _churn, ...withoutChurn } = KEYWORD_DOCS;
        const sources = {
            grammar, KEYWORD_DOCS: withoutChurn, wordLists, WORD_LIST_DOCS, headingAnchor,
            keywordDoc: (keyword: string, where?: string) => keyword === 'churn' ? undefined : keywordDoc(keyword, where),
            parses: (text: string) => parseErrors(text).length === 0
        };
        expect(() => languageReference(sources)).toThrow("the keyword 'churn' has no doc: add what it means and a line that uses it to KEYWORD_DOCS in src/language/lsp/keyword-docs.ts");
    });

    it('has a section for every block, with every fact in grammar order, explained where it stands', () => {
        const headings = lines.filter(line => /^#{3,4} /.test(line));
        for (const block of blocks) {
            const heading = `${block.parent ? '####' : '###'} ${block.keyword}`;
            expect(headings, block.type).toContain(heading);
            const facts = section(heading).filter(line => /^ {0,2}- /.test(line));
            let from = 0;
            for (const fact of block.facts) {
                const [first] = fact.firstKeywords;
                const meaning = keywordDoc(first, fact.keywordHolder)!.meaning;
                const at = facts.findIndex((line, i) => i >= from && line.replace(/^ {0,2}- /, '').startsWith(`**\`${first}`) && line.includes(`\`**: ${meaning}`));
                expect(at, `${fact.name}: '${first}' with its meaning where it stands, after the facts before it, under "${heading}"`).toBeGreaterThanOrEqual(from);
                from = at + 1;
            }
        }
        // The contents link every block's section.
        for (const block of blocks.filter(b => !b.parent)) expect(page).toContain(`  - [${block.keyword}](#${block.keyword})`);
    });

    it('lists every word of every closed list of the grammar, with its meaning, under the list\'s heading', () => {
        // The closed lists, read from the grammar here: value rules made of keywords (Channel, TimeUnit, …),
        // a property given one of several keywords (`shops=('online' | 'offline')`) unless the choice starts
        // a fact (`tier` or `variant`), and the kinds a rule names by keywords (`kind='survey'`).
        const expected = new Map<string, string[]>();
        for (const rule of grammar.rules) {
            if (!GrammarAST.isParserRule(rule)) continue;
            const words: string[] = [];
            const definition = rule.definition;
            if (GrammarUtils.isDataTypeRule(rule)) {
                const options = GrammarAST.isAlternatives(definition) ? definition.elements : [definition];
                if (options.every(o => GrammarAST.isKeyword(o) || GrammarAST.isRuleCall(o))) words.push(...options.filter(GrammarAST.isKeyword).map(k => k.value));
            } else {
                const walk = (node: object): void => {
                    if (GrammarAST.isAssignment(node) && (node.operator === '=' || node.operator === '+=')) {
                        const startsFact = GrammarAST.isGroup(definition) && definition.elements[0] === node;
                        if (GrammarAST.isAlternatives(node.terminal) && node.terminal.elements.every(GrammarAST.isKeyword) && !startsFact) {
                            words.push(...node.terminal.elements.map(k => (k as GrammarAST.Keyword).value));
                        } else if (node.feature === 'kind' && GrammarAST.isKeyword(node.terminal)) {
                            words.push(node.terminal.value);
                        }
                    }
                    for (const [key, value] of Object.entries(node)) {
                        if (key.startsWith('$')) continue;
                        for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object' && '$type' in child) walk(child);
                    }
                };
                walk(definition);
            }
            if (words.length > 0) expected.set(rule.name, words);
        }
        expect([...expected.keys()].sort()).toEqual(['Cadence', 'CaptureMethod', 'Channel', 'ConsentKind', 'DaySet', 'DelayUnit', 'FlowChannel', 'Funnel', 'Segment', 'Tactic', 'TimeUnit', 'Weekday']);
        const lists = section('## Lists of words');
        const problems: string[] = [];
        for (const [rule, words] of expected) {
            for (const word of words) {
                // A word of two lists (`email`, `daily`) is listed in each, with its meaning there.
                const entries = lists.filter(l => /^- \*\*`[a-z ]+`\*\*: /.test(l) && l.slice(5).split('`')[0].split(' ')[0] === word);
                const list = wordLists(grammar).find(l => l.rule === rule && l.words.some(w => w.split(' ')[0] === word));
                const meaning = keywordDoc(word, [list?.rule, list?.holder])?.meaning;
                if (!list || !meaning || !entries.some(line => line.includes(`\`**: ${meaning} `))) problems.push(`${rule}: '${word}' is not listed with its meaning`);
            }
        }
        expect(problems).toEqual([]);
    });

    it('lists every word mplan reads as a stage of a funnel or a metric, under the stage or metric it reads it as', () => {
        const stages = section('### Funnel stages');
        for (const [word, stage] of Object.entries(STAGE_WORDS)) {
            expect(stages.find(line => line.startsWith(`- **${stage}**: ${STAGE_DOCS[stage].meaning} Words: `))?.split('Words: ')[1], word).toContain(`\`${word}\``);
        }
        for (const word of TRIAL_WORDS) expect(stages.find(line => line.startsWith('- **on a free trial**: '))).toContain(`\`${word}\``);
        const metrics = section('### Metrics');
        for (const [word, kind] of Object.entries(METRIC_WORDS)) {
            expect(metrics.find(line => line.startsWith(`- **${kind} (`) && line.includes(`: ${METRIC_DOCS[kind].meaning} Words: `))?.split('Words: ')[1], word).toContain(`\`${word}\``);
        }
        expect(metrics.find(line => line.startsWith('- **payback (months)**: '))).toBeDefined();
    });

    it('gives every list of words a heading of its own whose anchor is the link syntax errors can point to', () => {
        for (const list of wordLists(grammar)) {
            const title = WORD_LIST_DOCS[list.key]?.title;
            expect(title, `${list.key}: add a title to WORD_LIST_DOCS`).toBeDefined();
            expect(lines).toContain(`### ${title}`);
            expect(page).toContain(`(#${headingAnchor(title)})`);
        }
        expect(wordListLink('Channel')).toBe('docs/language.md#channels');
        expect(wordListLink('CaptureMethod')).toBe('docs/language.md#capture-methods');
        expect(wordListLink('Nothing')).toBeUndefined();
        expect(allowedWords(grammar, 'Channel')).toEqual(['seo', 'ppc', 'social', 'email', 'blog', 'content', 'display', 'affiliate', 'video', 'forum', 'webinar', 'influencer', 'podcast', 'sms', 'referral', 'retargeting', 'marketplace', 'reviews', 'push', 'messaging', 'print', 'radio', 'tv', 'mail', 'postcard', 'event', 'outdoor', 'pr', 'phone']);
        expect(allowedWords(grammar, 'CaptureMethod')).toEqual(['optin form', 'survey', 'checkbox', 'bought list', 'scraped addresses']);
        expect(allowedWords(grammar, 'Segment', 'shops')).toEqual(['online', 'offline']);
        expect(allowedWords(grammar, 'Cadence', 'named')).toEqual(['daily', 'weekly', 'biweekly', 'monthly', 'quarterly', 'yearly']);
        expect(allowedWords(grammar, 'DaySet')).toContain('sunday');
        expect(allowedWords(grammar, 'Tactic', 'channel')).toBeUndefined();
    });

    it('shows examples that parse with the real parser, each in the block it names or stands under', () => {
        const byWords = new Map<string, GrammarBlock>();
        for (const block of blocks) byWords.set(block.parent ? `${block.parent.block.keyword}'s ${block.keyword}` : block.keyword, block);
        const problems: string[] = [];
        let current: GrammarBlock | undefined;
        let inBlocks = false;
        let count = 0;
        for (let i = 0; i < lines.length; i++) {
            const line = lines[i];
            if (/^## /.test(line)) { inBlocks = line === '## Blocks'; current = undefined; }
            const heading = /^#{3,4} (\w+)$/.exec(line);
            if (heading && inBlocks) current = blocks.find(b => b.keyword === heading[1] && (line.startsWith('####') ? !!b.parent : !b.parent));
            if (line === '```mplan') {
                const end = lines.indexOf('```', i);
                const text = lines.slice(i + 1, end).join('\n') + '\n';
                count++;
                for (const error of parseErrors(text)) problems.push(`line ${i + 2}: ${error}`);
                i = end;
                continue;
            }
            for (const match of line.matchAll(/Example(?:, in (?:an? )?([\w' ]+?))?: `([^`]*)`/g)) {
                count++;
                const [, named, example] = match;
                const block = named === 'file' ? undefined : named ? byWords.get(named) : current;
                if (named && named !== 'file' && !block) { problems.push(`line ${i + 1}: no block "${named}"`); continue; }
                if (!named && !current) { problems.push(`line ${i + 1}: an example outside a block's section names no block: ${example}`); continue; }
                const text = block ? inBlock(block, [example]) : example + '\n';
                for (const error of parseErrors(text)) problems.push(`line ${i + 1}: ${example}: ${error}`);
            }
        }
        expect(problems).toEqual([]);
        expect(count).toBeGreaterThan(300);
    });

    it('is linked from the README, near the tour, and from docs/editors.md', () => {
        const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
        expect(readme).toContain('](docs/language.md)');
        expect(readFileSync(join(ROOT, 'docs/editors.md'), 'utf8')).toContain('](language.md)');
    });
});

describe('hover and completion say what docs/language.md says', () => {
    let client: LspClient | undefined;
    afterEach(async () => { await client?.stop(); client = undefined; });

    const PLAN = [
        'product Club {',
        '    price 19 USD per month',
        '    churn 3% a month',
        '}',
        'segment Owners {',
        '    from "Downtown office towers"',
        '}',
        'tactic Ads {',
        '    channel social on instagram',
        '    budget 1_500 USD per month',
        '    from 2027-02-01 to 2027-04-30',
        '}',
        'funnel {',
        '    collect leads by checkbox at checkout unticked',
        '}',
        ''
    ].join('\n');

    /** Where a word stands in the plan: its n-th occurrence as a whole word. */
    function positionOf(word: string, nth = 0): { line: number; character: number } {
        let seen = 0;
        const rows = PLAN.split('\n');
        for (let line = 0; line < rows.length; line++) {
            for (const match of rows[line].matchAll(new RegExp(`\\b${word}\\b`, 'g'))) {
                if (seen++ === nth) return { line, character: match.index! + 1 };
            }
        }
        throw new Error(`no ${word} in the plan`);
    }

    /** The meaning a hover gives: `**word**: meaning` before the example. */
    function meaningOf(markdown: string, word: string): string {
        const head = `**${word}**: `;
        expect(markdown.startsWith(head), markdown).toBe(true);
        return markdown.slice(head.length, markdown.indexOf('\n\n```mplan'));
    }

    it('gives on hover, for a sample of words, the sentence the page gives where they stand', async () => {
        client = await LspClient.start({ capabilities: MARKDOWN });
        const doc = 'file:///tmp/language-reference.mplan';
        await client.open(doc, PLAN);
        // [word, its occurrence in the plan, the lines of the page that explain it there]
        const samples: Array<[string, number, string[]]> = [
            ['churn', 0, section('### product')],
            ['per', 0, section('### product')],
            ['from', 0, section('### segment')],
            ['social', 0, section('### Channels')],
            ['budget', 0, section('### tactic')],
            ['per', 1, section('### tactic')],
            ['from', 1, section('### tactic')],
            ['unticked', 0, section('### Checkbox states')],
            ['checkout', 0, section('### Capture methods')]
        ];
        for (const [word, nth, part] of samples) {
            const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: positionOf(word, nth) });
            const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
            const meaning = meaningOf(markdown, word);
            // A word may have several entries in one block (a product's `per` of the price for every market and of a price per market): one of them is where it stands.
            const entries = part.filter(line => line.trimStart().startsWith(`- **\`${word}\`**: `));
            expect(entries.length, `${word}: the page's entry`).toBeGreaterThan(0);
            const entry = entries.find(line => line.trimStart().slice(`- **\`${word}\`**: `.length).startsWith(meaning + ' '));
            expect(entry, `${word}: hover "${meaning}", page "${entries.join(' | ')}"`).toBeDefined();
        }
    });

    it('documents a keyword offered by completion with the same sentence and example as hover and the page', async () => {
        client = await LspClient.start({ capabilities: MARKDOWN });
        const doc = 'file:///tmp/language-reference-completion.mplan';
        const text = 'tactic Ads {\n    channel social\n    \n}\n';
        await client.open(doc, text);
        const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: doc }, position: { line: 2, character: 4 } });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        const budget = items.find(item => item.label === 'budget');
        const value = (budget?.documentation as MarkupContent | undefined)?.value ?? '';
        const meaning = meaningOf(value, 'budget');
        expect(meaning).toBe(keywordDoc('budget', 'Tactic')!.meaning);
        expect(entryOf(section('### tactic'), 'budget')).toContain(`: ${meaning} `);
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: { line: 1, character: 6 } });
        expect(meaningOf((hover?.contents as MarkupContent).value, 'channel')).toBe(keywordDoc('channel', 'Tactic')!.meaning);

        await client.change(doc, 'tactic Ads {\n    channel \n}\n');
        const channels = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: doc }, position: { line: 1, character: 12 } });
        const social = (Array.isArray(channels) ? channels : channels?.items ?? []).find(item => item.label === 'social');
        const socialMeaning = meaningOf((social?.documentation as MarkupContent | undefined)?.value ?? '', 'social');
        expect(entryOf(section('### Channels'), 'social')).toContain(`: ${socialMeaning} `);
        expect(socialMeaning).toBe(keywordDoc('social', 'Tactic')!.meaning);
    });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, type TextEdit } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { starterConfig } from '../../src/cli/starter/config.js';
import { starterPlan } from '../../src/cli/starter/plan.js';
import { parseConfig } from '../../src/language/config/config-file.js';
import { today } from '../../src/language/config/settings.js';
import { RULES } from '../../src/language/rules/index.js';
import { CLEAN_PLAN, check, services, TEST_SETTINGS } from '../helpers.js';

/*
 * The one place where whole plans are held to every rule of the registry: the examples (clean, or exactly
 * the findings the flawed one lists), the rule tests' base plan CLEAN_PLAN, a plan written from the
 * completion's block stanzas alone, and the starter plan of `mplan init`. Every other test reads the copies in test/fixtures/plans/ judged by
 * the rules pinned there, or looks only at the rules it tests, so a new rule changes this file, its own
 * tests, the registry and the docs, and nothing else.
 */

const EXAMPLES = join(__dirname, '..', '..', 'examples');

function planFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? planFiles(full) : name.endsWith('.mplan') ? [full] : [];
    });
}

/** All example files, keyed by their path below examples/, checked together as one workspace. */
function exampleFiles(): Record<string, string> {
    return Object.fromEntries(planFiles(EXAMPLES).map(file => [relative(EXAMPLES, file), readFileSync(file, 'utf8')]));
}

/** The findings a flawed example promises in its header: "//   12: rule-id   why". */
function promisedFindings(text: string): Array<{ line: number; rule: string }> {
    return [...text.matchAll(/^\/\/\s+(\d+):\s+([a-z-]+)\s/gm)].map(m => ({ line: Number(m[1]), rule: m[2] }));
}

describe('the examples', () => {
    const files = exampleFiles();

    it('are at least three plans, one split over several files', () => {
        const plans = Object.entries(files).filter(([, text]) => /^plan\s/m.test(text));
        expect(plans.length).toBeGreaterThanOrEqual(3);
        expect(Object.values(files).some(text => /^import\s/m.test(text))).toBe(true);
    });

    it('all parse without syntax errors', async () => {
        const result = await check(files);
        for (const file of Object.keys(files)) {
            expect(result.findings(file).filter(f => f.rule === 'syntax-error'), file).toEqual([]);
        }
    });

    it('the clean plans and their libraries have no findings at all', async () => {
        const result = await check(files);
        for (const file of Object.keys(files).filter(f => !files[f].includes('Deliberately flawed'))) {
            expect(result.findings(file), file).toEqual([]);
        }
    });

    it('the flawed plan reports exactly the findings listed at its top', async () => {
        const flawed = Object.keys(files).filter(f => files[f].includes('Deliberately flawed'));
        expect(flawed).toHaveLength(1);
        const result = await check(files);
        const promised = promisedFindings(files[flawed[0]]);
        expect(promised.map(p => p.rule)).toEqual(expect.arrayContaining(['missing-guarantee', 'tactic-without-strategy', 'no-repeat-buyer-path']));
        expect(result.findings(flawed[0]).map(f => ({ line: f.line, rule: f.rule }))).toEqual(promised);
    });
});

describe('the base plan of the rule tests (CLEAN_PLAN)', () => {
    it('has no findings, so each rule test sees only what it adds', async () => {
        const result = await check(CLEAN_PLAN);
        expect(result.findings()).toEqual([]);
    });
});

describe('the block stanzas of completion', () => {
    it('write, alone, a whole plan that passes every rule', async () => {
        // As test/lsp/completion.test.ts writes it over LSP (without snippets): each block from its
        // stanza, in this order, the first product named Box so that the two products differ.
        const order = ['product', 'product', 'segment', 'audience', 'competitor', 'research', 'plan', 'market', 'strategy', 'tactic', 'flow', 'campaign', 'funnel', 'offer'];
        let text = '';
        for (const [i, kind] of order.entries()) {
            const document = (await check(text)).documents.get('plan.mplan')!;
            const list = await services.Mplan.lsp.CompletionProvider!.getCompletion(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.length)
            });
            const stanza = list?.items.find(item => item.label === kind && item.kind === CompletionItemKind.Snippet);
            expect(stanza?.textEdit, kind).toBeDefined();
            text = TextDocument.applyEdits(document.textDocument, [stanza!.textEdit as TextEdit])
                .replace(/^(\w+) Name \{/m, (whole, keyword) => (i === 0 ? `${keyword} Box {` : whole)) + '\n\n';
        }
        expect(text).toContain('upsell Box to Name');
        const found = (await check(text)).findings();
        expect(found.map(f => `${f.line} ${f.rule}: ${f.message}`)).toEqual([]);
    });
});

describe('the starter plan of mplan init', () => {
    it('passes every rule on the day it is written, by the mplan.json init writes beside it', async () => {
        // test/cli/init.test.ts runs init and check for real (by the pinned rules, and on fixed days);
        // here the same text and settings are held to every rule. A finding: fix src/language/starter-plan.ts.
        const { settings, problems } = parseConfig(starterConfig('./node_modules/mplan/schemas/mplan.schema.json'), new Set(RULES.map(rule => rule.id)));
        expect(problems).toEqual([]);
        const day = today();
        services.Mplan.config.SettingsProvider.set({ ...settings, asOf: day });
        try {
            const found = (await check(starterPlan(day))).findings();
            expect(found.map(f => `${f.line} ${f.rule}: ${f.message}`)).toEqual([]);
        } finally {
            services.Mplan.config.SettingsProvider.set(TEST_SETTINGS);
        }
    });
});

describe('the design brief sketch', () => {
    it('parses without syntax errors', async () => {
        const sketch = readFileSync(join(__dirname, '..', 'fixtures', 'design-sketch.mplan'), 'utf8');
        const result = await check(sketch);
        expect(result.findings().filter(f => f.rule === 'syntax-error')).toEqual([]);
        expect(result.documents.get('plan.mplan')!.parseResult.value.elements.map(e => e.$type)).toEqual([
            'Plan', 'Product', 'Segment', 'Competitor', 'Research', 'Strategy', 'Tactic', 'Campaign', 'Funnel', 'Offer'
        ]);
    });
});

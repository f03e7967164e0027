import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LangiumDocument } from 'langium';
import type { Document } from '../src/language/generated/ast.js';
import { RULES } from '../src/language/rules/index.js';
import type { Fix, Rule } from '../src/language/rules/rule.js';
import { asFile, exampleAfter, rulePage } from './docs/rule-pages.js';
import { check, services } from './helpers.js';

/** The project's copy of RULES.md's ids and default severities, plus unused-suppression. */
function contract(): Array<[string, string]> {
    return readFileSync(join(__dirname, 'fixtures', 'rule-ids.txt'), 'utf8').split('\n')
        .filter(line => line.trim() && !line.startsWith('#'))
        .map(line => line.trim().split(/\s+/) as [string, string]);
}

describe('the rule registry', () => {
    it('holds exactly the ids of RULES.md (plus unused-suppression), spelled exactly, with their default severities', () => {
        const registry = RULES.map(rule => [rule.id, rule.severity]);
        expect([...registry].sort()).toEqual([...contract()].sort());
    });

    it('lists them in the catalogue order', () => {
        const order = contract().map(([id]) => id).filter(id => id !== 'unused-suppression');
        expect(RULES.map(rule => rule.id).filter(id => id !== 'unused-suppression')).toEqual(order);
    });

    it('gives every rule a one-line description', () => {
        for (const rule of RULES) expect(rule.description, rule.id).toMatch(/^[A-Z].*\.$/);
    });
});

/** Every fix a rule offers for its findings in the examples of its docs page: the incorrect one, and the quick fix's when it has one. */
async function fixesOnItsPage(rule: Rule): Promise<Fix[]> {
    const page = rulePage(rule.id);
    const fixes: Fix[] = [];
    for (const example of [exampleAfter(page, 'Incorrect'), exampleAfter(page, 'Quick fix')]) {
        if (!example) continue;
        const checked = await check(asFile(example));
        for (const document of checked.documents.values()) {
            const model = services.Mplan.model.PlanModelProvider.get(document as LangiumDocument<Document>);
            for (const diagnostic of (document.diagnostics ?? []).filter(d => d.code === rule.id)) {
                fixes.push(...rule.fix!(model, { range: diagnostic.range, data: diagnostic.data as Record<string, unknown> | undefined }));
            }
        }
    }
    return fixes;
}

describe('the fixes of the registry', () => {
    it('declare their kinds, safe or suggestion, exactly for the rules that offer fixes', () => {
        for (const rule of RULES) {
            expect(rule.fixKinds !== undefined, `${rule.id}: fixKinds given when, and only when, it has a fix`).toBe(rule.fix !== undefined);
            if (!rule.fixKinds) continue;
            expect(rule.fixKinds.length, rule.id).toBeGreaterThan(0);
            for (const kind of rule.fixKinds) expect(['safe', 'suggestion'], rule.id).toContain(kind);
        }
    });

    // --fix applies only safe fixes: a fix without a kind, or of a kind its rule does not declare, fails here.
    it.each(RULES.filter(rule => rule.fix).map(rule => [rule.id, rule] as const))('%s: every fix it offers has a kind its rule declares, and no suggestion is preferred', async (_id, rule) => {
        const fixes = await fixesOnItsPage(rule);
        expect(fixes.length, 'fixes offered for the incorrect example of its docs page').toBeGreaterThan(0);
        for (const fix of fixes) {
            expect(rule.fixKinds, fix.title).toContain(fix.kind);
            if (fix.kind === 'suggestion') expect(fix.preferred, fix.title).toBeUndefined();
        }
    });
});

describe('the table of laws (model/markets.ts LAWS)', () => {
    it('names only registry rules of the compliance area, and every compliance rule but market-unstated has a provision', async () => {
        const { LAWS } = await import('../src/language/model/markets.js');
        const compliance = RULES.filter(rule => rule.area === 'compliance').map(rule => rule.id);
        expect([...new Set(LAWS.map(law => law.rule))].sort()).toEqual(compliance.filter(id => id !== 'market-unstated').sort());
        for (const law of LAWS) expect(law.from, `${law.rule} ${law.jurisdiction}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('each provision is named on its rule\'s docs page, with its article and the day it applies from, and the page says it is not legal advice', async () => {
        const { LAWS } = await import('../src/language/model/markets.js');
        for (const law of LAWS) {
            const page = rulePage(law.rule);
            expect(page, `${law.rule}: ${law.jurisdiction} ${law.article}`).toContain(law.article);
            expect(page, `${law.rule}: ${law.jurisdiction} from ${law.from}`).toContain(law.from);
            expect(page, law.rule).toMatch(/not legal advice/i);
        }
    });
});

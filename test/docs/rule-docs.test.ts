import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/index.js';
import { check } from '../helpers.js';
import { asFile, exampleAfter, RULE_DOCS, rulePage } from './rule-pages.js';

describe('the rule docs pages', () => {
    it('exist for every rule of the registry, and for nothing else', () => {
        const pages = readdirSync(RULE_DOCS).filter(f => f.endsWith('.md')).map(f => f.slice(0, -3)).sort();
        expect(pages).toEqual(RULES.map(r => r.id).sort());
    });

    describe.each(RULES.map(rule => [rule.id, rule] as const))('%s', (id, rule) => {
        const page = rulePage(id);

        it('has the rule id as its title and says why the rule matters', () => {
            expect(page.split('\n')[0]).toBe(`# ${id}`);
            expect(page).toMatch(/\n## Why\n\n\S/);
        });

        it('has an incorrect example that fires the rule', async () => {
            const example = exampleAfter(page, 'Incorrect');
            expect(example, 'a ```mplan block under "## Incorrect"').toBeDefined();
            const result = await check(asFile(example!));
            expect(result.rules()).toContain(id);
            if (id !== 'syntax-error') expect(result.rules()).not.toContain('syntax-error');
        });

        it('says which of its fixes --fix applies, as the registry marks them', () => {
            // "Fix (safe): …" for a fix that invents nothing, "Suggestion (not applied by --fix): …" for one that writes a business fact.
            const named = [...page.matchAll(/^(Fix \(safe\)|Suggestion \(not applied by --fix\)): \S/gm)]
                .map(match => (match[1] === 'Fix (safe)' ? 'safe' : 'suggestion'));
            expect([...new Set(named)].sort(), 'the kinds of fix its page names').toEqual([...(rule.fixKinds ?? [])].sort());
            if (rule.fix) expect(page, 'a "## Quick fix" section').toMatch(/\n## Quick fix\n\n(Fix \(safe\)|Suggestion \(not applied by --fix\)): /);
        });

        it('has a correct example that does not fire it', async () => {
            const example = exampleAfter(page, 'Correct');
            expect(example, 'a ```mplan block under "## Correct"').toBeDefined();
            const result = await check(asFile(example!));
            expect(result.rules()).not.toContain(id);
            expect(result.rules()).not.toContain('syntax-error');
        });
    });
});

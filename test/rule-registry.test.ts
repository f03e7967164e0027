import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/language/rules/index.js';

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

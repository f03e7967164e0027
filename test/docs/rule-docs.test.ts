import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/index.js';
import { check } from '../helpers.js';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

/** The first ```mplan block after a `## heading` of a page. */
function exampleAfter(page: string, heading: string): string | undefined {
    const at = page.indexOf(`\n## ${heading}\n`);
    if (at < 0) return undefined;
    return /```mplan\n([\s\S]*?)```/.exec(page.slice(at))?.[1];
}

/** An example is checked as `plan.mplan`, or under the name its first line gives (`// market.mplan`). */
function asFile(example: string): Record<string, string> {
    const name = /^\/\/ ([\w./-]+\.mplan)\b/.exec(example)?.[1] ?? 'plan.mplan';
    return { [name]: example };
}

describe('the rule docs pages', () => {
    it('exist for every rule of the registry, and for nothing else', () => {
        const pages = readdirSync(DOCS).filter(f => f.endsWith('.md')).map(f => f.slice(0, -3)).sort();
        expect(pages).toEqual(RULES.map(r => r.id).sort());
    });

    describe.each(RULES.map(rule => [rule.id, rule] as const))('%s', (id) => {
        const file = join(DOCS, `${id}.md`);
        const page = existsSync(file) ? readFileSync(file, 'utf8') : '';

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

        it('has a correct example that does not fire it', async () => {
            const example = exampleAfter(page, 'Correct');
            expect(example, 'a ```mplan block under "## Correct"').toBeDefined();
            const result = await check(asFile(example!));
            expect(result.rules()).not.toContain(id);
            expect(result.rules()).not.toContain('syntax-error');
        });
    });
});

import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mplan, PINNED, PLANS } from './run.js';

/** A folder holding a copy of the flawed fixture plan (test/fixtures/README.md). */
function copyOfFlawed(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-fix-'));
    copyFileSync(join(PLANS, 'ebook-list.mplan'), join(dir, 'plan.mplan'));
    return dir;
}

/** The rules the fixture plans are judged by: what is fixed and what is left stays the same when a rule is added. */
const PINNED_RULES = ['--config', PINNED];

describe('mplan check --fix', () => {
    it('applies the unambiguous fixes, says what it fixed, and reports what is left', async () => {
        const dir = copyOfFlawed();
        const original = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        const run = await mplan(['check', 'plan.mplan', '--fix', '--as-of', '2027-01-15', ...PINNED_RULES], dir);
        expect(run.stderr).toBe('fixed plan.mplan: email-too-frequent, few-payment-options, missing-guarantee, missing-unsubscribe, tactic-without-strategy, unresolved-reference\n');
        const fixed = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        expect(fixed).toContain('    serves ListFirst\n');
        expect(fixed).toContain('runs ForumPosts, Newsletter, InstagramAds');
        expect(fixed).toContain('guarantee money back 30 days');
        expect(fixed).toContain('unsubscribe link in every email');
        // Of the user's own lines, only the three the fixes rewrite are gone; every other line is kept as it was.
        const kept = new Set(fixed.split('\n'));
        expect(original.split('\n').filter(line => !kept.has(line)).map(line => line.trim())).toEqual([
            'runs ForumPosts, Newsleter, InstagramAds',
            'close 3 times per week with call to action',
            'payments card'
        ]);
        for (const rule of ['email-too-frequent', 'few-payment-options', 'missing-guarantee', 'missing-unsubscribe', 'tactic-without-strategy', 'unresolved-reference', 'syntax-error']) {
            expect(run.stdout).not.toContain(`  ${rule}\n`);
        }
        expect(run.stdout).toContain('  budget-overrun\n');
        expect(run.stdout).toContain('  no-repeat-buyer-path\n');
        expect(run.code).toBe(1);
        expect(readdirSync(dir)).toEqual(['plan.mplan']);
    });

    it('leaves alone what has several possible fixes', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-fix-'));
        const text = 'strategy A { statement "a" }\nstrategy B { statement "b" }\ntactic T { channel seo }\n';
        writeFileSync(join(dir, 'lib.mplan'), text);
        const run = await mplan(['check', 'lib.mplan', '--fix', ...PINNED_RULES], dir);
        expect(readFileSync(join(dir, 'lib.mplan'), 'utf8')).toBe(text);
        expect(run.stderr).toBe('');
        expect(run.stdout).toContain('tactic-without-strategy');
    });

    it('changes nothing without --fix', async () => {
        const dir = copyOfFlawed();
        const original = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        await mplan(['check', 'plan.mplan'], dir);
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toBe(original);
    });
});

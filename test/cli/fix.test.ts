import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneCleanErrorLine, mplan, PINNED, PLANS } from './run.js';

/** A folder holding a copy of the flawed fixture plan (test/fixtures/README.md). */
function copyOfFlawed(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-fix-'));
    copyFileSync(join(PLANS, 'ebook-list.mplan'), join(dir, 'plan.mplan'));
    return dir;
}

/** The rules the fixture plans are judged by: what is fixed and what is left stays the same when a rule is added. */
const PINNED_RULES = ['--config', PINNED];

/**
 * A tea shop's plan as its owner wrote it: no way to pay named yet, and the flyers serve a strategy
 * whose name is misspelt (LocalRegulers).
 */
const SHOP = `plan TeaCorner {
    goal "Become the favourite loose-leaf tea shop of the offices around Market Square"
    currency EUR
    revisit every quarter
}

product TastingBox {
    price 29 EUR
    benefit "Six teas to find the one you love, with brewing cards"
}

segment OfficeTeams {
    who "Office teams near Market Square who order for the whole floor"
    decides
}

strategy LocalRegulars {
    statement "Turn the offices nearby into weekly regulars"
    targets OfficeTeams
}

tactic LunchFlyers {
    serves LocalRegulers
    channel print
    audience OfficeTeams
    budget 300 EUR
    from 2027-02-01 to 2027-03-31
}

offer {
    guarantee money back 30 days claim "Bring the box back to the shop" refunds "The full price"
}
`;

function shopFolder(): string {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-fix-'));
    writeFileSync(join(dir, 'shop.mplan'), SHOP);
    return dir;
}

describe('mplan check --fix', () => {
    it('applies the unambiguous safe fixes, says what it fixed, and reports what is left', async () => {
        const dir = copyOfFlawed();
        const original = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        const run = await mplan(['check', 'plan.mplan', '--fix', '--as-of', '2027-01-15', ...PINNED_RULES], dir);
        // Before, it also added paypal, a money-back guarantee and a weekly cadence: business facts, now only suggested.
        expect(run.stderr).toBe('fixed plan.mplan: missing-unsubscribe, tactic-without-strategy, unresolved-reference\n');
        const fixed = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        expect(fixed).toContain('    serves ListFirst\n');
        expect(fixed).toContain('runs ForumPosts, Newsletter, InstagramAds');
        expect(fixed).toContain('unsubscribe link in every email');
        expect(fixed).not.toContain('guarantee money back');
        expect(fixed).not.toContain('paypal');
        expect(fixed).toContain('    payments card\n');
        // Of the user's own lines, only the one a fix rewrites is gone; every other line is kept as it was.
        const kept = new Set(fixed.split('\n'));
        expect(original.split('\n').filter(line => !kept.has(line)).map(line => line.trim())).toEqual([
            'runs ForumPosts, Newsleter, InstagramAds'
        ]);
        for (const rule of ['missing-unsubscribe', 'tactic-without-strategy', 'unresolved-reference', 'syntax-error']) {
            expect(run.stdout).not.toContain(`  ${rule}\n`);
        }
        for (const rule of ['email-too-frequent', 'few-payment-options', 'missing-guarantee']) {
            expect(run.stdout).toContain(`  ${rule}\n`);
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

    it('corrects a misspelt strategy but leaves the ways to pay to the shop owner, still reported', async () => {
        const dir = shopFolder();
        const run = await mplan(['check', 'shop.mplan', '--fix', '--as-of', '2027-01-15', ...PINNED_RULES], dir);
        expect(run.stderr).toBe('fixed shop.mplan: unresolved-reference\n');
        expect(readFileSync(join(dir, 'shop.mplan'), 'utf8')).toBe(SHOP.replace('serves LocalRegulers', 'serves LocalRegulars'));
        expect(run.stdout).toMatch(/^shop\.mplan:1:6 +warning +The plan names no payment option: .* few-payment-options$/m);
        expect(run.stdout).not.toContain('unresolved-reference');
    });

    it('--fix-dry-run lists the suggestion with its text and what --fix would apply, and writes nothing', async () => {
        const dir = shopFolder();
        const file = join(dir, 'shop.mplan');
        // An old modification time: a rewrite of the same text would still show.
        utimesSync(file, new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
        const before = statSync(file).mtimeMs;
        const run = await mplan(['check', 'shop.mplan', '--fix-dry-run', '--as-of', '2027-01-15', ...PINNED_RULES], dir);
        expect(run).toEqual({
            code: 0,
            stderr: '',
            stdout: [
                'shop.mplan:1:6  few-payment-options  suggestion, not applied by --fix: Add payment methods: card and paypal (check that you accept them)',
                "    inserts 'payments card, paypal' at line 30",
                "shop.mplan:23:12  unresolved-reference  --fix applies: Change to 'LocalRegulars'",
                "    replaces 'LocalRegulers' with 'LocalRegulars' at line 23",
                '',
                '--fix would apply 1 fix to 1 file and leave 1 suggestion for you to decide; nothing was written.',
                ''
            ].join('\n')
        });
        expect(readFileSync(file, 'utf8')).toBe(SHOP);
        expect(statSync(file).mtimeMs).toBe(before);
        expect(readdirSync(dir)).toEqual(['shop.mplan']);
    });

    it('--fix-dry-run says so when there is nothing to offer', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mplan-fix-'));
        copyFileSync(join(PLANS, 'phone-retailer.mplan'), join(dir, 'plan.mplan'));
        const run = await mplan(['check', 'plan.mplan', '--fix-dry-run', '--as-of', '2027-01-15', ...PINNED_RULES], dir);
        expect(run).toEqual({ code: 0, stderr: '', stdout: 'No fixes to offer; nothing was written.\n' });
    });

    it('--fix-dry-run refuses the options that write or format findings, in one line', async () => {
        const dir = shopFolder();
        for (const extra of [['--fix'], ['--format', 'json'], ['--output', 'out.txt'], ['--write-baseline', 'b.json']]) {
            const option = extra[0];
            expectOneCleanErrorLine(await mplan(['check', 'shop.mplan', '--fix-dry-run', ...extra], dir),
                new RegExp(`^mplan: --fix-dry-run and ${option} cannot be given together$`));
        }
        expect(readdirSync(dir)).toEqual(['shop.mplan']);
    });

    it('changes nothing without --fix', async () => {
        const dir = copyOfFlawed();
        const original = readFileSync(join(dir, 'plan.mplan'), 'utf8');
        await mplan(['check', 'plan.mplan'], dir);
        expect(readFileSync(join(dir, 'plan.mplan'), 'utf8')).toBe(original);
    });
});

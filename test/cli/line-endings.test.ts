/**
 * A plan keeps its own line endings when mplan rewrites it: the text a fix
 * inserts (a fact on a line of its own, an import) and what the formatter
 * writes use the file's line ending, CRLF (Windows editors) or CR (old Mac
 * files), never a lone LF in their midst.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mplan, PLANS, pinnedSettings } from './run.js';

const ENDINGS = [{ name: 'CRLF', eol: '\r\n' }, { name: 'CR', eol: '\r' }];

/** The text with every line ending made `eol`. */
function withEndings(text: string, eol: string): string {
    return text.replace(/\r\n|\r|\n/g, eol);
}

/** The line endings a text uses, by kind. */
function endings(text: string): string[] {
    return [...new Set(text.match(/\r\n|\r|\n/g) ?? [])].map(eol => JSON.stringify(eol));
}

/** Runs `args` on the flawed plan saved with `eol`, and gives the plan's text afterwards. */
async function runOn(plan: string, args: string[]): Promise<{ text: string; stderr: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'mplan-eol-'));
    writeFileSync(join(dir, 'plan.mplan'), plan);
    writeFileSync(join(dir, 'mplan.json'), pinnedSettings());
    const run = await mplan(args, dir);
    return { text: readFileSync(join(dir, 'plan.mplan'), 'utf8'), stderr: run.stderr };
}

const FLAWED = readFileSync(join(PLANS, 'ebook-list.mplan'), 'utf8');
const FIX = ['check', 'plan.mplan', '--fix', '--as-of', '2027-01-15'];

describe('check --fix keeps the line endings of the file', () => {
    it('LF: the reference, fixed with lines inserted', async () => {
        const fixed = await runOn(FLAWED, FIX);
        expect(fixed.stderr).toBe('fixed plan.mplan: missing-unsubscribe, tactic-without-strategy, unresolved-reference\n');
        expect(fixed.text).toContain('\n    serves ListFirst\n');
    });

    for (const { name, eol } of ENDINGS) {
        it(`${name}: the same fixes, every inserted line ending ${name}`, async () => {
            const reference = (await runOn(FLAWED, FIX)).text;
            const fixed = await runOn(withEndings(FLAWED, eol), FIX);
            expect(fixed.stderr).toBe('fixed plan.mplan: missing-unsubscribe, tactic-without-strategy, unresolved-reference\n');
            expect(endings(fixed.text)).toEqual([JSON.stringify(eol)]);
            expect(fixed.text).toBe(withEndings(reference, eol));
        });
    }
});

describe('format keeps the line endings of the file', () => {
    const messy = readFileSync(join(PLANS, 'phone-retailer.mplan'), 'utf8').replace(/^ {4}/gm, '  ').replace(/\n\n/g, '\n\n\n');
    for (const { name, eol } of ENDINGS) {
        it(`${name}: formatted as the LF file is, every line ending ${name}`, async () => {
            const reference = (await runOn(messy, ['format', 'plan.mplan'])).text;
            expect(reference).not.toBe(messy);
            const formatted = await runOn(withEndings(messy, eol), ['format', 'plan.mplan']);
            expect(formatted.stderr).toBe('');
            expect(endings(formatted.text)).toEqual([JSON.stringify(eol)]);
            expect(formatted.text).toBe(withEndings(reference, eol));
        });
    }
});

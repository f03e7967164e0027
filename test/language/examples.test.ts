import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../helpers.js';

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

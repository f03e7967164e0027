/**
 * A one-value fact stated twice inside a nested group (a guarantee's `claim`,
 * an objective's `metric`) is a `syntax-error`, in the editor as in `mplan
 * check`. The editor re-parses only the block a keystroke falls in
 * (syntax/incremental-parse.ts), so the block is parsed alone there; its
 * findings must still be those of a full check of the same text, for every
 * kind of block that has a nested group.
 */
import { describe, expect, it } from 'vitest';
import { check, CLEAN_PLAN, fileSystem, services, uriOf, type Found } from '../helpers.js';

/** The findings of the document after the builder has taken `edited` as its new text. */
async function afterKeystroke(before: string, edited: string): Promise<{ incremental: boolean; findings: Found[] }> {
    const first = await check({ 'plan.mplan': before });
    const document = first.documents.get('plan.mplan')!;
    const root = document.parseResult.value;
    fileSystem.write(uriOf('plan.mplan'), edited);
    await services.shared.workspace.DocumentBuilder.update([uriOf('plan.mplan')], []);
    // The same root: only the edited block was parsed again.
    const incremental = document.parseResult.value === root;
    return { incremental, findings: first.findings() };
}

/** The plan with one more objective and a KPI on its strategy, a tier on Box and results on its campaign. */
const PLAN = CLEAN_PLAN
    .replace('    targets Managers\n', '    targets Managers\n    objective "Win office clients" metric customers target 40 by 2027-06-30 owner Ann review monthly\n'
        + '    kpi "Cost per customer" metric cac target at most 60 USD owner Ann review monthly\n')
    .replace('    price 49 USD\n', '    price 49 USD\n    tier Large 79 USD share 30%\n')
    .replace('    review on 2027-07-10\n', '    review on 2027-07-10\n    results { sales 12 }\n');

interface Case {
    /** Where, in words. */
    group: string;
    /** Text of PLAN after which the keystrokes go, and what is typed. */
    after: string;
    typed: string;
    /** The fact stated twice, when the edit states one twice ('' for one of several words: how it is named is not this test's). */
    repeated?: string;
}

const CASES: Case[] = [
    { group: 'a guarantee (offer)', after: 'refunds "The full price"', typed: ' claim "Call the shop"', repeated: 'claim' },
    { group: 'a guarantee (offer), a two-word fact', after: 'refunds "The full price"', typed: ' paid within 5 days paid within 10 days', repeated: '' },
    { group: 'an objective (strategy)', after: 'metric customers', typed: ' metric leads', repeated: 'metric' },
    { group: 'a KPI (strategy)', after: 'target at most 60 USD', typed: ' target at most 50 USD', repeated: '' },
    { group: 'an objective\'s deadline (strategy)', after: 'by 2027-06-30', typed: ' by 2027-09-30', repeated: 'by' },
    { group: 'habits (segment)', after: 'habits { social linkedin', typed: ' search google' },
    { group: 'habits stated twice (segment)', after: 'habits { social linkedin }', typed: ' habits { search google }', repeated: 'habits' },
    { group: 'a tier (product)', after: 'tier Large 79 USD share 30%', typed: ' tier Small 29 USD share 20%' },
    { group: 'results (campaign)', after: 'results { sales 12', typed: ' satisfaction 80 %' }
];

describe('a fact stated twice in a nested group, after a keystroke in the editor', () => {
    it('the plan the cases edit is clean of syntax errors, so the editor re-parses one block', async () => {
        const base = await check({ 'plan.mplan': PLAN });
        expect(base.findings().filter(f => f.rule === 'syntax-error')).toEqual([]);
    });

    for (const { group, after, typed, repeated } of CASES) {
        it(`${group}: the editor's findings equal mplan check's on the same text`, async () => {
            const at = PLAN.indexOf(after);
            expect(at, after).toBeGreaterThan(0);
            const edited = PLAN.slice(0, at + after.length) + typed + PLAN.slice(at + after.length);
            const { incremental, findings } = await afterKeystroke(PLAN, edited);
            expect(incremental).toBe(true);
            const fresh = (await check({ 'plan.mplan': edited })).findings();
            expect(findings).toEqual(fresh);
            const twice = findings.filter(f => f.rule === 'syntax-error');
            if (repeated !== undefined) {
                // The second statement is the one found, on the line it was typed on.
                const line = edited.slice(0, at + after.length).split('\n').length;
                expect(twice.map(f => [f.line, f.message.replace(/^'[^']*' /, "'…' ").split(' (')[0]])).toEqual([[line, "'…' is stated twice here"]]);
                if (repeated) expect(twice[0].message).toMatch(new RegExp(`^'${repeated}' is stated twice`));
            } else {
                expect(twice).toEqual([]);
            }
        });
    }
});

import { describe, expect, it } from 'vitest';
import { check, type Checked } from '../../helpers.js';

const ID = 'segment-incomplete';

const HEADER = `plan CornerBakery {
    goal "Cater downtown offices"
    currency USD
}
`;

const FACTS = {
    who: '    who "Office managers who order food for meetings"',
    from: '    from "Downtown office towers", "Business park"',
    income: '    income 45_000 to 90_000 USD per year',
    age: '    age 28 to 50'
};

/** A segment with the given facts, one per line, starting on line 6 of the plan. */
function segment(facts: string[], name = 'OfficeManagers'): string {
    return `segment ${name} {\n${facts.map(f => f + '\n').join('')}}\n`;
}

const COMPLETE = segment([FACTS.who, FACTS.from, FACTS.income, FACTS.age]);

function mine(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

/** The data of this rule's diagnostics in one file. */
function dataOf(result: Checked, file = 'plan.mplan'): unknown[] {
    return (result.documents.get(file)!.diagnostics ?? []).filter(d => d.code === ID).map(d => d.data);
}

describe(ID, () => {
    it('does not fire on a segment that says who, from where, what they spend and their age', async () => {
        expect((await check(HEADER + COMPLETE)).rules()).not.toContain(ID);
    });

    it('accepts a budget (spends) instead of an income', async () => {
        const text = HEADER + segment([FACTS.who, FACTS.from, '    spends 300 USD per month', FACTS.age]);
        expect((await check(text)).rules()).not.toContain(ID);
    });

    it('fires on the segment name and names every missing facet in plain words', async () => {
        const result = await check(HEADER + segment([]));
        expect(mine(result)).toEqual([{
            rule: ID, severity: 'warning', line: 5, column: 9, endLine: 5, endColumn: 23,
            message: `Segment 'OfficeManagers' does not say who they are, where they come from, how much they can spend or their age group: without it you cannot tell whether they will buy or how to reach them. Add 'who "…"', 'from "…"', 'income … per year' (or 'spends …') and 'age … to …'.`
        }]);
        expect(dataOf(result)).toEqual([{ segment: 'OfficeManagers', missing: ['who', 'from', 'spending', 'age'] }]);
    });

    it.each([
        ['who', [FACTS.from, FACTS.income, FACTS.age], 'who they are', `'who "…"'`],
        ['from', [FACTS.who, FACTS.income, FACTS.age], 'where they come from', `'from "…"'`],
        ['spending', [FACTS.who, FACTS.from, FACTS.age], 'how much they can spend', `'income … per year' (or 'spends …')`],
        ['age', [FACTS.who, FACTS.from, FACTS.income], 'their age group', `'age … to …'`]
    ])('fires when only %s is missing', async (key, facts, words, write) => {
        const result = await check(HEADER + segment(facts));
        expect(mine(result).map(f => f.message)).toEqual([
            `Segment 'OfficeManagers' does not say ${words}: without it you cannot tell whether they will buy or how to reach them. Add ${write}.`
        ]);
        expect(dataOf(result)).toEqual([{ segment: 'OfficeManagers', missing: [key] }]);
    });

    it('counts a blank who or a blank origin as missing', async () => {
        const result = await check(HEADER + segment(['    who "  "', '    from ""', FACTS.income, FACTS.age]));
        expect(dataOf(result)).toEqual([{ segment: 'OfficeManagers', missing: ['who', 'from'] }]);
        expect(mine(result)[0].message).toContain('does not say who they are or where they come from:');
    });

    it('reports each incomplete segment of the file once, at its own name', async () => {
        const text = HEADER + COMPLETE + segment([FACTS.who], 'Assistants') + segment([FACTS.age], 'Caterers');
        expect(mine(await check(text)).map(f => [f.line, f.column])).toEqual([[11, 9], [14, 9]]);
    });

    it('judges a library segment in its own file, not in the plan that imports it', async () => {
        const result = await check({
            'plan.mplan': 'import "market.mplan"\n' + HEADER + 'strategy Office { statement "s" targets OfficeManagers }\n',
            'market.mplan': segment([FACTS.who, FACTS.age])
        });
        expect(mine(result, 'plan.mplan')).toEqual([]);
        expect(mine(result, 'market.mplan').map(f => ({ line: f.line, column: f.column }))).toEqual([{ line: 1, column: 9 }]);
        expect(dataOf(result, 'market.mplan')).toEqual([{ segment: 'OfficeManagers', missing: ['from', 'spending'] }]);
    });

    it('judges a library no plan imports too (a segment is incomplete wherever it is written)', async () => {
        expect((await check(segment([FACTS.who]))).rules()).toContain(ID);
        expect((await check(COMPLETE)).rules()).not.toContain(ID);
    });
});

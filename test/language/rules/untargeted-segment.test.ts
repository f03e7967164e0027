import { describe, expect, it } from 'vitest';
import { check, fixesFor, type Checked } from '../../helpers.js';

const ID = 'untargeted-segment';

const HEADER = `plan NordlysMobile {
    goal "Sell flagship phones to professionals"
    currency EUR
}
`;

const PROS = `segment Professionals {
    who "Managers who live on their phone"
    decides
}
`;

const STUDENTS = `segment Students {
    who "Students who want last year's flagship"
}
`;

const STRATEGY = `strategy ProfessionalsFirst {
    statement "Win busy professionals"
    targets Professionals
}
`;

function mine(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('fires, as advice, on a segment no strategy targets', async () => {
        const result = await check(HEADER + PROS + STRATEGY + STUDENTS);
        expect(mine(result)).toEqual([{
            rule: ID, severity: 'info', line: 13, column: 9, endLine: 13, endColumn: 17,
            message: `No strategy targets segment 'Students': either it is dead weight in the plan or a strategy for it is missing. Add it to a strategy's 'targets', or remove it.`
        }]);
    });

    it('does not fire on a targeted segment', async () => {
        expect(mine(await check(HEADER + PROS + STRATEGY))).toEqual([]);
    });

    it('does not count a tactic\'s audience as targeting', async () => {
        const text = HEADER + PROS + STRATEGY + STUDENTS + 'tactic Ads { serves ProfessionalsFirst channel ppc audience Students }\n';
        expect(mine(await check(text)).map(f => f.message)).toEqual([expect.stringContaining("segment 'Students'")]);
    });

    it('does not fire on an influencer whose decider is targeted', async () => {
        const assistants = 'segment Assistants { who "Assistants who suggest the phone" influences Professionals }\n';
        expect(mine(await check(HEADER + PROS + STRATEGY + assistants))).toEqual([]);
    });

    it('fires on an influencer whose decider is not targeted either', async () => {
        const text = HEADER + PROS + STUDENTS.replace('    who', '    influences Professionals\n    who') + 'strategy Other { statement "s" }\n';
        expect(mine(await check(text)).map(f => f.line)).toEqual([5, 9]);
    });

    it('judges a library segment by the strategies of the plan that imports it', async () => {
        const files = { 'plan.mplan': 'import "market.mplan"\n' + HEADER + STRATEGY, 'market.mplan': PROS + STUDENTS };
        const result = await check(files);
        expect(mine(result, 'market.mplan').map(f => [f.line, f.message.split(':')[0]])).toEqual([[5, "No strategy targets segment 'Students'"]]);
        expect(mine(result, 'plan.mplan')).toEqual([]);
    });

    it('counts the strategies of every plan that imports a library', async () => {
        const result = await check({
            'pros.mplan': 'import "market.mplan"\nplan Pros { goal "g" }\n' + STRATEGY,
            'students.mplan': 'import "market.mplan"\nplan Young { goal "g" }\nstrategy Young { statement "s" targets Students }\n',
            'market.mplan': PROS + STUDENTS
        });
        expect(mine(result, 'market.mplan')).toEqual([]);
    });

    it('stays silent on a library that no plan imports', async () => {
        expect(mine(await check({ 'market.mplan': PROS + STUDENTS }), 'market.mplan')).toEqual([]);
    });

    it('offers to target the segment from each strategy of the file, and the fix clears the finding', async () => {
        const text = HEADER + PROS + STRATEGY + STUDENTS + 'strategy Campus {\n    statement "Win students"\n}\n';
        const fixes = await fixesFor(await check(text), ID);
        expect(fixes.map(f => [f.title, f.preferred])).toEqual([
            ["Target it from strategy 'ProfessionalsFirst'", false],
            ["Target it from strategy 'Campus'", false]
        ]);
        expect(fixes[0].result).toBe(text.replace('targets Professionals', 'targets Professionals, Students'));
        expect(fixes[1].result).toBe(text.replace('    statement "Win students"', '    targets Students\n    statement "Win students"'));
        for (const fix of fixes) {
            const after = await check(fix.result);
            expect(mine(after)).toEqual([]);
            expect(after.rules()).not.toContain('syntax-error');
        }
    });

    it('offers no fix in a library whose strategies are elsewhere', async () => {
        const result = await check({ 'market.mplan': PROS + STUDENTS, 'plan.mplan': 'import "market.mplan"\n' + HEADER + STRATEGY });
        expect(await fixesFor(result, ID, 'market.mplan')).toEqual([]);
    });
});

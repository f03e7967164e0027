import { describe, expect, it } from 'vitest';
import { check, fixesFor, type Checked } from '../../helpers.js';

const ID = 'indirect-without-decider';

const HEADER = `plan SchoolSupplies {
    goal "Be the shop parents trust for the school year"
    currency EUR
}
`;

const PARENTS = `segment Parents {
    who "Parents of school children"
    decides
}
`;

const STUDENTS = `segment Students {
    who "Pupils who choose their own pens and bags"
    influences Parents
}
`;

function mine(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    describe('an influencer that names no decider', () => {
        const text = HEADER + PARENTS + 'segment Students {\n    who "Pupils"\n    influences\n}\n';

        it('fires on the influences keyword', async () => {
            expect(mine(await check(text))).toEqual([{
                rule: ID, severity: 'warning', line: 11, column: 5, endLine: 11, endColumn: 15,
                message: `Segment 'Students' influences the purchase but does not say whose decision: write the deciding segment after 'influences' (for example 'influences Parents'), so the plan reaches the people who pay as well as those who recommend.`
            }]);
        });

        it('does not fire when the influencer names the segment it influences', async () => {
            expect((await check(HEADER + PARENTS + STUDENTS)).rules()).not.toContain(ID);
        });

        it('does not fire on a segment that is not marked as an influencer', async () => {
            expect((await check(HEADER + PARENTS + 'segment Students { who "Pupils" }\n')).rules()).not.toContain(ID);
        });

        it('leaves a misspelt decider to unresolved-reference', async () => {
            const result = await check(HEADER + PARENTS + STUDENTS.replace('influences Parents', 'influences Parnts'));
            expect(result.rules()).toContain('unresolved-reference');
            expect(result.rules()).not.toContain(ID);
        });

        it('offers to name each segment that decides, and the fix clears the finding', async () => {
            const withTeachers = text + 'segment Teachers { who "Teachers" }\nsegment Aunts { influences Parents }\n';
            const fixes = await fixesFor(await check(withTeachers), ID);
            expect(fixes.map(f => [f.title, f.preferred])).toEqual([
                ["Name 'Parents' as the segment it influences", false],
                ["Name 'Teachers' as the segment it influences", false]
            ]);
            expect(fixes[0].result).toBe(withTeachers.replace('    influences\n', '    influences Parents\n'));
            const after = await check(fixes[0].result);
            expect(after.rules()).not.toContain(ID);
            expect(after.rules()).not.toContain('syntax-error');
        });

        it('a one-line segment gets the name inline', async () => {
            const oneLine = HEADER + PARENTS + 'segment Students { who "Pupils" influences age 10 to 16 }\n';
            const [fix, ...more] = await fixesFor(await check(oneLine), ID);
            expect(more).toEqual([]);
            expect(fix.preferred).toBe(true);
            expect(fix.result).toBe(oneLine.replace('influences age', 'influences Parents age'));
            const after = await check(fix.result);
            expect(after.rules()).not.toContain(ID);
            expect(after.rules()).not.toContain('syntax-error');
        });

        it('offers nothing when no segment could be the decider', async () => {
            const alone = HEADER + 'segment Students { influences }\n';
            expect((await check(alone)).rules()).toContain(ID);
            expect(await fixesFor(await check(alone), ID)).toEqual([]);
        });

        it('judges a library segment in its own file', async () => {
            const result = await check({
                'plan.mplan': 'import "market.mplan"\n' + HEADER,
                'market.mplan': PARENTS + 'segment Students { influences }\n'
            });
            expect(mine(result, 'market.mplan').map(f => f.line)).toEqual([5]);
            expect(mine(result, 'plan.mplan')).toEqual([]);
        });
    });

    describe('a strategy that targets only influencers', () => {
        const strategy = (targets: string) => `strategy BackToSchool {\n    statement "Win the back-to-school shopping"\n    targets ${targets}\n}\n`;

        it('fires on the strategy\'s targets and names the decider they influence', async () => {
            // HEADER 4 lines, PARENTS 4, STUDENTS 4: the strategy starts on line 13.
            const result = await check(HEADER + PARENTS + STUDENTS + strategy('Students'));
            expect(mine(result)).toEqual([{
                rule: ID, severity: 'warning', line: 15, column: 13, endLine: 15, endColumn: 21,
                message: `Strategy 'BackToSchool' targets only influencers (Students): they recommend but do not decide the purchase. Also target the segment they influence (Parents).`
            }]);
        });

        it('does not fire when a deciding segment is among the targets', async () => {
            expect((await check(HEADER + PARENTS + STUDENTS + strategy('Students, Parents'))).rules()).not.toContain(ID);
            expect((await check(HEADER + PARENTS + STUDENTS + strategy('Parents'))).rules()).not.toContain(ID);
        });

        it('counts a segment that is not marked as influencer, or that decides as well, as a decider', async () => {
            const unmarked = HEADER + 'segment Parents { who "Parents" }\n' + STUDENTS + strategy('Students, Parents');
            expect((await check(unmarked)).rules()).not.toContain(ID);
            const both = HEADER + PARENTS + 'segment Teens { decides influences Parents }\n' + strategy('Teens');
            expect((await check(both)).rules()).not.toContain(ID);
        });

        it('fires when every target is an influencer, however many', async () => {
            const aunts = 'segment Aunts { influences Parents }\n';
            const found = mine(await check(HEADER + PARENTS + STUDENTS + aunts + strategy('Students, Aunts')));
            expect(found.map(f => f.message)).toEqual([
                `Strategy 'BackToSchool' targets only influencers (Students and Aunts): they recommend but do not decide the purchase. Also target the segment they influence (Parents).`
            ]);
        });

        it('asks for the deciding segment when the influencers do not name it', async () => {
            const found = mine(await check(HEADER + 'segment Students { influences }\n' + strategy('Students')));
            expect(found.map(f => f.message)).toContainEqual(expect.stringContaining('they recommend but do not decide the purchase. Also target the segment that decides.'));
        });

        it('stays silent when a target does not resolve, and on a strategy with no targets', async () => {
            expect(mine(await check(HEADER + PARENTS + STUDENTS + strategy('Students, Nobody')))).toEqual([]);
            expect(mine(await check(HEADER + PARENTS + STUDENTS + 'strategy Empty { statement "s" }\n'))).toEqual([]);
        });

        it('judges segments from an imported library, reporting on the plan\'s strategy', async () => {
            const result = await check({
                'plan.mplan': 'import "market.mplan"\n' + HEADER + strategy('Students'),
                'market.mplan': PARENTS + STUDENTS
            });
            expect(mine(result, 'plan.mplan').map(f => f.line)).toEqual([8]);
            expect(mine(result, 'market.mplan')).toEqual([]);
            const related = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === ID)!.relatedInformation!;
            expect(related.map(r => [r.location.uri.endsWith('market.mplan'), r.message])).toEqual([[true, "influencer segment 'Students'"]]);
        });

        it('offers to target the decider too, and the fix clears the finding', async () => {
            const text = HEADER + PARENTS + STUDENTS + strategy('Students');
            const [fix, ...more] = await fixesFor(await check(text), ID);
            expect(more).toEqual([]);
            expect(fix).toMatchObject({ title: "Target the deciding segment 'Parents' too", preferred: true });
            expect(fix.result).toBe(HEADER + PARENTS + STUDENTS + strategy('Students, Parents'));
            const after = await check(fix.result);
            expect(after.rules()).not.toContain(ID);
            expect(after.rules()).not.toContain('syntax-error');
        });

        it('offers the fix when the decider comes in through a chain of imports', async () => {
            const files = {
                'plan.mplan': 'import "students.mplan"\n' + HEADER + strategy('Students'),
                'students.mplan': 'import "parents.mplan"\n' + STUDENTS,
                'parents.mplan': PARENTS
            };
            const result = await check(files);
            expect(mine(result).map(f => f.line)).toEqual([8]);
            const [fix] = await fixesFor(result, ID);
            expect(fix.title).toBe("Target the deciding segment 'Parents' too");
            const after = await check({ ...files, 'plan.mplan': fix.result });
            expect(after.rules()).not.toContain(ID);
            expect(after.rules()).not.toContain('unresolved-reference');
        });
    });
});

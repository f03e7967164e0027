import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';

describe('invalid-range', () => {
    it('does not fire on ranges from low to high, or a one-day period', async () => {
        const result = await check(CLEAN_PLAN.replace('from 2027-02-01 to 2027-04-30', 'from 2027-02-01 to 2027-02-01'));
        expect(result.rules()).not.toContain('invalid-range');
    });

    it('fires on a period that ends before it starts, at its end date', async () => {
        const result = await check(CLEAN_PLAN.replace('from 2027-02-01 to 2027-06-30', 'from 2027-06-30 to 2027-02-01'));
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'invalid-range', severity: 'error', line: 30, column: 24,
            message: "The campaign 'Spring' ends on 2027-02-01, before it starts on 2027-06-30."
        }));
    });

    it('fires on an age range and an income range written backwards', async () => {
        const result = await check(CLEAN_PLAN.replace('age 28 to 50', 'age 50 to 28\n    income 90000 to 45000 USD per year'));
        const found = result.findings().filter(f => f.rule === 'invalid-range');
        expect(found.map(f => [f.line, f.message])).toEqual([
            [16, "The age range 50 to 28 of segment 'Managers' ends before it starts: write it as 28 to 50."],
            [17, "The income range 90000 to 45000 of segment 'Managers' ends before it starts: write it as 45000 to 90000."]
        ]);
    });

    it('fires on an age no one reaches', async () => {
        const result = await check(CLEAN_PLAN.replace('age 28 to 50', 'age 28 to 500'));
        expect(result.findings()).toContainEqual(expect.objectContaining({ rule: 'invalid-range', message: "An age of 500 is not a plausible age for segment 'Managers'." }));
    });

    it('fires on an audience size written backwards, at its upper end, and not on one from low to high', async () => {
        const audience = (size: string) => `segment Cooks { who "Home cooks" }\naudience CartAbandoners "Left a mug in the cart" {\n    of Cooks\n    behaviour "added a mug to the cart and left"\n    size ${size}\n}\n`;
        expect((await check(audience('500 to 300'))).findings().filter(f => f.rule === 'invalid-range')).toEqual([{
            rule: 'invalid-range', severity: 'error', line: 5, column: 17, endLine: 5, endColumn: 20,
            message: "The size 500 to 300 of audience 'CartAbandoners' ends before it starts: write it as 300 to 500."
        }]);
        expect((await check(audience('300 to 500'))).rules()).not.toContain('invalid-range');
        expect((await check(audience('400'))).rules()).not.toContain('invalid-range');
    });
});

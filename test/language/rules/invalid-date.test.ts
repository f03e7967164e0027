import { describe, expect, it } from 'vitest';
import { CLEAN_PLAN, check } from '../../helpers.js';

describe('invalid-date', () => {
    it('does not fire on real days, including 29 February of a leap year', async () => {
        const result = await check(CLEAN_PLAN.replace('review on 2027-07-10', 'review on 2028-02-29'));
        expect(result.rules()).not.toContain('invalid-date');
    });

    it('fires on a day the month does not have, at the date', async () => {
        const result = await check(CLEAN_PLAN.replace('from 2027-02-01 to 2027-04-30', 'from 2027-02-30 to 2027-04-30'));
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'invalid-date', severity: 'error', line: 26, column: 10, endColumn: 20,
            message: '2027-02-30 is not a real date: February 2027 has no day 30 (it has 28 days).'
        }));
    });

    it('fires on 29 February of a common year, a 13th month, and a bad deadline', async () => {
        const result = await check(CLEAN_PLAN
            .replace('review on 2027-07-10', 'review on 2027-02-29')
            .replace('targets Managers', 'targets Managers objective "o" metric m target 1 by 2027-13-01'));
        const found = result.findings().filter(f => f.rule === 'invalid-date');
        expect(found.map(f => f.message)).toEqual([
            '2027-13-01 is not a real date: month 13 does not exist (months run from 01 to 12).',
            '2027-02-29 is not a real date: February 2027 has no day 29 (it has 28 days).'
        ]);
    });
});

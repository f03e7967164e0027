import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const RULE = 'irregular-follow-up';

const HEADER = `plan CornerBakery {
    goal "Become the default caterer for downtown offices"
    currency USD
}
`;

/** A plan whose one funnel (from line 5) has these steps, one per line. */
function planWith(...steps: string[]): string {
    return `${HEADER}funnel {\n${steps.map(step => `    ${step}\n`).join('')}}\n`;
}

describe('irregular-follow-up', () => {
    it('does not fire on a follow-up with a fixed day and time', async () => {
        expect((await check(planWith('follow up weekly on tuesday at 10:00 with tips'))).rules()).not.toContain(RULE);
    });

    it('fires on a follow-up with neither day nor time, over the whole follow-up', async () => {
        const result = await check(planWith('follow up weekly with tips'));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'info', line: 6, column: 5, endLine: 6, endColumn: 31,
            message: "The follow-up sent weekly has no fixed day and time: send it on the same day, at the same hour, each time, so readers learn when to expect it and the autoresponder can queue it. Add 'on tuesday at 10:00', whatever suits your readers."
        });
    });

    it('says when only the day is missing', async () => {
        const result = await check(planWith('follow up every 2 weeks at 10:00 with tips'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toBe(
            "The follow-up sent every 2 weeks has no fixed day: send it on the same day each time, so readers learn when to expect it and the autoresponder can queue it. Add a day ('on tuesday'), whatever suits your readers."
        );
    });

    it('says when only the time is missing', async () => {
        const result = await check(planWith('follow up monthly on thursday with tips'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain("has no fixed time: send it at the same hour each time");
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain("Add an hour ('at 10:00')");
    });

    it('asks only for an hour when the follow-up goes out more than once a week (one weekday cannot say when)', async () => {
        expect((await check(planWith('follow up daily at 8:00 with tips'))).rules()).not.toContain(RULE);
        expect((await check(planWith('follow up 2 times per week at 8:00 with tips'))).rules()).not.toContain(RULE);
        const result = await check(planWith('follow up 2 times per week with tips'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain('has no fixed time');
    });

    it('asks for a day right at once a week, and not just past it', async () => {
        expect((await check(planWith('follow up every 7 days at 8:00 with tips'))).rules()).toContain(RULE);
        expect((await check(planWith('follow up every 6 days at 8:00 with tips'))).rules()).not.toContain(RULE);
    });

    it('reports each irregular follow-up of the funnel', async () => {
        const result = await check(planWith('follow up weekly on monday at 9:00 with tips', 'follow up weekly with story', 'follow up monthly at 9:00 with tips'));
        expect(result.findings().filter(f => f.rule === RULE).map(f => f.line)).toEqual([7, 8]);
    });

    it('judges a library funnel in its own file, whether or not a plan imports it', async () => {
        const files = { 'funnel.mplan': 'funnel {\n    follow up weekly with tips\n}\n', 'plan.mplan': `import "funnel.mplan"\n${HEADER}` };
        const result = await check(files);
        expect(result.findings('funnel.mplan')).toContainEqual(expect.objectContaining({ rule: RULE, line: 2, column: 5 }));
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });
});

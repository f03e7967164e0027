import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const RULE = 'funnel-unmeasured';

const HEADER = `plan CornerBakery {
    goal "Become the default caterer for downtown offices"
    currency USD
}
`;

/** A plan whose one funnel (from line 5) has these steps, one per line. */
function planWith(...steps: string[]): string {
    return `${HEADER}funnel {\n${steps.map(step => `    ${step}\n`).join('')}}\n`;
}

const CAPTURE = 'collect leads by optin form offering ebook "10 meeting menus"';
const CLOSE = 'close weekly with call to action';

describe('funnel-unmeasured', () => {
    it('fires on a funnel that collects leads with no conversion rate at all', async () => {
        const result = await check(planWith(CAPTURE, CLOSE));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'info', line: 5, column: 1, endLine: 5, endColumn: 7,
            message: "The funnel collects leads but sets no expected conversion rate: without one you cannot tell whether it works, nor which step loses people. Add the rates you expect, such as 'conversion visitors to leads 3%' and 'conversion leads to customers 5%'."
        });
    });

    it('places the finding on the name of a named funnel, and says when it only counts visitors', async () => {
        const result = await check(`${HEADER}funnel Catering {\n    visitors 4_000 per month\n}\n`);
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: RULE, line: 5, column: 8, endColumn: 16,
            message: expect.stringMatching(/^The funnel counts visitors but sets no expected conversion rate/)
        }));
    });

    it('does not fire when every stage has a rate into the next', async () => {
        const text = planWith(CAPTURE, CLOSE, 'visitors 4_000 per month', 'conversion visitors to leads 5%', 'conversion leads to customers 10%', 'conversion customers to repeat 60%');
        expect((await check(text)).rules()).not.toContain(RULE);
    });

    it('fires on a stage the funnel has but does not convert: leads collected, no rate from leads', async () => {
        const result = await check(planWith(CAPTURE, CLOSE, 'conversion visitors to leads 5%'));
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
            rule: RULE, severity: 'info', line: 8, column: 28, endLine: 8, endColumn: 33,
            message: "The funnel has leads but no rate at which they become customers: with a step unmeasured you cannot see where people drop out. Add 'conversion leads to customers 5%', with the rate you expect."
        }]);
    });

    it('fires on a visitor count with no rate out of visitors', async () => {
        const result = await check(planWith(CAPTURE, 'visitors 4_000 per month', 'conversion leads to customers 10%'));
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([expect.objectContaining({
            line: 7, column: 14,
            message: "The funnel has visitors but no rate at which they become leads: with a step unmeasured you cannot see where people drop out. Add 'conversion visitors to leads 5%', with the rate you expect."
        })]);
    });

    it('fires on a gap in the middle of the chain, using the funnel\'s own words', async () => {
        const result = await check(planWith('conversion visitors to leads 5%', 'conversion buyers to repeat 40%'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain("Add 'conversion leads to buyers 5%'");
    });

    it('accepts a rate that skips a stage the funnel does not have, or goes through stages of its own', async () => {
        expect((await check(planWith('visitors 9_000 per month', 'conversion visitors to customers 1%'))).rules()).not.toContain(RULE);
        expect((await check(planWith(CAPTURE, CLOSE, 'conversion visitors to leads 5%', 'conversion leads to trials 20%', 'conversion trials to customers 30%'))).rules()).not.toContain(RULE);
    });

    it('does not ask for a rate out of the last stage', async () => {
        expect((await check(planWith(CAPTURE, 'conversion visitors to leads 5%'))).rules()).not.toContain(RULE);
    });

    it('stays silent on a funnel with no stage to measure', async () => {
        expect((await check(planWith(CLOSE, 'follow up weekly on tuesday at 10:00 with tips'))).rules()).not.toContain(RULE);
    });

    it('judges each funnel by its own lines, in the file that declares it', async () => {
        const files = {
            'plan.mplan': `import "funnel.mplan"\n${HEADER}funnel Numbers {\n    conversion visitors to leads 5%\n}\n`,
            'funnel.mplan': `funnel {\n    ${CAPTURE}\n}\n`
        };
        const result = await check(files);
        expect(result.findings('funnel.mplan')).toContainEqual(expect.objectContaining({ rule: RULE, line: 1, column: 1 }));
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const RULE = 'follow-up-without-value';

const HEADER = `plan EbookShop {
    goal "Sell 500 copies of the sourdough e-book"
    currency USD
}
`;

/** A plan whose one funnel (from line 5) has these steps, one per line. */
function planWith(...steps: string[]): string {
    return `${HEADER}funnel {\n${steps.map(step => `    ${step}\n`).join('')}}\n`;
}

describe('follow-up-without-value', () => {
    it.each(['tips', 'newsletter, tips', 'story', 'free sample', 'link', 'guide', 'Tips'])('does not fire on a follow-up with %s', async (contents) => {
        expect((await check(planWith(`follow up weekly on sunday at 18:00 with ${contents}`))).rules()).not.toContain(RULE);
    });

    it('fires on a bare newsletter, placed on what it carries', async () => {
        const result = await check(planWith('follow up weekly on sunday at 18:00 with newsletter'));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'info', line: 6, column: 46, endLine: 6, endColumn: 56,
            message: "The follow-up sent weekly carries newsletter but nothing of value to the reader: every e-mail needs something useful (tips, a free item, a link to a new post, a good story), or people stop opening them. Add one, for example 'with tips, newsletter'."
        });
    });

    it('fires on a follow-up that only sells', async () => {
        const result = await check(planWith('follow up monthly on sunday at 18:00 with offer, welcome'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain('carries offer, welcome but nothing of value');
    });

    it('fires on a follow-up that says nothing of its content, over the whole follow-up', async () => {
        const result = await check(planWith('follow up weekly on sunday at 18:00'));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'info', line: 6, column: 5, endLine: 6, endColumn: 40,
            message: "The follow-up sent weekly does not say what it carries: every e-mail needs something of value, or people stop opening them and never see your links. Add it, for example 'with tips, story'."
        });
    });

    it('judges every follow-up, not the funnel as a whole', async () => {
        const result = await check(planWith('follow up weekly on sunday at 18:00 with tips', 'follow up monthly on monday at 9:00 with newsletter'));
        expect(result.findings().filter(f => f.rule === RULE).map(f => f.line)).toEqual([7]);
    });

    it('does not fire on a closing step, which sells by design', async () => {
        expect((await check(planWith('close weekly with call to action'))).rules()).not.toContain(RULE);
    });

    it('judges a library funnel in its own file, and not in the plan that imports it', async () => {
        const files = { 'plan.mplan': `import "funnel.mplan"\n${HEADER}`, 'funnel.mplan': 'funnel { follow up weekly on sunday at 18:00 with newsletter }\n' };
        const result = await check(files);
        expect(result.findings('funnel.mplan')).toContainEqual(expect.objectContaining({ rule: RULE, line: 1, column: 51 }));
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });
});

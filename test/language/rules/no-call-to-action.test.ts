import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';

const RULE = 'no-call-to-action';

const HEADER = `plan PhoneShop {
    goal "Sell 600 flagship phones to professionals"
    currency EUR
}
`;

/** A plan whose one funnel (from line 5) has these steps, one per line. */
function planWith(...steps: string[]): string {
    return `${HEADER}funnel {\n${steps.map(step => `    ${step}\n`).join('')}}\n`;
}

describe('no-call-to-action', () => {
    it('does not fire on a closing step with a call to action', async () => {
        expect((await check(planWith('close monthly with call to action'))).rules()).not.toContain(RULE);
        expect((await check(planWith('close with call to action'))).rules()).not.toContain(RULE);
    });

    it('fires on a closing step without a call to action', async () => {
        const result = await check(planWith('close monthly'));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'warning', line: 6, column: 5, endLine: 6, endColumn: 18,
            message: "The sales e-mails sent monthly have no call to action: a reader who is not told what to do next (buy now, see the offer) rarely goes to the sales page. Write 'close monthly with call to action'."
        });
    });

    it('fires on a bare closing step', async () => {
        const result = await check(planWith('close'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toBe(
            "The sales e-mails have no call to action: a reader who is not told what to do next (buy now, see the offer) rarely goes to the sales page. Write 'close with call to action'."
        );
    });

    it('does not fire on a funnel without closing step (that is no-closing-step\'s business)', async () => {
        expect((await check(planWith('collect leads by optin form offering ebook "Checklist"'))).rules()).not.toContain(RULE);
    });

    it('reports each closing step without one', async () => {
        const result = await check(planWith('close weekly with call to action', 'close monthly', 'close quarterly'));
        expect(result.findings().filter(f => f.rule === RULE).map(f => f.line)).toEqual([7, 8]);
    });

    it('judges a library funnel in its own file', async () => {
        const files = { 'plan.mplan': `import "funnel.mplan"\n${HEADER}`, 'funnel.mplan': 'funnel { close weekly }\n' };
        const result = await check(files);
        expect(result.findings('funnel.mplan')).toContainEqual(expect.objectContaining({ rule: RULE, line: 1, column: 10 }));
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });

    describe('quick fix', () => {
        it('adds the call to action to the closing step', async () => {
            const fixes = await fixesFor(await check(planWith('close monthly')), RULE);
            expect(fixes).toEqual([{ title: 'Add a call to action to the sales e-mails', preferred: true, result: planWith('close monthly with call to action') }]);
            const again = await check(fixes[0].result);
            expect(again.rules()).not.toContain(RULE);
            expect(again.rules()).not.toContain('syntax-error');
        });

        it('fixes the closing step it was offered on, in a library too', async () => {
            const files = { 'funnel.mplan': 'funnel { close weekly with call to action close }\n' };
            const fixes = await fixesFor(await check(files), RULE, 'funnel.mplan');
            expect(fixes.map(f => f.result)).toEqual(['funnel { close weekly with call to action close with call to action }\n']);
            const again = await check({ 'funnel.mplan': fixes[0].result });
            expect(again.rules('funnel.mplan')).not.toContain(RULE);
            expect(again.rules('funnel.mplan')).not.toContain('syntax-error');
        });
    });
});

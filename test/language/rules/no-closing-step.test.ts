import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';

const RULE = 'no-closing-step';

const HEADER = `plan QuickSourdough {
    goal "Sell 2,000 copies of the sourdough e-book"
    currency USD
}
`;

/** A plan whose one funnel (from line 5) has these steps, one per line. */
function planWith(...steps: string[]): string {
    return `${HEADER}funnel {\n${steps.map(step => `    ${step}\n`).join('')}}\n`;
}

const CAPTURE = 'collect leads by optin form offering ebook "Starter in 5 days"';

describe('no-closing-step', () => {
    it('fires on the plan name when leads are collected and nothing asks for the sale', async () => {
        const result = await check(planWith(CAPTURE, 'follow up weekly on sunday at 18:00 with tips'));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 20,
            message: "The plan collects leads (line 6) but no step asks them to buy: a list that is never sent to the sales page brings in no money. Add a closing step to the funnel ('close weekly with call to action')."
        });
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === RULE)!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([[6, 'leads are collected here']]);
    });

    it('does not fire with a closing step, even without a call to action', async () => {
        expect((await check(planWith(CAPTURE, 'close weekly'))).rules()).not.toContain(RULE);
    });

    it('does not fire when no leads are collected (no-lead-capture says so)', async () => {
        expect((await check(planWith('follow up weekly on sunday at 18:00 with tips'))).rules()).not.toContain(RULE);
        expect((await check(HEADER)).rules()).not.toContain(RULE);
    });

    it('counts leads from any capture, bought lists included', async () => {
        expect((await check(planWith('collect leads by bought list'))).rules()).toContain(RULE);
    });

    it('reads the whole plan: a closing step in an imported file counts, and a capture there needs one', async () => {
        const closed = await check({ 'plan.mplan': `import "sales.mplan"\n${planWith(CAPTURE)}`, 'sales.mplan': 'funnel Sales { close weekly with call to action }\n' });
        expect(closed.rules('plan.mplan')).not.toContain(RULE);
        const open = await check({ 'plan.mplan': `import "leads.mplan"\n${HEADER}`, 'leads.mplan': `funnel {\n    ${CAPTURE}\n}\n` });
        expect(open.findings('plan.mplan').find(f => f.rule === RULE)?.message).toContain('The plan collects leads (leads.mplan:2)');
        expect(open.rules('leads.mplan')).not.toContain(RULE);
    });

    describe('quick fix', () => {
        it('adds a weekly closing step to the funnel that collects leads', async () => {
            const text = planWith(CAPTURE);
            const fixes = await fixesFor(await check(text), RULE);
            expect(fixes).toEqual([{ title: 'Add a weekly sales e-mail with a call to action (check that you will send it)', preferred: false, result: planWith('close weekly with call to action', CAPTURE) }]);
            const again = await check(fixes[0].result);
            expect(again.rules()).not.toContain(RULE);
            expect(again.rules()).not.toContain('syntax-error');
        });

        it('appends a funnel when the leads are collected in an imported file', async () => {
            const files = { 'plan.mplan': `import "leads.mplan"\n${HEADER}`, 'leads.mplan': `funnel {\n    ${CAPTURE}\n}\n` };
            const fixes = await fixesFor(await check(files), RULE);
            expect(fixes.map(f => f.result)).toEqual([`import "leads.mplan"\n${HEADER}\nfunnel {\n    close weekly with call to action\n}\n`]);
            const again = await check({ ...files, 'plan.mplan': fixes[0].result });
            expect(again.rules('plan.mplan')).not.toContain(RULE);
            expect(again.rules('plan.mplan')).not.toContain('syntax-error');
        });
    });
});

import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';

const ID = 'no-contingency';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
segment Managers {
    who "Office managers"
}
`;

describe(ID, () => {
    it('fires, as advice, on the plan name when the plan sets no revisit cadence', async () => {
        const result = await check(PLAN);
        expect(result.findings().filter(f => f.rule === ID)).toEqual([{
            rule: ID, severity: 'info', line: 1, column: 6, endLine: 1, endColumn: 12,
            message: "Plan 'Bakery' never says when it will be looked at again: a plan must stay flexible enough to change when the market or your circumstances do. Add 'revisit every quarter' (or the cadence that suits you) to the plan block."
        }]);
    });

    it('does not fire when the plan is revisited, whatever the cadence', async () => {
        for (const cadence of ['monthly', 'every quarter', 'every 6 months', '2 times per year']) {
            const result = await check(PLAN.replace('    currency USD\n', `    currency USD\n    revisit ${cadence}\n`));
            expect(result.rules(), cadence).not.toContain(ID);
        }
    });

    it('does not fire on a library, which has no plan block of its own', async () => {
        const result = await check({ 'plan.mplan': 'import "market.mplan"\n' + PLAN.replace('    currency USD\n', '    currency USD\n    revisit monthly\n'), 'market.mplan': 'segment Chefs { who "Chefs" }\n' });
        expect(result.rules('market.mplan')).not.toContain(ID);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });

    it('quick fix: revisits the plan every quarter', async () => {
        const [fix, ...more] = await fixesFor(await check(PLAN), ID);
        expect(more).toEqual([]);
        expect(fix).toMatchObject({ title: "Add 'revisit every quarter' to the plan (or the cadence that suits you)", preferred: false });
        expect(fix.result).toBe(PLAN.replace('plan Bakery {\n', 'plan Bakery {\n    revisit every quarter\n'));
        const after = await check(fix.result);
        expect(after.rules()).not.toContain(ID);
        expect(after.rules()).not.toContain('syntax-error');
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';
import { STRATEGY_PLAN as PLAN } from './strategy-plan.js';


describe('strategy-without-statement', () => {
    it('does not fire on a strategy with a statement', async () => {
        expect((await check(PLAN)).rules()).not.toContain('strategy-without-statement');
    });

    it('fires on the strategy name when it has no statement', async () => {
        const result = await check(PLAN.replace('    statement "Own office catering"\n', ''));
        expect(result.findings()).toContainEqual({
            rule: 'strategy-without-statement', severity: 'warning', line: 8, column: 10, endLine: 8, endColumn: 16,
            message: "Strategy 'Office' has no statement of what it aims at, so there is nothing to choose its tactics by. Add 'statement \"…\"' saying which customers it goes after for which business (e.g. \"Win local offices as catering customers\")."
        });
    });

    it('fires on an empty statement, placed on the statement', async () => {
        const result = await check(PLAN.replace('"Own office catering"', '"   "'));
        expect(result.findings()).toContainEqual({
            rule: 'strategy-without-statement', severity: 'warning', line: 9, column: 15, endLine: 9, endColumn: 20,
            message: "Strategy 'Office' has an empty statement, so there is nothing to choose its tactics by. Say which customers it goes after for which business."
        });
    });

    it('does not take a message or an objective for a statement', async () => {
        const text = PLAN.replace('    statement "Own office catering"\n', '    message "Fresh pastries for your 9 o\'clock"\n    objective "More orders" metric orders target 40 by 2027-06-30\n');
        expect((await check(text)).rules()).toContain('strategy-without-statement');
    });

    it('fires in a library too, where the strategy is written, and not in the plan that imports it', async () => {
        const files = {
            'plan.mplan': 'import "strategies.mplan"\nplan Bakery { goal "Be the caterer of downtown offices" }\ntactic Ads { serves Office channel ppc }\n',
            'strategies.mplan': 'strategy Online { statement "Sell boxes online" }\nstrategy Office { }\n'
        };
        const result = await check(files);
        const found = result.findings('strategies.mplan').filter(f => f.rule === 'strategy-without-statement');
        expect(found).toEqual([expect.objectContaining({ line: 2, column: 10, message: expect.stringContaining("Strategy 'Office'") })]);
        expect(result.rules('plan.mplan')).not.toContain('strategy-without-statement');
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';
import { STRATEGY_PLAN as PLAN } from './strategy-plan.js';


const UNSERVED = PLAN.replace('    serves Office\n', '');

describe('strategy-without-tactics', () => {
    it('does not fire on a strategy that a tactic serves', async () => {
        expect((await check(PLAN)).rules()).not.toContain('strategy-without-tactics');
    });

    it('fires on the strategy name when no tactic serves it', async () => {
        const result = await check(UNSERVED);
        expect(result.findings()).toContainEqual({
            rule: 'strategy-without-tactics', severity: 'warning', line: 8, column: 10, endLine: 8, endColumn: 16,
            message: "Strategy 'Office' has no tactic serving it, so nothing in the plan carries it out. Add the steps that do (an ad, a post, a mailing) as tactics with 'serves Office'."
        });
    });

    it('fires on each unserved strategy and only on those', async () => {
        const result = await check(PLAN + 'strategy Online { statement "Sell boxes online" targets Managers }\n');
        const found = result.findings().filter(f => f.rule === 'strategy-without-tactics');
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ line: 16, message: expect.stringContaining("Strategy 'Online'") });
    });

    it('counts a tactic that serves several strategies for each of them', async () => {
        const text = PLAN.replace('serves Office', 'serves Office, Online') + 'strategy Online { statement "Sell boxes online" targets Managers }\n';
        expect((await check(text)).rules()).not.toContain('strategy-without-tactics');
    });

    it('reports a strategy whose only tactic names it wrongly (the misspelling is reported too)', async () => {
        const result = await check(PLAN.replace('serves Office', 'serves Ofice'));
        expect(result.rules()).toContain('unresolved-reference');
        expect(result.rules()).toContain('strategy-without-tactics');
    });

    it('does not fire on a library strategy that a tactic of the importing plan serves', async () => {
        const strategies = 'segment Managers { who "Office managers" }\nstrategy Office { statement "Own office catering" targets Managers }\n';
        const plan = 'import "strategies.mplan"\nplan Bakery { goal "Be the caterer of downtown offices" }\ntactic Ads { serves Office channel ppc }\n';
        const result = await check({ 'strategies.mplan': strategies, 'plan.mplan': plan });
        expect(result.rules('strategies.mplan')).not.toContain('strategy-without-tactics');
        expect(result.rules('plan.mplan')).not.toContain('strategy-without-tactics');
    });

    it('does not fire when the serving tactic is in a second library of the same plan', async () => {
        const files = {
            'strategies.mplan': 'strategy Office { statement "Own office catering" }\n',
            'tactics.mplan': 'import "strategies.mplan"\ntactic Ads { serves Office channel ppc }\n',
            'plan.mplan': 'import "strategies.mplan"\nimport "tactics.mplan"\nplan Bakery { goal "Be the caterer of downtown offices" }\n'
        };
        const result = await check(files);
        expect(result.rules('strategies.mplan')).not.toContain('strategy-without-tactics');
    });

    it('fires in the library, where the strategy is written, when the plan has no tactic for it', async () => {
        const strategies = 'strategy Office { statement "Own office catering" }\n';
        const plan = 'import "strategies.mplan"\nplan Bakery { goal "Be the caterer of downtown offices" }\n';
        const result = await check({ 'strategies.mplan': strategies, 'plan.mplan': plan });
        expect(result.findings('strategies.mplan')).toContainEqual(expect.objectContaining({ rule: 'strategy-without-tactics', line: 1, column: 10 }));
        expect(result.rules('plan.mplan')).not.toContain('strategy-without-tactics');
    });

    it('judges a library that no plan imports by what it sees itself', async () => {
        const result = await check('strategy Office { statement "Own office catering" }\n');
        expect(result.rules()).toContain('strategy-without-tactics');
    });
});

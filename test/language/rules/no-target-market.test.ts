import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const ID = 'no-target-market';

const HEADER = `plan PhoneShop {
    goal "Sell flagship phones to professionals"
    currency EUR
}
`;

const SEGMENT = `segment Professionals {
    who "Managers who live on their phone"
    decides
    age 30 to 55
    income 80_000 to 200_000 EUR per year
    from "Financial district"
}
`;

const STRATEGY = `strategy ProfessionalsFirst {
    statement "Win busy professionals"
}
`;

describe(ID, () => {
    it('fires on the plan name when the plan names no segment', async () => {
        const result = await check(HEADER + STRATEGY);
        expect(result.findings().filter(f => f.rule === ID)).toEqual([{
            rule: ID, severity: 'error', line: 1, column: 6, endLine: 1, endColumn: 15,
            message: `The plan names no customer segment, so nothing in it says who will buy. Add a segment saying who they are, where they come from, what they can spend and their age group ('segment Name { who "…" from "…" income … age … }').`
        }]);
    });

    it('fires on an empty plan', async () => {
        expect((await check('plan Empty { }\n')).rules()).toContain(ID);
    });

    it('does not fire when the plan file declares a segment', async () => {
        expect((await check(HEADER + SEGMENT + STRATEGY)).rules()).not.toContain(ID);
    });

    it('does not fire when even a bare segment is declared (its gaps are segment-incomplete\'s)', async () => {
        const result = await check(HEADER + 'segment Anyone { }\n');
        expect(result.rules()).not.toContain(ID);
    });

    it('does not fire when the segment is in an imported library, or one imported by a library', async () => {
        const direct = await check({ 'plan.mplan': 'import "market.mplan"\n' + HEADER, 'market.mplan': SEGMENT });
        expect(direct.rules()).not.toContain(ID);
        const transitive = await check({
            'plan.mplan': 'import "shared/offer.mplan"\n' + HEADER,
            'shared/offer.mplan': 'import "market.mplan"\noffer { payments card, paypal }\n',
            'shared/market.mplan': SEGMENT
        });
        expect(transitive.rules()).not.toContain(ID);
    });

    it('fires when the only segment is in a file the plan does not import', async () => {
        const result = await check({ 'plan.mplan': HEADER + STRATEGY, 'market.mplan': SEGMENT });
        expect(result.findings().filter(f => f.rule === ID).map(f => f.line)).toEqual([1]);
        expect(result.rules('market.mplan')).not.toContain(ID);
    });

    it('does not fire on a library, which is judged only as part of a plan', async () => {
        const result = await check({ 'plan.mplan': 'import "strategy.mplan"\n' + HEADER, 'strategy.mplan': STRATEGY });
        expect(result.rules('strategy.mplan')).not.toContain(ID);
        expect(result.findings('plan.mplan').filter(f => f.rule === ID).map(f => f.line)).toEqual([2]);
        expect((await check(STRATEGY)).rules()).not.toContain(ID);
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const RULE = 'funnel-unprofitable';

const PLAN = `plan CornerBakery {
    goal "Become the default caterer for downtown offices"
    currency USD
    focus CateringBox
}
product CateringBox {
    price 49 USD
    benefit "Baked the same morning"
}
campaign SpringLaunch {
    budget 10_000 USD
    from 2027-02-01 to 2027-06-30
}
funnel {
    visitors 4_000 per month
    conversion visitors to leads 5%
    conversion leads to customers 10%
}
`;

const MESSAGE = '4,000 visitors a month × 5% × 10% = 20 customers × 49 USD (CateringBox) = 980 USD a month, against 10,000 USD of campaign spend over 5 months (2,000 USD a month): the customers this funnel brings in do not pay for the marketing. Raise a conversion rate or the price, sell more to each customer, or spend less.';

/** The plan above with some of its text replaced. */
function planWith(...replacements: Array<[string, string]>): string {
    let text = PLAN;
    for (const [from, to] of replacements) {
        if (!text.includes(from)) throw new Error(`no '${from}' in the plan`);
        text = text.replace(from, to);
    }
    return text;
}

async function messageOf(text: string | Record<string, string>, file?: string): Promise<string | undefined> {
    return (await check(text)).findings(file).find(f => f.rule === RULE)?.message;
}

describe('funnel-unprofitable', () => {
    it('fires on the visitor count when the customers bring in less than the campaign costs, showing the arithmetic', async () => {
        const result = await check(PLAN);
        expect(result.findings()).toContainEqual({ rule: RULE, severity: 'warning', line: 15, column: 14, endLine: 15, endColumn: 19, message: MESSAGE });
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === RULE)!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([
            [6, 'the price a customer brings in: 49 USD'],
            [10, 'counted in the campaign spend']
        ]);
    });

    it('does not fire when revenue exactly covers the spend, and fires one cent under it', async () => {
        expect((await check(planWith(['price 49 USD', 'price 100 USD']))).rules()).not.toContain(RULE);
        expect(await messageOf(planWith(['price 49 USD', 'price 99.99 USD']))).toContain('= 20 customers × 99.99 USD (CateringBox) = 1,999.80 USD a month, against 10,000 USD');
    });

    it('does not fire on a profitable funnel', async () => {
        expect((await check(planWith(['visitors 4_000', 'visitors 40_000']))).rules()).not.toContain(RULE);
    });

    it.each([
        ['no visitor count', ['    visitors 4_000 per month\n', '']],
        ['visitors with no period', ['visitors 4_000 per month', 'visitors 4_000']],
        ['no rate from leads to customers', ['    conversion leads to customers 10%\n', '']],
        ['no price', ['    price 49 USD\n', '']],
        ['a price in another currency', ['price 49 USD', 'price 49 EUR']],
        ['a budget in another currency', ['budget 10_000 USD', 'budget 10_000 EUR']],
        ['a campaign with no period', ['    from 2027-02-01 to 2027-06-30\n', '']],
        ['a campaign whose period ends before it starts', ['from 2027-02-01 to 2027-06-30', 'from 2027-06-30 to 2027-02-01']],
        ['no spend at all', ['    budget 10_000 USD\n', '']]
    ] as Array<[string, [string, string]]>)('stays silent with %s', async (_, replacement) => {
        expect((await check(planWith(replacement))).rules()).not.toContain(RULE);
    });

    it('follows the chain of rates through stages of the funnel\'s own, and a direct rate', async () => {
        const chain = planWith(['conversion leads to customers 10%', 'conversion leads to trials 20%\n    conversion trials to buyers 50%']);
        expect(await messageOf(chain)).toMatch(/^4,000 visitors a month × 5% × 20% × 50% = 20 customers/);
        const direct = planWith(['    conversion visitors to leads 5%\n    conversion leads to customers 10%\n', '    conversion visitors to customers 0.5%\n']);
        expect(await messageOf(direct)).toMatch(/^4,000 visitors a month × 0.5% = 20 customers/);
    });

    it('matches the spend to the period the visitors are counted in', async () => {
        const weekly = planWith(['visitors 4_000 per month', 'visitors 1_000 per week']);
        expect(await messageOf(weekly)).toBe(
            '1,000 visitors a week × 5% × 10% = 5 customers × 49 USD (CateringBox) = 245 USD a week, against 10,000 USD of campaign spend over 21.4 weeks (466.67 USD a week): the customers this funnel brings in do not pay for the marketing. Raise a conversion rate or the price, sell more to each customer, or spend less.'
        );
    });

    it('speaks of one month in the singular', async () => {
        const month = planWith(['from 2027-02-01 to 2027-06-30', 'from 2027-02-01 to 2027-03-02'], ['budget 10_000 USD', 'budget 1_000 USD']);
        expect(await messageOf(month)).toContain('against 1,000 USD of campaign spend over 1 month (1,000 USD a month)');
    });

    it('counts the tactics a campaign runs when the campaign has no budget, and the tactics alone when there is no campaign', async () => {
        const tactic = 'tactic Ads {\n    channel ppc on linkedin\n    budget 6_000 USD\n    from 2027-02-01 to 2027-06-30\n}\n';
        const viaCampaign = planWith(['    budget 10_000 USD\n', '    runs Ads\n']) + tactic;
        expect(await messageOf(viaCampaign)).toContain('against 6,000 USD of campaign spend over 5 months (1,200 USD a month)');
        const noCampaign = planWith(['campaign SpringLaunch {\n    budget 10_000 USD\n    from 2027-02-01 to 2027-06-30\n}\n', '']) + tactic;
        expect(await messageOf(noCampaign)).toContain('against 6,000 USD of tactic budgets over 5 months (1,200 USD a month)');
    });

    it('spreads the spend of several campaigns over the days from the first start to the last end', async () => {
        const second = 'campaign Autumn {\n    budget 2_000 USD\n    from 2027-07-01 to 2027-07-30\n}\n';
        expect(await messageOf(PLAN + second)).toContain('against 12,000 USD of campaign spend over 6 months (2,000 USD a month)');
    });

    describe('the product a customer buys', () => {
        const platter = 'product PastryPlatter {\n    price 29 USD\n    benefit "Quick"\n}\n';

        it('is the plan\'s focus product', async () => {
            expect(await messageOf(planWith(['focus CateringBox', 'focus PastryPlatter']) + platter)).toContain('× 29 USD (PastryPlatter)');
        });

        it('is the only product when the plan has no focus', async () => {
            expect(await messageOf(planWith(['    focus CateringBox\n', '']))).toContain('× 49 USD (CateringBox)');
        });

        it('is the first product an upsell starts from when there are several and no focus', async () => {
            const text = planWith(['    focus CateringBox\n', ''], ['funnel {\n', 'funnel {\n    upsell PastryPlatter to CateringBox\n']) + platter;
            expect(await messageOf(text)).toContain('× 29 USD (PastryPlatter)');
        });

        it('is unknown with several products, no focus and no upsell: silent', async () => {
            expect((await check(planWith(['    focus CateringBox\n', '']) + platter)).rules()).not.toContain(RULE);
        });
    });

    it('judges a library funnel in the context of the plan that imports it, and reports it there', async () => {
        const funnel = 'funnel {\n    visitors 4_000 per month\n    conversion visitors to leads 5%\n    conversion leads to customers 10%\n}\n';
        const files = {
            'plan.mplan': `import "shared/funnel.mplan"\n${planWith([funnel, ''])}`,
            'shared/funnel.mplan': funnel
        };
        const result = await check(files);
        expect(result.rules('plan.mplan')).not.toContain(RULE);
        expect(result.findings('shared/funnel.mplan')).toContainEqual(expect.objectContaining({ rule: RULE, line: 2, column: 14, message: MESSAGE }));
    });

    it('stays silent on a library that no plan imports, or that two plans share', async () => {
        const funnel = 'funnel {\n    visitors 4_000 per month\n    conversion visitors to leads 5%\n    conversion leads to customers 10%\n}\n';
        expect((await check({ 'funnel.mplan': funnel })).rules('funnel.mplan')).not.toContain(RULE);
        const body = planWith([funnel, '']);
        const shared = await check({
            'funnel.mplan': funnel,
            'a.mplan': `import "funnel.mplan"\n${body}`,
            'b.mplan': `import "funnel.mplan"\n${body.replace('CornerBakery', 'OtherBakery')}`
        });
        expect(shared.rules('funnel.mplan')).not.toContain(RULE);
    });
});

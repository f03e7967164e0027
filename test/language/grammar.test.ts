import { describe, expect, it } from 'vitest';
import type { Campaign, Offer, Segment } from '../../src/language/generated/ast.js';
import { collectKeywords } from '../../src/language/syntax/token-builder.js';
import { check, services } from '../helpers.js';

describe('the grammar', () => {
    it('lets every keyword stand as a free word (a metric, a department, a platform)', async () => {
        const keywords = new Set<string>();
        for (const rule of services.Mplan.Grammar.rules) collectKeywords(rule, keywords);
        expect(keywords.size).toBeGreaterThan(100);
        const words = [...keywords].join(', ');
        const result = await check(`campaign C {\n    track ${words}\n    staff Ann from ${words}\n}\nsegment S { habits { tools ${words} } }\n`);
        expect(result.rules()).not.toContain('syntax-error');
        const campaign = result.documents.get('plan.mplan')!.parseResult.value.elements[0] as Campaign;
        expect(campaign.tracks).toEqual([...keywords]);
        expect(campaign.departments).toEqual([...keywords]);
    });

    it('keeps keywords out of block names, where they would be ambiguous', async () => {
        const result = await check('segment email { who "x" }\n');
        expect(result.rules()).toEqual(['syntax-error']);
    });

    it('reads money with digit grouping, dates and percentages into values', async () => {
        const result = await check(`campaign C {
    budget 12_500.50 USD
    staff Ann 50%, Raj from marketing
    from 2027-02-01 to 2027-06-30
    results { sales 340 "orders"  satisfaction 92% }
}
segment S { income 45_000 to 90_000 EUR per year  habits { online weekdays 9:00 to 17:30 } }
offer { guarantee money back 30 days claim "Reply" refunds "All" paid within 3 days condition "Unopened" }
`);
        expect(result.rules()).not.toContain('syntax-error');
        const [campaign, segment, offer] = result.documents.get('plan.mplan')!.parseResult.value.elements as [Campaign, Segment, Offer];
        expect(campaign.budget).toMatchObject({ amount: 12500.5, currency: 'USD' });
        expect(campaign.staff.map(s => [s.person, s.allocation])).toEqual([['Ann', 50], ['Raj', undefined]]);
        expect(campaign.departments).toEqual(['marketing']);
        expect(campaign.period).toMatchObject({ start: '2027-02-01', end: '2027-06-30' });
        expect(campaign.results.map(r => [r.metric, r.value, r.percent])).toEqual([['sales', 340, false], ['satisfaction', 92, true]]);
        expect(segment.income).toMatchObject({ min: 45000, max: 90000, currency: 'EUR' });
        expect(segment.habits?.online[0]).toMatchObject({ days: 'weekdays', start: '9:00', end: '17:30' });
        expect(offer.guarantee).toMatchObject({ moneyBack: true, term: { amount: 30, unit: 'days' }, claim: 'Reply', refunds: 'All', payout: { amount: 3, unit: 'days' }, conditions: ['Unopened'] });
    });

    it('reads cadences the way a marketer writes them', async () => {
        const result = await check(`funnel {
    follow up weekly on tuesday at 10:00 with tips, newsletter
    follow up every 2 weeks
    follow up 3 times per week
    close every month with call to action
}
plan P { revisit every quarter }
`);
        expect(result.rules()).not.toContain('syntax-error');
    });

    it('keeps parsing after an error, so later blocks are still judged', async () => {
        const result = await check('segment {\n}\ntactic Loose { channel seo }\n');
        expect(result.rules()).toEqual(['syntax-error', 'tactic-without-strategy']);
    });

    it('never fails on text with thousands of errors in a row: it stops at the first one', async () => {
        // Chevrotain's recovery re-enters itself once per recovered error: this overflowed the stack.
        const result = await check('plan P { } } '.repeat(2000));
        const syntax = result.findings().filter(f => f.rule === 'syntax-error');
        expect(syntax).toEqual([expect.objectContaining({ line: 1, column: 12, message: expect.stringMatching(/^Unexpected '\}'/) })]);
    });
});

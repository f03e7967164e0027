import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS, type Thresholds } from '../../../src/language/config/settings.js';
import { delayOf } from '../../../src/language/rules/weak-guarantee.js';
import { check, services } from '../../helpers.js';

const RULE = 'weak-guarantee';

const HEADER = `plan EbookShop {
    goal "Sell 500 copies of the sourdough e-book"
    currency EUR
}
`;

/** A plan whose one offer has this guarantee; the guarantee keyword is on line 6, column 5. */
function planWith(guarantee: string): string {
    return `${HEADER}offer {\n    ${guarantee}\n}\n`;
}

/** A guarantee with every term disclosed, paid back fast: the rule stays silent on it. */
const DISCLOSED = 'claim "Reply to your receipt e-mail" refunds "The full price" paid within 3 days';

function setThresholds(thresholds: Partial<Thresholds>): void {
    services.Mplan.config.SettingsProvider.set({ ...DEFAULT_SETTINGS, thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds } });
}

function findingsOf(result: Awaited<ReturnType<typeof check>>, file?: string) {
    return result.findings(file).filter(f => f.rule === RULE);
}

describe('weak-guarantee', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(DEFAULT_SETTINGS));

    it('does not fire on a guarantee that says how to claim it, what is refunded and pays back within days', async () => {
        const result = await check(planWith(`guarantee money back 30 days ${DISCLOSED}`));
        expect(result.rules()).not.toContain(RULE);
    });

    it('fires on the guarantee keyword when the guarantee does not say how to claim it or what is refunded', async () => {
        const result = await check(planWith('guarantee money back 30 days'));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'warning', line: 6, column: 5, endLine: 6, endColumn: 14,
            message: "The money-back guarantee is weak: it does not say how to claim it (add 'claim') and it does not say what is refunded (add 'refunds'). Buyers trust a guarantee whose terms they can read and that gives their money back at once."
        });
    });

    it('takes an empty claim or refunds text as undisclosed', async () => {
        const result = await check(planWith('guarantee money back 30 days claim "" refunds "The full price"'));
        expect(findingsOf(result).map(f => f.message)).toEqual([expect.stringContaining("it does not say how to claim it (add 'claim'). Buyers")]);
    });

    it('reads the guarantee terms written over several lines', async () => {
        const text = `${HEADER}offer {\n    guarantee money back 30 days\n        claim "Reply to your receipt e-mail"\n        refunds "The full price"\n        paid within 2 days\n    payments card, paypal\n}\n`;
        expect((await check(text)).rules()).not.toContain(RULE);
    });

    describe('the term, against minGuaranteeDays (default 14)', () => {
        it.each(['14 days', '2 weeks', '1 month', '1 year'])('does not fire on a term of %s', async term => {
            expect((await check(planWith(`guarantee money back ${term} ${DISCLOSED}`))).rules()).not.toContain(RULE);
        });

        it('fires one day under the minimum, giving the term as written and the minimum', async () => {
            const result = await check(planWith(`guarantee money back 13 days ${DISCLOSED}`));
            expect(findingsOf(result)).toEqual([expect.objectContaining({
                line: 6, column: 5,
                message: 'The money-back guarantee is weak: it lasts only 13 days (make it at least 14 days). Buyers trust a guarantee whose terms they can read and that gives their money back at once.'
            })]);
        });

        it('fires on a term of one week', async () => {
            const result = await check(planWith(`guarantee money back 1 week ${DISCLOSED}`));
            expect(findingsOf(result)[0]?.message).toContain('it lasts only 1 week (make it at least 14 days)');
        });

        it('follows the configured minimum, at the limit and one day under it', async () => {
            setThresholds({ minGuaranteeDays: 30 });
            expect((await check(planWith(`guarantee money back 30 days ${DISCLOSED}`))).rules()).not.toContain(RULE);
            const result = await check(planWith(`guarantee money back 29 days ${DISCLOSED}`));
            expect(findingsOf(result)[0]?.message).toContain('it lasts only 29 days (make it at least 30 days)');
        });

        it('never judges the term when the minimum is 0', async () => {
            setThresholds({ minGuaranteeDays: 0 });
            expect((await check(planWith(`guarantee money back 1 day ${DISCLOSED}`))).rules()).not.toContain(RULE);
        });

        it('does not guess a term that is not written', async () => {
            const text = planWith('guarantee money back claim "Reply to your receipt" refunds "The full price"');
            expect((await check(text)).rules()).not.toContain(RULE);
        });
    });

    describe('the payout delay (at most a week)', () => {
        it.each(['7 days', '1 week', '1 day'])('does not fire when the money is paid within %s', async payout => {
            const text = planWith(`guarantee money back 30 days claim "Reply" refunds "The full price" paid within ${payout}`);
            expect((await check(text)).rules()).not.toContain(RULE);
        });

        it.each([['8 days'], ['2 weeks'], ['1 month']])('fires when the money is paid only within %s', async payout => {
            const text = planWith(`guarantee money back 30 days claim "Reply" refunds "The full price" paid within ${payout}`);
            expect(findingsOf(await check(text))[0]?.message).toContain(`the money comes back only within ${payout} (pay it within a week at most)`);
        });
    });

    describe('conditions', () => {
        it('fires on a condition that makes the buyer send the goods back first', async () => {
            const result = await check(planWith(`guarantee money back 30 days ${DISCLOSED} condition "Return the unopened box first"`));
            expect(findingsOf(result)[0]?.message).toContain('the condition "Return the unopened box first" makes the buyer send the goods back before being refunded (drop it or refund first)');
        });

        it.each([
            ['an inspection', 'Refund after inspection of the phone', 'makes the buyer wait for the seller to check the claim'],
            ['the goods arriving back', 'Refund once we have received the phone', 'makes the buyer wait until the goods are back with the seller'],
            ['a waiting period', 'Refunds are paid after 30 days', 'makes the buyer wait before being refunded']
        ])('fires on a condition that makes the buyer wait for %s', async (_, condition, effect) => {
            const result = await check(planWith(`guarantee money back 30 days ${DISCLOSED} condition "${condition}"`));
            expect(findingsOf(result)[0]?.message).toContain(`the condition "${condition}" ${effect}`);
        });

        it.each(['No need to return the book', 'Return not required', 'Unopened boxes only', 'Claims accepted up to 30 days after delivery', 'No waiting, no questions asked'])(
            'does not fire on the condition "%s"', async condition => {
                const text = planWith(`guarantee money back 30 days ${DISCLOSED} condition "${condition}"`);
                expect((await check(text)).rules()).not.toContain(RULE);
            });

        it.each([
            'Complete all modules before asking for a refund',
            'Submit your homework for every week',
            'Show you used it for 30 days',
            'Attend every live session',
            'Keep a food diary for 8 weeks',
            'Send us your before and after photos'
        ])('fires on the condition "%s", which makes the buyer prove use or effort first', async condition => {
            const result = await check(planWith(`guarantee money back 60 days ${DISCLOSED} condition "${condition}"`));
            expect(findingsOf(result)).toEqual([expect.objectContaining({
                line: 6, column: 5,
                message: `The money-back guarantee is weak: the condition "${condition}" makes the buyer prove use or effort before being refunded (drop it: a guarantee the buyer must earn is one few can claim). Buyers trust a guarantee whose terms they can read and that gives their money back at once.`
            })]);
        });

        it.each([
            'No homework needed',
            'You do not have to complete all modules',
            'Homework optional',
            'Keep your receipt',
            'Provide proof of purchase',
            'Refund even if you never open the course'
        ])('does not fire on the condition "%s", which asks no proof of use or effort', async condition => {
            const text = planWith(`guarantee money back 60 days ${DISCLOSED} condition "${condition}"`);
            expect((await check(text)).rules()).not.toContain(RULE);
        });

        it('tells delaying conditions from the others', () => {
            expect(delayOf('Ship it back at your cost')).toBeDefined();
            expect(delayOf('Subject to manager approval')).toBeDefined();
            expect(delayOf('Refund without returning the box')).toBeUndefined();
            expect(delayOf('We give the money back at once')).toBeUndefined();
            expect(delayOf('Refund once we receive your claim')).toBeUndefined();
        });
    });

    it('lists every weakness of a guarantee in one finding', async () => {
        const result = await check(planWith('guarantee money back 7 days paid within 30 days condition "Send the book back first" condition "Keep your receipt"'));
        const found = findingsOf(result);
        expect(found).toHaveLength(1);
        expect(found[0].message).toBe(
            "The money-back guarantee is weak: it does not say how to claim it (add 'claim'), it does not say what is refunded (add 'refunds'), "
            + 'the money comes back only within 30 days (pay it within a week at most), the condition "Send the book back first" makes the buyer send the goods back before being refunded (drop it or refund first) '
            + 'and it lasts only 7 days (make it at least 14 days). Buyers trust a guarantee whose terms they can read and that gives their money back at once.'
        );
    });

    it('reports each weak guarantee of the file once', async () => {
        const text = `${HEADER}offer Ebook {\n    guarantee money back 30 days\n}\noffer Course {\n    guarantee money back 10 days ${DISCLOSED}\n}\n`;
        expect(findingsOf(await check(text)).map(f => f.line)).toEqual([6, 9]);
    });

    it('leaves a guarantee that does not give the money back to missing-guarantee', async () => {
        const result = await check(planWith('guarantee "Store credit" 3 days'));
        expect(result.rules()).not.toContain(RULE);
    });

    it('judges a guarantee in the library file that declares it, not in the plan importing it', async () => {
        const result = await check({
            'plan.mplan': `import "offer.mplan"\n${HEADER}`,
            'offer.mplan': 'offer {\n    guarantee money back 10 days\n}\n'
        });
        expect(result.rules('plan.mplan')).not.toContain(RULE);
        expect(findingsOf(result, 'offer.mplan')).toEqual([expect.objectContaining({ line: 2, column: 5, severity: 'warning' })]);
        expect(findingsOf(result, 'offer.mplan')[0].message).toContain('it lasts only 10 days');
    });

    it('judges a library nobody imports too', async () => {
        const result = await check('offer { guarantee money back 30 days refunds "The full price" }\n');
        expect(findingsOf(result)).toEqual([expect.objectContaining({ line: 1, column: 9, message: expect.stringContaining("it does not say how to claim it (add 'claim'). Buyers") })]);
    });
});

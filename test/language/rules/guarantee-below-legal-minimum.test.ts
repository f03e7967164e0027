import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/language/config/settings.js';
import { check, services, TEST_SETTINGS } from '../../helpers.js';

const RULE = 'guarantee-below-legal-minimum';

const FR = 'market FR "France" { country FR  language fr  currency EUR }';
const UK = 'market UK "United Kingdom" { country UK  language en  currency GBP }';
const US = 'market US "United States" { country US  language en  currency USD }';
const JP = 'market JP "Japan" { country JP  language ja  currency JPY }';

/** An online yoga course; the guarantee is on line 11. */
function plan(markets: string, term: string, more = ''): string {
    return `plan FlowYoga "Flow Yoga online" {
    goal "Enrol 300 students in the 8-week course"
    currency EUR
}
${markets}
product Course "8-week yoga course" {
    price 149 EUR
    benefit "Twenty-minute sessions you can do before work"
}
offer Enrolment {
    guarantee money back ${term} claim "Reply to the welcome e-mail" refunds "The full course fee" paid within 3 days
    payments card, paypal
${more}}
`;
}

function judgeBy(settings: Partial<Settings>): void {
    services.Mplan.config.SettingsProvider.set({ ...TEST_SETTINGS, ...settings });
}

async function found(text: string) {
    return (await check(text)).findings().filter(f => f.rule === RULE);
}

describe('guarantee-below-legal-minimum', () => {
    afterEach(() => services.Mplan.config.SettingsProvider.set(TEST_SETTINGS));

    it('fires on the term of a 7-day money-back guarantee, in an EU market', async () => {
        expect(await found(plan(FR, '7 days'))).toEqual([{
            rule: RULE, severity: 'warning', line: 11, column: 26, endLine: 11, endColumn: 32,
            message: "The money-back guarantee of offer 'Enrolment' lasts 7 days, less than the 14 days in which a buyer online may withdraw from the purchase anyway, without giving a reason: market FR (Consumer Rights Directive 2011/83/EU, art. 9(1)). A guarantee shorter than that right promises nothing and reads as if it cut the right short. Make it 14 days or longer ('guarantee money back 30 days')."
        }]);
    });

    it('fires in a UK market, citing the Consumer Contracts Regulations', async () => {
        const [finding] = await found(plan(UK, '1 week'));
        expect(finding.message).toContain('lasts 1 week, less than the 14 days');
        expect(finding.message).toContain('market UK (Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013, reg. 30)');
    });

    it.each(['14 days', '2 weeks', '30 days', '1 month'])('does not fire on a guarantee of %s', async term => {
        expect(await found(plan(FR, term))).toEqual([]);
    });

    it('does not judge a guarantee with no term, nor one that is not money back', async () => {
        expect(await found(plan(FR, '').replace('money back  claim', 'money back claim'))).toEqual([]);
        expect(await found(plan(FR, '7 days').replace('guarantee money back 7 days', 'guarantee "Store credit" 7 days'))).toEqual([]);
    });

    it('does not fire where the only market is outside the EU and the UK (US, Japan), nor in a plan with no market', async () => {
        expect(await found(plan(US, '7 days'))).toEqual([]);
        expect(await found(plan(JP, '7 days'))).toEqual([]);
        expect(await found(plan('', '7 days'))).toEqual([]);
    });

    it('follows the day the Consumer Rights Directive applies from: 2014-06-12 not yet, 2014-06-13 on', async () => {
        judgeBy({ asOf: '2014-06-12' });
        expect(await found(plan(FR, '7 days'))).toEqual([]);
        judgeBy({ asOf: '2014-06-13' });
        expect(await found(plan(FR, '7 days'))).toHaveLength(1);
    });

    it('does not fire when the pack of the market\'s jurisdiction is off', async () => {
        judgeBy({ packs: { EU: 'off' } });
        expect(await found(plan(FR, '7 days'))).toEqual([]);
        const [finding] = await found(plan(`${FR}\n${UK}`, '7 days'));
        expect(finding.message).toContain(': market UK (');
        expect(finding.message).not.toContain('market FR');
    });

    it('follows the markets the offer names: an offer for the US in a US and EU plan gets no EU finding', async () => {
        expect(await found(plan(`${US}\n${FR}`, '7 days', '    markets US\n'))).toEqual([]);
        expect(await found(plan(`${US}\n${FR}`, '7 days', '    markets FR\n'))).toHaveLength(1);
    });

    describe('and weak-guarantee: a term short of the right of withdrawal is one finding, not two', () => {
        const weak = async (text: string) => (await check(text)).findings().filter(f => f.rule === 'weak-guarantee').map(f => f.message);

        it('a 10-day guarantee in France: only the legal finding; weak-guarantee, with nothing else to say, is silent', async () => {
            const result = await check(plan(FR, '10 days'));
            expect(result.findings().filter(f => f.rule === RULE)).toHaveLength(1);
            expect(result.rules()).not.toContain('weak-guarantee');
        });

        it('a guarantee weak in other ways too: weak-guarantee names those, and leaves the term to the legal finding', async () => {
            const text = plan(FR, '10 days').replace(' claim "Reply to the welcome e-mail"', '');
            expect(await weak(text)).toEqual([
                "The money-back guarantee is weak: it does not say how to claim it (add 'claim'). Buyers trust a guarantee whose terms they can read and that gives their money back at once."
            ]);
            expect(await found(text)).toHaveLength(1);
        });

        it('where the law does not apply (the US, the EU pack off, this rule off), weak-guarantee judges the term itself', async () => {
            const short = "The money-back guarantee is weak: it lasts only 10 days (make it at least 14 days). Buyers trust a guarantee whose terms they can read and that gives their money back at once.";
            expect(await weak(plan(US, '10 days'))).toEqual([short]);
            judgeBy({ packs: { EU: 'off' } });
            expect(await weak(plan(FR, '10 days'))).toEqual([short]);
            judgeBy({ rules: { [RULE]: 'off' } });
            expect(await weak(plan(FR, '10 days'))).toEqual([short]);
        });

        it('a plan that asks for more than the 14 days (minGuaranteeDays 30) gets both: the law and its own minimum', async () => {
            judgeBy({ thresholds: { ...TEST_SETTINGS.thresholds, minGuaranteeDays: 30 } });
            expect(await weak(plan(FR, '10 days'))).toEqual([
                "The money-back guarantee is weak: it lasts only 10 days (make it at least 30 days). Buyers trust a guarantee whose terms they can read and that gives their money back at once."
            ]);
            expect(await found(plan(FR, '10 days'))).toHaveLength(1);
        });
    });
});

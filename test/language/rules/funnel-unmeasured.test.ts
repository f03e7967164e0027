import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';
import { LEDGERLY, PHOTO_COURSE, replaced, without } from '../../economics-plans.js';

const RULE = 'funnel-unmeasured';

const HEADER = `plan CornerBakery {
    goal "Become the default caterer for downtown offices"
    currency USD
}
`;

/** A plan whose one funnel (from line 5) has these steps, one per line. */
function planWith(...steps: string[]): string {
    return `${HEADER}funnel {\n${steps.map(step => `    ${step}\n`).join('')}}\n`;
}

const CAPTURE = 'collect leads by optin form offering ebook "10 meeting menus"';
const CLOSE = 'close weekly with call to action';

describe('funnel-unmeasured', () => {
    it('fires on a funnel that collects leads with no conversion rate at all', async () => {
        const result = await check(planWith(CAPTURE, CLOSE));
        expect(result.findings()).toContainEqual({
            rule: RULE, severity: 'info', line: 5, column: 1, endLine: 5, endColumn: 7,
            message: "The funnel collects leads but sets no expected conversion rate: without one you cannot tell whether it works, nor which step loses people. Add the rates you expect, such as 'conversion visitors to leads 3%' and 'conversion leads to customers 5%'."
        });
    });

    it('places the finding on the name of a named funnel, and says when it only counts visitors', async () => {
        const result = await check(`${HEADER}funnel Catering {\n    visitors 4_000 per month\n}\n`);
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: RULE, line: 5, column: 8, endColumn: 16,
            message: expect.stringMatching(/^The funnel counts visitors but sets no expected conversion rate/)
        }));
    });

    it('does not fire when every stage has a rate into the next', async () => {
        const text = planWith(CAPTURE, CLOSE, 'visitors 4_000 per month', 'conversion visitors to leads 5%', 'conversion leads to customers 10%', 'conversion customers to repeat 60%');
        expect((await check(text)).rules()).not.toContain(RULE);
    });

    it('fires on a stage the funnel has but does not convert: leads collected, no rate from leads', async () => {
        const result = await check(planWith(CAPTURE, CLOSE, 'conversion visitors to leads 5%'));
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
            rule: RULE, severity: 'info', line: 8, column: 28, endLine: 8, endColumn: 33,
            message: "The funnel has leads but no rate at which they become customers: with a step unmeasured you cannot see where people drop out. Add 'conversion leads to customers 5%', with the rate you expect."
        }]);
    });

    it('fires on a visitor count with no rate out of visitors', async () => {
        const result = await check(planWith(CAPTURE, 'visitors 4_000 per month', 'conversion leads to customers 10%'));
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([expect.objectContaining({
            line: 7, column: 14,
            message: "The funnel has visitors but no rate at which they become leads: with a step unmeasured you cannot see where people drop out. Add 'conversion visitors to leads 5%', with the rate you expect."
        })]);
    });

    it('fires on a gap in the middle of the chain, using the funnel\'s own words', async () => {
        const result = await check(planWith('conversion visitors to leads 5%', 'conversion buyers to repeat 40%'));
        expect(result.findings().find(f => f.rule === RULE)?.message).toContain("Add 'conversion leads to buyers 5%'");
    });

    it('accepts a rate that skips a stage the funnel does not have, or goes through stages of its own', async () => {
        expect((await check(planWith('visitors 9_000 per month', 'conversion visitors to customers 1%'))).rules()).not.toContain(RULE);
        expect((await check(planWith(CAPTURE, CLOSE, 'conversion visitors to leads 5%', 'conversion leads to trials 20%', 'conversion trials to customers 30%'))).rules()).not.toContain(RULE);
    });

    it('does not ask for a rate out of the last stage', async () => {
        expect((await check(planWith(CAPTURE, 'conversion visitors to leads 5%'))).rules()).not.toContain(RULE);
    });

    it('stays silent on a funnel with no stage to measure', async () => {
        expect((await check(planWith(CLOSE, 'follow up weekly on tuesday at 10:00 with tips'))).rules()).not.toContain(RULE);
    });

    it('judges each funnel by its own lines, in the file that declares it', async () => {
        const files = {
            'plan.mplan': `import "funnel.mplan"\n${HEADER}funnel Numbers {\n    conversion visitors to leads 5%\n}\n`,
            'funnel.mplan': `funnel {\n    ${CAPTURE}\n}\n`
        };
        const result = await check(files);
        expect(result.findings('funnel.mplan')).toContainEqual(expect.objectContaining({ rule: RULE, line: 1, column: 1 }));
        expect(result.rules('plan.mplan')).not.toContain(RULE);
    });
});

describe('funnel-unmeasured reads the funnel\'s own stage words', () => {
    /** The photography course (test/economics-plans.ts) without its funnel: 21 lines; each test adds a funnel of its own from line 23. */
    const PHOTO = without(PHOTO_COURSE, 'funnel');
    const WEBINAR = `${PHOTO}
funnel "Webinar funnel" {
    collect leads by optin form offering webinar "Street photography in 60 minutes"
    close weekly with call to action
    visitors 8_000 per month
    conversion visitors to registrations 20%
    conversion registrations to attendees 40%
    conversion attendees to customers 10%
}
`;

    it('finds nothing missing in a webinar funnel measured from visitors to customers through registrations and attendees', async () => {
        // The opt-in form collects the registrations: no separate stage of leads is asked for.
        expect((await check(WEBINAR)).rules()).not.toContain(RULE);
    });

    it('reports the attendees of a webinar with no rate onward, in its own words', async () => {
        const result = await check(WEBINAR.replace('    conversion attendees to customers 10%\n', ''));
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
            rule: RULE, severity: 'info', line: 28, column: 33, endLine: 28, endColumn: 42,
            message: "The funnel has attendees but no rate at which they become customers: with a step unmeasured you cannot see where people drop out. Add 'conversion attendees to customers 5%', with the rate you expect."
        }]);
    });

    it('asks for the rate into the stage the funnel names as its first purchase', async () => {
        const text = WEBINAR.replace('    conversion attendees to customers 10%\n', '    first purchase at enrolled\n');
        expect((await check(text)).findings().find(f => f.rule === RULE)?.message).toContain("The funnel has attendees but no rate at which they become enrolled: with a step unmeasured you cannot see where people drop out. Add 'conversion attendees to enrolled 5%'");
    });

    describe('a funnel whose stages never reach a purchase', () => {
        const SALES_LED = `plan Shiftboard "Shiftboard: first 50 clinics" {
    goal "Fifty clinics on Shiftboard by the end of 2027"
    currency EUR
    focus Shiftboard
}

product Shiftboard "Shift planning for clinics" {
    price 290 EUR per month
    margin 80%
    churn 1% a month
}

funnel "Sales-led funnel" {
    expect 60 demos per month
    conversion demos to proposals 50%
    conversion proposals to signed 30%
}
`;

        it('says so on the funnel and suggests its own last stage as the first purchase', async () => {
            const result = await check(SALES_LED);
            expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
                rule: RULE, severity: 'info', line: 13, column: 8, endLine: 13, endColumn: 26,
                message: "The funnel's stages never reach a purchase: none is called customers, buyers, sales or orders, and no 'first purchase at' says which one is. " +
                    "Without it, what the funnel earns and what a customer costs cannot be counted. If 'signed' is the first purchase, say so: 'first purchase at signed'."
            }]);
        });

        it('offers to mark each stage the funnel ends at as the first purchase, and no other word', async () => {
            const text = SALES_LED.replace('    conversion proposals to signed 30%\n', '    conversion proposals to signed 30%\n    conversion demos to pilots 20%\n');
            expect((await check(text)).findings().find(f => f.rule === RULE)?.message).toContain("If 'signed' or 'pilots' is the first purchase, say so: 'first purchase at pilots'.");
            const fixes = await fixesFor(await check(text), RULE);
            expect(fixes.map(fix => [fix.title, fix.preferred])).toEqual([
                ["Make 'signed' the first purchase (check that it is where customers first pay)", false],
                ["Make 'pilots' the first purchase (check that it is where customers first pay)", false]
            ]);
            expect(fixes[0].result).toBe(text.replace('funnel "Sales-led funnel" {\n', 'funnel "Sales-led funnel" {\n    first purchase at signed\n'));
            const after = await check(fixes[0].result);
            expect(after.rules()).not.toContain('syntax-error');
            // Pilots now lead nowhere before the purchase: that is the next thing to measure.
            expect(after.findings().filter(f => f.rule === RULE).map(f => f.message)).toEqual([
                "The funnel has pilots but no rate at which they become signed: with a step unmeasured you cannot see where people drop out. Add 'conversion pilots to signed 5%', with the rate you expect."
            ]);
            expect((await check(SALES_LED.replace('    conversion proposals to signed 30%\n', '    conversion proposals to signed 30%\n    first purchase at signed\n'))).rules()).not.toContain(RULE);
        });
    });

    it('reports a counted stage that no rate links to the purchase', async () => {
        const text = `${PHOTO}
funnel "Search and demos" {
    visitors 5_000 per month
    expect 40 demos per month
    conversion visitors to leads 4%
    conversion leads to customers 5%
}
`;
        const result = await check(text);
        expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
            rule: RULE, severity: 'info', line: 25, column: 15, endLine: 25, endColumn: 20,
            message: "The funnel counts 40 demos a month but no rate leads from demos to customers: the count says nothing about sales until one does. Add 'conversion demos to customers 5%' (or a rate into a stage that leads there), with the rate you expect."
        }]);
    });

    it('reports a funnel that counts a stage of its own but sets no rate at all', async () => {
        const text = `${PHOTO}
funnel Registrations {
    expect 400 registrations per month
}
`;
        expect((await check(text)).findings().find(f => f.rule === RULE)?.message).toBe(
            "The funnel counts registrations but sets no expected conversion rate: without one you cannot tell whether it works, nor which step loses people. Add the rates you expect, such as 'conversion registrations to customers 5%'."
        );
        // A count of the purchase itself needs no rate.
        expect((await check(`${PHOTO}\nfunnel { expect 20 buyers per month }\n`)).rules()).not.toContain(RULE);
    });

    describe('trials', () => {
        /** Ledgerly (test/economics-plans.ts) with a funnel that ends at its trials (from line 34): 20,000 visitors a month, 3% start one. */
        const TRIALS = replaced(LEDGERLY, ['    expect 500 trials per month\n', '    visitors 20_000 per month\n    conversion visitors to trials 3%\n']);

        it('finds a funnel that ends at its trials measured when the product says how many trials convert', async () => {
            expect((await check(TRIALS)).rules()).not.toContain(RULE);
            expect((await check(TRIALS.replace('conversion visitors to trials 3%', 'conversion visitors to trials 3%\n    conversion trials to accounts 25%'))).rules()).not.toContain(RULE);
        });

        it('asks for the rate at which trials pay when the product does not give it, with the product\'s own trial', async () => {
            const result = await check(TRIALS.replace('trial 30 days converts 20%', 'trial 30 days'));
            expect(result.findings().filter(f => f.rule === RULE)).toEqual([{
                rule: RULE, severity: 'info', line: 36, column: 28, endLine: 36, endColumn: 34,
                message: "The funnel ends at trials, but nothing says how many of them become paying customers: without that rate neither its customers nor what they earn can be counted. " +
                    "State it on the product, such as 'trial 30 days converts 20%', or add 'conversion trials to customers 20%', with the rate you expect."
            }]);
        });

        it('needs no conversion line for a funnel that counts its trials, once the product says how many pay', async () => {
            const counted = TRIALS.replace('    visitors 20_000 per month\n    conversion visitors to trials 3%\n', '    expect 500 trials per month\n    list 1_000 trials\n');
            expect((await check(counted)).rules()).not.toContain(RULE);
            expect((await check(counted.replace('trial 30 days converts 20%', 'trial 30 days'))).findings().find(f => f.rule === RULE)).toMatchObject({
                line: 35, column: 16, endColumn: 22, message: expect.stringMatching(/^The funnel ends at trials, but nothing says how many of them become paying customers/)
            });
        });

        it('reports a stated trial purchase that no line uses on the funnel, without failing', async () => {
            const text = TRIALS.replace('trial 30 days converts 20%', 'trial 30 days').replace('conversion visitors to trials 3%', 'conversion visitors to signups 3%\n    first purchase at trials');
            const found = (await check(text)).findings().filter(f => f.rule === RULE || f.message.includes('could not run'));
            expect(found.map(f => [f.line, f.column, f.message.slice(0, 40)])).toEqual([
                [34, 8, 'The funnel ends at trials, but nothing s'],
                [36, 28, 'The funnel has signups but no rate at wh']
            ]);
        });

        it('accepts trials beside another path to the purchase only when the product says how many convert', async () => {
            const branches = TRIALS.replace('conversion visitors to trials 3%', 'conversion visitors to trials 3%\n    conversion visitors to demos 1%\n    conversion demos to accounts 30%');
            expect((await check(branches)).rules()).not.toContain(RULE);
            expect((await check(branches.replace('trial 30 days converts 20%', 'trial 30 days'))).findings().find(f => f.rule === RULE)?.message).toBe(
                "The funnel has trials but no rate at which they become accounts, and the product does not say how many trials convert: with a step unmeasured you cannot see where people drop out. " +
                "Add 'conversion trials to accounts 5%', or state it on the product, such as 'trial 30 days converts 20%', with the rate you expect."
            );
        });
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';
import { findingsOf, JAPAN, judgeWith, rangeOf, restoreSettings, withMarkets } from './consent-plans.js';

const ID = 'implied-consent-expired';
const CASL = "Canada's Anti-Spam Legislation (S.C. 2010, c. 23), s. 10(10)";

const PLAN = `plan MapleRoast "Maple Roast coffee" {
    goal "Sell 2,000 bags of coffee a month across Canada"
    currency CAD
}
market Canada "Canada" {
    country CA
    languages en, fr
    currency CAD
    timezones "America/Toronto", "America/Vancouver"
}
product Beans {
    price 19 CAD
    benefit "Roasted the day it ships"
}
segment CoffeeLovers "Coffee lovers" {
    who "People who grind their own beans"
    age 25 to 55
}
audience PastBuyers "Bought from us" {
    behaviour "bought a bag of coffee"
    of CoffeeLovers
    within 3 years
    consent implied
}
tactic Reorder "Time to reorder" {
    channel email
    audience PastBuyers
    message "Your beans are running low"
}
flow AfterPurchase "After a purchase" {
    channel email
    trigger "order delivered"
    consent implied
    step after 2 days "Brewing tips for your beans"
    step after 25 months "Two years of Maple Roast"
    stop when "they order again"
}
`;

const MAILS_BUYERS = 'on implied consent: a purchase implies consent for two years only';

describe(ID, () => {
    restoreSettings();

    it('fires on an e-mail to an audience of buyers of the last 3 years, and on a post-purchase step 25 months after the order', async () => {
        expect(findingsOf(await check(PLAN), ID)).toEqual([
            {
                rule: ID, severity: 'warning', ...rangeOf(PLAN, 'PastBuyers', 1),
                message: `Tactic 'Reorder' mails audience 'PastBuyers', people who bought within 3 years, ${MAILS_BUYERS}, so for market Canada (${CASL}) the older buyers may no longer be messaged. Ask these buyers for express consent before the two years are up and write 'consent express recorded', or keep to buyers of the last two years ('within 2 years').`
            },
            {
                rule: ID, severity: 'warning', ...rangeOf(PLAN, 'step after 25 months "Two years of Maple Roast"'),
                message: `Flow 'AfterPurchase' is triggered by a purchase and sends this step 763 days after it, more than two years later, ${MAILS_BUYERS}, so for market Canada (${CASL}) this message may no longer be sent. End the flow within two years of the purchase, or ask for express consent before then and write 'consent express recorded'.`
            }
        ]);
    });

    it('does not fire for buyers of the last 18 months, nor for a flow whose last step is 23 months after the order', async () => {
        const text = PLAN.replace('within 3 years', 'within 18 months').replace('step after 25 months', 'step after 23 months');
        expect(findingsOf(await check(text), ID)).toEqual([]);
    });

    it('fires for an audience of buyers with no time limit, and for texts as well as e-mail', async () => {
        const text = PLAN.replace('    within 3 years\n', '').replace('    channel email\n    audience PastBuyers', '    channel sms\n    audience PastBuyers');
        const [tactic] = findingsOf(await check(text), ID);
        expect(tactic.message).toContain("Tactic 'Reorder' texts audience 'PastBuyers', people who bought at any time (no 'within'), on implied consent");
    });

    it('does not fire on an audience that is not of buyers, or on consent that is not implied', async () => {
        const visitors = PLAN.replace('behaviour "bought a bag of coffee"', 'behaviour "read the brewing guide"');
        expect(findingsOf(await check(visitors), ID).map(f => f.line)).toEqual([rangeOf(PLAN, 'step after 25 months').line]);
        const express = PLAN.replaceAll('consent implied', 'consent express recorded "order form, date, checkbox text"');
        expect(findingsOf(await check(express), ID)).toEqual([]);
    });

    it("judges each audience of buyers by its own consent when the tactic states none", async () => {
        const text = PLAN.replace('    within 3 years\n    consent implied', '    within 3 years\n    consent express recorded "checkout checkbox"')
            .replace('tactic Reorder "Time to reorder" {', 'audience Visitors "Read the guide" {\n    behaviour "read the brewing guide"\n    of CoffeeLovers\n    consent implied\n}\ntactic Reorder "Time to reorder" {')
            .replace('    audience PastBuyers\n', '    audience PastBuyers, Visitors\n');
        expect(findingsOf(await check(text), ID).map(f => f.message.slice(0, 17))).toEqual(["Flow 'AfterPurcha"]);
        const implied = text.replace('consent express recorded "checkout checkbox"', 'consent implied');
        expect(findingsOf(await check(implied), ID)[0]).toMatchObject(rangeOf(implied, 'PastBuyers', 1));
    });

    it('does not fire for the same plan selling only in Japan, nor for a plan with no market', async () => {
        expect(findingsOf(await check(withMarkets(PLAN, JAPAN)), ID)).toEqual([]);
        expect(findingsOf(await check(withMarkets(PLAN, '')), ID)).toEqual([]);
    });

    it('does not fire before CASL is in force (2014-07-01) and fires from that day, for blocks without a period', async () => {
        judgeWith({ asOf: '2014-06-30' });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
        judgeWith({ asOf: '2014-07-01' });
        expect(findingsOf(await check(PLAN), ID)).toHaveLength(2);
    });

    it('judges a tactic by its period, not the as-of day', async () => {
        const before = PLAN.replace('    message "Your beans are running low"', '    message "Your beans are running low"\n    from 2014-03-01 to 2014-06-30');
        expect(findingsOf(await check(before), ID).map(f => f.message.slice(0, 17))).toEqual(["Flow 'AfterPurcha"]);
        const during = before.replace('from 2014-03-01 to 2014-06-30', 'from 2014-06-01 to 2014-08-31');
        expect(findingsOf(await check(during), ID).map(f => f.message.slice(0, 17))).toEqual(["Tactic 'Reorder' ", "Flow 'AfterPurcha"]);
    });

    it('does not fire when the CA pack is off', async () => {
        judgeWith({ packs: { CA: 'off' } });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
    });
});

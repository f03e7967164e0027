import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';
import { findingsOf, JAPAN, judgeWith, rangeOf, restoreSettings, withMarkets } from './consent-plans.js';

const ID = 'slow-unsubscribe';
const CAN_SPAM = 'CAN-SPAM Act of 2003, 15 U.S.C. 7704(a)(4)';

const PLAN = `plan FitDesk "FitDesk standing desks" {
    goal "Sell 250 standing desks a month"
    currency USD
}
market US "United States" {
    country US
    language en
    currency USD
}
product Desk {
    price 499 USD
    benefit "Up and down in four seconds"
}
segment RemoteWorkers "Remote workers" {
    who "People who work from home every day"
    age 25 to 55
}
funnel Newsletter {
    collect leads by optin form offering guide "Ten minutes of desk yoga"
    confirm by autoresponder
    unsubscribe link in every email
    sender address "FitDesk, 200 Market Street, Portland, OR 97201"
    unsubscribe within 15 days
}
flow Onboarding "Desk onboarding" {
    channel email
    audience RemoteWorkers
    trigger "desk delivered"
    step after 1 day "Setting up your desk"
    step after 1 week "Your first week standing"
    stop when unsubscribed
    unsubscribe within 2 weeks
}
`;

/** The funnel's opt-out delay replaced. */
function within(delay: string, text = PLAN): string {
    return text.replace('unsubscribe within 15 days', `unsubscribe within ${delay}`);
}

describe(ID, () => {
    restoreSettings();

    it('fires on a calendar delay that may hold more than 10 business days: 15 days can hold 11', async () => {
        expect(findingsOf(await check(PLAN), ID)).toEqual([{
            rule: ID, severity: 'warning', ...rangeOf(PLAN, '15 days'),
            message: `Funnel 'Newsletter' honours an unsubscribe within 15 days (15 days may hold 11 business days): for market US (${CAN_SPAM}) an opt-out must take effect within 10 business days, and every message sent after that is a violation. Write 'unsubscribe within 10 business days' or less; most senders stop at once.`
        }]);
    });

    it('counts business days, business weeks (5) and months (22); 10 business days and 2 weeks are within the law', async () => {
        const eleven = within('11 business days');
        expect(findingsOf(await check(eleven), ID)).toEqual([expect.objectContaining({
            ...rangeOf(eleven, '11 business days'),
            message: expect.stringContaining("Funnel 'Newsletter' honours an unsubscribe within 11 business days: for market US")
        })]);
        expect(findingsOf(await check(within('3 business weeks')), ID)).toHaveLength(1);
        expect(findingsOf(await check(within('1 month')), ID).map(f => f.message)).toEqual([expect.stringContaining('(1 month may hold 22 business days)')]);
        expect(findingsOf(await check(within('10 business days')), ID)).toEqual([]);
        expect(findingsOf(await check(within('2 business weeks')), ID)).toEqual([]);
        expect(findingsOf(await check(within('2 days')), ID)).toEqual([]);
    });

    it('fires on a flow as on a funnel', async () => {
        const text = within('2 business days', PLAN.replace('unsubscribe within 2 weeks', 'unsubscribe within 3 weeks'));
        expect(findingsOf(await check(text), ID)).toEqual([expect.objectContaining({
            ...rangeOf(text, '3 weeks'),
            message: expect.stringContaining("Flow 'Onboarding' honours an unsubscribe within 3 weeks (3 weeks may hold 15 business days)")
        })]);
    });

    it('does not fire for the same plan selling only in Japan, nor for a plan with no market', async () => {
        expect(findingsOf(await check(withMarkets(PLAN, JAPAN)), ID)).toEqual([]);
        expect(findingsOf(await check(withMarkets(PLAN, '')), ID)).toEqual([]);
    });

    it('does not fire before CAN-SPAM is in force (2004-01-01) and fires from that day', async () => {
        judgeWith({ asOf: '2003-12-31' });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
        judgeWith({ asOf: '2004-01-01' });
        expect(findingsOf(await check(PLAN), ID)).toHaveLength(1);
    });

    it("judges a flow by its period, not the as-of day", async () => {
        const slowFlow = within('2 business days', PLAN.replace('unsubscribe within 2 weeks', 'unsubscribe within 30 days'));
        const before = slowFlow.replace('    stop when unsubscribed', '    from 2003-06-01 to 2003-12-31\n    stop when unsubscribed');
        expect(findingsOf(await check(before), ID)).toEqual([]);
        expect(findingsOf(await check(before.replace('to 2003-12-31', 'to 2004-06-30')), ID)).toHaveLength(1);
    });

    it('does not fire when the US pack is off', async () => {
        judgeWith({ packs: { US: 'off' } });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
    });
});

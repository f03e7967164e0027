import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';
import { findingsOf, JAPAN, judgeWith, rangeOf, restoreSettings, withMarkets } from './consent-plans.js';

const ID = 'sms-quiet-hours';
const TCPA = 'Telephone Consumer Protection Act (47 U.S.C. 227), FCC rule, 47 CFR 64.1200(c)(1)';
const RULE = "no marketing text may arrive before 8:00 or after 21:00 in the recipient's time";

const PLAN = `plan TacoTruck "Taco Truck Co." {
    goal "Sell 1,500 lunch boxes a week"
    currency USD
}
market US "United States" {
    country US
    language en
    currency USD
    timezones "America/New_York", "America/Los_Angeles"
}
product LunchBox {
    price 14 USD
    benefit "Two tacos, rice and a drink"
}
segment OfficeWorkers "Office workers" {
    who "People who eat lunch near our trucks"
    age 22 to 55
}
tactic LunchAlerts "Where the truck is today" {
    channel sms
    audience OfficeWorkers
    consent written recorded "keyword TACO texted to our short code"
    hours weekdays 8:00 to 20:00 in "America/New_York"
    message "Today at 5th and Main from 11:30"
}
flow Loyalty "Tenth taco free" {
    channel sms
    audience OfficeWorkers
    consent written recorded "keyword TACO texted to our short code"
    trigger "fifth purchase"
    hours daily 10:00 to 19:00
    step "You are halfway to a free taco"
    stop when redeemed
}
`;

/** The plan's SMS sent in one window, the tactic's `hours` replaced. */
function inWindow(hours: string, text = PLAN): string {
    return text.replace('hours weekdays 8:00 to 20:00 in "America/New_York"', `hours ${hours}`);
}

describe(ID, () => {
    restoreSettings();

    it('fires on hours set in New York time for a market that also covers Los Angeles, where 8:00 is 5:00', async () => {
        expect(findingsOf(await check(PLAN), ID)).toEqual([{
            rule: ID, severity: 'warning', ...rangeOf(PLAN, 'weekdays 8:00 to 20:00 in "America/New_York"'),
            message: `Tactic 'LunchAlerts' sends texts from 8:00 to 20:00 in America/New_York, which on 2027-01-15 is 5:00 to 17:00 in America/Los_Angeles: for market US (${TCPA}) ${RULE}. Keep the window inside 8:00 to 21:00 in every zone the market covers, or drop 'in' to send by each recipient's own time.`
        }]);
    });

    it('does not fire on the same window for a market whose only zone is New York', async () => {
        const text = PLAN.replace('timezones "America/New_York", "America/Los_Angeles"', 'timezone "America/New_York"');
        expect(findingsOf(await check(text), ID)).toEqual([]);
    });

    it("reads a US market without time zones as every US zone, and names each zone the window leaves 8:00 to 21:00 in", async () => {
        const text = PLAN.replace('    timezones "America/New_York", "America/Los_Angeles"\n', '');
        const [found] = findingsOf(await check(text), ID);
        expect(found.message).toContain('which on 2027-01-15 is 7:00 to 19:00 in America/Chicago, 6:00 to 18:00 in America/Denver, 5:00 to 17:00 in America/Los_Angeles, 4:00 to 16:00 in America/Anchorage, 3:00 to 15:00 in Pacific/Honolulu:');
    });

    it('converts by the offsets of the day the texts go out: 12:30 UTC is 7:30 in New York in January, 8:30 in July', async () => {
        const utc = inWindow('daily 12:30 to 20:00 in "UTC"', PLAN.replace('timezones "America/New_York", "America/Los_Angeles"', 'timezone "America/New_York"'));
        const january = utc.replace('    message', '    from 2027-01-04 to 2027-01-31\n    message');
        const [winter] = findingsOf(await check(january), ID);
        expect(winter.message).toContain('sends texts from 12:30 to 20:00 in UTC, which on 2027-01-04 is 7:30 to 15:00 in America/New_York:');
        const july = utc.replace('    message', '    from 2027-07-05 to 2027-07-31\n    message');
        expect(findingsOf(await check(july), ID)).toEqual([]);
    });

    it('converts between a zone with summer time and one without: 8:00 in Denver is 7:00 in Phoenix in July, 8:00 in January', async () => {
        const denver = inWindow('weekdays 8:00 to 20:00 in "America/Denver"', PLAN.replace('timezones "America/New_York", "America/Los_Angeles"', 'timezone "America/Phoenix"'));
        const july = denver.replace('    message', '    from 2027-07-05 to 2027-07-30\n    message');
        const [summer] = findingsOf(await check(july), ID);
        expect(summer.message).toContain('which on 2027-07-05 is 7:00 to 19:00 in America/Phoenix:');
        const january = denver.replace('    message', '    from 2027-01-04 to 2027-01-29\n    message');
        expect(findingsOf(await check(january), ID)).toEqual([]);
    });

    it("fires on hours in the recipient's time that start before 8:00 or end after 21:00, and not on hours inside them", async () => {
        const early = inWindow('weekdays 7:00 to 20:00');
        expect(findingsOf(await check(early), ID)).toEqual([{
            rule: ID, severity: 'warning', ...rangeOf(early, 'weekdays 7:00 to 20:00'),
            message: `Tactic 'LunchAlerts' sends texts from 7:00 to 20:00 in the recipient's time: for market US (${TCPA}) no marketing text may arrive before 8:00 or after 21:00 there. Send between 8:00 and 21:00 in each recipient's own time, such as 'hours weekdays 9:00 to 20:00' (no 'in': the hours are then the recipient's).`
        }]);
        expect(findingsOf(await check(inWindow('daily 18:00 to 22:30')), ID)).toHaveLength(1);
        expect(findingsOf(await check(inWindow('weekdays 8:00 to 21:00')), ID)).toEqual([]);
    });

    it('fires on the channel of texts that say nothing of the hours', async () => {
        const text = PLAN.replace('    hours daily 10:00 to 19:00\n', '');
        expect(findingsOf(await check(text), ID)).toEqual([
            expect.objectContaining({ line: rangeOf(PLAN, 'weekdays 8:00').line }),
            {
                rule: ID, severity: 'warning', ...rangeOf(text, 'sms', 1),
                message: `Flow 'Loyalty' sends texts and says nothing of the hours: sent at any hour, they reach people at night, and for market US (${TCPA}) ${RULE}. Send between 8:00 and 21:00 in each recipient's own time, such as 'hours weekdays 9:00 to 20:00' (no 'in': the hours are then the recipient's).`
            }
        ]);
    });

    it('does not fire for the same plan selling only in Japan, nor for a plan with no market', async () => {
        expect(findingsOf(await check(withMarkets(PLAN, JAPAN)), ID)).toEqual([]);
        expect(findingsOf(await check(withMarkets(PLAN, '')), ID)).toEqual([]);
    });

    it("does not fire before the FCC's calling-hours rule applies (1992-12-20) and fires from that day", async () => {
        judgeWith({ asOf: '1992-12-19' });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
        judgeWith({ asOf: '1992-12-20' });
        expect(findingsOf(await check(PLAN), ID)).toHaveLength(1);
    });

    it('judges a tactic by its period, not the as-of day', async () => {
        const before = PLAN.replace('    message', '    from 1992-06-01 to 1992-09-30\n    message');
        expect(findingsOf(await check(before), ID)).toEqual([]);
        expect(findingsOf(await check(before.replace('to 1992-09-30', 'to 1993-03-31')), ID)).toHaveLength(1);
    });

    it('does not fire when the US pack is off', async () => {
        judgeWith({ packs: { US: 'off' } });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
    });
});

/**
 * The consent a block's messages rest on, the business days an opt-out may take and a window of
 * hours read in another time zone, as the consent and SMS rules (and hover, the report) read them.
 */
import { describe, expect, it } from 'vitest';
import { check, services } from '../../helpers.js';
import { consentOf, mostBusinessDays } from '../../../src/language/model/consent.js';
import { windowInZone, zonesOf } from '../../../src/language/model/markets.js';
import { dayNumber } from '../../../src/language/model/values.js';

async function modelOf(text: string) {
    const checked = await check(text);
    return services.Mplan.model.PlanModelProvider.get(checked.documents.get('plan.mplan')!);
}

const PLAN = `plan Petals "Petals flower delivery" {
    goal "Deliver 900 bouquets a month"
    currency USD
}
market US {
    country US
}
market Berlin {
    country DE
    timezone "Europe/Berlin"
}
segment Gifters { who "People who send flowers" }
audience Newsletter {
    behaviour "signed up for the newsletter"
    of Gifters
    consent express recorded "sign-up form"
}
audience Buyers {
    behaviour "bought a bouquet"
    of Gifters
    consent implied
}
tactic Both { channel email  audience Newsletter, Buyers }
tactic Own { channel email  audience Buyers  consent written }
tactic ToSegment { channel email  audience Gifters }
tactic ToAudienceAndSegment { channel email  audience Newsletter, Gifters }
funnel Shop {
    collect leads by optin form
    unsubscribe within 15 days
}
flow Thanks {
    channel email
    trigger "bouquet delivered"
    step "Thank you"
    unsubscribe within 2 business weeks
}
`;

describe('consentOf', () => {
    it("is a block's own consent, else the weakest of its audiences' when every one states one", async () => {
        const model = await modelOf(PLAN);
        const consent = (name: string) => {
            const found = consentOf(model.own.tactics.find(t => t.name === name)!);
            return found && `${found.kind}${found.recorded ? ' recorded' : ''}`;
        };
        expect(consent('Both')).toBe('implied');
        expect(consent('Own')).toBe('written');
        expect(consent('ToSegment')).toBeUndefined();
        expect(consent('ToAudienceAndSegment')).toBeUndefined();
        expect(consentOf(model.own.funnels[0])).toBeUndefined();
    });
});

describe('mostBusinessDays', () => {
    it('counts a business delay as written and a calendar delay by the most business days it can hold', async () => {
        const model = await modelOf(PLAN);
        expect(mostBusinessDays(model.own.funnels[0].unsubscribeWithin!)).toBe(11);
        expect(mostBusinessDays(model.own.flows[0].unsubscribeWithin!)).toBe(10);
    });
});

describe('windowInZone', () => {
    const january = dayNumber('2027-01-15')!, july = dayNumber('2027-07-15')!;

    it('moves a window by the difference of the two zones on that day, summer time included', () => {
        expect(windowInZone({ start: 480, end: 1200 }, 'America/New_York', 'America/Los_Angeles', january)).toEqual({ start: 300, end: 1020 });
        expect(windowInZone({ start: 750, end: 1200 }, 'UTC', 'America/New_York', january)).toEqual({ start: 450, end: 900 });
        expect(windowInZone({ start: 750, end: 1200 }, 'UTC', 'America/New_York', july)).toEqual({ start: 510, end: 960 });
        // Berlin and New York change their clocks on different days: six hours apart in January and July alike.
        expect(windowInZone({ start: 900, end: 1200 }, 'Europe/Berlin', 'America/New_York', july)).toEqual({ start: 540, end: 840 });
    });

    it('keeps the start within the day, so a window past midnight ends after 24:00', () => {
        expect(windowInZone({ start: 540, end: 1080 }, 'Asia/Tokyo', 'America/New_York', january)).toEqual({ start: 1140, end: 1680 });
        expect(windowInZone({ start: 60, end: 300 }, 'America/New_York', 'Asia/Tokyo', january)).toEqual({ start: 900, end: 1140 });
    });

    it('is undefined for a zone the runtime does not know', () => {
        expect(windowInZone({ start: 480, end: 1200 }, 'Mars/Olympus_Mons', 'UTC', january)).toBeUndefined();
    });
});

describe('zonesOf', () => {
    it("is a market's time zones, else every US zone for a US market, else none", async () => {
        const model = await modelOf(PLAN);
        const [us, berlin] = model.own.markets;
        expect(zonesOf(us)).toEqual(['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu']);
        expect(zonesOf(berlin)).toEqual(['Europe/Berlin']);
    });
});

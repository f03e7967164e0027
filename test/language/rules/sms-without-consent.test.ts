import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';
import { findingsOf, JAPAN, judgeWith, rangeOf, restoreSettings, withMarkets } from './consent-plans.js';

const ID = 'sms-without-consent';
const TCPA = 'Telephone Consumer Protection Act (47 U.S.C. 227), FCC rule, 47 CFR 64.1200(a)(2)';
const WRITTEN = 'each recipient must first have given prior express written consent (a signed or e-signed agreement naming the sender and the number)';

const PLAN = `plan BrightSmile "Bright Smile dental clinics" {
    goal "Book 300 cleanings a month"
    currency USD
}
market US "United States" {
    country US
    language en
    currency USD
    timezones "America/New_York", "America/Chicago"
}
product Cleaning {
    price 120 USD
    benefit "In and out in 40 minutes"
}
segment Patients "Patients" {
    who "Adults living within 5 miles of a clinic"
    age 25 to 65
}
audience Lapsed "Lapsed patients" {
    behaviour "no visit for 12 months"
    of Patients
    consent written recorded "signed intake form with SMS opt-in"
}
tactic Reminders "Cleaning reminders" {
    channel sms
    audience Patients
    consent express
    hours weekdays 10:00 to 18:00
    message "Time for your cleaning: book at brightsmile.example/book"
}
flow WinBack "Win back lapsed patients" {
    channel sms
    audience Lapsed
    trigger "12 months without a visit"
    hours weekdays 10:00 to 18:00
    step "We miss you: 20% off your next cleaning"
    step after 2 weeks "Last chance for 20% off"
    stop when booked
}
`;

describe(ID, () => {
    restoreSettings();

    it("fires in the US on texts sent on express consent, on the consent, asking for written consent", async () => {
        expect(findingsOf(await check(PLAN), ID)).toEqual([{
            rule: ID, severity: 'error', ...rangeOf(PLAN, 'consent express'),
            message: `Tactic 'Reminders' sends marketing texts on 'consent express': for market US (${TCPA}) ${WRITTEN}. Collect that consent and write 'consent written recorded'.`
        }]);
    });

    it('fires on the channel of texts that state no consent, naming every market and its law', async () => {
        const text = withMarkets(PLAN, 'market US {\n    country US\n}\nmarket Canada {\n    country CA\n}\nmarket Germany {\n    country DE\n}\n')
            .replace('    consent express\n', '');
        expect(findingsOf(await check(text), ID)).toEqual([{
            rule: ID, severity: 'error', ...rangeOf(text, 'sms'),
            message: `Tactic 'Reminders' sends marketing texts and states no consent of the people it texts: for market US (${TCPA}) ${WRITTEN}; for market Canada (Canada's Anti-Spam Legislation (S.C. 2010, c. 23), s. 6(1)); market Germany (ePrivacy Directive 2002/58/EC, art. 13(1)) each recipient must first have consented (express consent, or the implied consent of an existing customer). Collect that consent and write 'consent written recorded'.`
        }]);
    });

    it('accepts implied or express consent in Canada, the EU and the UK', async () => {
        const text = withMarkets(PLAN, 'market Canada {\n    country CA\n}\nmarket Europe {\n    countries DE, FR, UK\n}\n');
        expect(findingsOf(await check(text), ID)).toEqual([]);
        expect(findingsOf(await check(text.replace('consent express', 'consent implied')), ID)).toEqual([]);
    });

    it("reports on the audience a flow texts when the consent is that audience's", async () => {
        const text = PLAN.replace('consent written recorded "signed intake form with SMS opt-in"', 'consent express recorded "web form"');
        const found = findingsOf(await check(text), ID);
        expect(found[1]).toEqual({
            rule: ID, severity: 'error', ...rangeOf(text, 'Lapsed', 2),
            message: `Flow 'WinBack' sends marketing texts on 'consent express' of audience 'Lapsed': for market US (${TCPA}) ${WRITTEN}. Collect that consent and write 'consent written recorded'.`
        });
    });

    it('does not fire on texts sent with written consent, its own or its audience\'s', async () => {
        expect(findingsOf(await check(PLAN.replace('consent express', 'consent written recorded "signed SMS opt-in"')), ID)).toEqual([]);
    });

    it('fires in a library on its own tactics, by the markets of the plan that imports it', async () => {
        const library = 'tactic Reminders "Cleaning reminders" {\n    channel sms\n    consent express\n    hours weekdays 10:00 to 18:00\n}\n';
        const result = await check({
            'plan.mplan': 'import "texts.mplan"\nplan BrightSmile {\n    goal "Book 300 cleanings a month"\n}\nmarket US {\n    country US\n}\n',
            'texts.mplan': library
        });
        expect(result.findings('texts.mplan').filter(f => f.rule === ID)).toEqual([expect.objectContaining({
            ...rangeOf(library, 'consent express'),
            message: expect.stringContaining("Tactic 'Reminders' sends marketing texts on 'consent express': for market US (")
        })]);
        expect(result.rules('plan.mplan')).not.toContain(ID);
    });

    it('does not fire for the same plan selling only in Japan, nor for a plan with no market', async () => {
        expect(findingsOf(await check(withMarkets(PLAN, JAPAN)), ID)).toEqual([]);
        expect(findingsOf(await check(withMarkets(PLAN, '')), ID)).toEqual([]);
    });

    it("does not fire before the FCC's written-consent rule applies (2013-10-16) and fires from that day", async () => {
        judgeWith({ asOf: '2013-10-15' });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
        judgeWith({ asOf: '2013-10-16' });
        expect(findingsOf(await check(PLAN), ID)).toHaveLength(1);
    });

    it('judges a tactic by its period, not the as-of day', async () => {
        const before = PLAN.replace('    hours weekdays 10:00 to 18:00\n    message', '    from 2013-06-01 to 2013-09-30\n    hours weekdays 10:00 to 18:00\n    message');
        expect(findingsOf(await check(before), ID)).toEqual([]);
        expect(findingsOf(await check(before.replace('to 2013-09-30', 'to 2013-12-31')), ID)).toHaveLength(1);
    });

    it('does not fire when the US pack is off, and still asks for consent in Canada then', async () => {
        judgeWith({ packs: { US: 'off' } });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
        const text = withMarkets(PLAN, 'market US {\n    country US\n}\nmarket Canada {\n    country CA\n}\n').replace('    consent express\n', '');
        const found = findingsOf(await check(text), ID);
        expect(found.map(f => f.message)).toEqual([expect.stringContaining("for market Canada (Canada's Anti-Spam Legislation")]);
        expect(found[0].message).not.toContain('market US');
        expect(found[0].message).toContain("write 'consent express recorded'");
    });
});

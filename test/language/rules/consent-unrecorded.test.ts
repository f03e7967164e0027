import { describe, expect, it } from 'vitest';
import { check, fixesFor } from '../../helpers.js';
import { findingsOf, JAPAN, judgeWith, rangeOf, restoreSettings, withMarkets } from './consent-plans.js';

const ID = 'consent-unrecorded';
const GDPR = 'General Data Protection Regulation (EU) 2016/679, art. 7(1)';

const PLAN = `plan KilnAndCo "Kiln & Co. ceramics" {
    goal "Sell 400 hand-thrown mugs a month in Germany and Austria"
    currency EUR
}
market DACH "Germany and Austria" {
    countries DE, AT
    languages de
    currency EUR
    timezone "Europe/Berlin"
}
product Mug {
    price 28 EUR
    benefit "Hand-thrown in Leipzig"
}
segment HomeBakers "Home bakers" {
    who "People who bake at the weekend"
    age 25 to 60
}
audience Subscribers {
    who "Newsletter subscribers"
    behaviour "signed up for the newsletter"
    of HomeBakers
    consent express
}
funnel Newsletter {
    collect leads by optin form offering ebook "Glazes at home"
    confirm by autoresponder
    consent express
    unsubscribe link in every email
}
tactic LaunchMail "Launch e-mail" {
    channel email
    audience HomeBakers
    consent express
    message "The autumn glaze is here"
}
flow Welcome {
    channel email
    audience Subscribers
    trigger signup
    step "Welcome to Kiln & Co."
    step after 3 days "How we glaze"
    stop when purchased
}
`;

/** Every consent of the plan kept on record. */
const RECORDED = PLAN.replaceAll('consent express\n', 'consent express recorded "sign-up time, form text, IP address"\n');

describe(ID, () => {
    restoreSettings();

    it('fires on the unrecorded consent of a funnel collecting leads, of an e-mail tactic, and of the audience an e-mail flow mails', async () => {
        const found = findingsOf(await check(PLAN), ID);
        expect(found).toEqual([
            {
                rule: ID, severity: 'warning', ...rangeOf(PLAN, 'consent express', 1),
                message: `Funnel 'Newsletter' collects leads by the opt-in form on 'consent express' that is not recorded: for market DACH (${GDPR}) the business must be able to show that each person consented (when, where and to what). Write 'consent express recorded' and what is kept, such as "sign-up time, form text, IP address".`
            },
            {
                rule: ID, severity: 'warning', ...rangeOf(PLAN, 'consent express', 2),
                message: `Tactic 'LaunchMail' e-mails people on 'consent express', which is not recorded: for market DACH (${GDPR}) the business must be able to show that each person consented (when, where and to what). Write 'consent express recorded' and what is kept, such as "sign-up time, form text, IP address".`
            },
            {
                rule: ID, severity: 'warning', ...rangeOf(PLAN, 'Subscribers', 1),
                message: `Flow 'Welcome' e-mails people on 'consent express' of audience 'Subscribers', which is not recorded: for market DACH (${GDPR}) the business must be able to show that each person consented (when, where and to what). Write 'consent express recorded' and what is kept, such as "sign-up time, form text, IP address".`
            }
        ]);
    });

    it('fires on the capture of a funnel that states no consent at all, naming the funnel by its line when it has no name', async () => {
        const text = PLAN.replace('funnel Newsletter {', 'funnel {').replace('    confirm by autoresponder\n    consent express\n', '    confirm by autoresponder\n');
        const found = findingsOf(await check(text), ID);
        expect(found[0]).toEqual({
            rule: ID, severity: 'warning', ...rangeOf(text, 'optin form'),
            message: `The funnel at line 25 collects leads by the opt-in form but says nothing of their consent or of keeping a record of it: for market DACH (${GDPR}) the business must be able to show that each person consented (when, where and to what). Add 'consent express recorded "sign-up time, form text, IP address"'.`
        });
    });

    it('fires for the UK under the UK GDPR, and names both laws for a plan selling in both', async () => {
        const text = withMarkets(PLAN, 'market UK "United Kingdom" {\n    country UK\n}\nmarket DACH {\n    countries DE, AT\n}\n');
        const [funnel] = findingsOf(await check(text), ID);
        expect(funnel.message).toContain(`for market DACH (${GDPR}); market UK (UK GDPR (retained Regulation (EU) 2016/679), art. 7(1))`);
    });

    it('does not fire for the same plan selling only in Japan, nor for a plan with no market', async () => {
        expect(findingsOf(await check(withMarkets(PLAN, JAPAN)), ID)).toEqual([]);
        expect(findingsOf(await check(withMarkets(PLAN, '')), ID)).toEqual([]);
    });

    it('does not fire before the GDPR applies (2018-05-25) and fires from that day, for blocks without a period', async () => {
        judgeWith({ asOf: '2018-05-24' });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
        judgeWith({ asOf: '2018-05-25' });
        expect(findingsOf(await check(PLAN), ID)).toHaveLength(3);
    });

    it("judges a tactic by its period, not the as-of day: a mailing over before 2018-05-25 is not reported", async () => {
        const before = PLAN.replace('    message "The autumn glaze is here"', '    message "The spring glaze is here"\n    from 2018-03-01 to 2018-04-30');
        expect(findingsOf(await check(before), ID).map(f => f.message.slice(0, 20))).not.toContain("Tactic 'LaunchMail' ");
        const during = before.replace('from 2018-03-01 to 2018-04-30', 'from 2018-05-01 to 2018-06-30');
        expect(findingsOf(await check(during), ID).map(f => f.message.slice(0, 20))).toContain("Tactic 'LaunchMail' ");
    });

    it('does not fire when the EU pack is off, and still fires for a UK market then', async () => {
        judgeWith({ packs: { EU: 'off' } });
        expect(findingsOf(await check(PLAN), ID)).toEqual([]);
        const text = withMarkets(PLAN, 'market UK {\n    country UK\n}\nmarket DACH {\n    countries DE, AT\n}\n');
        const found = findingsOf(await check(text), ID);
        expect(found).toHaveLength(3);
        expect(found[0].message).toContain('for market UK (UK GDPR');
        expect(found[0].message).not.toContain('DACH');
    });

    it('does not fire on consent kept on record, on implied consent of a tactic, or on channels that do not message people', async () => {
        expect(findingsOf(await check(RECORDED), ID)).toEqual([]);
        const text = RECORDED
            .replace('    channel email\n    audience HomeBakers\n    consent express recorded "sign-up time, form text, IP address"', '    channel email\n    audience HomeBakers\n    consent implied')
            .replace('tactic LaunchMail "Launch e-mail" {', 'tactic LaunchMail "Launch e-mail" {\n    budget 500 EUR')
            + 'tactic Posts {\n    channel social on instagram\n    audience HomeBakers\n    consent express\n}\n';
        expect(findingsOf(await check(text), ID)).toEqual([]);
    });

    it("suggests adding 'recorded' to the consent, and 'consent express recorded' to a funnel without one", async () => {
        const [fix] = await fixesFor(await check(PLAN), ID);
        expect(fix).toMatchObject({ title: "Add 'recorded' to the consent (check that the records are kept)", preferred: false });
        expect(fix.result).toContain('    confirm by autoresponder\n    consent express recorded\n');
        expect(findingsOf(await check(fix.result), ID)).toHaveLength(2);

        const bare = PLAN.replace('    confirm by autoresponder\n    consent express\n', '    confirm by autoresponder\n');
        const [add] = await fixesFor(await check(bare), ID);
        expect(add.title).toBe("Add 'consent express recorded' (check that the records are kept)");
        expect(add.result).toContain('funnel Newsletter {\n    consent express recorded\n    collect leads by optin form');
        expect(findingsOf(await check(add.result), ID)).toHaveLength(2);
    });
});

/**
 * "Real plans, part 2" (issue 15): the channels, audiences and automated
 * messages marketers wrote and the language used to reject, written as they
 * wrote them for a ceramics shop, a yoga studio and a B2B webinar series: each
 * parses into what they meant and is judged.
 */
import { describe, expect, it } from 'vitest';
import type { Audience, Campaign, Flow, Offer, Tactic } from '../../src/language/generated/ast.js';
import { CHANNELS } from '../../src/language/model/channels.js';
import { check } from '../helpers.js';

const HEADER = `plan StudioFlow "Studio Flow yoga" {
    goal "Fill every class of the new studio by June"
    currency EUR
}
segment Locals "People who live near the studio" {
    who "Adults within 3 km who want to move more"
    habits {
        search google
        social instagram, whatsapp
        sites "Urban Sports Club"
    }
}
`;

async function parsed(text: string) {
    const result = await check(HEADER + text);
    expect(result.findings().filter(f => f.rule === 'syntax-error')).toEqual([]);
    return { result, elements: result.documents.get('plan.mplan')!.parseResult.value.elements.slice(2) };
}

describe('the channels marketers use today', () => {
    it.each(['podcast', 'sms', 'referral', 'retargeting', 'marketplace', 'reviews', 'push', 'messaging'])(
        'channel %s parses, and the model knows whether it is online and paid, owned or earned', async channel => {
            const { elements } = await parsed(`tactic T {\n    channel ${channel}\n}\n`);
            expect((elements[0] as Tactic).channel).toBe(channel);
            expect(CHANNELS[channel as keyof typeof CHANNELS]).toMatchObject({ online: true });
        });

    it('a referral programme, a WhatsApp broadcast and a class-pass listing are judged against the segment\'s habits', async () => {
        const { result } = await parsed(`tactic BringAFriend "Bring a friend" {
    channel referral
    audience Locals
    message "Your friend's first class is on us"
}
tactic Broadcast {
    channel messaging on whatsapp
    audience Locals
}
tactic ClassPass {
    channel marketplace on "ClassPass"
    audience Locals
    budget 150 EUR
}
`);
        // Locals read Urban Sports Club, not ClassPass: the listing will not reach them there.
        expect(result.findings().filter(f => f.rule === 'channel-habit-mismatch').map(f => f.message.split(':')[0])).toEqual([
            "Tactic 'ClassPass' sells on 'ClassPass', but segment 'Locals' reads Urban Sports Club"
        ]);
    });
});

describe('behavioural audiences', () => {
    it('an audience drawn from a segment, reached by a tactic, is judged by the segment\'s habits', async () => {
        const { elements, result } = await parsed(`audience NoShows "Booked and did not come" {
    of Locals
    who "Members who booked a trial class and missed it"
    behaviour "booked a trial class and did not show up"
    within 14 days
    size 40 to 60
}
tactic RetargetNoShows {
    channel retargeting on facebook
    audience NoShows
    frequency cap 2 per week
}
`);
        const audience = elements[0] as Audience;
        expect([audience.title, audience.behaviour?.value, audience.within?.amount, audience.within?.unit, audience.size, audience.sizeHigh, audience.segments[0].ref?.name])
            .toEqual(['Booked and did not come', 'booked a trial class and did not show up', 14, 'days', 40, 60, 'Locals']);
        expect((elements[1] as Tactic).audience[0].ref?.name).toBe('NoShows');
        // Locals are on instagram and whatsapp, not facebook: retargeting there misses them.
        expect(result.findings().filter(f => f.rule === 'channel-habit-mismatch').map(f => f.message.split(',')[0])).toEqual([
            "Tactic 'RetargetNoShows' retargets on 'facebook'"
        ]);
    });

    it('an audience that names no segment reaches no segment, and an unknown one is an unresolved reference', async () => {
        const { result } = await parsed('audience PastBuyers { behaviour purchased }\ntactic Ads { channel retargeting audience PastBuyers, Lapsed frequency cap 1 a day }\n');
        expect(result.findings().filter(f => f.rule === 'unresolved-reference').map(f => f.message.split('.')[0])).toEqual([
            "No segment or audience named 'Lapsed' is declared in this file or the files it imports"
        ]);
    });
});

describe('named automated flows', () => {
    it('a webinar reminder series: trigger, delayed steps with content, stop, sending hours', async () => {
        const { elements, result } = await parsed(`flow WebinarReminders "Webinar reminders" {
    channel sms
    audience Locals
    trigger "registered for the webinar"
    step "You're in: see you Thursday" with link
    step after 2 days "Tomorrow at 19:00" with reminder
    step after 23 hours with link
    stop when "the webinar starts", unsubscribed
    hours daily 9:00 to 20:00
    test "Emoji in the first text" metric clicks
}
`);
        const flow = elements[0] as Flow;
        expect(flow.steps.map(s => [s.delay?.amount, s.delay?.unit, s.subject, s.contents])).toEqual([
            [undefined, undefined, "You're in: see you Thursday", ['link']],
            [2, 'days', 'Tomorrow at 19:00', ['reminder']],
            [23, 'hours', undefined, ['link']]
        ]);
        expect(flow.stops.map(s => s.value)).toEqual(['the webinar starts', 'unsubscribed']);
        expect(flow.tests[0]).toMatchObject({ subject: 'Emoji in the first text', metric: 'clicks' });
        expect(result.rules()).not.toContain('flow-without-stop');
    });

    it('a post-purchase flow without a stop is judged, and counts as a way to bring buyers back', async () => {
        const { result } = await parsed(`flow AfterFirstClass {
    channel email
    trigger "first class attended"
    step after 1 day "How was it?" with survey
    step after 1 week "Your 10-class card" with offer
}
`);
        expect(result.rules()).toContain('flow-without-stop');
    });
});

describe('names of several words, keywords, hashtags, A/B tests, reviews, fees, commissions, cadence', () => {
    it('staff, departments and payment methods in quotes', async () => {
        const { elements, result } = await parsed(`campaign Opening {
    budget 2_000 EUR
    from 2027-03-01 to 2027-04-30
    staff "Ana Lima" 60%, "Jo Müller" 40% from "customer service", marketing
}
campaign Summer {
    budget 1_000 EUR
    from 2027-04-01 to 2027-06-30
    staff "Ana  Lima" 50%
}
offer {
    payments "Apple Pay", card, "SEPA direct debit"
}
`);
        const campaign = elements[0] as Campaign;
        expect(campaign.staff.map(s => [s.person, s.allocation])).toEqual([['Ana Lima', 60], ['Jo Müller', 40]]);
        expect(campaign.departments).toEqual(['customer service', 'marketing']);
        expect((elements[2] as Offer).payments).toEqual(['Apple Pay', 'card', 'SEPA direct debit']);
        // "Ana Lima" and "Ana  Lima" are one person: 110% in April, reported in each campaign as it names her.
        expect(result.findings().filter(f => f.rule === 'staff-overbooked').map(f => f.message.split(' from ')[0])).toEqual(['Ana Lima is booked at 110%', 'Ana  Lima is booked at 110%']);
        expect(result.rules()).not.toContain('few-payment-options');
    });

    it('SEO keywords, hashtags, an A/B test, a review target, a publishing cadence', async () => {
        const { elements } = await parsed(`tactic Search {
    channel seo on google
    keywords "yoga near me", "beginner yoga berlin", vinyasa
    test "Price in the page title" metric clicks
}
tactic Posts {
    channel social on instagram
    hashtags #StudioFlow, #yogaberlin, "#slow flow"
    publish 3 times per week
}
tactic GoogleReviews {
    channel reviews on google
    reviews 15 per month
    rating 4.8 of 5
}
`);
        const [search, posts, reviews] = elements as Tactic[];
        expect(search.keywords.map(k => k.value)).toEqual(['yoga near me', 'beginner yoga berlin', 'vinyasa']);
        expect(search.tests[0]).toMatchObject({ subject: 'Price in the page title', metric: 'clicks' });
        expect(posts.hashtags.map(h => h.value)).toEqual(['#StudioFlow', '#yogaberlin', '#slow flow']);
        expect(posts.cadence).toMatchObject({ times: 3, unit: 'week' });
        expect([reviews.reviews, reviews.reviewsPer, reviews.rating, reviews.ratingScale]).toEqual([15, 'month', 4.8, 5]);
    });

    it('an influencer fee and an affiliate commission count as spend in the campaign that runs them', async () => {
        const { result } = await parsed(`product TenClassCard { price 120 EUR }
strategy Fill { promotes TenClassCard }
tactic Creators {
    serves Fill
    channel influencer on instagram
    fee 500 EUR per month
    from 2027-03-01 to 2027-04-30
}
tactic Partners {
    serves Fill
    channel affiliate on "Urban Sports Club"
    commission 15% per sale
    expect 10 sales per month
    from 2027-03-01 to 2027-04-30
}
campaign Opening {
    budget 1_200 EUR
    from 2027-03-01 to 2027-04-30
    runs Creators, Partners
}
`);
        // 2 × 500 of fees and 2 × 10 × 18 of commission: 1,360 EUR against 1,200.
        expect(result.findings().filter(f => f.rule === 'budget-overrun').map(f => f.message.split('.')[0])).toEqual([
            "The tactics of campaign 'Opening' cost 1,360 EUR, 160 EUR more than its budget of 1,200 EUR"
        ]);
    });
});

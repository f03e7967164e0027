/**
 * The report and the preview show what "Real plans, part 2" added: what each
 * tactic pays (budget, fee, commission) by channel, by paid/owned/earned and
 * online/offline, and each automated flow as a timeline from its trigger to
 * what stops it. Built from a plan as a ceramics shop would write it.
 */
import { describe, expect, it } from 'vitest';
import { buildPlanReport } from '../../../src/language/report/build-report.js';
import type { PlanReport } from '../../../src/language/report/report-data.js';
import { renderReportHtml } from '../../../src/language/report/render-html.js';
import { renderReportMarkdown } from '../../../src/language/report/render-markdown.js';
import { check, services } from '../../helpers.js';

const KILN = `plan KilnAndCo "Kiln & Co. ceramics" {
    goal "Sell 400 hand-thrown mugs a month"
    currency USD
}
product Mug { price 38 USD }
segment HomeCooks { who "Cooks who collect tableware" }
audience CartAbandoners "Left a mug in the cart" {
    of HomeCooks
    behaviour "added a mug to the cart and left"
    within 7 days
}
strategy OwnShop {
    targets HomeCooks
    promotes Mug
}
tactic EtsyShop "Etsy storefront" {
    serves OwnShop
    channel marketplace on etsy
    budget 200 USD per month
    from 2027-03-01 to 2027-08-31
}
tactic Creators "Instagram creators" {
    serves OwnShop
    channel influencer on instagram
    fee 600 USD per month
    from 2027-03-01 to 2027-08-31
}
tactic Partners "Kitchen blogs" {
    serves OwnShop
    channel affiliate on "Food52"
    commission 10% per sale
    expect 40 sales per month
    from 2027-03-01 to 2027-08-31
}
tactic Podcast {
    serves OwnShop
    channel podcast on spotify
    publish every 2 weeks
    budget 150 USD per month
    from 2027-03-01 to 2027-08-31
}
tactic Fairs "Craft fairs" {
    serves OwnShop
    channel event
    budget 900 USD
    from 2027-05-01 to 2027-05-31
}
tactic Reviews {
    serves OwnShop
    channel reviews on trustpilot
    reviews 20 per month
    rating 4.7 of 5
}
flow AbandonedCart "Abandoned cart" {
    channel email
    audience CartAbandoners
    trigger "cart abandoned"
    step after 1 hour "Your mug is waiting" with reminder
    step after 1 day "How we glaze it" with story
    step after 2 days with faq
    stop when purchased, unsubscribed
}
flow Nudge {
    channel sms
    trigger "browsed twice"
    step "Back in stock: the blue glaze"
    hours weekdays 10:00 to 19:00
}
`;

async function report(): Promise<PlanReport> {
    const checked = await check(KILN);
    return (await buildPlanReport(services.Mplan, checked.documents.get('plan.mplan')!))!;
}

describe('the report of a plan with fees, commissions and flows', () => {
    it('counts fees and commissions as spend, by channel and by channel type', async () => {
        const { budget, plan } = await report();
        // Etsy 200 × 6, creators' fee 600 × 6, commission 40 sales × 3.80 USD × 6, podcast 150 × 6, fairs 900.
        expect(budget.byChannel.map(row => [row.name, row.amount])).toEqual([
            ['marketplace', 1_200], ['influencer', 3_600], ['affiliate', 912], ['podcast', 900], ['event', 900], ['reviews', 0]
        ]);
        expect(plan.tacticBudgets.amount).toBe(7_512);
        expect(budget.byMedia.map(row => [row.name, row.amount, row.tactics])).toEqual([
            ['paid', 5_712, ['Etsy storefront', 'Instagram creators', 'Kitchen blogs']],
            ['owned', 1_800, ['Podcast', 'Craft fairs']],
            ['earned', 0, ['Reviews']]
        ]);
        expect(budget.byPlace.map(row => [row.name, row.amount])).toEqual([['online', 6_612], ['offline', 900]]);
        expect(budget.byPlace[1].share).toBeCloseTo(900 / 7_512);
        expect(plan.counts).toMatchObject({ audiences: 1, flows: 2, tactics: 6 });
    });

    it('reads each flow as a timeline: trigger, steps counted from the trigger, stop', async () => {
        const { flows } = await report();
        expect(flows.map(flow => ({ ...flow, location: undefined, steps: flow.steps.map(step => [step.when, step.subject, step.contents]) }))).toEqual([
            {
                name: 'AbandonedCart', title: 'Abandoned cart', channel: 'email', trigger: 'cart abandoned', audience: ['Left a mug in the cart'],
                steps: [['after 1 hour', 'Your mug is waiting', ['reminder']], ['day 1', 'How we glaze it', ['story']], ['day 3', undefined, ['faq']]],
                stops: ['purchased', 'unsubscribed'], hours: undefined, busiestWeek: 3, location: undefined
            },
            {
                name: 'Nudge', title: undefined, channel: 'sms', trigger: 'browsed twice', audience: [],
                steps: [['at once', 'Back in stock: the blue glaze', []]], stops: [], hours: 'weekdays 10:00 to 19:00', busiestWeek: 1, location: undefined
            }
        ]);
        expect(flows[0].location?.range.start).toEqual({ line: 53, character: 0 });
    });

    it('shows the flows and the channel types in Markdown', async () => {
        const markdown = renderReportMarkdown(await report());
        expect(markdown).toContain([
            '### Abandoned cart (email)', '',
            '1. **Trigger:** cart abandoned, for Left a mug in the cart',
            '1. after 1 hour: "Your mug is waiting" with reminder',
            '1. day 1: "How we glaze it" with story',
            '1. day 3: with faq',
            '1. **Stops when:** purchased, unsubscribed', '',
            '3 steps; at most 3 in one week.'
        ].join('\n'));
        expect(markdown).toContain('1. **Stops when:** nothing stops it');
        expect(markdown).toContain('| paid | 5,712 USD | 76% | Etsy storefront, Instagram creators, Kitchen blogs |  |');
        expect(markdown).toContain('| offline | 900 USD | 12% | Craft fairs |  |');
    });

    it('shows each flow in the HTML report and the preview as an ordered timeline, plan text escaped', async () => {
        const data = await report();
        data.flows[1].trigger = '<img src=x onerror=alert(1)>';
        const html = renderReportHtml(data, { interactive: true });
        const section = html.slice(html.indexOf('<section id="flows">'), html.indexOf('</section>', html.indexOf('<section id="flows">')));
        expect(section).toContain('<ol class="flow-line" aria-label="Timeline of the flow, from its trigger to what stops it"><li class="flow-trigger"><span class="flow-when">trigger</span> cart abandoned<span class="muted"> for Left a mug in the cart</span></li>');
        expect(section).toContain('<span class="flow-when">day 3</span> with faq</li>');
        expect(section).toContain('<li class="flow-stop missing"><span class="flow-when">stops when</span> nothing stops it</li>');
        expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(section).not.toContain('<img');
        // The preview reveals a step in the plan when it is clicked: each step carries its place.
        expect(section).toMatch(/<li class="flow-step" data-uri="[^"]+" data-line="57" data-character="4">/);
    });

    it('says there is no flow when the plan has none', async () => {
        const checked = await check('plan P { goal "Sell mugs" currency USD }\n');
        const data = (await buildPlanReport(services.Mplan, checked.documents.get('plan.mplan')!))!;
        expect(renderReportMarkdown(data)).toContain('## Flows\n\nThe plan has no automated flow.');
        expect(data.budget.byMedia).toEqual([]);
    });
});

import { describe, expect, it } from 'vitest';
import { check, type Checked } from '../../helpers.js';

const ID = 'offline-segment-online-sale';

const HEADER = `plan CornerBakery {
    goal "Cater downtown offices"
    currency USD
}
`;

const SENIORS = `segment Seniors {
    who "Retired neighbours who buy cakes for their families"
    shops offline
}
`;

const MANAGERS = `segment Managers {
    who "Office managers"
    shops online
}
`;

const STRATEGY = `strategy Neighbourhood {
    statement "Be the bakery of the neighbourhood"
    targets Seniors, Managers
}
`;

function mine(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('fires on the channel of an online tactic aimed at a segment that shops offline', async () => {
        const text = HEADER + SENIORS + STRATEGY + MANAGERS + 'tactic CakeAds {\n    serves Neighbourhood\n    channel ppc on google\n    audience Seniors\n}\n';
        // HEADER 4, SENIORS 4, STRATEGY 4, MANAGERS 4: the tactic starts on line 17.
        expect(mine(await check(text))).toEqual([{
            rule: ID, severity: 'warning', line: 19, column: 13, endLine: 19, endColumn: 16,
            message: `Tactic 'CakeAds' sells online (ppc) to segment 'Seniors', who shop offline: buyers unwilling to purchase on the internet will not complete an online sale. Reach them through an offline channel, or aim this tactic at a segment that shops online.`
        }]);
    });

    it('points at the segment that shops offline', async () => {
        const result = await check(HEADER + SENIORS + 'tactic Newsletter { channel email audience Seniors }\n');
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === ID)!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([[5, "segment 'Seniors' shops offline"]]);
    });

    it.each(['seo', 'ppc', 'social', 'email', 'blog', 'content', 'display', 'affiliate', 'video', 'forum', 'webinar', 'influencer',
        'podcast', 'sms', 'referral', 'retargeting', 'marketplace', 'reviews', 'push', 'messaging'])(
        'fires for the online channel %s', async channel => {
            expect((await check(HEADER + SENIORS + `tactic T { channel ${channel} audience Seniors }\n`)).rules()).toContain(ID);
        });

    it.each(['print', 'radio', 'tv', 'mail', 'postcard', 'event', 'outdoor', 'pr', 'phone'])(
        'does not fire for the offline channel %s', async channel => {
            expect((await check(HEADER + SENIORS + `tactic T { channel ${channel} audience Seniors }\n`)).rules()).not.toContain(ID);
        });

    it('does not fire for segments that shop online or do not say how they shop', async () => {
        expect((await check(HEADER + MANAGERS + 'tactic T { channel ppc audience Managers }\n')).rules()).not.toContain(ID);
        expect((await check(HEADER + 'segment Anyone { who "Anyone" }\ntactic T { channel ppc audience Anyone }\n')).rules()).not.toContain(ID);
    });

    it('does not fire on a tactic with no channel (nothing says it sells online)', async () => {
        expect((await check(HEADER + SENIORS + 'tactic T { audience Seniors }\n')).rules()).not.toContain(ID);
    });

    it('fires on a tactic that reaches the segment through its strategy, and says how to narrow it', async () => {
        const text = HEADER + SENIORS + STRATEGY + MANAGERS + 'tactic Posts { serves Neighbourhood channel social on instagram }\n';
        expect(mine(await check(text)).map(f => f.message)).toEqual([
            `Tactic 'Posts' sells online (social) to segment 'Seniors', who shop offline: buyers unwilling to purchase on the internet will not complete an online sale. It reaches them through the strategies it serves: add 'audience' with the segments that shop online, or reach them through an offline channel.`
        ]);
    });

    it('does not fire when the tactic\'s audience leaves out the segment that shops offline', async () => {
        const text = HEADER + SENIORS + STRATEGY + MANAGERS + 'tactic Posts { serves Neighbourhood channel social on instagram audience Managers }\n';
        expect((await check(text)).rules()).not.toContain(ID);
    });

    it('names every segment that shops offline once', async () => {
        const text = HEADER + SENIORS + 'segment Farmers { shops offline }\ntactic T { channel email audience Seniors, Farmers, Seniors }\n';
        expect(mine(await check(text)).map(f => f.message.split(':')[0])).toEqual([
            "Tactic 'T' sells online (email) to segments 'Seniors' and 'Farmers', who shop offline"
        ]);
    });

    it('reports the plan\'s tactic, not the library that declares the segment', async () => {
        const result = await check({
            'plan.mplan': 'import "market.mplan"\n' + HEADER + 'tactic Newsletter { channel email audience Seniors }\n',
            'market.mplan': SENIORS
        });
        expect(mine(result, 'plan.mplan').map(f => f.line)).toEqual([6]);
        expect(mine(result, 'market.mplan')).toEqual([]);
    });

    it('reports a library\'s tactic in the library, whether or not a plan imports it', async () => {
        const library = 'import "market.mplan"\ntactic Newsletter { channel email audience Seniors }\n';
        const imported = await check({ 'plan.mplan': 'import "tactics.mplan"\n' + HEADER, 'tactics.mplan': library, 'market.mplan': SENIORS });
        expect(mine(imported, 'tactics.mplan').map(f => f.line)).toEqual([2]);
        expect(mine(imported, 'plan.mplan')).toEqual([]);
        const alone = await check({ 'tactics.mplan': library, 'market.mplan': SENIORS });
        expect(mine(alone, 'tactics.mplan').map(f => f.line)).toEqual([2]);
    });
});

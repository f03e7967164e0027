import { describe, expect, it } from 'vitest';
import { check, type Checked } from '../../helpers.js';

const ID = 'segment-without-habits';

const HEADER = `plan QuickSourdough {
    goal "Sell 2,000 copies of the book"
    currency USD
}
`;

const BAKERS = `segment HomeBakers {
    who "Home bakers who failed at sourdough once"
    age 25 to 60
}
`;

const BAKERS_WITH_HABITS = `segment HomeBakers {
    who "Home bakers who failed at sourdough once"
    habits {
        tools pinterest
    }
}
`;

const STRATEGY = `strategy ListFirst {
    statement "Build a list, then sell the book"
    targets HomeBakers
}
`;

function mine(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

describe(ID, () => {
    it('fires on the segment name when an online tactic is aimed at it and its habits are unknown', async () => {
        const text = HEADER + BAKERS + STRATEGY + 'tactic SearchAds { serves ListFirst channel ppc on google audience HomeBakers }\n';
        const result = await check(text);
        expect(mine(result)).toEqual([{
            rule: ID, severity: 'warning', line: 5, column: 9, endLine: 5, endColumn: 19,
            message: `Segment 'HomeBakers' is reached by online tactics (SearchAds), but its online habits are not stated: without knowing which search engines, sites and communities they use and when they are online, the tactics are aimed blind. Add 'habits { search … social … sites … online … }'.`
        }]);
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === ID)!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([[13, "online tactic 'SearchAds' (ppc) aimed at 'HomeBakers'"]]);
    });

    it('fires when the tactic reaches the segment through the strategy it serves', async () => {
        const text = HEADER + BAKERS + STRATEGY + 'tactic Newsletter { serves ListFirst channel email }\ntactic Posts { serves ListFirst channel forum on "r/Sourdough" }\n';
        expect(mine(await check(text)).map(f => f.message)).toEqual([expect.stringContaining("reached by online tactics (Newsletter, Posts)")]);
    });

    it('fires on an empty habits block, at the block', async () => {
        const text = HEADER + 'segment HomeBakers {\n    who "Home bakers"\n    habits { }\n}\n' + STRATEGY + 'tactic Newsletter { serves ListFirst channel email }\n';
        expect(mine(await check(text)).map(f => ({ line: f.line, column: f.column, message: f.message }))).toEqual([
            { line: 7, column: 5, message: expect.stringContaining("but its habits block is empty") }
        ]);
    });

    it('does not fire when the segment states any online habit', async () => {
        const text = HEADER + BAKERS_WITH_HABITS + STRATEGY + 'tactic Newsletter { serves ListFirst channel email }\n';
        expect((await check(text)).rules()).not.toContain(ID);
    });

    it('does not fire when only offline tactics reach the segment', async () => {
        const text = HEADER + BAKERS + STRATEGY + 'tactic Flyers { serves ListFirst channel print audience HomeBakers }\ntactic Fair { serves ListFirst channel event }\n';
        expect((await check(text)).rules()).not.toContain(ID);
    });

    it('does not fire when no tactic reaches the segment, or a tactic has no channel', async () => {
        expect((await check(HEADER + BAKERS + STRATEGY)).rules()).not.toContain(ID);
        expect((await check(HEADER + BAKERS + STRATEGY + 'tactic Unsure { serves ListFirst }\n')).rules()).not.toContain(ID);
    });

    it('follows a tactic\'s audience rather than its strategy\'s targets', async () => {
        const text = HEADER + BAKERS + BAKERS_WITH_HABITS.replace('HomeBakers', 'Pros')
            + 'strategy Both { statement "s" targets HomeBakers, Pros }\n'
            + 'tactic ProAds { serves Both channel ppc on google audience Pros }\n';
        expect((await check(text)).rules()).not.toContain(ID);
        expect((await check(text.replace('audience Pros', ''))).rules()).toContain(ID);
    });

    it('judges a library segment by the tactics of the plan that imports it', async () => {
        const result = await check({
            'plan.mplan': 'import "market.mplan"\n' + HEADER + STRATEGY + 'tactic Newsletter { serves ListFirst channel email }\n',
            'market.mplan': BAKERS
        });
        expect(mine(result, 'plan.mplan')).toEqual([]);
        expect(mine(result, 'market.mplan').map(f => f.line)).toEqual([1]);
        const related = result.documents.get('market.mplan')!.diagnostics!.find(d => d.code === ID)!.relatedInformation!;
        expect(related[0].location.uri).toMatch(/plan\.mplan$/);
    });

    it('judges a library by every plan that imports it', async () => {
        const result = await check({
            'print.mplan': 'import "market.mplan"\nplan PrintOnly { goal "g" }\n' + STRATEGY + 'tactic Flyers { serves ListFirst channel print }\n',
            'online.mplan': 'import "market.mplan"\nplan OnlineToo { goal "g" }\n' + STRATEGY.replace('ListFirst', 'Online') + 'tactic Newsletter { serves Online channel email }\n',
            'market.mplan': BAKERS
        });
        expect(mine(result, 'market.mplan').map(f => f.message)).toEqual([expect.stringContaining('(Newsletter)')]);
    });

    it('stays silent on a library no plan imports when nothing reaches its segment', async () => {
        expect((await check(BAKERS)).rules()).not.toContain(ID);
    });
});

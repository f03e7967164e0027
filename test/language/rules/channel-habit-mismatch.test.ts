import { describe, expect, it } from 'vitest';
import { check, type Checked } from '../../helpers.js';

const ID = 'channel-habit-mismatch';

const HEADER = `plan NordlysMobile {
    goal "Sell flagship phones to professionals"
    currency EUR
}
`;

/** A segment whose habits are the given lines (line 5 onwards of the plan). */
function segment(habits: string[], name = 'Pros'): string {
    return `segment ${name} {\n    who "Busy professionals"\n    habits {\n${habits.map(h => `        ${h}\n`).join('')}    }\n}\n`;
}

const PROS = segment(['search google', 'social linkedin', 'sites "Financial Times", Bloomberg', 'communities "Executive forums"', 'online weekdays 8:00 to 19:00']);

/** A tactic aimed at Pros, written on one line. */
function tactic(facts: string, name = 'Ads'): string {
    return `tactic ${name} { audience Pros ${facts} }\n`;
}

function mine(result: Checked, file?: string) {
    return result.findings(file).filter(f => f.rule === ID);
}

async function fires(text: string): Promise<boolean> {
    return (await check(text)).rules().includes(ID);
}

describe(ID, () => {
    describe('platforms', () => {
        it('fires on search ads on a search engine the segment does not use, at the platform', async () => {
            const text = HEADER + PROS + tactic('channel ppc on bing');
            // PROS spans lines 5-14; the tactic is line 15.
            expect(mine(await check(text))).toEqual([{
                rule: ID, severity: 'warning', line: 15, column: 43, endLine: 15, endColumn: 47,
                message: `Tactic 'Ads' buys search ads on 'bing', but segment 'Pros' searches on google: it will not reach them there. Move it to one of the search engines they use, or add 'bing' to their habits if they do use it.`
            }]);
        });

        it('points at the segment\'s habits as the related place', async () => {
            const result = await check(HEADER + PROS + tactic('channel seo on bing'));
            const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === ID)!;
            expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([[7, "the habits of segment 'Pros'"]]);
        });

        it('compares platform names case-insensitively and ignores extra spaces', async () => {
            expect(await fires(HEADER + PROS + tactic('channel ppc on Google'))).toBe(false);
            expect(await fires(HEADER + PROS + tactic('channel display on "financial  times"'))).toBe(false);
            expect(await fires(HEADER + PROS + tactic('channel social on LinkedIn'))).toBe(false);
        });

        it('reports the one platform of a list that the segment does not use', async () => {
            const found = mine(await check(HEADER + PROS + tactic('channel seo on google, yahoo, GOOGLE')));
            expect(found.map(f => [f.column, f.message.split(',')[0]])).toEqual([[51, "Tactic 'Ads' optimises for search on 'yahoo'"]]);
        });

        it.each([
            ['social', 'social on facebook', "Tactic 'Ads' posts on 'facebook', but segment 'Pros' is on linkedin"],
            ['display', 'display on "Daily Mail"', "Tactic 'Ads' shows display ads on 'Daily Mail', but segment 'Pros' reads Financial Times, Bloomberg"],
            ['forum', 'forum on "r/phones"', "Tactic 'Ads' posts in 'r/phones', but segment 'Pros' gathers in Executive forums"]
        ])('fires on %s on a platform outside the habits', async (_channel, channel, start) => {
            const found = mine(await check(HEADER + PROS + tactic(`channel ${channel}`)));
            expect(found.map(f => f.message.split(':')[0])).toEqual([start]);
        });

        it('judges ads on a network or site (ppc off search engines) against the networks and sites', async () => {
            expect(await fires(HEADER + PROS + tactic('channel ppc on linkedin'))).toBe(false);
            expect(await fires(HEADER + PROS + tactic('channel ppc on Bloomberg'))).toBe(false);
            const found = mine(await check(HEADER + PROS + tactic('channel ppc on tiktok')));
            expect(found.map(f => f.message)).toEqual([
                "Tactic 'Ads' buys ads on 'tiktok', but segment 'Pros' is on linkedin and reads Financial Times, Bloomberg: it will not reach them there. Move it to one of the social networks or sites they use, or add 'tiktok' to their habits if they do use it."
            ]);
        });

        it('accepts a platform the segment lists under another habit', async () => {
            const text = HEADER + segment(['social instagram', 'communities linkedin']) + tactic('channel social on linkedin');
            expect(await fires(text)).toBe(false);
        });

        it('fires on a facet the segment leaves out while naming others: an undeclared facet is not trusted', async () => {
            // The segment names its search engines and sites, and no social network: a tactic on instagram misses it.
            const readers = segment(['search google, bing', 'sites "Financial Times", Bloomberg']);
            const result = await check(HEADER + readers + tactic('channel social on instagram'));
            expect(mine(result)).toEqual([{
                rule: ID, severity: 'warning', line: 12, column: 46, endLine: 12, endColumn: 55,
                message: `Tactic 'Ads' posts on 'instagram', but segment 'Pros' names search engines and sites in its habits but no social network: it will not reach them there. Move it to one of the search engines or sites they use, or add 'instagram' to their habits if they do use it.`
            }]);
            const searchOnly = segment(['search google']);
            expect(await fires(HEADER + searchOnly + tactic('channel social on facebook'))).toBe(true);
            expect(await fires(HEADER + searchOnly + tactic('channel display on "Daily Mail"'))).toBe(true);
            expect(await fires(HEADER + searchOnly + tactic('channel forum on "r/phones"'))).toBe(true);
            expect(await fires(HEADER + searchOnly + tactic('channel ppc on linkedin'))).toBe(true);
            expect(await fires(HEADER + segment(['social linkedin']) + tactic('channel ppc on bing'))).toBe(true);
            expect(await fires(HEADER + segment(['social linkedin']) + tactic('channel retargeting on "Daily Mail"'))).toBe(true);
        });

        it('stays silent when the segment names no platform at all (only hours or tools), and on a platform it names', async () => {
            expect(await fires(HEADER + segment(['online weekdays 8:00 to 19:00']) + tactic('channel social on facebook'))).toBe(false);
            expect(await fires(HEADER + segment(['tools slack']) + tactic('channel social on facebook'))).toBe(false);
            expect(await fires(HEADER + segment(['search google', 'sites etsy']) + tactic('channel marketplace on Etsy'))).toBe(false);
            expect(await fires(HEADER + segment(['social instagram']) + tactic('channel retargeting on instagram'))).toBe(false);
        });

        it('judges the new channels: retargeting on networks and sites, marketplaces and review sites on sites', async () => {
            const result = await check(HEADER + PROS + tactic('channel marketplace on etsy') + tactic('channel reviews on trustpilot', 'Reviews') + tactic('channel retargeting on instagram', 'Retarget'));
            expect(mine(result).map(f => f.message.split(':')[0])).toEqual([
                "Tactic 'Ads' sells on 'etsy', but segment 'Pros' reads Financial Times, Bloomberg",
                "Tactic 'Reviews' gathers reviews on 'trustpilot', but segment 'Pros' reads Financial Times, Bloomberg",
                "Tactic 'Retarget' retargets on 'instagram', but segment 'Pros' is on linkedin and reads Financial Times, Bloomberg"
            ]);
        });

        it('stays silent on channels whose platforms are not habits (email, video, print)', async () => {
            expect(await fires(HEADER + PROS + tactic('channel video on youtube'))).toBe(false);
            expect(await fires(HEADER + PROS + tactic('channel print on "Daily Mail"'))).toBe(false);
            expect(await fires(HEADER + PROS + tactic('channel email'))).toBe(false);
        });

        it('stays silent when the segment has no habits (segment-without-habits covers that)', async () => {
            const text = HEADER + 'segment Pros { who "Busy professionals" }\n' + tactic('channel ppc on bing');
            expect(await fires(text)).toBe(false);
        });

        it('judges the segments a tactic reaches through its strategy, and names each one missed', async () => {
            const text = HEADER + PROS + segment(['search duckduckgo'], 'Students')
                + 'strategy Both { statement "s" targets Pros, Students }\n'
                + 'tactic Ads { serves Both channel ppc on bing }\n';
            const found = mine(await check(text));
            expect(found.map(f => f.message.split(':')[0])).toEqual([
                "Tactic 'Ads' buys search ads on 'bing', but segment 'Pros' searches on google and segment 'Students' searches on duckduckgo"
            ]);
            expect(await fires(text.replace('channel ppc on bing', 'channel ppc on bing audience Students').replace('search duckduckgo', 'search bing'))).toBe(false);
        });
    });

    describe('hours', () => {
        const at = (hours: string, online = ['online weekdays 8:00 to 19:00']) => HEADER + segment(online) + tactic(`channel social on linkedin hours ${hours}`);

        it('fires on hours outside the online windows, at the hours', async () => {
            const found = mine(await check(at('weekdays 20:00 to 22:00')));
            expect(found).toEqual([{
                rule: ID, severity: 'warning', line: 11, column: 61, endLine: 11, endColumn: 84,
                message: `Tactic 'Ads' runs weekdays 20:00 to 22:00, but segment 'Pros' is online weekdays 8:00 to 19:00: they are offline at those hours. Schedule it within their online hours.`
            }]);
        });

        it('does not fire exactly at the edges of a window, and fires one minute past them', async () => {
            expect(await fires(at('weekdays 8:00 to 19:00'))).toBe(false);
            expect(await fires(at('weekdays 9:00 to 12:00'))).toBe(false);
            const late = mine(await check(at('weekdays 8:00 to 19:01')));
            expect(late.map(f => f.message)).toEqual([expect.stringContaining('they are offline for part of that time')]);
            expect(await fires(at('weekdays 7:59 to 19:00'))).toBe(true);
        });

        it('minds the day sets: weekdays, weekends, daily and single days', async () => {
            expect(await fires(at('monday 9:00 to 10:00'))).toBe(false);
            expect(await fires(at('friday 9:00 to 10:00'))).toBe(false);
            expect(await fires(at('saturday 9:00 to 10:00'))).toBe(true);
            expect(await fires(at('weekends 9:00 to 10:00'))).toBe(true);
            expect(await fires(at('daily 9:00 to 10:00'))).toBe(true);
            expect(await fires(at('9:00 to 10:00'))).toBe(true);
            expect(await fires(at('sunday 11:00 to 12:00', ['online weekends 10:00 to 14:00']))).toBe(false);
            expect(await fires(at('weekdays 11:00 to 12:00', ['online daily 10:00 to 14:00']))).toBe(false);
            expect(await fires(at('weekdays 11:00 to 12:00', ['online 10:00 to 14:00']))).toBe(false);
        });

        it('counts the windows together', async () => {
            const online = ['online weekdays 8:00 to 19:00', 'online weekends 10:00 to 14:00'];
            expect(await fires(at('daily 10:00 to 12:00', online))).toBe(false);
            expect(await fires(at('daily 10:00 to 15:00', online))).toBe(true);
            expect(await fires(at('monday 8:00 to 20:00', ['online monday 8:00 to 12:00', 'online weekdays 12:00 to 20:00']))).toBe(false);
        });

        it('reads a window that ends before it starts as running past midnight', async () => {
            const night = ['online daily 20:00 to 2:00'];
            expect(await fires(at('daily 23:00 to 1:00', night))).toBe(false);
            expect(await fires(at('daily 23:00 to 3:00', night))).toBe(true);
            expect(await fires(at('saturday 0:30 to 1:30', ['online friday 22:00 to 2:00']))).toBe(false);
        });

        it('stays silent when the segment states no online hours, or the tactic no hours', async () => {
            expect(await fires(at('weekends 20:00 to 22:00', ['social linkedin']))).toBe(false);
            expect(await fires(HEADER + PROS + tactic('channel social on linkedin'))).toBe(false);
        });

        it('stays silent on offline channels, whose hours are not online hours', async () => {
            const text = HEADER + PROS + tactic('channel radio hours weekdays 6:00 to 7:00');
            expect(await fires(text)).toBe(false);
        });

        it('stays silent on a time that does not exist', async () => {
            expect(await fires(at('weekdays 25:00 to 26:00'))).toBe(false);
        });
    });

    it('judges a plan\'s tactic against a library segment, reporting in the plan only', async () => {
        const result = await check({
            'plan.mplan': 'import "market.mplan"\n' + HEADER + tactic('channel ppc on bing hours weekends 10:00 to 12:00'),
            'market.mplan': PROS
        });
        expect(mine(result, 'plan.mplan').map(f => [f.line, f.column])).toEqual([[6, 43], [6, 54]]);
        expect(mine(result, 'market.mplan')).toEqual([]);
        const related = result.documents.get('plan.mplan')!.diagnostics!.filter(d => d.code === ID).map(d => d.relatedInformation![0].location.uri);
        expect(related.every(uri => uri.endsWith('market.mplan'))).toBe(true);
    });

    it('judges a library\'s tactic in the library', async () => {
        const result = await check({
            'plan.mplan': 'import "tactics.mplan"\nimport "market.mplan"\n' + HEADER,
            'tactics.mplan': 'import "market.mplan"\n' + tactic('channel social on facebook'),
            'market.mplan': PROS
        });
        expect(mine(result, 'tactics.mplan').map(f => f.line)).toEqual([2]);
        expect(mine(result, 'plan.mplan')).toEqual([]);
        expect(mine(result, 'market.mplan')).toEqual([]);
        expect(result.rules('tactics.mplan')).not.toContain('import-cycle');
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
segment Managers {
    who "Office managers"
}
strategy Office {
    statement "Own office catering"
    targets Managers
}
tactic Ads {
    serves Office
    channel ppc on linkedin
}
tactic Flyers {
    serves Office
    channel print
}
`;

describe('unharmonized-channels', () => {
    it('fires on the strategy name when online and offline tactics share no message', async () => {
        const result = await check(PLAN);
        expect(result.findings()).toContainEqual({
            rule: 'unharmonized-channels', severity: 'info', line: 8, column: 10, endLine: 8, endColumn: 16,
            message: "Strategy 'Office' reaches customers online (Ads) and offline (Flyers), but no message is set for the strategy or its tactics, so customers may not follow what you are saying. Add 'message \"…\"' to the strategy: the one line all its tactics repeat."
        });
    });

    it('lists the tactics involved as related places', async () => {
        const result = await check(PLAN);
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === 'unharmonized-channels')!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([
            [12, "online tactic 'Ads' (ppc), no message"],
            [16, "offline tactic 'Flyers' (print), no message"]
        ]);
    });

    it('does not fire when the strategy states the shared message', async () => {
        const text = PLAN.replace('    targets Managers\n', '    targets Managers\n    message "Fresh pastries for your 9 o\'clock"\n');
        expect((await check(text)).rules()).not.toContain('unharmonized-channels');
    });

    it('does not fire when every tactic carries the same message, whatever its case and spacing', async () => {
        const text = PLAN
            .replace('channel ppc on linkedin', 'channel ppc on linkedin\n    message "Fresh pastries for your 9 o\'clock"')
            .replace('channel print', 'channel print\n    message "fresh pastries  for your 9 o\'clock "');
        expect((await check(text)).rules()).not.toContain('unharmonized-channels');
    });

    it('fires when the strategy has a message but its online and offline tactics each say something else', async () => {
        // Before, any strategy message silenced the rule; what customers hear is what the tactics say.
        const text = PLAN
            .replace('    targets Managers\n', '    targets Managers\n    message "Fresh pastries for your 9 o\'clock"\n')
            .replace('channel ppc on linkedin', 'channel ppc on linkedin\n    message "Catering for teams of 10 to 200"')
            .replace('channel print', 'channel print\n    message "Ten percent off every order"');
        const result = await check(text);
        expect(result.findings().filter(f => f.rule === 'unharmonized-channels')).toEqual([{
            rule: 'unharmonized-channels', severity: 'info', line: 11, column: 13, endLine: 11, endColumn: 48,
            message: "Strategy 'Office' reaches customers online (Ads) and offline (Flyers), but its tactics say 2 different things, not all of them the strategy's message, so customers may not follow what you are saying. Make each tactic's message carry the strategy's line (\"Fresh pastries for your 9 o'clock\"), or drop the tactics' own messages so they repeat it."
        }]);
    });

    it('fires when one tactic repeats the strategy\'s message and the other says something else', async () => {
        const text = PLAN
            .replace('    targets Managers\n', '    targets Managers\n    message "Fresh pastries for your 9 o\'clock"\n')
            .replace('channel print', 'channel print\n    message "Ten percent off every order"');
        const result = await check(text);
        const diagnostic = result.documents.get('plan.mplan')!.diagnostics!.find(d => d.code === 'unharmonized-channels')!;
        expect(diagnostic.relatedInformation?.map(r => [r.location.range.start.line + 1, r.message])).toEqual([
            [13, "online tactic 'Ads' (ppc), the strategy's message"],
            [17, "offline tactic 'Flyers' (print): \"Ten percent off every order\""]
        ]);
    });

    it('does not fire when the tactics\' own messages say what the strategy\'s does, or carry its line word for word', async () => {
        const text = PLAN
            .replace('    targets Managers\n', '    targets Managers\n    message "Fresh pastries for your 9 o\'clock"\n')
            .replace('channel print', 'channel print\n    message "Fresh pastries for your 9 o\'clock"');
        expect((await check(text)).rules()).not.toContain('unharmonized-channels');
        const adapted = PLAN
            .replace('    targets Managers\n', '    targets Managers\n    message "Fresh, same day"\n')
            .replace('channel ppc on linkedin', 'channel ppc on linkedin\n    message "Lunch meeting tomorrow? Fresh, same day."')
            .replace('channel print', 'channel print\n    message "Office catering: fresh - same day!"');
        expect((await check(adapted)).rules()).not.toContain('unharmonized-channels');
        // The same idea in other words is another message: customers hear two lines.
        expect((await check(adapted.replace('Office catering: fresh - same day!', 'Same-day office catering downtown'))).rules()).toContain('unharmonized-channels');
    });

    it('fires when the tactics carry different messages', async () => {
        const text = PLAN
            .replace('channel ppc on linkedin', 'channel ppc on linkedin\n    message "Fresh pastries for your 9 o\'clock"')
            .replace('channel print', 'channel print\n    message "Ten percent off every order"');
        const result = await check(text);
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'unharmonized-channels', message: expect.stringContaining('but its tactics carry 2 different messages')
        }));
    });

    it('fires when only some tactics carry the message', async () => {
        const text = PLAN.replace('channel ppc on linkedin', 'channel ppc on linkedin\n    message "Fresh pastries for your 9 o\'clock"');
        const result = await check(text);
        expect(result.findings()).toContainEqual(expect.objectContaining({
            rule: 'unharmonized-channels', message: expect.stringContaining('but only some of its tactics carry a message (none in Flyers)')
        }));
    });

    it('does not fire on a strategy reached only online, or only offline', async () => {
        expect((await check(PLAN.replace('channel print', 'channel email'))).rules()).not.toContain('unharmonized-channels');
        expect((await check(PLAN.replace('channel ppc on linkedin', 'channel radio'))).rules()).not.toContain('unharmonized-channels');
    });

    it('ignores a tactic with no channel, which reaches nobody yet', async () => {
        const message = '\n    message "Fresh pastries for your 9 o\'clock"';
        const text = PLAN.replace('channel ppc on linkedin', 'channel ppc on linkedin' + message).replace('channel print', 'channel print' + message)
            + 'tactic Draft {\n    serves Office\n}\n';
        expect((await check(text)).rules()).not.toContain('unharmonized-channels');
    });

    it('judges a library strategy by the tactics of the plan that imports it, and reports it in the library', async () => {
        const files = {
            'strategies.mplan': 'strategy Office {\n    statement "Own office catering"\n}\n',
            'plan.mplan': 'import "strategies.mplan"\nplan Bakery { goal "Be the caterer of downtown offices" }\n'
                + 'tactic Ads { serves Office channel ppc message "Fresh at nine" }\ntactic Radio { serves Office channel radio message "Cheapest in town" }\n'
        };
        const result = await check(files);
        expect(result.findings('strategies.mplan')).toContainEqual(expect.objectContaining({
            rule: 'unharmonized-channels', line: 1, column: 10,
            message: expect.stringContaining("Strategy 'Office' reaches customers online (Ads) and offline (Radio), but its tactics carry 2 different messages")
        }));
        const related = result.documents.get('strategies.mplan')!.diagnostics!.find(d => d.code === 'unharmonized-channels')!.relatedInformation!;
        expect(related.map(r => [r.location.uri, r.message])).toEqual([
            ['file:///workspace/plan.mplan', "online tactic 'Ads' (ppc): \"Fresh at nine\""],
            ['file:///workspace/plan.mplan', "offline tactic 'Radio' (radio): \"Cheapest in town\""]
        ]);
        expect(result.rules('plan.mplan')).not.toContain('unharmonized-channels');
    });

    it('stays silent on a library strategy that no tactic of the plan serves', async () => {
        const result = await check('strategy Office { statement "Own office catering" }\ntactic Ads { channel ppc }\ntactic Radio { channel radio }\n');
        expect(result.rules()).not.toContain('unharmonized-channels');
    });
});

import { describe, expect, it } from 'vitest';
import { check } from '../../helpers.js';

const PLAN = `plan Bakery {
    goal "Be the caterer of downtown offices"
    currency USD
}
competitor SweetCo {
    strength "Lower prices"
    weakness "Two-day delivery"
    we differ by "Same-day delivery"
}
`;

const research = (facts: string): string => `research {\n${facts}}\n`;

function researchFinding(result: Awaited<ReturnType<typeof check>>, file?: string) {
    return result.findings(file).filter(f => f.rule === 'no-market-research');
}

/** The rule stays silent on a file that parses. */
function expectQuiet(result: Awaited<ReturnType<typeof check>>, file?: string): void {
    expect(result.rules(file)).not.toContain('no-market-research');
    expect(result.rules(file)).not.toContain('syntax-error');
}

describe('no-market-research', () => {
    it('fires on the plan name when the plan has no research', async () => {
        const result = await check(PLAN);
        expect(result.findings()).toContainEqual({
            rule: 'no-market-research', severity: 'warning', line: 1, column: 6, endLine: 1, endColumn: 12,
            message: "The plan records no market research: study sellers of the same or a similar product and consult the forums where buyers talk, to make sure you have something that will sell. Add a 'research' block with 'studied', 'consulted' and 'finding'."
        });
    });

    it.each([
        ['a competitor studied', '    studied SweetCo\n'],
        ['a seller studied by name', '    studied "Bakery Express"\n'],
        ['a forum consulted', '    consulted "r/OfficeManagers"\n']
    ])('does not fire with %s and a finding', async (_, source) => {
        const result = await check(PLAN + research(source + '    finding "No one delivers on the same day"\n'));
        expectQuiet(result);
    });

    it('says when the research recorded no finding', async () => {
        const result = await check(PLAN + research('    studied SweetCo, "Bakery Express"\n    consulted "r/OfficeManagers"\n'));
        expect(researchFinding(result)).toEqual([expect.objectContaining({
            line: 1, column: 6,
            message: `The plan's research (line 10) studied SweetCo, "Bakery Express", "r/OfficeManagers" but recorded no finding: write down what you learned, above all whether the product will sell, with 'finding "…"'.`
        })]);
    });

    it('says when the findings do not say what was studied', async () => {
        const result = await check(PLAN + 'research Forums {\n    finding "Managers order on Mondays"\n}\n');
        expect(researchFinding(result)[0].message).toBe(
            "The plan's research 'Forums' (line 10) records findings but not where they come from: add the sellers of the same or a similar product you studied ('studied') or the forums and communities you consulted ('consulted')."
        );
    });

    it('says when the research block is empty', async () => {
        const result = await check(PLAN + 'research { }\n');
        expect(researchFinding(result)[0].message).toBe(
            "The plan's research (line 10) studied nothing and recorded no finding: name the sellers of the same or a similar product you studied and the forums you consulted, and write down what you learned."
        );
    });

    it('wants the sources and the findings in the same research block', async () => {
        const text = PLAN + research('    studied SweetCo\n') + research('    finding "Managers order on Mondays"\n');
        const [found] = researchFinding(await check(text));
        expect(found.message).toContain("The plan's research (line 13) records findings but not where they come from");
    });

    it('does not count empty texts as findings', async () => {
        const result = await check(PLAN + research('    studied SweetCo\n    finding ""\n'));
        expect(researchFinding(result)[0].message).toContain('recorded no finding');
    });

    it('counts research in an imported library, and names where it is', async () => {
        const ok = await check({
            'plan.mplan': 'import "market.mplan"\n' + PLAN,
            'market.mplan': research('    consulted "r/OfficeManagers"\n    finding "Managers order on Mondays"\n')
        });
        expectQuiet(ok);
        expectQuiet(ok, 'market.mplan');

        const partial = await check({ 'plan.mplan': 'import "market.mplan"\n' + PLAN, 'market.mplan': research('    consulted "r/OfficeManagers"\n') });
        expect(researchFinding(partial)[0].message).toContain("The plan's research (market.mplan:1) studied \"r/OfficeManagers\" but recorded no finding");
    });

    it('does not run on a library', async () => {
        const result = await check({ 'market.mplan': 'competitor SweetCo { strength "Cheap" }\n' });
        expectQuiet(result, 'market.mplan');
    });
});

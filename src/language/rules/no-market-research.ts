import type { Research, Source } from '../generated/ast.js';
import type { PlanModel } from '../model/plan-model.js';
import type { Rule } from './rule.js';

function sourcesOf(research: Research): Source[] {
    return [...research.studied, ...research.consulted].filter(source => source.competitor || source.text?.trim());
}

function hasFindings(research: Research): boolean {
    return research.findings.some(text => text.trim() !== '');
}

function sourceName(source: Source): string {
    return source.competitor ? source.competitor.$refText : `"${source.text}"`;
}

function label(model: PlanModel, research: Research): string {
    return research.name ? `research '${research.name}' (${model.where(research)})` : `research (${model.where(research)})`;
}

export const noMarketResearch: Rule = {
    id: 'no-market-research',
    severity: 'warning',
    area: 'research',
    scope: 'plan',
    basis: '000 #4, 001',
    description: 'No research that studied sellers of the same or a similar product or consulted forums, and recorded its findings.',
    check(model, report) {
        const blocks = model.all.research;
        if (blocks.some(research => sourcesOf(research).length > 0 && hasFindings(research))) return;
        const withFindings = blocks.find(hasFindings);
        const withSources = blocks.find(research => sourcesOf(research).length > 0);
        let message: string;
        let missing: string[];
        let at: Research | undefined;
        let note = '';
        if (withFindings) {
            at = withFindings;
            missing = ['sources'];
            note = 'findings with no source';
            message = `The plan's ${label(model, at)} records findings but not where they come from: add the sellers of the same or a similar product you studied ('studied') or the forums and communities you consulted ('consulted').`;
        } else if (withSources) {
            at = withSources;
            missing = ['findings'];
            note = 'research with no finding';
            const sources = sourcesOf(at);
            const names = sources.slice(0, 3).map(sourceName).join(', ') + (sources.length > 3 ? ', …' : '');
            message = `The plan's ${label(model, at)} studied ${names} but recorded no finding: write down what you learned, above all whether the product will sell, with 'finding "…"'.`;
        } else if (blocks.length > 0) {
            at = blocks[0];
            missing = ['sources', 'findings'];
            note = 'research with nothing studied and no finding';
            message = `The plan's ${label(model, at)} studied nothing and recorded no finding: name the sellers of the same or a similar product you studied and the forums you consulted, and write down what you learned.`;
        } else {
            missing = ['research'];
            message = `The plan records no market research: study sellers of the same or a similar product and consult the forums where buyers talk, to make sure you have something that will sell. Add a 'research' block with 'studied', 'consulted' and 'finding'.`;
        }
        report({
            node: model.plan!,
            property: 'name',
            message,
            data: { missing },
            related: at ? [{ node: at, message: note }] : undefined
        });
    }
};
